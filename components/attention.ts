/**
 * "Needs attention" and "Retry scheduled" in words the creator can act on, one table for the
 * popup (TaskCard.tsx) and the page strip (entrypoints/content/features/ttcm-controls.ts).
 *
 * The reason is the worker's last outcome (utils/background/retrieve-decisions.ts
 * decideAfterAttempt); what to do depends on why the tries stopped. Small and zod-free: the
 * content script carries it.
 */
import type { RetrieveState } from '@/utils/tracker/schema';

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
export const ATTENTION_ACTIONS: Record<AttentionKind, string> = {
  notOnPage:
    'Open the task on impact.com and check that it is still listed. If it shows "Retrieve my post", press it yourself; if the task moved, open its View Task Details once, then press Retry now.',
  unreachable: 'Check that impact.com opens and that you are signed in (open the task on impact.com), then press Retry now.',
  notFound:
    'Check in the TikTok app that the video is posted, public and linked to this campaign (joined through the invite link or with the campaign code added), then press Retry now.',
  unknown: 'Open the task on impact.com and press "Retrieve my post" yourself, or press Retry now.',
};

/** Why the tries stopped, from the retrieve record the worker left. */
export function attentionKind(retrieve: Pick<RetrieveState, 'lastOutcome' | 'unreachableAttempts'>): AttentionKind {
  const outcome = retrieve.lastOutcome ?? '';
  if ((retrieve.unreachableAttempts ?? 0) > 0 || /^Could not press "Retrieve my post" after \d+ tr(y|ies)/.test(outcome)) return 'unreachable';
  if (outcome.startsWith('Could not press "Retrieve my post":')) return 'notOnPage';
  if (outcome.startsWith('impact.com still did not find the TikTok post')) return 'notFound';
  return 'unknown';
}

export interface Attention {
  /** What happened (the worker's words), when known. */
  reason?: string;
  /** What the creator does now. */
  action: string;
}

export function attention(retrieve: Pick<RetrieveState, 'lastOutcome' | 'unreachableAttempts'>): Attention {
  return { reason: retrieve.lastOutcome || undefined, action: ATTENTION_ACTIONS[attentionKind(retrieve)] };
}

/** "at 14:05" (today) or "on Dec 4 at 14:05": when the worker presses "Retrieve my post" again. */
export function nextTryTime(at: number, now: number, locale?: string): string {
  const when = new Date(at);
  const time = when.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  if (new Date(now).toDateString() === when.toDateString()) return `at ${time}`;
  return `on ${when.toLocaleDateString(locale, { month: 'short', day: 'numeric' })} at ${time}`;
}

/**
 * After a failed "Retrieve my post" (Retry scheduled, Needs attention): what happened and what
 * the creator does now, for the popup card and the page strip alike. null in other states.
 */
export function afterFailedRetrieve(task: { state: string; retrieve: Pick<RetrieveState, 'lastOutcome' | 'unreachableAttempts' | 'nextAttemptAt'> }, now: number): Attention | null {
  if (task.state === 'needsAttention') return attention(task.retrieve);
  if (task.state !== 'retryScheduled') return null;
  const next = task.retrieve.nextAttemptAt;
  return {
    reason: task.retrieve.lastOutcome || 'impact.com did not show the post yet.',
    action:
      next === undefined
        ? 'Press Retry now to try at once.'
        : `Nothing: the helper presses "Retrieve my post" again ${nextTryTime(next, now)}. Press Retry now to try at once.`,
  };
}
