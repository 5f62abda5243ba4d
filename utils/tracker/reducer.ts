/**
 * Pure updates of the tracker data. The background worker is the only writer: it runs
 * these one at a time (see background/tracker-owner.ts), so two tabs and the popup
 * acting at once cannot lose each other's updates.
 */
import { transition, type TrackerEvent } from './machine';
import {
  fold,
  HISTORY_LIMIT,
  taskKey,
  type DeliveryPath,
  type DiscoveredTask,
  type StepId,
  type TrackedTask,
  type TrackerData,
} from './schema';
import { withTaskChanges } from './task-map';
import { tasksNamed } from './name-index';
import { withoutArchive } from './archive';
import type { ReplyWhy } from '../reply-error';

/** A refusal: `reason` in English (logs), `code` and `params` for the pages to word (utils/reply-error.ts). */
export type Outcome<T> = { ok: true; value: T } | ({ ok: false; reason: string } & ReplyWhy);

const TASK_GONE = { ok: false, reason: 'That task is no longer tracked.', code: 'taskGone' } as const;

/** A change worth a history entry; an archived task it happens to is active again (archive.ts). */
function withHistory(task: TrackedTask, now: number, event: string, detail?: string): TrackedTask {
  const history = [...task.history, { at: now, event, ...(detail ? { detail: detail.slice(0, 500) } : {}) }];
  return { ...withoutArchive(task), history: history.slice(-HISTORY_LIMIT), updatedAt: now };
}

/** `data` with this task stored under its key (shares the other tasks: task-map.ts). */
export function putTask(data: TrackerData, task: TrackedTask): TrackerData {
  return { ...data, tasks: withTaskChanges(data.tasks, [task]) };
}
const put = putTask;

const SUBMITTED_STATUS = /pending approval|approved|completed/i;

/** Both sides name the value, and differently. */
function conflicts(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a !== b;
}

/**
 * The tracked task this sighting is about. Ids are not on every impact.com page, so the same
 * task may be seen once with ids and once by names only: when the exact key misses, a task
 * with the same account, campaign and task names and no contradicting id is the same task —
 * if exactly one such task exists (two candidates are ambiguous: keep the sighting apart). Its key stays the one it was first stored under (alarms and the popup refer to it).
 */
function findSameTask(data: TrackerData, seen: DiscoveredTask): TrackedTask | undefined {
  const exact = data.tasks[taskKey(seen)];
  if (exact) return exact;
  // Only tasks of the same campaign and task names (name-index.ts: the worker's costs the same at 50 and 50,000 tasks).
  const candidates = tasksNamed(data.tasks, seen).filter(
    (t) =>
      !conflicts(t.taskId, seen.taskId) &&
      !conflicts(t.campaignId, seen.campaignId) &&
      !conflicts(t.accountId, seen.accountId) &&
      !conflicts(t.accountName && fold(t.accountName), seen.accountName && fold(seen.accountName)),
  );
  return candidates.length === 1 ? candidates[0] : undefined;
}

/** A task's details were seen on impact.com: add it, or refresh what the page shows now. */
export function recordDiscovered(data: TrackerData, seen: DiscoveredTask, now: number): { data: TrackerData; task: TrackedTask } {
  const existing = findSameTask(data, seen);
  const key = existing?.key ?? taskKey(seen);
  let task: TrackedTask;
  if (!existing) {
    task = withHistory(
      {
        ...seen,
        key,
        state: 'notStarted',
        path: seen.inviteLink || !seen.campaignCode ? 'inviteLink' : 'campaignCode',
        steps: {},
        retrieve: { attempts: 0 },
        history: [],
        firstSeenAt: now,
        updatedAt: now,
      },
      now,
      'discovered',
    );
  } else {
    // Page values win (they are the newest), but a value the page no longer shows is kept.
    const merged: TrackedTask = { ...existing };
    for (const [k, v] of Object.entries(seen) as [keyof DiscoveredTask, unknown][]) {
      if (v !== undefined && v !== '') (merged as Record<string, unknown>)[k] = v;
    }
    if (seen.inviteLink) delete merged.inviteLinkProblem;
    if (seen.inviteLinkProblem && !seen.inviteLink) delete merged.inviteLink;
    merged.updatedAt = now;
    task = merged;
    // impact.com no longer shows an archived task as submitted (a revision asked for, a rejection): active again.
    if (existing.archivedAt !== undefined && seen.impactStatus && seen.impactStatus !== existing.impactStatus && !SUBMITTED_STATUS.test(seen.impactStatus)) {
      task = withHistory(task, now, 'unarchived', seen.impactStatus);
    }
  }
  if (seen.impactStatus && SUBMITTED_STATUS.test(seen.impactStatus) && task.state !== 'submitted') {
    const next = transition(task.state, 'observedSubmitted');
    if (next.ok) task = withHistory({ ...task, state: next.state }, now, 'observedSubmitted', seen.impactStatus);
  }
  return { data: put(data, task), task };
}

/** Apply a state-machine event to one task; refused moves change nothing. */
export function applyEvent(
  data: TrackerData,
  key: string,
  event: TrackerEvent,
  now: number,
  detail?: string,
  patch?: Partial<Pick<TrackedTask, 'retrieve'>>,
): Outcome<{ data: TrackerData; task: TrackedTask }> {
  const task = data.tasks[key];
  if (!task) return TASK_GONE;
  const next = transition(task.state, event);
  if (!next.ok) return next;
  const updated = withHistory({ ...task, ...patch, state: next.state }, now, event, detail);
  return { ok: true, value: { data: put(data, updated), task: updated } };
}

/** Tick or untick a checklist step. Ticking any step means the creator has started. */
export function setStep(data: TrackerData, key: string, step: StepId, done: boolean, now: number): Outcome<{ data: TrackerData; task: TrackedTask }> {
  const task = data.tasks[key];
  if (!task) return TASK_GONE;
  const steps = { ...task.steps };
  if (done) steps[step] = steps[step] ?? now;
  else delete steps[step];
  let updated = withHistory({ ...task, steps }, now, done ? `step:${step}` : `unstep:${step}`);
  if (done) {
    const next = transition(updated.state, 'progress');
    if (next.ok) updated = { ...updated, state: next.state };
  }
  return { ok: true, value: { data: put(data, updated), task: updated } };
}

export function choosePath(data: TrackerData, key: string, path: DeliveryPath, now: number): Outcome<{ data: TrackerData; task: TrackedTask }> {
  const task = data.tasks[key];
  if (!task) return TASK_GONE;
  const updated = withHistory({ ...task, path }, now, `path:${path}`);
  return { ok: true, value: { data: put(data, updated), task: updated } };
}

/** The creator brings an archived task back: active again, for another full period (archive.ts). */
export function unarchiveTask(data: TrackerData, key: string, now: number): Outcome<{ data: TrackerData; task: TrackedTask }> {
  const task = data.tasks[key];
  if (!task) return TASK_GONE;
  if (task.archivedAt === undefined) return { ok: true, value: { data, task } };
  const updated = withHistory(task, now, 'unarchived');
  return { ok: true, value: { data: put(data, updated), task: updated } };
}

export function removeTask(data: TrackerData, key: string): TrackerData {
  return { ...data, tasks: withTaskChanges(data.tasks, [], [key]) };
}

/**
 * Merge a backup into local data without losing newer local progress: per task, the
 * record updated last wins; tasks only in one side are kept.
 */
export function mergeBackup(local: TrackerData, incoming: TrackedTask[]): { data: TrackerData; added: number; updated: number; kept: number } {
  const taken = new Map<string, TrackedTask>();
  let added = 0;
  let updated = 0;
  let kept = 0;
  for (const task of incoming) {
    const mine = taken.get(task.key) ?? local.tasks[task.key];
    if (!mine) {
      taken.set(task.key, task);
      added++;
    } else if (task.updatedAt > mine.updatedAt) {
      taken.set(task.key, task);
      updated++;
    } else kept++;
  }
  return { data: { ...local, tasks: withTaskChanges(local.tasks, [...taken.values()]) }, added, updated, kept };
}
