/**
 * Reminders in Chromium on the production build: the scenario of reminders-scenario.ts, run
 * in the service worker (real notifications, with Open task and Snooze 1 day).
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { launchChromium, type ChromiumSession } from './harness';
import { chromiumDriver } from './extension-driver';
import { remindersScenario } from './reminders-scenario';

let session: ChromiumSession;

beforeAll(async () => {
  session = await launchChromium();
});
afterAll(async () => {
  await session?.close();
});

describe('reminders (Chromium)', () => {
  it('shows a due-soon task and, on its alarm, a posted-not-submitted task: real notifications with Open task and Snooze 1 day, each once', async () => {
    await remindersScenario(chromiumDriver(session));
  }, 90_000);
});
