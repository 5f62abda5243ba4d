/**
 * What an attempt at "Retrieve my post" means for the task: pure, no browser, no clock.
 * The orchestrator stores what these return through updateTracker; keeping the rules here
 * means "when do we give up" and "what does the creator read" are tested in one place.
 */
import type { TrackerEvent } from '../tracker/machine';
import type { RetrieveOutcome, RetrieveState, TrackedTask } from '../tracker/schema';
// Types only: this module is pure (no words; the e2e tests import it outside the extension build).
import type { RetrieveReason } from '../retrieve-reason';
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

/**
 * What an attempt came to. `detail`: the page's own words (impact.com's answer), verbatim, ''
 * when it showed none; `reason`: our code when we know why (utils/retrieve-reason.ts), with the
 * one `value` it names. Words are made where the outcome is shown, never stored.
 */
export type AttemptResult = {
  detail: string;
  reason?: RetrieveReason;
  value?: string;
  /** The task's impact.com status the page showed after the answer (submitted, notYet, error). */
  impactStatus?: string;
} & (
  /** impact.com took the post (or already had it). */
  | { kind: 'submitted' }
  /** The page said TikTok has not got the post yet, or showed an error. */
  | { kind: 'notYet' | 'error' }
  /**
   * The task's own page (its recorded address) loaded and answered that the task, or its
   * "Retrieve my post" button, is not there: a definite answer, so the creator is asked now.
   */
  | { kind: 'notOnPage' }
  /** No tab, the page never loaded or never answered: perhaps passing, so tried again. */
  | { kind: 'unreachable' }
  /** The attempt never reported back within ATTEMPT_TIMEOUT_MS. */
  | { kind: 'timedOut' }
);

export interface AttemptDecision {
  event: Extract<TrackerEvent, 'retrieveSucceeded' | 'retrieveNotYet' | 'retrieveFailed' | 'attemptTimedOut'>;
  /** The history entry's detail: the outcome as data (codes and impact.com's words), never shown. */
  detail: string;
  retrieve: RetrieveState;
  notify?: 'submitted' | 'needsAttention';
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * The outcome as a line of data (a history entry's detail: never shown, kept for a report):
 * codes, values and impact.com's words, the same in every language.
 */
export function outcomeData(outcome: RetrieveOutcome): string {
  const head = [outcome.end, outcome.code].filter(Boolean).join('/');
  const counts = [outcome.tries !== undefined ? `tries=${outcome.tries}` : '', outcome.minutes !== undefined ? `minutes=${outcome.minutes}` : ''].filter(Boolean);
  const value = outcome.value ? ` (${outcome.value})` : '';
  const impact = outcome.impact ? `: ${outcome.impact}` : '';
  return clip(`${head}${value}${counts.length ? ` [${counts.join(', ')}]` : ''}${impact}`, 500);
}

/** The retrieve record without an older version's English outcome (a new outcome replaces it). */
function withoutLegacy(r: RetrieveState): RetrieveState {
  const { lastOutcome: _legacy, ...rest } = r;
  return rest;
}

/** The retrieve record for a new attempt; a creator's action (Mark as posted, Retry now) starts a new series. */
export function beginAttemptRecord(task: TrackedTask, attemptId: string, now: number): RetrieveState {
  const fresh = task.state === 'posted';
  const previous = task.retrieve;
  return {
    ...(fresh ? {} : previous),
    ...(previous.lastOutcome !== undefined ? { lastOutcome: previous.lastOutcome } : {}),
    ...(previous.outcome !== undefined ? { outcome: previous.outcome } : {}),
    attempts: (fresh ? 0 : previous.attempts) + 1,
    firstAttemptAt: fresh ? now : (previous.firstAttemptAt ?? now),
    lastAttemptAt: now,
    nextAttemptAt: undefined,
    attemptId,
    unreachableAttempts: fresh ? 0 : (previous.unreachableAttempts ?? 0),
    openedTabId: fresh ? undefined : previous.openedTabId,
  };
}

/** Our reason when the result names none: the kind's own. */
const KIND_REASON: Record<AttemptResult['kind'], RetrieveReason> = {
  submitted: 'submitted',
  notYet: 'notYet',
  error: 'impactError',
  notOnPage: 'noButton',
  unreachable: 'unreachable',
  timedOut: 'timedOutBare',
};

/** The stored outcome of one attempt: our code, the value it names, impact.com's words. */
function outcomeOf(result: AttemptResult): RetrieveOutcome {
  const impact = clip(result.detail.trim(), 500);
  const value = result.value === undefined ? undefined : clip(result.value, 300);
  return {
    code: result.reason ?? KIND_REASON[result.kind],
    ...(value !== undefined ? { value } : {}),
    ...(impact ? { impact } : {}),
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
  const base: RetrieveState = { ...withoutLegacy(r), attemptId: undefined, openedTabId: undefined, openedTabChosen: undefined, nextAttemptAt: undefined };
  const outcome = outcomeOf(result);

  if (result.kind === 'submitted') {
    const ended: RetrieveOutcome = { ...outcome, end: 'submitted' };
    return {
      event: 'retrieveSucceeded',
      detail: outcomeData(ended),
      retrieve: { ...base, unreachableAttempts: 0, outcome: ended },
      notify: 'submitted',
    };
  }

  if (result.kind === 'notOnPage') {
    const ended: RetrieveOutcome = { ...outcome, end: 'notOnPage' };
    return {
      event: 'retrieveFailed',
      detail: outcomeData(ended),
      retrieve: { ...base, unreachableAttempts: 0, outcome: ended },
      notify: 'needsAttention',
    };
  }

  const firstAttemptAt = r.firstAttemptAt ?? r.lastAttemptAt ?? now;
  const next = nextRetryAt(Math.max(r.attempts, 1), firstAttemptAt, now, schedule);
  const unreachable = result.kind === 'unreachable' || result.kind === 'timedOut';
  const unreachableAttempts = unreachable ? (r.unreachableAttempts ?? 0) + 1 : 0;

  const giveUp = next === null || unreachableAttempts >= MAX_UNREACHABLE_ATTEMPTS;
  if (giveUp) {
    const ended: RetrieveOutcome = unreachable
      ? { ...outcome, end: 'unreachable', tries: unreachableAttempts }
      : { ...outcome, end: 'notFound', tries: r.attempts, minutes: Math.max(0, Math.round((now - firstAttemptAt) / 60_000)) };
    return {
      event: 'retrieveFailed',
      detail: outcomeData(ended),
      retrieve: { ...base, unreachableAttempts, outcome: ended },
      notify: 'needsAttention',
    };
  }
  return {
    event: result.kind === 'timedOut' ? 'attemptTimedOut' : 'retrieveNotYet',
    detail: outcomeData(outcome),
    retrieve: { ...base, unreachableAttempts, outcome, nextAttemptAt: Math.max(next, now + minDelayMs) },
  };
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
