/**
 * A retrieve attempt's record in the tracker (the task's `retrieve`), each change one write
 * through the single writer that re-checks the attempt id, so a late answer, a duplicate
 * alarm or a second worker cannot act twice. What to decide is retrieve-decisions.ts; this
 * applies it.
 */
import type { TrackerState } from '../tracker/machine';
import { applyEvent, putTask } from '../tracker/reducer';
import type { RetrieveState, Settings, TrackedTask, TrackerData } from '../tracker/schema';
import { beginAttemptRecord, decideAfterAttempt, type AttemptDecision, type AttemptResult } from './retrieve-decisions';
import { openedTabIds, updateTracker } from './tracker-owner';

type Write<T> = { data: TrackerData; result: T };

function withRetrieve(data: TrackerData, key: string, retrieve: RetrieveState): TrackerData {
  const task = data.tasks[key];
  if (!task) return data;
  return putTask(data, { ...task, retrieve });
}

/**
 * The task's impact.com status as the page showed it after the answer (read back, so that a
 * task is not "Submitted" next to the status it had before the click).
 */
function withImpactStatus(data: TrackerData, key: string, result: AttemptResult): TrackerData {
  const status = 'impactStatus' in result ? result.impactStatus?.trim().slice(0, 200) : undefined;
  const task = data.tasks[key];
  if (!task || !status || task.impactStatus === status) return data;
  return putTask(data, { ...task, impactStatus: status });
}

export function isCurrentAttempt(task: TrackedTask | undefined, attemptId: string): task is TrackedTask {
  return task?.state === 'retrieving' && (task.retrieve.attemptId ?? '') === attemptId;
}

/** Submitted by the page's own status while this attempt was still running. */
function overtakenBySubmitted(task: TrackedTask, attemptId: string): boolean {
  return task.state === 'submitted' && task.retrieve.attemptId === attemptId;
}

/** Retrieving, with a fresh attempt id, for a task in one of the `from` states; null when it is not. */
export async function beginAttempt(key: string, from: readonly TrackerState[], attemptId: string): Promise<TrackedTask | null> {
  return updateTracker<TrackedTask | null>((data, now): Write<TrackedTask | null> => {
    const current = data.tasks[key];
    if (!current || !from.includes(current.state)) return { data, result: null };
    const retrieve = beginAttemptRecord(current, attemptId, now);
    const out = applyEvent(data, key, 'startRetrieve', now, `Attempt ${retrieve.attempts}`, { retrieve });
    return out.ok ? { data: out.value.data, result: out.value.task } : { data, result: null };
  });
}

/** The tab this attempt opened, so that whoever finishes it closes it; false when the attempt was superseded. */
export async function rememberOpenedTab(key: string, attemptId: string, tabId: number): Promise<boolean> {
  return updateTracker<boolean>((data) => {
    const task = data.tasks[key];
    if (!isCurrentAttempt(task, attemptId)) return { data, result: false };
    return { data: withRetrieve(data, key, { ...task.retrieve, openedTabId: tabId, openedTabChosen: undefined }), result: true };
  });
}

export interface RecordedResult {
  task: TrackedTask;
  decision: AttemptDecision;
  /** The tab the attempt opened, to close. */
  openedTabId?: number;
  /** How that tab was last shown (RetrieveState.openedTabChosen). */
  openedTabChosen?: boolean;
}

/** An attempt's result, applied if the attempt is still the current one (null when it is not). */
export async function recordResult(key: string, attemptId: string, result: AttemptResult, retry: Settings['retry'], floor: number): Promise<RecordedResult | null> {
  return updateTracker((data, now) => {
    const task = data.tasks[key];
    if (task && overtakenBySubmitted(task, attemptId)) {
      // The page's new status ("… pending approval") reached the tracker before this
      // attempt's own answer (timers run slowly in a background tab): the task is already
      // Submitted. The answer still completes the attempt: its outcome, the alarm, the tab
      // and the notice.
      const decision = decideAfterAttempt(task, result, now, retry, floor);
      const retrieve = result.kind === 'submitted' ? decision.retrieve : { ...task.retrieve, attemptId: undefined, openedTabId: undefined, openedTabChosen: undefined, nextAttemptAt: undefined };
      const next = withImpactStatus(withRetrieve(data, key, retrieve), key, result);
      const applied = result.kind === 'submitted' ? decision : { ...decision, notify: undefined };
      return { data: next, result: { task: next.tasks[key]!, decision: applied, openedTabId: task.retrieve.openedTabId, openedTabChosen: task.retrieve.openedTabChosen } };
    }
    if (!isCurrentAttempt(task, attemptId)) return { data, result: null };
    const decision = decideAfterAttempt(task, result, now, retry, floor);
    const out = applyEvent(data, key, decision.event, now, decision.detail, { retrieve: decision.retrieve });
    if (!out.ok) return { data, result: null };
    const next = withImpactStatus(out.value.data, key, result);
    return { data: next, result: { task: next.tasks[key]!, decision, openedTabId: task.retrieve.openedTabId, openedTabChosen: task.retrieve.openedTabChosen } };
  });
}

/**
 * The task no longer names `tabId` as the tab it opened. When it did (the tab is ours to
 * close), how that tab was last shown; null when it did not.
 */
export async function releaseOpenedTabRecord(key: string, tabId: number): Promise<{ chosen?: boolean } | null> {
  return updateTracker<{ chosen?: boolean } | null>((data) => {
    const task = data.tasks[key];
    if (!task || task.retrieve.openedTabId !== tabId) return { data, result: null };
    const chosen = task.retrieve.openedTabChosen;
    return { data: withRetrieve(data, key, { ...task.retrieve, openedTabId: undefined, openedTabChosen: undefined }), result: chosen === undefined ? {} : { chosen } };
  });
}

/** Every task whose opened tab is `tabId`, changed by `change` (one write; none when no task names it). */
async function changeOpenedTab(tabId: number, change: (retrieve: RetrieveState) => RetrieveState): Promise<void> {
  await updateTracker((data) => {
    let next = data;
    for (const task of Object.values(data.tasks)) {
      if (task.retrieve.openedTabId === tabId) next = withRetrieve(next, task.key, change(task.retrieve));
    }
    return { data: next, result: undefined };
  });
}

/**
 * The browser shows `tabId` now. When a retrieve opened it, record whether the creator went to
 * it (`chosen`, asked only then) or the browser showed it by itself.
 */
export async function noteOpenedTabShown(tabId: number, chosen: () => Promise<boolean>): Promise<void> {
  // Runs on every tab switch: the head's list of tabs the worker opened (a small read; the
  // whole tracker only when the head is missing), the full write only if this is one of them.
  if (!(await openedTabIds()).has(tabId)) return;
  const openedTabChosen = await chosen();
  await changeOpenedTab(tabId, (retrieve) => ({ ...retrieve, openedTabChosen }));
}

/** Forget openedTabId wherever it is `tabId` (the tab is gone). */
export async function forgetOpenedTab(tabId: number): Promise<void> {
  if (!(await openedTabIds()).has(tabId)) return;
  await changeOpenedTab(tabId, (retrieve) => ({ ...retrieve, openedTabId: undefined, openedTabChosen: undefined }));
}

/**
 * After a browser restart: tab ids do not survive it, so an old id may now be someone else's
 * tab. An attempt this worker already began (`begunHere`: an overdue retry, started on waking)
 * keeps the tab it has just opened.
 */
export async function forgetTabsOfEarlierSessions(begunHere: ReadonlySet<string>): Promise<void> {
  await updateTracker((data) => {
    let next = data;
    for (const task of Object.values(data.tasks)) {
      const { openedTabId, attemptId } = task.retrieve;
      if (openedTabId !== undefined && !begunHere.has(attemptId ?? '')) next = withRetrieve(next, task.key, { ...task.retrieve, openedTabId: undefined, openedTabChosen: undefined });
    }
    return { data: next, result: undefined };
  });
}
