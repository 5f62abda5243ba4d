/**
 * Our controls never crowd impact.com's own (issue 12), in Firefox ESR on the production
 * build, on every hand-written replica family: the same measurement as placement-chromium
 * (impact.com's boxes with our controls shown and taken out of the layout).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ElementHandle, JSHandle, Page } from 'puppeteer-core';
import { IMPACT, launchFirefox, replicaUrls, type FirefoxSession } from './harness';
import { DEEP_QUERY_SOURCE, FAMILIES, S, task, type Family } from './overlay-shared';
import { measureLayoutChange } from './placement-shared';

let session: FirefoxSession;

const urls = (family: Family, campaignId: string, taskId?: string) => replicaUrls(session.replica, family, campaignId, taskId);

async function open(path: string): Promise<Page> {
  const page = await session.browser.newPage();
  await page.goto(IMPACT + path);
  await page.evaluate(DEEP_QUERY_SOURCE);
  return page;
}

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean | Promise<boolean>, what: string, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (await ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const notNull = (h: JSHandle<unknown>) => h.evaluate((x: unknown) => x !== null);
const count = (page: Page, name: string) => page.evaluate((n) => (window as unknown as { __buttons(n: string): Element[] }).__buttons(n).length, name);

/** Open View Task Details of a task and expand the TTCM drop-down, with real clicks. */
async function openTaskDetails(family: Family, taskId: string): Promise<Page> {
  const { campaign, task: t } = task(taskId);
  const u = await urls(family, campaign.id, taskId);
  const page = await open(u.taskDetails ?? u.manageTasks);
  if (!u.taskDetails) {
    const view = await until(
      () =>
        page.evaluateHandle((name) => {
          const rows = Array.from(document.querySelectorAll('div')).filter((d) => Array.from(d.children).some((c) => c.textContent === name));
          return rows.flatMap((r) => Array.from(r.querySelectorAll('[role="button"]'))).find((b) => b.textContent === 'View Task Details') ?? null;
        }, t.name),
      notNull,
      'View Task Details',
    );
    await (view as ElementHandle<Element>).evaluate((b) => (b as HTMLElement).click());
  }
  const toggle = await until(
    () => page.evaluateHandle(() => Array.from(document.querySelectorAll('summary, [aria-expanded]')).find((b) => b.textContent?.includes('TTCM Branded Content Details')) ?? null),
    notNull,
    'the TTCM toggle',
  );
  await (toggle.asElement() as ElementHandle<Element>).click();
  await until(() => page.evaluate(() => (window as unknown as { __deep(s: string): Element[] }).__deep('*').some((e) => e.childNodes.length === 1 && e.textContent?.trim() === 'Campaign code')), Boolean, 'the expanded section');
  return page;
}

/** impact.com's own elements showing the TTCM values, per family (as in placement-chromium). */
const VALUE_ELEMENTS: Record<Family, string[]> = {
  semantic: ['dd a[href^="https://"]', 'dl'],
  uicl: ['[data-testid="uicl-input"]', '[data-testid="uicl-button"] button', '[data-testid="uicl-text"]', 'iui-copy-field'],
  hashed: ['[role="dialog"] span[title], [role="dialog"] span'],
};

describe.each(FAMILIES)('placement in Firefox, %s family', (family) => {
  beforeAll(async () => {
    session = await launchFirefox();
  });
  afterAll(async () => {
    await session?.close();
  });

  it("task details: impact.com's values keep their boxes; tiles keep their width and place", async () => {
    const page = await openTaskDetails(family, S.ids.tiktokOnly.taskId);
    for (const name of ['Copy invite link', 'Show QR code', 'Copy campaign code']) await until(() => count(page, name), (n) => n === 1, name);
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
    await until(() => count(tiles, 'Show QR code'), (n) => n >= 1, 'tile QR buttons');
    const tileChange = await tiles.evaluate(measureLayoutChange, { named: [] });
    expect(tileChange.moved).toEqual([]);
    expect(tileChange.grown).toEqual([]);
    expect(tileChange.movedUp).toEqual([]);
    for (const h of tileChange.ownRowHeights) expect(h).toBeLessThanOrEqual(32);
    await tiles.close();
  });
});
