/**
 * "Retrieve my post" on the creator's behalf, in Firefox on the production build against the
 * replica: the scenarios of retrieve-scenario.ts, with extension code run in the overview
 * (Firefox will not let the test open moz-extension:// pages: the overview is opened from the
 * overlay's Open overview, and the popup, as a tab of its own, by the overview). Firefox's own
 * part: a second browser has Firefox unload the idle background (an event page) between the
 * tries, where Chromium's test stops its service worker.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SUMMER_GLOW, resetReplica, retrieveRequests, waitFor } from './retrieve-data';
import { firefoxSuite } from './extension-driver';
import { markPostedOnPage, noTabOpenScenario, notFoundTwiceScenario, send, stateOf, taskTabOpenScenario, twoTasksOneCampaignScenario, visitTask } from './retrieve-scenario';

/** The extension APIs the overview-side callbacks below use. */
declare const browser: {
  runtime: { getBackgroundPage(): Promise<Window> };
};

describe('Retrieve my post (Firefox)', () => {
  // Extension code runs in the overview (suite.page), opened by the extension itself from the overlay's Open overview.
  const suite = firefoxSuite();
  beforeEach(() => suite.driver.startClean());

  it('with the task tab open: exactly one retrieve for that task, and the tracker shows Submitted', async () => {
    await taskTabOpenScenario(suite.driver);
  });

  it('with no tab open: a tab is opened in the background, the request arrives, the tab is closed', async () => {
    await noTabOpenScenario(suite.driver);
  });

  it('"not found" twice, then success: Retry scheduled, then Submitted after the retries', async () => {
    await notFoundTwiceScenario(suite.driver, { delayMinutes: 0.05 });
  });

  it('two TikTok tasks on one campaign: only the marked one is retrieved', async () => {
    await twoTasksOneCampaignScenario(suite.driver);
  });
});

/** Reads, in the overview, whether the background page it holds a handle to has been unloaded. */
declare const window: Window & { __firstBackground?: Window & { __e2eMarker?: boolean } };

describe('the background unloaded between tries (Firefox)', () => {
  // Firefox runs an MV3 background as an event page and unloads it once it has had no events
  // and made no extension API calls for extensions.background.idle.timeout ms (30 s by
  // default). A short timeout unloads it between the tries, as a long retry delay would.
  const IDLE_MS = 3000;
  const suite = firefoxSuite({ prefs: { 'extensions.background.idle.timeout': IDLE_MS } });
  beforeAll(() => resetReplica(suite.session.replica));

  it('"not found", the background unloaded before the retry: Retry scheduled, then Submitted by a new background', async () => {
    const { session, driver, page: overview } = suite;
    await resetReplica(session.replica, { retrieve: { notFoundTimes: 1, delayMs: 50 } });
    // Tries 7 s apart: more than the idle timeout, so the background is unloaded in between.
    expect(await send(driver, { type: 'updateSettings', settings: { autoRetrieve: true, retry: { delaysMinutes: [0.12], giveUpAfterHours: 1 } } })).toMatchObject({ ok: true });
    const { key, tab } = await visitTask(driver, 'semantic', SUMMER_GLOW.campaignId, SUMMER_GLOW.taskId);
    // The background as it is now, marked; the overview's handle to it goes dead when Firefox unloads it.
    const firstStarted = await overview.evaluate(async () => {
      const background = (await browser.runtime.getBackgroundPage()) as NonNullable<typeof window.__firstBackground>;
      background.__e2eMarker = true;
      window.__firstBackground = background;
      return background.performance.timeOrigin;
    });
    await markPostedOnPage(tab);

    const scheduled = await stateOf(driver, key, 'retryScheduled');
    expect(scheduled.retrieve.outcome).toMatchObject({ code: 'notYet', impact: expect.stringContaining("We couldn't find your TikTok post yet.") });
    await waitFor('"Tracker: Retry scheduled" on the page', async () => (await tab.textCount('Tracker: Retry scheduled')) > 0);
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

    const done = await stateOf(driver, key, 'submitted', 60_000);
    expect(done.retrieve.attempts).toBe(2);
    expect((await retrieveRequests(session.replica)).map((r) => r.outcome)).toEqual(['notFound', 'success']);
    expect(done.history.filter((h) => h.event === 'retrieveNotYet')).toHaveLength(1);
    await waitFor('"Tracker: Submitted" on the page', async () => (await tab.textCount('Tracker: Submitted')) > 0);
    // The retry after the unload was carried out by a background started later, without the mark.
    const now = await overview.evaluate(async () => {
      const background = (await browser.runtime.getBackgroundPage()) as NonNullable<typeof window.__firstBackground>;
      return { marked: background.__e2eMarker === true, started: background.performance.timeOrigin };
    });
    expect(now.marked).toBe(false);
    expect(now.started).toBeGreaterThan(firstStarted);
  });
});
