/**
 * Extension updated or reloaded while impact.com is open, in Chromium: update-scenario.ts, the
 * update being chrome.runtime.reload() in the worker. The old content script removes its
 * controls, and the new one (injected by the worker on runtime.onInstalled, since Chrome does not
 * inject manifest scripts into open tabs) takes over WITHOUT a page reload, with exactly one set
 * of controls that work, never two for one frame. Twice in a row, so nothing accumulates.
 */
import { beforeAll, describe, it } from 'vitest';
import { chromiumSuite } from './extension-driver';
import { updateTwiceScenario } from './update-scenario';

const suite = chromiumSuite();

/**
 * Chromium disables a reloaded unpacked extension unless Developer mode is on (as it is for
 * anyone who loads one by hand): switch it on the way chrome://extensions does.
 */
async function developerMode() {
  const page = await suite.session.context.newPage();
  await page.goto('chrome://extensions');
  await page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        (globalThis as unknown as { chrome: { developerPrivate: { updateProfileConfiguration(c: object, done: () => void): void } } }).chrome.developerPrivate.updateProfileConfiguration(
          { inDeveloperMode: true },
          resolve,
        ),
      ),
  );
  await page.close();
}

/** chrome.runtime.reload() in the worker (what an update does), then wait for the new worker. */
async function reloadExtension() {
  const old = await suite.session.serviceWorker();
  const next = suite.session.context.waitForEvent('serviceworker', { predicate: (w) => w !== old, timeout: 30_000 });
  await old.evaluate(() => (globalThis as unknown as { chrome: { runtime: { reload(): void } } }).chrome.runtime.reload()).catch(() => {});
  await next;
}

beforeAll(developerMode);

describe('extension updated while impact.com is open (Chromium)', () => {
  it('the new content script takes over open tabs without a reload: one set of controls, working, after each of two reloads', async () => {
    await updateTwiceScenario(suite.driver, { update: reloadExtension, oldGone: true, everyFrame: true });
  });
});
