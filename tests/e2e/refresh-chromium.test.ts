/**
 * Refresh all in Chromium on the production build against the replica, on the semantic and
 * hashed families (uicl and a fuzz seed with a details iframe: refresh-firefox): from a fresh
 * install that has only seen the Participating page, Refresh all in the overview lists every
 * TikTok task of every TikTok campaign (exact count, no other platform's task), shows its
 * progress in the overview and on the badge, carries on after the service worker is stopped
 * mid-walk (first walk), and never makes a retrieve request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type ChromiumSession } from './harness';
import { resetReplica, retrieveRequests, waitFor } from './retrieve-data';
import { EXPECTED_TASK_IDS, EXPECTED_TASK_NAMES, TIKTOK_CAMPAIGNS, participatingUrl, replicaConfig, walkName, walksFromEnv } from './refresh-data';
import { storedTasks } from './chromium-pages';
import type { RefreshState } from '../../utils/refresh-state';

declare const chrome: {
  storage: { local: { get(key: string | null): Promise<Record<string, unknown>>; clear(): Promise<void> } };
  action: { getBadgeText(details: object): Promise<string> };
};

const WALKS = walksFromEnv(['semantic', 'hashed']);
let session: ChromiumSession;

beforeAll(async () => {
  session = await launchChromium();
  await resetReplica(session.replica);
});
afterAll(async () => {
  await session?.close();
});

async function walkState(page: Page): Promise<RefreshState | undefined> {
  return page.evaluate(async () => (await chrome.storage.local.get('refreshAll')).refreshAll as RefreshState | undefined);
}

describe('Refresh all (Chromium)', () => {
  it.each(WALKS.map((family, i) => ({ family, name: walkName(family), stopWorker: i === 0 })))('$name: lists every TikTok task of every TikTok campaign, presses nothing (worker stopped mid-walk: $stopWorker)', async ({ family: FAMILY, stopWorker }) => {
    // A fresh install (also when the test is tried again in the same browser).
    const blank = await session.extensionPage('popup.html');
    await blank.evaluate(() => chrome.storage.local.clear());
    await blank.close();
    for (const page of session.context.pages()) if (page.url().startsWith('https://app.impact.com/')) await page.close();
    await resetReplica(session.replica, replicaConfig(FAMILY));
    // The creator has only seen the Participating page.
    const participating = await session.newPage(participatingUrl(FAMILY));
    const overview = await session.extensionPage('overview.html');
    await waitFor('the Participating page to be remembered', async () =>
      overview.evaluate(async () => !!(await chrome.storage.local.get('refreshStart')).refreshStart),
    );
    await participating.close();
    expect(await storedTasks(overview)).toEqual([]);
    // A first run says what to do.
    await overview.getByRole('heading', { name: 'No TikTok tasks yet' }).waitFor();

    await overview.getByRole('button', { name: 'Refresh all' }).click();
    const listed = await waitFor('the campaigns to be listed', async () => {
      const s = await walkState(overview);
      return s?.listed && s.campaigns.length ? s : null;
    });
    expect(listed.campaigns.map((c) => c.id).sort()).toEqual([...TIKTOK_CAMPAIGNS].sort());
    const N = TIKTOK_CAMPAIGNS.length;

    // Live progress in the overview and on the badge.
    await overview.getByRole('button', { name: 'Cancel' }).waitFor();
    await overview.getByText(new RegExp(`\\d+ of ${N} campaigns`)).first().waitFor();
    await waitFor('the badge to show the progress', async () => /^\d+\/\d+$/.test(await overview.evaluate(() => chrome.action.getBadgeText({}))));
    await waitFor('two campaigns done', async () => ((await walkState(overview))?.next ?? 0) >= 2, 90_000);
    // The popup shows the same progress.
    const popup = await session.extensionPage('popup.html');
    await popup.getByText(new RegExp(`\\d+ of ${N} campaigns`)).first().waitFor();
    await popup.getByRole('button', { name: 'Cancel' }).waitFor();
    await popup.close();

    if (stopWorker) {
      // Stop the worker mid-walk: a new one carries on from storage.
      const worker = await session.serviceWorker();
      await worker.evaluate(() => ((globalThis as { stoppedMarker?: boolean }).stoppedMarker = true));
      const cdp = await session.context.newCDPSession(overview);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      const stoppedAt = (await walkState(overview))!.next;
      expect(stoppedAt).toBeLessThan(N);
    }

    let lastLog = 0;
    const done = await waitFor('the walk to finish', async () => {
      const s = await walkState(overview);
      if (Date.now() - lastLog > 5000) {
        lastLog = Date.now();
        // What the walk is at (shown when a run fails).
        console.log(`walk: ${s?.status} ${s?.next}/${s?.campaigns.length} ${s?.failures.length} failures; tabs: ${session.context.pages().map((p) => p.url()).join(' ')}`);
      }
      return s && s.status !== 'running' ? s : null;
    }, 180_000);
    expect(done.status).toBe('done');
    expect(done.visited).toBe(N);
    expect(done.failures.map((f) => `${f.campaign} › ${f.task}: ${f.reason}`)).toEqual([]);
    if (stopWorker) {
      const now = session.context.serviceWorkers().at(-1)!;
      expect(await now.evaluate(() => (globalThis as { stoppedMarker?: boolean }).stoppedMarker)).toBeUndefined();
    }

    const tasks = await storedTasks(overview);
    expect(tasks.map((t) => `${t.campaignName} › ${t.taskName}`).sort()).toEqual(EXPECTED_TASK_NAMES);
    // The hashed family shows no task ids: there the names say it all.
    if (FAMILY !== 'hashed') expect(tasks.map((t) => t.taskId).sort()).toEqual(EXPECTED_TASK_IDS);
    expect(done.found).toBe(EXPECTED_TASK_IDS.length);
    expect(tasks.every((t) => t.impactStatus && t.dueDate)).toBe(true);
    // The overview lists them (one row per task), and the summary says what was found.
    await overview.getByText(`${EXPECTED_TASK_IDS.length} tasks across`).waitFor();
    await overview.getByText(`found ${EXPECTED_TASK_IDS.length} TikTok tasks`).waitFor();
    // Only read: no "Retrieve my post" request reached impact.com.
    expect(await retrieveRequests(session.replica)).toEqual([]);
    // The walk's tab is gone.
    await waitFor('the walk tab to close', async () => session.context.pages().every((p) => !p.url().startsWith('https://app.impact.com/')));
    await overview.close();
  }, 300_000);
});
