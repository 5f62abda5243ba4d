/**
 * The pages' view of the tracker: a zustand store filled from storage and kept in sync with
 * changes made elsewhere (a copy in an impact.com tab, the background's retries), so an open
 * popup or overview updates within a second. Pages never write here; they send messages to
 * the background, whose write then comes back through the storage watcher.
 *
 * Reading happens in two steps, so the first screen does not wait for thousands of tasks:
 * 1. one small storage read: the head (head.ts) with the tracker's revision, the settings and
 *    the set-aside records. A usable head is shown at once (`head`, `total`, complete: false).
 * 2. every task (in buckets, storage.ts readTracker), validated, once that first screen is
 *    painted (complete: true). After that, a change patches the tasks it names, never reads all.
 * Without a usable head, step 2 starts at once and the page shows "Loading…" until it ends.
 * Step 1 is usually already under way when the app starts (prefetch.ts), and the overview's
 * main.tsx waits for it (briefly) before its first render (startSyncBeforeRender).
 */
import { useEffect } from 'react';
import { browser } from 'wxt/browser';
import { create } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { parseHead, WITHOUT_TAB_FILTER, type HeadView } from './head';
import type { Prefetch } from './prefetch';
import { FIRST_READ_KEYS, firstReadKeys, HEAD_SLOT_NAMES, isTaskBucketName, LOCAL_KEY, SESSION_KEY, taskKeyOfLegacyName } from '../storage-keys';
import { bucketChanges, taskRecord, v1Tasks } from './buckets';
import type { RecoveredRecord, Settings, TrackedTask } from './schema';
import { RecoveredRecordSchema } from './schema';
import { parseProgress, type MigrationProgress } from './migrate';
import { parseSettings, readTracker, recoveryItem, settingsItem, trackerRev } from './storage';
import { checkTrackedTask } from './task-check';
import { withTaskChanges } from './task-map';

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
  /** Changes the worker could not store yet (storage refused them); shown, and in Export backup. */
  unsaved: { count: number; error: string } | null;
  /** A move of version 1 data under way (tracker/migrate.ts). */
  migration: MigrationProgress | null;
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
  unsaved: null,
  migration: null,
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
  /** The head's filter as stored (head.ts): later heads come without it while it is unchanged. */
  filter: unknown;
  /** The head's slots of tasks as stored (head.ts), likewise. */
  slots: unknown[];
  settings: Settings;
  recovery: Pick<TrackerStoreState, 'recovery'>;
  migration: MigrationProgress | null;
}

const KEY = {
  tracker: LOCAL_KEY.tracker,
  head: LOCAL_KEY.trackerHead,
  filter: LOCAL_KEY.trackerTabFilter,
  meta: LOCAL_KEY.trackerMeta,
  settings: LOCAL_KEY.settings,
  recovery: LOCAL_KEY.recovery,
  migration: LOCAL_KEY.trackerMigration,
};

/** A task record from storage or the worker's unsaved changes: the task, or null when removed or unreadable. */
function taskOf(key: string, raw: unknown): TrackedTask | null {
  if (raw === undefined || raw === null) return null;
  const parsed = checkTrackedTask(raw);
  return parsed.success && parsed.data.key === key ? parsed.data : null;
}

/** Apply task changes (key → task, null: gone) to the complete view, touching only those tasks. */
function patchTasks(state: TrackerStoreState, changes: ReadonlyMap<string, TrackedTask | null>): Partial<TrackerStoreState> {
  const put: TrackedTask[] = [];
  const removed: string[] = [];
  for (const [key, task] of changes) {
    if (task) put.push(task);
    else if (Object.hasOwn(state.byKey, key)) removed.push(key);
  }
  const byKey = withTaskChanges(state.byKey, put, removed);
  const gone = new Set(removed);
  const replaced = new Map(put.map((t) => [t.key, t]));
  const tasks: TrackedTask[] = [];
  for (const task of state.tasks) {
    if (gone.has(task.key)) continue;
    const next = replaced.get(task.key);
    tasks.push(next ?? task);
    replaced.delete(task.key);
  }
  tasks.push(...replaced.values());
  return { byKey, tasks, total: tasks.length };
}

function unsavedOf(raw: unknown): { summary: TrackerStoreState['unsaved']; tasks: Map<string, TrackedTask | null> } {
  const value = raw as { error?: unknown; tasks?: unknown } | undefined;
  const tasks = new Map<string, TrackedTask | null>();
  if (value && value.tasks && typeof value.tasks === 'object') {
    for (const [key, task] of Object.entries(value.tasks as Record<string, unknown>)) tasks.set(key, task === null ? null : taskOf(key, task));
  }
  const summary = tasks.size ? { count: tasks.size, error: typeof value?.error === 'string' ? value.error : '' } : null;
  return { summary, tasks };
}
const prefetched = () => (globalThis as { __trackerPrefetch?: Prefetch }).__trackerPrefetch;

/** The storage read prefetch.ts started, once (a later sync reads afresh). */
function takePrefetchedRead(): { read: Promise<Record<string, unknown>>; keys: readonly string[]; changed: Set<string>; stop(): void } | null {
  const prefetch = prefetched();
  if (!prefetch?.read) return null;
  const { read, keys = FIRST_READ_KEYS, changed, stop } = prefetch;
  prefetch.read = null;
  return { read, keys, changed, stop };
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
 * whatever changed since it was started (or it did not ask for) read again (the watchers only
 * cover what follows). Without `tabFilter`, the head's tab filter is not read (the overview).
 */
async function readFirst(tabFilter: boolean): Promise<FirstRead> {
  const keys = firstReadKeys(tabFilter);
  const prefetch = takePrefetchedRead();
  let values: Record<string, unknown> = {};
  let again = keys;
  if (prefetch) {
    try {
      values = { ...(await prefetch.read) };
      const { changed, keys: asked } = prefetch;
      // A tracker written without its head makes the prefetched head stale as well.
      again = keys.filter((k) => !asked.includes(k) || changed.has(k) || (changed.has(KEY.tracker) && (k === KEY.head || k === KEY.meta || k === KEY.filter || HEAD_SLOT_NAMES.includes(k))));
    } catch {
      values = {};
    } finally {
      prefetch.stop();
    }
  }
  if (again.length) {
    for (const key of again) delete values[key];
    Object.assign(values, await browser.storage.local.get([...again]));
  }
  const slots = HEAD_SLOT_NAMES.map((name) => values[name]);
  return {
    head: parseHead(values[KEY.head], trackerRev(values[KEY.meta]), tabFilter ? values[KEY.filter] : WITHOUT_TAB_FILTER, slots),
    filter: values[KEY.filter],
    slots,
    settings: parseSettings(values[KEY.settings]),
    recovery: recoveryPatch(values[KEY.recovery]),
    migration: parseProgress(values[KEY.migration]),
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
 * `tabFilter: false`: for a page that asks nothing about its tab (the overview), the head is
 * read and used without its tab filter.
 */
export function startTrackerSync(onFirstRead?: () => void, { tabFilter = true }: SyncOptions = {}): () => void {
  useTrackerStore.setState(initial(), true);
  let stopped = false;
  const fresh = { settings: false, recovery: false, migration: false };
  /** Task changes seen before every task was read: applied over that read (they are newer). */
  const early = new Map<string, TrackedTask | null>();
  /** The worker's unsaved changes, shown over what storage holds. */
  let unsaved = new Map<string, TrackedTask | null>();
  /** The head's filter and slots as last stored (from the first read, then from changes). */
  let filter: unknown;
  let slots: unknown[] | undefined;
  const applyTaskChanges = (changes: Map<string, TrackedTask | null>) => {
    if (!changes.size) return;
    const state = useTrackerStore.getState();
    if (state.complete) useTrackerStore.setState(patchTasks(state, changes));
    else for (const [key, task] of changes) early.set(key, task);
  };
  const onChanged = (changes: Record<string, { oldValue?: unknown; newValue?: unknown }>, area: string) => {
    if (area === 'session' && SESSION_KEY.pendingTasks in changes) {
      const next = unsavedOf(changes[SESSION_KEY.pendingTasks]?.newValue);
      // A task no longer pending is stored now, as shown: its local change was held back above.
      unsaved = next.tasks;
      useTrackerStore.setState({ unsaved: next.summary });
      applyTaskChanges(new Map(next.tasks));
      return;
    }
    if (area !== 'local') return;
    const tasks = new Map<string, TrackedTask | null>();
    for (const [name, change] of Object.entries(changes)) {
      // The tasks whose text changed in a bucket; an unsaved change stays on screen until the worker stores it.
      if (isTaskBucketName(name)) {
        for (const [key, text] of bucketChanges(change.oldValue, change.newValue)) if (!unsaved.has(key)) tasks.set(key, taskOf(key, taskRecord(text)));
        continue;
      }
      // A version 2 copy (an older build, a tool): shown until the worker moves it into a
      // bucket. Its removal is that move (the bucket change says so), never the task's.
      const key = taskKeyOfLegacyName(name);
      if (key !== undefined && change.newValue !== undefined && change.newValue !== null && !unsaved.has(key)) tasks.set(key, taskOf(key, change.newValue));
    }
    // Version 1 tasks (an older build or a tool wrote them; the worker moves them).
    const v1 = KEY.tracker in changes ? v1Tasks(changes[KEY.tracker]!.newValue) : undefined;
    if (v1) for (const [key, raw] of Object.entries(v1)) tasks.set(key, taskOf(key, raw));
    applyTaskChanges(tasks);
    // The head's filter and slots come with a write only when they changed (head.ts).
    if (KEY.filter in changes) filter = changes[KEY.filter]!.newValue;
    if (HEAD_SLOT_NAMES.some((name) => name in changes)) {
      slots = HEAD_SLOT_NAMES.map((name, i) => (name in changes ? changes[name]!.newValue : slots?.[i]));
    }
    // Until every task is read, the first screen follows the head each write brings along.
    if (KEY.head in changes && !useTrackerStore.getState().complete) {
      const head = parseHead(changes[KEY.head]!.newValue, trackerRev(changes[KEY.meta]?.newValue), tabFilter ? filter : WITHOUT_TAB_FILTER, slots);
      if (head) useTrackerStore.setState({ head, total: head.total, loaded: true });
    }
    if (KEY.migration in changes) {
      fresh.migration = true;
      useTrackerStore.setState({ migration: parseProgress(changes[KEY.migration]!.newValue) });
    }
  };
  browser.storage.onChanged.addListener(onChanged);
  const unwatch = [
    () => browser.storage.onChanged.removeListener(onChanged),
    settingsItem.watch((value) => {
      fresh.settings = true;
      useTrackerStore.setState({ settings: parseSettings(value) });
    }),
    recoveryItem.watch((value) => {
      fresh.recovery = true;
      useTrackerStore.setState(recoveryPatch(value));
    }),
  ];
  void browser.storage.session
    ?.get(SESSION_KEY.pendingTasks)
    .then((got) => {
      if (stopped || unsaved.size) return;
      const first = unsavedOf(got[SESSION_KEY.pendingTasks]);
      unsaved = first.tasks;
      useTrackerStore.setState({ unsaved: first.summary });
      applyTaskChanges(new Map(first.tasks));
    })
    .catch(() => undefined);
  const readAll = () =>
    void readTracker().then((tracker) => {
      if (stopped) return;
      const tasks = tracker.data.tasks;
      for (const [key, task] of [...early, ...unsaved]) {
        if (task) tasks[key] = task;
        else delete tasks[key];
      }
      early.clear();
      useTrackerStore.setState(completePatch(tasks));
    });
  void readFirst(tabFilter)
    .catch((): FirstRead => ({ head: null, filter: undefined, slots: [], settings: parseSettings({}), recovery: { recovery: [] }, migration: null }))
    .then(({ head, filter: firstFilter, slots: firstSlots, settings, recovery, migration }) => {
      if (stopped) return;
      filter ??= firstFilter;
      // Slots changed meanwhile are newer than the first read's.
      slots = firstSlots.map((value, i) => (slots && slots[i] !== undefined ? slots[i] : value));
      // A head is older than any task change seen meanwhile (which brought its own head along).
      const current = useTrackerStore.getState();
      const showHead = head !== null && early.size === 0 && !current.complete && current.head === null;
      useTrackerStore.setState({
        ...(fresh.settings ? {} : { settings }),
        ...(fresh.recovery ? {} : recovery),
        ...(fresh.migration ? {} : { migration }),
        ...(showHead ? { head, total: head.total, loaded: true } : {}),
      });
      if (showHead) afterPaint(readAll);
      else readAll();
      onFirstRead?.();
    });
  return () => {
    stopped = true;
    for (const u of unwatch) u();
  };
}

export interface SyncOptions {
  /** Whether the page asks the head about its tab (the popup; default): false reads no tab filter. */
  tabFilter?: boolean;
}

/** A sync started before the page's first render (startSyncBeforeRender), for useTrackerSync to take over. */
let startedEarly: (() => void) | null = null;

/**
 * For a page's main.tsx (the overview's): starts reading before React renders, and resolves once the first read
 * is in the store (the head, the settings) or after `limitMs`, whichever comes first. Rendered
 * then, the page's first render already shows the head: no render and frame of an empty page
 * while the head is read, then a second render. useTrackerSync takes this sync over.
 */
export function startSyncBeforeRender(limitMs: number, options?: SyncOptions): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, limitMs);
    startedEarly = startTrackerSync(() => {
      clearTimeout(timer);
      resolve();
    }, options);
  });
}

/** Mount once at a page's root (it takes over the sync main.tsx started, if any). */
export function useTrackerSync(): void {
  useEffect(() => {
    const early = startedEarly;
    startedEarly = null;
    return early ?? startTrackerSync();
  }, []);
}

export function useTracker<T>(select: (view: TrackerStoreState) => T): T {
  return useTrackerStore(select);
}

/** What the popup and the overview both show: whether anything is known yet, the head or every task, and what needs the creator's attention. */
export type TrackerPageView = Pick<TrackerStoreState, 'loaded' | 'complete' | 'head' | 'total' | 'tasks' | 'settings' | 'recovery' | 'unsaved' | 'migration'>;

/** The page view in one subscription: it re-renders only when one of these fields changes. */
export function useTrackerPage(): TrackerPageView {
  return useTrackerStore(
    useShallow(({ loaded, complete, head, total, tasks, settings, recovery, unsaved, migration }) => ({
      loaded,
      complete,
      head,
      total,
      tasks,
      settings,
      recovery,
      unsaved,
      migration,
    })),
  );
}
