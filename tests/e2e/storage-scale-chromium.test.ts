/**
 * 50,000 tasks in Chromium on the production build (issue 16): stored one key per task (the
 * bench's shape, scripts/bench/seed.mjs), the popup opens on them and a step ticked there is
 * stored and shown; the overview counts them all. How fast is `npm run bench`'s business.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type ChromiumSession } from './harness';
// @ts-expect-error -- plain JavaScript module shared with the bench
import { seedTaskBuckets, trackedTikTokTasks } from '../../scripts/bench/seed.mjs';
import type { TrackedTask } from '../../utils/tracker/schema';
import { storedTasksInExtension } from './stored-tasks';

declare const chrome: { storage: { local: { get(keys: string | string[] | null): Promise<Record<string, unknown>> } } };

const COUNT = 50_000;
let session: ChromiumSession;

beforeAll(async () => {
  session = await launchChromium();
}, 60_000);
afterAll(async () => {
  await session?.close();
});

describe('50,000 tasks (Chromium)', () => {
  it('are stored in buckets; the popup ticks a step and the overview counts them all', async () => {
    const worker = await session.serviceWorker();
    const tasks = trackedTikTokTasks(COUNT) as Record<string, TrackedTask>;
    const evaluate = (fn: (arg: unknown) => unknown, arg: unknown) => worker.evaluate(fn as never, arg as never);
    await seedTaskBuckets(evaluate, tasks, COUNT);
    expect(Object.keys(await worker.evaluate(storedTasksInExtension))).toHaveLength(COUNT);

    const popup = await session.extensionPage('popup.html');
    await popup.setViewportSize({ width: 420, height: 600 });
    const first = popup.locator('article.task-card').first();
    await first.waitFor({ timeout: 60_000 });
    const key = (await first.getAttribute('data-task-key'))!;
    expect(tasks[key]).toBeDefined();
    // The card's line opens it (compact popup).
    const line = first.getByRole('button').first();
    if ((await line.getAttribute('aria-expanded')) === 'false') await line.click();
    const step = first.getByRole('checkbox', { name: 'Joined the campaign in TikTok' });
    expect(await step.isChecked()).toBe(false);
    await step.check();
    await expect.poll(() => step.isChecked(), { timeout: 30_000 }).toBe(true);
    // Stored in its bucket, and every other task untouched in count.
    await expect
      .poll(
        async () =>
          worker.evaluate(async (k) => {
            const all = await chrome.storage.local.get(null);
            const bucket = Object.entries(all).find(([name, b]) => name.startsWith('tasks:') && (b as Record<string, string>)[k] !== undefined)?.[1] as Record<string, string> | undefined;
            return bucket ? Object.keys((JSON.parse(bucket[k]!) as { steps: object }).steps).length : -1;
          }, key),
        { timeout: 30_000 },
      )
      .toBe(Object.keys(tasks[key]!.steps).length + 1);
    const head = await worker.evaluate(async () => {
      const got = await chrome.storage.local.get(['trackerHead', 'tracker$']);
      const stored = JSON.parse(got.trackerHead as string) as { total: number; rev: number };
      return { total: stored.total, rev: stored.rev, stored: (got['tracker$'] as { rev: number }).rev };
    });
    expect(head.total).toBe(COUNT);
    expect(head.rev).toBe(head.stored);
    await popup.close();

    const overview = await session.extensionPage('overview.html');
    await overview.getByText(`${COUNT.toLocaleString('en')} tasks across`).waitFor({ timeout: 60_000 });
    await overview.locator('main[data-complete="true"]').waitFor({ timeout: 120_000 });
    await overview.close();
  }, 600_000);
});
