/**
 * Our controls never crowd impact.com's own (issue 12), in Chromium on the production build,
 * on every hand-written replica family: with our controls shown and with them taken out of
 * the layout, impact.com's copy field input, its Copy button, the campaign code, every tile
 * and every element inside them keep their boxes; our rows are rows of their own, one line.
 */
import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { launchChromium, replicaUrls, type ChromiumSession } from './harness';
import { FAMILIES, S, type Family } from './overlay-shared';
import { VALUE_ELEMENTS, measureLayoutChange } from './placement-shared';
import { openTaskDetails } from './chromium-pages';

let session: ChromiumSession;
const SHOTS = process.env.PLACEMENT_SHOTS;
const button = (scope: Page | Locator, name: string) => scope.getByRole('button', { name, exact: true });

/** View Task Details of a task, expanded, at 1280×900. */
const openDetails = (family: Family, taskId: string) => openTaskDetails(session, family, taskId, (page) => page.setViewportSize({ width: 1280, height: 900 }));

describe.each(FAMILIES)('placement in Chromium, %s family', (family) => {
  beforeAll(async () => {
    session = await launchChromium();
  });
  afterAll(async () => {
    await session?.close();
  });

  it("task details: impact.com's copy field, Copy button and code keep their boxes; our controls are rows of their own", async () => {
    const page = await openDetails(family, S.ids.tiktokOnly.taskId);
    for (const name of ['Copy invite link', 'Show QR code', 'Copy campaign code']) await expect.poll(() => button(page, name).count(), { message: name }).toBe(1);
    const change = await page.evaluate(measureLayoutChange, { named: VALUE_ELEMENTS[family] });
    expect(change.moved).toEqual([]);
    expect(change.grown).toEqual([]);
    expect(change.movedUp).toEqual([]);
    for (const n of change.named) {
      expect(n.after.length, `${n.selector} found`).toBe(4);
      // Same left edge, width and height; only ever lower, by our rows above it (the status strip).
      const [bx, by, bw, bh] = n.before as [number, number, number, number];
      const [ax, ay, aw, ah] = n.after as [number, number, number, number];
      expect({ x: ax, width: aw, height: ah }, n.selector).toEqual({ x: bx, width: bw, height: bh });
      expect(ay - by, n.selector).toBeLessThanOrEqual(change.ownRowHeights.reduce((a, b) => a + b + 12, 0));
    }
    // Each of our rows is one line (28 px buttons), never wrapped under impact.com's.
    for (const h of change.ownRowHeights) expect(h).toBeLessThanOrEqual(40);
    if (family === 'uicl') {
      // The figure: impact.com's input kept its full width (it was squeezed to 165 px).
      const input = change.named[0]!;
      expect(input.after[2]).toBeGreaterThan(350);
    }
    if (SHOTS) {
      await mkdir(SHOTS, { recursive: true });
      await page.screenshot({ path: `${SHOTS}/details-${family}.png` });
    }
    await page.close();
  });

  it("tiles: every tile keeps its width and place, impact.com's parts of it keep their boxes; one line of ours per task", async () => {
    // Seen once, so their tiles offer copy and QR (the two-task tile gets two lines).
    for (const taskId of [S.ids.tiktokOnly.taskId, ...S.ids.twoTikTokTasks.taskIds]) await (await openDetails(family, taskId)).close();
    const u = await replicaUrls(session.replica, family, S.ids.tiktokOnly.campaignId);
    const page = await session.newPage(u.findCampaigns);
    await page.setViewportSize({ width: 1280, height: 900 });
    const tiktokTiles = S.campaignsForAccount().filter((c) => c.platforms.includes('tiktok')).length;
    await expect.poll(() => page.evaluate(() => document.querySelectorAll('[data-tiktok-helper="tile"]').length)).toBe(tiktokTiles);
    await expect.poll(() => button(page, 'Show QR code').count()).toBeGreaterThanOrEqual(2);
    // Tiles = the elements our tile controls went into.
    await page.evaluate(() => {
      for (const h of Array.from(document.querySelectorAll('[data-tiktok-helper="tile"]'))) h.parentElement?.setAttribute('data-measure-tile', '');
    });
    const change = await page.evaluate(measureLayoutChange, { named: [] });
    // Nothing of impact.com's changed width or moved sideways (no wrapped buttons, no squeezed names).
    expect(change.moved).toEqual([]);
    // Nothing grew but the tiles holding our line (and, in a grid row, the tiles beside them,
    // which impact.com's grid stretches to the row's height), nothing moved up.
    expect(change.grown).toEqual([]);
    expect(change.movedUp).toEqual([]);
    // One line per task: the chip and its icon buttons never wrap.
    for (const h of change.ownRowHeights) expect(h).toBeLessThanOrEqual(32);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/tiles-${family}.png`, fullPage: true });
    await page.close();
  });
});
