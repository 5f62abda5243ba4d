/**
 * "Export backup" / "Import backup": the tracked tasks as one JSON file. An import is
 * checked whole before anything is sent: one damaged task, a foreign file or a newer format
 * refuses the file with a message that says why, and the tracker is left as it was. A good
 * file goes to the background (the tracker's only writer), which merges it so that newer
 * local progress is never overwritten by an older backup.
 */
import { BackupFileSchema } from './messages';
import { sendToBackground } from './messaging';
import { TrackedTaskSchema, type TrackedTask } from './tracker/schema';
import { summarizeIssues } from './tracker/storage';

export const BACKUP_FORMAT = 'tiktok-deliverable-helper-backup';
export const BACKUP_VERSION = 1;
/** The message protocol carries at most this many tasks in one import. */
export const MAX_BACKUP_TASKS = 100_000;
export const MAX_BACKUP_BYTES = 100 * 1024 * 1024;

const NOTHING = 'Nothing was imported.';

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

export type BackupCheck = { ok: true; tasks: TrackedTask[] } | { ok: false; message: string };

/** Check a backup file's text completely; never partially accept it. */
export function checkBackupText(text: string): BackupCheck {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, message: `This file is not a backup: it is not valid JSON. ${NOTHING}` };
  }
  const shape = raw as { format?: unknown; version?: unknown } | null;
  if (!shape || typeof shape !== 'object' || Array.isArray(shape) || shape.format !== BACKUP_FORMAT) {
    return { ok: false, message: `This file is not a TikTok Deliverable Helper backup. ${NOTHING}` };
  }
  if (typeof shape.version === 'number' && shape.version > BACKUP_VERSION) {
    return {
      ok: false,
      message: `This backup was made by a newer version of the extension (format ${shape.version}). Update the extension, then import it again. ${NOTHING}`,
    };
  }
  const file = BackupFileSchema.safeParse(raw);
  if (!file.success) {
    return { ok: false, message: `This backup is damaged (${summarizeIssues(file.error.issues)}). ${NOTHING}` };
  }
  if (file.data.tasks.length > MAX_BACKUP_TASKS) {
    return { ok: false, message: `This backup holds more than ${MAX_BACKUP_TASKS.toLocaleString('en')} tasks. ${NOTHING}` };
  }
  const tasks: TrackedTask[] = [];
  for (const [i, value] of file.data.tasks.entries()) {
    const parsed = TrackedTaskSchema.safeParse(value);
    if (!parsed.success) {
      const named = describeRaw(value);
      return {
        ok: false,
        message: `Task ${i + 1} of ${file.data.tasks.length}${named} in this backup is damaged (${summarizeIssues(parsed.error.issues)}). ${NOTHING}`,
      };
    }
    tasks.push(parsed.data);
  }
  return { ok: true, tasks };
}

function describeRaw(value: unknown): string {
  if (!value || typeof value !== 'object') return '';
  const v = value as { taskName?: unknown; campaignName?: unknown };
  const parts = [v.taskName, v.campaignName].filter((p): p is string => typeof p === 'string' && p.length > 0);
  return parts.length ? ` ("${parts.join('", "').slice(0, 120)}")` : '';
}

export interface ImportCounts {
  added: number;
  updated: number;
  kept: number;
  rejected: number;
}

export type ImportOutcome = { ok: true; counts: ImportCounts; message: string } | { ok: false; message: string };

export function describeImport(counts: ImportCounts): string {
  const n = (k: number, one: string, many = `${one}s`) => `${k} ${k === 1 ? one : many}`;
  const parts = [`${n(counts.added, 'task')} added`, `${counts.updated} updated`, `${counts.kept} kept (your copy is newer or the same)`];
  if (counts.rejected) parts.push(`${counts.rejected} set aside as damaged`);
  return `Backup imported: ${parts.join(', ')}.`;
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
  if (file.size > MAX_BACKUP_BYTES) return { ok: false, message: `This file is too large to be a backup. ${NOTHING}` };
  let text: string;
  try {
    text = await readText(file);
  } catch {
    return { ok: false, message: `The file could not be read. ${NOTHING}` };
  }
  const checked = checkBackupText(text);
  if (!checked.ok) return checked;
  const reply = await sendToBackground<ImportCounts>({ type: 'importBackup', tasks: checked.tasks });
  if (!reply.ok) return { ok: false, message: `The backup could not be imported: ${reply.error}` };
  return { ok: true, counts: reply.value, message: describeImport(reply.value) };
}

/** Records the tracker set aside as damaged, exported so the creator can keep or report them. */
export function makeRecoveryExport(records: readonly unknown[], now: number): string {
  return JSON.stringify({ format: `${BACKUP_FORMAT}-set-aside`, exportedAt: new Date(now).toISOString(), records }, null, 2);
}

export function recoveryFileName(now: number): string {
  return backupFileName(now).replace('-backup-', '-set-aside-');
}
