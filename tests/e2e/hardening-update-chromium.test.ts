/**
 * Extension updated or reloaded while impact.com is open, in Chromium: the old content script
 * removes its controls, and the new one (injected by the worker on runtime.onInstalled, since
 * Chrome does not inject manifest scripts into open tabs) takes over WITHOUT a page reload,
 * with exactly one set of controls that work. Twice in a row, so nothing accumulates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { IMPACT, launchChromium, type ChromiumSession, replicaUrls } from './harness';
import { S, task } from './overlay-shared';
import { openTaskDetails } from './chromium-pages';

let session: ChromiumSession;

const TIKTOK_CAMPAIGNS = S.campaignsForAccount().filter((c) => c.platforms.includes('tiktok'));
const TTCM_BUTTONS = ['Copy invite link', 'Show QR code', 'Copy campaign code', 'Mark as posted', 'Open overview'];
const OLD = 'data-e2e-old-copy';

const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());
const setClipboard = (page: Page, text: string) => page.evaluate((t) => navigator.clipboard.writeText(t), text);
const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

const urls = (campaignId: string, taskId?: string) => replicaUrls(session.replica, 'semantic', campaignId, taskId);

/** Our control hosts on the page, by kind, and how many the old copy left. */
const census = (page: Page) =>
  page.evaluate((old) => {
    const hosts = Array.from(document.querySelectorAll('[data-tiktok-helper]'));
    const kinds: Record<string, number> = {};
    for (const h of hosts) kinds[h.getAttribute('data-tiktok-helper')!] = (kinds[h.getAttribute('data-tiktok-helper')!] ?? 0) + 1;
    return { kinds, old: document.querySelectorAll(`[${old}]`).length };
  }, OLD);

/**
 * Marks the current controls as the old copy's, and from now on records, every frame, the
 * most control hosts of each kind seen at once (a duplicate for one frame is a failure).
 */
async function markOldAndWatch(page: Page) {
  await page.evaluate((old) => {
    for (const h of Array.from(document.querySelectorAll('[data-tiktok-helper]'))) h.setAttribute(old, '');
    const w = window as unknown as { most: Record<string, number> };
    w.most = {};
    const sample = () => {
      const now: Record<string, number> = {};
      for (const h of Array.from(document.querySelectorAll('[data-tiktok-helper]'))) now[h.getAttribute('data-tiktok-helper')!] = (now[h.getAttribute('data-tiktok-helper')!] ?? 0) + 1;
      for (const [k, n] of Object.entries(now)) w.most[k] = Math.max(w.most[k] ?? 0, n);
      requestAnimationFrame(sample);
    };
    if (!(window as unknown as { sampling?: boolean }).sampling) {
      (window as unknown as { sampling?: boolean }).sampling = true;
      sample();
    }
  }, OLD);
}
const most = (page: Page) => page.evaluate(() => (window as unknown as { most: Record<string, number> }).most);

/**
 * Chromium disables a reloaded unpacked extension unless Developer mode is on (as it is for
 * anyone who loads one by hand): switch it on the way chrome://extensions does.
 */
async function developerMode() {
  const page = await session.context.newPage();
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
  const old = await session.serviceWorker();
  const next = session.context.waitForEvent('serviceworker', { predicate: (w) => w !== old, timeout: 30_000 });
  await old.evaluate(() => (globalThis as unknown as { chrome: { runtime: { reload(): void } } }).chrome.runtime.reload()).catch(() => {});
  await next;
}

describe('extension updated while impact.com is open (Chromium)', () => {
  beforeAll(async () => {
    session = await launchChromium();
    await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: IMPACT });
    await developerMode();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('the new content script takes over open tabs without a reload: one set of controls, working, after each of two reloads', async () => {
    const { task: t } = task(S.ids.tiktokOnly.taskId);
    const details = await openTaskDetails(session, 'semantic', t.id);
    for (const name of TTCM_BUTTONS) await expect.poll(() => button(details, name).count(), { message: name }).toBe(1);

    const tiles = await session.newPage((await urls(S.ids.tiktokOnly.campaignId)).findCampaigns);
    await expect.poll(async () => (await census(tiles)).kinds.tile ?? 0).toBe(TIKTOK_CAMPAIGNS.length);
    const before = { details: (await census(details)).kinds, tiles: (await census(tiles)).kinds };
    const glowName = S.findCampaign(S.ids.tiktokOnly.campaignId)!.name;
    const glowTile = tiles.locator('[data-tiktok-helper="tile"]').locator('xpath=..').filter({ hasText: glowName });

    for (let round = 1; round <= 2; round++) {
      const markers = await Promise.all([details, tiles].map((p) => p.evaluate(() => performance.timeOrigin)));
      await markOldAndWatch(details);
      await markOldAndWatch(tiles);
      await reloadExtension();

      // The old copy's controls are gone and the new copy's are there, once each, in both tabs.
      await expect.poll(() => census(details), { timeout: 20_000, message: `round ${round}: task page` }).toEqual({ kinds: before.details, old: 0 });
      await expect.poll(() => census(tiles), { timeout: 20_000, message: `round ${round}: tiles page` }).toEqual({ kinds: before.tiles, old: 0 });
      // ...and stay so (no late second copy).
      await new Promise((r) => setTimeout(r, 1500));
      expect(await census(details)).toEqual({ kinds: before.details, old: 0 });
      expect(await census(tiles)).toEqual({ kinds: before.tiles, old: 0 });
      // Never two sets at once, not even for one frame.
      expect(await most(details), `round ${round}`).toEqual(before.details);
      expect(await most(tiles), `round ${round}`).toEqual(before.tiles);
      for (const name of TTCM_BUTTONS) expect(await button(details, name).count(), name).toBe(1);
      // Not reloaded: the same documents.
      expect(await Promise.all([details, tiles].map((p) => p.evaluate(() => performance.timeOrigin)))).toEqual(markers);

      // The new controls work.
      await details.bringToFront();
      await setClipboard(details, 'something else');
      await button(details, 'Copy invite link').click();
      await expect.poll(() => clipboard(details)).toBe(t.ttcm!.inviteLink);
      await setClipboard(details, 'something else');
      await button(details, 'Copy campaign code').click();
      await expect.poll(() => clipboard(details)).toBe(t.ttcm!.campaignCode);

      await tiles.bringToFront();
      await setClipboard(tiles, 'something else');
      await glowTile.getByRole('button', { name: 'Copy invite link', exact: true }).click();
      await expect.poll(() => clipboard(tiles)).toBe(t.ttcm!.inviteLink);
    }
    await details.close();
    await tiles.close();
  });
});
