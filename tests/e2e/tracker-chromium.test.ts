/**
 * The tracker pages in Chromium on the production build: two campaigns' TikTok tasks found
 * by the content script on the replica, steps ticked in the popup, the overview opened from the popup, search, filter, and the
 * exported CSV file read back from disk; then the tracker's head: written with every change,
 * rebuilt after a tool's write, and painted first by the popup with the same first page.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type ChromiumSession } from './harness';
import { CSV_HEADER, TRACKED, taskDetailsUrl } from './tracker-data';

/** The extension's API inside page.evaluate (runs in the worker or an extension page). */
declare const chrome: {
  storage: { local: { get(keys: string[] | null): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> } };
};

let session: ChromiumSession;
let popup: Page;
let overview: Page;

beforeAll(async () => {
  session = await launchChromium();
});
afterAll(async () => {
  await session?.close();
});

const card = (page: Page, task: string, campaign: string) => page.getByRole('article', { name: `${task} ${campaign}` });
const row = (page: Page, task: string, campaign: string) => page.getByRole('row').filter({ has: page.getByRole('checkbox', { name: `Select ${task}, ${campaign}` }) });

describe('tracker pages (Chromium)', () => {
  it('the popup lists both campaigns and ticks steps', async () => {
    popup = await session.extensionPage('popup.html');
    await popup.getByRole('heading', { name: 'No TikTok tasks yet' }).waitFor();
    // The content script reads each task off the replica's View Task Details (the creator opens
    // the TTCM drop-down, as in the help article); the open popup picks the tasks up from storage.
    for (const { campaignId, taskId } of TRACKED) {
      const page = await session.newPage(taskDetailsUrl(campaignId, taskId));
      await page.getByText('TTCM Branded Content Details').click();
      await page.getByRole('button', { name: 'Copy invite link' }).first().waitFor();
      await page.close();
    }

    const glow = card(popup, 'TikTok Video', 'Summer Glow Serum Launch');
    const gift = card(popup, 'TikTok Video', 'Holiday Gift Guide 2026');
    await expect.poll(() => glow.count()).toBe(1);
    await expect.poll(() => gift.count()).toBe(1);
    expect(await gift.locator('.state-badge').textContent()).toBe('Not started');
    // Each task is one line; a click on it opens its details and checklist.
    await glow.getByRole('button', { expanded: false }).click();
    await gift.getByRole('button', { expanded: false }).click();
    expect(await glow.getByText('Lumière Skincare', { exact: false }).count()).toBe(1);

    await glow.getByRole('checkbox', { name: 'Joined the campaign in TikTok' }).check();
    await expect.poll(() => glow.locator('.state-badge').textContent()).toBe('In progress');
    expect(await glow.getByRole('checkbox', { name: 'Joined the campaign in TikTok' }).isChecked()).toBe(true);

    // Untick and tick again: the box follows the stored value each time.
    await glow.getByRole('checkbox', { name: 'Joined the campaign in TikTok' }).uncheck();
    await expect.poll(() => glow.getByRole('group', { name: 'Steps: 0 of 5 done' }).count()).toBe(1);
    await glow.getByRole('checkbox', { name: 'Joined the campaign in TikTok' }).check();
    await expect.poll(() => glow.getByRole('group', { name: 'Steps: 1 of 5 done' }).count()).toBe(1);

    await gift.getByRole('button', { name: 'Show QR code' }).click();
    const dialog = popup.getByRole('dialog', { name: 'Invite link QR code' });
    expect(await dialog.locator('svg[role="img"]').count()).toBe(1);
    await popup.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // The campaign code path: its steps, and its button in place of the invite link's.
    await gift.getByRole('radio', { name: 'Campaign code' }).check();
    await gift.getByRole('checkbox', { name: 'Campaign code added in the TikTok app' }).waitFor();
    await gift.getByRole('button', { name: 'Copy campaign code' }).waitFor();
    expect(await gift.getByRole('button', { name: 'Show QR code' }).count()).toBe(0);
  });

  it('follows the system light/dark setting', async () => {
    const background = () => popup.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await popup.emulateMedia({ colorScheme: 'light' });
    expect(await background()).toBe('rgb(255, 255, 255)');
    await popup.emulateMedia({ colorScheme: 'dark' });
    expect(await background()).toBe('rgb(23, 24, 28)');
    await popup.emulateMedia({ colorScheme: 'light' });
  });

  it('Open overview shows one row per task, updates live, searches and filters', async () => {
    const opened = session.context.waitForEvent('page');
    await popup.getByRole('link', { name: 'Open overview' }).click();
    overview = await opened;
    await overview.waitForLoadState();
    expect(new URL(overview.url()).pathname).toBe('/overview.html');

    await expect.poll(() => overview.getByRole('row').count()).toBe(3);
    const glow = row(overview, 'TikTok Video', 'Summer Glow Serum Launch');
    const gift = row(overview, 'TikTok Video', 'Holiday Gift Guide 2026');
    expect(await glow.locator('.state-badge').textContent()).toBe('In progress');
    expect(await gift.locator('.state-badge').textContent()).toBe('Not started');
    expect(await gift.getByRole('cell').nth(8).textContent()).toBe('https://vt.tiktok.com/ZSx7Lm2Qp/');

    // A tick in the popup reaches the open overview through storage.
    await card(popup, 'TikTok Video', 'Holiday Gift Guide 2026').getByRole('checkbox', { name: 'Campaign code added in the TikTok app' }).check();
    await expect.poll(() => gift.locator('.state-badge').textContent(), { timeout: 2000 }).toBe('In progress');

    await overview.getByRole('searchbox', { name: 'Search' }).fill('hearth');
    await expect.poll(() => overview.getByRole('row').count()).toBe(2);
    expect(await gift.count()).toBe(1);
    await overview.getByRole('searchbox', { name: 'Search' }).fill('');
    await overview.getByRole('combobox', { name: 'State' }).selectOption({ label: 'Not started (0)' });
    await expect.poll(() => overview.getByText('No tasks match.').count()).toBe(1);
    await overview.getByRole('combobox', { name: 'State' }).selectOption({ label: 'In progress (2)' });
    await expect.poll(() => overview.getByRole('row').count()).toBe(3);
  });

  it('Export CSV downloads the rows shown, exactly', async () => {
    const [download] = await Promise.all([overview.waitForEvent('download'), overview.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^tiktok-deliverables-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = await readFile((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)).toBe(
      '\uFEFF' +
        [
          CSV_HEADER,
          'Maya Creates (1234567),Summer Glow Serum Launch,Lumière Skincare,TikTok Video,In progress,Awaiting submission,2026-12-15,https://www.tiktok.com/t/ZT8abc123/,K7Q2XW9M,Invite link,1/5,,',
          'Maya Creates (1234567),Holiday Gift Guide 2026,Hearth & Home Co.,TikTok Video,In progress,Awaiting submission,2026-12-18,https://vt.tiktok.com/ZSx7Lm2Qp/,hh26GIFT4Tq,Campaign code,1/4,,',
        ].join('\r\n'),
    );
  });

  it('the worker stores the head with every write, and rebuilds it when a tool writes the tracker', async () => {
    const worker = await session.serviceWorker();
    const head = () =>
      worker.evaluate(async () => {
        const got = await chrome.storage.local.get(null);
        const h = typeof got.trackerHead === 'string' ? (JSON.parse(got.trackerHead) as { rev: number; total: number; slotRevs: number[] }) : undefined;
        // The head's tasks are stored in slots (utils/tracker/head.ts), each at the revision the head names.
        let tasks = 0;
        h?.slotRevs.forEach((rev, i) => {
          const slot = JSON.parse(got[`trackerHeadTasks:${i}`] as string) as { rev: number; tasks: unknown[] };
          tasks += slot.rev === rev ? slot.tasks.length : Number.NaN;
        });
        return { rev: (got['tracker$'] as { rev?: number } | undefined)?.rev, headRev: h?.rev, total: h?.total, tasks };
      });
    const now = await head();
    expect(now).toMatchObject({ total: 2, tasks: 2 });
    expect(now.headRev).toBe(now.rev);

    // A tool (here: the test) writes 2,000 tasks in the version 1 shape (`tracker`), with no head:
    // the worker moves them into buckets, next to the 2 already there, and rebuilds the head.
    await worker.evaluate(async () => {
      const all = await chrome.storage.local.get(null);
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
      await chrome.storage.local.set({ tracker: { tasks } });
    });
    await expect.poll(async () => (await head()).total, { timeout: 60_000 }).toBe(2002);
    const rebuilt = await head();
    expect(rebuilt.headRev).toBe(rebuilt.rev);
    expect(rebuilt.rev).toBeGreaterThan(now.rev!);
    expect(rebuilt.tasks).toBeLessThanOrEqual(100);
  });

  it('the popup paints its first page from the head, and the whole tracker gives the same page', async () => {
    const page = await session.context.newPage();
    await page.setViewportSize({ width: 420, height: 600 });
    await page.addInitScript(() => {
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
    await page.goto(`chrome-extension://${session.extensionId}/popup.html`);
    await page.locator('main[data-complete="true"]').waitFor();
    const pages = await page.evaluate(() => (window as unknown as { __pages: { complete: string | undefined; keys: string[] }[] }).__pages);
    // First from the head (not every task yet), then every task: the same 20 cards, never moved.
    expect(pages.map((p) => p.complete)).toEqual(['false', 'true']);
    expect(pages[0]!.keys).toHaveLength(20);
    expect(pages[1]!.keys).toEqual(pages[0]!.keys);
    expect(await page.getByRole('button', { name: 'Show more tasks (1,982 more)' }).count()).toBe(1);
    await page.close();
  });
});
