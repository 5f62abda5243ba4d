/**
 * The tracker's state machine: pure, no browser. Every change of a task's state goes
 * through `transition`, so an illegal move (say, "Submitted" back to "Posted") is refused
 * in one place instead of being guarded ad hoc in the UI and the background worker.
 * (Pure but for the state names, read from the locale files when shown.)
 */
import { t } from '../i18n';

export const TRACKER_STATES = [
  'notStarted',
  'inProgress',
  'posted',
  'retrieving',
  'submitted',
  'retryScheduled',
  'needsAttention',
] as const;
export type TrackerState = (typeof TRACKER_STATES)[number];

/** The words a creator sees (ui-contract.md), in the interface language (locales/*.yml `state.*`). */
export const STATE_LABELS: Readonly<Record<TrackerState, string>> = Object.defineProperties(
  {},
  // One getter per state, read when shown (the interface language can change).
  Object.fromEntries(TRACKER_STATES.map((s) => [s, { get: () => t(`state.${s}`), enumerable: true }])),
) as Record<TrackerState, string>;

export const TRACKER_EVENTS = [
  /** A step happened: link or code copied, QR shown, joined, authorization set. */
  'progress',
  /** The creator says the TikTok video is live. */
  'markPosted',
  /** The creator takes "posted" back (pressed by mistake). */
  'undoPosted',
  /** The background worker starts pressing "Retrieve my post". */
  'startRetrieve',
  /** impact.com now shows the post: the deliverable is submitted. */
  'retrieveSucceeded',
  /** "Not found yet" or an error, and the schedule has another try. */
  'retrieveNotYet',
  /** Retries exhausted, or no page / no button to press. */
  'retrieveFailed',
  /** An attempt never reported back (worker or tab died): try again later. */
  'attemptTimedOut',
  /** "Retry now": skip the wait. */
  'retryNow',
  /** The page itself shows the task as submitted (e.g. retrieved by hand). */
  'observedSubmitted',
] as const;
export type TrackerEvent = (typeof TRACKER_EVENTS)[number];

const TABLE: Record<TrackerEvent, Partial<Record<TrackerState, TrackerState>>> = {
  progress: { notStarted: 'inProgress', inProgress: 'inProgress' },
  markPosted: { notStarted: 'posted', inProgress: 'posted', needsAttention: 'posted' },
  undoPosted: { posted: 'inProgress', retryScheduled: 'inProgress', needsAttention: 'inProgress' },
  startRetrieve: { posted: 'retrieving', retryScheduled: 'retrieving' },
  retrieveSucceeded: { retrieving: 'submitted' },
  retrieveNotYet: { retrieving: 'retryScheduled' },
  retrieveFailed: { retrieving: 'needsAttention' },
  attemptTimedOut: { retrieving: 'retryScheduled' },
  retryNow: { retryScheduled: 'posted', needsAttention: 'posted' },
  observedSubmitted: {
    notStarted: 'submitted',
    inProgress: 'submitted',
    posted: 'submitted',
    retrieving: 'submitted',
    retryScheduled: 'submitted',
    needsAttention: 'submitted',
  },
};

export type TransitionResult =
  | { ok: true; state: TrackerState }
  /** `reason`: English, for logs; `code` and `params`: what the pages word (utils/reply-error.ts). */
  | { ok: false; reason: string; code: 'cannotMarkPosted' | 'cannotUndoPosted' | 'cannotRetryNow' | 'cannotChange'; params: { state: TrackerState } };

const REFUSAL_CODES: Partial<Record<TrackerEvent, 'cannotMarkPosted' | 'cannotUndoPosted' | 'cannotRetryNow'>> = {
  markPosted: 'cannotMarkPosted',
  undoPosted: 'cannotUndoPosted',
  retryNow: 'cannotRetryNow',
};

export function transition(state: TrackerState, event: TrackerEvent): TransitionResult {
  const next = TABLE[event][state];
  if (next) return { ok: true, state: next };
  return { ok: false, reason: `Cannot ${describeEvent(event)} while the task is "${STATE_LABELS[state]}".`, code: REFUSAL_CODES[event] ?? 'cannotChange', params: { state } };
}

export function canTransition(state: TrackerState, event: TrackerEvent): boolean {
  return TABLE[event][state] !== undefined;
}

function describeEvent(event: TrackerEvent): string {
  return event.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
}

/** States in which the creator has something to do (the toolbar badge counts these). */
export function waitsForCreator(state: TrackerState): boolean {
  return state === 'notStarted' || state === 'inProgress' || state === 'needsAttention';
}
