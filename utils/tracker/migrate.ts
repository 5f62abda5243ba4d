/**
 * Moving version 1 data (every task in `local:tracker`) into buckets (buckets.ts, storage.ts).
 *
 * Tasks are copied in batches, each batch written with a progress marker
 * (`trackerMigration`: how many of how many are copied) in the same `storage.local.set`. The
 * version 1 value itself is not touched until every task is copied: a worker stopped half-way
 * (the browser closed, an update) finds the marker and carries on from it, and readers see the
 * same tasks all along (the copies are identical). The caller then switches over in one more
 * set: `tracker` becomes `{ tasks: {} }`, `tracker$` says version 3, with the head and the
 * records that could not be read set aside (background/tracker-owner.ts). Nothing is dropped:
 * a task that fails its schema is set aside with the reason, as at every read. Version 1 tasks
 * found after the move (an older build after a downgrade, a tool) are moved in the same way,
 * per task the copy changed last winning; tasks only in buckets stay. (Version 2's one key per
 * task is moved by the worker as it loads: background/tracker-owner.ts.)
 */
import { LOCAL_KEY } from '../storage-keys';
import { bucketForNewTask, newerRecord, readBucket, v1Tasks, type BucketContent } from './buckets';
import type { RecoveredRecord } from './schema';
import { MOVED_TRACKER, parseTrackerData, trackerNeedsMove } from './storage';

/** The storage.local calls migration needs (the browser's, or a test's). */
export interface LocalArea {
  get(keys: string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

export interface MigrationProgress {
  total: number;
  copied: number;
}

/** ~1.6 MB per write: a few writes for a large version 1 tracker, small enough that a stop loses little. */
export const MIGRATION_BATCH = 2000;

export function parseProgress(raw: unknown): MigrationProgress | null {
  if (!raw || typeof raw !== 'object') return null;
  const { total, copied } = raw as Record<string, unknown>;
  const ok = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
  return ok(total) && ok(copied) && copied <= total ? { total, copied } : null;
}

export interface CopiedV1 {
  /** Keys of the tasks now stored in buckets. */
  keys: string[];
  /** What could not be read, to set aside in the switch-over write. */
  rejected: RecoveredRecord[];
}

/**
 * Copy the tasks of the version 1 value into buckets, from where a stopped run left off.
 * null when there is nothing to move. `onBatch` runs after each batch is stored (tests stop
 * the "worker" there). `known`: `tracker` and `trackerMigration` as the caller just read them
 * (a version 1 value is one large object, slow to hand over: read once).
 *
 * The last batch also empties the version 1 value (`{ tasks: {} }`): every task is in a bucket
 * by then, the same copy readers saw in `tracker`, so they see the same tasks before and after,
 * and what follows (the worker reading every stored value, the switch-over) no longer reads or
 * hands over that large object. `beforeLast` runs just before that batch with the records that
 * could not be read (the worker sets them aside: they must be kept before their only copy goes).
 */
export async function copyV1Tasks(
  area: LocalArea,
  now: number,
  onBatch?: (progress: MigrationProgress) => void | Promise<void>,
  known?: Record<string, unknown>,
  beforeLast?: (rejected: RecoveredRecord[]) => Promise<void>,
): Promise<CopiedV1 | null> {
  const got = known ?? (await area.get([LOCAL_KEY.tracker, LOCAL_KEY.trackerMigration]));
  const raw = got[LOCAL_KEY.tracker];
  if (!trackerNeedsMove(raw)) return null;
  const { data, rejected } = parseTrackerData(raw, now);
  // Valid tasks are copied as stored, fields this version does not know included: lossless.
  const stored = v1Tasks(raw) ?? {};
  // By bucket, then key: a run that resumes copies the same tasks in the same order, and a
  // bucket is written by one batch only (each batch reads and writes whole buckets).
  const bucketOf = new Map(Object.keys(data.tasks).map((key) => [key, bucketForNewTask(key)]));
  const keys = [...bucketOf.keys()].sort((a, b) => {
    const x = bucketOf.get(a)!;
    const y = bucketOf.get(b)!;
    return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
  });
  const marker = parseProgress(got[LOCAL_KEY.trackerMigration]);
  let copied = marker && marker.total === keys.length ? marker.copied : 0;
  while (copied < keys.length) {
    let end = Math.min(copied + MIGRATION_BATCH, keys.length);
    while (end < keys.length && bucketOf.get(keys[end]!) === bucketOf.get(keys[end - 1]!)) end++;
    const batch = keys.slice(copied, end);
    const names = [...new Set(batch.map((key) => bucketOf.get(key)!))];
    const existing = await area.get(names);
    const items: Record<string, unknown> = {};
    for (const name of names) items[name] = { ...readBucket(existing[name]).content } satisfies BucketContent;
    for (const key of batch) {
      const bucket = items[bucketOf.get(key)!] as BucketContent;
      // A copy already in the bucket that changed later stays: the version 1 value came from
      // an older build run after a downgrade (it saw none of the buckets).
      const text = JSON.stringify(stored[key]);
      bucket[key] = bucket[key] === undefined ? text : (newerRecord(text, bucket[key]) as string);
    }
    copied = end;
    const progress = { total: keys.length, copied };
    items[LOCAL_KEY.trackerMigration] = progress;
    if (copied === keys.length) {
      await beforeLast?.(rejected);
      items[LOCAL_KEY.tracker] = MOVED_TRACKER;
    }
    await area.set(items);
    await onBatch?.(progress);
  }
  return { keys, rejected };
}
