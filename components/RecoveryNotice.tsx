/**
 * Records the tracker could not read, from storage or an imported backup, are set aside
 * (local:recovery), never dropped; this tells the creator and lets them save them as a file.
 */
import type { RecoveredRecord } from '@/utils/tracker/schema';
import { makeRecoveryExport, recoveryFileName } from '@/utils/backup';
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
