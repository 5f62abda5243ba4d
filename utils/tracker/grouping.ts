/**
 * The popup's order: the task(s) of the campaign open in the current tab first, then every
 * other task grouped by campaign, the groups with something left to do first.
 */
import type { TrackedTask } from './schema';
import { fold } from './keys';
import { dueSortKey } from '../due-date';
import { createTabMatcher } from '../page/urls';

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

/** Same account and campaign: by id when known, by name otherwise (like taskKey). */
export function campaignGroupId(task: TrackedTask): string {
  return JSON.stringify([task.accountId ?? fold(task.accountName), task.campaignId ?? fold(task.campaignName)]);
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
const isOpen = (t: TrackedTask) => t.state !== 'submitted';

/** Tasks rendered at first and added per "Show more": a popup is small, its DOM stays light. */
export const POPUP_PAGE_SIZE = 20;

/** A task with its sort keys worked out once (due dates are parsed text). */
export interface Ranked {
  task: TrackedTask;
  open: boolean;
  due: number;
}

export function rankTask(task: TrackedTask): Ranked {
  return { task, open: isOpen(task), due: dueSortKey(task.dueDate) };
}

/** Open tasks first, then by due date, then by name. A total order. */
export function compareRanked(a: Ranked, b: Ranked): number {
  return (
    Number(b.open) - Number(a.open) ||
    a.due - b.due ||
    collator.compare(a.task.taskName, b.task.taskName) ||
    (a.task.key < b.task.key ? -1 : 1)
  );
}

interface RankedGroup {
  group: CampaignGroup;
  ranked: Ranked[];
  open: boolean;
  /** Earliest due date among its open tasks. */
  due: number;
}

/** What a campaign group is ordered by in the popup. */
export interface GroupRank {
  id: string;
  /** Has a task still to do. */
  open: boolean;
  /** Earliest due date among its open tasks. */
  due: number;
  /** Its first task's campaign name (the heading). */
  campaignName: string;
}

function groupRank(e: RankedGroup): GroupRank {
  return { id: e.group.id, open: e.open, due: e.due, campaignName: e.group.campaignName };
}

/** Groups with something left to do first, then by earliest open due date, name, id. A total order. */
export function compareGroupRanks(a: GroupRank, b: GroupRank): number {
  return (
    Number(b.open) - Number(a.open) ||
    a.due - b.due ||
    collator.compare(a.campaignName, b.campaignName) ||
    (a.id < b.id ? -1 : 1)
  );
}

export function orderForPopup(tasks: readonly TrackedTask[], tabUrl: string | undefined): PopupOrder {
  const onTab = createTabMatcher(tabUrl);
  const current: Ranked[] = [];
  const byCampaign = new Map<string, RankedGroup>();
  for (const task of tasks) {
    const ranked = rankTask(task);
    if (onTab(task)) {
      current.push(ranked);
      continue;
    }
    const id = campaignGroupId(task);
    let entry = byCampaign.get(id);
    if (!entry) {
      entry = {
        group: { id, campaignName: task.campaignName, brand: task.brand, accountName: task.accountName, tasks: [] },
        ranked: [],
        open: false,
        due: Number.POSITIVE_INFINITY,
      };
      byCampaign.set(id, entry);
    }
    entry.ranked.push(ranked);
    if (ranked.open) {
      entry.open = true;
      entry.due = Math.min(entry.due, ranked.due);
    }
  }
  current.sort(compareRanked);
  const entries = [...byCampaign.values()];
  for (const e of entries) {
    e.group.tasks = e.ranked.sort(compareRanked).map((r) => r.task);
    // The heading names the group as its first task does (not whichever task was stored first).
    const first = e.group.tasks[0]!;
    Object.assign(e.group, { campaignName: first.campaignName, brand: first.brand, accountName: first.accountName });
  }
  entries.sort((a, b) => compareGroupRanks(groupRank(a), groupRank(b)));
  return { current: current.map((r) => r.task), groups: entries.map((e) => e.group) };
}

/** The tasks in the order the popup lists them (current first, then group by group). */
export function flattenPopupOrder(order: PopupOrder): TrackedTask[] {
  return [...order.current, ...order.groups.flatMap((g) => g.tasks)];
}

/** Name the account in group headings only when there is more than one (agencies). */
export function hasSeveralAccounts(tasks: readonly Pick<TrackedTask, 'accountId' | 'accountName'>[]): boolean {
  const first = tasks[0];
  if (!first) return false;
  const account = first.accountId ?? first.accountName;
  return tasks.some((t) => (t.accountId ?? t.accountName) !== account);
}
