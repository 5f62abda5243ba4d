/**
 * The compact popup's list (components/popup-list.ts): open tasks paged, submitted ones set
 * apart, the search, and the first page painted from the tracker's head.
 */
import { describe, expect, it } from 'vitest';
import { matchesPopupSearch, popupList, searchFold } from '../../components/popup-list';
import { orderForPopup } from '../../utils/tracker/grouping';
import { TRACKER_STATES, type TrackerState } from '../../utils/tracker/machine';
import type { TrackedTask } from '../../utils/tracker/schema';
import { manyTasks, scenario, tasksOf } from './popup-overview-fixtures';

const counts = (tasks: TrackedTask[]) =>
  Object.fromEntries(TRACKER_STATES.map((s) => [s, tasks.filter((t) => t.state === s).length])) as Record<TrackerState, number>;

describe('searchFold / matchesPopupSearch', () => {
  it('ignores case, accents, width and extra spaces', () => {
    expect(searchFold('  Lumière   SKINCARE ')).toBe('lumiere skincare');
    expect(searchFold('Ｃａｍｐａｉｇｎ Ñandú')).toBe('campaign nandu');
    const glow = tasksOf(scenario().data).find((t) => t.brand === 'Lumière Skincare')!;
    for (const q of ['lumiere', 'LUMIÈRE', 'lumie\u0300re', 'summer serum', 'tiktok video glow', '']) expect(matchesPopupSearch(glow, q), q).toBe(true);
    // Only campaign, task and brand: not the invite link, the code or the state.
    for (const q of ['K7Q2XW9M', 'ZT8abc123', 'in progress', 'lumiere kicks']) expect(matchesPopupSearch(glow, q), q).toBe(false);
  });
});

describe('popupList', () => {
  it('sets the submitted tasks apart and pages the open ones', () => {
    const tasks = tasksOf(scenario().data);
    const order = orderForPopup(tasks, undefined);
    const list = popupList({ order, limit: 3, submittedLimit: 20, query: '', complete: true, total: tasks.length });
    expect(list.open.map((t) => t.state)).not.toContain('submitted');
    expect(list.open).toHaveLength(3);
    expect(list.moreOpen).toBe(1);
    expect(list.submitted.map((t) => t.accountName)).toEqual(['Maya Creates UK']);
    expect(list.submittedCount).toBe(1);
  });

  it('from the head: the first page only, with the counts of every task', () => {
    const all = tasksOf(manyTasks(60));
    // Every third task submitted: the head's first page holds some of them.
    const tasks = all.map((t, i) => (i % 3 === 0 ? { ...t, state: 'submitted' as const } : t));
    const full = popupList({ order: orderForPopup(tasks, undefined), limit: 20, submittedLimit: 20, query: '', complete: true, total: 60 });
    const firstPage = orderForPopup(tasks, undefined);
    const headOrder = { current: [], groups: firstPage.groups };
    const fromHead = popupList({ order: headOrder, limit: 20, submittedLimit: 20, query: 'x', complete: false, counts: counts(tasks), total: 60 });
    // What the head shows is where the whole list shows it: nothing moves once every task is read.
    expect(full.open.slice(0, fromHead.open.length).map((t) => t.key)).toEqual(fromHead.open.map((t) => t.key));
    expect(fromHead.open.length + fromHead.submitted.length).toBe(20);
    expect(fromHead.submittedCount).toBe(20);
    expect(fromHead.open.length + fromHead.moreOpen).toBe(40);
    // A query waits for every task.
    expect(fromHead.queryWaiting).toBe(true);
    expect(full.queryWaiting).toBe(false);
  });
});
