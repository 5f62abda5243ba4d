/**
 * The overview's table logic, pure so it can be tested and benchmarked without a page:
 * search, state filter, column sort, counts per state and the "last retrieve attempt".
 */
import { STATE_LABELS, TRACKER_STATES, type TrackerState } from './machine';
import { fold } from './keys';
import type { TrackedTask } from './schema';
import { dueSortKey } from '../due-date';
import { t } from '../i18n';
import { taskLabel } from './names';

export const SORT_COLUMNS = [
  'campaign',
  'brand',
  'task',
  'state',
  'impactStatus',
  'dueDate',
  'inviteLink',
  'campaignCode',
  'lastAttempt',
] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];

/** The columns' names, in the interface language (locales/*.yml `table.*`). */
export const COLUMN_LABELS: Readonly<Record<SortColumn, string>> = Object.defineProperties(
  {} as Record<SortColumn, string>,
  Object.fromEntries(SORT_COLUMNS.map((c) => [c, { enumerable: true, get: () => t(`table.${c}`) }])),
);

export type SortDirection = 'ascending' | 'descending';
export interface SortOrder {
  column: SortColumn;
  direction: SortDirection;
}

/** The overview's order when it opens (also what the head precomputes, head.ts). */
export const DEFAULT_SORT: SortOrder = { column: 'dueDate', direction: 'ascending' };

/** History events written when a "Retrieve my post" attempt starts or ends. */
const RETRIEVE_EVENTS = new Set(['startRetrieve', 'retrieveSucceeded', 'retrieveNotYet', 'retrieveFailed', 'attemptTimedOut']);
export const isRetrieveEvent = (event: string) => RETRIEVE_EVENTS.has(event);

/** When "Retrieve my post" was last tried for this task, if ever. */
export function lastRetrieveAttempt(task: Pick<TrackedTask, 'retrieve' | 'history'>): number | undefined {
  if (task.retrieve.lastAttemptAt !== undefined) return task.retrieve.lastAttemptAt;
  for (let i = task.history.length - 1; i >= 0; i--) {
    const entry = task.history[i]!;
    if (RETRIEVE_EVENTS.has(entry.event)) return entry.at;
  }
  return undefined;
}

export function accountLabel(task: Pick<TrackedTask, 'accountName' | 'accountId'>): string {
  if (task.accountName && task.accountId) return `${task.accountName} (${task.accountId})`;
  return task.accountName ?? task.accountId ?? '';
}

// Tasks are immutable snapshots, so their folded search text can be cached per object. The
// query's words hold no white space, so folding the fields' line breaks to spaces changes no match.
const searchText = new WeakMap<TrackedTask, string>();
function haystack(task: TrackedTask): string {
  let text = searchText.get(task);
  if (text === undefined) {
    text = fold(
      [
        task.campaignName,
        task.brand,
        taskLabel(task),
        accountLabel(task),
        STATE_LABELS[task.state],
        task.impactStatus,
        task.dueDate,
        task.inviteLink,
        task.campaignCode,
      ]
        .filter(Boolean)
        .join('\n'),
    );
    searchText.set(task, text);
  }
  return text;
}

/** Every word of the query must appear somewhere in the row (case-insensitive). */
export function matchesSearch(task: TrackedTask, query: string): boolean {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = haystack(task);
  return words.every((w) => text.includes(w));
}

export interface TableFilter {
  query: string;
  /** undefined: every state */
  state?: TrackerState;
}

export function filterTasks(tasks: readonly TrackedTask[], filter: TableFilter): TrackedTask[] {
  return tasks.filter((t) => (filter.state === undefined || t.state === filter.state) && matchesSearch(t, filter.query));
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
const STATE_ORDER = new Map(TRACKER_STATES.map((s, i) => [s, i]));

type Key = string | number | undefined;
function columnValue(task: TrackedTask, column: SortColumn): Key {
  switch (column) {
    case 'campaign':
      return task.campaignName;
    case 'brand':
      return task.brand;
    case 'task':
      return taskLabel(task);
    case 'state':
      return STATE_ORDER.get(task.state);
    case 'impactStatus':
      return task.impactStatus;
    case 'dueDate': {
      const key = dueSortKey(task.dueDate);
      return Number.isFinite(key) ? key : undefined;
    }
    case 'inviteLink':
      return task.inviteLink;
    case 'campaignCode':
      return task.campaignCode;
    case 'lastAttempt':
      return lastRetrieveAttempt(task);
  }
}

function compareKeys(a: Key, b: Key): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/** A task with its sort column's value worked out once (due dates are parsed text). */
export interface SortEntry {
  task: TrackedTask;
  key: Key;
}

export function sortEntry(task: TrackedTask, column: SortColumn): SortEntry {
  return { task, key: columnValue(task, column) };
}

/** The table's order: by one column, empty cells always last, ties by campaign, task, key. A total order. */
export function compareSortEntries(direction: SortDirection): (x: SortEntry, y: SortEntry) => number {
  const sign = direction === 'ascending' ? 1 : -1;
  return (x, y) => {
    const xEmpty = x.key === undefined || x.key === '';
    const yEmpty = y.key === undefined || y.key === '';
    if (xEmpty !== yEmpty) return xEmpty ? 1 : -1;
    const primary = xEmpty ? 0 : sign * compareKeys(x.key, y.key);
    return (
      primary ||
      collator.compare(x.task.campaignName, y.task.campaignName) ||
      collator.compare(x.task.taskName, y.task.taskName) ||
      (x.task.key < y.task.key ? -1 : x.task.key > y.task.key ? 1 : 0)
    );
  };
}

/** Sort by one column; empty cells always go last, ties fall back to campaign, task, key. */
export function sortTasks(tasks: readonly TrackedTask[], order: SortOrder): TrackedTask[] {
  const decorated = tasks.map((task) => sortEntry(task, order.column));
  decorated.sort(compareSortEntries(order.direction));
  return decorated.map((d) => d.task);
}

/** Campaigns as the overview counts them: per account, by id when known, by name otherwise. */
export function campaignCount(tasks: readonly TrackedTask[]): number {
  return new Set(tasks.map(campaignCountKey)).size;
}

/** Tasks with the same value here are one campaign in campaignCount. */
export function campaignCountKey(t: Pick<TrackedTask, 'accountId' | 'accountName' | 'campaignId' | 'campaignName'>): string {
  return `${t.accountId ?? t.accountName}|${t.campaignId ?? t.campaignName}`;
}

export function countByState(tasks: readonly TrackedTask[]): Record<TrackerState, number> {
  const counts = Object.fromEntries(TRACKER_STATES.map((s) => [s, 0])) as Record<TrackerState, number>;
  for (const t of tasks) counts[t.state]++;
  return counts;
}
