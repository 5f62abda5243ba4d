/**
 * Shared pieces of the Chromium e2e tests (Playwright): a clean start, the tracked tasks as
 * stored, a task's View Task Details opened with real clicks on any replica family, and a
 * tracker seeded the way the content script and the worker fill it. The Firefox tests have
 * theirs in firefox-pages.ts.
 */
import type { Page } from 'playwright-core';
import type { DiscoveredTask, TrackedTask } from '../../utils/tracker/schema';
import { IMPACT, replicaUrls, type ChromiumSession } from './harness';
import { task, type Family } from './overlay-shared';
import { resetReplica } from './retrieve-data';
import { changeStoredTasksInExtension, storedTasksInExtension } from './stored-tasks';

/** The extension APIs the callbacks below use (they run in an extension page or the worker). */
declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<{ ok: boolean }> };
  storage: { local: { get(keys: null): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void>; clear(): Promise<void> } };
  alarms: { clearAll(): Promise<boolean> };
};

/**
 * Between tests on one browser: every tab but the extension page `ext` closed, the
 * extension's storage and alarms cleared, the replica reset (then given `replicaConfig`).
 */
export async function startClean(session: ChromiumSession, ext: Page, replicaConfig?: unknown): Promise<void> {
  for (const page of session.context.pages()) if (page !== ext) await page.close();
  await ext.evaluate(async () => {
    await chrome.storage.local.clear();
    await chrome.alarms.clearAll();
  });
  await resetReplica(session.replica, replicaConfig);
}

/** The tracked tasks as stored (in buckets: stored-tasks.ts), read in an extension page. */
export async function storedTasks(ext: Page): Promise<TrackedTask[]> {
  return Object.values(await ext.evaluate(storedTasksInExtension)) as TrackedTask[];
}

const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

/**
 * Opens View Task Details of one scenario task the way its family allows (its own page, or
 * the row's View Task Details on Manage Tasks) and expands the TTCM drop-down, with real
 * clicks. `prepare` runs on the new tab before it loads (viewport, colour scheme).
 */
export async function openTaskDetails(session: ChromiumSession, family: Family, taskId: string, prepare?: (page: Page) => Promise<void>): Promise<Page> {
  const { campaign, task: t } = task(taskId);
  const u = await replicaUrls(session.replica, family, campaign.id, taskId);
  const page = await session.context.newPage();
  await prepare?.(page);
  await page.goto(IMPACT + (u.taskDetails ?? u.manageTasks));
  if (!u.taskDetails) {
    const row = page.locator('div').filter({ has: page.getByText(t.name, { exact: true }) }).filter({ has: button(page, 'View Task Details') }).last();
    await row.getByRole('button', { name: 'View Task Details', exact: true }).click();
  }
  const toggle = page.getByText('TTCM Branded Content Details').first();
  await toggle.waitFor();
  await toggle.click();
  await page.getByText('Campaign code', { exact: true }).first().waitFor();
  return page;
}

/**
 * Tracks `tasks` as the content script reports them (taskSeen, through the worker), then
 * moves some on the way the worker would: `moved` maps a task id to the fields it gets. Those
 * tasks are written back to their buckets as a tool would; the worker notices and rebuilds
 * the head.
 */
export async function seedTasks(session: ChromiumSession, tasks: readonly DiscoveredTask[], moved: Record<string, Record<string, unknown>> = {}): Promise<void> {
  const ext = await session.extensionPage('popup.html');
  await ext.evaluate(async (list) => {
    for (const task of list) {
      const reply = await chrome.runtime.sendMessage({ type: 'taskSeen', task });
      if (!reply.ok) throw new Error(JSON.stringify(reply));
    }
  }, tasks);
  await ext.close();
  if (Object.keys(moved).length === 0) return;
  const worker = await session.serviceWorker();
  await worker.evaluate(changeStoredTasksInExtension, moved);
}

/**
 * Stops the service worker the way Chrome does when it is idle (CDP, through the extension page
 * `page`), marking the running one first: only alarms and storage are left to carry on.
 */
export async function stopWorker(session: ChromiumSession, page: Page): Promise<void> {
  const worker = await session.serviceWorker();
  await worker.evaluate(() => ((globalThis as { stoppedMarker?: boolean }).stoppedMarker = true));
  const cdp = await session.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
}

/** Whether the worker running now is not the one stopWorker marked. */
export async function workerIsNew(session: ChromiumSession): Promise<boolean> {
  const now = session.context.serviceWorkers().at(-1)!;
  return (await now.evaluate(() => (globalThis as { stoppedMarker?: boolean }).stoppedMarker)) === undefined;
}
