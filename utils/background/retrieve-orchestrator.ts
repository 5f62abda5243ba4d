/**
 * "Retrieve my post" on the creator's behalf, driven from the background worker.
 *
 * Everything that must survive the worker being stopped lives in storage (the task's
 * `retrieve` record) and in one browser alarm per task; in memory there are only the attempts
 * being carried out and the tries waiting for a free background tab (tab-queue.ts), which
 * `resume` queues again from storage in a new worker. Each step re-checks the stored attempt
 * id inside the tracker's single writer, so a late report, a duplicate alarm or a second
 * worker instance cannot act twice. The browser is injected (RetrieveDeps), so unit tests use fakes.
 */
import type { TrackerState } from '../tracker/machine';
import type { Settings, TrackedTask } from '../tracker/schema';
import { ATTEMPT_TIMEOUT_MS, alarmNameFor, decideOnWake, keyFromAlarmName, type AttemptResult } from './retrieve-decisions';
import { beginAttempt, forgetOpenedTab, forgetTabsOfEarlierSessions, noteOpenedTabShown, recordResult, releaseOpenedTabRecord } from './retrieve-records';
import { readTrackedTask, readTrackedTasks } from './tracker-owner';
import { retrieveNotice, type Notice } from './retrieve-notice';
import { retrieveReasonText } from '../retrieve-reason';
import { errorMessage, retrieveTabWork, type RetrieveTabs } from './retrieve-tabs';
import type { RetrieveRequest } from './router';
import { createTabQueue, type TabQueue } from './tab-queue';
import { creatorWentTo } from './active-tabs';

export interface RetrieveAlarms {
  set(name: string, when: number): Promise<void>;
  clear(name: string): Promise<void>;
  getAll(): Promise<{ name: string; scheduledTime: number }[]>;
}

export interface RetrieveDeps {
  tabs: RetrieveTabs;
  alarms: RetrieveAlarms;
  notify(notice: Notice): Promise<void>;
  readSettings(): Promise<Settings>;
  newAttemptId(): string;
  sleep(ms: number): Promise<void>;
/** The shortest delay the browser honours for an alarm (Chrome: 30 s for installed builds). */
  minAlarmDelayMs(): Promise<number>;
  /**
   * Keep the background alive while an attempt waits for a page (a cheap extension API call).
   * Firefox unloads an idle event page after 30 s and does not count a pending
   * `tabs.sendMessage` reply as activity; a page that answers slowly would otherwise leave the
   * task in Retrieving until the watchdog, and risk a second press.
   */
  keepAlive?(): Promise<unknown>;
  /**
   * The one queue of background-tab jobs (tab-queue.ts), shared with any other job that opens
   * tabs; this orchestrator's own when none is given.
   */
  queue?: TabQueue;
}

/**
 * A try's slot in the tab queue is freed after this even if the try never ends. Longer than
 * the watchdog (ATTEMPT_TIMEOUT_MS), which frees it first and closes the try's tab: this only
 * covers a watchdog that fires late or finds nothing to time out (the task deleted meanwhile).
 */
const QUEUE_TIMEOUT_MS = ATTEMPT_TIMEOUT_MS + 60_000;

/** Job ids in the shared queue: one per task. */
const jobIdFor = (key: string) => `retrieve:${key}`;

/** Well inside the browsers' 30 s idle limit for a background. */
export const KEEP_ALIVE_MS = 20_000;

export type ResumeReason = 'wake' | 'startup' | 'settings';

export interface RetrieveOrchestrator {
  /**
   * Router hook: the task was just marked posted, or "Retry now" was pressed. With automatic
   * retrieving off, only "Retry now" (the creator asking for a try) starts one; a task marked
   * posted waits, and is picked up when the setting is switched on (resume 'settings').
   */
  start(key: string, request?: RetrieveRequest): Promise<void>;
  onAlarm(name: string): Promise<void>;
  /** Re-create alarms from storage and catch up on anything overdue. */
  resume(reason: ResumeReason): Promise<void>;
  /**
   * The browser shows `tabId` now; `previousTabId` is the tab it showed before in that window,
   * if known (active-tabs.ts). A tab an attempt opened stays open at the end only if the creator
   * went to it from a tab still open and is on it then: shown because the tab before it was
   * closed (the browser picks a neighbour), it goes.
   */
  onTabActivated(tabId: number, previousTabId: number | undefined): Promise<void>;
  onTabRemoved(tabId: number): Promise<void>;
  /** Resolves when no attempt is running in this worker (tests). */
  idle(): Promise<void>;
}

export function createRetrieveOrchestrator(deps: RetrieveDeps): RetrieveOrchestrator {
  const tabWork = retrieveTabWork(deps.tabs, deps.sleep);
  const running = new Set<Promise<void>>();
  /** Attempts this worker began: their tab ids are of this browser session. */
  const begunHere = new Set<string>();
  const queue = deps.queue ?? createTabQueue();

  function track(work: Promise<void>): void {
    running.add(work);
    void work.finally(() => running.delete(work));
  }

  /**
   * A due try waits for a free background tab. Until it begins the task keeps its state
   * (Posted, Retry scheduled): storage is all a new worker needs to queue it again.
   */
  function enqueue(key: string, from: readonly TrackerState[], due: number, asked = false): void {
    const id = jobIdFor(key);
    // Retry now on a try already waiting: the creator's press moves it ahead.
    if (asked && queue.waiting(id)?.asked === false) queue.remove(id);
    queue.add({
      id,
      due,
      asked,
      timeoutMs: QUEUE_TIMEOUT_MS,
      run: () => {
        // A failed storage write leaves the task due: the next resume queues it again.
        const work = begin(key, from).catch(() => undefined);
        track(work);
        return work;
      },
    });
  }

  /** Retrieving, with a fresh attempt id, stored before any tab is touched. */
  async function begin(key: string, from: readonly TrackerState[]): Promise<void> {
    const attemptId = deps.newAttemptId();
    // Re-checked as the try leaves the queue: a task deleted or no longer due meanwhile opens nothing.
    const task = await beginAttempt(key, from, attemptId);
    if (!task) return;
    begunHere.add(attemptId);
    // The watchdog: should this worker die mid-attempt, the alarm wakes the next one.
    await deps.alarms.set(alarmNameFor(key), (task.retrieve.lastAttemptAt ?? Date.now()) + ATTEMPT_TIMEOUT_MS);
    await run(task, attemptId);
  }

  async function run(task: TrackedTask, attemptId: string): Promise<void> {
    const opened: { tabId?: number } = {};
    let result: AttemptResult;
    const keepAlive = deps.keepAlive ? setInterval(() => void deps.keepAlive?.().catch(() => undefined), KEEP_ALIVE_MS) : undefined;
    try {
      result = await tabWork.perform(task, attemptId, opened);
    } catch (error) {
      result = { kind: 'unreachable', detail: '', reason: 'unexpected', value: errorMessage(error) };
    } finally {
      clearInterval(keepAlive);
    }
    const applied = await finish(task.key, attemptId, result);
    // A superseded attempt still cleans up the tab it opened, unless the creator is on it.
    if (!applied && opened.tabId !== undefined) await releaseOpenedTab(task.key, opened.tabId);
  }

  /** Apply an attempt's result, if the attempt is still the current one. */
  async function finish(key: string, attemptId: string, result: AttemptResult): Promise<boolean> {
    const settings = await deps.readSettings();
    const floor = await deps.minAlarmDelayMs();
    const done = await recordResult(key, attemptId, result, settings.retry, floor);
    if (!done) return false;
    const { task, decision, openedTabId, openedTabChosen } = done;
    if (task.state === 'retryScheduled' && task.retrieve.nextAttemptAt !== undefined) {
      await deps.alarms.set(alarmNameFor(key), task.retrieve.nextAttemptAt);
    } else {
      await deps.alarms.clear(alarmNameFor(key));
    }
    if (openedTabId !== undefined) await tabWork.closeUnlessFocused(openedTabId, openedTabChosen);
    if (decision.notify) await deps.notify(retrieveNotice(task, decision.notify, retrieveReasonText(task.retrieve))).catch(() => undefined);
    return true;
  }

  async function releaseOpenedTab(key: string, tabId: number): Promise<void> {
    const released = await releaseOpenedTabRecord(key, tabId);
    if (released) await tabWork.closeUnlessFocused(tabId, released.chosen);
  }

  async function wake(key: string, alarmAt?: number): Promise<void> {
    const task = await readTrackedTask(key);
    const now = Date.now();
    const action = decideOnWake(task, now);
    switch (action.do) {
      case 'nothing':
        queue.remove(jobIdFor(key));
        await deps.alarms.clear(alarmNameFor(key));
        return;
      case 'wait':
        queue.remove(jobIdFor(key));
        // Retrieving, begun by an earlier worker: its tab may still be open, so it keeps a
        // slot until its watchdog (no-op when the attempt runs in this worker).
        if (task?.state === 'retrieving') queue.hold(jobIdFor(key), action.until - now);
        if (alarmAt !== action.until) await deps.alarms.set(alarmNameFor(key), action.until);
        return;
      case 'timeOut':
        await finish(key, action.attemptId, {
          kind: 'timedOut',
          detail: '',
          reason: 'timedOut',
          value: String(ATTEMPT_TIMEOUT_MS / 60_000),
        });
        // The watchdog that times the attempt out also frees its slot (a hung page, a dead worker's try).
        queue.release(jobIdFor(key));
        return;
      case 'start': {
        const settings = await deps.readSettings();
        // Automatic retrieving switched off: scheduled retries, and first tries of tasks marked
        // posted, wait until it is on again (resume 'settings'); a Retry now waiting stays.
        if (!settings.autoRetrieve) {
          if (!queue.waiting(jobIdFor(key))?.asked) queue.remove(jobIdFor(key));
          await deps.alarms.clear(alarmNameFor(key));
          return;
        }
        enqueue(key, ['retryScheduled', 'posted'], task?.retrieve.nextAttemptAt ?? now);
        return;
      }
    }
  }

  return {
    async start(key, request = 'markPosted') {
      const settings = await deps.readSettings();
      if (!settings.autoRetrieve && request !== 'retryNow') return;
      enqueue(key, ['posted'], Date.now(), request === 'retryNow');
    },

    async onAlarm(name) {
      const key = keyFromAlarmName(name);
      if (key) await wake(key);
    },

    async resume(reason) {
      if (reason === 'startup') await forgetTabsOfEarlierSessions(begunHere);
      const data = await readTrackedTasks();
      const alarms = new Map<string, number>();
      for (const alarm of await deps.alarms.getAll()) {
        const key = keyFromAlarmName(alarm.name);
        if (key) alarms.set(key, alarm.scheduledTime);
      }
      const keys = [...new Set([...Object.keys(data.tasks), ...alarms.keys()])];
      // Tries still under way (an earlier worker's tabs may be open) take their slots in the
      // tab queue before any due try is queued.
      const underWay = (key: string) => (data.tasks[key]?.state === 'retrieving' ? 0 : 1);
      for (const key of keys.sort((a, b) => underWay(a) - underWay(b))) {
        // Posted: the first try is owed (it never began, or automatic retrieving was off).
        const state = data.tasks[key]?.state;
        if (state === 'posted' || state === 'retryScheduled' || state === 'retrieving' || alarms.has(key)) await wake(key, alarms.get(key));
      }
    },

    async onTabActivated(tabId, previousTabId) {
      await noteOpenedTabShown(tabId, () => creatorWentTo(tabId, previousTabId, (id) => deps.tabs.get(id)));
    },
    onTabRemoved: forgetOpenedTab,

    async idle() {
      while (running.size) await Promise.allSettled([...running]);
    },
  };
}
