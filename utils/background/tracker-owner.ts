/**
 * The background worker owns the tracker and the settings: every write is a read-modify-write
 * that runs strictly after the previous one (one promise chain for both), so updates from two
 * tabs, the popup, the overview and the retry alarms never overwrite each other. Pages only
 * read and watch storage.
 *
 * Tasks are stored in buckets of JSON text (tracker/buckets.ts). The worker keeps every task in
 * memory, with the head's orders (tracker/head-index.ts) and each bucket's text, loaded once
 * per worker life; a change runs the pure reducers on that copy, and one `storage.local.set`
 * (@wxt-dev/storage `setItems`: one call per area) stores only the buckets it touched, the metadata with the next revision (`tracker$`.rev)
 * and the head at that revision, so no reader ever sees them disagree and a tick costs about
 * the same at 50 tasks and at 50,000. The copy is read again from storage when the stored
 * revision is not the one it knows, or when someone else wrote tasks (storage-check.ts).
 *
 * A write storage refuses (full disk, quota) loses nothing: the change stays in memory and
 * in `storage.session` (pendingTasks: its own quota, kept across worker stops), pages show it
 * and offer Export backup, and every later write, a timer and the next worker start retry it.
 */
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { filterText, HeadSlotTexts, headText, HeadOpenedTabsSchema, readSlotText, slotText, storedHead, type TrackerHead } from '../tracker/head';
import { HeadIndex } from '../tracker/head-index';
import { keepNameIndex, NameIndex } from '../tracker/name-index';
import { copyV1Tasks } from '../tracker/migrate';
import { HEAD_SLOT_NAMES, holdsTasks, isTaskBucketName, LOCAL_KEY, SESSION_KEY, taskKeyOfLegacyName } from '../storage-keys';
import { readInPieces } from '../storage-pieces';
import { bucketForNewTask, readBucket, taskRecord, type BucketContent } from '../tracker/buckets';
import { type RecoveredRecord, type Settings, type TrackedTask, type TrackerData } from '../tracker/schema';
import { taskChanges, type TaskChanges } from '../tracker/task-map';
import { checkTrackedTask } from '../tracker/task-check';
import {
  checkStoredTask,
  MOVED_TRACKER,
  readTracker,
  recoveryItem,
  settingsItem,
  TRACKER_VERSION,
  trackerMeta,
  trackerNeedsMove,
  trackerRev,
  type TrackerMeta,
} from '../tracker/storage';

let queue: Promise<unknown> = Promise.resolve();

export interface TrackerWrite<T> {
  data: TrackerData;
  result: T;
}

const KEY = { tracker: LOCAL_KEY.tracker, meta: LOCAL_KEY.trackerMeta, head: LOCAL_KEY.trackerHead, filter: LOCAL_KEY.trackerTabFilter, migration: LOCAL_KEY.trackerMigration };

interface Loaded {
  /** Every valid task, by key; changed in place only after the reducers are done with it. */
  tasks: Record<string, TrackedTask>;
  index: HeadIndex;
  /** The same tasks by name (a task seen without its ids is looked for by its names), kept in step by place. */
  names: NameIndex;
  /** The same tasks as a list, kept in step by commit (Object.values of 50,000 keys: ~70 ms). */
  list: TaskList;
  /** The revision last stored (or about to be: see commit). */
  rev: number;
  meta: TrackerMeta;
  /** Each bucket's content as it is to be stored (task key → JSON text), by bucket name. */
  buckets: Map<string, BucketContent>;
  /** The bucket each task is in. */
  where: Map<string, string>;
  /** Buckets whose content differs from what storage holds: the next write stores them. */
  dirty: Set<string>;
  /** Version 2 keys (`task:<key>`) whose tasks are in `buckets` now: removed once those are stored. */
  legacy: string[];
  /** The head's filter as storage holds it (stored apart, written only when it changes: head.ts); undefined when storage holds none that can be used. */
  filter?: StoredFilter;
  /** The head's slots of tasks as storage holds them (head.ts HeadSlotTexts), by slot; written only when they change. */
  slots: (StoredSlot | undefined)[];
  /** Makes the slots' texts, again only for the slots whose content changed. */
  slotTexts: HeadSlotTexts;
}

let loaded: Loaded | null = null;
/** Who follows the tasks' changes (followTasks): each change placed is noted for those following this copy (`of`). */
const followers = new Set<{ of: Loaded | null; changed: Map<string, TrackedTask | undefined> }>();

/** Tasks in a list, each replaced or removed in place (removal moves the last one into its slot). */
class TaskList {
  private readonly items: TrackedTask[];
  private readonly slot = new Map<string, number>();
  constructor(tasks: Iterable<TrackedTask>) {
    this.items = [...tasks];
    this.items.forEach((task, i) => this.slot.set(task.key, i));
  }
  set(key: string, task: TrackedTask | undefined): void {
    const i = this.slot.get(key);
    if (task) {
      if (i === undefined) this.slot.set(key, this.items.push(task) - 1);
      else this.items[i] = task;
    } else if (i !== undefined) {
      const last = this.items.pop()!;
      this.slot.delete(key);
      if (i < this.items.length) {
        this.items[i] = last;
        this.slot.set(last.key, i);
      }
    }
  }
  /** A copy (the list goes on changing with later writes). */
  copy(): TrackedTask[] {
    return this.items.slice();
  }
}

/** Changes not stored yet (storage refused them), by task key (null: a removed task), until a retry stores them. */
const pending = new Map<string, TrackedTask | null>();
let pendingError: string | undefined;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
/** Retries back off from 5 s to 5 min: a full disk is rarely freed at once. */
const RETRY_FIRST_MS = 5_000;
const RETRY_MAX_MS = 5 * 60_000;
let retryDelay = RETRY_FIRST_MS;
/** Version 2 task keys this worker is removing: their change events are its own. */
const ownRemovals = new Set<string>();

function serialize<T>(job: () => Promise<T>): Promise<T> {
  const run = queue.then(job);
  // Keep the chain alive after a failed update.
  queue = run.catch(() => undefined);
  return run;
}

/**
 * Buckets written without the head in the same call, version 2 task keys, or version 1 tasks
 * in `tracker` were written by someone else (a tool, a test, an older build): the copy in
 * memory no longer matches storage. It is dropped, and the head rebuilt (and older versions'
 * tasks moved) at once.
 */
function onStorageChanged(changes: Record<string, unknown>, area: string): void {
  // This worker's writes carry the head, its migration batches the progress marker.
  if (area !== 'local' || KEY.head in changes || KEY.migration in changes) return;
  let foreign = KEY.tracker in changes && trackerNeedsMove((changes[KEY.tracker] as { newValue?: unknown } | undefined)?.newValue);
  for (const name in changes) {
    if (isTaskBucketName(name)) foreign = true;
    else if (taskKeyOfLegacyName(name) !== undefined && !ownRemovals.delete(name)) foreign = true;
  }
  if (!foreign) return;
  loaded = null;
  refreshAfterForeignWrites();
}

/** A refresh for foreign writes is waiting to start (a timer or the queue). */
let foreignRefreshWaiting = false;
/** Writes of many keys come in chunks, one change event each: one reload of every task after them. */
const FOREIGN_SETTLE_MS = 200;

/**
 * One head rebuild for a burst of foreign writes: a write while one waits joins it, a write
 * after it started gets the next. (50,000 tasks written in 5 chunks cost 5 full reloads.)
 */
function refreshAfterForeignWrites(): void {
  if (foreignRefreshWaiting) return;
  foreignRefreshWaiting = true;
  setTimeout(() => {
    void serialize(() => {
      foreignRefreshWaiting = false;
      return refreshHeadNow();
    }).catch(() => undefined);
  }, FOREIGN_SETTLE_MS);
}

/** Remove version 2 task keys (storage.local.set cannot), known as this worker's own change. */
async function removeOwn(names: string[]): Promise<void> {
  for (const name of names) ownRemovals.add(name);
  try {
    await browser.storage.local.remove(names);
  } catch (error) {
    for (const name of names) ownRemovals.delete(name);
    throw error;
  }
}

/**
 * Notice writes by others from now on (storage-check.ts calls it in the worker's first turn,
 * so such a write also wakes the worker; the writer calls it too, for tests without a worker).
 */
export function watchForeignWrites(): void {
  if (!browser.storage.onChanged.hasListener(onStorageChanged)) browser.storage.onChanged.addListener(onStorageChanged);
}

/**
 * Every stored task, checked. Damaged ones are set aside (never dropped) and their buckets
 * written again without them; a task stored twice keeps the copy changed last; version 2
 * copies (`task:<key>`: not moved yet, an older build, a tool) move into buckets, the copy
 * changed last winning. Changes not stored yet are put back over what storage holds.
 */
async function loadAll(now: number): Promise<Loaded> {
  // In pieces (storage-pieces.ts): a page's first read goes between them. Nothing else writes
  // tasks meanwhile but a tool, whose write onStorageChanged notices (the copy is read again).
  const all = await readInPieces(browser.storage.local, loadedName);
  const meta = trackerMeta(all[KEY.meta]);
  const l: Loaded = {
    tasks: {},
    index: new HeadIndex([]),
    names: new NameIndex(() => []),
    list: new TaskList([]),
    rev: trackerRev(meta),
    meta,
    buckets: new Map(),
    where: new Map(),
    dirty: new Set(),
    legacy: [],
    // What storage holds of the head's parts: a part the next head has unchanged is not written again.
    filter: readStoredFilter(all[KEY.filter]),
    slots: HEAD_SLOT_NAMES.map((name) => readSlotText(all[name])),
    slotTexts: new HeadSlotTexts(),
  };
  const { tasks, buckets, where, dirty } = l;
  const rejected: RecoveredRecord[] = [];
  const check = (key: string, stored: unknown): TrackedTask | undefined => {
    const checked = checkStoredTask(key, stored, now, { record: taskRecord(stored) });
    if (checked.rejected) rejected.push(checked.rejected);
    return checked.task;
  };
  for (const [name, value] of Object.entries(all)) {
    if (!isTaskBucketName(name)) continue;
    const { content, damaged } = readBucket(value);
    buckets.set(name, content);
    for (const raw of damaged) rejected.push({ at: now, source: 'storage', reason: 'The stored tasks have an unknown shape.', raw });
    if (damaged.length) dirty.add(name);
    for (const [key, text] of Object.entries(content)) {
      const task = check(key, text);
      const other = where.get(key);
      if (task && other !== undefined && task.updatedAt > tasks[key]!.updatedAt) {
        delete buckets.get(other)![key];
        dirty.add(other);
      } else if (!task || other !== undefined) {
        delete content[key];
        dirty.add(name);
        continue;
      }
      tasks[key] = task;
      where.set(key, name);
    }
  }
  const changed: TrackedTask[] = [];
  for (const [name, value] of Object.entries(all)) {
    const key = taskKeyOfLegacyName(name);
    if (key === undefined) continue;
    l.legacy.push(name);
    const task = value === undefined || value === null ? undefined : check(key, value);
    if (task && !(tasks[key] && tasks[key].updatedAt >= task.updatedAt)) changed.push(task);
  }
  const values = Object.values(tasks);
  l.index = new HeadIndex(values);
  l.names = new NameIndex(() => l.list.copy());
  keepNameIndex(tasks, l.names);
  l.list = new TaskList(values);
  for (const task of changed) place(l, task.key, task);
  // Changes not stored yet (this worker's, or a stopped worker's kept in session storage) win.
  await restorePending();
  for (const [key, task] of pending) place(l, key, task ?? undefined);
  if (rejected.length) await setAside(rejected);
  if (rejected.length || dirty.size || l.legacy.length) await storePending(l);
  return l;
}

const HEAD_PART_NAMES = new Set<string>([KEY.meta, KEY.filter, ...HEAD_SLOT_NAMES]);

/** What loadAll reads: where tasks are stored, the metadata and the head's stored parts. */
function loadedName(name: string): boolean {
  return holdsTasks(name) || HEAD_PART_NAMES.has(name);
}

/** Put a task (undefined: remove it) in the copy in memory and in its bucket, to be stored. */
function place(l: Loaded, key: string, task: TrackedTask | undefined): void {
  const name = l.where.get(key) ?? bucketForNewTask(key);
  // A new object per change: the one handed to storage.local.set is never changed afterwards.
  const content = { ...l.buckets.get(name) };
  if (task) {
    content[key] = JSON.stringify(task);
    l.where.set(key, name);
    l.tasks[key] = task;
  } else {
    delete content[key];
    l.where.delete(key);
    delete l.tasks[key];
  }
  l.index.set(key, task);
  l.names.set(key, task);
  l.list.set(key, task);
  for (const follower of followers) if (follower.of === l) follower.changed.set(key, task);
  l.buckets.set(name, content);
  l.dirty.add(name);
}

/**
 * The tasks in memory, matching storage: version 1 data moved first (once), then loaded if
 * this worker has no copy or storage moved on without it.
 */
async function ensureLoaded(now: number, known?: Record<string, unknown>): Promise<Loaded> {
  watchForeignWrites();
  // A version 1 value is one large object: read it as few times as possible (known: the caller read it).
  const got: Record<string, unknown> = known ?? (await browser.storage.local.get([KEY.tracker, KEY.meta, KEY.migration]));
  if (trackerNeedsMove(got[KEY.tracker]) || got[KEY.migration] !== undefined) {
    loaded = await moveV1(now, got);
    return loaded;
  } else if (loaded && trackerRev(got[KEY.meta]) === loaded.rev) {
    return loaded;
  }
  loaded = await loadAll(now);
  return loaded;
}

/**
 * Version 1's tasks into buckets (migrate.ts: its last batch empties the version 1 value, once
 * the records that could not be read are set aside), then the switch-over in one write;
 * resolves to every task, loaded.
 */
async function moveV1(now: number, got: Record<string, unknown>): Promise<Loaded> {
  let setAsideDone = false;
  // A run that resumes may follow one stopped after setting these aside: not added twice.
  const resumed = got[KEY.migration] !== undefined;
  const beforeLast = async (rejected: RecoveredRecord[]) => {
    if (rejected.length) await (resumed ? setAsideNew(rejected) : setAside(rejected));
    setAsideDone = true;
  };
  const copied = await copyV1Tasks(browser.storage.local, now, undefined, got, beforeLast);
  const l = await loadAll(now);
  if (copied?.rejected.length && !setAsideDone) await setAside(copied.rejected);
  loaded = l;
  await commit(l, { put: [], removed: [] }, { force: true, extra: { [KEY.tracker]: MOVED_TRACKER } });
  await browser.storage.local.remove(KEY.migration);
  return l;
}

/** The head's filter as stored: its text and the revision it was written at. */
interface StoredFilter {
  filter: string;
  rev: number;
}

/** A slot of the head's tasks as stored: its body (head.ts headSlotBodies) and the revision it was written at. */
interface StoredSlot {
  body: string;
  rev: number;
}

function readStoredFilter(raw: unknown): StoredFilter | undefined {
  const value = storedHead(raw) as Partial<StoredFilter> | undefined;
  return value && typeof value.filter === 'string' && typeof value.rev === 'number' ? { filter: value.filter, rev: value.rev } : undefined;
}

/** The metadata and head at this revision, and the head's filter and slots that storage does not hold yet. */
function headItems(l: Loaded, rev: number): { items: Record<string, unknown>; filter: StoredFilter; slots: StoredSlot[] } {
  const head: TrackerHead = l.index.head(rev);
  const items: Record<string, unknown> = { [KEY.meta]: { ...l.meta, v: TRACKER_VERSION, rev } };
  let filter = l.filter;
  if (filter?.filter !== head.filter) {
    filter = { filter: head.filter, rev };
    items[KEY.filter] = filterText(head, rev);
  }
  const slots = l.slotTexts.bodies(head).map((body, i): StoredSlot => {
    const stored = l.slots[i];
    if (stored?.body === body) return stored;
    items[HEAD_SLOT_NAMES[i]!] = slotText(body, rev);
    return { body, rev };
  });
  items[KEY.head] = headText(head, filter.rev, slots.map((slot) => slot.rev));
  return { items, filter, slots };
}

/**
 * Apply changes to the copy in memory and store them with the next revision and head, in one
 * set. Refused: kept as pending, retried later; the caller's change still counts.
 */
async function commit(l: Loaded, changes: TaskChanges, opts: { force?: boolean; extra?: Record<string, unknown> } = {}): Promise<boolean> {
  if (!changes.put.length && !changes.removed.length && !opts.force) return false;
  for (const task of changes.put) {
    place(l, task.key, task);
    pending.set(task.key, task);
  }
  for (const key of changes.removed) {
    place(l, key, undefined);
    pending.set(key, null);
  }
  await storePending(l, opts.extra);
  return true;
}

/**
 * Store the buckets that changed with a new revision and head, in one set (an emptied bucket
 * is stored empty, not removed: one call, so no reader sees half a change); then remove the
 * version 2 keys moved in. On refusal keep the changes pending and say so.
 */
async function storePending(l: Loaded, extra: Record<string, unknown> = {}): Promise<boolean> {
  const rev = l.rev + 1;
  const items: Record<string, unknown> = { ...extra };
  const writing = [...l.dirty];
  for (const name of writing) items[name] = l.buckets.get(name) ?? {};
  const stored = new Map(pending);
  const head = headItems(l, rev);
  Object.assign(items, head.items);
  try {
    await storage.setItems(Object.entries(items).map(([name, value]) => ({ key: `local:${name}` as const, value })));
    l.rev = rev;
    l.filter = head.filter;
    l.slots = head.slots;
    // We are in the queue: nothing changed these buckets meanwhile.
    for (const name of writing) l.dirty.delete(name);
    if (l.legacy.length) {
      await removeOwn(l.legacy);
      l.legacy = [];
    }
    for (const [key, task] of stored) if (pending.get(key) === task) pending.delete(key);
    // Session storage is touched only when it holds pending changes: a tick costs no extra call.
    if (sessionHolds || pendingError !== undefined || pending.size) await savePending(undefined);
    return true;
  } catch (error) {
    pendingError = String((error as Error)?.message ?? error).slice(0, 300);
    await savePending(pendingError);
    scheduleRetry();
    return false;
  }
}

/** Whether session storage holds pending changes (this worker's, or a stopped one's). */
let sessionHolds = false;

/** What pages show while changes wait (and what a new worker picks up): session storage. */
async function savePending(error: string | undefined): Promise<void> {
  pendingError = pending.size ? error ?? pendingError : undefined;
  if (!pending.size) {
    retryDelay = RETRY_FIRST_MS;
    await browser.storage.session?.remove(SESSION_KEY.pendingTasks).catch(() => undefined);
    sessionHolds = false;
    return;
  }
  sessionHolds = true;
  const tasks: Record<string, TrackedTask | null> = {};
  for (const [key, task] of pending) tasks[key] = task;
  const value = { since: Date.now(), error: pendingError ?? 'not stored yet', tasks };
  await browser.storage.session?.set({ [SESSION_KEY.pendingTasks]: value }).catch(() => undefined);
}

/** A stopped worker's pending changes, from session storage, unless this worker has its own. */
async function restorePending(): Promise<void> {
  if (pending.size || !browser.storage.session) return;
  const got = await browser.storage.session.get(SESSION_KEY.pendingTasks).catch(() => ({}) as Record<string, unknown>);
  const tasks = (got[SESSION_KEY.pendingTasks] as { tasks?: Record<string, unknown> } | undefined)?.tasks;
  if (!tasks || typeof tasks !== 'object') return;
  sessionHolds = true;
  for (const [key, raw] of Object.entries(tasks)) {
    if (raw === null) pending.set(key, null);
    else {
      const parsed = checkTrackedTask(raw);
      if (parsed.success && parsed.data.key === key) pending.set(key, parsed.data);
    }
  }
}

function scheduleRetry(): void {
  if (retryTimer !== undefined) return;
  retryTimer = setTimeout(() => {
    retryTimer = undefined;
    void retryPending().catch(() => undefined);
  }, retryDelay);
  retryDelay = Math.min(retryDelay * 2, RETRY_MAX_MS);
}

/** Try to store the changes storage refused; resolves to how many still wait. */
export function retryPending(): Promise<number> {
  return serialize(async () => {
    const l = await ensureLoaded(Date.now());
    if (pending.size || l.dirty.size) await storePending(l);
    return pending.size;
  });
}

/** How many changes wait to be stored (0 normally). */
export function pendingCount(): number {
  return pending.size;
}

/**
 * Run `update` on the current data and store what it changed. Records that fail validation
 * are moved to the recovery list when the data is loaded, never dropped.
 */
export function updateTracker<T>(update: (data: TrackerData, now: number) => TrackerWrite<T> | Promise<TrackerWrite<T>>): Promise<T> {
  return serialize(async () => {
    const now = Date.now();
    const l = await ensureLoaded(now);
    const data: TrackerData = { tasks: l.tasks };
    const written = await update(data, now);
    if (written.data !== data) await commit(l, taskChanges(l.tasks, written.data.tasks));
    else if (pending.size || l.dirty.size) await storePending(l);
    return written.result;
  });
}

/** One task as the writer has it (after every write queued before this call). */
export function readTrackedTask(key: string): Promise<TrackedTask | undefined> {
  return serialize(async () => (await ensureLoaded(Date.now())).tasks[key]);
}

/**
 * Every task as the writer has it, as a list (tasks are immutable snapshots): for questions
 * asked often (the copy shortcut), where copying the record (readTrackedTasks) costs
 * ~150 ms at 50,000 tasks and listing its values ~70 ms.
 */
export function readTrackedTaskList(): Promise<TrackedTask[]> {
  return serialize(async () => (await ensureLoaded(Date.now())).list.copy());
}

/** What changed in the tasks since a follower last asked: every task, or the tasks changed since (undefined: removed). */
export type TaskFeed = { all: TrackedTask[] } | { changed: ReadonlyMap<string, TrackedTask | undefined> };

export interface TaskFollower {
  /** Every task the first time and after the copy in memory was read again from storage; else the changes since the last call. */
  take(): Promise<TaskFeed>;
}

/**
 * Follow the tasks as they change (after every write queued before each take), for work that
 * keeps its own index of them (the reminders: reminder-index.ts): each change costs it the
 * tasks changed, not every task. A follower is for the worker's life.
 */
export function followTasks(): TaskFollower {
  const follower = { of: null as Loaded | null, changed: new Map<string, TrackedTask | undefined>() };
  followers.add(follower);
  return {
    take: () =>
      serialize(async (): Promise<TaskFeed> => {
        const l = await ensureLoaded(Date.now());
        const changed = follower.changed;
        follower.changed = new Map();
        if (follower.of === l) return { changed };
        follower.of = l;
        return { all: l.list.copy() };
      }),
  };
}

/** Every task as the writer has it: a copy, safe to keep. */
export function readTrackedTasks(): Promise<TrackerData> {
  return serialize(async () => ({ tasks: { ...(await ensureLoaded(Date.now())).tasks } }));
}

export interface SettingsWrite<T> {
  /** What to store; leave it out to store nothing. */
  settings?: Settings;
  result: T;
}

/**
 * Settings go through the same queue: `update` gets what is stored now (as stored, unparsed)
 * and says what to store, so two updates at once (the overview in two windows) both count.
 */
export function updateSettings<T>(update: (stored: unknown) => SettingsWrite<T> | Promise<SettingsWrite<T>>): Promise<T> {
  return serialize(async () => {
    const written = await update(await settingsItem.getValue());
    if (written.settings !== undefined) await settingsItem.setValue(written.settings);
    return written.result;
  });
}

/**
 * Same content, stored as this build stores it (an older build's head is written again): the
 * head, and the filter and slots it names. A stored part that is this head's is kept either way.
 */
function sameHead(l: Loaded, before: Record<string, unknown>, head: TrackerHead): boolean {
  const filter = readStoredFilter(before[KEY.filter]);
  l.filter = filter;
  l.slots = HEAD_SLOT_NAMES.map((name) => readSlotText(before[name]));
  if (filter?.filter !== head.filter) return false;
  const bodies = l.slotTexts.bodies(head);
  const slots = l.slots.map((slot, i) => (slot && slot.body === bodies[i] ? slot.rev : undefined));
  if (slots.some((rev) => rev === undefined)) return false;
  return before[KEY.head] === headText(head, filter.rev, slots as number[]);
}

/**
 * Make storage and the head match: move version 1 data, read every task again (damaged
 * records set aside on the way), then rebuild the head if it is missing, of another format,
 * or not what the tasks give. A head rebuilt for unchanged tasks keeps the revision;
 * otherwise the revision moves on, so a page can never pair the new head with old tasks.
 * Resolves to whether it wrote.
 */
export function refreshHead(): Promise<boolean> {
  return serialize(refreshHeadNow);
}

/** refreshHead's work, inside the queue. */
async function refreshHeadNow(): Promise<boolean> {
  const before = await browser.storage.local.get([KEY.meta, KEY.head, KEY.filter, ...HEAD_SLOT_NAMES, KEY.tracker, KEY.migration]);
  loaded = null;
  const moving = trackerNeedsMove(before[KEY.tracker]) || before[KEY.migration] !== undefined;
  const l = await ensureLoaded(Date.now(), before);
  const rev = trackerRev(before[KEY.meta]);
  if (moving || l.rev !== rev) return true;
  if (pending.size || l.dirty.size) return storePending(l);
  if (sameHead(l, before, l.index.head(rev))) return false;
  await commit(l, { put: [], removed: [] }, { force: true });
  return true;
}

/**
 * The tabs that "Retrieve my post" attempts opened (every task's retrieve.openedTabId), read
 * from the head: a few bytes instead of every task, for questions asked on every tab switch.
 * Falls back to the tasks themselves when the head is missing, of another revision or unusable.
 */
export async function openedTabIds(): Promise<ReadonlySet<number>> {
  const got = await browser.storage.local.get([KEY.meta, KEY.head]);
  const head = HeadOpenedTabsSchema.safeParse(storedHead(got[KEY.head]));
  if (head.success && head.data.rev === trackerRev(got[KEY.meta]) && head.data.openedTabs) return new Set(head.data.openedTabs);
  const ids = new Set<number>();
  for (const task of Object.values((await readTracker()).data.tasks)) {
    if (task.retrieve.openedTabId !== undefined) ids.add(task.retrieve.openedTabId);
  }
  return ids;
}

/** Append to the recovery list; only from a job already on the queue (else setAsideQueued). */
async function setAside(records: RecoveredRecord[]): Promise<void> {
  const existing: unknown = await recoveryItem.getValue();
  // A damaged recovery list is itself kept, as one record, rather than overwritten.
  const kept: unknown[] = Array.isArray(existing)
    ? existing
    : existing === undefined || existing === null
      ? []
      : [{ at: Date.now(), source: 'recovery', reason: 'The list of set-aside records had an unknown shape.', raw: existing }];
  await recoveryItem.setValue([...kept, ...records].slice(-500) as RecoveredRecord[]);
}

/** setAside for the records the list does not hold yet (same source and content: recordKey); inside a job on the queue. */
async function setAsideNew(records: RecoveredRecord[]): Promise<void> {
  const existing: unknown = await recoveryItem.getValue();
  const known = new Set(Array.isArray(existing) ? existing.map(recordKey) : []);
  const fresh = records.filter((r) => {
    const k = recordKey(r);
    if (known.has(k)) return false;
    known.add(k);
    return true;
  });
  if (fresh.length) await setAside(fresh);
}

/** Same source and content: the same record, set aside again. */
function recordKey(record: unknown): string {
  const r = record as { source?: unknown; raw?: unknown } | null;
  try {
    return `${String(r?.source)}\n${JSON.stringify(r?.raw) ?? 'undefined'}`;
  } catch {
    return `${String(r?.source)}\n${String(r?.raw)}`;
  }
}

/**
 * Set records aside through the writer queue, so a set-aside from a page's command never
 * interleaves with another read-modify-write of the recovery list (setAside itself is for use
 * inside a job already on the queue). A record the list already holds (same source and
 * content, e.g. the same damaged backup imported twice) is not added again. Resolves to how
 * many of `records` the list holds afterwards: fewer only when the list's cap pushed some out.
 */
export function setAsideQueued(records: RecoveredRecord[]): Promise<number> {
  return serialize(async () => {
    await setAsideNew(records);
    const after: unknown = await recoveryItem.getValue();
    const held = new Set(Array.isArray(after) ? after.map(recordKey) : []);
    return records.filter((r) => held.has(recordKey(r))).length;
  });
}
