/**
 * "Retrieve my post" tries share one queue of background tabs (utils/background/tab-queue.ts):
 * at most two tabs at once, however many tries fall due together, also across a worker that
 * the browser stopped.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handleMessage } from '../../utils/background/router';
import { createRetrieveOrchestrator, type RetrieveOrchestrator } from '../../utils/background/retrieve-orchestrator';
import { ATTEMPT_TIMEOUT_MS, alarmNameFor } from '../../utils/background/retrieve-decisions';
import { readTracker, settingsItem } from '../../utils/tracker/storage';
import { taskKey, type DiscoveredTask, type TrackedTask } from '../../utils/tracker/schema';
import { createTabQueue } from '../../utils/background/tab-queue';
import { FakeBrowser } from './background-retrieve-fakes';
import { fromImpactTab, fromPopup, routerDeps } from './router-fixtures';
import { retrieveReasonText } from '../../utils/retrieve-reason';

const MIN = 60_000;
const T0 = Date.parse('2025-03-01T10:00:00Z');
const PAGE = 'https://app.impact.com/secure/mediapartner/campaigns/tasks-flow.ihtml?execution=e2s1';

function video(n: number): DiscoveredTask {
  const campaignId = String(1000 + n);
  const taskId = String(5000 + n);
  return { campaignId, campaignName: `Campaign ${n}`, brand: 'Brand', taskId, taskName: `TikTok Video ${n}`, taskUrl: `${PAGE}&campaignId=${campaignId}&taskId=${taskId}` };
}

let fake: FakeBrowser;
let retrieve: RetrieveOrchestrator;

/** What a page sends the worker, whose router hands a task ready to retrieve to the orchestrator. */
async function send(message: unknown, sender: object = fromPopup) {
  return handleMessage(message, sender, routerDeps({ onReadyToRetrieve: (k, request) => retrieve.start(k, request) }));
}

async function seeTasks(count: number): Promise<string[]> {
  const keys: string[] = [];
  for (let n = 1; n <= count; n++) {
    await send({ type: 'taskSeen', task: video(n) }, fromImpactTab);
    keys.push(taskKey(video(n)));
  }
  return keys;
}

async function tasks(): Promise<Record<string, TrackedTask>> {
  return (await readTracker()).data.tasks;
}

/** How many times each task was asked to press "Retrieve my post". */
function pressesPerTask(): Map<string, number> {
  const count = new Map<string, number>();
  for (const r of fake.retrieveRequests) count.set(r.message.task.key, (count.get(r.message.task.key) ?? 0) + 1);
  return count;
}

/** Background tabs the worker opened that are still open. */
const openBackgroundTabs = () => [...fake.tabs.values()].filter((t) => t.url.startsWith(PAGE)).length;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'], now: T0 });
  await settingsItem.setValue({ autoRetrieve: true, retry: { delaysMinutes: [2], giveUpAfterHours: 24 } });
  fake = new FakeBrowser();
  retrieve = createRetrieveOrchestrator(fake.deps());
});
afterEach(() => vi.useRealTimers());

describe('one queue of background tabs for "Retrieve my post"', () => {
  it('switched back on with 40 tasks due: never more than 2 tabs open at once, each task tried once, then once per retry', async () => {
    const keys = await seeTasks(40);
    await settingsItem.setValue({ autoRetrieve: false, retry: { delaysMinutes: [2], giveUpAfterHours: 24 } });
    for (const key of keys) expect((await send({ type: 'markPosted', key })).ok).toBe(true);
    fake.answers = [{ outcome: 'notYet', detail: 'Not found yet.' }];

    await settingsItem.setValue({ autoRetrieve: true, retry: { delaysMinutes: [2], giveUpAfterHours: 24 } });
    await retrieve.resume('settings');
    await retrieve.idle();

    expect(fake.mostOpenAtOnce).toBe(2);
    expect(fake.opened).toHaveLength(40);
    expect(openBackgroundTabs()).toBe(0);
    expect([...pressesPerTask().values()]).toEqual(Array(40).fill(1));
    expect(new Set(pressesPerTask().keys())).toEqual(new Set(keys));
    const after = await tasks();
    for (const key of keys) expect(after[key]!.state).toBe('retryScheduled');

    // Their retries all fall due together too: the browser fires 40 alarms.
    fake.answers = [{ outcome: 'submitted', detail: 'Deliverable pending approval' }];
    vi.setSystemTime(Date.now() + 10 * MIN);
    await Promise.all(keys.map((key) => retrieve.onAlarm(alarmNameFor(key))));
    await retrieve.idle();
    expect(fake.mostOpenAtOnce).toBe(2);
    expect([...pressesPerTask().values()]).toEqual(Array(40).fill(2));
    const done = await tasks();
    for (const key of keys) expect(done[key]!.state).toBe('submitted');
  });

  it('a try waiting for a free tab still reads as Posted / Retry scheduled, not Retrieving', async () => {
    const keys = await seeTasks(3);
    fake.answers = ['hang'];
    for (const key of keys) await send({ type: 'markPosted', key });
    await vi.waitFor(() => expect(fake.retrieveRequests).toHaveLength(2));
    const now = await tasks();
    expect(keys.map((k) => now[k]!.state)).toEqual(['retrieving', 'retrieving', 'posted']);
    expect(openBackgroundTabs()).toBe(2);
  });

  it('a try that hangs frees its tab when its watchdog times it out, and the next waiting task goes', async () => {
    const keys = await seeTasks(3);
    fake.answers = ['hang', 'hang', { outcome: 'submitted', detail: '' }];
    for (const key of keys) await send({ type: 'markPosted', key });
    await vi.waitFor(() => expect(fake.retrieveRequests).toHaveLength(2));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(fake.retrieveRequests).toHaveLength(2);

    // The first page never answers: its watchdog fires after the attempt time-out.
    vi.setSystemTime(T0 + ATTEMPT_TIMEOUT_MS);
    await retrieve.onAlarm(alarmNameFor(keys[0]!));
    await vi.waitFor(() => expect(fake.retrieveRequests).toHaveLength(3));
    expect(fake.retrieveRequests[2]!.message.task.key).toBe(keys[2]);
    const now = await tasks();
    expect(now[keys[0]!]!.state).toBe('retryScheduled');
    expect(retrieveReasonText(now[keys[0]!]!.retrieve)).toMatch(/did not finish/);
    expect(fake.mostOpenAtOnce).toBe(2);
  });

  it('a try that hangs with no watchdog to free it (the task was deleted) frees its tab after the queue time-out', async () => {
    const keys = await seeTasks(3);
    fake.answers = ['hang', 'hang', { outcome: 'submitted', detail: '' }];
    for (const key of keys) await send({ type: 'markPosted', key });
    await vi.waitFor(() => expect(fake.retrieveRequests).toHaveLength(2));
    await send({ type: 'removeTask', key: keys[0] });
    fake.fireQueueTimers(ATTEMPT_TIMEOUT_MS); // not yet: the watchdog gets its chance first
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(fake.retrieveRequests).toHaveLength(2);
    fake.fireQueueTimers();
    await vi.waitFor(() => expect(fake.retrieveRequests).toHaveLength(3));
    expect(fake.retrieveRequests[2]!.message.task.key).toBe(keys[2]);
  });

  it('a task deleted or taken back while it waits is never opened', async () => {
    const keys = await seeTasks(4);
    fake.answers = ['hang', 'hang', { outcome: 'submitted', detail: '' }];
    for (const key of keys) await send({ type: 'markPosted', key });
    await vi.waitFor(() => expect(fake.retrieveRequests).toHaveLength(2));
    await send({ type: 'removeTask', key: keys[2] });
    await send({ type: 'undoPosted', key: keys[3] });
    fake.releaseOldestHung();
    fake.releaseOldestHung();
    await retrieve.idle();
    expect(fake.opened).toHaveLength(2);
    expect([...pressesPerTask().keys()]).toEqual([keys[0], keys[1]]);
    expect((await tasks())[keys[3]!]!.state).toBe('inProgress');
  });

  it('a task marked posted twice (undone in between) waits once and is pressed once', async () => {
    const keys = await seeTasks(3);
    const queue = createTabQueue({ startTimer: () => () => {} });
    retrieve = createRetrieveOrchestrator(fake.deps({ queue }));
    fake.answers = ['hang', 'hang', { outcome: 'submitted', detail: '' }];
    await send({ type: 'markPosted', key: keys[0] });
    await send({ type: 'markPosted', key: keys[1] });
    await vi.waitFor(() => expect(fake.retrieveRequests).toHaveLength(2));
    const third = keys[2]!;
    expect((await send({ type: 'markPosted', key: third })).ok).toBe(true);
    expect((await send({ type: 'undoPosted', key: third })).ok).toBe(true);
    expect((await send({ type: 'markPosted', key: third })).ok).toBe(true);
    // A worker that wakes meanwhile finds it due as well.
    await retrieve.resume('wake');
    expect(queue.snapshot().waiting).toEqual([`retrieve:${third}`]);
    fake.releaseOldestHung();
    fake.releaseOldestHung();
    await retrieve.idle();
    expect(pressesPerTask().get(third)).toBe(1);
    expect((await tasks())[third]!.state).toBe('submitted');
  });

  it('"Retry now" goes before automatic tries that are waiting', async () => {
    const [a, b, c, d] = await seeTasks(4);
    fake.answers = [{ outcome: 'notYet', detail: '' }, 'hang', 'hang', { outcome: 'submitted', detail: '' }];
    await send({ type: 'markPosted', key: d });
    await retrieve.idle();
    expect((await tasks())[d!]!.state).toBe('retryScheduled');
    await send({ type: 'markPosted', key: a });
    await send({ type: 'markPosted', key: b });
    await vi.waitFor(() => expect(fake.retrieveRequests).toHaveLength(3));
    await send({ type: 'markPosted', key: c }); // waits: both tabs are busy
    vi.setSystemTime(T0 + MIN);
    expect((await send({ type: 'retryNow', key: d })).ok).toBe(true);
    fake.releaseOldestHung(); // a tab is free: d, whose Retry now came after c was queued
    await vi.waitFor(() => expect(fake.retrieveRequests.length).toBeGreaterThanOrEqual(4));
    expect(fake.retrieveRequests[3]!.message.task.key).toBe(d);
    fake.releaseOldestHung();
    await retrieve.idle();
    expect(fake.retrieveRequests.map((r) => r.message.task.key)).toEqual([d, a, b, d, c]);
  });

  it.each(['first', 'last'])('worker stopped with tries under way (stored %s) and others waiting: the new worker counts the old tabs and opens no third', async (where) => {
    const keys = await seeTasks(5);
    // The tasks under way come first or last in storage: the new worker meets them in that order.
    const order = where === 'first' ? keys : [...keys].reverse();
    fake.answers = ['hang'];
    for (const key of order) await send({ type: 'markPosted', key });
    await vi.waitFor(() => expect(fake.retrieveRequests).toHaveLength(2));
    const begun = fake.retrieveRequests.map((r) => r.message.task.key);
    expect(begun).toEqual(order.slice(0, 2));

    // The browser stops the worker: its memory (the queue) is gone; storage, alarms and tabs stay.
    const survivor = new FakeBrowser();
    survivor.alarms = new Map(fake.alarms);
    survivor.tabs = fake.tabs;
    fake = survivor;
    fake.answers = [{ outcome: 'submitted', detail: '' }];
    let mostOpen = 0;
    const base = fake.deps();
    retrieve = createRetrieveOrchestrator({
      ...base,
      tabs: {
        ...base.tabs,
        openInBackground: async (url) => {
          const tab = await base.tabs.openInBackground(url);
          mostOpen = Math.max(mostOpen, openBackgroundTabs());
          return tab;
        },
      },
    });
    await retrieve.resume('wake');
    await retrieve.idle();
    // The two old tabs may still be working: nothing new opens until their watchdogs fire.
    expect(openBackgroundTabs()).toBe(2);
    expect(fake.opened).toEqual([]);
    const waiting = await tasks();
    expect(keys.map((k) => waiting[k]!.state).filter((s) => s === 'posted')).toHaveLength(3);

    vi.setSystemTime(T0 + ATTEMPT_TIMEOUT_MS);
    for (const key of begun) await retrieve.onAlarm(alarmNameFor(key));
    await retrieve.idle();
    const now = await tasks();
    for (const key of keys) expect(now[key]!.state).toBe(begun.includes(key) ? 'retryScheduled' : 'submitted');
    expect(mostOpen).toBe(2);
    expect(fake.retrieveRequests.map((r) => r.message.task.key).filter((k) => !begun.includes(k))).toHaveLength(3);
  });
});
