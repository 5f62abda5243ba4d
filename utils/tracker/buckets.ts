/**
 * Tasks in buckets: how `storage.local` holds the tasks since storage version 3.
 *
 * A bucket, `tasks:<n>` (storage-keys.ts), holds `{ [task key]: the task as JSON text }`:
 * - few keys: Chromium's `storage.local.set` costs with the number of keys stored (measured
 *   in a bare extension: one small write ~2 ms at 5,000 keys, ~150 ms at 50,000; the same
 *   50,000 tasks in 1,024 buckets: ~1–2.5 ms), so a tick costs about the same at 50 and at
 *   50,000 tasks;
 * - text, not objects: a deep object converts slowly (100 tasks: ~45 ms as objects, ~3 ms as
 *   text; reading 50,000 task objects took ~17 s, as text in buckets ~3 s), and a reader told
 *   of a change compares texts to find the one task that changed in its bucket, without
 *   parsing the others.
 *
 * Where a task is stored is where it is found: readers take every bucket whatever its number,
 * and the worker writes a task back where it found it; only a new task's place is chosen, by
 * a hash of its key (bucketForNewTask). So a tool (the bench, a test, a restore) may fill
 * buckets any way it likes. A task found twice (a tool's mistake, a write cut short) counts
 * once: the copy changed last wins (newerRecord), as for version 1 and 2 copies still found
 * (a downgrade, a tool): `task:<key>` values and `tracker`'s tasks.
 *
 * Imports nothing but key names: the content script uses it too.
 */
import { isTaskBucketName, LOCAL_KEY, taskBucketName, taskKeyOfLegacyName } from '../storage-keys';

/**
 * Buckets a new task may go to: ~12 tasks each at 50,000 tasks, ~4,100 keys at most. Fixed:
 * more buckets at large counts (16,384 at 50,000 tasks, ~3 tasks each) made every
 * `storage.local.set` slower (~2.3 → ~5–6 ms in the worker, session 14), more than the smaller
 * bucket saved: Chromium's cost per write follows the number of keys more than the bytes.
 */
export const BUCKET_COUNT = 4096;

/** FNV-1a (32 bits, unsigned) of a text: an even spread of keys over buckets or slots. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** The bucket name for a task not stored yet: FNV-1a of its key, so tasks spread evenly. */
export function bucketForNewTask(key: string): string {
  return taskBucketName(fnv1a(key) % BUCKET_COUNT);
}

/** A bucket's content as stored: task key → the task's JSON text. */
export type BucketContent = Record<string, string>;

export interface ReadBucket {
  /** The entries that are text (checked later, one task at a time). */
  content: BucketContent;
  /** What could not be a task at all: a value that is no bucket, an entry that is no text. */
  damaged: unknown[];
}

/** A stored bucket value, split into task texts and what cannot be one. */
export function readBucket(value: unknown): ReadBucket {
  if (value === undefined || value === null) return { content: {}, damaged: [] };
  if (typeof value !== 'object' || Array.isArray(value)) return { content: {}, damaged: [value] };
  const content: BucketContent = {};
  const damaged: unknown[] = [];
  for (const [key, text] of Object.entries(value as Record<string, unknown>)) {
    if (typeof text === 'string') content[key] = text;
    else damaged.push(text);
  }
  return { content, damaged };
}

/**
 * A task record from its stored text: the parsed JSON, or the text itself when it is not JSON
 * (the task check then refuses it and says why; the text is what gets set aside).
 */
export function taskRecord(stored: unknown): unknown {
  if (typeof stored !== 'string') return stored;
  try {
    return JSON.parse(stored) as unknown;
  } catch {
    return stored;
  }
}

/** When a record says it last changed (0 when it cannot say). */
function updatedAt(record: unknown): number {
  const at = record && typeof record === 'object' ? (record as { updatedAt?: unknown }).updatedAt : undefined;
  return typeof at === 'number' && Number.isFinite(at) ? at : 0;
}

/** Of two stored copies of one task (text or record), the one changed last; a tie keeps `current`. */
export function newerRecord(current: unknown, other: unknown): unknown {
  return updatedAt(taskRecord(other)) > updatedAt(taskRecord(current)) ? other : current;
}

/**
 * What changed in a bucket between two stored values: [key, text] for each task added or
 * changed, [key, undefined] for each one gone. Unchanged texts are not parsed.
 */
export function bucketChanges(oldValue: unknown, newValue: unknown): [string, string | undefined][] {
  const before = readBucket(oldValue).content;
  const after = readBucket(newValue).content;
  const out: [string, string | undefined][] = [];
  for (const [key, text] of Object.entries(after)) if (before[key] !== text) out.push([key, text]);
  for (const key of Object.keys(before)) if (!Object.hasOwn(after, key)) out.push([key, undefined]);
  return out;
}

/** The tasks of a `tracker` value of the version 1 shape; undefined for anything else. */
export function v1Tasks(raw: unknown): Record<string, unknown> | undefined {
  const tasks = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as { tasks?: unknown }).tasks : undefined;
  return tasks && typeof tasks === 'object' && !Array.isArray(tasks) ? (tasks as Record<string, unknown>) : undefined;
}

/**
 * Every stored task of a dump of storage.local (`get(null)`), by task key, as stored: the text
 * of a bucket entry (taskRecord parses it), or the record of a version 1 or 2 copy. A task
 * stored more than once counts once, the copy changed last winning. Loose on purpose: the
 * caller checks each task.
 */
export function storedTasks(all: Record<string, unknown>): Map<string, unknown> {
  const tasks = new Map<string, unknown>();
  const take = (key: string, stored: unknown) => {
    if (stored === undefined || stored === null) return;
    tasks.set(key, tasks.has(key) ? newerRecord(tasks.get(key), stored) : stored);
  };
  for (const [name, value] of Object.entries(all)) {
    if (isTaskBucketName(name)) for (const [key, text] of Object.entries(readBucket(value).content)) take(key, text);
  }
  for (const [name, value] of Object.entries(all)) {
    const key = taskKeyOfLegacyName(name);
    if (key !== undefined) take(key, value);
  }
  for (const [key, record] of Object.entries(v1Tasks(all[LOCAL_KEY.tracker]) ?? {})) take(key, record);
  return tasks;
}
