import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleMessage } from '../../utils/background/router';
import { KEEP_ALIVE_MS, createRetrieveOrchestrator, type RetrieveOrchestrator } from '../../utils/background/retrieve-orchestrator';
import { ATTEMPT_TIMEOUT_MS, alarmNameFor } from '../../utils/background/retrieve-decisions';
import { readTracker, settingsItem, storedTaskRecords, trackerItem } from '../../utils/tracker/storage';
import { taskKey, type TrackedTask } from '../../utils/tracker/schema';
import { FakeBrowser } from './background-retrieve-fakes';
import { GLOW_CAMPAIGN_PAGE, glowVideo } from './glow-video';
import { fromImpactTab, fromPopup, routerDeps } from './router-fixtures';
import { retrieveReasonText } from '../../utils/retrieve-reason';

const MIN = 60_000;
const T0 = Date.parse('2025-03-01T10:00:00Z');

const video = glowVideo();
const secondVideo = glowVideo({ taskId: '5002', taskName: 'TikTok Video #2', taskUrl: `${GLOW_CAMPAIGN_PAGE}&taskId=5002` });
const key = taskKey(video);

let fake: FakeBrowser;
let retrieve: RetrieveOrchestrator;

/** What a page sends the worker, whose router hands a task ready to retrieve to the orchestrator. */
async function send(message: unknown, sender: object = fromPopup) {
  return handleMessage(message, sender, routerDeps({ onReadyToRetrieve: (k, request) => retrieve.start(k, request) }));
}

async function task(k = key): Promise<TrackedTask> {
  const t = (await readTracker()).data.tasks[k];
  if (!t) throw new Error('task missing');
  return t;
}

async function markPosted(k = key) {
  const reply = await send({ type: 'markPosted', key: k });
  expect(reply.ok).toBe(true);
  await retrieve.idle();
}

/** Let the clock reach the task's alarm and fire it, as the browser would. */
async function fireAlarm(k = key) {
  const when = fake.alarms.get(alarmNameFor(k));
  if (when === undefined) throw new Error('no alarm set');
  vi.setSystemTime(Math.max(Date.now(), when));
  await retrieve.onAlarm(alarmNameFor(k));
  await retrieve.idle();
}

/** Let pending storage work run out (nothing observable marks an ignored report). */
async function settle() {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

async function useSchedule(delaysMinutes: number[], giveUpAfterHours = 24) {
  await settingsItem.setValue({ autoRetrieve: true, retry: { delaysMinutes, giveUpAfterHours } });
}

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'], now: T0 });
  fake = new FakeBrowser();
  retrieve = createRetrieveOrchestrator(fake.deps());
  await send({ type: 'taskSeen', task: video }, fromImpactTab);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('Retrieve my post, with the task tab open', () => {
  it('presses it once in that tab, for that task, and the task becomes Submitted', async () => {
    const tab = fake.addTab(video.taskUrl.replace('e2s1', 'e5s1'));
    await markPosted();
    expect(fake.retrieveRequests).toHaveLength(1);
    expect(fake.retrieveRequests[0]!.tabId).toBe(tab.id);
    expect(fake.retrieveRequests[0]!.message.task).toEqual({ key, campaignId: '1001', campaignName: 'Glow Serum Launch', taskId: '5001', taskName: 'TikTok Video' });
    expect((await task()).state).toBe('submitted');
    expect(fake.opened).toEqual([]);
    expect(fake.closed).toEqual([]);
    expect(fake.alarms.size).toBe(0);
    expect(fake.notices).toEqual([expect.objectContaining({ title: 'TikTok post submitted', message: expect.stringContaining('TikTok Video') })]);
  });

  it('stores Retrieving with the attempt id and time before it touches any tab', async () => {
    fake.addTab(video.taskUrl);
    let storedAtClick: TrackedTask | undefined;
    let watchdogAtClick: number | undefined;
    fake.onRetrieve = async () => {
      storedAtClick = await task();
      watchdogAtClick = fake.alarms.get(alarmNameFor(key));
    };
    await markPosted();
    expect(watchdogAtClick).toBe(T0 + ATTEMPT_TIMEOUT_MS);
    expect(storedAtClick?.state).toBe('retrieving');
    expect(storedAtClick?.retrieve.attemptId).toBe(fake.retrieveRequests[0]!.message.attemptId);
    expect(storedAtClick?.retrieve.lastAttemptAt).toBe(T0);
    expect(storedAtClick?.retrieve.firstAttemptAt).toBe(T0);
  });

  it('uses a tab on the campaign task list when no tab shows the task itself', async () => {
    const other = fake.addTab('https://app.impact.com/secure/mediapartner/campaigns/tasks-flow.ihtml?execution=e1s1&campaignId=2002');
    const list = fake.addTab(GLOW_CAMPAIGN_PAGE);
    await markPosted();
    expect(fake.retrieveRequests.map((r) => r.tabId)).toEqual([list.id]);
    expect(other.id).not.toBe(list.id);
    expect((await task()).state).toBe('submitted');
  });

  it('two TikTok tasks on one campaign: only the marked one is retrieved', async () => {
    await send({ type: 'taskSeen', task: secondVideo }, fromImpactTab);
    fake.addTab(GLOW_CAMPAIGN_PAGE);
    await markPosted(key);
    expect(fake.retrieveRequests).toHaveLength(1);
    expect(fake.retrieveRequests[0]!.message.task.taskId).toBe('5001');
    expect((await task(key)).state).toBe('submitted');
    expect((await task(taskKey(secondVideo))).state).toBe('notStarted');
  });

  it('the page reloads under the request: asked again with the same attempt id, so nothing is pressed twice', async () => {
    fake.addTab(video.taskUrl);
    fake.answers = ['disconnect', 'noReply', { outcome: 'submitted', detail: 'Your TikTok post was retrieved.' }];
    await markPosted();
    const ids = fake.retrieveRequests.map((r) => r.message.attemptId);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(1);
    expect((await task()).state).toBe('submitted');
  });

  it('a page that keeps going away ends the attempt as unreachable, on the schedule', async () => {
    fake.addTab(video.taskUrl);
    fake.answers = ['disconnect'];
    await markPosted();
    const t = await task();
    expect(t.state).toBe('retryScheduled');
    expect(retrieveReasonText(t.retrieve)).toMatch(/went away before it answered/);
    expect(fake.retrieveRequests).toHaveLength(3);
  });

  it('the page refusing the command is reported, not taken for success', async () => {
    fake.addTab(video.taskUrl);
    fake.answers = [{ refuse: 'Command refused: unknown sender.' }];
    await markPosted();
    const t = await task();
    expect(t.state).toBe('retryScheduled');
    expect(retrieveReasonText(t.retrieve)).toContain('Command refused');
  });

  it('a campaign list tab without the task on it: the same attempt opens the task in a background tab', async () => {
    // A filtered list, or another page of the campaign: the task is not on it.
    const list = fake.addTab(GLOW_CAMPAIGN_PAGE, { answers: [{ outcome: 'notHere', detail: 'TikTok Video is not on this page.' }] });
    let storedAtSecondAsk: TrackedTask | undefined;
    fake.onRetrieve = async (tabId) => {
      if (tabId !== list.id) storedAtSecondAsk = await task();
    };
    await markPosted();
    expect(fake.opened).toEqual([{ url: video.taskUrl, active: false }]);
    const [first, second] = fake.retrieveRequests;
    expect(fake.retrieveRequests).toHaveLength(2);
    expect(first!.tabId).toBe(list.id);
    expect(second!.tabId).not.toBe(list.id);
    // One attempt: the same id (the page presses at most once per id), the same task identity.
    expect(second!.message.attemptId).toBe(first!.message.attemptId);
    expect(second!.message.task).toEqual(first!.message.task);
    expect(storedAtSecondAsk?.retrieve.openedTabId).toBe(second!.tabId);
    const done = await task();
    expect(done.state).toBe('submitted');
    expect(done.retrieve.attempts).toBe(1);
    expect(done.retrieve.unreachableAttempts).toBe(0);
    expect(fake.closed).toEqual([second!.tabId]);
    expect(fake.tabs.has(list.id)).toBe(true);
  });

  it('the fallback tab stays open when the creator switched to it', async () => {
    const list = fake.addTab(GLOW_CAMPAIGN_PAGE, { answers: [{ outcome: 'notHere', detail: '' }], active: true });
    fake.onRetrieve = async (tabId) => {
      if (tabId === list.id) return;
      list.active = false;
      fake.tabs.get(tabId)!.active = true;
      await retrieve.onTabActivated(tabId, list.id);
    };
    await markPosted();
    expect(fake.opened).toHaveLength(1);
    expect(fake.closed).toEqual([]);
    expect((await task()).state).toBe('submitted');
  });

  it('not on the chosen tab nor on the task page: Needs attention at once, saying why, the opened tab closed', async () => {
    const list = fake.addTab(GLOW_CAMPAIGN_PAGE, { answers: [{ outcome: 'notHere', detail: 'Not on this list.' }] });
    fake.answers = [{ outcome: 'notHere', detail: 'No "Retrieve my post" button for TikTok Video.' }];
    await markPosted();
    const t = await task();
    expect(t.state).toBe('needsAttention');
    expect(t.retrieve.attempts).toBe(1);
    expect(retrieveReasonText(t.retrieve)).toBe('Could not press "Retrieve my post": No "Retrieve my post" button for TikTok Video.');
    expect(fake.retrieveRequests.map((r) => r.tabId)).toEqual([list.id, fake.retrieveRequests[1]!.tabId]);
    expect(fake.closed).toEqual([fake.retrieveRequests[1]!.tabId]);
    expect(fake.alarms.size).toBe(0);
    expect(fake.notices).toEqual([expect.objectContaining({ title: 'TikTok post needs your attention', message: expect.stringContaining('No "Retrieve my post" button') })]);
  });

  it('a tab of another campaign answering "not here" is never the one asked for this task', async () => {
    const other = fake.addTab('https://app.impact.com/secure/mediapartner/campaigns/tasks-flow.ihtml?execution=e1s1&campaignId=10010', {
      answers: [{ outcome: 'notHere', detail: '' }],
    });
    await markPosted();
    expect(fake.retrieveRequests.map((r) => r.tabId)).not.toContain(other.id);
    expect(fake.opened).toEqual([{ url: video.taskUrl, active: false }]);
    expect((await task()).state).toBe('submitted');
  });

  it('an open tab without our content script is passed over for a fresh one', async () => {
    fake.addTab(video.taskUrl, { listening: false });
    await markPosted();
    expect(fake.opened).toHaveLength(1);
    expect(fake.retrieveRequests).toHaveLength(1);
    expect((await task()).state).toBe('submitted');
  });
});

describe('Retrieve my post, with no tab open', () => {
  it('opens the task in a background tab, remembers it, and closes it when done', async () => {
    let openedTabAtClick: number | undefined;
    fake.onRetrieve = async () => {
      openedTabAtClick = (await task()).retrieve.openedTabId;
    };
    await markPosted();
    expect(fake.opened).toEqual([{ url: video.taskUrl, active: false }]);
    const openedId = fake.retrieveRequests[0]!.tabId;
    expect(openedTabAtClick).toBe(openedId);
    expect(fake.closed).toEqual([openedId]);
    const done = await task();
    expect(done.state).toBe('submitted');
    expect(done.retrieve.openedTabId).toBeUndefined();
  });

  it('keeps the tab open when the creator went to it (from a tab still open) meanwhile and is on it at the end', async () => {
    const creators = fake.addTab('https://www.tiktok.com/', { active: true });
    fake.onRetrieve = async (tabId) => {
      creators.active = false;
      fake.tabs.get(tabId)!.active = true;
      await retrieve.onTabActivated(tabId, creators.id);
    };
    await markPosted();
    expect(fake.closed).toEqual([]);
    expect(fake.tabs.has(fake.retrieveRequests[0]!.tabId)).toBe(true);
    expect((await task()).state).toBe('submitted');
  });

  it('closes its tab at the end when the browser showed it only because the creator closed the tab before it', async () => {
    const creators = fake.addTab('https://www.tiktok.com/', { active: true });
    fake.onRetrieve = async (tabId) => {
      // The creator closes the tab they were on; the browser shows its neighbour, the retrieve's tab.
      fake.tabs.delete(creators.id);
      fake.tabs.get(tabId)!.active = true;
      await retrieve.onTabActivated(tabId, creators.id);
    };
    await markPosted();
    const openedId = fake.retrieveRequests[0]!.tabId;
    expect(fake.closed).toEqual([openedId]);
    expect(fake.tabs.has(openedId)).toBe(false);
    expect((await task()).state).toBe('submitted');
  });

  it('closes its tab at the end when the creator went to it and back to their own tab', async () => {
    const creators = fake.addTab('https://www.tiktok.com/', { active: true });
    fake.onRetrieve = async (tabId) => {
      creators.active = false;
      fake.tabs.get(tabId)!.active = true;
      await retrieve.onTabActivated(tabId, creators.id);
      fake.tabs.get(tabId)!.active = false;
      creators.active = true;
      await retrieve.onTabActivated(creators.id, tabId);
    };
    await markPosted();
    expect(fake.closed).toEqual([fake.retrieveRequests[0]!.tabId]);
    expect(fake.tabs.has(creators.id)).toBe(true);
  });

  it('never closes a tab the creator is looking at', async () => {
    fake.onRetrieve = (tabId) => {
      fake.tabs.get(tabId)!.active = true;
    };
    await markPosted();
    expect(fake.closed).toEqual([]);
  });

  it('a page that never loads our script ends the attempt and schedules a retry', async () => {
    fake.openedTabsListen = false;
    await markPosted();
    const t = await task();
    expect(t.state).toBe('retryScheduled');
    expect(retrieveReasonText(t.retrieve)).toMatch(/did not load/);
    expect(fake.retrieveRequests).toHaveLength(0);
    expect(fake.closed).toHaveLength(1);
  });
});

describe('retries', () => {
  it('"not found" twice, then success: Retry scheduled on the schedule, then Submitted', async () => {
    await useSchedule([2, 5]);
    fake.addTab(video.taskUrl);
    fake.answers = [
      { outcome: 'notYet', detail: 'We could not find your TikTok post yet.' },
      { outcome: 'notYet', detail: 'We could not find your TikTok post yet.' },
      { outcome: 'submitted', detail: '' },
    ];
    await markPosted();
    let t = await task();
    expect(t.state).toBe('retryScheduled');
    expect(t.retrieve.nextAttemptAt).toBe(T0 + 2 * MIN);
    expect(fake.alarms.get(alarmNameFor(key))).toBe(T0 + 2 * MIN);
    expect(retrieveReasonText(t.retrieve)).toBe('We could not find your TikTok post yet.');
    // Stored as a code, with impact.com's words apart and verbatim (no words of ours).
    expect(t.retrieve.outcome).toEqual({ code: 'notYet', impact: 'We could not find your TikTok post yet.' });
    expect(t.retrieve.lastOutcome).toBeUndefined();

    await fireAlarm();
    t = await task();
    expect(t.state).toBe('retryScheduled');
    expect(t.retrieve.nextAttemptAt).toBe(T0 + 2 * MIN + 5 * MIN);

    await fireAlarm();
    t = await task();
    expect(t.state).toBe('submitted');
    expect(t.retrieve.attempts).toBe(3);
    expect(fake.retrieveRequests).toHaveLength(3);
    expect(fake.alarms.size).toBe(0);
    expect(fake.notices.map((n) => n.title)).toEqual(['TikTok post submitted']);
  });

  it('an alarm that fires early or twice does not press the button again', async () => {
    await useSchedule([2]);
    fake.addTab(video.taskUrl);
    fake.answers = [{ outcome: 'notYet', detail: '' }, { outcome: 'submitted', detail: '' }];
    await markPosted();
    await retrieve.onAlarm(alarmNameFor(key)); // two minutes too early
    await retrieve.idle();
    expect(fake.retrieveRequests).toHaveLength(1);
    expect(fake.alarms.get(alarmNameFor(key))).toBe(T0 + 2 * MIN);
    await fireAlarm();
    await retrieve.onAlarm(alarmNameFor(key)); // duplicate delivery
    await retrieve.idle();
    expect(fake.retrieveRequests).toHaveLength(2);
    expect((await task()).state).toBe('submitted');
  });

  it('gives up after the configured time: Needs attention with the reason, and a notification', async () => {
    await useSchedule([30], 1);
    fake.addTab(video.taskUrl);
    fake.answers = [{ outcome: 'notYet', detail: 'Post not found.' }];
    await markPosted();
    await fireAlarm(); // at 30 min
    await fireAlarm(); // at 60 min: the next one would be past the hour
    const t = await task();
    expect(t.state).toBe('needsAttention');
    expect(retrieveReasonText(t.retrieve)).toMatch(/still did not find the TikTok post after 3 tries/);
    expect(t.retrieve.outcome).toMatchObject({ end: 'notFound', tries: 3, impact: 'Post not found.' });
    expect(retrieveReasonText(t.retrieve)).toContain('Post not found.');
    expect(fake.alarms.size).toBe(0);
    expect(fake.notices).toEqual([expect.objectContaining({ title: 'TikTok post needs your attention', message: expect.stringContaining('Post not found.') })]);
  });

  it('an error on the page is retried like "not found"', async () => {
    fake.addTab(video.taskUrl);
    fake.answers = [{ outcome: 'error', detail: 'Something went wrong.' }, { outcome: 'submitted', detail: '' }];
    await markPosted();
    expect(retrieveReasonText((await task()).retrieve)).toBe('impact.com showed an error: Something went wrong.');
    expect((await task()).retrieve.outcome).toEqual({ code: 'impactError', impact: 'Something went wrong.' });
    await fireAlarm();
    expect((await task()).state).toBe('submitted');
  });

  it('no button on the task page: Needs attention at once saying why (an answer, not a passing fault)', async () => {
    const tab = fake.addTab(video.taskUrl);
    fake.answers = [{ outcome: 'notHere', detail: 'No "Retrieve my post" button for TikTok Video.' }];
    await markPosted();
    const t = await task();
    expect(t.state).toBe('needsAttention');
    expect(retrieveReasonText(t.retrieve)).toContain('No "Retrieve my post" button for TikTok Video.');
    // One try: the open tab, then a freshly opened task page (closed again), which says the same.
    expect(fake.retrieveRequests.filter((r) => r.tabId === tab.id)).toHaveLength(1);
    expect(fake.retrieveRequests).toHaveLength(2);
    expect(new Set(fake.retrieveRequests.map((r) => r.message.attemptId)).size).toBe(1);
    expect(fake.opened).toHaveLength(1);
    expect(fake.closed).toHaveLength(1);
    expect(fake.alarms.size).toBe(0);
  });

  it('a task page that never answers is a passing fault: retried a few times, then Needs attention saying why', async () => {
    fake.openedTabsListen = false;
    await markPosted();
    expect((await task()).state).toBe('retryScheduled');
    await fireAlarm();
    expect((await task()).state).toBe('retryScheduled');
    await fireAlarm();
    const t = await task();
    expect(t.state).toBe('needsAttention');
    expect(retrieveReasonText(t.retrieve)).toMatch(/after 3 tries: The task page did not load/);
    expect(fake.opened).toHaveLength(3);
    expect(fake.closed).toHaveLength(3);
    expect(fake.retrieveRequests).toHaveLength(0);
  });

  it('"Retry now" skips the wait, and the old alarm then does nothing', async () => {
    await useSchedule([60]);
    fake.addTab(video.taskUrl);
    fake.answers = [{ outcome: 'notYet', detail: '' }, { outcome: 'submitted', detail: '' }];
    await markPosted();
    expect(fake.alarms.get(alarmNameFor(key))).toBe(T0 + 60 * MIN);
    vi.setSystemTime(T0 + MIN);
    expect((await send({ type: 'retryNow', key })).ok).toBe(true);
    await retrieve.idle();
    expect((await task()).state).toBe('submitted');
    expect(fake.retrieveRequests).toHaveLength(2);
    expect(fake.alarms.size).toBe(0);
    vi.setSystemTime(T0 + 61 * MIN);
    await retrieve.onAlarm(alarmNameFor(key));
    await retrieve.idle();
    expect(fake.retrieveRequests).toHaveLength(2);
  });

  it('"Retry now" from Needs attention starts a new series of tries', async () => {
    await useSchedule([30], 1);
    fake.addTab(video.taskUrl);
    fake.answers = [{ outcome: 'notYet', detail: '' }];
    await markPosted();
    await fireAlarm();
    await fireAlarm();
    expect((await task()).state).toBe('needsAttention');
    await send({ type: 'retryNow', key });
    await retrieve.idle();
    const t = await task();
    expect(t.state).toBe('retryScheduled');
    expect(t.retrieve.attempts).toBe(1);
    expect(t.retrieve.firstAttemptAt).toBe(Date.now());
  });
});

describe('stale reports and a worker that stops', () => {
  it('a late report from an attempt that was given up is ignored; the current attempt decides', async () => {
    await useSchedule([2]);
    fake.addTab(video.taskUrl);
    fake.answers = ['hang', 'hang'];
    expect((await send({ type: 'markPosted', key })).ok).toBe(true);
    await vi.waitFor(() => expect(fake.retrieveRequests).toHaveLength(1));
    // The page is still busy when the watchdog gives the first attempt up…
    vi.setSystemTime(T0 + ATTEMPT_TIMEOUT_MS);
    await retrieve.onAlarm(alarmNameFor(key));
    expect((await task()).state).toBe('retryScheduled');
    // …and a second attempt is under way when the first one's "submitted" finally arrives.
    vi.setSystemTime(T0 + ATTEMPT_TIMEOUT_MS + 2 * MIN);
    await retrieve.onAlarm(alarmNameFor(key));
    await vi.waitFor(() => expect(fake.retrieveRequests).toHaveLength(2));
    const second = fake.retrieveRequests[1]!.message.attemptId;
    fake.releaseOldestHung();
    await settle();
    let t = await task();
    expect(t.state).toBe('retrieving');
    expect(t.retrieve.attemptId).toBe(second);
    expect(fake.notices).toEqual([]);
    fake.releaseOldestHung();
    await retrieve.idle();
    t = await task();
    expect(t.state).toBe('submitted');
    expect(fake.notices).toHaveLength(1);
  });

  it('worker restart with an attempt in flight: timed out, rescheduled, then retried once', async () => {
    await useSchedule([2]);
    fake.addTab(video.taskUrl);
    fake.answers = ['hang'];
    await send({ type: 'markPosted', key });
    await vi.waitFor(() => expect(fake.retrieveRequests).toHaveLength(1));
    // The worker dies here: its alarms survive in the browser, its memory does not.
    const survivingAlarms = new Map(fake.alarms);
    fake = new FakeBrowser();
    fake.alarms = survivingAlarms;
    fake.addTab(video.taskUrl);
    retrieve = createRetrieveOrchestrator(fake.deps());
    await retrieve.resume('wake');
    expect((await task()).state).toBe('retrieving');
    expect(fake.alarms.get(alarmNameFor(key))).toBe(T0 + ATTEMPT_TIMEOUT_MS);

    await fireAlarm(); // the watchdog
    let t = await task();
    expect(t.state).toBe('retryScheduled');
    expect(retrieveReasonText(t.retrieve)).toMatch(/did not finish/);
    expect(fake.alarms.get(alarmNameFor(key))).toBe(T0 + ATTEMPT_TIMEOUT_MS + 2 * MIN);

    await fireAlarm();
    t = await task();
    expect(t.state).toBe('submitted');
    expect(fake.retrieveRequests).toHaveLength(1);
  });

  it('browser restart that lost the alarms: rescheduled from storage, overdue ones run at once', async () => {
    await useSchedule([2]);
    fake.addTab(video.taskUrl);
    fake.answers = [{ outcome: 'notYet', detail: '' }, { outcome: 'submitted', detail: '' }];
    await markPosted();
    fake.alarms.clear();
    retrieve = createRetrieveOrchestrator(fake.deps());
    await retrieve.resume('startup');
    expect(fake.alarms.get(alarmNameFor(key))).toBe(T0 + 2 * MIN);
    expect(fake.retrieveRequests).toHaveLength(1);

    fake.alarms.clear();
    vi.setSystemTime(T0 + 10 * MIN);
    retrieve = createRetrieveOrchestrator(fake.deps());
    await retrieve.resume('startup');
    await retrieve.idle();
    expect(fake.retrieveRequests).toHaveLength(2);
    expect((await task()).state).toBe('submitted');
  });

  it('after a browser restart an old tab id is forgotten, never closed', async () => {
    fake.answers = ['hang'];
    await send({ type: 'markPosted', key });
    await vi.waitFor(() => expect(fake.retrieveRequests).toHaveLength(1));
    const oldId = fake.retrieveRequests[0]!.tabId;
    expect((await task()).retrieve.openedTabId).toBe(oldId);
    fake = new FakeBrowser();
    fake.addTab('https://app.impact.com/secure/mediapartner/home/pview.ihtml', { id: oldId });
    retrieve = createRetrieveOrchestrator(fake.deps());
    await retrieve.resume('startup');
    vi.setSystemTime(T0 + ATTEMPT_TIMEOUT_MS);
    await retrieve.onAlarm(alarmNameFor(key));
    expect((await task()).retrieve.openedTabId).toBeUndefined();
    expect(fake.closed).toEqual([]);
  });

  it('after a browser restart, the tab the new worker has just opened for an overdue retry is still closed when done', async () => {
    await useSchedule([2]);
    fake.answers = [{ outcome: 'notYet', detail: '' }];
    await markPosted();
    expect((await task()).state).toBe('retryScheduled');
    // The browser comes back after the retry was due: the new worker starts it at once
    // (resume 'wake'), and onStartup's clean-up of old tab ids arrives while it runs.
    fake = new FakeBrowser();
    fake.answers = ['hang'];
    vi.setSystemTime(T0 + 10 * MIN);
    retrieve = createRetrieveOrchestrator(fake.deps());
    await retrieve.resume('wake');
    await vi.waitFor(() => expect(fake.retrieveRequests).toHaveLength(1));
    const opened = fake.retrieveRequests[0]!.tabId;
    await retrieve.resume('startup');
    expect((await task()).retrieve.openedTabId).toBe(opened);
    fake.releaseOldestHung();
    await retrieve.idle();
    expect((await task()).state).toBe('submitted');
    expect(fake.closed).toEqual([opened]);
  });

  it('the page shows "pending approval" before the attempt answers: the answer still completes it (outcome, alarm, tab, notice)', async () => {
    fake.answers = ['hang'];
    await send({ type: 'markPosted', key });
    await vi.waitFor(() => expect(fake.retrieveRequests).toHaveLength(1));
    const opened = fake.retrieveRequests[0]!.tabId;
    // The retry tab's content script reports the page's new status first.
    await send({ type: 'taskSeen', task: { ...video, impactStatus: 'Submitted – pending approval' } }, fromImpactTab);
    expect((await task()).state).toBe('submitted');
    fake.releaseOldestHung();
    await retrieve.idle();
    const t = await task();
    expect(t.state).toBe('submitted');
    expect(retrieveReasonText(t.retrieve)).toMatch(/^Submitted\./);
    expect(t.retrieve.attemptId).toBeUndefined();
    expect(fake.alarms.has(alarmNameFor(key))).toBe(false);
    expect(fake.closed).toEqual([opened]);
    expect(fake.notices.map((n) => n.title)).toEqual(['TikTok post submitted']);
    expect(t.history.map((h) => h.event).filter((e) => e !== 'discovered')).toEqual(['markPosted', 'step:videoPosted', 'startRetrieve', 'observedSubmitted']);
  });

  it('keeps the background alive while a page is slow to answer, and stops once the attempt is over', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'], now: T0 });
    const keepAlive = vi.fn(async () => ({}));
    retrieve = createRetrieveOrchestrator(fake.deps({ keepAlive }));
    fake.answers = ['hang'];
    await send({ type: 'markPosted', key });
    await vi.waitFor(() => expect(fake.retrieveRequests).toHaveLength(1));
    expect(keepAlive).not.toHaveBeenCalled();
    // Firefox would unload an idle background after 30 s: the slow page keeps it busy instead.
    await vi.advanceTimersByTimeAsync(KEEP_ALIVE_MS * 3);
    expect(keepAlive).toHaveBeenCalledTimes(3);
    fake.releaseOldestHung();
    await retrieve.idle();
    expect((await task()).state).toBe('submitted');
    await vi.advanceTimersByTimeAsync(KEEP_ALIVE_MS * 3);
    expect(keepAlive).toHaveBeenCalledTimes(3);
  });

  it('a task removed meanwhile: its alarm is cleared and nothing is pressed', async () => {
    fake.addTab(video.taskUrl);
    fake.answers = [{ outcome: 'notYet', detail: '' }];
    await markPosted();
    await send({ type: 'removeTask', key });
    await fireAlarm();
    expect(fake.retrieveRequests).toHaveLength(1);
    expect(fake.alarms.size).toBe(0);
  });
});

describe('switched off', () => {
  it('with automatic retrieving off, Mark as posted clicks nothing and stays Posted', async () => {
    await settingsItem.setValue({ autoRetrieve: false });
    fake.addTab(video.taskUrl);
    await markPosted();
    expect(fake.retrieveRequests).toEqual([]);
    expect((await task()).state).toBe('posted');
  });

  it('marked as posted while off: tried straight away once it is switched on again', async () => {
    await settingsItem.setValue({ autoRetrieve: false });
    fake.addTab(video.taskUrl);
    await markPosted();
    // A worker that wakes meanwhile leaves it alone too.
    retrieve = createRetrieveOrchestrator(fake.deps());
    await retrieve.resume('wake');
    await retrieve.idle();
    expect(fake.retrieveRequests).toEqual([]);
    expect(fake.alarms.size).toBe(0);
    expect((await task()).state).toBe('posted');

    vi.setSystemTime(T0 + 3 * 60 * MIN);
    await settingsItem.setValue({ autoRetrieve: true });
    await retrieve.resume('settings');
    await retrieve.idle();
    expect(fake.retrieveRequests).toHaveLength(1);
    const t = await task();
    expect(t.state).toBe('submitted');
    // The 24-hour allowance starts with that first try, not when the task was marked.
    expect(t.retrieve.firstAttemptAt).toBe(T0 + 3 * 60 * MIN);
  });

  it('marked as posted while off, then taken back: switching it on presses nothing', async () => {
    await settingsItem.setValue({ autoRetrieve: false });
    fake.addTab(video.taskUrl);
    await markPosted();
    expect((await send({ type: 'undoPosted', key })).ok).toBe(true);
    await settingsItem.setValue({ autoRetrieve: true });
    await retrieve.resume('settings');
    await retrieve.idle();
    expect(fake.retrieveRequests).toEqual([]);
    expect((await task()).state).toBe('inProgress');
  });

  it('a Posted task stored without a due time (marked while off by an older version) is tried when it is on', async () => {
    const posted: TrackedTask = { ...(await task()), state: 'posted', retrieve: { attempts: 0 } };
    await trackerItem.setValue({ tasks: { [key]: posted } });
    fake.addTab(video.taskUrl);
    retrieve = createRetrieveOrchestrator(fake.deps());
    await retrieve.resume('wake');
    await retrieve.idle();
    expect(fake.retrieveRequests).toHaveLength(1);
    expect((await task()).state).toBe('submitted');
  });

  it('"Retry now" while off tries once at once; the retries after it wait until it is on again', async () => {
    await useSchedule([2]);
    fake.addTab(video.taskUrl);
    fake.answers = [{ outcome: 'notYet', detail: '' }, { outcome: 'notYet', detail: '' }, { outcome: 'submitted', detail: '' }];
    await markPosted();
    expect((await task()).state).toBe('retryScheduled');
    await settingsItem.setValue({ autoRetrieve: false, retry: { delaysMinutes: [2], giveUpAfterHours: 24 } });

    vi.setSystemTime(T0 + MIN);
    expect((await send({ type: 'retryNow', key })).ok).toBe(true);
    await retrieve.idle();
    expect(fake.retrieveRequests).toHaveLength(2);
    let t = await task();
    expect(t.state).toBe('retryScheduled');
    expect(t.retrieve.attempts).toBe(1);

    await fireAlarm();
    expect(fake.retrieveRequests).toHaveLength(2);
    expect(fake.alarms.size).toBe(0);
    expect((await task()).state).toBe('retryScheduled');

    await settingsItem.setValue({ autoRetrieve: true, retry: { delaysMinutes: [2], giveUpAfterHours: 24 } });
    await retrieve.resume('settings');
    await retrieve.idle();
    expect(fake.retrieveRequests).toHaveLength(3);
    t = await task();
    expect(t.state).toBe('submitted');
  });

  it('"Retry now" while off from Needs attention also tries at once', async () => {
    await useSchedule([30], 1);
    fake.addTab(video.taskUrl);
    fake.answers = [{ outcome: 'notYet', detail: '' }, { outcome: 'notYet', detail: '' }, { outcome: 'notYet', detail: '' }, { outcome: 'submitted', detail: '' }];
    await markPosted();
    await fireAlarm();
    await fireAlarm();
    expect((await task()).state).toBe('needsAttention');
    await settingsItem.setValue({ autoRetrieve: false });
    await send({ type: 'retryNow', key });
    await retrieve.idle();
    expect(fake.retrieveRequests).toHaveLength(4);
    expect((await task()).state).toBe('submitted');
  });

  it('switched off while a retry is scheduled: the retry waits until it is on again', async () => {
    fake.addTab(video.taskUrl);
    fake.answers = [{ outcome: 'notYet', detail: '' }, { outcome: 'submitted', detail: '' }];
    await markPosted();
    await settingsItem.setValue({ autoRetrieve: false });
    await fireAlarm();
    expect(fake.retrieveRequests).toHaveLength(1);
    expect((await task()).state).toBe('retryScheduled');
    await settingsItem.setValue({ autoRetrieve: true });
    await retrieve.resume('settings');
    await retrieve.idle();
    expect(fake.retrieveRequests).toHaveLength(2);
    expect((await task()).state).toBe('submitted');
  });
});

describe('storage stays the single source of truth', () => {
  it('the stored record after a success has no attempt in flight and no tab to close', async () => {
    await markPosted();
    const raw = storedTaskRecords(await fakeBrowser.storage.local.get(null))[key] as TrackedTask;
    expect(raw.state).toBe('submitted');
    expect(raw.retrieve.attemptId).toBeUndefined();
    expect(raw.retrieve.openedTabId).toBeUndefined();
    expect(raw.history.map((h) => h.event)).toEqual(['discovered', 'markPosted', 'step:videoPosted', 'startRetrieve', 'retrieveSucceeded']);
  });
});
