/**
 * Faults in Chromium (production build, replica): the scenarios of faults-scenario.ts. Chromium's
 * own part: the quit and restart (the same profile, as a creator reopens it); Chrome keeps its
 * alarms across it, so the retry is the alarm's.
 */
import { describe, expect, it } from 'vitest';
import { chromiumSuite } from './extension-driver';
import { restartWithRetryPendingScenario, twoWindowsScenario } from './faults-scenario';

const suite = chromiumSuite();

describe('faults (Chromium)', () => {
  it('two windows press Mark as posted on the same task at once: one retrieve, and the second is told why', async () => {
    await twoWindowsScenario(suite.driver);
  });

  it('the browser quits with a retry pending: after the restart it retries once and the task is Submitted', async () => {
    await restartWithRetryPendingScenario(suite.driver, {
      // A short schedule so the retry is due soon after the restart (unpacked builds have no alarm floor).
      delayMinutes: 0.5,
      leadMs: 3_000,
      restart: () => suite.session.restart(),
      // The worker's tab for the retry is the only one open, in front: its answer comes first,
      // and the attempt's events are exactly these.
      checkHistory: (done) =>
        expect(done.history.map((h) => h.event).filter((e) => e.startsWith('retrieve') || e === 'startRetrieve')).toEqual(['startRetrieve', 'retrieveNotYet', 'startRetrieve', 'retrieveSucceeded']),
    });
  }, 180_000);
});
