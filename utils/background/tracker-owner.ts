/**
 * The background worker owns the tracker and the settings: every write is a read-modify-write
 * that runs strictly after the previous one (one promise chain for both), so updates from two
 * tabs, the popup, the overview and the retry alarms never overwrite each other. Pages only
 * read and watch storage.
 *
 * Every write stores three keys in one `storage.local.set` (@wxt-dev/storage setItems), so no reader ever sees them
 * disagree: the tracker, its metadata with the next revision (`tracker$`.rev) and the head
 * computed from the same data at that revision (tracker/head.ts). When the tracker was
 * written by someone else (a tool, an import, an older build), `refreshHead` rebuilds the
 * head; storage-check.ts runs it when the worker wakes and whenever that happens.
 */
import { browser } from 'wxt/browser';
import { computeHead, HeadOpenedTabsSchema, type TrackerHead } from '../tracker/head';
import { storage } from 'wxt/utils/storage';
import { LOCAL_KEY, localKey } from '../storage-keys';
import type { RecoveredRecord, Settings, TrackerData } from '../tracker/schema';
import {
  parseTrackerData,
  recoveryItem,
  settingsItem,
  trackerItem,
  trackerMeta,
  trackerRev,
  type TrackerMeta,
} from '../tracker/storage';

let queue: Promise<unknown> = Promise.resolve();

export interface TrackerWrite<T> {
  data: TrackerData;
  result: T;
}

/** The keys written together: bare (storage.local's names, for reads) and with their area (for setItems). */
const KEY = { tracker: LOCAL_KEY.tracker, meta: LOCAL_KEY.trackerMeta, head: LOCAL_KEY.trackerHead };
const ITEM = { tracker: localKey(KEY.tracker), meta: localKey(KEY.meta), head: localKey(KEY.head) };

interface Stored {
  raw: unknown;
  meta: TrackerMeta;
  head: unknown;
}

async function readStored(): Promise<Stored> {
  const got = await browser.storage.local.get([KEY.tracker, KEY.meta, KEY.head]);
  return { raw: got[KEY.tracker], meta: trackerMeta(got[KEY.meta]), head: got[KEY.head] };
}

/** Tracker, metadata and head, in one set: atomic for every reader. */
async function writeAll(data: TrackerData, meta: TrackerMeta, rev: number): Promise<TrackerHead> {
  const head = computeHead(data, rev);
  // setItems makes one storage.set per area: these three keys are one write, atomic for readers.
  await storage.setItems([
    { key: ITEM.tracker, value: data },
    { key: ITEM.meta, value: { ...meta, rev } },
    { key: ITEM.head, value: head },
  ]);
  return head;
}

function serialize<T>(job: () => Promise<T>): Promise<T> {
  const run = queue.then(job);
  // Keep the chain alive after a failed update.
  queue = run.catch(() => undefined);
  return run;
}

/**
 * Run `update` on the current data and store what it returns. Records that fail
 * validation are moved to the recovery list on the way, never dropped.
 */
export function updateTracker<T>(update: (data: TrackerData, now: number) => TrackerWrite<T> | Promise<TrackerWrite<T>>): Promise<T> {
  return serialize(async () => {
    const now = Date.now();
    const stored = await readStored();
    const { data, rejected } = parseTrackerData(stored.raw, now);
    if (rejected.length) await setAside(rejected);
    const written = await update(data, now);
    if (written.data !== data || rejected.length) await writeAll(written.data, stored.meta, trackerRev(stored.meta) + 1);
    return written.result;
  });
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

/** Same content (the head is plain JSON data: compare it as such). */
function sameHead(stored: unknown, head: TrackerHead): boolean {
  try {
    return JSON.stringify(stored) === JSON.stringify(head);
  } catch {
    return false;
  }
}

/**
 * Make the stored head match the stored tracker: set damaged records aside (like any write),
 * then rebuild the head if it is missing, of another format, or not what this data gives.
 * A head rebuilt for unchanged data keeps the revision; otherwise the revision moves on, so a
 * page can never pair the new head with an old tracker. Resolves to whether it wrote.
 */
export function refreshHead(): Promise<boolean> {
  return serialize(async () => {
    const now = Date.now();
    const stored = await readStored();
    const { data, rejected } = parseTrackerData(stored.raw, now);
    const rev = trackerRev(stored.meta);
    if (rejected.length) {
      await setAside(rejected);
      await writeAll(data, stored.meta, rev + 1);
      return true;
    }
    if (sameHead(stored.head, computeHead(data, rev))) return false;
    // Nothing stored yet: no head is needed for "no tracker" either, but keep one (0 tasks).
    await storage.setItems([
      { key: ITEM.meta, value: { ...stored.meta, rev: rev + 1 } },
      { key: ITEM.head, value: computeHead(data, rev + 1) },
    ]);
    return true;
  });
}

/**
 * The tabs that "Retrieve my post" attempts opened (every task's retrieve.openedTabId), read
 * from the head: a few bytes instead of every task, for questions asked on every tab switch.
 * Falls back to the tracker itself when the head is missing, of another revision or unusable.
 */
export async function openedTabIds(): Promise<ReadonlySet<number>> {
  const got = await browser.storage.local.get([KEY.meta, KEY.head]);
  const head = HeadOpenedTabsSchema.safeParse(got[KEY.head]);
  if (head.success && head.data.rev === trackerRev(got[KEY.meta]) && head.data.openedTabs) return new Set(head.data.openedTabs);
  const tasks = (await trackerItem.getValue())?.tasks ?? {};
  const ids = new Set<number>();
  for (const task of Object.values(tasks)) {
    const id = (task as { retrieve?: { openedTabId?: unknown } } | null)?.retrieve?.openedTabId;
    if (typeof id === 'number') ids.add(id);
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
    const existing: unknown = await recoveryItem.getValue();
    const known = new Set(Array.isArray(existing) ? existing.map(recordKey) : []);
    const fresh = records.filter((r) => {
      const k = recordKey(r);
      if (known.has(k)) return false;
      known.add(k);
      return true;
    });
    if (fresh.length) await setAside(fresh);
    const after: unknown = await recoveryItem.getValue();
    const held = new Set(Array.isArray(after) ? after.map(recordKey) : []);
    return records.filter((r) => held.has(recordKey(r))).length;
  });
}
