/**
 * "Retrieve my post" on the creator's behalf, in Firefox on the production build against the
 * replica. Firefox will not let the test open moz-extension:// pages, so everything starts on
 * impact.com: the overlay's own Mark as posted, and its Open overview, which has the extension
 * open its overview page (a page the test may then drive). The last test has Firefox unload the
 * idle background (an event page) between the tries.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page, Target } from 'puppeteer-core';
import { launchFirefox, type FirefoxSession } from './harness';
import { openOverview, openPage, pressInTtcm, showsOnPage, startClean, trackedTasks } from './firefox-pages';
import { SUMMER_GLOW, TWO_VIDEOS, pageUrls, resetReplica, retrieveRequests, waitFor, type Family } from './retrieve-data';
import type { TrackedTask } from '../../utils/tracker/schema';

/** The extension APIs the overview-side callbacks below use. */
declare const browser: {
  runtime: {
    sendMessage(message: unknown): Promise<{ ok: boolean; error?: string }>;
    getBackgroundPage(): Promise<Window>;
  };
};

let session: FirefoxSession;
/** The overview page, opened by the extension itself from the overlay's Open overview. */
let overview: Page;

const open = (url: string) => openPage(session, url);

async function send(message: unknown): Promise<{ ok: boolean; error?: string }> {
  return overview.evaluate((m) => browser.runtime.sendMessage(m), message);
}

/** The creator presses the task row's Mark as posted in the overview. */
async function markPostedInOverview(task: { taskName: string; campaignName: string }): Promise<void> {
  await waitFor(`Mark as posted on the overview row of ${task.taskName}`, () =>
    overview.evaluate(({ taskName, campaignName }) => {
      const row = Array.from(document.querySelectorAll('tbody tr')).find((tr) => tr.textContent!.includes(taskName) && tr.textContent!.includes(campaignName));
      const button = Array.from(row?.querySelectorAll('button') ?? []).find((b) => b.textContent === 'Mark as posted');
      button?.click();
      return Boolean(button);
    }, task),
  );
}

async function tasks(): Promise<Record<string, TrackedTask>> {
  return trackedTasks(overview);
}

async function recordedKey(taskId: string): Promise<string> {
  return waitFor(`the content script to record task ${taskId}`, async () => Object.values(await tasks()).find((t) => t.taskId === taskId)?.key);
}

async function stateOf(key: string, state: TrackedTask['state'], ms?: number): Promise<TrackedTask> {
  return waitFor(`the task to be "${state}"`, async () => {
    const task = (await tasks())[key];
    return task?.state === state ? task : null;
  }, ms);
}

describe('Retrieve my post (Firefox)', () => {
  beforeAll(async () => {
    session = await launchFirefox();
    overview = await openOverview(session);
  });
  afterAll(async () => {
    await session?.close();
  });

  beforeEach(() => startClean(session, overview));

  it('with the task tab open: exactly one retrieve for that task, and the tracker shows Submitted', async () => {
    const tab = await open(pageUrls('semantic', SUMMER_GLOW.campaignId, SUMMER_GLOW.taskId).task);
    const key = await recordedKey(SUMMER_GLOW.taskId);
    await pressInTtcm(tab, 'Mark as posted');

    await showsOnPage(tab, 'Tracker: Submitted');
    expect((await stateOf(key, 'submitted')).retrieve.attempts).toBe(1);
    expect((await retrieveRequests(session.replica)).map((r) => [r.taskId, r.outcome])).toEqual([[SUMMER_GLOW.taskId, 'success']]);
    await showsOnPage(tab, 'Your TikTok post was retrieved and submitted for approval.');
  });

  it('with no tab open: a tab is opened in the background, the request arrives, the tab is closed', async () => {
    const family: Family = 'uicl';
    const earlier = await open(pageUrls(family, SUMMER_GLOW.campaignId, SUMMER_GLOW.taskId).task);
    const key = await recordedKey(SUMMER_GLOW.taskId);
    const taskUrl = (await tasks())[key]!.taskUrl;
    await earlier.close();

    const created: Target[] = [];
    const destroyed: Target[] = [];
    const onCreated = (t: Target) => void created.push(t);
    const onDestroyed = (t: Target) => void destroyed.push(t);
    session.browser.on('targetcreated', onCreated);
    session.browser.on('targetdestroyed', onDestroyed);
    try {
      // The creator presses Mark as posted in the overview.
      await markPostedInOverview(SUMMER_GLOW);
      await stateOf(key, 'submitted');
      expect((await retrieveRequests(session.replica)).map((r) => r.taskId)).toEqual([SUMMER_GLOW.taskId]);
      const tab = await waitFor('the tab the extension opened', async () => created.find((t) => t.url() === taskUrl));
      await waitFor('that tab to be closed', async () => destroyed.includes(tab));
    } finally {
      session.browser.off('targetcreated', onCreated);
      session.browser.off('targetdestroyed', onDestroyed);
    }
    expect((await tasks())[key]?.retrieve.openedTabId).toBeUndefined();
  });

  it('"not found" twice, then success: Retry scheduled, then Submitted after the retries', async () => {
    await resetReplica(session.replica, { retrieve: { notFoundTimes: 2 } });
    expect(await send({ type: 'updateSettings', settings: { autoRetrieve: true, retry: { delaysMinutes: [0.05], giveUpAfterHours: 1 } } })).toMatchObject({ ok: true });
    const tab = await open(pageUrls('semantic', SUMMER_GLOW.campaignId, SUMMER_GLOW.taskId).task);
    const key = await recordedKey(SUMMER_GLOW.taskId);
    await pressInTtcm(tab, 'Mark as posted');

    const scheduled = await stateOf(key, 'retryScheduled');
    expect(scheduled.retrieve.outcome).toMatchObject({ code: 'notYet', impact: expect.stringContaining("We couldn't find your TikTok post yet.") });
    const done = await stateOf(key, 'submitted', 60_000);
    expect(done.retrieve.attempts).toBe(3);
    expect(done.history.filter((h) => h.event === 'retrieveNotYet')).toHaveLength(2);
    expect((await retrieveRequests(session.replica)).map((r) => r.outcome)).toEqual(['notFound', 'notFound', 'success']);
    await showsOnPage(tab, 'Tracker: Submitted');
  });

  it('two TikTok tasks on one campaign: only the marked one is retrieved', async () => {
    const family: Family = 'semantic';
    for (const { taskId } of [TWO_VIDEOS.unboxing, TWO_VIDEOS.styling]) {
      const page = await open(pageUrls(family, TWO_VIDEOS.campaignId, taskId).task);
      await recordedKey(taskId);
      await page.close();
    }
    const unboxing = await recordedKey(TWO_VIDEOS.unboxing.taskId);
    const styling = await recordedKey(TWO_VIDEOS.styling.taskId);
    // The creator has the campaign's task list open and marks one task in the overview.
    await open(pageUrls(family, TWO_VIDEOS.campaignId).manageTasks);
    await markPostedInOverview(TWO_VIDEOS.styling);

    await stateOf(styling, 'submitted');
    expect((await retrieveRequests(session.replica)).map((r) => r.taskId)).toEqual([TWO_VIDEOS.styling.taskId]);
    expect((await tasks())[unboxing]?.state).toBe('notStarted');
  });
});

/** Reads, in the overview, whether the background page it holds a handle to has been unloaded. */
declare const window: Window & { __firstBackground?: Window & { __e2eMarker?: boolean } };

describe('the background unloaded between tries (Firefox)', () => {
  // Firefox runs an MV3 background as an event page and unloads it once it has had no events
  // and made no extension API calls for extensions.background.idle.timeout ms (30 s by
  // default). A short timeout unloads it between the tries, as a long retry delay would.
  const IDLE_MS = 3000;
  beforeAll(async () => {
    session = await launchFirefox({ prefs: { 'extensions.background.idle.timeout': IDLE_MS } });
    overview = await openOverview(session);
    await resetReplica(session.replica);
  });
  afterAll(async () => {
    await session?.close();
  });

  it('"not found", the background unloaded before the retry: Retry scheduled, then Submitted by a new background', async () => {
    await resetReplica(session.replica, { retrieve: { notFoundTimes: 1, delayMs: 50 } });
    // Tries 7 s apart: more than the idle timeout, so the background is unloaded in between.
    expect(await send({ type: 'updateSettings', settings: { autoRetrieve: true, retry: { delaysMinutes: [0.12], giveUpAfterHours: 1 } } })).toMatchObject({ ok: true });
    const tab = await open(pageUrls('semantic', SUMMER_GLOW.campaignId, SUMMER_GLOW.taskId).task);
    const key = await recordedKey(SUMMER_GLOW.taskId);
    // The background as it is now, marked; the overview's handle to it goes dead when Firefox unloads it.
    const firstStarted = await overview.evaluate(async () => {
      const background = (await browser.runtime.getBackgroundPage()) as NonNullable<typeof window.__firstBackground>;
      background.__e2eMarker = true;
      window.__firstBackground = background;
      return background.performance.timeOrigin;
    });
    await pressInTtcm(tab, 'Mark as posted');

    const scheduled = await stateOf(key, 'retryScheduled');
    expect(scheduled.retrieve.outcome).toMatchObject({ code: 'notYet', impact: expect.stringContaining("We couldn't find your TikTok post yet.") });
    await showsOnPage(tab, 'Tracker: Retry scheduled');
    // Unloaded before the second try: the handle is dead, and only then is the request count read.
    const unloadedAfter = await waitFor('Firefox to unload the idle background', async () => {
      const dead = await overview.evaluate(() => {
        try {
          void window.__firstBackground!.performance.timeOrigin;
          return false;
        } catch {
          return true; // "can't access dead object"
        }
      });
      return dead && (await retrieveRequests(session.replica)).length;
    }, 15_000);
    expect(unloadedAfter).toBe(1);

    const done = await stateOf(key, 'submitted', 60_000);
    expect(done.retrieve.attempts).toBe(2);
    expect((await retrieveRequests(session.replica)).map((r) => r.outcome)).toEqual(['notFound', 'success']);
    expect(done.history.filter((h) => h.event === 'retrieveNotYet')).toHaveLength(1);
    await showsOnPage(tab, 'Tracker: Submitted');
    // The retry after the unload was carried out by a background started later, without the mark.
    const now = await overview.evaluate(async () => {
      const background = (await browser.runtime.getBackgroundPage()) as NonNullable<typeof window.__firstBackground>;
      return { marked: background.__e2eMarker === true, started: background.performance.timeOrigin };
    });
    expect(now.marked).toBe(false);
    expect(now.started).toBeGreaterThan(firstStarted);
  });
});
