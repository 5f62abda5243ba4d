/**
 * The overview's view state, pure: the order chosen from a header or the "Sort by" choice,
 * the state filter the count buttons toggle (archived tasks included), row selection, and
 * which rows "Export CSV" saves.
 */
import type { TrackerState } from '@/utils/tracker/machine';
import type { SortColumn, SortKey, SortOrder, TableFilter } from '@/utils/tracker/table-view';

/**
 * The State filter's choice: every active task (''), one state (active tasks), the archived
 * tasks only, or every task with the archived ones.
 */
export type StateChoice = TrackerState | '' | 'archived' | 'everything';

/**
 * What a State choice shows. Archived tasks (utils/tracker/archive.ts) are left out of the
 * default view and of each state's, except when searching: a search finds them too.
 */
export function stateFilterOf(choice: StateChoice, query: string): Pick<TableFilter, 'state' | 'archived'> {
  if (choice === 'archived') return { archived: 'only' };
  if (choice === 'everything') return { archived: 'include' };
  const archived = query.trim() === '' ? 'hide' : 'include';
  return choice === '' ? { archived } : { state: choice, archived };
}

/** A header pressed: that column ascending, or the other way round when it is the order already. */
export function sortByHeader(current: SortOrder, column: SortColumn): SortOrder {
  return current.column === column ? { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' } : { column, direction: 'ascending' };
}

/** Chosen under "Sort by": urgency is most urgent first; a column starts ascending. */
export function sortByChoice(current: SortOrder, key: SortKey): SortOrder {
  return current.column === key ? current : { column: key, direction: 'ascending' };
}

/** A state's count pressed: show only that state, or every state again when it was the filter. */
export function toggleStateFilter(current: StateChoice, pressed: TrackerState | 'archived'): StateChoice {
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
