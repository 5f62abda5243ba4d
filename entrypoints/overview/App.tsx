/**
 * The overview for account managers: every tracked task across campaigns and accounts in
 * one table, most urgent first, with search, state and account filters, counts per state that
 * filter, bulk copy of invite links, bulk Mark as posted / Retry now (confirmed), CSV export
 * of the selection or of every row shown, and backup export/import. Archived tasks
 * (utils/tracker/archive.ts) are left out of the default view and the counts of active work,
 * and shown on demand: the State filter's "Archived" (or everything), its count button, or a
 * search. Reads the tracker; every change goes to the background.
 */
import { memo, useCallback, useDeferredValue, useMemo, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import { BULK_ACTIONS, confirmBody, confirmButton, confirmTitle, countReply, emptyOutcome, outcomeText, planBulk, skipAtTurn, willSkipLines, type BulkAction, type BulkPlan } from '@/components/bulk-actions';
import { ConfirmDialog } from '@/components/ConfirmDialog';
import { CopyButton } from '@/components/CopyButton';
import { rowsToExport, selectedRows as selectedOf, sortByChoice, sortByHeader, stateFilterOf, toggleStateFilter, withKeys, type StateChoice } from '@/components/overview-view';
import { withParts } from '@/components/with-parts';
import { downloadFile } from '@/components/download';
import { MigrationNotice, RecoveryNotice, UnsavedNotice } from '@/components/RecoveryNotice';
import { RefreshAll } from '@/components/RefreshAll';
import { offerableInviteLink } from '@/components/task-actions';
import { useBackground } from '@/components/use-background';
import { useNow } from '@/components/use-now';
import { backupFileName, importBackupFile, makeBackup } from '@/utils/backup';
import { STATE_LABELS, TRACKER_STATES, type TrackerState } from '@/utils/tracker/machine';
import { overviewRowsFromHead } from '@/utils/tracker/head';
import { activeTasks, isArchived } from '@/utils/tracker/archive';
import {
  accountOptions,
  campaignCount,
  COLUMN_LABELS,
  countByState,
  DEFAULT_SORT,
  narrowingTaskFilter,
  NO_ACCOUNT,
  SEARCH_AT_ONCE,
  SORT_KEYS,
  sortTasks,
  type SortColumn,
  type SortKey,
  type SortOrder,
} from '@/utils/tracker/table-view';
import { useTrackerPage, useTrackerStore, useTrackerSync } from '@/utils/tracker/use-tracker';
import { sendToBackground } from '@/utils/messages';
import { OverviewTable, type RowCommand } from './OverviewTable';
import { SettingsForm } from './SettingsForm';
import { formatNumber, t } from '@/utils/i18n';

export function OverviewApp() {
  useTrackerSync();
  // Until `complete`, only the head is known: totals and the first rows of the default view.
  const { loaded, complete, head, total, tasks, settings, recovery, unsaved, migration } = useTrackerPage();
  const now = useNow();
  const { send, error: commandError } = useBackground();

  const [query, setQuery] = useState('');
  const [stateFilter, setStateFilter] = useState<StateChoice>('');
  const [accountFilter, setAccountFilter] = useState('');
  const [sort, setSort] = useState<SortOrder>(DEFAULT_SORT);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  // Bulk Mark as posted / Retry now: the plan being confirmed, the progress, the result said.
  const [confirming, setConfirming] = useState<BulkPlan>();
  const [bulkProgress, setBulkProgress] = useState<{ done: number; total: number }>();
  const [bulkResult, setBulkResult] = useState<string>();
  // 'warning': imported, but damaged tasks were set aside (or could not be): said as an alert.
  const [importMessage, setImportMessage] = useState<{ kind: 'ok' | 'warning' | 'error'; text: string }>();
  const fileInput = useRef<HTMLInputElement>(null);

  // Typing stays responsive: the table catches up with the deferred query.
  const deferredQuery = useDeferredValue(query);
  // Active work: every task but the archived ones (the head counts them apart).
  const active = useMemo(() => activeTasks(tasks), [tasks]);
  const archivedCount = complete || !head ? tasks.length - active.length : head.archived;
  const activeTotal = total - archivedCount;
  const counts = useMemo(() => (complete || !head ? countByState(active) : head.counts), [complete, head, active]);
  // The accounts of the tasks the State choice is about (active ones, archived ones, or all).
  const scope = useMemo(() => (stateFilter === 'archived' ? tasks.filter(isArchived) : stateFilter === 'everything' ? tasks : active), [stateFilter, tasks, active]);
  const scopeTotal = stateFilter === 'archived' ? archivedCount : stateFilter === 'everything' ? total : activeTotal;
  const accounts = useMemo(() => accountOptions(scope), [scope]);
  // Sorted once per order, then filtered (which keeps the order): a keystroke only filters.
  const sorted = useMemo(() => sortTasks(tasks, sort), [tasks, sort]);
  // Typing that narrows the search looks only at what the last keystroke found.
  const [filterTasks] = useState(narrowingTaskFilter);
  const account = accountFilter || undefined;
  // The rows follow the deferred query: a search of many tasks waits for the box's own render.
  // A keystroke that only narrows the last search to a few tasks is searched at once, so its
  // rows are drawn with the box's render (one render and frame, not two).
  const narrowsFrom = query === deferredQuery ? undefined : filterTasks.narrowsFrom(sorted, { query, ...stateFilterOf(stateFilter, query), account });
  const tableQuery = narrowsFrom !== undefined && narrowsFrom <= SEARCH_AT_ONCE ? query : deferredQuery;
  const filtered = useMemo(
    () => filterTasks(sorted, { query: tableQuery, ...stateFilterOf(stateFilter, tableQuery), account }),
    [filterTasks, sorted, tableQuery, stateFilter, account],
  );
  const campaigns = useMemo(() => (complete || !head ? campaignCount(active) : head.campaigns), [complete, head, active]);
  // While only the head is there, it shows the default view (every active task, most urgent first); a
  // search, filter or other order waits for the whole tracker (the inputs keep working).
  const defaultView =
    query === '' && deferredQuery === '' && stateFilter === '' && accountFilter === '' && sort.column === DEFAULT_SORT.column && sort.direction === DEFAULT_SORT.direction;
  const headRows = useMemo(() => (head ? overviewRowsFromHead(head) : []), [head]);
  const rows = complete ? filtered : defaultView ? headRows : [];
  const rowCount = complete ? rows.length : defaultView ? activeTotal : 0;
  const waiting = loaded && !complete;

  const selectedRows = useMemo(() => selectedOf(rows, selected), [rows, selected]);
  const selectedLinks = useMemo(() => {
    const links = selectedRows.map(offerableInviteLink).filter((l): l is string => !!l);
    return [...new Set(links)];
  }, [selectedRows]);

  const onSort = useCallback((column: SortColumn) => setSort((s) => sortByHeader(s, column)), []);
  const onSelect = useCallback((key: string, on: boolean) => setSelected((s) => withKeys(s, [key], on)), []);
  const onSelectAll = useCallback((on: boolean) => setSelected((s) => withKeys(s, rows.map((r) => r.key), on)), [rows]);
  const onCommand = useCallback((c: RowCommand) => void send({ type: c.type, key: c.task.key }), [send]);

  function askBulk(action: BulkAction) {
    setBulkResult(undefined);
    setConfirming(planBulk(action, selectedRows));
  }

  /** One message per task, one at a time (each is a write of the single writer); each task looked at again at its turn. */
  async function runBulk(plan: BulkPlan) {
    setConfirming(undefined);
    const outcome = emptyOutcome(plan);
    const total = plan.apply.length;
    setBulkProgress({ done: 0, total });
    for (let i = 0; i < total; i++) {
      const key = plan.apply[i]!;
      if (skipAtTurn(outcome, useTrackerStore.getState().byKey[key]) === undefined) {
        countReply(outcome, await sendToBackground({ type: plan.action, key }));
      }
      setBulkProgress({ done: i + 1, total });
    }
    setBulkProgress(undefined);
    setBulkResult(outcomeText(outcome));
  }

  /** The CSV writer (papaparse) loads on the first export: the page opens without it. */
  async function exportCsv() {
    const chosen = rowsToExport(rows, selected);
    const { csvFileName, tasksToCsv } = await import('@/utils/csv');
    downloadFile(csvFileName(Date.now()), tasksToCsv(chosen), 'text/csv;charset=utf-8');
  }

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
            ? t(archivedCount > 0 ? 'overview.summaryArchived' : 'overview.summary', {
                tasks: t('overview.tasks', activeTotal, { count: formatNumber(activeTotal) }),
                campaigns: t('overview.campaigns', campaigns, { count: formatNumber(campaigns) }),
                archived: t('overview.archivedTasks', archivedCount, { count: formatNumber(archivedCount) }),
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
        <Filters
          stateFilter={stateFilter}
          setStateFilter={setStateFilter}
          accountFilter={accountFilter}
          setAccountFilter={setAccountFilter}
          sortColumn={sort.column}
          setSort={setSort}
          counts={counts}
          accounts={accounts}
          activeTotal={activeTotal}
          archivedCount={archivedCount}
          total={total}
          scopeTotal={scopeTotal}
        />
      </section>

      <section className="toolbar" aria-label={t('overview.selectedExported')}>
        <span>
          {t('overview.shownSelected', { shown: complete || defaultView ? formatNumber(rowCount) : '…', selected: formatNumber(selectedRows.length) })}
        </span>
        <span role="group" className="bulk" aria-label={t('overview.selectedTasks')}>
          {BULK_ACTIONS.map((action) => (
            <button key={action} type="button" disabled={!complete || selectedRows.length === 0 || bulkProgress !== undefined} onClick={() => askBulk(action)}>
              {action === 'markPosted' ? t('action.markPosted') : t('action.retryNow')}
            </button>
          ))}
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
          onClick={() => void exportCsv()}
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
      {archivedCount > 0 && <p className="muted hint">{t('overview.archivedHint')}</p>}
      {confirming && (
        <ConfirmDialog
          title={confirmTitle(confirming)}
          confirmLabel={confirming.apply.length > 0 ? confirmButton(confirming) : undefined}
          onConfirm={() => void runBulk(confirming)}
          onCancel={() => setConfirming(undefined)}
        >
          <p>{confirming.apply.length > 0 ? confirmBody(confirming) : t('bulk.noneApplies')}</p>
          {willSkipLines(confirming).map((line) => (
            <p key={line} className="muted">
              {line}
            </p>
          ))}
        </ConfirmDialog>
      )}
      <div role="status" aria-live="polite">
        {importMessage?.kind === 'ok' ? importMessage.text : waiting ? t('action.loadingAll', total, { count: formatNumber(total) }) : ''}
        {/* Bulk Mark as posted / Retry now: how far, then what it did ("3 marked as posted, 1 skipped: …"). */}
        <span className="bulk-status">
          {bulkProgress ? t('bulk.working', { done: formatNumber(bulkProgress.done), total: formatNumber(bulkProgress.total) }) : (bulkResult ?? '')}
        </span>
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
        emptyText={
          waiting
            ? t('action.loadingAll', total, { count: formatNumber(total) })
            : loaded && total === 0
              ? t('refresh.noTasksYet')
              : stateFilter === '' && accountFilter === '' && tableQuery.trim() === '' && activeTotal === 0
                ? t('overview.allArchived')
                : t('overview.noMatch')
        }
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

/**
 * The State, Account and Sort choices and the counts per state. Memoized: a search keystroke
 * re-renders the page twice (the box, then the rows) and changes none of these, whose options
 * and counts are each a message look-up and a number format.
 */
const Filters = memo(function Filters({
  stateFilter,
  setStateFilter,
  accountFilter,
  setAccountFilter,
  sortColumn,
  setSort,
  counts,
  accounts,
  activeTotal,
  archivedCount,
  total,
  scopeTotal,
}: {
  stateFilter: StateChoice;
  setStateFilter: Dispatch<SetStateAction<StateChoice>>;
  accountFilter: string;
  setAccountFilter: Dispatch<SetStateAction<string>>;
  sortColumn: SortOrder['column'];
  setSort: Dispatch<SetStateAction<SortOrder>>;
  counts: Record<TrackerState, number>;
  accounts: ReturnType<typeof accountOptions>;
  activeTotal: number;
  archivedCount: number;
  total: number;
  scopeTotal: number;
}) {
  return (
    <>
      <label>
        {t('overview.state')}
        <select value={stateFilter} onChange={(e) => setStateFilter(e.currentTarget.value as StateChoice)}>
          <option value="">{t('overview.allStates', { count: formatNumber(activeTotal) })}</option>
          {TRACKER_STATES.map((s) => (
            <option key={s} value={s}>
              {t('overview.stateOption', { state: STATE_LABELS[s], count: formatNumber(counts[s]) })}
            </option>
          ))}
          <option value="archived">{t('overview.stateOption', { state: t('archive.archived'), count: formatNumber(archivedCount) })}</option>
          <option value="everything">{t('overview.everythingOption', { count: formatNumber(total) })}</option>
        </select>
      </label>
      <label>
        {t('overview.account')}
        <select value={accountFilter} onChange={(e) => setAccountFilter(e.currentTarget.value)}>
          <option value="">{t('overview.allAccounts', { count: formatNumber(scopeTotal) })}</option>
          {accounts.map((a) => (
            <option key={a.key} value={a.key}>
              {a.key === NO_ACCOUNT ? t('overview.noAccountOption', { count: formatNumber(a.count) }) : t('overview.accountOption', { account: a.label, count: formatNumber(a.count) })}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('overview.sortBy')}
        <select value={sortColumn} onChange={(e) => setSort((s) => sortByChoice(s, e.currentTarget.value as SortKey))}>
          {SORT_KEYS.map((key) => (
            <option key={key} value={key}>
              {key === 'urgency' ? t('overview.sortUrgency') : COLUMN_LABELS[key]}
            </option>
          ))}
        </select>
      </label>
      {/* Each count is a button: pressed, the table shows only that state (the State filter above says the same). */}
      <ul className="state-counts" aria-label={t('overview.perState')}>
        {TRACKER_STATES.map((s) => (
          <li key={s}>
            <button type="button" aria-pressed={stateFilter === s} onClick={() => setStateFilter((f) => toggleStateFilter(f, s))}>
              {withParts(t('overview.stateCount', { state: STATE_LABELS[s], count: '{count}' }), { count: <strong>{formatNumber(counts[s])}</strong> })}
            </button>
          </li>
        ))}
        {(archivedCount > 0 || stateFilter === 'archived') && (
          <li className="archived-count">
            <button type="button" aria-pressed={stateFilter === 'archived'} onClick={() => setStateFilter((f) => toggleStateFilter(f, 'archived'))}>
              {withParts(t('overview.stateCount', { state: t('archive.archived'), count: '{count}' }), { count: <strong>{formatNumber(archivedCount)}</strong> })}
            </button>
          </li>
        )}
      </ul>
    </>
  );
});
