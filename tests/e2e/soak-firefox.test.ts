/**
 * Soak in Firefox (production build): the scenario of soak-scenario.ts, a smaller run than
 * Chromium's (400 SPA navigations after 30 of warm-up).
 *
 * Not measured here, unlike in Chromium: event listeners, MutationObservers and the heap.
 * Firefox exposes none of them to WebDriver BiDi or to web pages (no performance.memory, no
 * getEventListeners, no queryObjects), and the content script's own listeners and observers
 * live in its sandbox, out of reach of anything the page world could count.
 */
import { describe, it } from 'vitest';
import { firefoxSuite } from './extension-driver';
import { soakScenario } from './soak-scenario';

const suite = firefoxSuite();

describe('soak (Firefox)', () => {
  it('400 SPA navigations under constant re-rendering: no growth in our controls or their nodes', async () => {
    await soakScenario(suite.driver, { warmUp: 30, navigations: 400 });
  }, 90_000);
});
