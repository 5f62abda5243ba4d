/**
 * Our controls never crowd impact.com's own (issue 12), on the production build, on every
 * hand-written replica family, written once for both browsers (placement-chromium,
 * placement-firefox run it through their ExtensionDriver): with our controls shown and with
 * them taken out of the layout (placement-shared.ts), impact.com's copy field input, its Copy
 * button, the campaign code, every tile and every element inside them keep their boxes; our
 * rows are rows of their own, one line. Pages at 1280×900 unless a thin file says otherwise.
 */
import { mkdir } from 'node:fs/promises';
import { expect } from 'vitest';
import type { ExtensionDriver } from './extension-driver';
import { replicaUrls } from './harness';
import { S, type Family } from './overlay-shared';
import { VALUE_ELEMENTS, measureLayoutChange } from './placement-shared';

/**
 * `shots`: a folder for screenshots of what was measured (`PLACEMENT_SHOTS=<folder>`).
 * `viewport`: the pages' size, 1280×900 unless given; null leaves the browser's own.
 */
export interface ShotOptions {
  shots?: string;
  viewport?: { width: number; height: number } | null;
}

const sized = (options: ShotOptions) => {
  const viewport = options.viewport === undefined ? { width: 1280, height: 900 } : options.viewport;
  return viewport ? { viewport } : {};
};

export async function detailsPlacementScenario(driver: ExtensionDriver, family: Family, options: ShotOptions = {}): Promise<void> {
  const page = await driver.openTaskDetails(family, S.ids.tiktokOnly.taskId, sized(options));
  for (const name of ['Copy invite link', 'Show QR code', 'Copy campaign code']) await expect.poll(() => page.buttonCount(name), { message: name }).toBe(1);
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
  if (options.shots) {
    await mkdir(options.shots, { recursive: true });
    await page.screenshot(`${options.shots}/details-${driver.browserName}-${family}.png`);
  }
  await page.close();
}

export async function tilesPlacementScenario(driver: ExtensionDriver, family: Family, options: ShotOptions = {}): Promise<void> {
  // Seen once, so their tiles offer copy and QR (the two-task tile gets two lines; the
  // TikTok-only task was seen by detailsPlacementScenario in the same browser).
  for (const taskId of S.ids.twoTikTokTasks.taskIds) await (await driver.openTaskDetails(family, taskId, sized(options))).close();
  const u = await replicaUrls(driver.replica, family, S.ids.tiktokOnly.campaignId);
  const page = await driver.openPage(u.findCampaigns, sized(options));
  const tiktokTiles = S.campaignsForAccount().filter((c) => c.platforms.includes('tiktok')).length;
  await expect.poll(() => page.evaluate(() => document.querySelectorAll('[data-tiktok-helper="tile"]').length, null)).toBe(tiktokTiles);
  await expect.poll(() => page.buttonCount('Show QR code')).toBeGreaterThanOrEqual(2);
  // Tiles = the elements our tile controls went into.
  await page.evaluate(() => {
    for (const h of Array.from(document.querySelectorAll('[data-tiktok-helper="tile"]'))) h.parentElement?.setAttribute('data-measure-tile', '');
  }, null);
  const change = await page.evaluate(measureLayoutChange, { named: [] });
  // Nothing of impact.com's changed width or moved sideways (no wrapped buttons, no squeezed names).
  expect(change.moved).toEqual([]);
  // Nothing grew but the tiles holding our line (and, in a grid row, the tiles beside them,
  // which impact.com's grid stretches to the row's height), nothing moved up.
  expect(change.grown).toEqual([]);
  expect(change.movedUp).toEqual([]);
  // One line per task: the chip and its icon buttons never wrap.
  for (const h of change.ownRowHeights) expect(h).toBeLessThanOrEqual(32);
  if (options.shots) await page.screenshot(`${options.shots}/tiles-${driver.browserName}-${family}.png`, { fullPage: true });
  await page.close();
}
