/**
 * What the compact popup lists: the tasks on the current tab, the open tasks (paged, in the
 * popup's order), and the submitted ones set apart in their own section. A search filters all
 * three by campaign, task and brand, case- and accent-insensitively ("lumiere" finds
 * "Lumière").
 */
import { fold } from '@/utils/tracker/keys';
import type { TrackerState } from '@/utils/tracker/machine';
import { POPUP_PAGE_SIZE, type PopupOrder } from '@/utils/tracker/grouping';
import type { TrackedTask } from '@/utils/tracker/schema';
import { campaignLabel, taskLabel } from '@/utils/tracker/names';

/** The search box appears once there are more tasks than this. */
export const POPUP_SEARCH_FROM = 10;

/** fold() (NFKC, spaces, lower case), then without accents: "Lumière" → "lumiere". */
export function searchFold(text: string | undefined): string {
  const folded = fold(text);
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(folded) ? folded : folded.normalize('NFD').replace(/\p{M}+/gu, '').normalize('NFC');
}

const haystacks = new WeakMap<TrackedTask, string>();
function haystack(task: TrackedTask): string {
  let text = haystacks.get(task);
  if (text === undefined) {
    text = searchFold([task.campaignName, campaignLabel(task), taskLabel(task), task.brand].filter(Boolean).join('\n'));
    haystacks.set(task, text);
  }
  return text;
}

/** Every word of the query appears in the task's campaign, task name or brand. */
export function matchesPopupSearch(task: TrackedTask, query: string): boolean {
  const words = searchFold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = haystack(task);
  return words.every((w) => text.includes(w));
}

export interface PopupListInput {
  order: PopupOrder;
  /** How many open tasks to show (grows with "Show more"). */
  limit: number;
  /** How many submitted tasks to show once their section is open. */
  submittedLimit: number;
  query: string;
  /** False while the order comes from the tracker's head: its first page only is known. */
  complete: boolean;
  /** Every task's count by state: the head's, needed while not complete. */
  counts?: Record<TrackerState, number>;
  total: number;
}

export interface PopupList {
  current: TrackedTask[];
  open: TrackedTask[];
  /** Open tasks not shown yet. */
  moreOpen: number;
  submitted: TrackedTask[];
  /** How many submitted tasks the "Submitted (n)" section holds. */
  submittedCount: number;
  /** Submitted tasks not shown yet (once the section is open). */
  moreSubmitted: number;
  /** A query is typed but only the head is known: it applies once every task is read. */
  queryWaiting: boolean;
}

const isSubmitted = (t: TrackedTask) => t.state === 'submitted';

export function popupList({ order, limit, submittedLimit, query, complete, counts, total }: PopupListInput): PopupList {
  const searching = complete && query.trim() !== '';
  const keep = (t: TrackedTask) => !searching || matchesPopupSearch(t, query);
  const current = order.current.filter(keep);
  let rest = order.groups.flatMap((g) => g.tasks).filter(keep);
  if (!complete) {
    // The head holds the popup's first page (utils/tracker/head.ts): what lies past it is not known yet.
    rest = rest.slice(0, Math.max(0, POPUP_PAGE_SIZE - order.current.length));
  }
  const openAll = rest.filter((t) => !isSubmitted(t));
  const submittedAll = rest.filter(isSubmitted);
  const open = openAll.slice(0, limit);
  const submitted = submittedAll.slice(0, submittedLimit);
  let openCount = openAll.length;
  let submittedCount = submittedAll.length;
  if (!complete) {
    // The first page of the order holds a prefix of the open tasks and of the submitted ones; the counts say how many there are in all.
    const currentSubmitted = order.current.filter(isSubmitted).length;
    submittedCount = Math.max(submittedAll.length, (counts?.submitted ?? 0) - currentSubmitted);
    openCount = Math.max(openAll.length, total - order.current.length - submittedCount);
  }
  return {
    current,
    open,
    moreOpen: openCount - open.length,
    submitted,
    submittedCount,
    moreSubmitted: submittedCount - submitted.length,
    queryWaiting: !complete && query.trim() !== '',
  };
}
