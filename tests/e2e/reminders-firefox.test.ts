/**
 * Reminders in Firefox on the production build: the scenario of reminders-scenario.ts, run in
 * the overview (Firefox will not let the test reach the background or open moz-extension://
 * pages: the overview is opened from the overlay, firefox-pages.ts). Firefox's notifications
 * have no buttons (it ignores them, and its onButtonClicked never fires): they are made without
 * buttons there (a click opens the task).
 */
import { describe, it } from 'vitest';
import { firefoxSuite } from './extension-driver';
import { remindersScenario } from './reminders-scenario';

// Firefox's own notification windows: headless Firefox has no system notification service,
// which closes every notification at once (onClosed right after create).
const suite = firefoxSuite({ prefs: { 'alerts.useSystemBackend': false, 'alerts.disableSlidingEffect': true } });

describe('reminders (Firefox)', () => {
  it('shows a due-soon task and, on its alarm, a posted-not-submitted task as real notifications without buttons, each once', async () => {
    await remindersScenario(suite.driver);
  }, 90_000);
});
