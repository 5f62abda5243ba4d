/**
 * A read-only, live view of `local:tracker` for the page: read once, then re-read on every
 * change (only the background writes it). Listeners are told after each refresh.
 */
import { readTracker, trackerItem } from '@/utils/tracker/storage';
import type { TrackedTask } from '@/utils/tracker/schema';
import type { TrackerView } from './context';

export function createTrackerView(signal: AbortSignal): TrackerView & { ready: Promise<void> } {
  let tasks: Record<string, TrackedTask> = {};
  const listeners = new Set<() => void>();
  const refresh = async () => {
    try {
      tasks = (await readTracker()).data.tasks;
    } catch {
      return; // extension context gone (update/reload): the page keeps its last view
    }
    if (signal.aborted) return;
    for (const l of Array.from(listeners)) l();
  };
  const ready = refresh();
  const unwatch = trackerItem.watch(() => void refresh());
  signal.addEventListener('abort', () => {
    unwatch();
    listeners.clear();
  }, { once: true });
  return {
    ready,
    tasks: () => Object.values(tasks),
    get: (key) => tasks[key],
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
