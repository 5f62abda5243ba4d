/**
 * The overview for a manager, its pure parts: the urgency order, the Account column and
 * filter, the count buttons' filter, row selection, which rows Export CSV saves, and the bulk
 * Mark as posted / Retry now decisions and what they say.
 */
import { installFakeI18n } from './fake-i18n';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countReply, emptyOutcome, outcomeText, planBulk, skipAtTurn, skipReason, willSkipLines, confirmTitle, confirmButton } from '../../components/bulk-actions';
import { rowsToExport, selectedRows, sortByChoice, sortByHeader, toggleStateFilter, withKeys } from '../../components/overview-view';
import { csvRow, tasksToCsv } from '../../utils/csv';
import { dueSortKey } from '../../utils/due-date';
import { TRACKER_STATES, type TrackerState } from '../../utils/tracker/machine';
import type { TrackedTask } from '../../utils/tracker/schema';
import { accountKey, accountOptions, DEFAULT_SORT, filterTasks, NO_ACCOUNT, sortTasks, URGENCY_TIERS, urgencyKey } from '../../utils/tracker/table-view';
import { scenario, tasksOf } from './popup-overview-fixtures';

const { data, keys } = scenario();
const tasks = tasksOf(data);
const base = tasks[0]!;

function task(key: string, state: TrackerState, dueDate?: string, account?: Partial<Pick<TrackedTask, 'accountId' | 'accountName'>>): TrackedTask {
  return { ...base, key, taskName: key, state, dueDate, accountId: undefined, accountName: undefined, ...account };
}

describe('the urgency order', () => {
  it('is the order the overview opens in', () => {
    expect(DEFAULT_SORT).toEqual({ column: 'urgency', direction: 'ascending' });
  });

  it('Needs attention first, then what is still to post by due date (overdue, due soon, later, none), then what is being retrieved, then the submitted', () => {
    const list = [
      task('submitted-early', 'submitted', 'Nov 1, 2026'),
      task('retry-scheduled', 'retryScheduled', 'Dec 20, 2026'),
      task('later', 'notStarted', 'Dec 30, 2026'),
      task('no-date', 'inProgress'),
      task('overdue', 'inProgress', 'Nov 20, 2026'),
      task('attention-late', 'needsAttention', 'Dec 31, 2026'),
      task('soon', 'notStarted', 'Dec 4, 2026'),
      task('posted', 'posted', 'Dec 2, 2026'),
      task('attention-no-date', 'needsAttention'),
    ];
    expect(sortTasks(list, DEFAULT_SORT).map((t) => t.key)).toEqual([
      'attention-late',
      'attention-no-date',
      'overdue',
      'soon',
      'later',
      'no-date',
      'posted',
      'retry-scheduled',
      'submitted-early',
    ]);
  });

  it('is a total order by tier, then due day, for any tasks (property)', () => {
    const day = fc.option(fc.date({ min: new Date(2001, 0, 1), max: new Date(2199, 11, 1), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), { nil: undefined });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...TRACKER_STATES), day), { maxLength: 40 }), (specs) => {
        const list = specs.map(([state, due], i) => task(`k${i}`, state, due));
        const sorted = sortTasks(list, DEFAULT_SORT);
        for (let i = 1; i < sorted.length; i++) {
          const [a, b] = [sorted[i - 1]!, sorted[i]!];
          const [ta, tb] = [URGENCY_TIERS[a.state], URGENCY_TIERS[b.state]];
          expect(ta).toBeLessThanOrEqual(tb);
          if (ta === tb) expect(dueSortKey(a.dueDate)).toBeLessThanOrEqual(dueSortKey(b.dueDate));
          expect(urgencyKey(a)).toBeLessThanOrEqual(urgencyKey(b));
        }
      }),
    );
  });

  it('"Sort by" and the headers: urgency or a column, a header twice turns it round', () => {
    const byDue = sortByHeader(DEFAULT_SORT, 'dueDate');
    expect(byDue).toEqual({ column: 'dueDate', direction: 'ascending' });
    expect(sortByHeader(byDue, 'dueDate')).toEqual({ column: 'dueDate', direction: 'descending' });
    expect(sortByChoice(byDue, 'urgency')).toEqual(DEFAULT_SORT);
    expect(sortByChoice({ column: 'brand', direction: 'descending' }, 'brand')).toEqual({ column: 'brand', direction: 'descending' });
  });
});

describe('accounts', () => {
  const a1 = task('a1', 'notStarted', undefined, { accountId: '1234567', accountName: 'Maya Creates' });
  const a1Renamed = task('a1b', 'notStarted', undefined, { accountId: '1234567', accountName: 'Maya C.' });
  const byName = task('n1', 'notStarted', undefined, { accountName: 'Studio Nord' });
  const byNameOtherCase = task('n2', 'posted', undefined, { accountName: 'STUDIO  nord' });
  const none = task('x', 'submitted');

  it('are told apart as task keys tell them apart: by id, else by name; none recorded is its own', () => {
    expect(accountKey(a1)).toBe(accountKey(a1Renamed));
    expect(accountKey(byName)).toBe(accountKey(byNameOtherCase));
    expect(accountKey(a1)).not.toBe(accountKey(byName));
    expect(accountKey(none)).toBe(NO_ACCOUNT);
  });

  it('the filter lists each account once with its count, the unknown account last', () => {
    expect(accountOptions([none, byName, a1, byNameOtherCase, a1Renamed])).toEqual([
      { key: accountKey(a1), label: 'Maya Creates (1234567)', count: 2 },
      { key: accountKey(byName), label: 'Studio Nord', count: 2 },
      { key: NO_ACCOUNT, label: '', count: 1 },
    ]);
  });

  it('filters by account, and combines with state and search', () => {
    const list = [a1, a1Renamed, byName, byNameOtherCase, none];
    expect(filterTasks(list, { query: '', account: accountKey(byName) }).map((t) => t.key)).toEqual(['n1', 'n2']);
    expect(filterTasks(list, { query: '', account: NO_ACCOUNT }).map((t) => t.key)).toEqual(['x']);
    expect(filterTasks(list, { query: '', account: accountKey(byName), state: 'posted' }).map((t) => t.key)).toEqual(['n2']);
    // The two Summer Glow tasks of the scenario are of two accounts: never merged.
    expect(filterTasks(tasks, { query: 'summer glow' }).map(accountKey).sort()).toEqual(['a:1234567', 'a:7654321']);
  });

  it('sorts by the Account column, tasks without one last', () => {
    expect(sortTasks([none, byName, a1], { column: 'account', direction: 'ascending' }).map((t) => t.key)).toEqual(['a1', 'n1', 'x']);
  });
});

describe('count buttons, selection and export', () => {
  it('a count pressed shows only its state; pressed again, every state', () => {
    expect(toggleStateFilter('', 'posted')).toBe('posted');
    expect(toggleStateFilter('posted', 'submitted')).toBe('submitted');
    expect(toggleStateFilter('submitted', 'submitted')).toBe('');
  });

  it('selects and unselects keys, keeping the same set when nothing changes', () => {
    const none = new Set<string>();
    const two = withKeys(none, ['a', 'b'], true);
    expect([...two]).toEqual(['a', 'b']);
    expect(withKeys(two, ['a'], true)).toBe(two);
    expect([...withKeys(two, ['a', 'c'], false)]).toEqual(['b']);
  });

  it('acts on and exports the selected rows that are shown, in the table order; with none selected, Export CSV saves every row shown', () => {
    const rows = sortTasks(tasks, DEFAULT_SORT);
    const selected = new Set([keys.ukGlow, keys.kicksUnboxing, 'a task filtered out']);
    expect(selectedRows(rows, selected).map((t) => t.key)).toEqual(rows.filter((r) => selected.has(r.key)).map((t) => t.key));
    expect(selectedRows(rows, selected)).toHaveLength(2);
    expect(rowsToExport(rows, selected)).toEqual(selectedRows(rows, selected));
    expect(rowsToExport(rows, new Set())).toEqual(rows);
    const csv = tasksToCsv(rowsToExport(rows, selected)).split('\r\n');
    expect(csv).toHaveLength(3);
    expect(csv[1]).toBe(csvRow(selectedRows(rows, selected)[0]!).join(','));
  });
});

describe('bulk Mark as posted and Retry now', () => {
  const list = TRACKER_STATES.map((s) => task(s, s));

  it('apply exactly where the row buttons do, and say why the others are skipped', () => {
    const posted = planBulk('markPosted', list);
    expect(posted.apply).toEqual(['notStarted', 'inProgress']);
    expect(posted.skipped).toEqual({ posted: 4, submitted: 1 });
    const retried = planBulk('retryNow', list);
    expect(retried.apply).toEqual(['retryScheduled', 'needsAttention']);
    expect(retried.skipped).toEqual({ notPosted: 2, retrieving: 2, submitted: 1 });
    for (const state of TRACKER_STATES) {
      expect(skipReason('markPosted', state) === undefined).toBe(posted.apply.includes(state));
      expect(skipReason('retryNow', state) === undefined).toBe(retried.apply.includes(state));
    }
  });

  it('the confirmation names how many tasks and what is skipped', () => {
    const plan = planBulk('markPosted', [task('a', 'notStarted'), task('b', 'inProgress'), task('c', 'inProgress'), task('d', 'submitted')]);
    expect(confirmTitle(plan)).toBe('Mark 3 tasks as posted?');
    expect(confirmButton(plan)).toBe('Mark 3 as posted');
    expect(willSkipLines(plan)).toEqual(['1 selected task will be skipped: already submitted']);
    const one = planBulk('retryNow', [task('a', 'needsAttention')]);
    expect(confirmTitle(one)).toBe('Retry 1 task now?');
    expect(willSkipLines(one)).toEqual([]);
  });

  it('looks at each task again at its turn, counts the answers and says the result', () => {
    const plan = planBulk('markPosted', [task('a', 'notStarted'), task('b', 'inProgress'), task('c', 'inProgress'), task('d', 'notStarted'), task('e', 'submitted')]);
    const outcome = emptyOutcome(plan);
    const now: Record<string, TrackedTask | undefined> = { a: task('a', 'notStarted'), b: task('b', 'inProgress'), c: task('c', 'inProgress'), d: undefined };
    for (const key of plan.apply) {
      if (skipAtTurn(outcome, now[key]) === undefined) countReply(outcome, { ok: true });
    }
    expect(outcomeText(outcome)).toBe('3 marked as posted, 1 skipped: already submitted, 1 skipped: no longer tracked');

    const retry = emptyOutcome(planBulk('retryNow', [task('a', 'needsAttention'), task('b', 'retryScheduled')]));
    countReply(retry, { ok: true });
    expect(skipAtTurn(retry, task('b', 'submitted'))).toBe('submitted');
    expect(outcomeText(retry)).toBe('1 retried now, 1 skipped: already submitted');

    const refused = emptyOutcome(planBulk('retryNow', [task('a', 'needsAttention')]));
    countReply(refused, { ok: false, error: 'Storage is full.' });
    expect(outcomeText(refused)).toBe('1 failed: Storage is full.');
    // A coded refusal is counted in the creator's words, not the worker's English.
    installFakeI18n('fr');
    try {
      const coded = emptyOutcome(planBulk('markPosted', [task('a', 'notStarted')]));
      countReply(coded, { ok: false, error: 'Cannot mark posted while the task is Posted', code: 'cannotMarkPosted', params: { state: 'posted' } });
      expect([...coded.failed.keys()]).toEqual(['Impossible de marquer comme publiée tant que la tâche est « Publiée ».']);
    } finally {
      installFakeI18n('en');
    }
  });
});
