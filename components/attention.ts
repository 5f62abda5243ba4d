/**
 * "Needs attention" and "Retry scheduled" in words the creator can act on, one table for the
 * popup (TaskCard.tsx) and the page strip (entrypoints/content/features/ttcm-controls.ts).
 *
 * The reason is the worker's last outcome (utils/background/retrieve-decisions.ts
 * decideAfterAttempt), worded in the interface language by utils/retrieve-reason.ts; what to do
 * depends on why the tries stopped. Small and zod-free: the content script carries it.
 */
import type { RetrieveState } from '@/utils/tracker/schema';
import { formatLocalShortDay, formatTime, t } from '@/utils/i18n';
import { retrieveReasonText } from '@/utils/retrieve-reason';

type Outcome = Pick<RetrieveState, 'lastOutcome' | 'outcome' | 'unreachableAttempts'>;

export type AttentionKind =
  /** The task's page loaded but shows no such task, or no "Retrieve my post" button. */
  | 'notOnPage'
  /** The task's page could not be loaded or did not answer, several times in a row. */
  | 'unreachable'
  /** impact.com kept saying the post is not there (or showed an error) until the schedule ran out. */
  | 'notFound'
  /** Anything else (an older record, a backup). */
  | 'unknown';

/** The creator's next action for each reason, written once. */
export const ATTENTION_ACTIONS: Readonly<Record<AttentionKind, string>> = {
  get notOnPage() {
    return t('attention.notOnPage');
  },
  get unreachable() {
    return t('attention.unreachable');
  },
  get notFound() {
    return t('attention.notFound');
  },
  get unknown() {
    return t('attention.unknown');
  },
};

/** Why the tries stopped, from the retrieve record the worker left. */
export function attentionKind(retrieve: Outcome): AttentionKind {
  if ((retrieve.unreachableAttempts ?? 0) > 0) return 'unreachable';
  const end = retrieve.outcome?.end;
  if (retrieve.outcome) return end === 'unreachable' || end === 'notOnPage' || end === 'notFound' ? end : 'unknown';
  // An older version's record: its English words.
  const outcome = retrieve.lastOutcome ?? '';
  if (/^Could not press "Retrieve my post" after \d+ tr(y|ies)/.test(outcome)) return 'unreachable';
  if (outcome.startsWith('Could not press "Retrieve my post":')) return 'notOnPage';
  if (outcome.startsWith('impact.com still did not find the TikTok post')) return 'notFound';
  return 'unknown';
}

export interface Attention {
  /** What happened (the worker's outcome in words), when known. */
  reason?: string;
  /** What the creator does now. */
  action: string;
}

export function attention(retrieve: Outcome): Attention {
  return { reason: retrieveReasonText(retrieve), action: ATTENTION_ACTIONS[attentionKind(retrieve)] };
}

/** "at 14:05" (today) or "on Dec 4 at 14:05": when the worker presses "Retrieve my post" again. */
export function nextTryTime(at: number, now: number): string {
  const when = new Date(at);
  const time = formatTime(at);
  if (new Date(now).toDateString() === when.toDateString()) return t('attention.atTime', { time });
  return t('attention.onDayAtTime', { day: formatLocalShortDay(at), time });
}

/**
 * After a failed "Retrieve my post" (Retry scheduled, Needs attention): what happened and what
 * the creator does now, for the popup card and the page strip alike. null in other states.
 */
export function afterFailedRetrieve(task: { state: string; retrieve: Outcome & Pick<RetrieveState, 'nextAttemptAt'> }, now: number): Attention | null {
  if (task.state === 'needsAttention') return attention(task.retrieve);
  if (task.state !== 'retryScheduled') return null;
  const next = task.retrieve.nextAttemptAt;
  return {
    reason: retrieveReasonText(task.retrieve) ?? t('attention.notShownYet'),
    action: next === undefined ? t('attention.pressRetry') : t('attention.nextTry', { when: nextTryTime(next, now) }),
  };
}
