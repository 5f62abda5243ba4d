/**
 * The tracker's storage: versioned items (@wxt-dev/storage) plus a tolerant reader.
 * Only the background worker writes `tracker`; pages and content scripts read and watch it.
 */
import { storage } from 'wxt/utils/storage';
import {
  RecoveredRecordSchema,
  SettingsSchema,
  TrackedTaskSchema,
  type RecoveredRecord,
  type Settings,
  type TrackedTask,
  type TrackerData,
} from './schema';

/*
 * Versions. Every item is at version 1, the first shape this extension stored. Data written
 * before versions were recorded (pre-release builds) has no version mark, which
 * @wxt-dev/storage reads as version 1: its shape is the same (tests/unit/fixtures/storage).
 * When a stored shape has to change, raise `version` and add the migration here; the fixtures
 * of every older shape must keep loading (tests/unit/hardening-storage.test.tsx).
 */

/** Stored shape: loose on purpose, every read goes through parseTrackerData. */
export interface StoredTracker {
  tasks: Record<string, unknown>;
}

export const trackerItem = storage.defineItem<StoredTracker>('local:tracker', {
  fallback: { tasks: {} },
  version: 1,
});

export const settingsItem = storage.defineItem<unknown>('local:settings', {
  fallback: {},
  version: 1,
});

/** Records that failed validation, kept for the creator to export (never silently dropped). */
export const recoveryItem = storage.defineItem<RecoveredRecord[]>('local:recovery', {
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
    const parsed = TrackedTaskSchema.safeParse(value);
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
