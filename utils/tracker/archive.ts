/**
 * Archiving (pure): a Submitted task nobody has touched for the number of days the settings
 * name (`archiveAfterDays`, 30 by default, null: never) is archived. It leaves the popup and
 * the overview's default view and counts, and stays stored whole: the overview shows it on
 * demand, its search finds it, both exports carry it.
 *
 * "Archived" is a stored mark, `archivedAt`, set and cleared by the worker (the tracker's only
 * writer: background/archive.ts) rather than worked out by each page from the clock, so that
 * the head (head.ts), made without a clock, keeps its counts and first screens right one task
 * at a time, and a page tells an archived task by one field. The mark follows this rule:
 *
 * - a task is due to be archived when it is Submitted and its last change — the last entry of
 *   its history (a state change, a step, "Unarchive"), or when it was first seen — is at least
 *   that many days old. A sighting on impact.com that changes nothing (Refresh all records every
 *   task again) writes no history, so it keeps no task from being archived;
 * - any change that writes history (reducer.ts withHistory) takes the mark off: the task is
 *   active again, for another full period. So do "Unarchive" and a sighting whose impact.com
 *   status is no longer a submitted one;
 * - a change of the setting applies to every task: a longer period (or "never") makes the
 *   tasks that no longer qualify active again.
 */
import type { TrackedTask } from './schema';

export const DAY_MS = 86_400_000;
/** The choices the overview's Settings offer besides "never" (the setting's default, 30, is one: schema.ts). */
export const ARCHIVE_DAY_CHOICES: readonly number[] = [7, 14, 30, 60, 90, 180, 365];
/** Tasks archived (or made active again) per write: a first sweep over years of tasks stays a series of small writes. */
export const ARCHIVE_BATCH = 2_000;

export function isArchived(task: Pick<TrackedTask, 'archivedAt'>): boolean {
  return task.archivedAt !== undefined;
}

/** Tasks that are not archived: what the popup lists and the overview shows by default. */
export function activeTasks<T extends Pick<TrackedTask, 'archivedAt'>>(tasks: readonly T[]): T[] {
  return tasks.filter((t) => t.archivedAt === undefined);
}

/** When the task last changed, for archiving: its last history entry, else when it was first seen. */
export function lastChangeAt(task: Pick<TrackedTask, 'history' | 'firstSeenAt'>): number {
  return task.history.length ? task.history[task.history.length - 1]!.at : task.firstSeenAt;
}

/** Whether the rule wants this task archived now (settings' archiveAfterDays; null: never). */
export function dueForArchive(task: Pick<TrackedTask, 'state' | 'history' | 'firstSeenAt'>, days: number | null, now: number): boolean {
  return days !== null && task.state === 'submitted' && now - lastChangeAt(task) >= days * DAY_MS;
}

/** The task without the archive mark (its other fields as they are). */
export function withoutArchive(task: TrackedTask): TrackedTask {
  if (task.archivedAt === undefined) return task;
  const { archivedAt: _archivedAt, ...rest } = task;
  return rest;
}

/**
 * The tasks whose mark the rule changes now, changed (at most `limit`): archived, or made active
 * again (the setting grew longer or became "never"). Each counts as updated now, so a backup
 * merged later (newest wins, reducer.ts mergeBackup) keeps the mark or its removal.
 */
export function archiveSweep(tasks: Iterable<TrackedTask>, days: number | null, now: number, limit = Number.POSITIVE_INFINITY): TrackedTask[] {
  const changed: TrackedTask[] = [];
  for (const task of tasks) {
    if (changed.length >= limit) break;
    const due = dueForArchive(task, days, now);
    if (due === isArchived(task)) continue;
    changed.push(due ? { ...task, archivedAt: now, updatedAt: now } : { ...withoutArchive(task), updatedAt: now });
  }
  return changed;
}
