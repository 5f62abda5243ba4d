/**
 * The overlay in Firefox (puppeteer over WebDriver BiDi) on the production build, on every
 * replica markup family: controls present where expected, exact clipboard contents after a
 * real click, a QR code that decodes to the invite link, refused malicious links, tile copy
 * once the task was seen, and one set of controls through 100+ re-renders.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ElementHandle, Page } from 'puppeteer-core';
import { launchFirefox, replicaControl, type FirefoxSession, replicaUrls } from './harness';
import { FAMILIES, S, decodeQr, task, type Family } from './overlay-shared';
import { buttonCount, notNull, openReplicaPage, openTaskDetails, until } from './firefox-pages';
import { watchTileSwaps } from './page-scripts';

let session: FirefoxSession;

const urls = (family: Family, campaignId: string, taskId?: string) => replicaUrls(session.replica, family, campaignId, taskId);

const open = (path: string) => openReplicaPage(session, path);
async function deepButton(page: Page, name: string, within?: string): Promise<ElementHandle<Element>> {
  await until(() => buttonCount(page, name), (n) => n > 0, name);
  const handle = await page.evaluateHandle(
    (n, scope) => {
      const all = (window as unknown as { __buttons(n: string): Element[] }).__buttons(n);
      return (scope ? all.find((b) => (b.getRootNode() as ShadowRoot).host?.parentElement?.textContent?.includes(scope)) : all[0]) ?? null;
    },
    name,
    within ?? '',
  );
  return handle.asElement() as ElementHandle<Element>;
}
const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

describe.each(FAMILIES)('overlay in Firefox, %s family', (family) => {
  beforeAll(async () => {
    session = await launchFirefox();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('adds the TTCM controls, copies exactly, and shows a scannable QR code', async () => {
    const { task: t } = task(S.ids.tiktokOnly.taskId);
    const page = await openTaskDetails(session, family, t.id);
    for (const name of ['Copy invite link', 'Show QR code', 'Copy campaign code', 'Mark as posted', 'Open overview']) {
      await until(() => buttonCount(page, name), (n) => n === 1, name);
    }
    await (await deepButton(page, 'Copy invite link')).click();
    await until(() => clipboard(page), (v) => v === t.ttcm!.inviteLink, 'the invite link on the clipboard');
    await (await deepButton(page, 'Copy campaign code')).click();
    await until(() => clipboard(page), (v) => v === t.ttcm!.campaignCode, 'the campaign code on the clipboard');

    await (await deepButton(page, 'Show QR code')).click();
    const svg = await until(
      () => page.evaluateHandle(() => (window as unknown as { __deep(s: string): Element[] }).__deep('dialog[open] svg[role="img"]')[0] ?? null),
      notNull,
      'the QR dialog',
    );
    const name = await page.evaluate(() => {
      const d = (window as unknown as { __deep(s: string): Element[] }).__deep('dialog[open]')[0]!;
      return (d.getRootNode() as ShadowRoot).getElementById(d.getAttribute('aria-labelledby')!)?.textContent;
    });
    expect(name).toBe('Invite link QR code');
    const png = Buffer.from(await (svg.asElement() as ElementHandle<Element>).screenshot());
    expect(decodeQr(png)).toBe(t.ttcm!.inviteLink);
    await page.keyboard.press('Escape');
    await until(() => page.evaluate(() => (window as unknown as { __deep(s: string): Element[] }).__deep('dialog').length), (n) => n === 0, 'the dialog to close');
    // On the hashed family the page may have replaced the button while the dialog was open:
    // focus then lands on its replacement as soon as that is drawn.
    await until(() => page.evaluate(() => (window as unknown as { __activeName(): string }).__activeName()), (name) => name === 'Show QR code', 'focus back on Show QR code');
    await page.close();
  });

  it('refuses a malicious invite link', async () => {
    const page = await openTaskDetails(session, family, S.ids.htmlLookingNames.taskId);
    const alerts = () =>
      page.evaluate(() => (window as unknown as { __deep(s: string): Element[] }).__deep('[role="alert"]').map((a) => a.textContent ?? ''));
    await until(alerts, (a) => a.some((x) => x.includes('not a TikTok link')), 'the refusal alert');
    expect(await buttonCount(page, 'Copy invite link')).toBe(0);
    expect(await buttonCount(page, 'Show QR code')).toBe(0);
    await page.close();
  });

  it('chips the TikTok tiles only, and copies from the tile once the task was seen', async () => {
    const tiktok = S.campaignsForAccount().filter((c) => c.platforms.includes('tiktok'));
    const u = await urls(family, S.ids.tiktokOnly.campaignId);
    const page = await open(u.findCampaigns);
    const hosts = () =>
      page.evaluate(() =>
        Array.from(document.querySelectorAll('[data-tiktok-helper="tile"]')).map((h) => ({
          tile: h.parentElement?.textContent ?? '',
          status: Array.from(h.shadowRoot?.querySelectorAll('[role="status"]') ?? []).map((s) => s.textContent?.trim()),
        })),
      );
    const found = await until(hosts, (h) => h.length === tiktok.length, 'one chip per TikTok tile');
    for (const c of tiktok) expect(found.filter((h) => h.tile.includes(c.name))).toHaveLength(1);
    const glowName = S.findCampaign(S.ids.tiktokOnly.campaignId)!.name;
    expect(found.find((h) => h.tile.includes(glowName))?.status).toEqual(['In progress']);
    await page.evaluate(() => navigator.clipboard.writeText('something else'));
    await (await deepButton(page, 'Copy invite link', glowName)).click();
    await until(() => clipboard(page), (v) => v === task(S.ids.tiktokOnly.taskId).task.ttcm!.inviteLink, 'the tile copy');
    await page.close();
  });

  if (family === 'hashed') {
    it('keeps one set of controls through 100+ re-renders', async () => {
      await replicaControl(session.replica, '/__replica/config', { rerenderMs: 25 });
      try {
        const u = await urls('hashed', S.ids.tiktokOnly.campaignId);
        const page = await open(u.findCampaigns);
        const tiktok = S.campaignsForAccount().filter((c) => c.platforms.includes('tiktok')).length;
        await until(() => page.evaluate(() => document.querySelectorAll('[data-tiktok-helper="tile"]').length), (n) => n === tiktok, 'tile chips');
        await page.evaluate(watchTileSwaps);
        await until(() => page.evaluate(() => (window as unknown as { swaps: number }).swaps), (n) => n >= 100, '100 re-renders', 60_000);
        expect(await page.evaluate(() => (window as unknown as { most: number }).most)).toBe(tiktok);
        await until(() => page.evaluate(() => document.querySelectorAll('[data-tiktok-helper="tile"]').length), (n) => n === tiktok, 'tile chips after re-renders');
        await page.close();
      } finally {
        await replicaControl(session.replica, '/__replica/config', { rerenderMs: 1500 });
      }
    });
  }
});
