/**
 * A read-only, live view of the tracker for the page: every task read once (one storage key
 * each, `task:<key>`, plus a version 1 `tracker` value the worker has not moved yet), then
 * only the tasks a change names (only the background writes them). Listeners are told after
 * each change.
 *
 * Every task is validated before the page sees it, as storage.ts parseTrackerData does
 * (the same schema, tracker/schema.ts), but lazily and once per content: a change
 * of one task re-validates that task only, not an account manager's thousands.
 */
import { browser } from 'wxt/browser';
import { LOCAL_KEY, taskKeyOfStored } from '@/utils/storage-keys';
import { TrackedTaskSchema, type TrackedTask } from '@/utils/tracker/schema';
import type { TrackerView } from './context';

/** The task records of a version 1 `tracker` value: `{ tasks: { [key]: record } }`. */
function v1Records(raw: unknown): Record<string, unknown> {
  const record = raw && typeof raw === 'object' ? (raw as { tasks?: unknown }).tasks : undefined;
  return record && typeof record === 'object' && !Array.isArray(record) ? (record as Record<string, unknown>) : {};
}

export function createTrackerView(signal: AbortSignal): TrackerView & { ready: Promise<void> } {
  const records = new Map<string, unknown>();
  /** Validation results by key, for the record they were made from. */
  const checked = new Map<string, { raw: unknown; task: TrackedTask | null }>();
  const listeners = new Set<() => void>();

  function taskAt(key: string): TrackedTask | undefined {
    const value = records.get(key);
    if (value === undefined) return undefined;
    let entry = checked.get(key);
    if (entry?.raw !== value) {
      const parsed = TrackedTaskSchema.safeParse(value);
      entry = { raw: value, task: parsed.success && parsed.data.key === key ? parsed.data : null };
      checked.set(key, entry);
    }
    return entry.task ?? undefined;
  }

  /** Take task records (undefined/null: gone); true when any changed. */
  function take(changes: Iterable<[string, unknown]>): boolean {
    let changed = false;
    for (const [key, value] of changes) {
      if (value === undefined || value === null) {
        changed = records.delete(key) || changed;
        checked.delete(key);
      } else {
        records.set(key, value);
        changed = true;
      }
    }
    return changed;
  }

  const tell = () => {
    for (const l of Array.from(listeners)) l();
  };

  /** Changes that came while the first read was on its way are newer than it. */
  let early: Map<string, unknown> | null = new Map();
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local' || signal.aborted) return;
    const tasks: [string, unknown][] = [];
    for (const [name, change] of Object.entries(changes)) {
      const key = taskKeyOfStored(name);
      if (key !== undefined) tasks.push([key, change.newValue]);
    }
    if (LOCAL_KEY.tracker in changes) tasks.push(...Object.entries(v1Records(changes[LOCAL_KEY.tracker]!.newValue)));
    if (!tasks.length) return;
    if (early) for (const [key, value] of tasks) early.set(key, value);
    else if (take(tasks)) tell();
  };

  const ready = (async () => {
    let all: Record<string, unknown>;
    try {
      all = await browser.storage.local.get(null);
    } catch {
      return; // extension context gone (update/reload): the page keeps its last view
    }
    if (signal.aborted) return;
    const first: [string, unknown][] = [];
    for (const [name, value] of Object.entries(all)) {
      const key = taskKeyOfStored(name);
      if (key !== undefined) first.push([key, value]);
    }
    first.push(...Object.entries(v1Records(all[LOCAL_KEY.tracker])));
    take(first);
    take(early ?? []);
    early = null;
    tell();
  })();
  browser.storage.onChanged.addListener(onChanged);
  signal.addEventListener(
    'abort',
    () => {
      browser.storage.onChanged.removeListener(onChanged);
      listeners.clear();
    },
    { once: true },
  );
  return {
    ready,
    tasks: () => Array.from(records.keys()).flatMap((key) => taskAt(key) ?? []),
    get: (key) => taskAt(key),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
