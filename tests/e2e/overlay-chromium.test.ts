/**
 * The overlay in Chromium on the production build, on every replica markup family: controls
 * where they belong and nowhere else, exact clipboard contents, a QR code that decodes to the
 * invite link, refused malicious links, tile chips and tile copy once a task was seen, and no
 * duplicates however often the page re-renders.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { IMPACT, ROOT, launchChromium, replicaControl, type ChromiumSession, replicaUrls } from './harness';

/** `UPDATE_SCREENSHOTS=1 npm run test:e2e` refreshes the README's screenshots; a plain run leaves the checkout as it was. */
const UPDATE_SCREENSHOTS = Boolean(process.env.UPDATE_SCREENSHOTS);
import { FAMILIES, S, decodeQr, task, type Family } from './overlay-shared';
import { openTaskDetails } from './chromium-pages';
import { watchTileSwaps } from './page-scripts';

let session: ChromiumSession;

/** A fresh browser (and tracker) per family: each family stands for the whole site. */
function freshSession() {
  beforeAll(async () => {
    session = await launchChromium();
    await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: IMPACT });
  });
  afterAll(async () => {
    await session?.close();
  });
}

const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());
const setClipboard = (page: Page, text: string) => page.evaluate((t) => navigator.clipboard.writeText(t), text);
const button = (scope: Page | Locator, name: string) => scope.getByRole('button', { name, exact: true });

const urls = (family: Family, campaignId: string, taskId?: string) => replicaUrls(session.replica, family, campaignId, taskId);

async function tileHosts(page: Page) {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('[data-tiktok-helper="tile"]')).map((h) => ({
      tileText: (h.parentElement?.textContent ?? '').replace(/\s+/g, ' '),
      statuses: Array.from(h.shadowRoot?.querySelectorAll('[role="status"]') ?? []).map((s) => (s.textContent ?? '').trim()),
      buttons: Array.from(h.shadowRoot?.querySelectorAll('button') ?? []).map((b) => (b.textContent ?? '').trim()),
    })),
  );
}

const TIKTOK_CAMPAIGNS = S.campaignsForAccount().filter((c) => c.platforms.includes('tiktok'));
const OTHER_CAMPAIGNS = S.campaignsForAccount().filter((c) => !c.platforms.includes('tiktok'));

describe.each(FAMILIES)('overlay in Chromium, %s family', (family) => {
  freshSession();
  it('adds the TTCM controls once, copies exactly, and shows a scannable QR code', async () => {
    const { task: t } = task(S.ids.tiktokOnly.taskId);
    const page = await openTaskDetails(session, family, t.id);
    for (const name of ['Copy invite link', 'Show QR code', 'Copy campaign code', 'Mark as posted', 'Open overview']) {
      await expect.poll(() => button(page, name).count(), { message: name }).toBe(1);
    }

    await setClipboard(page, 'something else');
    await button(page, 'Copy invite link').click();
    await expect.poll(() => clipboard(page)).toBe(t.ttcm!.inviteLink);
    await expect.poll(() => page.getByText('Copied', { exact: true }).count()).toBeGreaterThan(0);
    // Copying is a step: the tracker moves the task to "In progress".
    await expect.poll(() => page.getByText('Tracker: In progress').count()).toBe(1);

    await button(page, 'Copy campaign code').click();
    await expect.poll(() => clipboard(page)).toBe(t.ttcm!.campaignCode);

    await button(page, 'Show QR code').click();
    const dialog = page.getByRole('dialog', { name: 'Invite link QR code' });
    await dialog.waitFor();
    expect(await dialog.getByText(t.ttcm!.inviteLink!, { exact: true }).count()).toBe(1);
    expect(await dialog.getByText("Scan with your phone's camera to open TikTok").count()).toBe(1);
    const png = await dialog.locator('svg[role="img"]').screenshot();
    expect(decodeQr(png)).toBe(t.ttcm!.inviteLink);
    if (family === 'uicl' && UPDATE_SCREENSHOTS) {
      await mkdir(path.join(ROOT, 'docs/screenshots'), { recursive: true });
      await page.screenshot({ path: path.join(ROOT, 'docs/screenshots/qr-dialog.png') });
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    // Escape closed our dialog only: the task's slide-out is still open, focus is back on the button.
    expect(await page.getByText('TTCM Branded Content Details').count()).toBeGreaterThan(0);
    const focused = () =>
      page.evaluate(() => {
        let el = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        return el?.textContent?.trim();
      });
    await expect.poll(focused).toBe('Show QR code');

    // By keyboard alone: Shift+Tab and Tab move between our buttons, Enter opens the dialog
    // with focus on Close, and Enter on Close gives focus back.
    await page.keyboard.press('Shift+Tab');
    await expect.poll(focused).toBe('Copy invite link');
    await page.keyboard.press('Tab');
    await expect.poll(focused).toBe('Show QR code');
    // The focused button shows it (a visible outline), whatever the page's own styles.
    const outline = await page.evaluate(() => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      const style = getComputedStyle(el!);
      return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
    expect(outline.style).not.toBe('none');
    expect(outline.width).toBeGreaterThanOrEqual(2);
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await expect.poll(focused).toBe('Close');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(focused).toBe('Show QR code');
    await page.close();
  });

  it('refuses malicious invite links with an alert and offers no copy or QR code', async () => {
    for (const taskId of [S.ids.htmlLookingNames.taskId, S.ids.longName.taskId]) {
      const page = await openTaskDetails(session, family, taskId);
      const alert = page.getByRole('alert').filter({ hasText: 'not a TikTok link' });
      await expect.poll(() => alert.count()).toBe(1);
      expect(await button(page, 'Copy invite link').count()).toBe(0);
      expect(await button(page, 'Show QR code').count()).toBe(0);
      // Page text stayed text: the names that look like HTML were not turned into elements.
      expect(await page.evaluate(() => document.querySelectorAll('img[src="x"]').length)).toBe(0);
      await page.close();
    }
  });

  it('puts a status chip on every TikTok tile and none elsewhere; tile copy once the task was seen', async () => {
    // Both tasks of the two-task campaign are seen once (the first test saw the TikTok-only task).
    for (const taskId of S.ids.twoTikTokTasks.taskIds) (await openTaskDetails(session, family, taskId)).close();

    const u = await urls(family, S.ids.tiktokOnly.campaignId);
    const page = await session.newPage(u.findCampaigns);
    await expect.poll(async () => (await tileHosts(page)).length).toBe(TIKTOK_CAMPAIGNS.length);
    const hosts = await tileHosts(page);
    for (const c of TIKTOK_CAMPAIGNS) expect(hosts.filter((h) => h.tileText.includes(c.name)).length, c.name).toBe(1);
    for (const c of OTHER_CAMPAIGNS) expect(hosts.filter((h) => h.tileText.includes(c.name)).length, c.name).toBe(0);
    const unseen = hosts.find((h) => h.tileText.includes(S.findCampaign(S.ids.japanese.campaignId)!.name))!;
    expect(unseen.statuses).toEqual(['Not started']);
    expect(unseen.buttons).toEqual([]);

    const glowName = S.findCampaign(S.ids.tiktokOnly.campaignId)!.name;
    const glow = hosts.find((h) => h.tileText.includes(glowName))!;
    expect(glow.statuses).toEqual(['In progress']);
    expect(glow.buttons).toEqual(['Copy invite link', 'Show QR code']);

    const glowTile = page.locator('[data-tiktok-helper="tile"]').filter({ has: page.getByRole('status') }).locator('xpath=..').filter({ hasText: glowName });
    await setClipboard(page, 'something else');
    await button(glowTile, 'Copy invite link').click();
    await expect.poll(() => clipboard(page)).toBe(task(S.ids.tiktokOnly.taskId).task.ttcm!.inviteLink);

    const [first, second] = S.ids.twoTikTokTasks.taskIds.map((id) => task(id).task);
    const kicks = page.locator('[data-tiktok-helper="tile"]').locator('xpath=..').filter({ hasText: S.findCampaign(S.ids.twoTikTokTasks.campaignId)!.name });
    for (const t of [first!, second!]) {
      const group = kicks.getByRole('group', { name: t.name, exact: true });
      await button(group, 'Copy invite link').click();
      await expect.poll(() => clipboard(page)).toBe(t.ttcm!.inviteLink);
    }
    if (family === 'semantic' && UPDATE_SCREENSHOTS) {
      await kicks.scrollIntoViewIfNeeded();
      await mkdir(path.join(ROOT, 'docs/screenshots'), { recursive: true });
      await page.screenshot({ path: path.join(ROOT, 'docs/screenshots/tile-controls.png') });
    }
    await page.close();
  });
});

describe('overlay in Chromium: re-renders', () => {
  freshSession();
  it('keeps exactly one set of controls through 100+ re-renders (hashed family)', async () => {
    // The page re-renders every 25 ms from load on; a person-speed click could never land, so
    // the test clicks from inside the page, in one go.
    await replicaControl(session.replica, '/__replica/config', { rerenderMs: 25 });
    const { task: t } = task(S.ids.tiktokOnly.taskId);
    const u = await urls('hashed', S.ids.tiktokOnly.campaignId);
    try {
      const page = await session.newPage(u.manageTasks);
      await page.waitForFunction((name) => {
        const row = Array.from(document.querySelectorAll('div')).reverse().find((d) => d.textContent?.includes(name) && d.textContent.includes('View Task Details'));
        const open = Array.from(row?.querySelectorAll('[role="button"]') ?? []).find((b) => b.textContent === 'View Task Details') as HTMLElement | undefined;
        open?.click();
        return !!open;
      }, t.name);
      await page.waitForFunction(() => {
        const toggle = Array.from(document.querySelectorAll('[aria-expanded]')).find((b) => b.textContent?.includes('TTCM Branded Content Details')) as HTMLElement | undefined;
        if (toggle?.getAttribute('aria-expanded') === 'false') toggle.click();
        return toggle?.getAttribute('aria-expanded') === 'true';
      });
      const counts = () =>
        page.evaluate(() => ({
          copy: document.querySelectorAll('[data-tiktok-helper="ttcm-invite-link"]').length,
          code: document.querySelectorAll('[data-tiktok-helper="ttcm-campaign-code"]').length,
          task: document.querySelectorAll('[data-tiktok-helper="ttcm-task"]').length,
        }));
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
      });
      await page.waitForFunction(() => (window as unknown as { swaps: number }).swaps >= 100, undefined, { timeout: 60_000 });
      const seen = await page.evaluate(() => ({ most: (window as unknown as { most: number }).most, seenOne: (window as unknown as { seenOne: boolean }).seenOne }));
      expect(seen).toEqual({ most: 1, seenOne: true });
      await expect.poll(counts).toEqual({ copy: 1, code: 1, task: 1 });
      await page.close();

      const tiles = await session.newPage(u.findCampaigns);
      await expect.poll(async () => (await tileHosts(tiles)).length).toBe(TIKTOK_CAMPAIGNS.length);
      await tiles.evaluate(watchTileSwaps);
      await tiles.waitForFunction(() => (window as unknown as { swaps: number }).swaps >= 100, undefined, { timeout: 60_000 });
      expect(await tiles.evaluate(() => (window as unknown as { most: number }).most)).toBe(TIKTOK_CAMPAIGNS.length);
      await expect.poll(async () => (await tileHosts(tiles)).length).toBe(TIKTOK_CAMPAIGNS.length);
      await tiles.close();
    } finally {
      await replicaControl(session.replica, '/__replica/config', { rerenderMs: 1500 });
    }
  });
});

describe('overlay in Chromium: extension reloaded', () => {
  freshSession();
  it('removes every injected control when the extension goes away', async () => {
    const page = await openTaskDetails(session, 'semantic', S.ids.tiktokOnly.taskId);
    await expect.poll(() => button(page, 'Copy invite link').count()).toBe(1);
    const ext = await session.extensionPage('popup.html');
    await ext.evaluate(() => (globalThis as unknown as { chrome: { runtime: { reload(): void } } }).chrome.runtime.reload()).catch(() => {});
    // The page changes (as pages do): the old content script notices it is orphaned and cleans up.
    await expect
      .poll(async () => {
        await page.evaluate(() => document.body.append(document.createElement('p')));
        return page.evaluate(() => document.querySelectorAll('[data-tiktok-helper]').length);
      })
      .toBe(0);
    await page.close();
  });
});

describe('overlay in Chromium: a long Participating page', () => {
  freshSession();
  it('gives every TikTok tile the creator scrolls to its chip, and no tile two', async () => {
    // 600 generated campaigns, every third with TikTok (tests/replica/scenario.mjs).
    await replicaControl(session.replica, '/__replica/config', { tileCount: 600 });
    try {
      const u = await urls('uicl', S.ids.tiktokOnly.campaignId);
      const page = await session.newPage(u.findCampaigns);
      await page.setViewportSize({ width: 1280, height: 800 });
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
        });
      await expect.poll(async () => (await onScreen()).cards, { timeout: 20_000 }).toBe(600);
      await expect.poll(async () => { const s = await onScreen(); return s.visible > 0 && s.withOne === s.visible; }).toBe(true);
      // Tiles far down the page cost nothing yet: not every TikTok tile has controls.
      expect((await onScreen()).allChips).toBeLessThan(200);
      // Scroll the way a person does, a screen at a time with the wheel over the tiles.
      await page.mouse.move(640, 500);
      const atBottom = () => page.evaluate(() => scrollY + innerHeight >= document.scrollingElement!.scrollHeight - 2);
      let screens = 0;
      while (!(await atBottom())) {
        const before = await page.evaluate(() => scrollY);
        await page.mouse.wheel(0, 700);
        await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(before);
        await expect.poll(async () => { const s = await onScreen(); return s.visible > 0 && s.withOne === s.visible && s.doubled === 0; }, { timeout: 5_000 }).toBe(true);
        screens++;
      }
      expect(screens).toBeGreaterThan(20);
      expect((await onScreen()).doubled).toBe(0);
      await page.close();
    } finally {
      await replicaControl(session.replica, '/__replica/config', { tileCount: 0 });
    }
  });
});
