/**
 * The overview for account managers: every tracked task across campaigns and accounts in
 * one table, with search, a state filter, counts, bulk copy of invite links, CSV export and
 * backup export/import. Reads the tracker; every change goes to the background.
 */
import { useCallback, useDeferredValue, useMemo, useRef, useState } from 'react';
import { CopyButton } from '@/components/CopyButton';
import { withParts } from '@/components/with-parts';
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
import { formatNumber, t } from '@/utils/i18n';

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
        <h1>{t('overview.title')}</h1>
        <p className="muted">
          {loaded
            ? t('overview.summary', {
                tasks: t('overview.tasks', total, { count: formatNumber(total) }),
                campaigns: t('overview.campaigns', campaigns, { count: formatNumber(campaigns) }),
              })
            : t('action.loading')}
        </p>
      </header>
      <RecoveryNotice records={recovery} />
      <UnsavedNotice unsaved={unsaved} tasks={tasks} complete={complete} />
      <MigrationNotice migration={migration} />
      {loaded && total === 0 && (
        <section className="empty first-run" aria-labelledby="first-run-title">
          <h2 id="first-run-title">{t('empty.title')}</h2>
          <p>{t('refresh.firstRun')}</p>
        </section>
      )}
      <RefreshAll />

      <section className="toolbar" aria-label={t('overview.findTasks')}>
        <label>
          {t('overview.search')}
          <input type="search" value={query} onChange={(e) => setQuery(e.currentTarget.value)} placeholder={t('overview.searchPlaceholder')} />
        </label>
        <label>
          {t('overview.state')}
          <select value={stateFilter} onChange={(e) => setStateFilter(e.currentTarget.value as TrackerState | '')}>
            <option value="">{t('overview.allStates', { count: formatNumber(total) })}</option>
            {TRACKER_STATES.map((s) => (
              <option key={s} value={s}>
                {t('overview.stateOption', { state: STATE_LABELS[s], count: formatNumber(counts[s]) })}
              </option>
            ))}
          </select>
        </label>
        <ul className="state-counts" aria-label={t('overview.perState')}>
          {TRACKER_STATES.map((s) => (
            <li key={s}>
              {withParts(t('overview.stateCount', { state: STATE_LABELS[s], count: '{count}' }), { count: <strong>{formatNumber(counts[s])}</strong> })}
            </li>
          ))}
        </ul>
      </section>

      <section className="toolbar" aria-label={t('overview.selectedExported')}>
        <span>
          {t('overview.shownSelected', { shown: complete || defaultView ? formatNumber(rowCount) : '…', selected: formatNumber(selectedRows.length) })}
        </span>
        <CopyButton
          label={t('overview.copyLinks')}
          text={() => selectedLinks.join('\n')}
          disabled={selectedLinks.length === 0}
          copiedMessage={t('overview.copiedLinks', selectedLinks.length, { count: formatNumber(selectedLinks.length) })}
        />
        {/* Both need every task: off until the whole tracker is read (a moment; see the status below). */}
        <button
          type="button"
          disabled={!complete}
          onClick={() => downloadFile(csvFileName(Date.now()), tasksToCsv(rows), 'text/csv;charset=utf-8')}
        >
          {t('overview.exportCsv')}
        </button>
        <button
          type="button"
          disabled={!complete}
          onClick={() => downloadFile(backupFileName(Date.now()), makeBackup(tasks, Date.now()), 'application/json')}
        >
          {t('recovery.exportBackup')}
        </button>
        <button type="button" onClick={() => fileInput.current?.click()}>
          {t('overview.importBackup')}
        </button>
        <input
          ref={fileInput}
          type="file"
          accept="application/json,.json"
          aria-label={t('overview.backupFile')}
          hidden
          onChange={(e) => void onImport(e.currentTarget.files?.[0])}
        />
      </section>
      <p className="muted hint">{t('overview.exportHint')}</p>
      <div role="status" aria-live="polite">
        {importMessage?.kind === 'ok' ? importMessage.text : waiting ? t('action.loadingAll', total, { count: formatNumber(total) }) : ''}
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
        emptyText={waiting ? t('action.loadingAll', total, { count: formatNumber(total) }) : loaded && total === 0 ? t('refresh.noTasksYet') : t('overview.noMatch')}
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
