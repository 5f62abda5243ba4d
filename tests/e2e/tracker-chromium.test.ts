/**
 * The tracker pages in Chromium on the production build: two campaigns' TikTok tasks found
 * by the content script on the replica, steps ticked in the popup, the overview opened from the popup, search, filter, and the
 * exported CSV file read back from disk.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type ChromiumSession } from './harness';
import { CSV_HEADER, TRACKED, taskDetailsUrl } from './tracker-data';

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
    expect(await glow.getByText('Lumière Skincare').count()).toBe(1);
    expect(await gift.locator('.state-badge').textContent()).toBe('Not started');

    await glow.getByRole('checkbox', { name: 'Joined the campaign in TikTok' }).check();
    await expect.poll(() => glow.locator('.state-badge').textContent()).toBe('In progress');
    expect(await glow.getByRole('checkbox', { name: 'Joined the campaign in TikTok' }).isChecked()).toBe(true);

    // Untick and tick again: the box follows the stored value each time.
    await glow.getByRole('checkbox', { name: 'Joined the campaign in TikTok' }).uncheck();
    await expect.poll(() => glow.getByRole('group', { name: 'Steps: 0 of 5 done' }).count()).toBe(1);
    await glow.getByRole('checkbox', { name: 'Joined the campaign in TikTok' }).check();
    await expect.poll(() => glow.getByRole('group', { name: 'Steps: 1 of 5 done' }).count()).toBe(1);

    await gift.getByRole('radio', { name: 'Campaign code' }).check();
    const added = gift.getByRole('checkbox', { name: 'Campaign code added in the TikTok app' });
    await added.waitFor();
    expect(await gift.getByText('Content disclosure and ads → Disclose video content → Branded content → Link campaign → Add campaign code').count()).toBe(1);

    await gift.getByRole('button', { name: 'Show QR code' }).click();
    const dialog = popup.getByRole('dialog', { name: 'Invite link QR code' });
    expect(await dialog.locator('svg[role="img"]').count()).toBe(1);
    await popup.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
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
    expect(await gift.getByRole('cell').nth(7).textContent()).toBe('https://vt.tiktok.com/ZSx7Lm2Qp/');

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
          'Maya Creates (1234567),Summer Glow Serum Launch,Lumière Skincare,TikTok Video,In progress,Awaiting submission,2026-12-15,https://www.tiktok.com/t/ZT8abc123/,K7Q2XW9M,Invite link,1/5,',
          'Maya Creates (1234567),Holiday Gift Guide 2026,Hearth & Home Co.,TikTok Video,In progress,Awaiting submission,2026-12-18,https://vt.tiktok.com/ZSx7Lm2Qp/,hh26GIFT4Tq,Campaign code,1/4,',
        ].join('\r\n'),
    );
  });
});
