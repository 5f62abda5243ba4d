/**
 * The pages' view of the tracker: a zustand store filled from storage and kept in sync with
 * changes made elsewhere (a copy in an impact.com tab, the background's retries), so an open
 * popup or overview updates within a second. Pages never write here; they send messages to
 * the background, whose write then comes back through the storage watcher.
 *
 * Reading happens in two steps, so the first screen does not wait for thousands of tasks:
 * 1. one small storage read: the head (head.ts) with the tracker's revision, the settings and
 *    the set-aside records. A usable head is shown at once (`head`, `total`, complete: false).
 * 2. the whole tracker, validated, once that first screen is painted (complete: true).
 * Without a usable head, step 2 starts at once and the page shows "Loading…" until it ends.
 * Step 1 is usually already under way when the app starts (prefetch.ts).
 */
import { useEffect } from 'react';
import { browser } from 'wxt/browser';
import { create } from 'zustand';
import { parseHead, type HeadView } from './head';
import type { Prefetch } from './prefetch';
import { FIRST_READ_KEYS, LOCAL_KEY } from '../storage-keys';
import type { RecoveredRecord, Settings, TrackedTask } from './schema';
import { RecoveredRecordSchema } from './schema';
import {
  parseSettings,
  parseTrackerData,
  readTracker,
  recoveryItem,
  settingsItem,
  trackerItem,
  trackerRev,
} from './storage';

/** What the popup and the overview read (a zustand store); not the content script's TrackerView. */
export interface TrackerStoreState {
  /** False until there is something to show: the head or the whole tracker. */
  loaded: boolean;
  /** True once `tasks` holds every task; until then only `head` is known. */
  complete: boolean;
  /** The first screen, while the whole tracker is on its way (null once complete, or when unusable). */
  head: HeadView | null;
  /** How many tasks are tracked (known from the head before `tasks` is complete). */
  total: number;
  /** Every task (empty until complete). */
  tasks: TrackedTask[];
  byKey: Record<string, TrackedTask>;
  settings: Settings;
  /** Records set aside as damaged (local:recovery). */
  recovery: RecoveredRecord[];
}

const initial = (): TrackerStoreState => ({
  loaded: false,
  complete: false,
  head: null,
  total: 0,
  tasks: [],
  byKey: {},
  settings: parseSettings({}),
  recovery: [],
});

export const useTrackerStore = create<TrackerStoreState>(() => initial());

function completePatch(tasks: Record<string, TrackedTask>): Partial<TrackerStoreState> {
  const list = Object.values(tasks);
  return { byKey: tasks, tasks: list, total: list.length, complete: true, head: null, loaded: true };
}

function recoveryPatch(raw: unknown): Pick<TrackerStoreState, 'recovery'> {
  return { recovery: Array.isArray(raw) ? raw.filter((r) => RecoveredRecordSchema.safeParse(r).success) : [] };
}

interface FirstRead {
  head: HeadView | null;
  settings: Settings;
  recovery: Pick<TrackerStoreState, 'recovery'>;
}

const KEY = {
  tracker: LOCAL_KEY.tracker,
  head: LOCAL_KEY.trackerHead,
  meta: LOCAL_KEY.trackerMeta,
  settings: LOCAL_KEY.settings,
  recovery: LOCAL_KEY.recovery,
};
const FIRST_KEYS: string[] = [...FIRST_READ_KEYS];

const prefetched = () => (globalThis as { __trackerPrefetch?: Prefetch }).__trackerPrefetch;

/** The storage read prefetch.ts started, once (a later sync reads afresh). */
function takePrefetchedRead(): { read: Promise<Record<string, unknown>>; changed: Set<string>; stop(): void } | null {
  const prefetch = prefetched();
  if (!prefetch?.read) return null;
  const { read, changed, stop } = prefetch;
  prefetch.read = null;
  return { read, changed, stop };
}

/** The active-tab query prefetch.ts started for the popup, once; null when there is none. */
export function takePrefetchedTab(): Promise<{ id?: number; url?: string }[]> | null {
  const prefetch = prefetched();
  const tab = prefetch?.tab ?? null;
  if (prefetch) prefetch.tab = null;
  return tab;
}

/**
 * Step 1: the small items, in one storage call — the prefetched one when there is one, with
 * whatever changed since it was started read again (the watchers only cover what follows).
 */
async function readFirst(): Promise<FirstRead> {
  const prefetch = takePrefetchedRead();
  let values: Record<string, unknown> = {};
  let again = FIRST_KEYS;
  if (prefetch) {
    try {
      values = { ...(await prefetch.read) };
      const changed = prefetch.changed;
      // A tracker written without its head makes the prefetched head stale as well.
      again = FIRST_KEYS.filter((k) => changed.has(k) || (changed.has(KEY.tracker) && (k === KEY.head || k === KEY.meta)));
    } catch {
      values = {};
    } finally {
      prefetch.stop();
    }
  }
  if (again.length) {
    for (const key of again) delete values[key];
    Object.assign(values, await browser.storage.local.get(again));
  }
  return {
    head: parseHead(values[KEY.head], trackerRev(values[KEY.meta])),
    settings: parseSettings(values[KEY.settings]),
    recovery: recoveryPatch(values[KEY.recovery]),
  };
}

/** Run once the current frame has been painted (or soon, in a document that gets no frames). */
function afterPaint(run: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    run();
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(once, 0));
  setTimeout(once, 100);
}

/**
 * Read storage and watch it. The watchers are registered first and win over the initial
 * reads, so a change that lands while a read is in flight is never replaced by older data
 * (nor by the head, which is older than any change of the tracker).
 */
export function startTrackerSync(): () => void {
  useTrackerStore.setState(initial(), true);
  let stopped = false;
  const fresh = { tasks: false, settings: false, recovery: false };
  const unwatch = [
    trackerItem.watch((value) => {
      fresh.tasks = true;
      useTrackerStore.setState(completePatch(parseTrackerData(value, Date.now()).data.tasks));
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
  const readAll = () =>
    void readTracker().then((tracker) => {
      if (!stopped && !fresh.tasks) useTrackerStore.setState(completePatch(tracker.data.tasks));
    });
  void readFirst()
    .catch((): FirstRead => ({ head: null, settings: parseSettings({}), recovery: { recovery: [] } }))
    .then(({ head, settings, recovery }) => {
      if (stopped) return;
      const showHead = head !== null && !fresh.tasks;
      useTrackerStore.setState({
        ...(fresh.settings ? {} : { settings }),
        ...(fresh.recovery ? {} : recovery),
        ...(showHead ? { head, total: head.total, loaded: true } : {}),
      });
      if (fresh.tasks) return;
      if (showHead) afterPaint(readAll);
      else readAll();
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

export function useTracker<T>(select: (view: TrackerStoreState) => T): T {
  return useTrackerStore(select);
}
