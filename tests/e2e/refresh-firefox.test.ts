/**
 * Refresh all in Firefox on the production build against the replica, on the UICL-style
 * family (hash routing, shadow roots, actions shown on hover) and on fuzz seed 61 (task
 * details in an iframe modal; the semantic and hashed walks are in refresh-chromium): from a fresh install that has only seen
 * the Participating page, Refresh all in the overview lists every TikTok task of every TikTok
 * campaign (exact count, no other platform's task), with its progress in the overview, and
 * makes no retrieve request. Firefox will not let the test open moz-extension:// pages: the
 * overview is opened from the overlay (firefox-pages.ts), then storage is emptied.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchFirefox, type FirefoxSession } from './harness';
import { extensionPage, openOverview, openPage, pageText, trackedTasks } from './firefox-pages';
import { resetReplica, retrieveRequests, waitFor } from './retrieve-data';
import { EXPECTED_TASK_IDS, EXPECTED_TASK_NAMES, TIKTOK_CAMPAIGNS, participatingUrl, replicaConfig, walkName, walksFromEnv } from './refresh-data';
import type { RefreshState } from '../../utils/refresh-state';

declare const browser: {
  storage: { local: { get(key: string | null): Promise<Record<string, unknown>>; clear(): Promise<void> } };
};

const WALKS = walksFromEnv(['uicl', { fuzzSeed: 61 }]);
let session: FirefoxSession;
let overview: Page;

beforeAll(async () => {
  session = await launchFirefox();
  overview = await openOverview(session);
});
afterAll(async () => {
  await session?.close();
});

async function walkState(): Promise<RefreshState | undefined> {
  // The overview's handle, found again should puppeteer have lost it.
  overview = await extensionPage(session, 'overview.html');
  return overview.evaluate(async () => (await browser.storage.local.get('refreshAll')).refreshAll as RefreshState | undefined);
}

async function press(page: Page, name: string): Promise<void> {
  await waitFor(`"${name}" in the overview`, () =>
    page.evaluate((wanted) => {
      const button = Array.from(document.querySelectorAll('button')).find((b) => b.textContent?.trim() === wanted && !b.disabled);
      button?.click();
      return Boolean(button);
    }, name),
  );
}

describe('Refresh all (Firefox)', () => {
  it.each(WALKS.map((family) => ({ family, name: walkName(family) })))('$name: lists every TikTok task of every TikTok campaign and presses nothing', async ({ family: FAMILY }) => {
    // A fresh install: nothing tracked, nothing remembered.
    await overview.evaluate(() => browser.storage.local.clear());
    await resetReplica(session.replica, replicaConfig(FAMILY));
    const participating = await openPage(session, participatingUrl(FAMILY));
    await waitFor('the Participating page to be remembered', () => overview.evaluate(async () => !!(await browser.storage.local.get('refreshStart')).refreshStart));
    await participating.close();
    await waitFor('the first-run overview', async () => (await pageText(overview)).includes('No TikTok tasks yet'));

    await press(overview, 'Refresh all');
    const N = TIKTOK_CAMPAIGNS.length;
    await waitFor('the progress in the overview', async () => new RegExp(`\\d+ of ${N} campaigns`).test(await pageText(overview)), 60_000);
    let lastLog = 0;
    const done = await waitFor('the walk to finish', async () => {
      const s = await walkState();
      if (Date.now() - lastLog > 5000) {
        lastLog = Date.now();
        const urls = await Promise.all((await session.browser.pages()).map((p) => p.evaluate(() => location.href).catch(() => p.url())));
        console.log(`walk: ${s?.status} ${s?.next}/${s?.campaigns.length} ${s?.failures.length} failures; tabs: ${urls.join(' ')}`);
      }
      return s && s.status !== 'running' ? s : null;
    }, 240_000);
    expect(done.status).toBe('done');
    expect(done.failures.map((f) => `${f.campaign} › ${f.task}: ${f.reason}`)).toEqual([]);
    expect(done.visited).toBe(N);

    const tasks = Object.values(await trackedTasks(overview));
    expect(tasks.map((t) => `${t.campaignName} › ${t.taskName}`).sort()).toEqual(EXPECTED_TASK_NAMES);
    // These families show ids: each task is the scenario's.
    expect(tasks.map((t) => t.taskId).sort()).toEqual(EXPECTED_TASK_IDS);
    expect(done.found).toBe(EXPECTED_TASK_IDS.length);
    await waitFor('the overview to list them', async () => (await pageText(overview)).includes(`${EXPECTED_TASK_IDS.length} tasks across`));
    expect(await retrieveRequests(session.replica)).toEqual([]);
  }, 300_000);
});
