/**
 * Archiving in Chromium on the production build: three tasks are seeded into storage — one
 * Submitted 60 days ago, one Submitted yesterday, one not started. Choosing "after 14 days"
 * in the overview's Settings makes the worker archive the old one (the sweep on a change of
 * the setting; a new worker would archive it with the default 30 days as well). It is then
 * hidden from the overview's default view, counts and the popup, found by search and by the
 * Archived count, stored whole with its mark, and active again after Unarchive.
 * `UPDATE_SCREENSHOTS=1` saves docs/screenshots/overview-archived.png (the Archived filter).
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Worker } from 'playwright-core';
import type { TrackedTask } from '../../utils/tracker/schema';
import { ROOT, launchChromium, type ChromiumSession } from './harness';
import { waitFor } from './retrieve-data';
import { storedTasksInExtension } from './stored-tasks';

declare const chrome: { storage: { local: { get(keys: string | string[] | null): Promise<Record<string, unknown>>; set(items: object): Promise<void> } } };

const DAY = 86_400_000;
let session: ChromiumSession;
let worker: Worker;

function task(id: string, campaignId: string, campaignName: string, state: TrackedTask['state'], lastChange: number): TrackedTask {
  return {
    key: `a:1|c:${campaignId}|t:${id}`,
    accountId: '1',
    accountName: 'Maya Creates',
    campaignId,
    campaignName,
    brand: 'Lumière',
    taskId: id,
    taskName: 'TikTok Video',
    impactStatus: state === 'submitted' ? 'TikTok Video pending approval' : 'Awaiting submission',
    taskUrl: `https://app.impact.com/secure/mediapartner/campaigns/tasks-flow.ihtml?campaignId=${campaignId}&taskId=${id}`,
    state,
    path: 'inviteLink',
    steps: {},
    retrieve: { attempts: 0 },
    history: [{ at: lastChange, event: state === 'submitted' ? 'observedSubmitted' : 'discovered' }],
    firstSeenAt: lastChange,
    updatedAt: lastChange,
  };
}

const now = Date.now();
const OLD = task('990001', '41201', 'Spring Launch 2026', 'submitted', now - 60 * DAY);
const RECENT = task('990002', '41202', 'Summer Glow Serum Launch', 'submitted', now - DAY);
const TODO = task('990003', '41203', 'Holiday Gift Guide', 'notStarted', now - DAY);

const storedTask = async (key: string) => (await worker.evaluate(storedTasksInExtension))[key] as TrackedTask | undefined;

beforeAll(async () => {
  session = await launchChromium();
  worker = await session.serviceWorker();
  // As a tool writes them, one bucket (utils/tracker/buckets.ts).
  await worker.evaluate((items) => chrome.storage.local.set(items), { 'tasks:0': Object.fromEntries([OLD, RECENT, TODO].map((t) => [t.key, JSON.stringify(t)])) });
  // The worker notices tasks written by someone else and stores a head for them.
  await waitFor('the head of the seeded tasks', () =>
    worker.evaluate(async () => {
      const got = await chrome.storage.local.get(['trackerHead', 'tracker$']);
      // The head is stored as JSON text.
      const head = typeof got.trackerHead === 'string' ? (JSON.parse(got.trackerHead) as { total?: number; rev?: number }) : undefined;
      return head?.total === 3 && head.rev === (got['tracker$'] as { rev?: number } | undefined)?.rev;
    }),
  );
}, 120_000);
afterAll(async () => {
  await session?.close();
});

describe('archiving (Chromium)', () => {
  it('an old Submitted task is archived by the setting: hidden by default, found by search and the Archived filter, back with Unarchive', async () => {
    const overview = await session.extensionPage('overview.html');
    await overview.locator('main[data-complete="true"]').waitFor();
    const settings = overview.getByRole('region', { name: 'Settings' });
    const choice = settings.getByRole('combobox', { name: 'Archive Submitted tasks' });
    await choice.selectOption('14');
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await settings.getByText('Settings saved.').waitFor();

    // Hidden from the default view and the counts of active work.
    await overview.getByText('2 tasks across 2 campaigns, and 1 archived task').waitFor({ timeout: 30_000 });
    const rows = overview.locator('tbody tr[data-task-key]');
    await expect.poll(() => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-task-key')))).toEqual(expect.not.arrayContaining([OLD.key]));
    expect(await rows.count()).toBe(2);
    expect(await overview.getByRole('button', { name: 'Submitted: 1' }).count()).toBe(1);
    // Stored whole, with its mark.
    const stored = await storedTask(OLD.key);
    expect(stored).toMatchObject({ ...OLD, archivedAt: expect.any(Number), updatedAt: expect.any(Number) });
    expect(await storedTask(RECENT.key)).not.toHaveProperty('archivedAt');

    // Found by search, marked.
    const search = overview.getByRole('searchbox', { name: 'Search' });
    await search.fill('spring launch');
    const oldRow = overview.locator(`tbody tr[data-task-key="${OLD.key}"]`);
    await oldRow.waitFor();
    expect(await rows.count()).toBe(1);
    expect(await oldRow.locator('.archived-tag').textContent()).toBe('Archived');
    await search.fill('');

    // Shown with the Archived filter (its count, like the State choice).
    await overview.getByRole('button', { name: 'Archived: 1' }).click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await overview.getByRole('combobox', { name: 'State' }).inputValue()).toBe('archived');
    await oldRow.waitFor();
    if (process.env.UPDATE_SCREENSHOTS) {
      await mkdir(path.join(ROOT, 'docs/screenshots'), { recursive: true });
      await overview.screenshot({ path: path.join(ROOT, 'docs/screenshots/overview-archived.png') });
    }

    // The popup lists the other two only: the task to do, and the recent one under "Submitted (1)".
    const popup = await session.extensionPage('popup.html');
    await popup.locator('main[data-complete="true"]').waitFor();
    await popup.getByRole('button', { name: 'Submitted (1)' }).click();
    await popup.locator(`article.task-card[data-task-key="${RECENT.key}"]`).waitFor();
    expect(await popup.locator('article.task-card').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-task-key')).sort())).toEqual([RECENT.key, TODO.key].sort());
    await popup.close();

    // Unarchive: active again.
    await oldRow.getByRole('button', { name: 'Unarchive' }).click();
    await overview.getByText('3 tasks across 3 campaigns').waitFor({ timeout: 30_000 });
    await expect.poll(async () => (await storedTask(OLD.key))?.archivedAt).toBeUndefined();
    expect((await storedTask(OLD.key))?.history.at(-1)?.event).toBe('unarchived');
    await overview.close();
  }, 180_000);
});
