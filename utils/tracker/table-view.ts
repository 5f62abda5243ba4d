/**
 * The overview's table logic, pure so it can be tested and benchmarked without a page:
 * search, state and account filters, column sort, the urgency order, counts per state and
 * account, and the "last retrieve attempt".
 */
import { STATE_LABELS, TRACKER_STATES, type TrackerState } from './machine';
import { fold } from './keys';
import type { TrackedTask } from './schema';
import { dueSortKey } from '../due-date';
import { t } from '../i18n';
import { taskLabel } from './names';
import { isArchived } from './archive';

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

export const SORT_COLUMNS = [
  'campaign',
  'brand',
  'account',
  'task',
  'state',
  'dueDate',
  'impactStatus',
  'inviteLink',
  'campaignCode',
  'lastAttempt',
] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
/** What the table can be ordered by: a column, or urgency (no column of its own). */
export type SortKey = SortColumn | 'urgency';
export const SORT_KEYS: readonly SortKey[] = ['urgency', ...SORT_COLUMNS];

/** The columns' names, in the interface language (locales/*.yml `table.*`). */
export const COLUMN_LABELS: Readonly<Record<SortColumn, string>> = Object.defineProperties(
  {} as Record<SortColumn, string>,
  Object.fromEntries(SORT_COLUMNS.map((c) => [c, { enumerable: true, get: () => t(`table.${c}`) }])),
);

export type SortDirection = 'ascending' | 'descending';
export interface SortOrder {
  column: SortKey;
  direction: SortDirection;
}

/** The overview's order when it opens (also what the head precomputes, head.ts): most urgent first. */
export const DEFAULT_SORT: SortOrder = { column: 'urgency', direction: 'ascending' };

/**
 * How urgent a task is, as tiers: the creator must act on a failed retrieve; then what the
 * creator still has to post; then what the worker is retrieving; then what is done.
 */
export const URGENCY_TIERS: Readonly<Record<TrackerState, number>> = {
  needsAttention: 0,
  notStarted: 1,
  inProgress: 1,
  posted: 2,
  retrieving: 2,
  retryScheduled: 2,
  submitted: 3,
};
// dueSortKey is a UTC day of the years 2000–2200 (< 7.3e12 ms); an unknown date goes after every known one.
const TIER_SPAN = 1e13;
const NO_DUE_DATE = 8e12;

/**
 * The urgency order's key: Needs attention first, then the tasks still to post by due date
 * (overdue, due today, due soon, later, no date), then those being retrieved by due date, then
 * the submitted ones. It needs no clock (overdue and due soon come first because their dates
 * are earliest), so the head can precompute it like any column.
 */
export function urgencyKey(task: Pick<TrackedTask, 'state' | 'dueDate'>): number {
  const due = dueSortKey(task.dueDate);
  return URGENCY_TIERS[task.state] * TIER_SPAN + (Number.isFinite(due) ? due : NO_DUE_DATE);
}

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

/** The Account filter's value for tasks whose page named no creator account. */
export const NO_ACCOUNT = '-';

/**
 * Which creator account a task belongs to, as task keys tell accounts apart (keys.ts taskKey):
 * by id when the page showed one, by name otherwise; NO_ACCOUNT when neither was seen.
 */
export function accountKey(task: Pick<TrackedTask, 'accountName' | 'accountId'>): string {
  if (task.accountId) return `a:${task.accountId}`;
  if (task.accountName) return `an:${fold(task.accountName)}`;
  return NO_ACCOUNT;
}

export interface AccountOption {
  /** accountKey of its tasks. */
  key: string;
  /** accountLabel of the first of its tasks; '' for NO_ACCOUNT. */
  label: string;
  count: number;
}

/** The accounts of these tasks, by label (the tasks with no known account last). */
export function accountOptions(tasks: readonly TrackedTask[]): AccountOption[] {
  const byKey = new Map<string, AccountOption>();
  for (const task of tasks) {
    const key = accountKey(task);
    const option = byKey.get(key);
    if (option) option.count++;
    else byKey.set(key, { key, label: key === NO_ACCOUNT ? '' : accountLabel(task), count: 1 });
  }
  return [...byKey.values()].sort((a, b) => Number(a.key === NO_ACCOUNT) - Number(b.key === NO_ACCOUNT) || collator.compare(a.label, b.label) || (a.key < b.key ? -1 : 1));
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
        // "archived" finds the archived tasks (in the interface language).
        isArchived(task) ? `${t('archive.archived')}\n${t('archive.tag')}` : undefined,
      ]
        .filter(Boolean)
        .join('\n'),
    );
    searchText.set(task, text);
  }
  return text;
}

/** The query's words, folded as the rows' text is. */
function queryWords(query: string): string[] {
  return fold(query).split(/\s+/).filter(Boolean);
}

function hasEveryWord(task: TrackedTask, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const text = haystack(task);
  return words.every((w) => text.includes(w));
}

/** Every word of the query must appear somewhere in the row (case-insensitive). */
export function matchesSearch(task: TrackedTask, query: string): boolean {
  return hasEveryWord(task, queryWords(query));
}

export interface TableFilter {
  query: string;
  /** undefined: every state */
  state?: TrackerState;
  /** An accountKey (NO_ACCOUNT: tasks with no known account); undefined: every account. */
  account?: string;
  /** Archived tasks (archive.ts): left out ('hide'), the only ones ('only'), or like any other (undefined, 'include'). */
  archived?: 'hide' | 'only' | 'include';
}

/** The tasks that pass the filter, in their given order (so a list sorted once stays sorted). */
export function filterTasks(tasks: readonly TrackedTask[], filter: TableFilter): TrackedTask[] {
  // The query is folded once, not once per task: at 50,000 tasks that is most of a keystroke.
  return filterByWords(tasks, filter, queryWords(filter.query));
}

/**
 * The most tasks a narrowing search keystroke looks at for the overview to show its rows at
 * once rather than after the box (App.tsx): 5,000 tasks whose search text is folded already
 * take 1–4 ms (Node); the first search, which folds it, ~40 ms, stays deferred.
 */
export const SEARCH_AT_ONCE = 5_000;

/** What narrowingTaskFilter makes: a search, and how many tasks it would look at when it narrows the last one. */
export interface NarrowingTaskFilter {
  (tasks: readonly TrackedTask[], filter: TableFilter): TrackedTask[];
  narrowsFrom(tasks: readonly TrackedTask[], filter: TableFilter): number | undefined;
}

/**
 * filterTasks remembering its last answer, for the overview's search box: a query that only
 * narrows the last one (each word of the last one is inside a word of the new one; the same
 * list and the same other filters) looks only at the tasks the last one found. Typing "#42"
 * after "#4" searches the tasks "#4" found, not all 50,000 (~45 ms a keystroke at 50,000).
 * `narrowsFrom` says, without searching, how many tasks a search would look at when it narrows
 * the last one (those the last one found, their search text folded already); undefined when it
 * does not.
 */
export function narrowingTaskFilter(): NarrowingTaskFilter {
  let last: { tasks: readonly TrackedTask[]; filter: TableFilter; words: string[]; result: TrackedTask[] } | undefined;
  /** The last search's result when this one narrows it. */
  const narrowed = (tasks: readonly TrackedTask[], filter: TableFilter, words: readonly string[]) =>
    last !== undefined &&
    last.tasks === tasks &&
    last.filter.state === filter.state &&
    last.filter.account === filter.account &&
    (last.filter.archived ?? 'include') === (filter.archived ?? 'include') &&
    last.words.every((w) => words.some((word) => word.includes(w)))
      ? last.result
      : undefined;
  const search = (tasks: readonly TrackedTask[], filter: TableFilter) => {
    const words = queryWords(filter.query);
    const result = filterByWords(narrowed(tasks, filter, words) ?? tasks, filter, words);
    last = { tasks, filter, words, result };
    return result;
  };
  return Object.assign(search, { narrowsFrom: (tasks: readonly TrackedTask[], filter: TableFilter) => narrowed(tasks, filter, queryWords(filter.query))?.length });
}

function filterByWords(tasks: readonly TrackedTask[], filter: TableFilter, words: readonly string[]): TrackedTask[] {
  const archived = filter.archived ?? 'include';
  return tasks.filter(
    (t) =>
      (archived === 'include' || isArchived(t) === (archived === 'only')) &&
      (filter.state === undefined || t.state === filter.state) &&
      (filter.account === undefined || accountKey(t) === filter.account) &&
      hasEveryWord(t, words),
  );
}
const STATE_ORDER = new Map(TRACKER_STATES.map((s, i) => [s, i]));

type Key = string | number | undefined;
function columnValue(task: TrackedTask, column: SortKey): Key {
  switch (column) {
    case 'urgency':
      return urgencyKey(task);
    case 'campaign':
      return task.campaignName;
    case 'brand':
      return task.brand;
    case 'account':
      return accountLabel(task);
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

export function sortEntry(task: TrackedTask, column: SortKey): SortEntry {
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
