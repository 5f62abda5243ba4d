/**
 * The one TikTok task most worker and tracker tests are about: campaign 1001 "Glow Serum
 * Launch", task 5001 "TikTok Video", as a page of the campaign's tasks shows it. A test
 * states only what it depends on beyond this (an invite link, an account, another page).
 */
import type { DiscoveredTask } from '../../utils/tracker/schema';

/** The campaign's tasks page, with the `execution` parameter impact.com adds per visit. */
export const GLOW_CAMPAIGN_PAGE = 'https://app.impact.com/secure/mediapartner/campaigns/tasks-flow.ihtml?execution=e2s1&campaignId=1001';

export function glowVideo(changes: Partial<DiscoveredTask> = {}): DiscoveredTask {
  return {
    campaignId: '1001',
    campaignName: 'Glow Serum Launch',
    brand: 'Lumière',
    taskId: '5001',
    taskName: 'TikTok Video',
    taskUrl: `${GLOW_CAMPAIGN_PAGE}&taskId=5001`,
    ...changes,
  };
}
