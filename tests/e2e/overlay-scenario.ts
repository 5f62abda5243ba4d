/**
 * The overlay on the production build, written once for both browsers (overlay-chromium,
 * overlay-firefox run it through their ExtensionDriver), on every replica markup family:
 * controls where they belong and nowhere else, exact clipboard contents, a QR code that decodes
 * to the invite link and a dialog driven by keyboard alone, refused malicious links, tile chips
 * and tile copy once a task was seen, no duplicates however often the page re-renders, every
 * tile of a long page chipped as it is scrolled to, and every control gone when the extension
 * goes away.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'vitest';
import type { DriverPage, ExtensionDriver } from './extension-driver';
import { ROOT, replicaControl, replicaUrls } from './harness';
import { S, decodeQr, task, type Family } from './overlay-shared';
import { watchTileSwaps } from './page-scripts';

const TIKTOK_CAMPAIGNS = S.campaignsForAccount().filter((c) => c.platforms.includes('tiktok'));
const OTHER_CAMPAIGNS = S.campaignsForAccount().filter((c) => !c.platforms.includes('tiktok'));
const QR_DIALOG = 'Invite link QR code';

/** `UPDATE_SCREENSHOTS=1 npm run test:e2e` refreshes the README's screenshots (Chromium's); a plain run leaves the checkout as it was. */
export interface ScreenshotOptions {
  screenshots?: boolean;
}

async function saveScreenshot(page: DriverPage, name: string): Promise<void> {
  await mkdir(path.join(ROOT, 'docs/screenshots'), { recursive: true });
  await page.screenshot(path.join(ROOT, 'docs/screenshots', name));
}

/** Our tile hosts: the tile's text, and the chips and buttons in each host's shadow root. */
function tileHosts() {
  return Array.from(document.querySelectorAll('[data-tiktok-helper="tile"]')).map((h) => ({
    tileText: (h.parentElement?.textContent ?? '').replace(/\s+/g, ' '),
    statuses: Array.from(h.shadowRoot?.querySelectorAll('[role="status"]') ?? []).map((s) => (s.textContent ?? '').trim()),
    buttons: Array.from(h.shadowRoot?.querySelectorAll('button') ?? []).map((b) => (b.textContent ?? '').trim()),
  }));
}

/** The TikTok-only task's TTCM controls: each once, exact copies, a scannable QR code, by mouse and by keyboard. */
export async function ttcmControlsScenario(driver: ExtensionDriver, family: Family, options: ScreenshotOptions = {}): Promise<void> {
  const { task: t } = task(S.ids.tiktokOnly.taskId);
  const page = await driver.openTaskDetails(family, t.id);
  for (const name of ['Copy invite link', 'Show QR code', 'Copy campaign code', 'Mark as posted', 'Open overview']) {
    await expect.poll(() => page.buttonCount(name), { message: name }).toBe(1);
  }

  await page.setClipboard('something else');
  await page.click('Copy invite link');
  await expect.poll(() => page.clipboard()).toBe(t.ttcm!.inviteLink);
  await expect.poll(() => page.textCount('Copied', { exact: true })).toBeGreaterThan(0);
  // Copying is a step: the tracker moves the task to "In progress".
  await expect.poll(() => page.textCount('Tracker: In progress')).toBe(1);

  await page.click('Copy campaign code');
  await expect.poll(() => page.clipboard()).toBe(t.ttcm!.campaignCode);

  await page.click('Show QR code');
  await page.waitForDialog(QR_DIALOG, true);
  const inDialog = { scope: { dialog: QR_DIALOG } };
  expect(await page.textCount(t.ttcm!.inviteLink!, { exact: true, ...inDialog })).toBe(1);
  expect(await page.textCount("Scan with your phone's camera to open TikTok", inDialog)).toBe(1);
  expect(decodeQr(await page.screenshotInDialog(QR_DIALOG, 'svg[role="img"]'))).toBe(t.ttcm!.inviteLink);
  if (family === 'uicl' && options.screenshots) await saveScreenshot(page, 'qr-dialog.png');
  await page.press('Escape');
  await page.waitForDialog(QR_DIALOG, false);
  // Escape closed our dialog only: the task's slide-out is still open, focus is back on the
  // button (on the hashed family the page may have replaced the button while the dialog was
  // open: focus then lands on its replacement as soon as that is drawn).
  expect(await page.textCount('TTCM Branded Content Details')).toBeGreaterThan(0);
  await expect.poll(() => page.focusedName()).toBe('Show QR code');

  // By keyboard alone: Shift+Tab and Tab move between our buttons, Enter opens the dialog
  // with focus on Close, and Enter on Close gives focus back.
  await pressUntil(page, 'Shift+Tab', () => expect.poll(() => page.focusedName(), { timeout: 2_000 }).toBe('Copy invite link'));
  await pressUntil(page, 'Tab', () => expect.poll(() => page.focusedName(), { timeout: 2_000 }).toBe('Show QR code'));
  // The focused button shows it (a visible outline), whatever the page's own styles.
  const outline = await page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    const style = getComputedStyle(el!);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  }, null);
  expect(outline.style).not.toBe('none');
  expect(outline.width).toBeGreaterThanOrEqual(2);
  await pressUntil(page, 'Enter', () => page.waitForDialog(QR_DIALOG, true, 2_000));
  await expect.poll(() => page.focusedName()).toBe('Close');
  await page.press('Enter');
  await page.waitForDialog(QR_DIALOG, false);
  await expect.poll(() => page.focusedName()).toBe('Show QR code');
  await page.close();
}

/**
 * Presses `key` until `reached` holds, at most 3 times. The hashed family replaces the task's
 * panel every 1.5 s; a key pressed while our controls are being drawn again lands on the page
 * (focus is given back to our button a moment later), as it would for a person.
 */
async function pressUntil(page: DriverPage, key: string, reached: () => Promise<unknown>): Promise<void> {
  for (let tries = 1; ; tries++) {
    await page.press(key);
    try {
      await reached();
      return;
    } catch (error) {
      if (tries === 3) throw error;
    }
  }
}

/** Malicious invite links (HTML-looking names, a javascript: link): an alert, no copy or QR code, page text stays text. */
export async function refusedLinksScenario(driver: ExtensionDriver, family: Family): Promise<void> {
  for (const taskId of [S.ids.htmlLookingNames.taskId, S.ids.longName.taskId]) {
    const page = await driver.openTaskDetails(family, taskId);
    const refusals = async () => (await page.roleTexts('alert')).filter((text) => text.includes('not a TikTok link'));
    await expect.poll(async () => (await refusals()).length).toBe(1);
    if (taskId === S.ids.longName.taskId) expect((await refusals())[0]).toMatch(/uses javascript, not https/);
    expect(await page.buttonCount('Copy invite link')).toBe(0);
    expect(await page.buttonCount('Show QR code')).toBe(0);
    // Page text stayed text: the names that look like HTML were not turned into elements.
    expect(await page.evaluate(() => document.querySelectorAll('img[src="x"]').length, null)).toBe(0);
    await page.close();
  }
}

/** A chip on every TikTok tile and none elsewhere; copy on the tile once the task was seen (ttcmControlsScenario saw the TikTok-only task). */
export async function tileChipsScenario(driver: ExtensionDriver, family: Family, options: ScreenshotOptions = {}): Promise<void> {
  // Both tasks of the two-task campaign are seen once.
  for (const taskId of S.ids.twoTikTokTasks.taskIds) await (await driver.openTaskDetails(family, taskId)).close();

  const u = await replicaUrls(driver.replica, family, S.ids.tiktokOnly.campaignId);
  const page = await driver.openPage(u.findCampaigns);
  // One reading of the page with every chip drawn: a family that re-renders (hashed) replaces
  // the tiles now and then, and their chips are drawn again a moment later.
  let hosts: ReturnType<typeof tileHosts> = [];
  await expect
    .poll(async () => (hosts = await page.evaluate(tileHosts, null)).length)
    .toBe(TIKTOK_CAMPAIGNS.length);
  for (const c of TIKTOK_CAMPAIGNS) expect(hosts.filter((h) => h.tileText.includes(c.name)).length, c.name).toBe(1);
  for (const c of OTHER_CAMPAIGNS) expect(hosts.filter((h) => h.tileText.includes(c.name)).length, c.name).toBe(0);
  const unseen = hosts.find((h) => h.tileText.includes(S.findCampaign(S.ids.japanese.campaignId)!.name))!;
  expect(unseen.statuses).toEqual(['Not started']);
  expect(unseen.buttons).toEqual([]);

  const glowName = S.findCampaign(S.ids.tiktokOnly.campaignId)!.name;
  const glow = hosts.find((h) => h.tileText.includes(glowName))!;
  expect(glow.statuses).toEqual(['In progress']);
  expect(glow.buttons).toEqual(['Copy invite link', 'Show QR code']);

  await page.setClipboard('something else');
  await page.click('Copy invite link', { tile: glowName });
  await expect.poll(() => page.clipboard()).toBe(task(S.ids.tiktokOnly.taskId).task.ttcm!.inviteLink);

  const kicksName = S.findCampaign(S.ids.twoTikTokTasks.campaignId)!.name;
  for (const t of S.ids.twoTikTokTasks.taskIds.map((id) => task(id).task)) {
    await page.click('Copy invite link', { tile: kicksName, group: t.name });
    await expect.poll(() => page.clipboard()).toBe(t.ttcm!.inviteLink);
  }
  if (family === 'semantic' && options.screenshots) {
    await page.evaluate((name) => {
      const tile = Array.from(document.querySelectorAll('[data-tiktok-helper="tile"]')).map((h) => h.parentElement!).find((p) => p.textContent?.includes(name));
      tile?.scrollIntoView({ block: 'nearest' });
    }, kicksName);
    await saveScreenshot(page, 'tile-controls.png');
  }
  await page.close();
}

/**
 * The hashed family re-rendering every 25 ms: exactly one set of controls in the task's
 * slide-out on every frame through 100+ re-renders. Leaves the replica re-rendering at its usual pace.
 */
export async function slideOutRerendersScenario(driver: ExtensionDriver): Promise<void> {
  // The page re-renders every 25 ms from load on; a person-speed click could never land, so
  // the test clicks from inside the page, in one go.
  await replicaControl(driver.replica, '/__replica/config', { rerenderMs: 25 });
  const { task: t } = task(S.ids.tiktokOnly.taskId);
  const u = await replicaUrls(driver.replica, 'hashed', S.ids.tiktokOnly.campaignId);
  const inPage = { timeout: 30_000, interval: 100 };
  try {
    const page = await driver.openPage(u.manageTasks);
    await expect
      .poll(
        () =>
          page.evaluate((name) => {
            const row = Array.from(document.querySelectorAll('div')).reverse().find((d) => d.textContent?.includes(name) && d.textContent.includes('View Task Details'));
            const open = Array.from(row?.querySelectorAll('[role="button"]') ?? []).find((b) => b.textContent === 'View Task Details') as HTMLElement | undefined;
            open?.click();
            return !!open;
          }, t.name),
        inPage,
      )
      .toBe(true);
    await expect
      .poll(
        () =>
          page.evaluate(() => {
            const toggle = Array.from(document.querySelectorAll('[aria-expanded]')).find((b) => b.textContent?.includes('TTCM Branded Content Details')) as HTMLElement | undefined;
            if (toggle?.getAttribute('aria-expanded') === 'false') toggle.click();
            return toggle?.getAttribute('aria-expanded') === 'true';
          }, null),
        inPage,
      )
      .toBe(true);
    const counts = () =>
      page.evaluate(
        () => ({
          copy: document.querySelectorAll('[data-tiktok-helper="ttcm-invite-link"]').length,
          code: document.querySelectorAll('[data-tiktok-helper="ttcm-campaign-code"]').length,
          task: document.querySelectorAll('[data-tiktok-helper="ttcm-task"]').length,
        }),
        null,
      );
    // Count re-renders (the slide-out replaced) and, on every frame, our control groups.
    await page.evaluate(() => {
      const w = window as unknown as { swaps: number; most: number; seenOne: boolean };
      w.swaps = 0;
      w.most = 0;
      w.seenOne = false;
      new MutationObserver((records) => {
        for (const r of records) for (const n of Array.from(r.addedNodes)) if (n instanceof HTMLElement && n.querySelector('[role="dialog"]')) w.swaps++;
      }).observe(document.body, { childList: true });
      const sample = () => {
        for (const kind of ['ttcm-invite-link', 'ttcm-campaign-code', 'ttcm-task']) {
          const n = document.querySelectorAll(`[data-tiktok-helper="${kind}"]`).length;
          w.most = Math.max(w.most, n);
        }
        if (document.querySelectorAll('[data-tiktok-helper="ttcm-invite-link"]').length === 1) w.seenOne = true;
        requestAnimationFrame(sample);
      };
      sample();
    }, null);
    const swaps = () => page.evaluate(() => (window as unknown as { swaps: number }).swaps, null);
    await expect.poll(swaps, { timeout: 60_000, interval: 250 }).toBeGreaterThanOrEqual(100);
    const seen = await page.evaluate(() => ({ most: (window as unknown as { most: number }).most, seenOne: (window as unknown as { seenOne: boolean }).seenOne }), null);
    expect(seen).toEqual({ most: 1, seenOne: true });
    await expect.poll(counts).toEqual({ copy: 1, code: 1, task: 1 });
    await page.close();
  } finally {
    await replicaControl(driver.replica, '/__replica/config', { rerenderMs: 1500 });
  }
}

/**
 * The hashed family's Participating page re-rendering every 25 ms: one chip per TikTok tile on
 * every frame through 100+ re-renders. Leaves the replica re-rendering at its usual pace.
 */
export async function tileRerendersScenario(driver: ExtensionDriver): Promise<void> {
  await replicaControl(driver.replica, '/__replica/config', { rerenderMs: 25 });
  const u = await replicaUrls(driver.replica, 'hashed', S.ids.tiktokOnly.campaignId);
  try {
    const tiles = await driver.openPage(u.findCampaigns);
    await expect.poll(async () => (await tiles.evaluate(tileHosts, null)).length).toBe(TIKTOK_CAMPAIGNS.length);
    await tiles.evaluate(watchTileSwaps, null);
    await expect.poll(() => tiles.evaluate(() => (window as unknown as { swaps: number }).swaps, null), { timeout: 60_000, interval: 250 }).toBeGreaterThanOrEqual(100);
    expect(await tiles.evaluate(() => (window as unknown as { most: number }).most, null)).toBe(TIKTOK_CAMPAIGNS.length);
    await expect.poll(async () => (await tiles.evaluate(tileHosts, null)).length).toBe(TIKTOK_CAMPAIGNS.length);
    await tiles.close();
  } finally {
    await replicaControl(driver.replica, '/__replica/config', { rerenderMs: 1500 });
  }
}

/** 600 campaigns on Participating (uicl family): every TikTok tile scrolled to gets its chip, and no tile two. Leaves the replica at its usual tiles. */
export async function longPageScenario(driver: ExtensionDriver): Promise<void> {
  // 600 generated campaigns, every third with TikTok (tests/replica/scenario.mjs).
  await replicaControl(driver.replica, '/__replica/config', { tileCount: 600 });
  try {
    const u = await replicaUrls(driver.replica, 'uicl', S.ids.tiktokOnly.campaignId);
    const page = await driver.openPage(u.findCampaigns);
    await page.setViewport(1280, 800);
    /** TikTok tiles on screen now: how many, and how many have exactly one / more than one chip. */
    const onScreen = () =>
      page.evaluate(() => {
        const cards = Array.from(document.querySelectorAll('[data-testid="uicl-campaign-card"]'));
        const tiktok = cards.filter((_, i) => i % 3 === 0);
        const visible = tiktok.filter((c) => {
          const r = c.getBoundingClientRect();
          return r.bottom > 0 && r.top < innerHeight;
        });
        const chips = (c: Element) => c.querySelectorAll('[data-tiktok-helper="tile"]').length;
        return {
          cards: cards.length,
          visible: visible.length,
          withOne: visible.filter((c) => chips(c) === 1).length,
          allChips: document.querySelectorAll('[data-tiktok-helper="tile"]').length,
          doubled: cards.filter((c) => chips(c) > 1).length,
        };
      }, null);
    await expect.poll(async () => (await onScreen()).cards, { timeout: 20_000 }).toBe(600);
    await expect
      .poll(async () => {
        const s = await onScreen();
        return s.visible > 0 && s.withOne === s.visible;
      })
      .toBe(true);
    // Tiles far down the page cost nothing yet: not every TikTok tile has controls.
    expect((await onScreen()).allChips).toBeLessThan(200);
    // Scroll the way a person does, a screen at a time with the wheel over the tiles.
    await page.mouseMove(640, 500);
    const scrolled = () => page.evaluate(() => window.scrollY, null);
    const atBottom = () => page.evaluate(() => scrollY + innerHeight >= document.scrollingElement!.scrollHeight - 2, null);
    let screens = 0;
    while (!(await atBottom())) {
      const before = await scrolled();
      await page.wheel(0, 700);
      await expect.poll(scrolled).toBeGreaterThan(before);
      await expect
        .poll(
          async () => {
            const s = await onScreen();
            return s.visible > 0 && s.withOne === s.visible && s.doubled === 0;
          },
          { timeout: 5_000 },
        )
        .toBe(true);
      screens++;
    }
    expect(screens).toBeGreaterThan(20);
    expect((await onScreen()).doubled).toBe(0);
    await page.close();
  } finally {
    await replicaControl(driver.replica, '/__replica/config', { tileCount: 0 });
  }
}

/** The extension reloaded under an open task page: the old content script removes every control it injected. */
export async function extensionReloadScenario(driver: ExtensionDriver): Promise<void> {
  const page = await driver.openTaskDetails('semantic', S.ids.tiktokOnly.taskId);
  await expect.poll(() => page.buttonCount('Copy invite link')).toBe(1);
  // Reached once first (Firefox opens its extension page then), then told to reload: the
  // context goes away with the call, which is therefore not waited for.
  await driver.inExtension(() => true, null);
  void driver
    .inExtension(() => {
      type Runtime = { runtime: { reload(): void } };
      const api = (self as unknown as { browser?: Runtime; chrome?: Runtime }).browser ?? (self as unknown as { chrome: Runtime }).chrome;
      api.runtime.reload();
    }, null)
    .catch(() => {});
  // The page changes (as pages do): the old content script notices it is orphaned and cleans up.
  await expect
    .poll(async () => {
      await page.evaluate(() => document.body.append(document.createElement('p')), null);
      return page.evaluate(() => document.querySelectorAll('[data-tiktok-helper]').length, null);
    })
    .toBe(0);
  await page.close();
}
