/**
 * The overview's table: one row per task, sortable headers, row selection. Rows are
 * virtualized (only the visible window is in the DOM) so 5,000 tasks scroll smoothly; the
 * table keeps its semantics (aria-rowcount / aria-rowindex) for screen readers.
 *
 * Scrolling sideways, the selection, campaign and brand columns stay on the left and the
 * row actions on the right (position: sticky, overview.css): at 1280 px the actions of every
 * row are in view without scrolling.
 *
 * Before the whole tracker is read, `rows` holds the head's first rows and `rowCount` the
 * number of tasks: the table already has its full height, and a row scrolled to before its
 * data is there shows "Loading…".
 */
import { memo, useRef, type PointerEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { DueDate } from '@/components/DueDate';
import { StateBadge } from '@/components/StateBadge';
import { canMarkPosted, canRetryNow, inviteLinkProblem, offerableInviteLink } from '@/components/task-actions';
import { formatDateTime, formatNumber, t } from '@/utils/i18n';
import type { TrackedTask } from '@/utils/tracker/schema';
import { COLUMN_LABELS, SORT_COLUMNS, accountLabel, lastRetrieveAttempt, type SortColumn, type SortOrder } from '@/utils/tracker/table-view';
import { campaignLabel, taskLabel } from '@/utils/tracker/names';
import { isArchived } from '@/utils/tracker/archive';

export const ROW_HEIGHT = 44;
/**
 * The scroll box's height: the window's less what is above the table (header, toolbars), at
 * least 320 px. Set here rather than in overview.css so that the first render already draws the
 * rows that fit (the virtualizer's initialRect): otherwise it draws none, reads the box's size
 * (a forced layout) and renders again before the first rows are painted.
 */
const SCROLLER_MIN_HEIGHT = 320;
const ABOVE_TABLE = 330;
const scrollerHeight = () => Math.max(SCROLLER_MIN_HEIGHT, (typeof window === 'undefined' ? 0 : window.innerHeight) - ABOVE_TABLE);
const SCROLLER_STYLE = { height: `max(${SCROLLER_MIN_HEIGHT}px, calc(100vh - ${ABOVE_TABLE}px))` };
const COLUMN_COUNT = SORT_COLUMNS.length + 2;
/** Columns that stay in view while the table scrolls sideways (with the selection before them). */
const STICKY: ReadonlySet<SortColumn> = new Set(['campaign', 'brand']);

export interface RowCommand {
  type: 'markPosted' | 'retryNow' | 'openTask' | 'unarchive';
  task: TrackedTask;
}

/**
 * Memoized: typing in the search box first re-renders the page with the table's props
 * unchanged (the rows follow the deferred query), and that render should not redraw the table.
 */
export const OverviewTable = memo(function OverviewTable({
  rows,
  rowCount = rows.length,
  complete = true,
  emptyText,
  sort,
  onSort,
  selected,
  onSelect,
  onSelectAll,
  onCommand,
  now,
}: {
  rows: TrackedTask[];
  /** Rows of the table, loaded or not (default: rows.length). */
  rowCount?: number;
  /** False while only the head's rows are there: "select all" waits for the rest. */
  complete?: boolean;
  emptyText?: string;
  sort: SortOrder;
  onSort: (column: SortColumn) => void;
  selected: ReadonlySet<string>;
  onSelect: (key: string, selected: boolean) => void;
  onSelectAll: (selected: boolean) => void;
  onCommand: (command: RowCommand) => void;
  now: number;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    // A few rows beyond the visible ones: each row drawn is a dozen cells to build, lay out and
    // paint at the first rows and at every search keystroke (12 drew twice as many as fit).
    overscan: 4,
    initialRect: { width: 0, height: scrollerHeight() },
    getItemKey: (index) => rows[index]?.key ?? `pending:${index}`,
  });
  const items = virtualizer.getVirtualItems();
  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;
  const shownSelected = rows.reduce((n, r) => n + (selected.has(r.key) ? 1 : 0), 0);
  const allSelected = complete && rows.length > 0 && shownSelected === rows.length;

  return (
    <div className="table-scroller" style={SCROLLER_STYLE} ref={scroller} tabIndex={0} aria-label={t('table.scroller')} onPointerOver={showFullText}>
      <table aria-rowcount={rowCount + 1}>
        <caption className="visually-hidden">{t('table.caption', { count: formatNumber(rowCount) })}</caption>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col" className="select-cell sticky-left">
              <input
                type="checkbox"
                aria-label={t('table.selectAll')}
                disabled={!complete}
                checked={allSelected}
                ref={(el) => {
                  if (el) el.indeterminate = shownSelected > 0 && !allSelected;
                }}
                onChange={(e) => onSelectAll(e.currentTarget.checked)}
              />
            </th>
            {SORT_COLUMNS.map((column) => {
              const active = sort.column === column;
              return (
                <th key={column} scope="col" aria-sort={active ? sort.direction : undefined} className={`col-${column}${STICKY.has(column) ? ' sticky-left' : ''}`}>
                  <button type="button" className="sort" onClick={() => onSort(column)}>
                    {COLUMN_LABELS[column]}
                    <span aria-hidden="true">{active ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}</span>
                  </button>
                </th>
              );
            })}
            <th scope="col" className="col-actions sticky-right">
              {t('table.actions')}
            </th>
          </tr>
        </thead>
        <tbody>
          {paddingTop > 0 && (
            <tr aria-hidden="true" className="spacer">
              <td colSpan={COLUMN_COUNT} style={{ height: paddingTop }} />
            </tr>
          )}
          {items.map((item) => {
            const task = rows[item.index];
            if (!task) {
              return (
                <tr key={item.key} aria-rowindex={item.index + 2} className="pending" style={{ height: ROW_HEIGHT }}>
                  <td colSpan={COLUMN_COUNT} className="muted">
                    {t('action.loading')}
                  </td>
                </tr>
              );
            }
            return (
              <Row
                key={task.key}
                task={task}
                rowIndex={item.index + 2}
                selected={selected.has(task.key)}
                onSelect={onSelect}
                onCommand={onCommand}
                now={now}
              />
            );
          })}
          {paddingBottom > 0 && (
            <tr aria-hidden="true" className="spacer">
              <td colSpan={COLUMN_COUNT} style={{ height: paddingBottom }} />
            </tr>
          )}
        </tbody>
      </table>
      {rowCount === 0 && <p className="no-rows">{emptyText ?? t('overview.noMatch')}</p>}
    </div>
  );
});

/**
 * A cell its column cuts short shows its whole text as a tooltip, set when the pointer comes
 * over it: a `title` on every cell of every row drawn cost the first rows and each search
 * keystroke a few ms. Set or cleared at each hover, so it follows the cell's text.
 */
function showFullText(event: PointerEvent<HTMLElement>): void {
  let cell = event.target as HTMLElement | null;
  while (cell && !(cell instanceof HTMLTableCellElement)) cell = cell.parentElement;
  // Not a cell of controls (selection, actions): their names say what they do.
  if (!cell || cell.getElementsByTagName('button').length > 0 || cell.getElementsByTagName('input').length > 0) return;
  if (cell.scrollWidth > cell.clientWidth) cell.title = cell.textContent ?? '';
  else cell.removeAttribute('title');
}

const Row = memo(function Row({
  task,
  rowIndex,
  selected,
  onSelect,
  onCommand,
  now,
}: {
  task: TrackedTask;
  rowIndex: number;
  selected: boolean;
  onSelect: (key: string, selected: boolean) => void;
  onCommand: (command: RowCommand) => void;
  now: number;
}) {
  const link = offerableInviteLink(task);
  const problem = inviteLinkProblem(task);
  const last = lastRetrieveAttempt(task);
  const account = accountLabel(task);
  const archived = isArchived(task);
  return (
    <tr aria-rowindex={rowIndex} data-task-key={task.key} data-archived={archived || undefined} style={{ height: ROW_HEIGHT }}>
      <td className="select-cell sticky-left">
        <input
          type="checkbox"
          aria-label={t('table.selectRow', { task: taskLabel(task), campaign: campaignLabel(task) })}
          checked={selected}
          onChange={(e) => onSelect(task.key, e.currentTarget.checked)}
        />
      </td>
      <td className="col-campaign sticky-left">
        {campaignLabel(task)}
      </td>
      <td className="col-brand sticky-left">
        {task.brand}
      </td>
      <td>{account || <span className="muted">{t('table.noAccount')}</span>}</td>
      <td>{taskLabel(task)}</td>
      <td className="wrap">
        <StateBadge state={task.state} />
        {archived && <span className="archived-tag">{t('archive.tag')}</span>}
      </td>
      <td className="wrap">
        <DueDate dueDate={task.dueDate} state={task.state} now={now} />
      </td>
      <td>{task.impactStatus ?? ''}</td>
      <td className="mono">
        {problem ? (
          <span className="warn-text" title={problem}>
            {t('invite.notTikTok')}
          </span>
        ) : (
          (link ?? '')
        )}
      </td>
      <td className="mono">{task.campaignCode ?? ''}</td>
      <td>{last !== undefined ? formatDateTime(last) : <span className="muted">{t('table.never')}</span>}</td>
      <td className="row-actions sticky-right">
        <div className="actions">
          {canMarkPosted(task.state) && (
            <button type="button" onClick={() => onCommand({ type: 'markPosted', task })}>
              {t('action.markPosted')}
            </button>
          )}
          {canRetryNow(task.state) && (
            <button type="button" onClick={() => onCommand({ type: 'retryNow', task })}>
              {t('action.retryNow')}
            </button>
          )}
          {archived && (
            <button type="button" onClick={() => onCommand({ type: 'unarchive', task })}>
              {t('archive.unarchive')}
            </button>
          )}
          <button type="button" onClick={() => onCommand({ type: 'openTask', task })}>
            {t('action.openOnImpact')}
          </button>
        </div>
      </td>
    </tr>
  );
});
