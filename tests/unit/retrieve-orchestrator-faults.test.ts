/**
 * "Retrieve my post" when things stop half-way. The worker is stopped at every step of an
 * attempt (the step's browser call never returns; a new worker then starts from storage and
 * the alarms that survived); a Retrieving left by a dead browser; two windows marking the same
 * task; the task's tab closed mid-attempt. Each ends Submitted or Retry scheduled — never
 * stuck in Posted or Retrieving — with no second request while one may still be running.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handleMessage } from '../../utils/background/router';
import { createRetrieveOrchestrator, type RetrieveDeps, type RetrieveOrchestrator } from '../../utils/background/retrieve-orchestrator';
import { ATTEMPT_TIMEOUT_MS, alarmNameFor } from '../../utils/background/retrieve-decisions';
import { readTracker, settingsItem, trackerItem } from '../../utils/tracker/storage';
import { taskKey, type TrackedTask } from '../../utils/tracker/schema';
import { FakeBrowser } from './background-retrieve-fakes';
import { glowVideo } from './glow-video';
import { fromImpactTab, fromOverview, fromPopup, routerDeps } from './router-fixtures';
import type { ContentMessage } from '../../utils/messages';
import { retrieveReasonText } from '../../utils/retrieve-reason';

const MIN = 60_000;
const T0 = Date.parse('2025-03-01T10:00:00Z');
const video = glowVideo();
const key = taskKey(video);

let fake: FakeBrowser;
let retrieve: RetrieveOrchestrator;
let workers = 0;

const never = <T>() => new Promise<T>(() => {});

/** The worker's router; a task ready to retrieve goes to the orchestrator, or to `onReady`. */
const workerRouter = (onReady?: (k: string) => Promise<void>) => routerDeps({ onReadyToRetrieve: onReady ?? ((k) => retrieve.start(k)) });

async function task(): Promise<TrackedTask> {
  return (await readTracker()).data.tasks[key]!;
}

async function settle() {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

/** The worker is gone; a new one starts with what survives: storage, alarms, open tabs. */
async function restartWorker(reason: 'wake' | 'startup' = 'wake') {
  const survivor = new FakeBrowser();
  survivor.alarms = new Map(fake.alarms);
  survivor.tabs = fake.tabs;
  survivor.answers = fake.answers;
  survivor.retrieveRequests = fake.retrieveRequests;
  survivor.openedTabsListen = fake.openedTabsListen;
  fake = survivor;
  // Attempt ids are random UUIDs in the browser: a new worker never reuses one.
  const worker = ++workers;
  let n = 0;
  retrieve = createRetrieveOrchestrator(fake.deps({ newAttemptId: () => `worker-${worker}-attempt-${++n}` }));
  await retrieve.resume(reason);
  await retrieve.idle();
}

/** Fire the task's alarm when it is due, as the browser would. */
async function fireAlarm() {
  const when = fake.alarms.get(alarmNameFor(key));
  if (when === undefined) throw new Error('no alarm set');
  vi.setSystemTime(Math.max(Date.now(), when));
  await retrieve.onAlarm(alarmNameFor(key));
  await retrieve.idle();
}

/** Fire alarms until the task is Submitted (at most `max` times). */
async function runToSubmitted(max = 4) {
  for (let i = 0; i < max && (await task()).state !== 'submitted'; i++) await fireAlarm();
  return task();
}

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'], now: T0 });
  await settingsItem.setValue({ autoRetrieve: true, retry: { delaysMinutes: [2], giveUpAfterHours: 24 } });
  fake = new FakeBrowser();
  retrieve = createRetrieveOrchestrator(fake.deps());
  await handleMessage({ type: 'taskSeen', task: video }, fromImpactTab, workerRouter());
});
afterEach(() => vi.useRealTimers());

/** Deps whose one step never returns: the worker dies there. */
function dyingAt(step: string, base: RetrieveDeps): RetrieveDeps {
  const tabs = { ...base.tabs };
  const alarms = { ...base.alarms };
  let opened = false;
  switch (step) {
    case 'watchdog alarm':
      alarms.set = () => never();
      break;
    case 'tab opened':
      tabs.openInBackground = async (url) => {
        opened = true;
        return base.tabs.openInBackground(url);
      };
      tabs.get = async (id) => (opened ? never() : base.tabs.get(id));
      break;
    case 'button pressed, answer not stored':
      tabs.post = (id) => async (message) => {
        if ((message as ContentMessage).type !== 'retrievePost') return base.tabs.post(id)(message);
        await base.tabs.post(id)(message); // the page presses and impact.com takes the post…
        return never(); // …but the worker is gone before the answer is stored
      };
      break;
    case 'answer stored, alarm not updated':
      alarms.set = async (name, when) => (when > Date.now() + ATTEMPT_TIMEOUT_MS - 1 && when !== T0 + ATTEMPT_TIMEOUT_MS ? never() : base.alarms.set(name, when));
      alarms.clear = () => never();
      break;
  }
  return { ...base, tabs, alarms };
}

describe('the worker stops at every step of an attempt', () => {
  it('after "Posted" was stored, before the attempt began: the next worker starts it', async () => {
    fake.addTab(video.taskUrl);
    void handleMessage({ type: 'markPosted', key }, fromPopup, workerRouter(() => never()));
    await settle();
    expect((await task()).state).toBe('posted');
    await restartWorker();
    expect((await task()).state).toBe('submitted');
    expect(fake.retrieveRequests).toHaveLength(1);
    expect(fake.alarms.size).toBe(0);
  });

  it.each([
    ['watchdog alarm', 1],
    ['tab opened', 1],
    ['button pressed, answer not stored', 2],
  ])('dies at "%s": Retry scheduled after the time-out, then Submitted; never two requests at once', async (step, requests) => {
    if (step !== 'tab opened') fake.addTab(video.taskUrl);
    retrieve = createRetrieveOrchestrator(dyingAt(step, fake.deps()));
    void handleMessage({ type: 'markPosted', key }, fromPopup, workerRouter());
    await settle();
    expect((await task()).state).toBe('retrieving');
    const firstRequests = fake.retrieveRequests.length;

    await restartWorker();
    // Nothing new is tried while the first attempt may still be running.
    expect((await task()).state).toBe('retrieving');
    expect(fake.retrieveRequests).toHaveLength(firstRequests);
    expect(fake.alarms.get(alarmNameFor(key))).toBe(T0 + ATTEMPT_TIMEOUT_MS);

    await fireAlarm(); // the watchdog
    const timedOut = await task();
    expect(timedOut.state).toBe('retryScheduled');
    expect(retrieveReasonText(timedOut.retrieve)).toMatch(/did not finish/);

    const done = await runToSubmitted();
    expect(done.state).toBe('submitted');
    expect(fake.retrieveRequests).toHaveLength(requests);
    expect(new Set(fake.retrieveRequests.map((r) => r.message.attemptId)).size).toBe(requests);
    expect(fake.alarms.size).toBe(0);
    // A tab the dead worker opened is not left behind.
    expect([...fake.tabs.values()].filter((t) => !t.active && t.url === video.taskUrl).length).toBeLessThanOrEqual(step === 'tab opened' ? 0 : 1);
  });

  it('dies after storing "not found yet" but before setting the retry alarm: the next worker sets it', async () => {
    fake.addTab(video.taskUrl);
    fake.answers = [{ outcome: 'notYet', detail: 'not yet' }, { outcome: 'submitted', detail: '' }];
    retrieve = createRetrieveOrchestrator(dyingAt('answer stored, alarm not updated', fake.deps()));
    void handleMessage({ type: 'markPosted', key }, fromPopup, workerRouter());
    await settle();
    const scheduled = await task();
    expect(scheduled.state).toBe('retryScheduled');
    fake.alarms.delete(alarmNameFor(key)); // only the watchdog was there; it never became the retry alarm
    await restartWorker('startup');
    expect(fake.alarms.get(alarmNameFor(key))).toBe(scheduled.retrieve.nextAttemptAt);
    expect((await runToSubmitted()).state).toBe('submitted');
    expect(fake.retrieveRequests).toHaveLength(2);
  });

  it('dies after storing Submitted but before clearing the alarm: the next worker clears it and presses nothing', async () => {
    fake.addTab(video.taskUrl);
    retrieve = createRetrieveOrchestrator(dyingAt('answer stored, alarm not updated', fake.deps()));
    void handleMessage({ type: 'markPosted', key }, fromPopup, workerRouter());
    await settle();
    expect((await task()).state).toBe('submitted');
    expect(fake.alarms.has(alarmNameFor(key))).toBe(true);
    await restartWorker();
    await retrieve.onAlarm(alarmNameFor(key));
    expect(fake.retrieveRequests).toHaveLength(1);
    expect(fake.alarms.size).toBe(0);
  });
});

describe('a stale Retrieving', () => {
  it.each([
    ['an hour old, its alarm lost with the browser', { lastAttemptAt: T0 - 60 * MIN, attemptId: 'old-attempt' }],
    ['with no attempt time or id at all (damaged)', {}],
  ])('%s: times out into Retry scheduled at once, then retries once', async (_what, retrieveRecord) => {
    const seen = await task();
    await trackerItem.setValue({ tasks: { [key]: { ...seen, state: 'retrieving', retrieve: { attempts: 1, ...retrieveRecord } } } });
    fake.addTab(video.taskUrl);
    await restartWorker('startup');
    const t = await task();
    expect(t.state).toBe('retryScheduled');
    expect(retrieveReasonText(t.retrieve)).toMatch(/did not finish within 5 minutes/);
    expect(fake.retrieveRequests).toHaveLength(0);
    expect((await runToSubmitted()).state).toBe('submitted');
    expect(fake.retrieveRequests).toHaveLength(1);
  });
});

describe('two windows mark the same task', () => {
  it('at the same moment (popup, overview and the task page): one request, one Submitted, the others told why', async () => {
    fake.addTab(video.taskUrl);
    const replies = await Promise.all([
      handleMessage({ type: 'markPosted', key }, fromPopup, workerRouter()),
      handleMessage({ type: 'markPosted', key }, fromOverview, workerRouter()),
      handleMessage({ type: 'markPosted', key }, fromImpactTab, workerRouter()),
    ]);
    await retrieve.idle();
    expect(replies.filter((r) => r.ok)).toHaveLength(1);
    for (const r of replies.filter((x) => !x.ok)) expect(r).toMatchObject({ error: expect.stringMatching(/^Cannot mark posted while the task is "(Posted|Retrieving|Submitted)"/) });
    expect(fake.retrieveRequests).toHaveLength(1);
    expect((await task()).state).toBe('submitted');
  });

  it('"Retry now" pressed in two windows while a retry is due: one request', async () => {
    fake.addTab(video.taskUrl);
    fake.answers = [{ outcome: 'notYet', detail: '' }, { outcome: 'submitted', detail: '' }];
    await handleMessage({ type: 'markPosted', key }, fromPopup, workerRouter());
    await retrieve.idle();
    expect((await task()).state).toBe('retryScheduled');
    const replies = await Promise.all([
      handleMessage({ type: 'retryNow', key }, fromPopup, workerRouter()),
      handleMessage({ type: 'retryNow', key }, fromOverview, workerRouter()),
      retrieve.onAlarm(alarmNameFor(key)),
    ]);
    await retrieve.idle();
    expect(replies.slice(0, 2).filter((r) => r && r.ok)).toHaveLength(1);
    expect(fake.retrieveRequests).toHaveLength(2);
    expect((await task()).state).toBe('submitted');
  });
});

describe('the task’s tab is closed mid-attempt', () => {
  it('the creator closes their task tab while the page works: Retry scheduled, then a fresh tab, nothing closed twice', async () => {
    const tab = fake.addTab(video.taskUrl);
    fake.answers = ['disconnect', { outcome: 'submitted', detail: '' }];
    fake.onRetrieve = async (id) => {
      if (id !== tab.id) return;
      fake.tabs.delete(id);
      await retrieve.onTabRemoved(id);
    };
    await handleMessage({ type: 'markPosted', key }, fromPopup, workerRouter());
    await retrieve.idle();
    const t = await task();
    expect(t.state).toBe('retryScheduled');
    expect(retrieveReasonText(t.retrieve)).toMatch(/went away/);
    expect(fake.closed).toEqual([]);
    const done = await runToSubmitted();
    expect(done.state).toBe('submitted');
    expect(fake.opened).toHaveLength(1);
    expect(fake.closed).toEqual([fake.retrieveRequests[1]!.tabId]);
  });

  it('the creator closes the tab the worker opened before it loaded: Retry scheduled, the tab forgotten', async () => {
    const base = fake.deps();
    let openedId: number | undefined;
    retrieve = createRetrieveOrchestrator({
      ...base,
      tabs: {
        ...base.tabs,
        openInBackground: async (url) => {
          const tab = await base.tabs.openInBackground(url);
          openedId = tab.id;
          return tab;
        },
        get: async (id) => {
          if (id === openedId && fake.tabs.has(id)) {
            // The creator closes it while it loads.
            fake.tabs.delete(id);
            await retrieve.onTabRemoved(id);
          }
          return base.tabs.get(id);
        },
      },
    });
    await handleMessage({ type: 'markPosted', key }, fromPopup, workerRouter());
    await retrieve.idle();
    const t = await task();
    expect(t.state).toBe('retryScheduled');
    expect(retrieveReasonText(t.retrieve)).toMatch(/did not load/);
    expect(t.retrieve.openedTabId).toBeUndefined();
    expect(fake.retrieveRequests).toHaveLength(0);
    expect(fake.closed).toEqual([]);
  });
});
