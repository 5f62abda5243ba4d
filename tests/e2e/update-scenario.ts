/**
 * The extension updated while impact.com is open, written once for both browsers
 * (update-chromium, update-firefox run it through their ExtensionDriver): a task page and a
 * Participating page are open, the extension is updated twice (`update`: Chromium reloads it,
 * Firefox installs the same add-on id again), and after each update the new content script has
 * taken over WITHOUT a page reload: one set of live controls per page, staying so, in the same
 * documents, and working (copy on the task page and on a tile).
 *
 * `oldGone`: the old copy's controls must be gone too. `everyFrame`: never two sets at once, not
 * even for one animation frame (Chromium; see update-firefox for why not there).
 */
import { expect } from 'vitest';
import { replicaUrls } from './harness';
import { S, task } from './overlay-shared';
import type { DriverPage, ExtensionDriver } from './extension-driver';
import { waitFor } from './retrieve-data';

const TIKTOK_CAMPAIGNS = S.campaignsForAccount().filter((c) => c.platforms.includes('tiktok'));
const TTCM_BUTTONS = ['Copy invite link', 'Show QR code', 'Copy campaign code', 'Mark as posted', 'Open overview'];
/** The attribute the test puts on the old copy's control hosts before an update. */
const OLD = 'data-e2e-old-copy';
/** The live copy's controls: not the old copy's. */
const LIVE = { skipMarked: OLD };

type Census = { kinds: Record<string, number>; old: number };

/** The live copy's control hosts on the page, by kind, and how many of the old copy's are left. */
const census = (page: DriverPage) =>
  page.evaluate((old) => {
    const kinds: Record<string, number> = {};
    for (const h of Array.from(document.querySelectorAll(`[data-tiktok-helper]:not([${old}])`))) kinds[h.getAttribute('data-tiktok-helper')!] = (kinds[h.getAttribute('data-tiktok-helper')!] ?? 0) + 1;
    return { kinds, old: document.querySelectorAll(`[${old}]`).length } as Census;
  }, OLD);

/**
 * Marks the current controls as the old copy's; with `watch`, from now on records, every frame,
 * the most control hosts of each kind seen at once (a duplicate for one frame is a failure).
 */
const markOld = (page: DriverPage, watch: boolean) =>
  page.evaluate(
    ({ old, watch }) => {
      for (const h of Array.from(document.querySelectorAll('[data-tiktok-helper]'))) h.setAttribute(old, '');
      if (!watch) return;
      const w = window as unknown as { most: Record<string, number>; sampling?: boolean };
      w.most = {};
      const sample = () => {
        const now: Record<string, number> = {};
        for (const h of Array.from(document.querySelectorAll('[data-tiktok-helper]'))) now[h.getAttribute('data-tiktok-helper')!] = (now[h.getAttribute('data-tiktok-helper')!] ?? 0) + 1;
        for (const [k, n] of Object.entries(now)) w.most[k] = Math.max(w.most[k] ?? 0, n);
        requestAnimationFrame(sample);
      };
      if (!w.sampling) {
        w.sampling = true;
        sample();
      }
    },
    { old: OLD, watch },
  );
const most = (page: DriverPage) => page.evaluate(() => (window as unknown as { most: Record<string, number> }).most, null);
const origin = (page: DriverPage) => page.evaluate(() => performance.timeOrigin, null);

export async function updateTwiceScenario(driver: ExtensionDriver, options: { update: () => Promise<void>; oldGone: boolean; everyFrame: boolean }): Promise<void> {
  const { task: t } = task(S.ids.tiktokOnly.taskId);
  const details = await driver.openTaskDetails('semantic', t.id);
  for (const name of TTCM_BUTTONS) await waitFor(`${name} once`, async () => (await details.buttonCount(name, LIVE)) === 1);
  const tiles = await driver.openPage((await replicaUrls(driver.replica, 'semantic', S.ids.tiktokOnly.campaignId)).findCampaigns);
  await waitFor('one chip per TikTok tile', async () => ((await census(tiles)).kinds.tile ?? 0) === TIKTOK_CAMPAIGNS.length);
  const before = { details: (await census(details)).kinds, tiles: (await census(tiles)).kinds };
  const same = (want: Record<string, number>) => (c: Census) => (!options.oldGone || c.old === 0) && JSON.stringify(c.kinds) === JSON.stringify(want);
  const glowName = S.findCampaign(S.ids.tiktokOnly.campaignId)!.name;

  for (let round = 1; round <= 2; round++) {
    const origins = [await origin(details), await origin(tiles)];
    await markOld(details, options.everyFrame);
    await markOld(tiles, options.everyFrame);
    await options.update();

    // The old copy's controls are gone (`oldGone`) and the new copy's are there, once each, in
    // both tabs. Firefox pauses animation frames in a background tab: the controls are placed
    // when the tab is shown, so each tab is looked at in front.
    await details.bringToFront();
    await waitFor(`round ${round}: one set on the task page`, async () => same(before.details)(await census(details)));
    await tiles.bringToFront();
    await waitFor(`round ${round}: one set on the tiles page`, async () => same(before.tiles)(await census(tiles)));
    // ...and stay so (no late second copy).
    await new Promise((r) => setTimeout(r, 1500));
    expect(same(before.tiles)(await census(tiles)), JSON.stringify(await census(tiles))).toBe(true);
    await details.bringToFront();
    expect(same(before.details)(await census(details)), JSON.stringify(await census(details))).toBe(true);
    if (options.everyFrame) {
      // Never two sets at once, not even for one frame.
      expect(await most(details), `round ${round}`).toEqual(before.details);
      expect(await most(tiles), `round ${round}`).toEqual(before.tiles);
    }
    for (const name of TTCM_BUTTONS) expect(await details.buttonCount(name, LIVE), name).toBe(1);
    // Not reloaded: the same documents.
    expect([await origin(details), await origin(tiles)]).toEqual(origins);

    // The new controls work.
    await details.setClipboard('something else');
    await details.click('Copy invite link', LIVE);
    await waitFor(`round ${round}: the invite link on the clipboard`, async () => (await details.clipboard()) === t.ttcm!.inviteLink);
    await details.setClipboard('something else');
    await details.click('Copy campaign code', LIVE);
    await waitFor(`round ${round}: the campaign code on the clipboard`, async () => (await details.clipboard()) === t.ttcm!.campaignCode);
    await tiles.bringToFront();
    await tiles.setClipboard('something else');
    await tiles.click('Copy invite link', { ...LIVE, tile: glowName });
    await waitFor(`round ${round}: the tile copy`, async () => (await tiles.clipboard()) === t.ttcm!.inviteLink);
  }
  await details.close();
  await tiles.close();
}
