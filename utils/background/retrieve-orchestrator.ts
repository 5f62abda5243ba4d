/**
 * "Retrieve my post" on the creator's behalf, driven from the background worker.
 *
 * Everything that must survive the worker being stopped lives in storage (the task's
 * `retrieve` record) and in one browser alarm per task; in memory there is only the attempt
 * currently being carried out. Each step re-checks the stored attempt id inside the
 * tracker's single writer, so a late report, a duplicate alarm or a second worker instance
 * cannot act twice. The browser is injected (RetrieveDeps), so unit tests use fakes.
 */
import { sendToTab, type ContentMessage, type ContentReply, type TaskIdentity } from '../messages';
import { delivered, type Post, type Sent } from '../messaging';
import type { TrackerState } from '../tracker/machine';
import { applyEvent } from '../tracker/reducer';
import type { RetrieveState, Settings, TrackedTask, TrackerData } from '../tracker/schema';
import { readTracker } from '../tracker/storage';
import {
  ATTEMPT_TIMEOUT_MS,
  alarmNameFor,
  beginAttemptRecord,
  decideAfterAttempt,
  decideOnWake,
  keyFromAlarmName,
  type AttemptResult,
} from './retrieve-decisions';
import { retrieveNotice, type Notice } from './retrieve-notice';
import type { RetrieveRequest } from './router';
import { chooseTab, type TabSnapshot } from '../page/urls';
import { openedTabIds, updateTracker } from './tracker-owner';

/** How long a tab the worker opened may take to load and answer. */
export const OPENED_TAB_READY_MS = 60_000;
/** How long an already open tab gets to answer before we open a fresh one instead. */
export const EXISTING_TAB_READY_MS = 10_000;
const POLL_MS = 500;
/** Times the same attempt is asked again after the page reloaded under it. */
const MAX_REASKS = 2;

export interface RetrieveTabs {
  /** Open tabs on app.impact.com. */
  findImpactTabs(): Promise<TabSnapshot[]>;
  get(tabId: number): Promise<TabSnapshot | undefined>;
  /** Opens a tab without taking the creator's focus. */
  openInBackground(url: string): Promise<TabSnapshot>;
  close(tabId: number): Promise<void>;
  /**
   * Hands a command to the tab's content script (messaging.ts tabPost): the raw reply, or a
   * rejection when no content script of ours listens in that tab (yet). Replies are read by
   * messages.ts sendToTab, like every other.
   */
  post(tabId: number): Post;
}

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
}

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
  /** The creator looked at a tab: if the worker opened it, it stays open. */
  onTabActivated(tabId: number): Promise<void>;
  onTabRemoved(tabId: number): Promise<void>;
  /** Resolves when no attempt is running in this worker (tests). */
  idle(): Promise<void>;
}

type Write<T> = { data: TrackerData; result: T };

/** What one tab answered: "not here" sends the attempt on to the task's own page. */
type Answer = AttemptResult | { kind: 'notHere'; detail: string };

function withRetrieve(data: TrackerData, key: string, retrieve: RetrieveState): TrackerData {
  const task = data.tasks[key];
  if (!task) return data;
  return { ...data, tasks: { ...data.tasks, [key]: { ...task, retrieve } } };
}

function isCurrentAttempt(task: TrackedTask | undefined, attemptId: string): task is TrackedTask {
  return task?.state === 'retrieving' && (task.retrieve.attemptId ?? '') === attemptId;
}

/** Submitted by the page's own status while this attempt was still running. */
function overtakenBySubmitted(task: TrackedTask, attemptId: string): boolean {
  return task.state === 'submitted' && task.retrieve.attemptId === attemptId;
}

function identityOf(task: TrackedTask): TaskIdentity {
  return {
    key: task.key,
    campaignName: task.campaignName,
    taskName: task.taskName,
    ...(task.campaignId ? { campaignId: task.campaignId } : {}),
    ...(task.taskId ? { taskId: task.taskId } : {}),
  };
}

function message(error: unknown): string {
  return String((error as Error)?.message ?? error);
}

export function createRetrieveOrchestrator(deps: RetrieveDeps): RetrieveOrchestrator {
  const running = new Set<Promise<void>>();
  /** Attempts this worker began: their tab ids are of this browser session. */
  const begunHere = new Set<string>();

  function track(work: Promise<void>): void {
    running.add(work);
    void work.finally(() => running.delete(work));
  }

  /** Retrieving, with a fresh attempt id, stored before any tab is touched. */
  async function begin(key: string, from: readonly TrackerState[]): Promise<void> {
    const attemptId = deps.newAttemptId();
    const task = await updateTracker<TrackedTask | null>((data, now): Write<TrackedTask | null> => {
      const current = data.tasks[key];
      if (!current || !from.includes(current.state)) return { data, result: null };
      const retrieve = beginAttemptRecord(current, attemptId, now);
      const out = applyEvent(data, key, 'startRetrieve', now, `Attempt ${retrieve.attempts}`, { retrieve });
      return out.ok ? { data: out.value.data, result: out.value.task } : { data, result: null };
    });
    if (!task) return;
    begunHere.add(attemptId);
    // The watchdog: should this worker die mid-attempt, the alarm wakes the next one.
    await deps.alarms.set(alarmNameFor(key), (task.retrieve.lastAttemptAt ?? Date.now()) + ATTEMPT_TIMEOUT_MS);
    track(run(task, attemptId));
  }

  async function run(task: TrackedTask, attemptId: string): Promise<void> {
    const opened: { tabId?: number } = {};
    let result: AttemptResult;
    const keepAlive = deps.keepAlive ? setInterval(() => void deps.keepAlive?.().catch(() => undefined), KEEP_ALIVE_MS) : undefined;
    try {
      result = await perform(task, attemptId, opened);
    } catch (error) {
      result = { kind: 'unreachable', detail: `Unexpected problem: ${message(error)}` };
    } finally {
      clearInterval(keepAlive);
    }
    const applied = await finish(task.key, attemptId, result);
    // A superseded attempt still cleans up the tab it opened, unless the creator took it over.
    if (!applied && opened.tabId !== undefined) await releaseOpenedTab(task.key, opened.tabId);
  }

  /**
   * An open tab first (the task's own page, or its campaign's list); when that tab is not
   * ready, or answers that the task or its button is not on it (another page of the list, a
   * filtered list), the same attempt opens the task's recorded address in a background tab.
   */
  async function perform(task: TrackedTask, attemptId: string, opened: { tabId?: number }): Promise<AttemptResult> {
    // The content script clicks at most once per attemptId (it remembers the click across a
    // reload), and only in the task that `identityOf` names, so the id and the identity are
    // the same in every tab this attempt asks.
    const command: Extract<ContentMessage, { type: 'retrievePost' }> = { type: 'retrievePost', attemptId, task: identityOf(task) };
    const choice = chooseTab(await deps.tabs.findImpactTabs(), task);
    if (choice && (await waitUntilListening(choice.tab.id, EXISTING_TAB_READY_MS))) {
      const answer = await ask(choice.tab.id, command);
      if (answer.kind !== 'notHere') return answer;
    }

    let tab: TabSnapshot;
    try {
      tab = await deps.tabs.openInBackground(task.taskUrl);
    } catch (error) {
      return { kind: 'unreachable', detail: `Could not open the task page (${message(error)}).` };
    }
    opened.tabId = tab.id;
    if (!(await rememberOpenedTab(task.key, attemptId, tab.id))) {
      return { kind: 'unreachable', detail: 'The attempt was superseded.' };
    }
    if (!(await waitUntilListening(tab.id, OPENED_TAB_READY_MS))) {
      return { kind: 'unreachable', detail: `The task page did not load within ${OPENED_TAB_READY_MS / 1000} seconds.` };
    }
    const answer = await ask(tab.id, command);
    // The task's own address says the task or its button is not there: ask the creator now.
    return answer.kind === 'notHere' ? { kind: 'notOnPage', detail: answer.detail } : answer;
  }

  /**
   * Send the command and read the answer. When the page navigates away and the reply is lost
   * we may ask again with the same id: a page that already clicked then only reads the answer.
   */
  async function ask(tabId: number, command: Extract<ContentMessage, { type: 'retrievePost' }>): Promise<Answer> {
    for (let asked = 1; ; asked++) {
      const reply = await sendToTab(tabId, command, deps.tabs.post(tabId));
      if (reply.ok || (reply.failure !== 'unreachable' && reply.failure !== 'unanswered')) return readReply(reply);
      const why = reply.failure === 'unanswered' ? 'no answer' : (reply.cause ?? reply.error);
      if (asked > MAX_REASKS || !(await waitUntilListening(tabId, OPENED_TAB_READY_MS))) {
        return { kind: 'unreachable', detail: `The task page went away before it answered (${why}).` };
      }
    }
  }

  function readReply(reply: Sent<ContentReply<'retrievePost'>>): Answer {
    if (!reply.ok && reply.failure === 'notUnderstood') return { kind: 'unreachable', detail: 'The page gave an answer we do not understand.' };
    if (!reply.ok) return { kind: 'unreachable', detail: `The page did not carry out the request (${reply.error.slice(0, 200)}).` };
    const { outcome, detail } = reply.value;
    if (outcome === 'notHere') return { kind: 'notHere', detail: detail || 'The task or its "Retrieve my post" button is not on the page.' };
    return { kind: outcome, detail };
  }

  /** Poll until our content script answers in that tab (the page may still be loading). */
  async function waitUntilListening(tabId: number, withinMs: number): Promise<boolean> {
    const deadline = Date.now() + withinMs;
    for (;;) {
      const tab = await deps.tabs.get(tabId).catch(() => undefined);
      if (!tab) return false;
      if (tab.status !== 'loading') {
        if (delivered(await sendToTab(tabId, { type: 'ping' }, deps.tabs.post(tabId)))) return true;
      }
      if (Date.now() >= deadline) return false;
      await deps.sleep(POLL_MS);
    }
  }

  async function rememberOpenedTab(key: string, attemptId: string, tabId: number): Promise<boolean> {
    return updateTracker<boolean>((data) => {
      const task = data.tasks[key];
      if (!isCurrentAttempt(task, attemptId)) return { data, result: false };
      return { data: withRetrieve(data, key, { ...task.retrieve, openedTabId: tabId }), result: true };
    });
  }

  /** Apply an attempt's result, if the attempt is still the current one. */
  async function finish(key: string, attemptId: string, result: AttemptResult): Promise<boolean> {
    const settings = await deps.readSettings();
    const floor = await deps.minAlarmDelayMs();
    const done = await updateTracker((data, now) => {
      const task = data.tasks[key];
      if (task && overtakenBySubmitted(task, attemptId)) {
        // The page's new status ("… pending approval") reached the tracker before this
        // attempt's own answer (timers run slowly in a background tab): the task is already
        // Submitted. The answer still completes the attempt: its outcome, the alarm, the tab
        // and the notice.
        const decision = decideAfterAttempt(task, result, now, settings.retry, floor);
        const retrieve = result.kind === 'submitted' ? decision.retrieve : { ...task.retrieve, attemptId: undefined, openedTabId: undefined, nextAttemptAt: undefined };
        const next = withRetrieve(data, key, retrieve);
        const applied = result.kind === 'submitted' ? decision : { ...decision, notify: undefined };
        return { data: next, result: { task: next.tasks[key]!, decision: applied, openedTabId: task.retrieve.openedTabId } };
      }
      if (!isCurrentAttempt(task, attemptId)) return { data, result: null };
      const decision = decideAfterAttempt(task, result, now, settings.retry, floor);
      const out = applyEvent(data, key, decision.event, now, decision.detail, { retrieve: decision.retrieve });
      if (!out.ok) return { data, result: null };
      return { data: out.value.data, result: { task: out.value.task, decision, openedTabId: task.retrieve.openedTabId } };
    });
    if (!done) return false;
    const { task, decision, openedTabId } = done;
    if (task.state === 'retryScheduled' && task.retrieve.nextAttemptAt !== undefined) {
      await deps.alarms.set(alarmNameFor(key), task.retrieve.nextAttemptAt);
    } else {
      await deps.alarms.clear(alarmNameFor(key));
    }
    if (openedTabId !== undefined) await closeUnlessFocused(openedTabId);
    if (decision.notify) await deps.notify(retrieveNotice(task, decision.notify, decision.detail)).catch(() => undefined);
    return true;
  }

  async function releaseOpenedTab(key: string, tabId: number): Promise<void> {
    const wasOurs = await updateTracker<boolean>((data) => {
      const task = data.tasks[key];
      if (!task || task.retrieve.openedTabId !== tabId) return { data, result: false };
      return { data: withRetrieve(data, key, { ...task.retrieve, openedTabId: undefined }), result: true };
    });
    if (wasOurs) await closeUnlessFocused(tabId);
  }

  async function closeUnlessFocused(tabId: number): Promise<void> {
    const tab = await deps.tabs.get(tabId).catch(() => undefined);
    if (tab && !tab.active) await deps.tabs.close(tabId).catch(() => undefined);
  }

  /** Forget openedTabId wherever it is `tabId` (the creator took the tab, or it is gone). */
  async function forgetTab(tabId: number): Promise<void> {
    // Runs on every tab switch: the head's list of tabs the worker opened (a small read; the
    // whole tracker only when the head is missing), the full write only if this is one of them.
    if (!(await openedTabIds()).has(tabId)) return;
    await updateTracker((data) => {
      let next = data;
      for (const task of Object.values(data.tasks)) {
        if (task.retrieve.openedTabId === tabId) next = withRetrieve(next, task.key, { ...task.retrieve, openedTabId: undefined });
      }
      return { data: next, result: undefined };
    });
  }

  async function wake(key: string, alarmAt?: number): Promise<void> {
    const task = (await readTracker()).data.tasks[key];
    const action = decideOnWake(task, Date.now());
    switch (action.do) {
      case 'nothing':
        await deps.alarms.clear(alarmNameFor(key));
        return;
      case 'wait':
        if (alarmAt !== action.until) await deps.alarms.set(alarmNameFor(key), action.until);
        return;
      case 'timeOut':
        await finish(key, action.attemptId, {
          kind: 'timedOut',
          detail: `The attempt did not finish within ${ATTEMPT_TIMEOUT_MS / 60_000} minutes (the browser, the worker or the page stopped).`,
        });
        return;
      case 'start': {
        const settings = await deps.readSettings();
        // Automatic retrieving switched off: scheduled retries, and first tries of tasks marked
        // posted, wait until it is on again (resume 'settings').
        if (!settings.autoRetrieve) {
          await deps.alarms.clear(alarmNameFor(key));
          return;
        }
        await begin(key, ['retryScheduled', 'posted']);
        return;
      }
    }
  }

  return {
    async start(key, request = 'markPosted') {
      const settings = await deps.readSettings();
      if (!settings.autoRetrieve && request !== 'retryNow') return;
      await begin(key, ['posted']);
    },

    async onAlarm(name) {
      const key = keyFromAlarmName(name);
      if (key) await wake(key);
    },

    async resume(reason) {
      if (reason === 'startup') {
        // Tab ids do not survive a browser restart: an old id may now be someone else's tab.
        // An attempt this worker already began (an overdue retry, started on waking) keeps
        // the tab it has just opened.
        await updateTracker((data) => {
          let next = data;
          for (const task of Object.values(data.tasks)) {
            const { openedTabId, attemptId } = task.retrieve;
            if (openedTabId !== undefined && !begunHere.has(attemptId ?? '')) next = withRetrieve(next, task.key, { ...task.retrieve, openedTabId: undefined });
          }
          return { data: next, result: undefined };
        });
      }
      const { data } = await readTracker();
      const alarms = new Map<string, number>();
      for (const alarm of await deps.alarms.getAll()) {
        const key = keyFromAlarmName(alarm.name);
        if (key) alarms.set(key, alarm.scheduledTime);
      }
      for (const key of new Set([...Object.keys(data.tasks), ...alarms.keys()])) {
        // Posted: the first try is owed (it never began, or automatic retrieving was off).
        const state = data.tasks[key]?.state;
        if (state === 'posted' || state === 'retryScheduled' || state === 'retrieving' || alarms.has(key)) await wake(key, alarms.get(key));
      }
    },

    onTabActivated: forgetTab,
    onTabRemoved: forgetTab,

    async idle() {
      while (running.size) await Promise.allSettled([...running]);
    },
  };
}
