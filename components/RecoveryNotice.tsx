/**
 * Records the tracker could not read, from storage or an imported backup, are set aside
 * (local:recovery), never dropped; this tells the creator and lets them save them as a file.
 */
import type { RecoveredRecord, TrackedTask } from '@/utils/tracker/schema';
import { backupFileName, makeBackup, makeRecoveryExport, recoveryFileName } from '@/utils/backup';
import { downloadFile } from './download';
import { formatNumber, t } from '@/utils/i18n';

export function RecoveryNotice({ records }: { records: readonly RecoveredRecord[] }) {
  if (records.length === 0) return null;
  const n = records.length;
  return (
    <section className="notice" aria-labelledby="recovery-title">
      <h2 id="recovery-title">{t('recovery.damagedTitle', n, { count: formatNumber(n) })}</h2>
      <p>{t('recovery.damagedBody')}</p>
      <button
        type="button"
        onClick={() => {
          const now = Date.now();
          downloadFile(recoveryFileName(now), makeRecoveryExport(records, now), 'application/json');
        }}
      >
        {t('recovery.exportSetAside')}
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
      <h2 id="unsaved-title">{t('recovery.unsavedTitle', n, { count: formatNumber(n) })}</h2>
      <p>{t('recovery.unsavedBody', n, { error: unsaved.error || t('recovery.storageFull') })}</p>
      <button
        type="button"
        disabled={!complete}
        onClick={() => {
          const now = Date.now();
          downloadFile(backupFileName(now), makeBackup(tasks, now), 'application/json');
        }}
      >
        {complete ? t('recovery.exportBackup') : t('recovery.exportBackupLoading')}
      </button>
    </section>
  );
}

/** Version 1 data being moved to one key per task (tracker/migrate.ts): shown while it lasts. */
export function MigrationNotice({ migration }: { migration: { total: number; copied: number } | null }) {
  if (!migration || migration.copied >= migration.total) return null;
  return (
    <p className="muted" role="status">
      {t('recovery.migration', { copied: formatNumber(migration.copied), total: formatNumber(migration.total) })}
    </p>
  );
}
