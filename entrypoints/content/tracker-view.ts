/**
 * A read-only, live view of `local:tracker` for the page: read once, then re-read on every
 * change (only the background writes it). Listeners are told after each refresh.
 *
 * Every task is validated before the page sees it, as storage.ts parseTrackerData does
 * (same schema, in zod/mini: content-schemas.ts), but lazily and once per content: a change
 * of one task re-validates that task only, not an account manager's thousands.
 */
import { storage } from 'wxt/utils/storage';
import { TrackedTaskSchema } from '@/utils/page/content-schemas';
import { LOCAL_KEY, localKey } from '@/utils/storage-keys';
import type { TrackedTask } from '@/utils/tracker/schema';
import type { TrackerView } from './context';

/** storage.ts trackerItem's key (read here without its module, which brings zod along). */
const TRACKER_KEY = localKey(LOCAL_KEY.tracker);

/** The stored records, as parseTrackerData takes them: `{ tasks: { [key]: record } }`. */
function storedRecords(raw: unknown): Record<string, unknown> {
  const record = raw && typeof raw === 'object' ? (raw as { tasks?: unknown }).tasks : undefined;
  return record && typeof record === 'object' && !Array.isArray(record) ? (record as Record<string, unknown>) : {};
}

export function createTrackerView(signal: AbortSignal): TrackerView & { ready: Promise<void> } {
  let records: Record<string, unknown> = {};
  /** This snapshot's validated tasks (null: the record is not a valid task). */
  let current = new Map<string, TrackedTask | null>();
  /** Validation results by record content, kept across snapshots. */
  const checked = new Map<string, { json: string; task: TrackedTask | null }>();
  const listeners = new Set<() => void>();

  function taskAt(key: string): TrackedTask | undefined {
    const known = current.get(key);
    if (known !== undefined) return known ?? undefined;
    const value = records[key];
    if (value === undefined) return undefined;
    const json = JSON.stringify(value);
    let entry = checked.get(key);
    if (entry?.json !== json) {
      const parsed = TrackedTaskSchema.safeParse(value);
      entry = { json, task: parsed.success && parsed.data.key === key ? parsed.data : null };
      checked.set(key, entry);
    }
    current.set(key, entry.task);
    return entry.task ?? undefined;
  }

  const refresh = async () => {
    let raw: unknown;
    try {
      raw = await storage.getItem<unknown>(TRACKER_KEY);
    } catch {
      return; // extension context gone (update/reload): the page keeps its last view
    }
    if (signal.aborted) return;
    records = storedRecords(raw);
    // Validations of removed tasks are dropped; the others are reused while their content is the same.
    for (const key of Array.from(checked.keys())) if (!Object.hasOwn(records, key)) checked.delete(key);
    current = new Map();
    for (const l of Array.from(listeners)) l();
  };
  const ready = refresh();
  const unwatch = storage.watch<unknown>(TRACKER_KEY, () => void refresh());
  signal.addEventListener(
    'abort',
    () => {
      unwatch();
      listeners.clear();
    },
    { once: true },
  );
  return {
    ready,
    tasks: () => Object.keys(records).flatMap((key) => taskAt(key) ?? []),
    get: (key) => (Object.hasOwn(records, key) ? taskAt(key) : undefined),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
