/**
 * The tracker's storage: versioned items (@wxt-dev/storage) plus a tolerant reader.
 * Only the background worker writes `tracker`; pages and content scripts read and watch it.
 */
import { storage, type StorageItemKey, type WxtStorageItem } from 'wxt/utils/storage';
import {
  RecoveredRecordSchema,
  SettingsSchema,
  type RecoveredRecord,
  type Settings,
  type TrackedTask,
  type TrackerData,
} from './schema';
import { checkTrackedTask } from './task-check';
import { LOCAL_KEY, localKey } from '../storage-keys';

/*
 * Versions. Every item is at version 1, the first shape this extension stored. Data written
 * before versions were recorded (pre-release builds) has no version mark, which
 * @wxt-dev/storage reads as version 1: its shape is the same (tests/unit/fixtures/storage).
 * When a stored shape has to change, raise `version` and add the migration here; the fixtures
 * of every older shape must keep loading (tests/unit/hardening-storage.test.tsx).
 *
 * The tracker's revision is not part of its stored shape: it lives in the item's metadata
 * (`tracker$`, where @wxt-dev/storage keeps `v`), as `rev`, and in the head. The background
 * raises it on every write and writes tracker, metadata and head in one `storage.local.set`.
 * Data without a revision (older builds, tools) reads as revision 0. A tracker written alone
 * (a tool, an older build) is noticed by the worker, which rebuilds the head under a new
 * revision (background/storage-check.ts); the tracker's own shape is unchanged, so older
 * builds read this version's data as before.
 */

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
    const parsed = checkTrackedTask(value);
    if (parsed.success && parsed.data.key === key) tasks[key] = parsed.data;
    else
      rejected.push({
        at: now,
        source,
        reason: parsed.success ? 'The task is stored under the wrong key.' : summarizeIssues(parsed.error.issues),
        raw: value,
      });
  }
  return { data: { tasks }, rejected };
}

export function summarizeIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
    .join('; ');
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
  return {
    settings: { autoRetrieve: auto.success ? auto.data : false, retry: retry.success ? retry.data : defaults.retry },
    problems,
  };
}

export function parseSettings(raw: unknown): Settings {
  return checkSettings(raw).settings;
}

export async function readTracker(): Promise<ParsedTracker> {
  return parseTrackerData(await trackerItem.getValue(), Date.now());
}

export async function readSettings(): Promise<Settings> {
  return parseSettings(await settingsItem.getValue());
}

export async function readRecovery(): Promise<RecoveredRecord[]> {
  const raw = await recoveryItem.getValue();
  return Array.isArray(raw) ? raw.filter((r) => RecoveredRecordSchema.safeParse(r).success) : [];
}
