/**
 * Shared pieces of the "Retrieve my post" e2e tests: replica addresses and names from the
 * replica's own scenario data, its retrieve log, and a polling helper.
 */
import { findCampaign, ids } from '../replica/scenario.mjs';
import { urlsFor } from '../replica/server.mjs';
import { replicaControl, type Replica } from './harness';

export const IMPACT = 'https://app.impact.com';
export type Family = 'semantic' | 'uicl' | 'hashed';

function named(campaignId: string, taskId: string) {
  const campaign = findCampaign(campaignId)!;
  return { campaignId, campaignName: campaign.name, taskId, taskName: campaign.tasks.find((t) => t.id === taskId)!.name };
}

/** A campaign with one TikTok task. */
export const SUMMER_GLOW = named(ids.tiktokOnly.campaignId, ids.tiktokOnly.taskId);
/** A campaign with two TikTok tasks. */
export const TWO_VIDEOS = {
  campaignId: ids.twoTikTokTasks.campaignId,
  campaignName: findCampaign(ids.twoTikTokTasks.campaignId)!.name,
  unboxing: named(ids.twoTikTokTasks.campaignId, ids.twoTikTokTasks.taskIds[0]!),
  styling: named(ids.twoTikTokTasks.campaignId, ids.twoTikTokTasks.taskIds[1]!),
};

export function pageUrls(family: Family, campaignId: string, taskId?: string) {
  const urls = urlsFor({ family, campaignId, taskId });
  return {
    manageTasks: IMPACT + urls.manageTasks,
    /** The address View Task Details shows (the task list itself where the slide-out has none). */
    task: IMPACT + (urls.taskDetails ?? urls.manageTasks),
  };
}

export interface RetrieveRequest {
  campaignId: string | null;
  taskId: string;
  outcome: string;
}

export async function retrieveRequests(replica: Replica): Promise<RetrieveRequest[]> {
  return (await replicaControl(replica, '/__replica/retrieves')) as RetrieveRequest[];
}

export async function resetReplica(replica: Replica, config: unknown = {}): Promise<void> {
  await replicaControl(replica, '/__replica/reset', {});
  await replicaControl(replica, '/__replica/config', config);
}

/**
 * Polls `read` until it gives something truthy (a thrown error, e.g. from a page that is
 * loading, counts as "not yet"); fails naming `what` and the last value after `ms`.
 */
export async function waitFor<T>(what: string, read: () => Promise<T | null | undefined | false>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const value = await read();
      if (value) return value;
      last = value;
    } catch (error) {
      last = error instanceof Error ? error.message.split('\n')[0] : error;
    }
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what} (last: ${JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
