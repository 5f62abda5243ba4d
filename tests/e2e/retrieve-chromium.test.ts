/**
 * "Retrieve my post" on the creator's behalf, in Chromium on the production build against
 * the replica: the task tab open, no tab open, "not found" twice with the service worker
 * stopped between tries, and two TikTok tasks on one campaign.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type ChromiumSession } from './harness';
import { SUMMER_GLOW, TWO_VIDEOS, pageUrls, resetReplica, retrieveRequests, waitFor, type Family } from './retrieve-data';
import type { TrackedTask } from '../../utils/tracker/schema';
import { startClean, storedTasks } from './chromium-pages';

/** The extension APIs the page-side callbacks below use (they run in the popup page). */
declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<{ ok: boolean; error?: string }> };
  action: { getBadgeText(details: object): Promise<string> };
};

let session: ChromiumSession;
/** An extension page: talks to the background like the popup does, and reads storage. */
let ext: Page;

beforeAll(async () => {
  session = await launchChromium();
  ext = await session.extensionPage('popup.html');
});
afterAll(async () => {
  await session?.close();
});

beforeEach(() => startClean(session, ext));

async function send(message: unknown): Promise<{ ok: boolean; error?: string }> {
  return ext.evaluate((m) => chrome.runtime.sendMessage(m), message);
}

async function stored(key: string): Promise<TrackedTask | undefined> {
  return (await storedTasks(ext)).find((t) => t.key === key);
}

/** Open the task's View Task Details: the content script records the task; its key. */
async function visitTask(family: Family, campaignId: string, taskId: string): Promise<{ key: string; tab: Page }> {
  const tab = await session.newPage(pageUrls(family, campaignId, taskId).task);
  const key = await waitFor(`the content script to record task ${taskId}`, async () => (await storedTasks(ext)).find((t) => t.taskId === taskId)?.key);
  return { key, tab };
}

async function stateOf(key: string, state: TrackedTask['state'], ms?: number): Promise<TrackedTask> {
  return waitFor(`the task to be "${state}"`, async () => {
    const task = await stored(key);
    return task?.state === state ? task : null;
  }, ms);
}

/** The creator opens the TTCM drop-down on the task page and presses the overlay's Mark as posted. */
async function markPostedOnPage(tab: Page): Promise<void> {
  const button = tab.getByRole('button', { name: 'Mark as posted' });
  await tab.getByText('TTCM Branded Content Details').waitFor();
  if (!(await button.isVisible())) await tab.getByText('TTCM Branded Content Details').click();
  await button.click();
}

/** The creator presses Mark as posted in the popup. */
async function markPostedInPopup(taskName: string, campaignName: string): Promise<void> {
  const popup = await session.extensionPage('popup.html');
  const card = popup.getByRole('article', { name: `${taskName} ${campaignName}` });
  // One line per task: a click on it opens the card with its buttons.
  await card.getByRole('button', { expanded: false }).click();
  await card.getByRole('button', { name: 'Mark as posted' }).click();
  await popup.close();
}

async function badge(): Promise<string> {
  return ext.evaluate(() => chrome.action.getBadgeText({}));
}

function impactPages(): Page[] {
  return session.context.pages().filter((p) => p.url().startsWith('https://app.impact.com/'));
}

describe('Retrieve my post (Chromium)', () => {
  it('with the task tab open: exactly one retrieve for that task, and the tracker shows Submitted', async () => {
    const { key, tab } = await visitTask('semantic', SUMMER_GLOW.campaignId, SUMMER_GLOW.taskId);
    // A task not started yet waits for the creator: the toolbar badge counts it.
    await waitFor('the badge to count the task', async () => (await badge()) === '1');
    await markPostedOnPage(tab);

    const done = await stateOf(key, 'submitted');
    expect(done.retrieve.attempts).toBe(1);
    const requests = await retrieveRequests(session.replica);
    expect(requests.map((r) => [r.taskId, r.outcome])).toEqual([[SUMMER_GLOW.taskId, 'success']]);
    // The creator's tab was used, not a new one, and it stays open.
    expect(impactPages()).toEqual([tab]);
    await tab.getByText('Your TikTok post was retrieved and submitted for approval.').waitFor();
    await tab.getByText('Tracker: Submitted').waitFor();
    await waitFor('the badge to clear', async () => (await badge()) === '');
  });

  it('with no tab open: a tab is opened in the background, the request arrives, the tab is closed', async () => {
    const family: Family = 'uicl';
    // The creator saw the task earlier; no impact.com tab is open now.
    const { key, tab: earlier } = await visitTask(family, SUMMER_GLOW.campaignId, SUMMER_GLOW.taskId);
    const taskUrl = (await stored(key))!.taskUrl;
    await earlier.close();
    const created: Page[] = [];
    const collect = (page: Page) => void created.push(page);
    session.context.on('page', collect);
    try {
      await markPostedInPopup(SUMMER_GLOW.taskName, SUMMER_GLOW.campaignName);
      await stateOf(key, 'submitted');
    } finally {
      session.context.off('page', collect);
    }
    expect((await retrieveRequests(session.replica)).map((r) => r.taskId)).toEqual([SUMMER_GLOW.taskId]);
    const tab = await waitFor('the tab the extension opened', async () => created.find((p) => p.url().startsWith('https://app.impact.com/')));
    expect(tab.url()).toBe(taskUrl);
    await waitFor('that tab to be closed', async () => tab.isClosed());
    expect(impactPages()).toEqual([]);
    expect((await stored(key))?.retrieve.openedTabId).toBeUndefined();
    // The status impact.com shows after the retrieve, read back in that background tab (not "Awaiting submission" any more).
    expect((await stored(key))?.impactStatus).toMatch(/pending approval$/);
  });

  it('"not found" twice, the service worker stopped between tries: Retry scheduled, then Submitted', async () => {
    await resetReplica(session.replica, { retrieve: { notFoundTimes: 2 } });
    expect(await send({ type: 'updateSettings', settings: { autoRetrieve: true, retry: { delaysMinutes: [0.15], giveUpAfterHours: 1 } } })).toMatchObject({ ok: true });
    const { key, tab } = await visitTask('semantic', SUMMER_GLOW.campaignId, SUMMER_GLOW.taskId);
    // A task not started yet waits for the creator: the toolbar badge counts it.
    await waitFor('the badge to count the task', async () => (await badge()) === '1');
    await markPostedOnPage(tab);

    const scheduled = await stateOf(key, 'retryScheduled');
    expect(scheduled.retrieve.outcome).toMatchObject({ code: 'notYet', impact: expect.stringContaining("We couldn't find your TikTok post yet.") });
    expect(scheduled.retrieve.nextAttemptAt).toBeGreaterThan(Date.now() - 1000);
    await tab.getByText('Tracker: Retry scheduled').waitFor();

    // Stop the worker between the tries: only the alarm and storage are left to carry on.
    const worker = await session.serviceWorker();
    await worker.evaluate(() => ((globalThis as { stoppedMarker?: boolean }).stoppedMarker = true));
    const cdp = await session.context.newCDPSession(ext);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');

    const done = await stateOf(key, 'submitted', 60_000);
    expect(done.retrieve.attempts).toBe(3);
    expect((await retrieveRequests(session.replica)).map((r) => r.outcome)).toEqual(['notFound', 'notFound', 'success']);
    expect(done.history.filter((h) => h.event === 'retrieveNotYet')).toHaveLength(2);
    await tab.getByText('Tracker: Submitted').waitFor();
    // The retries were carried out by a new worker, not the stopped one.
    const now = session.context.serviceWorkers().at(-1)!;
    expect(await now.evaluate(() => (globalThis as { stoppedMarker?: boolean }).stoppedMarker)).toBeUndefined();
  });

  it('two TikTok tasks on one campaign: only the marked one is retrieved', async () => {
    const family: Family = 'semantic';
    const unboxing = await visitTask(family, TWO_VIDEOS.campaignId, TWO_VIDEOS.unboxing.taskId);
    const styling = await visitTask(family, TWO_VIDEOS.campaignId, TWO_VIDEOS.styling.taskId);
    await unboxing.tab.close();
    await styling.tab.close();
    // The creator has the campaign's task list open (not either task's details).
    await session.newPage(pageUrls(family, TWO_VIDEOS.campaignId).manageTasks);
    await markPostedInPopup(TWO_VIDEOS.styling.taskName, TWO_VIDEOS.campaignName);

    await stateOf(styling.key, 'submitted');
    expect((await retrieveRequests(session.replica)).map((r) => r.taskId)).toEqual([TWO_VIDEOS.styling.taskId]);
    expect((await stored(unboxing.key))?.state).toBe('notStarted');
  });
});
