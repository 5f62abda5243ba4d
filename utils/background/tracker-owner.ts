/**
 * The background worker owns the tracker: every write is a read-modify-write that runs
 * strictly after the previous one (a promise chain), so updates from two tabs, the popup
 * and the retry alarms never overwrite each other. Pages only read and watch storage.
 */
import { parseTrackerData, recoveryItem, trackerItem } from '../tracker/storage';
import type { RecoveredRecord, TrackerData } from '../tracker/schema';

let queue: Promise<unknown> = Promise.resolve();

export interface TrackerWrite<T> {
  data: TrackerData;
  result: T;
}

/**
 * Run `update` on the current data and store what it returns. Records that fail
 * validation are moved to the recovery list on the way, never dropped.
 */
export function updateTracker<T>(update: (data: TrackerData, now: number) => TrackerWrite<T> | Promise<TrackerWrite<T>>): Promise<T> {
  const run = queue.then(async () => {
    const now = Date.now();
    const { data, rejected } = parseTrackerData(await trackerItem.getValue(), now);
    if (rejected.length) await setAside(rejected);
    const written = await update(data, now);
    if (written.data !== data || rejected.length) await trackerItem.setValue(written.data);
    return written.result;
  });
  // Keep the chain alive after a failed update.
  queue = run.catch(() => undefined);
  return run;
}

export async function setAside(records: RecoveredRecord[]): Promise<void> {
  const existing: unknown = await recoveryItem.getValue();
  // A damaged recovery list is itself kept, as one record, rather than overwritten.
  const kept: unknown[] = Array.isArray(existing)
    ? existing
    : existing === undefined || existing === null
      ? []
      : [{ at: Date.now(), source: 'recovery', reason: 'The list of set-aside records had an unknown shape.', raw: existing }];
  await recoveryItem.setValue([...kept, ...records].slice(-500) as RecoveredRecord[]);
}
