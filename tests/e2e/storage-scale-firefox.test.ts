/**
 * 50,000 tasks in Firefox on the production build (issue 16): stored one key per task (the
 * bench's shape, scripts/bench/seed.mjs) without `unlimitedStorage` (Firefox's storage.local
 * has no 10 MB limit), the popup opens on them and a step ticked there is stored and shown;
 * the overview counts them all. How fast is `npm run bench`'s business.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ElementHandle, Page } from 'puppeteer-core';
import { launchFirefox, type FirefoxSession } from './harness';
import { extensionPage, openOverview } from './firefox-pages';
import { waitFor } from './retrieve-data';
// @ts-expect-error -- plain JavaScript module shared with the bench
import { seedTaskBuckets, trackedTikTokTasks } from '../../scripts/bench/seed.mjs';
import type { TrackedTask } from '../../utils/tracker/schema';
import { storedTasksInExtension } from './stored-tasks';

declare const browser: {
  storage: { local: { get(keys: string | string[] | null): Promise<Record<string, unknown>> } };
  tabs: { create(info: { url: string }): Promise<unknown> };
  runtime: { getURL(path: string): string };
};

const COUNT = 50_000;
let session: FirefoxSession;

beforeAll(async () => {
  session = await launchFirefox();
}, 60_000);
afterAll(async () => {
  await session?.close();
});

/** The bucket each task was found in (the worker writes a task back where it is: utils/tracker/buckets.ts). */
const bucketOf = new Map<string, string>();

/** One task as stored, read from its bucket (found once: reading all 50,000 tasks at every poll would be slow). */
async function storedTask(page: Page, key: string): Promise<TrackedTask | undefined> {
  let name = bucketOf.get(key);
  if (name === undefined) {
    name = await page.evaluate(
      async (k) => Object.entries(await browser.storage.local.get(null)).find(([n, bucket]) => n.startsWith('tasks:') && (bucket as Record<string, string>)[k] !== undefined)?.[0],
      key,
    );
    if (name === undefined) return undefined;
    bucketOf.set(key, name);
  }
  const text = await page.evaluate(async ([n, k]) => ((await browser.storage.local.get(n))[n] as Record<string, string> | undefined)?.[k], [name, key] as const);
  return text === undefined ? undefined : (JSON.parse(text) as TrackedTask);
}

describe('50,000 tasks (Firefox)', () => {
  it('are stored in buckets; the popup ticks a step and the overview counts them all', async () => {
    // The overview, opened from impact.com (which records that page's task: one more).
    const overview = await openOverview(session);
    const tasks = trackedTikTokTasks(COUNT) as Record<string, TrackedTask>;
    // Tasks already stored (that page's; all of them on a retry) count once.
    const before = Object.keys(await overview.evaluate(storedTasksInExtension));
    const total = new Set([...before, ...Object.keys(tasks)]).size;
    const evaluate = (fn: (arg: unknown) => unknown, arg: unknown) => overview.evaluate(fn as never, arg as never);
    await seedTaskBuckets(evaluate, tasks, total);
    // Functions, not strings: a string is compiled with Function() in the page, which the
    // extension page's CSP refuses in Firefox 140 ESR.
    await overview.waitForFunction((text) => document.body.textContent?.includes(text), { timeout: 120_000 }, `${total.toLocaleString('en')} tasks across`);
    await overview.waitForFunction(() => document.querySelector('main')?.dataset.complete === 'true', { timeout: 120_000 });

    await overview.evaluate(() => browser.tabs.create({ url: browser.runtime.getURL('/popup.html') }));
    const popup = await extensionPage(session, 'popup.html');
    const key = await waitFor('the first task card in the popup', async () =>
      popup.evaluate(() => document.querySelector('article.task-card')?.getAttribute('data-task-key') ?? null),
    );
    // The card's line opens it (compact popup).
    await popup.evaluate((k) => {
      const card = Array.from(document.querySelectorAll('article.task-card')).find((a) => a.getAttribute('data-task-key') === k);
      const line = card?.querySelector('button');
      if (line?.getAttribute('aria-expanded') === 'false') line.click();
    }, key);
    const checkbox = await waitFor('the step checkbox', async () =>
      popup
        .evaluateHandle((k) => {
          const card = Array.from(document.querySelectorAll('article.task-card')).find((a) => a.getAttribute('data-task-key') === k);
          const label = Array.from(card?.querySelectorAll('label') ?? []).find((l) => l.textContent!.includes('Joined the campaign in TikTok'));
          return label ? document.getElementById(label.htmlFor) : null;
        }, key)
        .then((h) => h.asElement() as ElementHandle<HTMLInputElement> | null),
    );
    const stepsBefore = Object.keys((await storedTask(popup, key))?.steps ?? {}).length;
    expect(await checkbox.evaluate((el) => el.checked)).toBe(false);
    await checkbox.click();
    await waitFor('the tick stored', async () => ((await storedTask(popup, key))?.steps.joinedCampaign ? true : null), 30_000);
    expect(Object.keys((await storedTask(popup, key))!.steps)).toHaveLength(stepsBefore + 1);
    await waitFor('the box shown ticked', async () => ((await checkbox.evaluate((el) => el.checked)) ? true : null), 30_000);
    const head = await popup.evaluate(async () => {
      const got = await browser.storage.local.get(['trackerHead', 'tracker$']);
      const stored = JSON.parse(got.trackerHead as string) as { total: number; rev: number };
      return { total: stored.total, rev: stored.rev, stored: (got['tracker$'] as { rev: number }).rev };
    });
    expect(head.total).toBe(total);
    expect(head.rev).toBe(head.stored);
  }, 600_000);
});
