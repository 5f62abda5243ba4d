/**
 * Run by every new worker: whatever is stored that this version cannot use is set aside under
 * `local:recovery` (the popup then says so and offers it for export), and the usable rest is
 * written back clean. Valid tasks and settings keep working; nothing is silently dropped.
 *
 * It also keeps the tracker's head (tracker/head.ts) in step with the tracker: rebuilt now if
 * it is missing or stale, and again whenever `local:tracker` changes without its head (written
 * by something else than tracker-owner.ts: a tool, a test, an older build). The listener is
 * registered synchronously, in the worker's first turn, so such a write also wakes the worker.
 */
import { browser } from 'wxt/browser';
import { checkSettings } from '../tracker/storage';
import { LOCAL_KEY } from '../storage-keys';
import { refreshHead, setAsideQueued, updateSettings } from './tracker-owner';

const TRACKER_KEY = LOCAL_KEY.tracker;
const HEAD_KEY = LOCAL_KEY.trackerHead;

let stopWatching: (() => void) | undefined;

/** A tracker change that did not bring its head along gets the head rebuilt. */
function keepHeadInStep(): void {
  stopWatching?.();
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && TRACKER_KEY in changes && !(HEAD_KEY in changes)) void refreshHead().catch(() => undefined);
  };
  browser.storage.onChanged.addListener(listener);
  stopWatching = () => browser.storage.onChanged.removeListener(listener);
}

export async function checkStorage(now = Date.now()): Promise<void> {
  keepHeadInStep();
  // Through the single writer: sets aside damaged tasks on the way, then (re)builds the head.
  await refreshHead();
  // Settings too go through the writer queue: an update from the popup at the same moment
  // is neither lost nor overwritten with the cleaned-up older value.
  const setAside = await updateSettings((raw) => {
    const { settings, problems } = checkSettings(raw);
    if (!problems.length) return { settings: undefined, result: [] };
    return { settings, result: [{ at: now, source: 'settings', reason: problems.join('; ').slice(0, 2000), raw }] };
  });
  if (setAside.length) await setAsideQueued(setAside);
}
