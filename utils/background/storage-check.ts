/**
 * Run by every new worker: whatever is stored that this version cannot use is set aside under
 * `local:recovery` (the popup then says so and offers it for export), and the usable rest is
 * written back clean. Valid tasks and settings keep working; nothing is silently dropped.
 *
 * It also moves version 1 data to one key per task (tracker/migrate.ts), and keeps the
 * tracker's head (tracker/head.ts) in step with the tasks: rebuilt now if it is missing or
 * stale, and again whenever task keys change without the head, or version 1 tasks appear
 * (written by something else than tracker-owner.ts: a tool, a test, an older build). The
 * listener is registered synchronously, in the worker's first turn, so such a write also
 * wakes the worker.
 */
import { checkSettings } from '../tracker/storage';
import { refreshHead, retryPending, setAsideQueued, updateSettings, watchForeignWrites } from './tracker-owner';

export async function checkStorage(now = Date.now()): Promise<void> {
  watchForeignWrites();
  // Through the single writer: moves version 1 data, sets aside damaged tasks on the way,
  // then (re)builds the head; changes a stopped worker could not store are stored now.
  await refreshHead();
  await retryPending();
  // Settings too go through the writer queue: an update from the popup at the same moment
  // is neither lost nor overwritten with the cleaned-up older value.
  const setAside = await updateSettings((raw) => {
    const { settings, problems } = checkSettings(raw);
    if (!problems.length) return { settings: undefined, result: [] };
    return { settings, result: [{ at: now, source: 'settings', reason: problems.join('; ').slice(0, 2000), raw }] };
  });
  if (setAside.length) await setAsideQueued(setAside);
}
