/**
 * Tiles find their tracked tasks through an index (a page of thousands of tiles and an
 * account manager's thousands of tasks). It must answer exactly what tasksForTile does.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexTasks, tasksForTile } from '@/utils/page/match';
import type { TrackedTask } from '@/utils/tracker/schema';

const names = ['Summer Glow', 'summer  glow', 'SUMMER GLOW', 'Winter', 'ＳＵＭＭＥＲ ＧＬＯＷ', ''];
const ids = ['1', '2', undefined];
const task = fc.record({
  key: fc.string({ minLength: 1, maxLength: 5 }),
  campaignId: fc.constantFrom(...ids),
  campaignName: fc.constantFrom(...names),
  accountId: fc.constantFrom('a', 'b', undefined),
  accountName: fc.constantFrom('Maya', 'maya', undefined),
  taskName: fc.constantFrom('TikTok Video', 'Unboxing', 'A'),
});
const tile = fc.record({ campaignId: fc.constantFrom(...ids), campaignName: fc.constantFrom(...names) });
const account = fc.record({ accountId: fc.constantFrom('a', 'b', undefined), accountName: fc.constantFrom('Maya', 'MAYA', undefined) });
const clean = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

describe('indexTasks', () => {
  it('answers exactly as tasksForTile over the tasks that pass their check, for any tasks, tile and account', () => {
    fc.assert(
      // Keys are unique in the tracker (it is a record by key). Some stored tasks fail their check (load: undefined).
      fc.property(fc.uniqueArray(task, { maxLength: 12, selector: (x) => x.key }), fc.array(fc.boolean(), { maxLength: 12 }), tile, account, (list, damaged, t, a) => {
        const tasks = list.map((x) => clean(x) as unknown as TrackedTask);
        const valid = tasks.filter((_, i) => !damaged[i]);
        const load = (key: string) => valid.find((v) => v.key === key);
        expect(indexTasks(tasks, load).forTile(clean(t), clean(a))).toEqual(tasksForTile(valid, clean(t), clean(a)));
      }),
      { numRuns: 500 },
    );
  });
});
