/**
 * The worker's side of archiving (the rule is tracker/archive.ts): it sets and clears the
 * stored `archivedAt` mark, as the tracker's only writer, so the head and every page agree.
 *
 * A sweep goes over the tasks in the worker's memory (loaded anyway at every worker start:
 * storage-check.ts) and writes only the tasks whose mark changes, at most ARCHIVE_BATCH per
 * write, each write like any other (the changed tasks, the revision and the head, kept one task
 * at a time by head-index.ts). It runs when a worker starts, once a day on the `archive` alarm
 * (a browser left open for days, and nothing else waking the worker), and when the setting
 * changes. A task is therefore archived within a day of qualifying.
 */
import { ARCHIVE_BATCH, archiveSweep } from '../tracker/archive';
import type { TrackerData } from '../tracker/schema';
import { withTaskChanges } from '../tracker/task-map';
import type { TrackerWrite } from './tracker-owner';

export const ARCHIVE_ALARM = 'archive';
export const ARCHIVE_PERIOD_MINUTES = 24 * 60;

export interface ArchiveDeps {
  /** The setting (archiveAfterDays; null: never), read inside the write so it is the one stored. */
  days(): Promise<number | null>;
  /** The single writer (tracker-owner.ts updateTracker). */
  update<T>(change: (data: TrackerData, now: number) => Promise<TrackerWrite<T>>): Promise<T>;
  /** Whether the daily alarm is set (Chrome keeps alarms across restarts; Firefox forgets them). */
  hasAlarm(): Promise<boolean>;
  /** Set the daily alarm (first in a day: the worker has just swept). */
  setAlarm(): Promise<void>;
}

export function createArchiver(deps: ArchiveDeps) {
  /** Apply the rule to every task, in batches; resolves to how many tasks changed. */
  async function sweep(): Promise<number> {
    let total = 0;
    for (;;) {
      const changed = await deps.update(async (data, now) => {
        const days = await deps.days();
        const tasks = archiveSweep(Object.values(data.tasks), days, now, ARCHIVE_BATCH);
        return { data: tasks.length ? { ...data, tasks: withTaskChanges(data.tasks, tasks) } : data, result: tasks.length };
      });
      total += changed;
      if (changed < ARCHIVE_BATCH) return total;
    }
  }

  return {
    sweep,
    /** A new worker: the alarm if it is missing (never moved: a worker starts far more often than daily), then a sweep. */
    async start(): Promise<number> {
      if (!(await deps.hasAlarm())) await deps.setAlarm();
      return sweep();
    },
    /** True when the alarm was ours. */
    onAlarm(name: string): boolean {
      if (name !== ARCHIVE_ALARM) return false;
      void sweep().catch(() => undefined);
      return true;
    },
  };
}

/** Did a settings change touch archiving? (storage.onChanged's old and new values, as stored.) */
export function archiveSettingChanged(change: { oldValue?: unknown; newValue?: unknown } | undefined): boolean {
  const days = (value: unknown) => (value && typeof value === 'object' ? (value as { archiveAfterDays?: unknown }).archiveAfterDays : undefined);
  return change !== undefined && days(change.oldValue) !== days(change.newValue);
}
