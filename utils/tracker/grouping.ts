/**
 * The popup's order: the task(s) of the campaign open in the current tab first, then every
 * other task grouped by campaign, the groups with something left to do first.
 */
import type { TrackedTask } from './schema';
import { dueSortKey } from '../due-date';
import { isOnCampaign, isSameTaskPage } from '../background/tab-match';

export interface CampaignGroup {
  id: string;
  campaignName: string;
  brand: string;
  accountName?: string;
  tasks: TrackedTask[];
}

export interface PopupOrder {
  /** Tasks of the campaign (or the task) shown in the active tab. */
  current: TrackedTask[];
  groups: CampaignGroup[];
}

/**
 * Does the active tab show this task? Either it is the page the task was found on, or the
 * address names the task's campaign id. The same rules pick the tab for "Retrieve my post"
 * (background/tab-match.ts), so the popup and the worker agree on what "this tab" is.
 */
export function tabShowsTask(tabUrl: string | undefined, task: Pick<TrackedTask, 'taskUrl' | 'campaignId'>): boolean {
  return isSameTaskPage(tabUrl, task.taskUrl) || isOnCampaign(tabUrl, task);
}

function fold(value: string | undefined): string {
  return (value ?? '').normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Same account and campaign: by id when known, by name otherwise (like taskKey). */
export function campaignGroupId(task: TrackedTask): string {
  return JSON.stringify([task.accountId ?? fold(task.accountName), task.campaignId ?? fold(task.campaignName)]);
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
const isOpen = (t: TrackedTask) => t.state !== 'submitted';

/** Open tasks first, then by due date, then by name. */
function compareTasks(a: TrackedTask, b: TrackedTask): number {
  return (
    Number(isOpen(b)) - Number(isOpen(a)) ||
    dueSortKey(a.dueDate) - dueSortKey(b.dueDate) ||
    collator.compare(a.taskName, b.taskName) ||
    (a.key < b.key ? -1 : 1)
  );
}

function earliestOpenDue(group: CampaignGroup): number {
  let best = Number.POSITIVE_INFINITY;
  for (const t of group.tasks) if (isOpen(t)) best = Math.min(best, dueSortKey(t.dueDate));
  return best;
}

export function orderForPopup(tasks: readonly TrackedTask[], tabUrl: string | undefined): PopupOrder {
  const current: TrackedTask[] = [];
  const byCampaign = new Map<string, CampaignGroup>();
  for (const task of tasks) {
    if (tabShowsTask(tabUrl, task)) {
      current.push(task);
      continue;
    }
    const id = campaignGroupId(task);
    let group = byCampaign.get(id);
    if (!group) {
      group = { id, campaignName: task.campaignName, brand: task.brand, accountName: task.accountName, tasks: [] };
      byCampaign.set(id, group);
    }
    group.tasks.push(task);
  }
  current.sort(compareTasks);
  const groups = [...byCampaign.values()];
  for (const g of groups) g.tasks.sort(compareTasks);
  const open = new Map(groups.map((g) => [g, g.tasks.some(isOpen)]));
  const due = new Map(groups.map((g) => [g, earliestOpenDue(g)]));
  groups.sort(
    (a, b) =>
      Number(open.get(b)) - Number(open.get(a)) ||
      due.get(a)! - due.get(b)! ||
      collator.compare(a.campaignName, b.campaignName) ||
      (a.id < b.id ? -1 : 1),
  );
  return { current, groups };
}
