/**
 * The tracker's storage: versioned items (@wxt-dev/storage) plus a tolerant reader.
 * Only the background worker writes `tracker`; pages and content scripts read and watch it.
 */
import { storage, type StorageItemKey, type WxtStorageItem } from 'wxt/utils/storage';
import {
  RecoveredRecordSchema,
  SettingsSchema,
  summarizeIssues,
  type RecoveredRecord,
  type Settings,
  type TrackedTask,
  type TrackerData,
} from './schema';
import { checkTrackedTask } from './task-check';
import { browser } from 'wxt/browser';
import { holdsTasks, LOCAL_KEY, localKey } from '../storage-keys';
import { readInPieces } from '../storage-pieces';
import { storedTasks, taskRecord, v1Tasks } from './buckets';

/*
 * Versions. Version 1 (0.1.0 and the builds after it) stored every task in one value,
 * `local:tracker` (`{ tasks: { [key]: task } }`); data written before versions were recorded
 * (pre-release builds) has no version mark and the same shape (tests/unit/fixtures/storage).
 * Version 2 stored each task under its own key, `task:<key>`.
 *
 * Version 3 stores tasks in buckets, `tasks:<n>`, each the JSON text of a few dozen tasks
 * (buckets.ts says why), so a change writes one bucket and the head, whatever the number of
 * tasks. `tracker` then holds `{ tasks: {} }` and its metadata `tracker$` says `v: 3`. That is
 * the downgrade-safe mark: an older build reads `tracker` (version 1) or `task:` keys
 * (version 2) only, so it shows no tasks, but it never removes or rewrites a bucket; what it
 * records goes into `tracker` or `task:` keys, and back on this version the worker moves those
 * tasks in, the copy changed last winning (tracker/migrate.ts, background/tracker-owner.ts).
 * Until it has, readers see the union (buckets.ts storedTasks).
 *
 * The tracker's revision lives in `tracker$` as `rev`, and in the head. The background
 * raises it on every write and writes the changed buckets, `tracker$` and the head in one
 * `storage.local.set`. Data without a revision (older builds, tools) reads as revision 0.
 * Buckets written by anyone else are noticed by the worker, which reloads and rebuilds the
 * head under a new revision (background/storage-check.ts).
 */

/** `tracker$`.v since tasks live in buckets. */
export const TRACKER_VERSION = 3;

/** What `tracker` holds once its tasks have moved to buckets. */
export const MOVED_TRACKER: StoredTracker = { tasks: {} };

/**
 * The task records of a dump of storage.local (`get(null)`, or readInPieces of holdsTasks), by task key: every bucket's
 * tasks, and version 1 and 2 copies not moved yet (buckets.ts storedTasks). Loose on purpose:
 * parseTrackerData checks them.
 */
export function storedTaskRecords(all: Record<string, unknown>): Record<string, unknown> {
  const records: Record<string, unknown> = {};
  for (const [key, stored] of storedTasks(all)) records[key] = taskRecord(stored);
  return records;
}

/**
 * Whether `tracker` holds something the worker still has to move or set aside: tasks, or a
 * value of an unknown shape. `{ tasks: {} }` and nothing at all are done.
 */
export function trackerNeedsMove(raw: unknown): boolean {
  if (raw === undefined || raw === null) return false;
  const tasks = v1Tasks(raw);
  return !tasks || Object.keys(tasks).length > 0;
}

/**
 * An item at version 1 without migrations, like `storage.defineItem(key, { fallback, version: 1 })`
 * but without its eager read: defineItem reads the stored value the moment it is defined (for
 * its `init` option), in every context that imports this module. For the tracker that was the
 * whole 4 MB at every popup and overview start, queued in the browser before the page's own
 * small first read (storage calls are answered in order), and once more at every worker start.
 * Version 1 is the only version this helper takes: a shape change needs a migration, i.e.
 * storage.defineItem with `version: 2` and `migrations` (and that eager read back), or a
 * migration the worker runs once in storage-check.ts.
 */
function defineItem<T>(key: StorageItemKey, { fallback }: { fallback: T; version: 1 }): WxtStorageItem<T, Record<string, unknown>> {
  return {
    key,
    fallback,
    defaultValue: fallback,
    getValue: async () => (await storage.getItem<T>(key)) ?? fallback,
    setValue: (value) => storage.setItem(key, value),
    removeValue: (opts) => storage.removeItem(key, opts),
    getMeta: () => storage.getMeta(key),
    setMeta: (properties) => storage.setMeta(key, properties),
    removeMeta: (properties) => storage.removeMeta(key, properties),
    watch: (cb) => storage.watch<T>(key, (newValue, oldValue) => cb(newValue ?? fallback, oldValue ?? fallback)),
    watchMeta: (cb) => storage.watchMeta(key, cb),
    migrate: async () => {},
  };
}

/** Stored shape: loose on purpose, every read goes through parseTrackerData. */
export interface StoredTracker {
  tasks: Record<string, unknown>;
}

export const trackerItem = defineItem<StoredTracker>(localKey(LOCAL_KEY.tracker), {
  fallback: { tasks: {} },
  version: 1,
});

/**
 * The tracker's "first screen" (head.ts): small, derived from `tracker` by the background in the
 * same write, read by the popup and the overview before the whole tracker. Never the source
 * of truth: a missing, stale or unreadable head is ignored (pages read the whole tracker).
 */
export const trackerHeadItem = defineItem<unknown>(localKey(LOCAL_KEY.trackerHead), {
  fallback: null,
  version: 1,
});

/** trackerItem's metadata key (@wxt-dev/storage: `<key>$`), which also holds `rev`. */
export const TRACKER_META_KEY = localKey(LOCAL_KEY.trackerMeta);

export interface TrackerMeta {
  v?: number;
  rev?: number;
  [field: string]: unknown;
}

/** The metadata object as stored (anything else reads as none). */
export function trackerMeta(raw: unknown): TrackerMeta {
  return raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as TrackerMeta) : {};
}

/** The stored revision of the tracker; 0 when none was recorded. */
export function trackerRev(meta: unknown): number {
  const rev = trackerMeta(meta).rev;
  return typeof rev === 'number' && Number.isSafeInteger(rev) && rev >= 0 ? rev : 0;
}

export const settingsItem = defineItem<unknown>(localKey(LOCAL_KEY.settings), {
  fallback: {},
  version: 1,
});

/** Records that failed validation, kept for the creator to export (never silently dropped). */
export const recoveryItem = defineItem<RecoveredRecord[]>(localKey(LOCAL_KEY.recovery), {
  fallback: [],
  version: 1,
});

export interface ParsedTracker {
  data: TrackerData;
  rejected: RecoveredRecord[];
}

/**
 * One stored task, checked against the key it is stored under: the task, or the record to set
 * aside with the reason. `raw` is what gets set aside; `record` is what is checked (the parsed
 * record when `raw` is its stored text: buckets.ts taskRecord).
 */
export function checkStoredTask(
  key: string,
  raw: unknown,
  now: number,
  { source = 'storage', record = raw }: { source?: string; record?: unknown } = {},
): { task: TrackedTask; rejected?: undefined } | { task?: undefined; rejected: RecoveredRecord } {
  const parsed = checkTrackedTask(record);
  if (parsed.success && parsed.data.key === key) return { task: parsed.data };
  const reason = parsed.success ? 'The task is stored under the wrong key.' : summarizeIssues(parsed.error.issues);
  return { rejected: { at: now, source, reason, raw } };
}

/** Keep every valid task; set the rest aside with the reason. */
export function parseTrackerData(raw: unknown, now: number, source = 'storage'): ParsedTracker {
  const rejected: RecoveredRecord[] = [];
  const tasks: Record<string, TrackedTask> = {};
  const record = raw && typeof raw === 'object' ? (raw as { tasks?: unknown }).tasks : undefined;
  if (raw !== undefined && raw !== null && (typeof record !== 'object' || record === null || Array.isArray(record))) {
    rejected.push({ at: now, source, reason: 'The tracker data has an unknown shape.', raw });
    return { data: { tasks }, rejected };
  }
  for (const [key, value] of Object.entries((record ?? {}) as Record<string, unknown>)) {
    const checked = checkStoredTask(key, value, now, { source });
    if (checked.task) tasks[key] = checked.task;
    else rejected.push(checked.rejected);
  }
  return { data: { tasks }, rejected };
}

export interface ParsedSettings {
  settings: Settings;
  /** Why part of the stored settings could not be used (empty when all was fine). */
  problems: string[];
}

/**
 * Settings field by field, so one damaged field never resets the others. A stored
 * "Press Retrieve my post automatically" that cannot be read counts as OFF: the extension
 * never clicks on the creator's behalf unless it can read that they want it to.
 */
export function checkSettings(raw: unknown): ParsedSettings {
  const defaults = SettingsSchema.parse({});
  if (raw === undefined || raw === null) return { settings: defaults, problems: [] };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { settings: { ...defaults, autoRetrieve: false }, problems: ['The settings have an unknown shape.'] };
  }
  const record = raw as Record<string, unknown>;
  const problems: string[] = [];
  const auto = SettingsSchema.shape.autoRetrieve.safeParse(record.autoRetrieve);
  if (!auto.success) problems.push(`autoRetrieve: ${summarizeIssues(auto.error.issues)}`);
  const retry = SettingsSchema.shape.retry.safeParse(record.retry);
  if (!retry.success) problems.push(`retry: ${summarizeIssues(retry.error.issues)}`);
  // Missing (settings stored before reminders existed): all on. Damaged: all on too, reported.
  const reminders = SettingsSchema.shape.reminders.safeParse(record.reminders);
  if (!reminders.success) problems.push(`reminders: ${summarizeIssues(reminders.error.issues)}`);
  // Missing or damaged: off (the walk opens tabs: only when the creator asked for it).
  const dailyRefresh = SettingsSchema.shape.dailyRefresh.safeParse(record.dailyRefresh);
  if (!dailyRefresh.success) problems.push(`dailyRefresh: ${summarizeIssues(dailyRefresh.error.issues)}`);
  // Missing (settings stored before archiving existed) or damaged: the default (30 days). Archiving only hides.
  const archiveAfterDays = SettingsSchema.shape.archiveAfterDays.safeParse(record.archiveAfterDays);
  if (!archiveAfterDays.success) problems.push(`archiveAfterDays: ${summarizeIssues(archiveAfterDays.error.issues)}`);
  return {
    settings: {
      autoRetrieve: auto.success ? auto.data : false,
      retry: retry.success ? retry.data : defaults.retry,
      reminders: reminders.success ? reminders.data : defaults.reminders,
      dailyRefresh: dailyRefresh.success ? dailyRefresh.data : defaults.dailyRefresh,
      archiveAfterDays: archiveAfterDays.success ? archiveAfterDays.data : defaults.archiveAfterDays,
    },
    problems,
  };
}

export function parseSettings(raw: unknown): Settings {
  return checkSettings(raw).settings;
}

/**
 * Every task, from wherever it is stored (buckets, version 1 and 2 copies not moved yet),
 * checked. For pages and tests; the worker keeps its own copy (background/tracker-owner.ts).
 */
export async function readTracker(): Promise<ParsedTracker> {
  // In pieces (storage-pieces.ts): a page closed meanwhile holds up no other page's reads.
  return parseTrackerData({ tasks: storedTaskRecords(await readInPieces(browser.storage.local, holdsTasks)) }, Date.now());
}

export async function readSettings(): Promise<Settings> {
  return parseSettings(await settingsItem.getValue());
}

export async function readRecovery(): Promise<RecoveredRecord[]> {
  const raw = await recoveryItem.getValue();
  return Array.isArray(raw) ? raw.filter((r) => RecoveredRecordSchema.safeParse(r).success) : [];
}
