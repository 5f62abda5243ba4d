/**
 * The head kept one task at a time (utils/tracker/head-index.ts) is the head computed from
 * every task (head.ts computeHead): after building, and after every change of random
 * sequences of adds, edits (state, due date, campaign, update time later or earlier, opened
 * tab, address, archived or back) and removals. An edit within the task's campaign group
 * keeps its entries in place where the order allows (HeadIndex replace), any other goes out
 * and in again: both are checked against computeHead. The popup and the overview open from it, so a difference would show the creator
 * a wrong first screen.
 */
import { describe, expect, it } from 'vitest';
import { computeHead, headSlotBodies, HeadSlotTexts } from '@/utils/tracker/head';
import { HeadIndex } from '@/utils/tracker/head-index';
import { TRACKER_STATES } from '@/utils/tracker/machine';
import type { TrackedTask } from '@/utils/tracker/schema';
import { buildTracker, FLOW, random } from './head-trackers';
import { manyTasks } from './popup-overview-fixtures';

const DUE = [undefined, 'Dec 5, 2026', 'Dec 15, 2026', '2026-12-01', 'soon'];

function edit(task: TrackedTask, r: ReturnType<typeof random>, now: number): TrackedTask {
  // Mostly later; sometimes earlier (an import of an older copy), so a group's latest change can go back.
  const roll = r.next();
  const next: TrackedTask = { ...task, updatedAt: roll < 0.5 ? now : roll < 0.75 ? task.updatedAt - 1 - r.int(6000) : task.updatedAt };
  switch (r.int(7)) {
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
    case 5:
      if (next.archivedAt === undefined) next.archivedAt = now;
      else delete next.archivedAt;
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

describe('a campaign whose latest change goes back in time', () => {
  it('gives computeHead’s head (its most recently active campaigns)', () => {
    // 100 campaigns of two tasks, each task changed after the one before: the last campaign is the most recent.
    const tasks = { ...manyTasks(200, 2).tasks };
    const index = new HeadIndex(Object.values(tasks));
    const [older, latest] = Object.values(tasks).slice(-2);
    // Both its tasks set back (an import of older copies), the later one last: the campaign is now the least recent.
    for (const task of [older!, latest!]) {
      tasks[task.key] = { ...task, updatedAt: task.updatedAt - 1_000_000 };
      index.set(task.key, tasks[task.key]);
    }
    expect(index.head(2)).toEqual(computeHead({ tasks }, 2));
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
    // As the worker keeps it: a slot's text made again only when its content changed.
    const texts = new HeadSlotTexts();
    for (let step = 0; step < 60; step++) {
      const key = r.pick(Object.keys(tasks));
      tasks[key] = edit(tasks[key]!, r, 9000 + step);
      index.set(key, tasks[key]);
      const head = index.head(step + 2);
      const bodies = texts.bodies(head);
      // What the worker keeps is what a fresh split gives (a text kept too long would leave a page a stale first screen).
      expect(bodies).toEqual(headSlotBodies(head));
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
