/**
 * The overview for a manager, in Chromium at 1280×800 on the production build: the row actions
 * and the campaign and brand columns are in view without scrolling sideways, and stay there
 * when the table is scrolled sideways; most urgent first; the Account column tells two creator
 * accounts apart; bulk Mark as posted asks first and says what it did.
 * `UPDATE_SCREENSHOTS=1` saves docs/screenshots/overview-manager.png and overview-confirm.png (the
 * bulk confirmation open).
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { ROOT, launchChromium, type ChromiumSession } from './harness';
import { seedTasks } from './chromium-pages';

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<{ ok: boolean }> } };

const WIDTH = 1280;
const HEIGHT = 800;
const ACCOUNTS = [
  { accountId: '1234567', accountName: 'Maya Creates' },
  { accountId: '7654321', accountName: 'Studio Nord' },
  {},
] as const;
const CAMPAIGNS = [
  ['Summer Glow Serum Launch — Creator Wave 3 (US & Canada)', 'Lumière Skincare International'],
  ['Holiday Gift Guide 2026', 'Hearth & Home Co.'],
  ['Back to School Drop: Two Videos', 'Kinetic Kicks'],
  ['Spring Trail Running Collection', 'Northpeak Outdoor'],
  ['Cozy Mornings Coffee Subscription', 'Roastery Nine'],
] as const;

let session: ChromiumSession;
let overview: Page;

/** 30 tasks over 5 campaigns and 3 accounts (one unknown), then some moved on as the worker would. */
async function seed(): Promise<void> {
  const tasks = Array.from({ length: 30 }, (_, i) => {
    const c = i % CAMPAIGNS.length;
    const [campaignName, brand] = CAMPAIGNS[c]!;
    const campaignId = String(72000 + c);
    const taskId = String(991000 + i);
    return {
      ...ACCOUNTS[i % ACCOUNTS.length],
      campaignId,
      campaignName,
      brand,
      taskId,
      taskName: `TikTok Video ${Math.floor(i / CAMPAIGNS.length) + 1}`,
      impactStatus: 'Awaiting submission',
      dueDate: `Dec ${1 + (i % 28)}, 2026`,
      inviteLink: `https://www.tiktok.com/t/ZT${taskId}/`,
      campaignCode: `CODE${taskId}`,
      taskUrl: `https://app.impact.com/secure/mediapartner/campaigns/tasks-flow.ihtml?execution=e2s1&campaignId=${campaignId}&taskId=${taskId}`,
    };
  });
  // Nothing is pressed on impact.com by the bulk Mark as posted below.
  const ext = await session.extensionPage('popup.html');
  await ext.evaluate(() => chrome.runtime.sendMessage({ type: 'updateSettings', settings: { autoRetrieve: false } }));
  await ext.close();
  const now = Date.now();
  const submitted = { state: 'submitted', impactStatus: 'TikTok Video pending approval' };
  await seedTasks(session, tasks, {
    '991020': { state: 'needsAttention', retrieve: { attempts: 3, firstAttemptAt: now, lastAttemptAt: now, lastOutcome: 'The task page has no Retrieve my post button.' } },
    '991011': { state: 'retryScheduled', retrieve: { attempts: 1, firstAttemptAt: now, lastAttemptAt: now, nextAttemptAt: now + 3_600_000 } },
    '991001': submitted,
    '991002': submitted,
    '991003': { state: 'inProgress', steps: { linkCopied: now } },
  });
}

/** The element at the centre of `target` is `target` itself (or inside it): on screen and not covered. */
async function inView(page: Page, target: Locator): Promise<boolean> {
  const box = await target.boundingBox();
  if (!box || box.x < 0 || box.y < 0 || box.x + box.width > WIDTH || box.y + box.height > HEIGHT) return false;
  return target.evaluate((el, [x, y]) => {
    const hit = document.elementFromPoint(x!, y!);
    return !!hit && (el === hit || el.contains(hit));
  }, [box.x + box.width / 2, box.y + box.height / 2]);
}

const dataRows = (page: Page) => page.locator('tbody tr[data-task-key]');

describe('the overview for a manager in Chromium at 1280×800', () => {
  beforeAll(async () => {
    session = await launchChromium();
    await seed();
    overview = await session.context.newPage();
    await overview.setViewportSize({ width: WIDTH, height: HEIGHT });
    await overview.goto(`chrome-extension://${session.extensionId}/overview.html`);
    await overview.locator('main[data-complete="true"]').waitFor();
    await dataRows(overview).nth(5).waitFor();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('opens most urgent first, with an Account column that tells the accounts apart', async () => {
    const first = dataRows(overview).first();
    await expect.poll(() => first.locator('td').nth(5).textContent()).toBe('Needs attention');
    const accounts = await dataRows(overview).evaluateAll((rows) => rows.map((r) => r.querySelectorAll('td')[3]!.textContent));
    expect(new Set(accounts)).toEqual(new Set(['Maya Creates (1234567)', 'Studio Nord (7654321)', 'No account recorded']));
    if (process.env.UPDATE_SCREENSHOTS) {
      await mkdir(path.join(ROOT, 'docs/screenshots'), { recursive: true });
      await overview.screenshot({ path: path.join(ROOT, 'docs/screenshots/overview-manager.png') });
    }
  });

  it('the row actions and the campaign and brand columns are in view without scrolling, and stay in view scrolled sideways', async () => {
    const scroller = overview.locator('.table-scroller');
    const [scrollWidth, clientWidth] = await scroller.evaluate((el) => [el.scrollWidth, el.clientWidth]);
    expect(scrollWidth, 'the table is wider than the window').toBeGreaterThan(clientWidth);
    const visibleRows = async () => {
      const out: Locator[] = [];
      for (let i = 0; i < Math.min(8, await dataRows(overview).count()); i++) out.push(dataRows(overview).nth(i));
      return out;
    };
    const check = async (when: string) => {
      for (const row of await visibleRows()) {
        const cells = row.locator('td');
        expect(await inView(overview, cells.nth(1)), `campaign ${when}`).toBe(true);
        expect(await inView(overview, cells.nth(2)), `brand ${when}`).toBe(true);
        expect(await inView(overview, row.getByRole('button', { name: 'Open on impact.com', exact: true })), `Open on impact.com ${when}`).toBe(true);
        for (const name of ['Mark as posted', 'Retry now']) {
          const button = row.getByRole('button', { name, exact: true });
          if (await button.count()) expect(await inView(overview, button), `${name} ${when}`).toBe(true);
        }
      }
    };
    await check('at first');
    const inviteBefore = (await dataRows(overview).first().locator('td').nth(8).boundingBox())!.x;
    await scroller.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
    await expect.poll(() => scroller.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    expect((await dataRows(overview).first().locator('td').nth(8).boundingBox())!.x, 'other columns scroll').toBeLessThan(inviteBefore);
    await check('scrolled sideways');
    await scroller.evaluate((el) => el.scrollTo({ left: 0 }));
  });

  it('a state count filters; bulk Mark as posted asks first, acts where it applies and says what it did', async () => {
    const counts = overview.getByRole('list', { name: 'Tasks per state' });
    const notStarted = counts.getByRole('button', { name: /^Not started: / });
    await notStarted.click();
    await expect.poll(() => notStarted.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => dataRows(overview).evaluateAll((rows) => rows.every((r) => r.querySelectorAll('td')[5]!.textContent === 'Not started'))).toBe(true);
    await notStarted.click();

    // One account's tasks (ten: every row drawn), three of them selected.
    await overview.getByRole('combobox', { name: 'Account' }).selectOption({ label: 'Studio Nord (7654321) (10)' });
    await expect.poll(() => dataRows(overview).count()).toBe(10);
    await overview.getByRole('checkbox', { name: 'Select TikTok Video 1, Holiday Gift Guide 2026' }).check(); // submitted
    await overview.getByRole('checkbox', { name: 'Select TikTok Video 1, Cozy Mornings Coffee Subscription' }).check(); // not started
    await overview.getByRole('checkbox', { name: 'Select TikTok Video 2, Back to School Drop: Two Videos' }).check(); // not started
    const markPosted = overview.getByRole('group', { name: 'Selected tasks' }).getByRole('button', { name: 'Mark as posted', exact: true });
    await markPosted.click();
    const dialog = overview.getByRole('dialog', { name: 'Mark 2 tasks as posted?' });
    await dialog.waitFor();
    // The browser's modal <dialog>: top layer, Cancel focused; Escape closes it and focus goes back.
    expect(await dialog.evaluate((el) => el.matches('dialog:modal'))).toBe(true);
    expect(await dialog.getByRole('button', { name: 'Cancel' }).evaluate((el) => el === document.activeElement)).toBe(true);
    await overview.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await markPosted.evaluate((el) => el === document.activeElement)).toBe(true);
    await markPosted.click();
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('1 selected task will be skipped: already submitted');
    expect(await inView(overview, dialog.getByRole('button', { name: 'Mark 2 as posted' }))).toBe(true);
    if (process.env.UPDATE_SCREENSHOTS) await overview.screenshot({ path: path.join(ROOT, 'docs/screenshots/overview-confirm.png') });
    await dialog.getByRole('button', { name: 'Mark 2 as posted' }).click();
    await overview.getByText('2 marked as posted, 1 skipped: already submitted').waitFor();
    const stateOf = (task: string, campaign: string) =>
      overview.getByRole('checkbox', { name: `Select ${task}, ${campaign}` }).evaluate((el) => el.closest('tr')!.querySelectorAll('td')[5]!.textContent);
    await expect.poll(() => stateOf('TikTok Video 1', 'Cozy Mornings Coffee Subscription')).toBe('Posted');
    expect(await stateOf('TikTok Video 2', 'Back to School Drop: Two Videos')).toBe('Posted');
    expect(await stateOf('TikTok Video 1', 'Holiday Gift Guide 2026')).toBe('Submitted');
  });
});
