/**
 * Reminders in Firefox on the production build: the scenario of reminders-scenario.ts, run in
 * the overview (Firefox will not let the test reach the background or open moz-extension://
 * pages: the overview is opened from the overlay, firefox-pages.ts). Firefox's notifications
 * have no buttons (it ignores them, and its onButtonClicked never fires): they are made without
 * buttons there (a click opens the task).
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { launchFirefox, type FirefoxSession } from './harness';
import { firefoxDriver } from './extension-driver';
import { openOverview } from './firefox-pages';
import { remindersScenario } from './reminders-scenario';

let session: FirefoxSession;

beforeAll(async () => {
  // Firefox's own notification windows: headless Firefox has no system notification service,
  // which closes every notification at once (onClosed right after create).
  session = await launchFirefox({ prefs: { 'alerts.useSystemBackend': false, 'alerts.disableSlidingEffect': true } });
});
afterAll(async () => {
  await session?.close();
});

describe('reminders (Firefox)', () => {
  it('shows a due-soon task and, on its alarm, a posted-not-submitted task as real notifications without buttons, each once', async () => {
    await remindersScenario(firefoxDriver(session, await openOverview(session)));
  }, 90_000);
});
