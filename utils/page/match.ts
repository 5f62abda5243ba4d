/**
 * Which tracked tasks belong to a campaign tile: same account (when both sides say), same
 * campaign (by id when both sides know it, else by name). Pure, so it is unit-tested.
 */
import type { TrackedTask } from '../tracker/schema';
import { fold } from './text';

export interface TileIdentity {
  campaignId?: string;
  campaignName: string;
}

export interface AccountIdentity {
  accountId?: string;
  accountName?: string;
}

export function tasksForTile(tasks: Iterable<TrackedTask>, tile: TileIdentity, account: AccountIdentity): TrackedTask[] {
  const out: TrackedTask[] = [];
  for (const task of tasks) {
    if (task.accountId && account.accountId) {
      if (task.accountId !== account.accountId) continue;
    } else if (task.accountName && account.accountName && fold(task.accountName) !== fold(account.accountName)) continue;
    const sameCampaign =
      task.campaignId && tile.campaignId ? task.campaignId === tile.campaignId : fold(task.campaignName) === fold(tile.campaignName) && fold(tile.campaignName) !== '';
    if (sameCampaign) out.push(task);
  }
  return out.sort((a, b) => a.taskName.localeCompare(b.taskName) || a.key.localeCompare(b.key));
}
