/**
 * Moving version 1 data (every task in `local:tracker`) to one key per task (storage.ts).
 *
 * Tasks are copied in batches, each batch written with a progress marker
 * (`trackerMigration`: how many of how many are copied) in the same `storage.local.set`. The
 * version 1 value itself is not touched until every task is copied: a worker stopped half-way
 * (the browser closed, an update) finds the marker and carries on from it, and readers see the
 * same tasks all along (the copies are identical). The caller then switches over in one more
 * set: `tracker` becomes `{ tasks: {} }`, `tracker$` says version 2, with the head and the
 * records that could not be read set aside (background/tracker-owner.ts). Nothing is dropped:
 * a task that fails its schema is set aside with the reason, as at every read. Version 1 tasks
 * found after the move (an older build after a downgrade, a tool) are moved in the same way,
 * per task the newer copy winning; tasks only under their own keys stay.
 */
import { LOCAL_KEY, storedTaskKey } from '../storage-keys';
import type { RecoveredRecord } from './schema';
import { parseTrackerData, trackerNeedsMove, v1Tasks } from './storage';

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

/** ~1.6 MB per write: few writes (each storage.local.set has a fixed cost: 300 per write took 15 s for 5,000 tasks in the bench), small enough that a stop loses little. */
export const MIGRATION_BATCH = 2000;

export function parseProgress(raw: unknown): MigrationProgress | null {
  if (!raw || typeof raw !== 'object') return null;
  const { total, copied } = raw as Record<string, unknown>;
  const ok = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
  return ok(total) && ok(copied) && copied <= total ? { total, copied } : null;
}

export interface CopiedV1 {
  /** Keys of the tasks now stored under their own keys. */
  keys: string[];
  /** What could not be read, to set aside in the switch-over write. */
  rejected: RecoveredRecord[];
}

/**
 * Copy the tasks of the version 1 value to their own keys, from where a stopped run left off.
 * null when there is nothing to move. `onBatch` runs after each batch is stored (tests stop
 * the "worker" there).
 */
export async function copyV1Tasks(area: LocalArea, now: number, onBatch?: (progress: MigrationProgress) => void | Promise<void>): Promise<CopiedV1 | null> {
  const got = await area.get([LOCAL_KEY.tracker, LOCAL_KEY.trackerMigration]);
  const raw = got[LOCAL_KEY.tracker];
  if (!trackerNeedsMove(raw)) return null;
  const { data, rejected } = parseTrackerData(raw, now);
  // Valid tasks are copied as stored, fields this version does not know included: lossless.
  const stored = v1Tasks(raw) ?? {};
  // Sorted: a run that resumes copies the same tasks in the same order.
  const keys = Object.keys(data.tasks).sort();
  const marker = parseProgress(got[LOCAL_KEY.trackerMigration]);
  let copied = marker && marker.total === keys.length ? marker.copied : 0;
  while (copied < keys.length) {
    const batch = keys.slice(copied, copied + MIGRATION_BATCH);
    const items: Record<string, unknown> = {};
    const existing = await area.get(batch.map(storedTaskKey));
    for (const key of batch) {
      // A task already under its own key that is strictly newer stays: the version 1 value
      // came from an older build run after a downgrade (it saw none of these keys).
      const mine = existing[storedTaskKey(key)] as { updatedAt?: unknown } | undefined;
      if (typeof mine?.updatedAt === 'number' && mine.updatedAt > data.tasks[key]!.updatedAt) continue;
      items[storedTaskKey(key)] = stored[key];
    }
    copied += batch.length;
    const progress = { total: keys.length, copied };
    items[LOCAL_KEY.trackerMigration] = progress;
    await area.set(items);
    await onBatch?.(progress);
  }
  return { keys, rejected };
}
