/**
 * The head kept one task at a time (utils/tracker/head-index.ts) is the head computed from
 * every task (head.ts computeHead): after building, and after every change of random
 * sequences of adds, edits (state, due date, campaign, update time, opened tab, address) and
 * removals. The popup and the overview open from it, so a difference would show the creator
 * a wrong first screen.
 */
import { describe, expect, it } from 'vitest';
import { computeHead, headSlotBodies } from '@/utils/tracker/head';
import { HeadIndex } from '@/utils/tracker/head-index';
import { TRACKER_STATES } from '@/utils/tracker/machine';
import type { TrackedTask } from '@/utils/tracker/schema';
import { buildTracker, FLOW, random } from './head-trackers';
import { manyTasks } from './popup-overview-fixtures';

const DUE = [undefined, 'Dec 5, 2026', 'Dec 15, 2026', '2026-12-01', 'soon'];

function edit(task: TrackedTask, r: ReturnType<typeof random>, now: number): TrackedTask {
  const next: TrackedTask = { ...task, updatedAt: r.next() < 0.7 ? now : task.updatedAt };
  switch (r.int(6)) {
    case 0:
      next.state = r.pick(TRACKER_STATES);
      break;
    case 1:
      if (r.next() < 0.5) next.dueDate = r.pick(DUE.filter((d): d is string => d !== undefined));
      else delete next.dueDate;
      break;
    case 2:
      next.campaignName = `Campaign ${r.int(12)}`;
      if (r.next() < 0.5) next.campaignId = String(41000 + r.int(12));
      break;
    case 3:
      next.retrieve = r.next() < 0.5 ? { ...task.retrieve, openedTabId: 100 + r.int(4) } : { attempts: task.retrieve.attempts };
      break;
    case 4:
      next.taskUrl = `${FLOW}?execution=e1s1&campaignId=${41000 + r.int(12)}&taskId=${r.int(1000)}`;
      break;
    default:
      next.history = [...task.history, { at: now, event: 'step:linkCopied' }];
  }
  return next;
}

describe('the head kept one task at a time', () => {
  it.each([
    [1, 0, 3, 1],
    [2, 40, 6, 2],
    [3, 150, 20, 3],
    [4, 400, 60, 2],
    [5, 90, 3, 1],
  ])('seed %i: %i tasks, every change gives computeHead’s head', (seed, count, campaigns, accounts) => {
    const r = random(seed * 7919);
    const tasks = { ...buildTracker(seed, count, campaigns, accounts).tasks };
    const index = new HeadIndex(Object.values(tasks));
    expect(index.head(1)).toEqual(computeHead({ tasks }, 1));
    let next = count;
    for (let step = 0; step < 120; step++) {
      const keys = Object.keys(tasks);
      const roll = r.next();
      if (roll < 0.2 || keys.length === 0) {
        // A new task: a copy of an existing one (same campaign) or of a random tracker's.
        const source = keys.length && r.next() < 0.6 ? tasks[r.pick(keys)]! : Object.values(buildTracker(seed * 31 + step, 1, campaigns, accounts).tasks)[0]!;
        const task = { ...source, key: `new${next++}`, updatedAt: 5000 + step };
        tasks[task.key] = task;
        index.set(task.key, task);
      } else if (roll < 0.3) {
        const key = r.pick(keys);
        delete tasks[key];
        index.set(key, undefined);
      } else {
        const key = r.pick(keys);
        tasks[key] = edit(tasks[key]!, r, 5000 + step);
        index.set(key, tasks[key]);
      }
      expect(index.head(step + 2), `seed ${seed}, step ${step}`).toEqual(computeHead({ tasks }, step + 2));
    }
  });
});

describe('the filter grows with the tab keys', () => {
  it('resizes where computeHead does, both ways, when a change crosses a size', () => {
    // One campaign per task: one tab key each. 8,192 keys fill the smallest filter (16 bits a key).
    const all = Object.values(manyTasks(8_400, 1).tasks);
    const first = all.slice(0, 8_000);
    const tasks: Record<string, TrackedTask> = Object.fromEntries(first.map((t) => [t.key, t]));
    const index = new HeadIndex(first);
    const small = index.head(1);
    expect(small).toEqual(computeHead({ tasks }, 1));
    for (const task of all.slice(8_000)) {
      tasks[task.key] = task;
      index.set(task.key, task);
    }
    const grown = index.head(2);
    expect(atob(grown.filter).length).toBeGreaterThan(atob(small.filter).length);
    expect(grown).toEqual(computeHead({ tasks }, 2));
    for (const task of all.slice(8_000)) {
      delete tasks[task.key];
      index.set(task.key, undefined);
    }
    expect(index.head(3)).toEqual(computeHead({ tasks }, 3));
    expect(index.head(3).filter).toBe(small.filter);
  });
});

describe("the head's slots as the worker stores them", () => {
  it('hold exactly the head’s tasks as JSON, also when task texts are reused across changes', () => {
    const r = random(4242);
    const tasks = { ...buildTracker(6, 300, 40, 2).tasks };
    const index = new HeadIndex(Object.values(tasks));
    for (let step = 0; step < 60; step++) {
      const key = r.pick(Object.keys(tasks));
      tasks[key] = edit(tasks[key]!, r, 9000 + step);
      index.set(key, tasks[key]);
      const bodies = headSlotBodies(index.head(step + 2));
      const expected = computeHead({ tasks }, step + 2);
      const slots = bodies.map((body) => JSON.parse(body) as { tasks: TrackedTask[]; complete: string[]; completeGroups: string[] });
      // Each body is what JSON.stringify gives for its content (pages and the worker compare texts).
      bodies.forEach((body, i) => expect(body).toBe(JSON.stringify(slots[i])));
      const stored = slots.flatMap((slot) => slot.tasks).sort((a, b) => (a.key < b.key ? -1 : 1));
      expect(stored, `step ${step}`).toEqual(JSON.parse(JSON.stringify(expected.tasks)));
      expect(slots.flatMap((slot) => slot.completeGroups).sort()).toEqual(expected.completeGroups);
    }
  });
});
