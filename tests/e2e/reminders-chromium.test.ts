/**
 * Reminders in Chromium on the production build: the scenario of reminders-scenario.ts, run
 * in the service worker (real notifications, with Open task and Snooze 1 day).
 */
import { describe, it } from 'vitest';
import { chromiumSuite } from './extension-driver';
import { remindersScenario } from './reminders-scenario';

const suite = chromiumSuite();

describe('reminders (Chromium)', () => {
  it('shows a due-soon task and, on its alarm, a posted-not-submitted task: real notifications with Open task and Snooze 1 day, each once', async () => {
    await remindersScenario(suite.driver);
  }, 90_000);
});
