/**
 * Extension updated while impact.com is open, in Firefox (puppeteer over WebDriver BiDi):
 * update-scenario.ts, the update being the same add-on id installed again. Firefox itself puts
 * the new content script into open tabs (Chrome does not, and there the worker injects it), so
 * the worker must add no copy of its own: exactly one set of live controls, working, without a
 * page reload, after each of two updates.
 *
 * The old copy's own controls: Firefox destroys the old copy's sandbox with the old extension,
 * before it can run any clean-up, so they stay on the page, dead. Removing them is the new copy's
 * job when it starts (entrypoints/content/index.ts; README "Extension updates"). For that reason
 * the every-frame check (never two sets at once) is Chromium's: here the dead old set is on the
 * page until the new copy has started, beside it.
 */
import { describe, expect, it } from 'vitest';
import { FIREFOX_BUILD } from './harness';
import { firefoxSuite } from './extension-driver';
import { updateTwiceScenario } from './update-scenario';

const suite = firefoxSuite();

/** Same add-on id, installed again: an update (runtime.onInstalled reason "update"). */
async function reinstall() {
  expect(await suite.session.browser.installExtension(FIREFOX_BUILD)).toBe(suite.session.addonId);
}

describe('extension updated while impact.com is open (Firefox)', () => {
  it('Firefox puts the new content script into open tabs itself and the worker adds none: one set of live controls, working, after each of two updates', async () => {
    await updateTwiceScenario(suite.driver, { update: reinstall, oldGone: false, everyFrame: false });
  });

  // The new content script, when it starts, removes control hosts it finds on the page (only
  // a dead older copy can have left them: a live one removes its own when a newer copy starts).
  it("the old copy's controls are gone after each update", async () => {
    await updateTwiceScenario(suite.driver, { update: reinstall, oldGone: true, everyFrame: false });
  });
});
