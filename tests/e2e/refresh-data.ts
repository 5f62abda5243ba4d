/**
 * Shared pieces of the Refresh all e2e tests: what the replica's scenario says Refresh all must
 * find (every TikTok task of every Participating campaign with a TikTok icon, of the signed-in
 * account), and the Participating page's address per family.
 */
import { campaignsForAccount, defaultAccountId } from '../replica/scenario.mjs';
import { urlsFor } from '../replica/server.mjs';
import { IMPACT, type Family } from './retrieve-data';

interface ScenarioTask {
  id: string;
  name: string;
  platform: string | null;
}
interface ScenarioCampaign {
  id: string;
  name: string;
  platforms: string[];
  tasks: ScenarioTask[];
}

const campaigns = campaignsForAccount(defaultAccountId) as ScenarioCampaign[];

/** The campaigns Refresh all walks: a TikTok icon on their tile. */
export const TIKTOK_CAMPAIGNS = campaigns.filter((c) => c.platforms.includes('tiktok')).map((c) => c.id);
/** The same campaigns by name (a family that shows no campaign ids is checked by names). */
export const TIKTOK_CAMPAIGN_NAMES = campaigns.filter((c) => c.platforms.includes('tiktok')).map((c) => c.name);
/** The task ids it must list: every TikTok task of those campaigns, and nothing else. */
export const EXPECTED_TASK_IDS = campaigns
  .filter((c) => c.platforms.includes('tiktok'))
  .flatMap((c) => c.tasks.filter((t) => t.platform === 'tiktok').map((t) => t.id))
  .sort();

/** The same tasks as "campaign › task" (a family that shows no ids is checked by names). */
export const EXPECTED_TASK_NAMES = campaigns
  .filter((c) => c.platforms.includes('tiktok'))
  .flatMap((c) => c.tasks.filter((t) => t.platform === 'tiktok').map((t) => `${c.name} › ${t.name}`))
  .sort();

/** A hand-written family, or a markup-fuzzer seed (tests/replica/fuzz) by its number. */
export type WalkFamily = Family | { fuzzSeed: number };

export function participatingUrl(family: WalkFamily): string {
  return IMPACT + (typeof family === 'string' ? urlsFor({ family }) : urlsFor({ family: 'fuzz', seed: family.fuzzSeed })).findCampaigns;
}

/** A walk's name in a test title. */
export const walkName = (family: WalkFamily) => (typeof family === 'string' ? `${family} family` : `fuzz seed ${family.fuzzSeed}`);

/** REFRESH_FAMILY=semantic|uicl|hashed|<fuzz seed> walks that one instead, by hand. */
export function walksFromEnv(defaults: WalkFamily[]): WalkFamily[] {
  const chosen = process.env.REFRESH_FAMILY;
  if (!chosen) return defaults;
  return [/^\d+$/.test(chosen) ? { fuzzSeed: Number(chosen) } : (chosen as Family)];
}

/** The replica's settings for a walk: pages the walk opens without ?family= show the same markup. */
export function replicaConfig(family: WalkFamily): Record<string, unknown> {
  return typeof family === 'string' ? { family } : { family: 'fuzz', fuzzSeed: family.fuzzSeed };
}
