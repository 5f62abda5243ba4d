/**
 * The pages' view of the tracker: a zustand store filled from storage and kept in sync with
 * changes made elsewhere (a copy in an impact.com tab, the background's retries), so an open
 * popup or overview updates within a second. Pages never write here; they send messages to
 * the background, whose write then comes back through the storage watcher.
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import type { RecoveredRecord, Settings, TrackedTask } from './schema';
import {
  parseSettings,
  parseTrackerData,
  readRecovery,
  readSettings,
  readTracker,
  recoveryItem,
  settingsItem,
  trackerItem,
} from './storage';
import { RecoveredRecordSchema } from './schema';

export interface TrackerView {
  /** False until storage has been read once (pages show nothing rather than "empty"). */
  loaded: boolean;
  tasks: TrackedTask[];
  byKey: Record<string, TrackedTask>;
  settings: Settings;
  /** Records set aside as damaged (local:recovery). */
  recovery: RecoveredRecord[];
}

const initial = (): TrackerView => ({
  loaded: false,
  tasks: [],
  byKey: {},
  settings: parseSettings({}),
  recovery: [],
});

export const useTrackerStore = create<TrackerView>(() => initial());

function tasksPatch(raw: unknown): Pick<TrackerView, 'tasks' | 'byKey'> {
  const { data } = parseTrackerData(raw, Date.now());
  return { byKey: data.tasks, tasks: Object.values(data.tasks) };
}

function recoveryPatch(raw: unknown): Pick<TrackerView, 'recovery'> {
  return { recovery: Array.isArray(raw) ? raw.filter((r) => RecoveredRecordSchema.safeParse(r).success) : [] };
}

/**
 * Read storage and watch it. The watchers are registered first and win over the initial
 * read, so a change that lands while the read is in flight is never replaced by older data.
 */
export function startTrackerSync(): () => void {
  useTrackerStore.setState(initial(), true);
  let stopped = false;
  const fresh = { tasks: false, settings: false, recovery: false };
  const unwatch = [
    trackerItem.watch((value) => {
      fresh.tasks = true;
      useTrackerStore.setState({ ...tasksPatch(value), loaded: true });
    }),
    settingsItem.watch((value) => {
      fresh.settings = true;
      useTrackerStore.setState({ settings: parseSettings(value) });
    }),
    recoveryItem.watch((value) => {
      fresh.recovery = true;
      useTrackerStore.setState(recoveryPatch(value));
    }),
  ];
  void Promise.all([readTracker(), readSettings(), readRecovery()]).then(([tracker, settings, recovery]) => {
    if (stopped) return;
    useTrackerStore.setState({
      ...(fresh.tasks ? {} : { byKey: tracker.data.tasks, tasks: Object.values(tracker.data.tasks) }),
      ...(fresh.settings ? {} : { settings }),
      ...(fresh.recovery ? {} : { recovery }),
      loaded: true,
    });
  });
  return () => {
    stopped = true;
    for (const u of unwatch) u();
  };
}

/** Mount once at a page's root. */
export function useTrackerSync(): void {
  useEffect(() => startTrackerSync(), []);
}

export function useTracker<T>(select: (view: TrackerView) => T): T {
  return useTrackerStore(select);
}
