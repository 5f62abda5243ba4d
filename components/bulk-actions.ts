/**
 * The overview's bulk "Mark as posted" and "Retry now": which of the selected tasks the action
 * applies to (the same rule as each row's button, task-actions.ts), why the others are skipped,
 * and what is said before (the confirmation) and after ("3 marked as posted, 1 skipped: already
 * submitted"). Pure: the page sends the messages.
 */
import { replyErrorText } from '@/utils/reply-error';
import { formatNumber, t, uiLanguage } from '@/utils/i18n';
import type { TrackerState } from '@/utils/tracker/machine';
import type { TrackedTask } from '@/utils/tracker/schema';
import { canMarkPosted, canRetryNow } from './task-actions';

export type BulkAction = 'markPosted' | 'retryNow';
export const BULK_ACTIONS: readonly BulkAction[] = ['markPosted', 'retryNow'];

/** Why a selected task is left alone. `gone`: it stopped being tracked before its turn. */
export type SkipReason = 'submitted' | 'posted' | 'notPosted' | 'retrieving' | 'gone';
const SKIP_ORDER: readonly SkipReason[] = ['submitted', 'posted', 'retrieving', 'notPosted', 'gone'];

const APPLIES: Record<BulkAction, (state: TrackerState) => boolean> = { markPosted: canMarkPosted, retryNow: canRetryNow };

/** Why `action` does not apply to a task in `state`; undefined when it does. */
export function skipReason(action: BulkAction, state: TrackerState): SkipReason | undefined {
  if (APPLIES[action](state)) return undefined;
  if (state === 'submitted') return 'submitted';
  if (action === 'markPosted') return 'posted'; // posted, being retrieved, or a retrieve failed (Retry now is the way on)
  return state === 'posted' || state === 'retrieving' ? 'retrieving' : 'notPosted';
}

export type SkipCounts = Partial<Record<SkipReason, number>>;

export interface BulkPlan {
  action: BulkAction;
  /** The keys to act on, in the order given. */
  apply: string[];
  skipped: SkipCounts;
}

export function planBulk(action: BulkAction, tasks: readonly Pick<TrackedTask, 'key' | 'state'>[]): BulkPlan {
  const apply: string[] = [];
  const skipped: SkipCounts = {};
  for (const task of tasks) {
    const reason = skipReason(action, task.state);
    if (reason) skipped[reason] = (skipped[reason] ?? 0) + 1;
    else apply.push(task.key);
  }
  return { action, apply, skipped };
}

export interface BulkOutcome {
  action: BulkAction;
  done: number;
  skipped: SkipCounts;
  /** The background's refusals, by its reason (e.g. a state that changed meanwhile). */
  failed: Map<string, number>;
}

export function emptyOutcome(plan: BulkPlan): BulkOutcome {
  return { action: plan.action, done: 0, skipped: { ...plan.skipped }, failed: new Map() };
}

/**
 * At a task's turn, look again (the tracker may have changed since the confirmation, say the
 * task got submitted): the reason to skip it now, counted in `outcome`; undefined: send it.
 */
export function skipAtTurn(outcome: BulkOutcome, task: Pick<TrackedTask, 'state'> | undefined): SkipReason | undefined {
  const reason = task ? skipReason(outcome.action, task.state) : 'gone';
  if (reason) outcome.skipped[reason] = (outcome.skipped[reason] ?? 0) + 1;
  return reason;
}

/** Count the background's answer for one task. */
export function countReply(outcome: BulkOutcome, reply: { ok: true } | ({ ok: false } & Parameters<typeof replyErrorText>[0])): void {
  if (reply.ok) outcome.done++;
  else {
    // Counted by what the creator reads: the refusal worded in the interface language.
    const why = replyErrorText(reply);
    outcome.failed.set(why, (outcome.failed.get(why) ?? 0) + 1);
  }
}

// ---- words ----------------------------------------------------------------------------------

const REASON_WORDS: Record<SkipReason, () => string> = {
  submitted: () => t('bulk.reasonSubmitted'),
  posted: () => t('bulk.reasonPosted'),
  notPosted: () => t('bulk.reasonNotPosted'),
  retrieving: () => t('bulk.reasonRetrieving'),
  gone: () => t('bulk.reasonGone'),
};

function skipEntries(skipped: SkipCounts): [SkipReason, number][] {
  return SKIP_ORDER.filter((r) => (skipped[r] ?? 0) > 0).map((r) => [r, skipped[r]!]);
}

/** "a, b, c" as the interface language lists things (no "and": these are separate counts). */
function list(parts: string[]): string {
  try {
    return new Intl.ListFormat(uiLanguage(), { type: 'unit', style: 'short' }).format(parts);
  } catch {
    return parts.join(', ');
  }
}

export function confirmTitle(plan: BulkPlan): string {
  const n = plan.apply.length;
  return plan.action === 'markPosted'
    ? t('bulk.markPostedTitle', n, { count: formatNumber(n) })
    : t('bulk.retryNowTitle', n, { count: formatNumber(n) });
}

export function confirmBody(plan: BulkPlan): string {
  return plan.action === 'markPosted' ? t('bulk.markPostedBody') : t('bulk.retryNowBody');
}

export function confirmButton(plan: BulkPlan): string {
  const n = plan.apply.length;
  return plan.action === 'markPosted'
    ? t('bulk.confirmMarkPosted', n, { count: formatNumber(n) })
    : t('bulk.confirmRetryNow', n, { count: formatNumber(n) });
}

/** "1 selected task will be skipped: already submitted", one line per reason. */
export function willSkipLines(plan: BulkPlan): string[] {
  return skipEntries(plan.skipped).map(([reason, n]) => t('bulk.willSkip', n, { count: formatNumber(n), reason: REASON_WORDS[reason]() }));
}

/** "3 marked as posted, 1 skipped: already submitted". */
export function outcomeText(outcome: BulkOutcome): string {
  const parts: string[] = [];
  const done = outcome.done;
  if (done > 0 || (skipEntries(outcome.skipped).length === 0 && outcome.failed.size === 0)) {
    parts.push(outcome.action === 'markPosted' ? t('bulk.markedPosted', done, { count: formatNumber(done) }) : t('bulk.retried', done, { count: formatNumber(done) }));
  }
  for (const [reason, n] of skipEntries(outcome.skipped)) parts.push(t('bulk.skipped', n, { count: formatNumber(n), reason: REASON_WORDS[reason]() }));
  for (const [error, n] of outcome.failed) parts.push(t('bulk.failed', n, { count: formatNumber(n), error }));
  return list(parts);
}
