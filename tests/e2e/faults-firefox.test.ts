/**
 * Faults in Firefox (production build, replica): the scenarios of faults-scenario.ts. Firefox's
 * own part: the quit and restart, and what Firefox keeps across it. It keeps no alarms (Chrome
 * does): the worker rebuilds them from storage when it starts
 * (utils/background/retrieve-orchestrator.ts, resume). For the restart the add-on is installed
 * permanently (harness: `permanent`), as a creator's copy is: a temporary add-on is uninstalled
 * when Firefox quits.
 */
import { describe, expect, it } from 'vitest';
import { firefoxSuite } from './extension-driver';
import { restartWithRetryPendingScenario, twoWindowsScenario } from './faults-scenario';
import { alarmNameFor } from '../../utils/background/retrieve-decisions';

/** The extension APIs the overview-side callbacks below use. */
declare const browser: {
  alarms: {
    create(name: string, info: { when: number }): void;
    getAll(): Promise<{ name: string; scheduledTime: number }[]>;
  };
};

const suite = firefoxSuite({ permanent: true });

describe('faults (Firefox)', () => {
  it('two windows press Mark as posted on the same task at once: one retrieve, and the second is told why', async () => {
    await twoWindowsScenario(suite.driver);
  });

  it('Firefox quits with a retry pending: after the restart it retries once and the task is Submitted', async () => {
    await restartWithRetryPendingScenario(suite.driver, {
      // A short schedule so the retry is due soon after the restart.
      delayMinutes: 0.25,
      leadMs: 8_000,
      async restart({ key, due }) {
        // An alarm of no meaning to the worker: shows whether Firefox kept alarms across the restart.
        await suite.driver.inExtension(() => browser.alarms.create('e2e-probe', { when: Date.now() + 3_600_000 }), null);
        const quitAt = Date.now();
        await suite.session.restart();
        // The creator comes back to impact.com (another campaign) and opens the overview, where
        // the driver runs extension code from now on.
        const alarms = await suite.driver.inExtension(() => browser.alarms.getAll(), null);
        // Firefox forgot the alarms; the worker set the task's again from storage.
        expect(alarms.map((a) => a.name)).not.toContain('e2e-probe');
        expect(alarms, `restart and overview took ${Date.now() - quitAt} ms`).toContainEqual(expect.objectContaining({ name: alarmNameFor(key), scheduledTime: due }));
      },
      // The retry tab is a background tab, where Firefox slows the content script's timers, so
      // its report of the page's new status ("… pending approval", observedSubmitted) often
      // reaches the worker before the attempt's own answer (retrieveSucceeded); either way the
      // answer then completes the attempt (the scenario waits for that).
      checkHistory(done) {
        const events = done.history.map((h) => h.event).filter((e) => e.startsWith('retrieve') || e === 'startRetrieve' || e === 'observedSubmitted');
        expect(events.slice(0, 3), JSON.stringify(done.history.slice(-8))).toEqual(['startRetrieve', 'retrieveNotYet', 'startRetrieve']);
        expect(events.slice(3), JSON.stringify(done.history.slice(-8))).toHaveLength(1);
        expect(['retrieveSucceeded', 'observedSubmitted']).toContain(events[3]);
      },
    });
  }, 180_000);
});
