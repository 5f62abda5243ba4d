/**
 * "Export backup" / "Import backup": the tracked tasks as one JSON file. An import is checked
 * before anything is sent. A foreign file (another program's JSON, a picture) or a newer format
 * is refused with a message that says why, and nothing changes. In a backup of ours, every
 * valid task is imported and each damaged task is set aside under `local:recovery` with the
 * reason; a file of ours that cannot be read at all (cut off, not JSON, of an unknown shape)
 * imports nothing and its text, capped, is set aside. The creator is told how many tasks were
 * imported and set aside, and where to export them. The background (the tracker's only
 * writer) merges so that newer local progress is never overwritten by an older backup.
 */
import type * as z from 'zod/mini';
import { BackupFileSchema, ImportCountsSchema, sendToBackground } from './messages';
import { summarizeIssues, type TrackedTask } from './tracker/schema';
import { checkTrackedTask } from './tracker/task-check';
import { formatNumber, t } from './i18n';

export const BACKUP_FORMAT = 'tiktok-deliverable-helper-backup';
export const BACKUP_VERSION = 1;
/** The message protocol carries at most this many tasks in one import. */
export const MAX_BACKUP_TASKS = 100_000;
export const MAX_BACKUP_BYTES = 100 * 1024 * 1024;
/**
 * At most this many characters of a file (or of one damaged task) are set aside: enough to see
 * what it was, small next to the browser's storage quota. The creator still has the file.
 */
export const MAX_SET_ASIDE_CHARS = 64 * 1024;

// What the overview says about an import, in the interface language (locales/*.yml `backup.*`).
// The reasons stored with set-aside records stay English: they are data for a report.
const nothing = () => t('backup.nothing');
/** Where set-aside records are offered for export (components/RecoveryNotice.tsx). */
const whereToExport = () => t('backup.where', { button: t('recovery.exportSetAside') });

export function makeBackup(tasks: readonly TrackedTask[], now: number): string {
  return JSON.stringify(
    { format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: new Date(now).toISOString(), tasks },
    null,
    2,
  );
}

export function backupFileName(now: number): string {
  const d = new Date(now);
  const two = (n: number) => String(n).padStart(2, '0');
  return `tiktok-deliverables-backup-${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}.json`;
}

/** Something from a backup file that cannot be imported, to be set aside with the reason. */
export interface DamagedPart {
  reason: string;
  raw: unknown;
}

export type BackupCheck =
  | { ok: true; tasks: TrackedTask[]; damaged: DamagedPart[] }
  /** `setAside`: the file is ours but unreadable; its capped text goes to recovery. */
  | { ok: false; message: string; setAside?: DamagedPart };

/** Our format marker as makeBackup writes it (`"format": "tiktok-deliverable-helper-backup"`). */
const MARKER = new RegExp(`"format"\\s*:\\s*"${BACKUP_FORMAT}"`);

/**
 * Text that says it is one of our backups: a JSON object with our format marker near its start
 * (makeBackup writes it first). Only such a file is set aside when it cannot be parsed.
 */
function looksLikeBackup(text: string): boolean {
  return /^\s*\{/.test(text) && MARKER.test(text.slice(0, 4096));
}

/** The text, cut to MAX_SET_ASIDE_CHARS, and a sentence saying so when it was cut. */
function capText(text: string): { raw: string; note: string } {
  if (text.length <= MAX_SET_ASIDE_CHARS) return { raw: text, note: '' };
  const n = (k: number) => k.toLocaleString('en');
  return { raw: text.slice(0, MAX_SET_ASIDE_CHARS), note: ` The first ${n(MAX_SET_ASIDE_CHARS)} of its ${n(text.length)} characters are kept.` };
}

/** A damaged task as it is set aside: as it was, unless it is very large. */
function capTask(value: unknown): { raw: unknown; note: string } {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = undefined;
  }
  if (json !== undefined && json.length <= MAX_SET_ASIDE_CHARS) return { raw: value, note: '' };
  const capped = capText(json ?? String(value));
  return { raw: capped.raw, note: ` It was too large to keep whole, so its text is kept.${capped.note}` };
}

/** A file that says it is our backup but cannot be imported at all: nothing is, its text is set aside. */
function unreadable(text: string, why: { words: string; english: string }): BackupCheck {
  const capped = capText(text);
  return {
    ok: false,
    message: t('backup.damaged', { why: why.words, nothing: nothing() }),
    setAside: { reason: `An imported backup file could not be read: ${why.english}.${capped.note}`.slice(0, 2000), raw: capped.raw },
  };
}

/**
 * Check a backup file's text. Valid tasks are returned to import; damaged ones come back with
 * the reason, to be set aside. A file that is not ours, or of a newer format, is refused.
 */
export function checkBackupText(text: string): BackupCheck {
  const body = text.replace(/^\uFEFF/, '');
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    if (looksLikeBackup(body)) return unreadable(body, { words: t('backup.whyIncomplete'), english: 'it is not complete JSON (it may have been cut off while saving or downloading)' });
    return { ok: false, message: t('backup.notJson', { nothing: nothing() }) };
  }
  const shape = raw as { format?: unknown; version?: unknown } | null;
  if (shape && typeof shape === 'object' && !Array.isArray(shape) && shape.format === `${BACKUP_FORMAT}-set-aside`) {
    return { ok: false, message: t('backup.setAsideFile', { nothing: nothing() }) };
  }
  if (!shape || typeof shape !== 'object' || Array.isArray(shape) || shape.format !== BACKUP_FORMAT) {
    return { ok: false, message: t('backup.notOurs', { nothing: nothing() }) };
  }
  if (typeof shape.version === 'number' && shape.version > BACKUP_VERSION) {
    return {
      ok: false,
      message: t('backup.newer', { version: String(shape.version), nothing: nothing() }),
    };
  }
  const file = BackupFileSchema.safeParse(raw);
  if (!file.success) {
    const issues = summarizeIssues(file.error.issues);
    return unreadable(body, { words: t('backup.whyLayout', { issues }), english: `its layout is not one this extension knows (${issues})` });
  }
  if (file.data.tasks.length > MAX_BACKUP_TASKS) {
    return { ok: false, message: t('backup.tooMany', { count: formatNumber(MAX_BACKUP_TASKS), nothing: nothing() }) };
  }
  const tasks: TrackedTask[] = [];
  const damaged: DamagedPart[] = [];
  const total = file.data.tasks.length;
  for (const [i, value] of file.data.tasks.entries()) {
    const parsed = checkTrackedTask(value);
    if (parsed.success) {
      tasks.push(parsed.data);
      continue;
    }
    const capped = capTask(value);
    const reason = `Task ${i + 1} of ${total}${describeRaw(value)} in an imported backup is damaged: ${summarizeIssues(parsed.error.issues)}.${capped.note}`;
    damaged.push({ reason: reason.slice(0, 2000), raw: capped.raw });
  }
  return { ok: true, tasks, damaged };
}

function describeRaw(value: unknown): string {
  if (!value || typeof value !== 'object') return '';
  const v = value as { taskName?: unknown; campaignName?: unknown };
  const parts = [v.taskName, v.campaignName].filter((p): p is string => typeof p === 'string' && p.length > 0);
  return parts.length ? ` ("${parts.join('", "').slice(0, 120)}")` : '';
}

export type ImportCounts = z.infer<typeof ImportCountsSchema>;

/** The worker's reply to importBackup, checked before its numbers are shown. */
export function readImportCounts(value: unknown): ImportCounts | undefined {
  const parsed = ImportCountsSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

export type ImportOutcome =
  /** `warning`: something was set aside (or could not be); the creator should look. */
  | { ok: true; counts: ImportCounts; message: string; warning: boolean }
  | { ok: false; message: string };

const tasks = (k: number) => t('overview.tasks', k, { count: formatNumber(k) });

/** What became of the damaged tasks, in words; '' when there were none. */
function describeSetAside(rejected: number, setAside: number): string {
  if (rejected === 0) return '';
  const count = formatNumber(rejected);
  if (setAside >= rejected) return t('backup.damagedSetAside', rejected, { count, where: whereToExport() });
  if (setAside === 0) return t('backup.damagedKept', rejected, { count });
  return t('backup.damagedSomeSetAside', rejected, { count, setAside: tasks(setAside), where: whereToExport() });
}

export function describeImport(counts: ImportCounts): string {
  const imported = counts.added + counts.updated + counts.kept;
  if (imported === 0 && counts.rejected === 0) return t('backup.noTasks', { nothing: nothing() });
  const head =
    imported === 0
      ? nothing()
      : t('backup.imported', { tasks: tasks(imported), added: formatNumber(counts.added), updated: formatNumber(counts.updated), kept: formatNumber(counts.kept) });
  const rest = describeSetAside(counts.rejected, counts.setAside);
  return rest ? `${head} ${rest}` : head;
}

function readText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(file, 'utf-8');
  });
}

/** Read, check and import a backup file chosen by the user. */
export async function importBackupFile(file: Blob): Promise<ImportOutcome> {
  if (file.size > MAX_BACKUP_BYTES) return { ok: false, message: t('backup.tooLarge', { nothing: nothing() }) };
  let text: string;
  try {
    text = await readText(file);
  } catch {
    return { ok: false, message: t('backup.unreadableFile', { nothing: nothing() }) };
  }
  const checked = checkBackupText(text);
  const named = (part: DamagedPart): DamagedPart =>
    file instanceof File && file.name ? { ...part, reason: `${part.reason} (file "${file.name.slice(0, 200)}")`.slice(0, 2000) } : part;
  if (!checked.ok) {
    if (!checked.setAside) return checked;
    const reply = await sendToBackground({ type: 'importBackup', tasks: [], setAside: [named(checked.setAside)] });
    const kept = reply.ok && reply.value.setAside > 0;
    return {
      ok: false,
      message: kept
        ? t('backup.textSetAside', { message: checked.message, where: whereToExport() })
        : t('backup.textNotSetAside', { message: checked.message, detail: reply.ok ? '' : ` (${reply.error})` }),
    };
  }
  const reply = await sendToBackground({ type: 'importBackup', tasks: checked.tasks, setAside: checked.damaged.map(named) });
  if (!reply.ok) return { ok: false, message: t('backup.failed', { error: reply.error }) };
  return { ok: true, counts: reply.value, message: describeImport(reply.value), warning: reply.value.rejected > 0 };
}

/** Records the tracker set aside as damaged, exported so the creator can keep or report them. */
export function makeRecoveryExport(records: readonly unknown[], now: number): string {
  return JSON.stringify({ format: `${BACKUP_FORMAT}-set-aside`, exportedAt: new Date(now).toISOString(), records }, null, 2);
}

export function recoveryFileName(now: number): string {
  return backupFileName(now).replace('-backup-', '-set-aside-');
}
