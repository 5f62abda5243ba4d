/**
 * The overview for account managers: every tracked task across campaigns and accounts in
 * one table, with search, a state filter, counts, bulk copy of invite links, CSV export and
 * backup export/import. Reads the tracker; every change goes to the background.
 */
import { useCallback, useDeferredValue, useMemo, useRef, useState } from 'react';
import { CopyButton } from '@/components/CopyButton';
import { downloadFile } from '@/components/download';
import { MigrationNotice, RecoveryNotice, UnsavedNotice } from '@/components/RecoveryNotice';
import { RefreshAll } from '@/components/RefreshAll';
import { offerableInviteLink } from '@/components/task-actions';
import { useBackground } from '@/components/use-background';
import { useNow } from '@/components/use-now';
import { backupFileName, importBackupFile, makeBackup } from '@/utils/backup';
import { csvFileName, tasksToCsv } from '@/utils/csv';
import { STATE_LABELS, TRACKER_STATES, type TrackerState } from '@/utils/tracker/machine';
import { overviewRowsFromHead } from '@/utils/tracker/head';
import { campaignCount, countByState, DEFAULT_SORT, filterTasks, sortTasks, type SortColumn, type SortOrder } from '@/utils/tracker/table-view';
import { useTracker, useTrackerSync } from '@/utils/tracker/use-tracker';
import { OverviewTable, type RowCommand } from './OverviewTable';
import { SettingsForm } from './SettingsForm';

/** New words of this page. Kept together for translation. */
const words = {
  firstRunTitle: 'No TikTok tasks yet',
  firstRun:
    'Press Refresh all: it opens your Participating campaigns on impact.com in a background tab and reads every TikTok task (invite link, campaign code, status, due date) into this table. Or open a TikTok task’s View Task Details on impact.com yourself: it shows up here at once.',
  noTasksYet: 'No tasks yet: press Refresh all above.',
};

export function OverviewApp() {
  useTrackerSync();
  const loaded = useTracker((s) => s.loaded);
  // Until `complete`, only the head is known: totals and the first rows of the default view.
  const complete = useTracker((s) => s.complete);
  const head = useTracker((s) => s.head);
  const total = useTracker((s) => s.total);
  const tasks = useTracker((s) => s.tasks);
  const settings = useTracker((s) => s.settings);
  const recovery = useTracker((s) => s.recovery);
  const unsaved = useTracker((s) => s.unsaved);
  const migration = useTracker((s) => s.migration);
  const now = useNow();
  const { send, error: commandError } = useBackground();

  const [query, setQuery] = useState('');
  const [stateFilter, setStateFilter] = useState<TrackerState | ''>('');
  const [sort, setSort] = useState<SortOrder>(DEFAULT_SORT);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  // 'warning': imported, but damaged tasks were set aside (or could not be): said as an alert.
  const [importMessage, setImportMessage] = useState<{ kind: 'ok' | 'warning' | 'error'; text: string }>();
  const fileInput = useRef<HTMLInputElement>(null);

  // Typing stays responsive: the table catches up with the deferred query.
  const deferredQuery = useDeferredValue(query);
  const counts = useMemo(() => (complete || !head ? countByState(tasks) : head.counts), [complete, head, tasks]);
  const filtered = useMemo(
    () => filterTasks(tasks, { query: deferredQuery, state: stateFilter || undefined }),
    [tasks, deferredQuery, stateFilter],
  );
  const sorted = useMemo(() => sortTasks(filtered, sort), [filtered, sort]);
  const campaigns = useMemo(() => (complete || !head ? campaignCount(tasks) : head.campaigns), [complete, head, tasks]);
  // While only the head is there, it shows the default view (every task, due date first); a
  // search, filter or other order waits for the whole tracker (the inputs keep working).
  const defaultView = query === '' && deferredQuery === '' && stateFilter === '' && sort.column === DEFAULT_SORT.column && sort.direction === DEFAULT_SORT.direction;
  const headRows = useMemo(() => (head ? overviewRowsFromHead(head) : []), [head]);
  const rows = complete ? sorted : defaultView ? headRows : [];
  const rowCount = complete ? rows.length : defaultView ? total : 0;
  const waiting = loaded && !complete;

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
    setImportMessage({ kind: !outcome.ok ? 'error' : outcome.warning ? 'warning' : 'ok', text: outcome.message });
    if (fileInput.current) fileInput.current.value = '';
  }

  return (
    <main className="overview" data-complete={complete}>
      <header>
        <h1>TikTok deliverables overview</h1>
        <p className="muted">
          {loaded ? `${total} ${total === 1 ? 'task' : 'tasks'} across ${campaigns} ${campaigns === 1 ? 'campaign' : 'campaigns'}` : 'Loading…'}
        </p>
      </header>
      <RecoveryNotice records={recovery} />
      <UnsavedNotice unsaved={unsaved} tasks={tasks} complete={complete} />
      <MigrationNotice migration={migration} />
      {loaded && total === 0 && (
        <section className="empty first-run" aria-labelledby="first-run-title">
          <h2 id="first-run-title">{words.firstRunTitle}</h2>
          <p>{words.firstRun}</p>
        </section>
      )}
      <RefreshAll />

      <section className="toolbar" aria-label="Find tasks">
        <label>
          Search
          <input type="search" value={query} onChange={(e) => setQuery(e.currentTarget.value)} placeholder="Campaign, brand, task, code…" />
        </label>
        <label>
          State
          <select value={stateFilter} onChange={(e) => setStateFilter(e.currentTarget.value as TrackerState | '')}>
            <option value="">All states ({total})</option>
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
          {complete || defaultView ? rowCount : '…'} shown · {selectedRows.length} selected
        </span>
        <CopyButton
          label="Copy invite links"
          text={() => selectedLinks.join('\n')}
          disabled={selectedLinks.length === 0}
          copiedMessage={`Copied ${selectedLinks.length} invite ${selectedLinks.length === 1 ? 'link' : 'links'}`}
        />
        {/* Both need every task: off until the whole tracker is read (a moment; see the status below). */}
        <button
          type="button"
          disabled={!complete}
          onClick={() => downloadFile(csvFileName(Date.now()), tasksToCsv(rows), 'text/csv;charset=utf-8')}
        >
          Export CSV
        </button>
        <button
          type="button"
          disabled={!complete}
          onClick={() => downloadFile(backupFileName(Date.now()), makeBackup(tasks, Date.now()), 'application/json')}
        >
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
        {importMessage?.kind === 'ok' ? importMessage.text : waiting ? `Loading all ${total} tasks…` : ''}
      </div>
      {(importMessage?.kind === 'error' || importMessage?.kind === 'warning') && (
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
        rowCount={rowCount}
        complete={complete}
        emptyText={waiting ? `Loading all ${total} tasks…` : loaded && total === 0 ? words.noTasksYet : 'No tasks match.'}
        sort={sort}
        onSort={onSort}
        selected={selected}
        onSelect={onSelect}
        onSelectAll={onSelectAll}
        onCommand={onCommand}
        now={now}
      />

      <SettingsForm settings={settings} total={total} />
    </main>
  );
}
