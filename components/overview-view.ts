/**
 * The overview's view state, pure: the order chosen from a header or the "Sort by" choice,
 * the state filter the count buttons toggle, row selection, and which rows "Export CSV" saves.
 */
import type { TrackerState } from '@/utils/tracker/machine';
import type { SortColumn, SortKey, SortOrder } from '@/utils/tracker/table-view';

/** A header pressed: that column ascending, or the other way round when it is the order already. */
export function sortByHeader(current: SortOrder, column: SortColumn): SortOrder {
  return current.column === column ? { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' } : { column, direction: 'ascending' };
}

/** Chosen under "Sort by": urgency is most urgent first; a column starts ascending. */
export function sortByChoice(current: SortOrder, key: SortKey): SortOrder {
  return current.column === key ? current : { column: key, direction: 'ascending' };
}

/** A state's count pressed: show only that state, or every state again when it was the filter. */
export function toggleStateFilter(current: TrackerState | '', pressed: TrackerState): TrackerState | '' {
  return current === pressed ? '' : pressed;
}

/** `keys` added to (or taken out of) the selection; the same set when nothing changes. */
export function withKeys(selected: ReadonlySet<string>, keys: Iterable<string>, on: boolean): ReadonlySet<string> {
  let next: Set<string> | undefined;
  for (const key of keys) {
    if (selected.has(key) === on) continue;
    next ??= new Set(selected);
    if (on) next.add(key);
    else next.delete(key);
  }
  return next ?? selected;
}

/** The selected rows among those shown, in the table's order (a selected row filtered out is not acted on). */
export function selectedRows<T extends { key: string }>(rows: readonly T[], selected: ReadonlySet<string>): T[] {
  return selected.size === 0 ? [] : rows.filter((r) => selected.has(r.key));
}

/** "Export CSV": the selected rows when some are, otherwise every row shown. */
export function rowsToExport<T extends { key: string }>(rows: readonly T[], selected: ReadonlySet<string>): T[] {
  const chosen = selectedRows(rows, selected);
  return chosen.length > 0 ? chosen : [...rows];
}
