/**
 * What the tracker e2e tests expect to find for two of the replica's TikTok campaigns, built
 * from the replica's own scenario data (never from the extension's code).
 */
import { accounts, findCampaign, formatDate } from '../replica/scenario.mjs';
import { urlsFor } from '../replica/server.mjs';
import type { DiscoveredTask } from '../../utils/tracker/schema';

export const IMPACT = 'https://app.impact.com';

/** Summer Glow Serum Launch (41207) and Holiday Gift Guide 2026 (41288): one TikTok task each. */
export const TRACKED = [
  { campaignId: '41207', taskId: '880101' },
  { campaignId: '41288', taskId: '880404' },
] as const;

export function taskDetailsUrl(campaignId: string, taskId: string): string {
  return IMPACT + urlsFor({ family: 'semantic', campaignId, taskId }).taskDetails!;
}

/** The task as the content script reports it from View Task Details (used to seed). */
export function discovered(campaignId: string, taskId: string): DiscoveredTask {
  const campaign = findCampaign(campaignId)!;
  const task = campaign.tasks.find((t) => t.id === taskId)!;
  const account = accounts.find((a) => a.id === campaign.accountId)!;
  return {
    accountId: account.id,
    accountName: account.name,
    campaignId,
    campaignName: campaign.name,
    brand: campaign.brand,
    taskId,
    taskName: task.name,
    impactStatus: task.status,
    dueDate: formatDate(task.dueDate),
    inviteLink: task.ttcm!.inviteLink!,
    campaignCode: task.ttcm!.campaignCode,
    authorizationDays: task.ttcm!.authWindowDays,
    taskUrl: taskDetailsUrl(campaignId, taskId),
  };
}

export const CSV_HEADER =
  'Account,Campaign,Brand,Task,State,impact.com status,Due date,Invite link,Campaign code,Path,Steps done,Last retrieve attempt,Archived';
