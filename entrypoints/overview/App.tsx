/**
 * The overview for account managers: every tracked task across campaigns and accounts in
 * one table, with search, a state filter, counts, bulk copy of invite links, CSV export and
 * backup export/import. Reads the tracker; every change goes to the background.
 */
import { useCallback, useDeferredValue, useMemo, useRef, useState } from 'react';
import { CopyButton } from '@/components/CopyButton';
import { downloadFile } from '@/components/download';
import { RecoveryNotice } from '@/components/RecoveryNotice';
import { offerableInviteLink } from '@/components/task-actions';
import { useBackground } from '@/components/use-background';
import { useNow } from '@/components/use-now';
import { backupFileName, importBackupFile, makeBackup } from '@/utils/backup';
import { csvFileName, tasksToCsv } from '@/utils/csv';
import { STATE_LABELS, TRACKER_STATES, type TrackerState } from '@/utils/tracker/machine';
import { countByState, filterTasks, sortTasks, type SortColumn, type SortOrder } from '@/utils/tracker/table-view';
import { useTracker, useTrackerSync } from '@/utils/tracker/use-tracker';
import { OverviewTable, type RowCommand } from './OverviewTable';
import { SettingsForm } from './SettingsForm';

export function OverviewApp() {
  useTrackerSync();
  const loaded = useTracker((s) => s.loaded);
  const tasks = useTracker((s) => s.tasks);
  const settings = useTracker((s) => s.settings);
  const recovery = useTracker((s) => s.recovery);
  const now = useNow();
  const { send, error: commandError } = useBackground();

  const [query, setQuery] = useState('');
  const [stateFilter, setStateFilter] = useState<TrackerState | ''>('');
  const [sort, setSort] = useState<SortOrder>({ column: 'dueDate', direction: 'ascending' });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [importMessage, setImportMessage] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const fileInput = useRef<HTMLInputElement>(null);

  // Typing stays responsive: the table catches up with the deferred query.
  const deferredQuery = useDeferredValue(query);
  const counts = useMemo(() => countByState(tasks), [tasks]);
  const filtered = useMemo(
    () => filterTasks(tasks, { query: deferredQuery, state: stateFilter || undefined }),
    [tasks, deferredQuery, stateFilter],
  );
  const rows = useMemo(() => sortTasks(filtered, sort), [filtered, sort]);
  const campaignCount = useMemo(() => new Set(tasks.map((t) => `${t.accountId ?? t.accountName}|${t.campaignId ?? t.campaignName}`)).size, [tasks]);

  const selectedRows = useMemo(() => rows.filter((r) => selected.has(r.key)), [rows, selected]);
  const selectedLinks = useMemo(() => {
    const links = selectedRows.map(offerableInviteLink).filter((l): l is string => !!l);
    return [...new Set(links)];
  }, [selectedRows]);

  const onSort = useCallback((column: SortColumn) => {
    setSort((s) => (s.column === column ? { column, direction: s.direction === 'ascending' ? 'descending' : 'ascending' } : { column, direction: 'ascending' }));
  }, []);
  const onSelect = useCallback((key: string, on: boolean) => {
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });
  }, []);
  const onSelectAll = useCallback(
    (on: boolean) => {
      setSelected((s) => {
        const next = new Set(s);
        for (const r of rows) {
          if (on) next.add(r.key);
          else next.delete(r.key);
        }
        return next;
      });
    },
    [rows],
  );
  const onCommand = useCallback((c: RowCommand) => void send({ type: c.type, key: c.task.key }), [send]);

  async function onImport(file: File | undefined) {
    if (!file) return;
    setImportMessage(undefined);
    const outcome = await importBackupFile(file);
    setImportMessage({ kind: outcome.ok ? 'ok' : 'error', text: outcome.message });
    if (fileInput.current) fileInput.current.value = '';
  }

  return (
    <main className="overview">
      <header>
        <h1>TikTok deliverables overview</h1>
        <p className="muted">
          {loaded ? `${tasks.length} ${tasks.length === 1 ? 'task' : 'tasks'} across ${campaignCount} ${campaignCount === 1 ? 'campaign' : 'campaigns'}` : 'Loading…'}
        </p>
      </header>
      <RecoveryNotice records={recovery} />

      <section className="toolbar" aria-label="Find tasks">
        <label>
          Search
          <input type="search" value={query} onChange={(e) => setQuery(e.currentTarget.value)} placeholder="Campaign, brand, task, code…" />
        </label>
        <label>
          State
          <select value={stateFilter} onChange={(e) => setStateFilter(e.currentTarget.value as TrackerState | '')}>
            <option value="">All states ({tasks.length})</option>
            {TRACKER_STATES.map((s) => (
              <option key={s} value={s}>
                {STATE_LABELS[s]} ({counts[s]})
              </option>
            ))}
          </select>
        </label>
        <ul className="state-counts" aria-label="Tasks per state">
          {TRACKER_STATES.map((s) => (
            <li key={s}>
              {STATE_LABELS[s]}: <strong>{counts[s]}</strong>
            </li>
          ))}
        </ul>
      </section>

      <section className="toolbar" aria-label="Selected and exported tasks">
        <span>
          {rows.length} shown · {selectedRows.length} selected
        </span>
        <CopyButton
          label="Copy invite links"
          text={() => selectedLinks.join('\n')}
          disabled={selectedLinks.length === 0}
          copiedMessage={`Copied ${selectedLinks.length} invite ${selectedLinks.length === 1 ? 'link' : 'links'}`}
        />
        <button type="button" onClick={() => downloadFile(csvFileName(Date.now()), tasksToCsv(rows), 'text/csv;charset=utf-8')}>
          Export CSV
        </button>
        <button type="button" onClick={() => downloadFile(backupFileName(Date.now()), makeBackup(tasks, Date.now()), 'application/json')}>
          Export backup
        </button>
        <button type="button" onClick={() => fileInput.current?.click()}>
          Import backup
        </button>
        <input
          ref={fileInput}
          type="file"
          accept="application/json,.json"
          aria-label="Backup file to import"
          hidden
          onChange={(e) => void onImport(e.currentTarget.files?.[0])}
        />
      </section>
      <p className="muted hint">Export CSV saves the rows shown (search and filter apply); Export backup saves every task.</p>
      <div role="status" aria-live="polite">
        {importMessage?.kind === 'ok' ? importMessage.text : ''}
      </div>
      {importMessage?.kind === 'error' && (
        <p role="alert" className="alert">
          {importMessage.text}
        </p>
      )}
      {commandError && (
        <p role="alert" className="alert">
          {commandError}
        </p>
      )}

      <OverviewTable
        rows={rows}
        sort={sort}
        onSort={onSort}
        selected={selected}
        onSelect={onSelect}
        onSelectAll={onSelectAll}
        onCommand={onCommand}
        now={now}
      />

      <SettingsForm settings={settings} />
    </main>
  );
}
