import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TrackedTask } from '../../utils/tracker/schema';
import { countByState, filterTasks, lastRetrieveAttempt, matchesSearch, narrowingTaskFilter, sortTasks, type TableFilter } from '../../utils/tracker/table-view';
import { T0, scenario, tasksOf } from './popup-overview-fixtures';

const { data, keys } = scenario();
const tasks = tasksOf(data);
const names = (list: TrackedTask[]) => list.map((t) => `${t.campaignName} / ${t.taskName}${t.accountId === '7654321' ? ' (UK)' : ''}`);

describe('search and filter', () => {
  it('every word must match, in any column, ignoring case and accents-as-typed', () => {
    expect(names(filterTasks(tasks, { query: 'kinetic styling' }))).toEqual(['Back to School Drop: Two Videos / TikTok Video – Styling']);
    expect(names(filterTasks(tasks, { query: 'LUMIÈRE' }))).toHaveLength(2);
    expect(names(filterTasks(tasks, { query: 'hh26gift' }))).toEqual(['Holiday Gift Guide 2026 / TikTok Video']);
    expect(names(filterTasks(tasks, { query: 'maya creates uk' }))).toEqual(['Summer Glow Serum Launch / TikTok Video (UK)']);
  });

  it('searches the state words the table shows', () => {
    expect(names(filterTasks(tasks, { query: 'retry scheduled' }))).toEqual(['Holiday Gift Guide 2026 / TikTok Video']);
  });

  it('filters by state and combines with search', () => {
    expect(filterTasks(tasks, { query: '', state: 'notStarted' })).toHaveLength(2);
    expect(names(filterTasks(tasks, { query: 'unboxing', state: 'notStarted' }))).toEqual(['Back to School Drop: Two Videos / TikTok Video – Unboxing']);
    expect(filterTasks(tasks, { query: 'unboxing', state: 'submitted' })).toEqual([]);
  });

  it('an empty query matches everything', () => {
    expect(matchesSearch(tasks[0]!, '   ')).toBe(true);
  });
});

describe('search as the creator types', () => {
  it('gives what a fresh search gives after every keystroke: typing on, deleting, other words, other filters', () => {
    // Keystrokes over words the rows hold (and some they do not), with the other filters changing now and then.
    const words = ['glow', 'gift', 'hh26', 'kinetic', 'maya', 'uk', 'tiktok', 'video', 'lumière', 'in progress', 'zz'];
    const step = fc.oneof(
      fc.record({ kind: fc.constant('type' as const), text: fc.constantFrom(...words, ' ', 'o', '2') }),
      fc.record({ kind: fc.constant('delete' as const), count: fc.integer({ min: 1, max: 4 }) }),
      fc.record({ kind: fc.constant('state' as const), state: fc.constantFrom(undefined, 'inProgress' as const, 'notStarted' as const, 'posted' as const) }),
      fc.record({ kind: fc.constant('list' as const) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        const narrow = narrowingTaskFilter();
        let list: readonly TrackedTask[] = tasks;
        let filter: TableFilter = { query: '' };
        let found: TrackedTask[] | undefined;
        for (const s of steps) {
          if (s.kind === 'type') filter = { ...filter, query: filter.query + s.text };
          else if (s.kind === 'delete') filter = { ...filter, query: filter.query.slice(0, -s.count) };
          else if (s.kind === 'state') filter = { ...filter, state: s.state };
          else list = list === tasks ? sortTasks(tasks, { column: 'campaign', direction: 'ascending' }) : tasks;
          // Typing on narrows the last search: only what it found is looked at (the overview then searches at once).
          const from = narrow.narrowsFrom(list, filter);
          if (s.kind === 'type' && found) expect(from).toBe(found.length);
          if (s.kind === 'list') expect(from).toBeUndefined();
          found = narrow(list, filter);
          expect(names(found)).toEqual(names(filterTasks(list, filter)));
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('sort', () => {
  it('by due date, both directions', () => {
    const asc = sortTasks(tasks, { column: 'dueDate', direction: 'ascending' }).map((t) => t.dueDate);
    expect(asc).toEqual(['Nov 28, 2026', 'Dec 5, 2026', 'Dec 15, 2026', 'Dec 18, 2026', 'Dec 19, 2026']);
    const desc = sortTasks(tasks, { column: 'dueDate', direction: 'descending' }).map((t) => t.dueDate);
    expect(desc).toEqual([...asc].reverse());
  });

  it('by state in workflow order, not alphabetically', () => {
    const states = sortTasks(tasks, { column: 'state', direction: 'ascending' }).map((t) => t.state);
    expect(states).toEqual(['notStarted', 'notStarted', 'inProgress', 'submitted', 'retryScheduled']);
  });

  it('empty cells go last in both directions', () => {
    for (const direction of ['ascending', 'descending'] as const) {
      const links = sortTasks(tasks, { column: 'inviteLink', direction }).map((t) => t.inviteLink);
      expect(links.at(-1)).toBeUndefined();
      expect(links.slice(0, -1).every(Boolean)).toBe(true);
    }
    const attempts = sortTasks(tasks, { column: 'lastAttempt', direction: 'descending' }).map((t) => t.key);
    expect(attempts[0]).toBe(keys.giftGuide);
  });

  it('text columns sort case-insensitively, ties by campaign then task', () => {
    const brands = sortTasks(tasks, { column: 'brand', direction: 'ascending' }).map((t) => t.brand);
    expect(brands).toEqual(['Hearth & Home Co.', 'Kinetic Kicks', 'Kinetic Kicks', 'Lumière Skincare', 'Lumière Skincare']);
  });
});

describe('counts and last attempt', () => {
  it('counts every state, zeros included', () => {
    expect(countByState(tasks)).toEqual({
      notStarted: 2,
      inProgress: 1,
      posted: 0,
      retrieving: 0,
      submitted: 1,
      retryScheduled: 1,
      needsAttention: 0,
    });
  });

  it('takes the last attempt from the retrieve record, else from the history', () => {
    expect(lastRetrieveAttempt(data.tasks[keys.giftGuide]!)).toBe(T0 + 21_000);
    expect(lastRetrieveAttempt({ retrieve: { attempts: 0 }, history: [{ at: 5, event: 'startRetrieve' }, { at: 9, event: 'retrieveNotYet' }, { at: 12, event: 'step:linkCopied' }] })).toBe(9);
    expect(lastRetrieveAttempt(data.tasks[keys.kicksUnboxing]!)).toBeUndefined();
  });
});
