/**
 * Records the tracker could not read, from storage or an imported backup, are set aside
 * (local:recovery), never dropped; this tells the creator and lets them save them as a file.
 */
import type { RecoveredRecord, TrackedTask } from '@/utils/tracker/schema';
import { backupFileName, makeBackup, makeRecoveryExport, recoveryFileName } from '@/utils/backup';
import { downloadFile } from './download';

export function RecoveryNotice({ records }: { records: readonly RecoveredRecord[] }) {
  if (records.length === 0) return null;
  const n = records.length;
  return (
    <section className="notice" aria-labelledby="recovery-title">
      <h2 id="recovery-title">{n === 1 ? '1 damaged record was set aside' : `${n} damaged records were set aside`}</h2>
      <p>
        The extension found data it could not read, in its storage or in an imported backup, and kept it aside
        instead of deleting it. Export it to keep a copy or to report the problem.
      </p>
      <button
        type="button"
        onClick={() => {
          const now = Date.now();
          downloadFile(recoveryFileName(now), makeRecoveryExport(records, now), 'application/json');
        }}
      >
        Export set-aside records
      </button>
    </section>
  );
}

/**
 * Changes the browser refused to store (a full disk, the storage quota): the worker keeps them
 * and retries (background/tracker-owner.ts), and nothing stored before is lost. Until then the
 * creator can save every task, these changes included, with Export backup.
 */
export function UnsavedNotice({ unsaved, tasks, complete }: { unsaved: { count: number; error: string } | null; tasks: readonly TrackedTask[]; complete: boolean }) {
  if (!unsaved) return null;
  const n = unsaved.count;
  return (
    <section className="notice" aria-labelledby="unsaved-title">
      <h2 id="unsaved-title">{n === 1 ? '1 change is not saved yet' : `${n} changes are not saved yet`}</h2>
      <p>
        The browser refused to store it{n === 1 ? '' : 'm'} ({unsaved.error || 'storage is full'}). The extension keeps {n === 1 ? 'it' : 'them'} and
        tries again; nothing saved before is lost. Free some disk space, and export a backup to be safe.
      </p>
      <button
        type="button"
        disabled={!complete}
        onClick={() => {
          const now = Date.now();
          downloadFile(backupFileName(now), makeBackup(tasks, now), 'application/json');
        }}
      >
        {complete ? 'Export backup' : 'Export backup (loading all tasks…)'}
      </button>
    </section>
  );
}

/** Version 1 data being moved to one key per task (tracker/migrate.ts): shown while it lasts. */
export function MigrationNotice({ migration }: { migration: { total: number; copied: number } | null }) {
  if (!migration || migration.copied >= migration.total) return null;
  return (
    <p className="muted" role="status">
      Updating storage: {migration.copied.toLocaleString('en')} of {migration.total.toLocaleString('en')} tasks moved…
    </p>
  );
}
