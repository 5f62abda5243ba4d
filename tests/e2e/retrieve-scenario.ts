/**
 * "Retrieve my post" on the creator's behalf, on the production build against the replica,
 * written once for both browsers (retrieve-chromium, retrieve-firefox run it through their
 * ExtensionDriver): the task tab open, no tab open (Mark as posted in the popup), "not found"
 * twice then success, and two TikTok tasks on one campaign (Mark as posted in the overview).
 * Each scenario expects a clean start (no tracked task, no alarm, a fresh replica: the thin
 * files' beforeEach).
 */
import { expect } from 'vitest';
import type { DriverPage, ExtensionDriver } from './extension-driver';
import { storedTasks } from './network-and-page-input-scenario';
import { SUMMER_GLOW, TWO_VIDEOS, pageUrls, resetReplica, retrieveRequests, waitFor, type Family } from './retrieve-data';
import type { TrackedTask } from '../../utils/tracker/schema';

type Api = {
  action: { getBadgeText(details: object): Promise<string> };
};
/** A message to the background, the way the popup and overview send theirs. */
export function send(driver: ExtensionDriver, message: unknown): Promise<{ ok: boolean; error?: string }> {
  return driver.sendMessage(message);
}

/** The toolbar button's badge. */
function badge(driver: ExtensionDriver): Promise<string> {
  return driver.inExtension(() => ((self as unknown as { browser?: Api }).browser ?? (self as unknown as { chrome: Api }).chrome).action.getBadgeText({}), null);
}

async function stored(driver: ExtensionDriver, key: string): Promise<TrackedTask | undefined> {
  return (await storedTasks(driver)).find((t) => t.key === key);
}

/** Open the task's View Task Details: the content script records the task; its key. */
export async function visitTask(driver: ExtensionDriver, family: Family, campaignId: string, taskId: string): Promise<{ key: string; tab: DriverPage }> {
  const tab = await driver.openPage(pageUrls(family, campaignId, taskId).task);
  const key = await waitFor(`the content script to record task ${taskId}`, async () => (await storedTasks(driver)).find((t) => t.taskId === taskId)?.key);
  return { key, tab };
}

export async function stateOf(driver: ExtensionDriver, key: string, state: TrackedTask['state'], ms?: number): Promise<TrackedTask> {
  return waitFor(
    `the task to be "${state}"`,
    async () => {
      const task = await stored(driver, key);
      return task?.state === state ? task : null;
    },
    ms,
  );
}

/** The creator opens the TTCM drop-down on the task page and presses the overlay's Mark as posted. */
export async function markPostedOnPage(tab: DriverPage): Promise<void> {
  await tab.openTtcm();
  await tab.click('Mark as posted');
}

async function showsOnPage(tab: DriverPage, text: string): Promise<void> {
  await waitFor(`"${text}" on the page`, async () => (await tab.textCount(text)) > 0);
}

export async function taskTabOpenScenario(driver: ExtensionDriver): Promise<void> {
  const { key, tab } = await visitTask(driver, 'semantic', SUMMER_GLOW.campaignId, SUMMER_GLOW.taskId);
  // A task not started yet waits for the creator: the toolbar badge counts it.
  await waitFor('the badge to count the task', async () => (await badge(driver)) === '1');
  await markPostedOnPage(tab);

  const done = await stateOf(driver, key, 'submitted');
  expect(done.retrieve.attempts).toBe(1);
  expect((await retrieveRequests(driver.replica)).map((r) => [r.taskId, r.outcome])).toEqual([[SUMMER_GLOW.taskId, 'success']]);
  // The creator's tab was used, not a new one, and it stays open.
  expect(await driver.impactTabs()).toEqual([pageUrls('semantic', SUMMER_GLOW.campaignId, SUMMER_GLOW.taskId).task]);
  await showsOnPage(tab, 'Your TikTok post was retrieved and submitted for approval.');
  await showsOnPage(tab, 'Tracker: Submitted');
  await waitFor('the badge to clear', async () => (await badge(driver)) === '');
}

export async function noTabOpenScenario(driver: ExtensionDriver): Promise<void> {
  const family: Family = 'uicl';
  // The creator saw the task earlier; no impact.com tab is open now.
  const { key, tab: earlier } = await visitTask(driver, family, SUMMER_GLOW.campaignId, SUMMER_GLOW.taskId);
  const taskUrl = (await stored(driver, key))!.taskUrl;
  await earlier.close();
  const tabs = driver.watchTabs();
  try {
    // The creator presses Mark as posted in the popup: one line per task, a click on it opens the card.
    const popup = await driver.openPopup();
    const card = `${SUMMER_GLOW.taskName} ${SUMMER_GLOW.campaignName}`;
    await popup.openCard(card);
    await popup.click('Mark as posted', { article: card });
    await popup.close();
    await stateOf(driver, key, 'submitted');
    expect((await retrieveRequests(driver.replica)).map((r) => r.taskId)).toEqual([SUMMER_GLOW.taskId]);
    const opened = await waitFor('the tab the extension opened', async () => tabs.opened().find((t) => t.url === taskUrl));
    expect(opened.url).toBe(taskUrl);
    await waitFor('that tab to be closed', async () => tabs.opened().find((t) => t.url === taskUrl)?.closed);
  } finally {
    tabs.stop();
  }
  expect(await driver.impactTabs()).toEqual([]);
  expect((await stored(driver, key))?.retrieve.openedTabId).toBeUndefined();
  // The status impact.com shows after the retrieve, read back in that background tab (not "Awaiting submission" any more).
  expect((await stored(driver, key))?.impactStatus).toMatch(/pending approval$/);
}

/**
 * "Not found" twice, then success: Retry scheduled, then Submitted after the retries, `delayMinutes`
 * apart. `betweenTries` runs once the retry is scheduled (Chromium stops its worker there);
 * `afterwards` once the task is Submitted.
 */
export async function notFoundTwiceScenario(
  driver: ExtensionDriver,
  options: { delayMinutes: number; betweenTries?: () => Promise<void>; afterwards?: () => Promise<void> },
): Promise<void> {
  await resetReplica(driver.replica, { retrieve: { notFoundTimes: 2 } });
  expect(await send(driver, { type: 'updateSettings', settings: { autoRetrieve: true, retry: { delaysMinutes: [options.delayMinutes], giveUpAfterHours: 1 } } })).toMatchObject({ ok: true });
  const { key, tab } = await visitTask(driver, 'semantic', SUMMER_GLOW.campaignId, SUMMER_GLOW.taskId);
  // A task not started yet waits for the creator: the toolbar badge counts it.
  await waitFor('the badge to count the task', async () => (await badge(driver)) === '1');
  await markPostedOnPage(tab);

  const scheduled = await stateOf(driver, key, 'retryScheduled');
  expect(scheduled.retrieve.outcome).toMatchObject({ code: 'notYet', impact: expect.stringContaining("We couldn't find your TikTok post yet.") });
  expect(scheduled.retrieve.nextAttemptAt).toBeGreaterThan(Date.now() - 1000);
  await showsOnPage(tab, 'Tracker: Retry scheduled');
  await options.betweenTries?.();

  const done = await stateOf(driver, key, 'submitted', 60_000);
  expect(done.retrieve.attempts).toBe(3);
  expect((await retrieveRequests(driver.replica)).map((r) => r.outcome)).toEqual(['notFound', 'notFound', 'success']);
  expect(done.history.filter((h) => h.event === 'retrieveNotYet')).toHaveLength(2);
  await showsOnPage(tab, 'Tracker: Submitted');
  await options.afterwards?.();
}

export async function twoTasksOneCampaignScenario(driver: ExtensionDriver): Promise<void> {
  const family: Family = 'semantic';
  const unboxing = await visitTask(driver, family, TWO_VIDEOS.campaignId, TWO_VIDEOS.unboxing.taskId);
  const styling = await visitTask(driver, family, TWO_VIDEOS.campaignId, TWO_VIDEOS.styling.taskId);
  await unboxing.tab.close();
  await styling.tab.close();
  // The creator has the campaign's task list open (not either task's details) and marks one
  // task on its overview row.
  await driver.openPage(pageUrls(family, TWO_VIDEOS.campaignId).manageTasks);
  const overview = await driver.openOverview();
  await overview.click('Mark as posted', { row: [TWO_VIDEOS.styling.taskName, TWO_VIDEOS.campaignName] });

  await stateOf(driver, styling.key, 'submitted');
  expect((await retrieveRequests(driver.replica)).map((r) => r.taskId)).toEqual([TWO_VIDEOS.styling.taskId]);
  expect((await stored(driver, unboxing.key))?.state).toBe('notStarted');
}
