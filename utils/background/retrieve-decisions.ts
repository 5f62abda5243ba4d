/**
 * What an attempt at "Retrieve my post" means for the task: pure, no browser, no clock.
 * The orchestrator stores what these return through updateTracker; keeping the rules here
 * means "when do we give up" and "what does the creator read" are tested in one place.
 */
import type { TrackerEvent } from '../tracker/machine';
import type { RetrieveState, TrackedTask } from '../tracker/schema';
import { nextRetryAt, type RetrySettings } from '../retry-schedule';

/** How long one attempt may take before it counts as lost (worker or tab died meanwhile). */
export const ATTEMPT_TIMEOUT_MS = 5 * 60_000;

/**
 * Attempts in a row that could not reach the task page (no tab, not loaded, no answer) before
 * we stop and ask the creator: waiting longer won't help. A page that loaded and has no such
 * task or no button asks the creator at once (`notOnPage`).
 */
export const MAX_UNREACHABLE_ATTEMPTS = 3;

export const RETRIEVE_ALARM_PREFIX = 'retrieve:';

/** One alarm per task: its retry, or the watchdog of its running attempt. */
export function alarmNameFor(key: string): string {
  return RETRIEVE_ALARM_PREFIX + key;
}

export function keyFromAlarmName(name: string): string | null {
  return name.startsWith(RETRIEVE_ALARM_PREFIX) ? name.slice(RETRIEVE_ALARM_PREFIX.length) || null : null;
}

export type AttemptResult =
  /** impact.com took the post (or already had it). `impactStatus`: the task's status the page showed after. */
  | { kind: 'submitted'; detail: string; impactStatus?: string }
  /** The page said TikTok has not got the post yet, or showed an error. */
  | { kind: 'notYet' | 'error'; detail: string; impactStatus?: string }
  /**
   * The task's own page (its recorded address) loaded and answered that the task, or its
   * "Retrieve my post" button, is not there: a definite answer, so the creator is asked now.
   */
  | { kind: 'notOnPage'; detail: string }
  /** No tab, the page never loaded or never answered: perhaps passing, so tried again. */
  | { kind: 'unreachable'; detail: string }
  /** The attempt never reported back within ATTEMPT_TIMEOUT_MS. */
  | { kind: 'timedOut'; detail: string };

export interface AttemptDecision {
  event: Extract<TrackerEvent, 'retrieveSucceeded' | 'retrieveNotYet' | 'retrieveFailed' | 'attemptTimedOut'>;
  /** History entry text, and the reason shown under "Needs attention". */
  detail: string;
  retrieve: RetrieveState;
  notify?: 'submitted' | 'needsAttention';
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The retrieve record for a new attempt; a creator's action (Mark as posted, Retry now) starts a new series. */
export function beginAttemptRecord(task: TrackedTask, attemptId: string, now: number): RetrieveState {
  const fresh = task.state === 'posted';
  const previous = task.retrieve;
  return {
    ...(fresh ? {} : previous),
    lastOutcome: previous.lastOutcome,
    attempts: (fresh ? 0 : previous.attempts) + 1,
    firstAttemptAt: fresh ? now : (previous.firstAttemptAt ?? now),
    lastAttemptAt: now,
    nextAttemptAt: undefined,
    attemptId,
    unreachableAttempts: fresh ? 0 : (previous.unreachableAttempts ?? 0),
    openedTabId: fresh ? undefined : previous.openedTabId,
  };
}

/**
 * @param minDelayMs the browser's shortest alarm delay: the next attempt is never promised
 *   earlier than the alarm can actually fire.
 */
export function decideAfterAttempt(
  task: TrackedTask,
  result: AttemptResult,
  now: number,
  schedule: RetrySettings,
  minDelayMs = 0,
): AttemptDecision {
  const r = task.retrieve;
  const base: RetrieveState = { ...r, attemptId: undefined, openedTabId: undefined, nextAttemptAt: undefined };
  const detail = clip(result.detail.trim(), 300);

  if (result.kind === 'submitted') {
    return {
      event: 'retrieveSucceeded',
      detail: detail || 'impact.com has the post.',
      retrieve: { ...base, unreachableAttempts: 0, lastOutcome: clip(`Submitted. ${detail}`.trim(), 300) },
      notify: 'submitted',
    };
  }

  if (result.kind === 'notOnPage') {
    const reason = clip(`Could not press "Retrieve my post": ${describe(result)}`, 300);
    return {
      event: 'retrieveFailed',
      detail: reason,
      retrieve: { ...base, unreachableAttempts: 0, lastOutcome: reason },
      notify: 'needsAttention',
    };
  }

  const firstAttemptAt = r.firstAttemptAt ?? r.lastAttemptAt ?? now;
  const next = nextRetryAt(Math.max(r.attempts, 1), firstAttemptAt, now, schedule);
  const unreachable = result.kind === 'unreachable' || result.kind === 'timedOut';
  const unreachableAttempts = unreachable ? (r.unreachableAttempts ?? 0) + 1 : 0;
  const lastOutcome = clip(describe(result), 300);

  const giveUp = next === null || unreachableAttempts >= MAX_UNREACHABLE_ATTEMPTS;
  if (giveUp) {
    const reason = unreachable
      ? `Could not press "Retrieve my post" after ${unreachableAttempts} ${plural(unreachableAttempts, 'try', 'tries')}: ${lastOutcome}`
      : `impact.com still did not find the TikTok post after ${r.attempts} ${plural(r.attempts, 'try', 'tries')} over ${hoursSince(firstAttemptAt, now)}: ${lastOutcome}`;
    return {
      event: 'retrieveFailed',
      detail: clip(reason, 500),
      retrieve: { ...base, unreachableAttempts, lastOutcome: clip(reason, 300) },
      notify: 'needsAttention',
    };
  }
  return {
    event: result.kind === 'timedOut' ? 'attemptTimedOut' : 'retrieveNotYet',
    detail: lastOutcome,
    retrieve: { ...base, unreachableAttempts, lastOutcome, nextAttemptAt: Math.max(next, now + minDelayMs) },
  };
}

function describe(result: AttemptResult): string {
  const detail = result.detail.trim();
  switch (result.kind) {
    case 'notYet':
      return detail || 'TikTok has not shown the post to impact.com yet.';
    case 'error':
      return detail ? `impact.com showed an error: ${detail}` : 'impact.com showed an error.';
    case 'notOnPage':
      return detail || 'The task page has no "Retrieve my post" button for this task.';
    case 'unreachable':
      return detail || 'The task page could not be reached.';
    case 'timedOut':
      return detail || 'The attempt did not finish in time.';
    default:
      return detail;
  }
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

function hoursSince(start: number, now: number): string {
  const minutes = Math.max(0, Math.round((now - start) / 60_000));
  return minutes < 120 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
}

/** What to do for a task when its alarm fires or the worker starts. */
export type WakeAction =
  | { do: 'start' }
  | { do: 'timeOut'; attemptId: string }
  | { do: 'wait'; until: number }
  | { do: 'nothing' };

/** Alarms may fire a little early; within this margin a due time counts as reached. */
const WAKE_SLACK_MS = 1000;

export function decideOnWake(task: TrackedTask | undefined, now: number): WakeAction {
  if (!task) return { do: 'nothing' };
  if (task.state === 'posted' || task.state === 'retryScheduled') {
    // Posted: the first try is owed. It never began (the worker or the browser stopped in
    // between), or automatic retrieving was off (the caller checks the setting). The router
    // stores it as due now; a record without a due time (an older version, with automatic
    // retrieving off) is due now too.
    const due = task.retrieve.nextAttemptAt ?? now;
    return due <= now + WAKE_SLACK_MS ? { do: 'start' } : { do: 'wait', until: due };
  }
  if (task.state === 'retrieving') {
    const deadline = (task.retrieve.lastAttemptAt ?? 0) + ATTEMPT_TIMEOUT_MS;
    if (deadline > now + WAKE_SLACK_MS) return { do: 'wait', until: deadline };
    return { do: 'timeOut', attemptId: task.retrieve.attemptId ?? '' };
  }
  return { do: 'nothing' };
}
