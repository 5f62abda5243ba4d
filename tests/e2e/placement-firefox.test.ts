/**
 * Our controls never crowd impact.com's own (issue 12), in Firefox ESR on the production
 * build, on every hand-written replica family: the same measurement as placement-chromium
 * (impact.com's boxes with our controls shown and taken out of the layout).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefox, replicaUrls, type FirefoxSession } from './harness';
import { FAMILIES, S, type Family } from './overlay-shared';
import { buttonCount, openReplicaPage, openTaskDetails, until } from './firefox-pages';
import { VALUE_ELEMENTS, measureLayoutChange } from './placement-shared';

let session: FirefoxSession;

const urls = (family: Family, campaignId: string, taskId?: string) => replicaUrls(session.replica, family, campaignId, taskId);

const open = (path: string) => openReplicaPage(session, path);

describe.each(FAMILIES)('placement in Firefox, %s family', (family) => {
  beforeAll(async () => {
    session = await launchFirefox();
  });
  afterAll(async () => {
    await session?.close();
  });

  it("task details: impact.com's values keep their boxes; tiles keep their width and place", async () => {
    const page = await openTaskDetails(session, family, S.ids.tiktokOnly.taskId);
    for (const name of ['Copy invite link', 'Show QR code', 'Copy campaign code']) await until(() => buttonCount(page, name), (n) => n === 1, name);
    const change = await page.evaluate(measureLayoutChange, { named: VALUE_ELEMENTS[family] });
    expect(change.moved).toEqual([]);
    expect(change.grown).toEqual([]);
    expect(change.movedUp).toEqual([]);
    for (const n of change.named) {
      expect(n.after.length, `${n.selector} found`).toBe(4);
      const [bx, , bw, bh] = n.before as [number, number, number, number];
      const [ax, , aw, ah] = n.after as [number, number, number, number];
      expect({ x: ax, width: aw, height: ah }, n.selector).toEqual({ x: bx, width: bw, height: bh });
    }
    for (const h of change.ownRowHeights) expect(h).toBeLessThanOrEqual(40);
    await page.close();

    const u = await urls(family, S.ids.tiktokOnly.campaignId);
    const tiles = await open(u.findCampaigns);
    await until(() => buttonCount(tiles, 'Show QR code'), (n) => n >= 1, 'tile QR buttons');
    const tileChange = await tiles.evaluate(measureLayoutChange, { named: [] });
    expect(tileChange.moved).toEqual([]);
    expect(tileChange.grown).toEqual([]);
    expect(tileChange.movedUp).toEqual([]);
    for (const h of tileChange.ownRowHeights) expect(h).toBeLessThanOrEqual(32);
    await tiles.close();
  });
});
