/**
 * The tracker pages on the production build, written once for both browsers (tracker-chromium,
 * tracker-firefox run it through their ExtensionDriver, in this order, on one browser): two
 * campaigns' TikTok tasks found by the content script on the replica; the overview opened from
 * the page's Open overview; steps ticked in the popup; the overview opened from the popup, live,
 * searched and filtered; the exported CSV file read back from disk; then the tracker's head:
 * written with every change, rebuilt after a tool's write, and painted first by the popup with
 * the same first page.
 */
import { expect, it } from 'vitest';
import type { DriverPage, ExtensionDriver } from './extension-driver';
import { waitFor } from './retrieve-data';
import { CSV_HEADER, TRACKED, discovered, taskDetailsUrl } from './tracker-data';

type Api = { storage: { local: { get(keys: string[] | null): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> } } };

const GLOW = 'TikTok Video Summer Glow Serum Launch';
const GIFT = 'TikTok Video Holiday Gift Guide 2026';

/**
 * The tracker's revision and the head stored with it (as JSON text). The head's tasks are stored
 * in slots (utils/tracker/head.ts), each at the revision the head names. Runs in an extension context.
 */
function readHead(): Promise<{ rev?: number; headRev?: number; total?: number; tasks?: number }> {
  const api = (globalThis as { browser?: Api }).browser ?? (globalThis as unknown as { chrome: Api }).chrome;
  return api.storage.local.get(null).then((got) => {
    const h = typeof got.trackerHead === 'string' ? (JSON.parse(got.trackerHead) as { rev: number; total: number; slotRevs: number[] }) : undefined;
    let tasks = 0;
    h?.slotRevs.forEach((rev, i) => {
      const slot = JSON.parse(got[`trackerHeadTasks:${i}`] as string) as { rev: number; tasks: unknown[] };
      tasks += slot.rev === rev ? slot.tasks.length : Number.NaN;
    });
    return { rev: (got['tracker$'] as { rev?: number } | undefined)?.rev, headRev: h?.rev, total: h?.total, tasks: h ? tasks : undefined };
  });
}

/** A state badge's text: the card's (popup) or the row's (overview) of that task. */
const badge = (page: DriverPage, where: { article: string } | { row: string }) =>
  page.evaluate((w) => {
    const all = 'article' in w ? [...document.querySelectorAll('article')].filter((a) => a.getAttribute('aria-labelledby')!.split(' ').map((id) => document.getElementById(id)?.textContent).join(' ') === w.article) : [...document.querySelectorAll('tbody tr')].filter((r) => r.textContent!.includes(w.row));
    return all.length === 1 ? all[0]!.querySelector('.state-badge')?.textContent : `${all.length} matches`;
  }, where);

/** The overview's rows (header included, spacer rows left out), as a screen reader counts them. */
const rowCount = (overview: DriverPage) => overview.evaluate(() => document.querySelectorAll('tr:not([aria-hidden="true"])').length, null);
/** The overview's task rows: their cells' texts. */
const rows = (overview: DriverPage) => overview.evaluate(() => [...document.querySelectorAll('tbody tr:not([aria-hidden="true"])')].map((tr) => [...(tr as HTMLTableRowElement).cells].map((td) => td.textContent ?? '')), null);

async function poll<T>(read: () => Promise<T>, expected: T, ms?: number): Promise<void> {
  await waitFor(`${JSON.stringify(expected)}`, async () => (JSON.stringify(await read()) === JSON.stringify(expected) ? true : null), ms).catch(async (error) => {
    expect(await read()).toEqual(expected);
    throw error;
  });
}

/**
 * The popup, open and empty, picks up both tasks as the content script reads them off View Task
 * Details (the creator opens the TTCM drop-down, as in the help article). Returns the popup and
 * the last task page (still open).
 */
export async function discoverScenario(driver: ExtensionDriver): Promise<{ popup: DriverPage; page: DriverPage }> {
  const popup = await driver.openPopup();
  await poll(() => popup.roleCount('heading', 'No TikTok tasks yet'), 1);
  let page: DriverPage | undefined;
  for (const { campaignId, taskId } of TRACKED) {
    await page?.close();
    page = await driver.openPage(taskDetailsUrl(campaignId, taskId));
    await page.openTtcm();
    await poll(async () => (await page!.buttonCount('Copy invite link')) > 0, true);
  }
  await poll(() => popup.roleCount('article', GLOW), 1);
  await poll(() => popup.roleCount('article', GIFT), 1);
  expect(await badge(popup, { article: GIFT })).toBe('Not started');
  return { popup, page: page! };
}

/** The page's Open overview opens the overview: one row per discovered task, what the page said; search; the head. */
export async function overviewFromPageScenario(driver: ExtensionDriver, page: DriverPage): Promise<void> {
  const overview = await driver.openedBy(() => page.click('Open overview'));
  const url = new URL(await overview.url());
  expect(url.protocol).toBe(driver.browserName === 'chromium' ? 'chrome-extension:' : 'moz-extension:');
  expect(url.pathname).toBe('/overview.html');

  await poll(async () => (await rows(overview)).length, 2);
  // Campaign, brand, account, task, state, due date, status, invite link, code, last attempt (after the select box).
  const shown = (await rows(overview)).map((cells) => cells.slice(1, 11));
  const expected = TRACKED.map(({ campaignId, taskId }) => {
    const task = discovered(campaignId, taskId);
    return [task.campaignName, task.brand, task.taskName, task.impactStatus, task.inviteLink, task.campaignCode];
  });
  expect(shown.map((cells) => [cells[0], cells[1], cells[3], cells[6], cells[7], cells[8]])).toEqual(expected);
  expect(shown.map((cells) => cells[9])).toEqual(['never', 'never']);
  // State and due date: read, not started yet, each with the page's due date.
  expect(shown.map((cells) => cells[4])).toEqual(['Not started', 'Not started']);
  TRACKED.forEach(({ campaignId, taskId }, i) => expect(shown[i]![5]).toContain(discovered(campaignId, taskId).dueDate!));

  await overview.fill('Search', 'hearth');
  await poll(async () => (await rows(overview)).length, 1);
  expect((await rows(overview))[0]![1]).toContain('Holiday Gift Guide 2026');

  // The head the worker stores with the tracker: same revision, both tasks, the page done with it.
  const head = await driver.inExtension(readHead, null);
  expect(head).toMatchObject({ total: 2, tasks: 2 });
  expect(head.headRev).toBe(head.rev);
  expect(await overview.evaluate(() => document.querySelector('main')!.dataset.complete, null)).toBe('true');
  await overview.close();
  await page.close();
}

/** Each task is one line in the popup; opened, its details and checklist; ticks follow storage; the QR code; the campaign code path. */
export async function popupStepsScenario(popup: DriverPage): Promise<void> {
  await popup.openCard(GLOW);
  await popup.openCard(GIFT);
  await poll(() => popup.textCount('Lumière Skincare', { scope: { article: GLOW } }), 1);

  await popup.setChecked('Joined the campaign in TikTok', true, { article: GLOW });
  await poll(() => badge(popup, { article: GLOW }), 'In progress');
  expect(await popup.isChecked('Joined the campaign in TikTok', { article: GLOW })).toBe(true);

  // Untick and tick again: the box follows the stored value each time.
  await popup.setChecked('Joined the campaign in TikTok', false, { article: GLOW });
  await poll(() => popup.roleCount('group', 'Steps: 0 of 5 done', { article: GLOW }), 1);
  await popup.setChecked('Joined the campaign in TikTok', true, { article: GLOW });
  await poll(() => popup.roleCount('group', 'Steps: 1 of 5 done', { article: GLOW }), 1);

  await popup.click('Show QR code', { article: GIFT });
  await popup.waitForDialog('Invite link QR code', true);
  expect(await popup.countInDialog('Invite link QR code', 'svg[role="img"]')).toBe(1);
  await popup.press('Escape');
  await popup.waitForDialog('Invite link QR code', false);

  // The campaign code path: its steps, and its button in place of the invite link's.
  await popup.setChecked('Campaign code', true, { article: GIFT });
  await poll(() => popup.roleCount('checkbox', 'Campaign code added in the TikTok app', { article: GIFT }), 1);
  await poll(() => popup.buttonCount('Copy campaign code', { article: GIFT }), 1);
  expect(await popup.buttonCount('Show QR code', { article: GIFT })).toBe(0);
}

/** The popup follows the system light/dark setting. */
export async function darkModeScenario(popup: DriverPage): Promise<void> {
  const background = () => popup.evaluate(() => getComputedStyle(document.body).backgroundColor, null);
  await popup.colorScheme('light');
  expect(await background()).toBe('rgb(255, 255, 255)');
  await popup.colorScheme('dark');
  expect(await background()).toBe('rgb(23, 24, 28)');
  await popup.colorScheme('light');
}

/** The popup's Open overview: one row per task, live updates from the popup, search and the State filter. Returns the overview. */
export async function overviewFromPopupScenario(driver: ExtensionDriver, popup: DriverPage): Promise<DriverPage> {
  const overview = await driver.openedBy(() => popup.clickLink('Open overview'));
  expect(new URL(await overview.url()).pathname).toBe('/overview.html');

  await poll(() => rowCount(overview), 3);
  expect(await badge(overview, { row: 'Summer Glow Serum Launch' })).toBe('In progress');
  expect(await badge(overview, { row: 'Holiday Gift Guide 2026' })).toBe('Not started');
  expect((await rows(overview)).find((cells) => cells.join().includes('Holiday Gift Guide 2026'))![8]).toBe('https://vt.tiktok.com/ZSx7Lm2Qp/');

  // A tick in the popup reaches the open overview through storage.
  await popup.setChecked('Campaign code added in the TikTok app', true, { article: GIFT });
  await poll(() => badge(overview, { row: 'Holiday Gift Guide 2026' }), 'In progress', 2000);

  await overview.fill('Search', 'hearth');
  await poll(() => rowCount(overview), 2);
  expect((await rows(overview)).filter((cells) => cells.join().includes('Holiday Gift Guide 2026'))).toHaveLength(1);
  await overview.fill('Search', '');
  await overview.select('State', 'Not started (0)');
  await poll(() => overview.textCount('No tasks match.'), 1);
  await overview.select('State', 'In progress (2)');
  await poll(() => rowCount(overview), 3);
  return overview;
}

/** Export CSV downloads the rows shown, exactly (a UTF-8 byte order mark first, for spreadsheets). */
export async function exportScenario(overview: DriverPage): Promise<void> {
  const { filename, bytes } = await overview.download('Export CSV');
  expect(filename).toMatch(/^tiktok-deliverables-\d{4}-\d{2}-\d{2}\.csv$/);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)).toBe(
    '\uFEFF' +
      [
        CSV_HEADER,
        'Maya Creates (1234567),Summer Glow Serum Launch,Lumière Skincare,TikTok Video,In progress,Awaiting submission,2026-12-15,https://www.tiktok.com/t/ZT8abc123/,K7Q2XW9M,Invite link,1/5,,',
        'Maya Creates (1234567),Holiday Gift Guide 2026,Hearth & Home Co.,TikTok Video,In progress,Awaiting submission,2026-12-18,https://vt.tiktok.com/ZSx7Lm2Qp/,hh26GIFT4Tq,Campaign code,1/4,,',
      ].join('\r\n'),
  );
}

/** The background stores the head with every write, and rebuilds it when a tool writes the tracker. */
export async function headRebuildScenario(driver: ExtensionDriver): Promise<void> {
  const head = () => driver.inExtension(readHead, null);
  const now = await head();
  expect(now).toMatchObject({ total: 2, tasks: 2 });
  expect(now.headRev).toBe(now.rev);

  // A tool (here: the test) writes 2,000 tasks in the version 1 shape (`tracker`), with no head:
  // the background moves them into buckets, next to the 2 already there, and rebuilds the head.
  await driver.inExtension(async () => {
    const api = (globalThis as { browser?: Api }).browser ?? (globalThis as unknown as { chrome: Api }).chrome;
    const all = await api.storage.local.get(null);
    const bucket = Object.entries(all).find(([name]) => name.startsWith('tasks:'))![1] as Record<string, string>;
    const model = JSON.parse(Object.values(bucket)[0]!) as Record<string, unknown>;
    const tasks: Record<string, unknown> = {};
    for (let i = 0; i < 2000; i++) {
      const campaignId = String(60000 + Math.floor(i / 4));
      const taskId = String(700000 + i);
      const key = `a:1234567|c:${campaignId}|t:${taskId}`;
      const taskUrl = String(model.taskUrl).replace(/campaignId=\d+/, `campaignId=${campaignId}`).replace(/taskId=\d+/, `taskId=${taskId}`);
      tasks[key] = { ...model, key, campaignId, taskId, taskUrl, campaignName: `Campaign ${campaignId}`, dueDate: `Dec ${1 + (i % 28)}, 2026`, updatedAt: 1_700_000_000_000 + i };
    }
    await api.storage.local.set({ tracker: { tasks } });
  }, null);
  await poll(async () => (await head()).total, 2002, 60_000);
  const rebuilt = await head();
  expect(rebuilt.headRev).toBe(rebuilt.rev);
  expect(rebuilt.rev).toBeGreaterThan(now.rev!);
  expect(rebuilt.tasks).toBeLessThanOrEqual(100);
}

/** The popup paints its first page from the head, and the whole tracker gives the same page. */
export async function firstPageScenario(driver: ExtensionDriver): Promise<void> {
  const popup = await driver.openPopup();
  await popup.setViewport(420, 600);
  await popup.reloadWith(() => {
    const w = window as unknown as { __pages: { complete: string | undefined; keys: (string | null)[] }[] };
    w.__pages = [];
    const snap = () => {
      const main = document.querySelector('main');
      const keys = [...document.querySelectorAll('article.task-card')].map((a) => a.getAttribute('data-task-key'));
      const last = w.__pages.at(-1);
      if (keys.length && (last?.complete !== main?.dataset.complete || last?.keys.join() !== keys.join())) w.__pages.push({ complete: main?.dataset.complete, keys });
    };
    new MutationObserver(snap).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-complete'] });
  });
  await poll(() => popup.evaluate(() => document.querySelector('main')?.dataset.complete ?? null, null), 'true');
  const pages = await popup.evaluate(() => (window as unknown as { __pages: { complete: string | undefined; keys: string[] }[] }).__pages, null);
  // First from the head (not every task yet), then every task: the same 20 cards, never moved.
  expect(pages.map((p) => p.complete)).toEqual(['false', 'true']);
  expect(pages[0]!.keys).toHaveLength(20);
  expect(pages[1]!.keys).toEqual(pages[0]!.keys);
  expect(await popup.buttonCount('Show more tasks (1,982 more)')).toBe(1);
  await popup.close();
}

/**
 * The tests above, registered in their order for one browser's thin file (each builds on the
 * tasks and ticks of the one before). `darkMode` and `firstPage` say whether this browser can
 * run those two (tracker-firefox says why Firefox cannot); `background` is what this browser's
 * background is called.
 */
export function trackerTests(suite: { readonly driver: ExtensionDriver }, can: { darkMode: boolean; firstPage: boolean; background: 'worker' | 'background' }): void {
  let popup: DriverPage;
  let overview: DriverPage;
  it('the popup picks up both campaigns, and the page’s Open overview shows one row per discovered task', async () => {
    const found = await discoverScenario(suite.driver);
    popup = found.popup;
    await overviewFromPageScenario(suite.driver, found.page);
  });
  it('the popup ticks steps, shows the QR code and the campaign code path', async () => {
    await popupStepsScenario(popup);
  });
  if (can.darkMode) {
    it('follows the system light/dark setting', async () => {
      await darkModeScenario(popup);
    });
  }
  it('Open overview shows one row per task, updates live, searches and filters', async () => {
    overview = await overviewFromPopupScenario(suite.driver, popup);
  });
  it('Export CSV downloads the rows shown, exactly', async () => {
    await exportScenario(overview);
  });
  it(`the ${can.background} stores the head with every write, and rebuilds it when a tool writes the tracker`, async () => {
    await headRebuildScenario(suite.driver);
  });
  if (can.firstPage) {
    it('the popup paints its first page from the head, and the whole tracker gives the same page', async () => {
      await firstPageScenario(suite.driver);
    });
  }
}
