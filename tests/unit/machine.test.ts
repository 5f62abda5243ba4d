import { describe, expect, it } from 'vitest';
import { STATE_LABELS, TRACKER_EVENTS, TRACKER_STATES, transition, type TrackerEvent, type TrackerState } from '../../utils/tracker/machine';

// The full table of legal moves, written out independently of the implementation's table.
const LEGAL: Record<string, TrackerState> = {
  'notStarted+progress': 'inProgress',
  'inProgress+progress': 'inProgress',
  'notStarted+markPosted': 'posted',
  'inProgress+markPosted': 'posted',
  'needsAttention+markPosted': 'posted',
  'posted+undoPosted': 'inProgress',
  'retryScheduled+undoPosted': 'inProgress',
  'needsAttention+undoPosted': 'inProgress',
  'posted+startRetrieve': 'retrieving',
  'retryScheduled+startRetrieve': 'retrieving',
  'retrieving+retrieveSucceeded': 'submitted',
  'retrieving+retrieveNotYet': 'retryScheduled',
  'retrieving+retrieveFailed': 'needsAttention',
  'retrieving+attemptTimedOut': 'retryScheduled',
  'retryScheduled+retryNow': 'posted',
  'needsAttention+retryNow': 'posted',
  'notStarted+observedSubmitted': 'submitted',
  'inProgress+observedSubmitted': 'submitted',
  'posted+observedSubmitted': 'submitted',
  'retrieving+observedSubmitted': 'submitted',
  'retryScheduled+observedSubmitted': 'submitted',
  'needsAttention+observedSubmitted': 'submitted',
};

describe('tracker state machine', () => {
  for (const state of TRACKER_STATES) {
    for (const event of TRACKER_EVENTS) {
      const expected = LEGAL[`${state}+${event}`];
      it(`${state} --${event}--> ${expected ?? 'refused'}`, () => {
        const result = transition(state as TrackerState, event as TrackerEvent);
        if (expected) expect(result).toEqual({ ok: true, state: expected });
        else {
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.reason).toContain(STATE_LABELS[state]);
        }
      });
    }
  }

  it('a submitted task can never go back', () => {
    for (const event of TRACKER_EVENTS) expect(transition('submitted', event).ok).toBe(false);
  });

  it('uses the contract words for states', () => {
    expect(Object.values(STATE_LABELS)).toEqual([
      'Not started', 'In progress', 'Posted', 'Retrieving', 'Submitted', 'Retry scheduled', 'Needs attention',
    ]);
  });
});
