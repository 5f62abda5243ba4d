/**
 * Extension updated while impact.com is open, in Firefox (puppeteer over WebDriver BiDi):
 * installing the same add-on id again is an update. Firefox itself puts the new content
 * script into open tabs (Chrome does not, and there the worker injects it), so the worker
 * must add no copy of its own: exactly one set of live controls, working, without a page
 * reload, after each of two updates.
 *
 * The old copy's own controls: Firefox destroys the old copy's sandbox with the old
 * extension, before it can run any clean-up, so they stay on the page, dead. Removing them
 * is the new copy's job when it starts (entrypoints/content/index.ts; README "Extension updates").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ElementHandle, Page } from 'puppeteer-core';
import { FIREFOX_BUILD, launchFirefox, type FirefoxSession, replicaUrls } from './harness';
import { S, task } from './overlay-shared';
import { openReplicaPage, openTaskDetails, until } from './firefox-pages';

let session: FirefoxSession;

const TIKTOK_CAMPAIGNS = S.campaignsForAccount().filter((c) => c.platforms.includes('tiktok'));
const TTCM_BUTTONS = ['Copy invite link', 'Show QR code', 'Copy campaign code', 'Mark as posted', 'Open overview'];
const OLD = 'data-e2e-old-copy';

const urls = (campaignId: string, taskId?: string) => replicaUrls(session.replica, 'semantic', campaignId, taskId);
const open = (path: string) => openReplicaPage(session, path);

/** Buttons of that name in the live copy's controls (not in those marked as the old copy's). */
const count = (page: Page, name: string) =>
  page.evaluate((n, old) => (window as unknown as { __buttons(n: string): Element[] }).__buttons(n).filter((b) => !(b.getRootNode() as ShadowRoot).host?.hasAttribute(old)).length, name, OLD);
const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());
const setClipboard = (page: Page, text: string) => page.evaluate((t) => navigator.clipboard.writeText(t), text);

/** Clicks (a real click) the first button of that name, or the one on the tile that mentions `within`. */
async function click(page: Page, name: string, within = '') {
  await until(() => count(page, name), (n) => n > 0, name);
  const handle = await page.evaluateHandle(
    (n, scope, old) => {
      const all = (window as unknown as { __buttons(n: string): Element[] }).__buttons(n).filter((b) => !(b.getRootNode() as ShadowRoot).host?.hasAttribute(old));
      return (scope ? all.find((b) => (b.getRootNode() as ShadowRoot).host?.parentElement?.textContent?.includes(scope)) : all[0]) ?? null;
    },
    name,
    within,
    OLD,
  );
  await (handle.asElement() as ElementHandle<Element>).click();
}

/** The live copy's control hosts on the page, by kind, and how many of the old copy's are left. */
const census = (page: Page) =>
  page.evaluate((old) => {
    const kinds: Record<string, number> = {};
    for (const h of Array.from(document.querySelectorAll(`[data-tiktok-helper]:not([${old}])`))) kinds[h.getAttribute('data-tiktok-helper')!] = (kinds[h.getAttribute('data-tiktok-helper')!] ?? 0) + 1;
    return { kinds, old: document.querySelectorAll(`[${old}]`).length };
  }, OLD);

const markOld = (page: Page) =>
  page.evaluate((old) => {
    for (const h of Array.from(document.querySelectorAll('[data-tiktok-helper]'))) h.setAttribute(old, '');
  }, OLD);

/**
 * Opens a task page and a Participating page, then updates the extension twice. After each
 * update: one set of live controls per page, staying so, in the same documents, and working.
 * `oldGone`: the old copy's controls must be gone too.
 */
async function updateTwice(oldGone: boolean) {
  const { task: t } = task(S.ids.tiktokOnly.taskId);
  const details = await openTaskDetails(session, 'semantic', t.id);
  for (const name of TTCM_BUTTONS) await until(() => count(details, name), (n) => n === 1, name);
  const tiles = await open((await urls(S.ids.tiktokOnly.campaignId)).findCampaigns);
  await until(async () => (await census(tiles)).kinds.tile ?? 0, (n) => n === TIKTOK_CAMPAIGNS.length, 'one chip per TikTok tile');
  const before = { details: (await census(details)).kinds, tiles: (await census(tiles)).kinds };
  const same = (want: Record<string, number>) => (c: { kinds: Record<string, number>; old: number }) => (!oldGone || c.old === 0) && JSON.stringify(c.kinds) === JSON.stringify(want);
  const glowName = S.findCampaign(S.ids.tiktokOnly.campaignId)!.name;

  for (let round = 1; round <= 2; round++) {
    const origins = await Promise.all([details, tiles].map((p) => p.evaluate(() => performance.timeOrigin)));
    await markOld(details);
    await markOld(tiles);
    // Same add-on id, installed again: an update (runtime.onInstalled reason "update").
    expect(await session.browser.installExtension(FIREFOX_BUILD)).toBe(session.addonId);

    // Firefox pauses animation frames in a background tab: the controls are placed when the
    // tab is shown, so each tab is looked at in front.
    await details.bringToFront();
    await until(() => census(details), same(before.details), `round ${round}: one set on the task page`);
    await tiles.bringToFront();
    await until(() => census(tiles), same(before.tiles), `round ${round}: one set on the tiles page`);
    // ...and no late second copy.
    await new Promise((r) => setTimeout(r, 1500));
    expect(same(before.tiles)(await census(tiles)), JSON.stringify(await census(tiles))).toBe(true);
    await details.bringToFront();
    expect(same(before.details)(await census(details)), JSON.stringify(await census(details))).toBe(true);
    for (const name of TTCM_BUTTONS) expect(await count(details, name), name).toBe(1);
    // Not reloaded: the same documents.
    expect(await Promise.all([details, tiles].map((p) => p.evaluate(() => performance.timeOrigin)))).toEqual(origins);

    // The new controls work.
    await setClipboard(details, 'something else');
    await click(details, 'Copy invite link');
    await until(() => clipboard(details), (v) => v === t.ttcm!.inviteLink, `round ${round}: the invite link on the clipboard`);
    await click(details, 'Copy campaign code');
    await until(() => clipboard(details), (v) => v === t.ttcm!.campaignCode, `round ${round}: the campaign code on the clipboard`);
    await tiles.bringToFront();
    await setClipboard(tiles, 'something else');
    await click(tiles, 'Copy invite link', glowName);
    await until(() => clipboard(tiles), (v) => v === t.ttcm!.inviteLink, `round ${round}: the tile copy`);
  }
  await details.close();
  await tiles.close();
}

describe('extension updated while impact.com is open (Firefox)', () => {
  beforeAll(async () => {
    session = await launchFirefox();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('Firefox puts the new content script into open tabs itself and the worker adds none: one set of live controls, working, after each of two updates', async () => {
    await updateTwice(false);
  });

  // The new content script, when it starts, removes control hosts it finds on the page (only
  // a dead older copy can have left them: a live one removes its own when a newer copy starts).
  it("the old copy's controls are gone after each update", async () => {
    await updateTwice(true);
  });
});
