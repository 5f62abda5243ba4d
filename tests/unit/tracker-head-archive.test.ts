/**
 * The head with archived tasks (utils/tracker/head.ts, head-index.ts): they are counted apart
 * and in nothing else, so the popup's and the overview's first screens and counts from the head
 * are those of the active tasks; kept one task at a time, the head stays exactly computeHead's
 * through archiving and bringing back; the worker writes a sweep as the changed tasks plus the
 * head, never every task.
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createArchiver } from '../../utils/background/archive';
import { handleMessage } from '../../utils/background/router';
import { updateTracker } from '../../utils/background/tracker-owner';
import { activeTasks, DAY_MS, isArchived } from '../../utils/tracker/archive';
import { flattenPopupOrder, hasSeveralAccounts, orderForPopup, POPUP_PAGE_SIZE, type PopupOrder } from '../../utils/tracker/grouping';
import { computeHead, HEAD_MAX_TASKS, HEAD_OVERVIEW_ROWS, overviewRowsFromHead, parseHead, popupOrderFromHead, type TrackerHead } from '../../utils/tracker/head';
import { HeadIndex } from '../../utils/tracker/head-index';
import type { TrackedTask, TrackerData } from '../../utils/tracker/schema';
import { readTracker } from '../../utils/tracker/storage';
import { campaignCount, countByState, DEFAULT_SORT, sortTasks } from '../../utils/tracker/table-view';
import { buildTracker, FLOW, random } from './head-trackers';
import { scenario } from './popup-overview-fixtures';
import { bucketForNewTask } from '../../utils/tracker/buckets';
import { storedSlots, storedWholeHead } from './head-trackers';
import { HEAD_SLOT_NAMES } from '../../utils/storage-keys';

const stored = (head: TrackerHead) => JSON.parse(JSON.stringify(head)) as Record<string, unknown>;
const keysOf = (order: PopupOrder) => flattenPopupOrder(order).slice(0, POPUP_PAGE_SIZE).map((t) => t.key);

/** Some tasks archived: most of the submitted ones, a few others (a backup or a tool may bring any). */
function withArchived(data: TrackerData, seed: number): TrackerData {
  const r = random(seed);
  const tasks: Record<string, TrackedTask> = {};
  for (const [key, task] of Object.entries(data.tasks)) {
    const archive = r.next() < (task.state === 'submitted' ? 0.7 : 0.05);
    tasks[key] = archive ? { ...task, archivedAt: 9000 + r.int(100) } : task;
  }
  return { tasks };
}

describe('the head counts archived tasks apart', () => {
  it('its totals, first rows and popup page are those of the active tasks (property)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 0, max: 220 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 3 }), (seed, count, campaigns, accounts) => {
        const data = withArchived(buildTracker(seed, count, campaigns, accounts), seed);
        const all = Object.values(data.tasks);
        const active = activeTasks(all);
        const head = parseHead(stored(computeHead(data, 2)), 2);
        expect(head).not.toBeNull();
        expect(head!.total).toBe(all.length);
        expect(head!.archived).toBe(all.length - active.length);
        expect(head!.counts).toEqual(countByState(active));
        expect(head!.campaigns).toBe(campaignCount(active));
        expect(head!.multiAccount).toBe(hasSeveralAccounts(active));
        expect(head!.tasks.some(isArchived)).toBe(false);
        expect(overviewRowsFromHead(head!).map((t) => t.key)).toEqual(sortTasks(active, DEFAULT_SORT).slice(0, HEAD_OVERVIEW_ROWS).map((t) => t.key));
        const r = random(seed ^ 0x5f5f);
        const tabs = [undefined, 'https://www.tiktok.com/', ...Array.from({ length: 4 }, () => (all.length ? r.pick(all).taskUrl.replace(/execution=e\d+s1/, 'execution=e6s6') : undefined))];
        for (const tab of tabs) {
          const fromHead = popupOrderFromHead(head!, tab);
          if (fromHead) expect(keysOf(fromHead), `tab ${tab}`).toEqual(keysOf(orderForPopup(active, tab)));
        }
        expect(popupOrderFromHead(head!, undefined)).not.toBeNull();
      }),
      { numRuns: 120 },
    );
  });

  it('an archived task on the tab does not make the popup wait for every task (it is not listed there)', () => {
    const data = withArchived(buildTracker(3, 200, 40, 1), 3);
    const gone = Object.values(data.tasks).find((t) => isArchived(t) && t.campaignId && !Object.values(data.tasks).some((o) => !isArchived(o) && o.campaignId === t.campaignId))!;
    expect(gone).toBeDefined();
    const head = parseHead(stored(computeHead(data, 1)), 1)!;
    const order = popupOrderFromHead(head, `${FLOW}?execution=e3s3&campaignId=${gone.campaignId}`);
    expect(order).not.toBeNull();
    expect(order!.current).toEqual([]);
  });

  it.each<[string, (h: Record<string, unknown>) => unknown]>([
    ['archived count that does not add up', (h) => ({ ...h, archived: (h.archived as number) + 1 })],
    ['no archived count (a format 3 head)', (h) => ({ ...h, archived: undefined })],
    ['an archived task among its first rows', (h) => ({ ...h, tasks: [{ ...(h.tasks as object[])[0], archivedAt: 1 }, ...(h.tasks as object[]).slice(1)] })],
  ])('a head with an %s is refused', (_what, change) => {
    const { data, keys } = scenario();
    const mixed = { tasks: { ...data.tasks, [keys.ukGlow]: { ...data.tasks[keys.ukGlow]!, archivedAt: 5 } } };
    const good = stored(computeHead(mixed, 3));
    expect(parseHead(good, 3)).toMatchObject({ total: 5, archived: 1 });
    expect(parseHead(change(good), 3)).toBeNull();
  });

  it('does not grow with archived tasks', () => {
    const data = withArchived(buildTracker(9, 3000, 600, 2), 9);
    const head = computeHead(data, 1);
    expect(head.archived).toBeGreaterThan(200);
    expect(head.tasks.length).toBeLessThanOrEqual(HEAD_MAX_TASKS);
  });
});

describe('the head kept one task at a time through archiving', () => {
  it.each([
    [1, 60, 8, 1],
    [2, 250, 40, 3],
    [3, 0, 3, 1],
  ])('seed %i: %i tasks, archive, bring back, edit, remove: always computeHead’s head', (seed, count, campaigns, accounts) => {
    const r = random(seed * 104729);
    const tasks = { ...withArchived(buildTracker(seed, count, campaigns, accounts), seed).tasks };
    const index = new HeadIndex(Object.values(tasks));
    expect(index.head(1)).toEqual(computeHead({ tasks }, 1));
    for (let step = 0; step < 150; step++) {
      const keys = Object.keys(tasks);
      const roll = r.next();
      if (roll < 0.15 || keys.length === 0) {
        const source = keys.length ? tasks[r.pick(keys)]! : Object.values(buildTracker(seed + step, 1, campaigns, accounts).tasks)[0]!;
        const task = { ...source, key: `new${step}`, updatedAt: 5000 + step };
        tasks[task.key] = task;
        index.set(task.key, task);
      } else if (roll < 0.22) {
        const key = r.pick(keys);
        delete tasks[key];
        index.set(key, undefined);
      } else {
        const key = r.pick(keys);
        const task = tasks[key]!;
        let next: TrackedTask;
        if (roll < 0.7) {
          // Archive or bring back, as the sweep and Unarchive do.
          if (isArchived(task)) {
            const { archivedAt: _a, ...rest } = task;
            next = { ...rest, updatedAt: 5000 + step };
          } else next = { ...task, state: 'submitted', archivedAt: 5000 + step, updatedAt: 5000 + step };
        } else if (roll < 0.85) {
          next = { ...task, dueDate: r.pick(['Dec 1, 2026', 'Dec 9, 2026', undefined]) as string, updatedAt: 5000 + step };
          if (next.dueDate === undefined) delete next.dueDate;
        } else next = { ...task, retrieve: { ...task.retrieve, openedTabId: 100 + r.int(3) } };
        tasks[key] = next;
        index.set(key, next);
      }
      expect(index.head(step + 2), `seed ${seed}, step ${step}`).toEqual(computeHead({ tasks }, step + 2));
    }
  });
});

describe('the worker stores a sweep as the changed tasks and the head', () => {
  it('archives in one write of that task, the revision and the head; Unarchive likewise; the head always matches every task', async () => {
    const { data, keys } = scenario();
    await updateTracker(() => ({ data: { ...data }, result: undefined }));
    const local = fakeBrowser.storage.local;
    const set = vi.spyOn(local, 'set');
    const archiver = createArchiver({ days: async () => 30, update: (change) => updateTracker(change), hasAlarm: async () => true, setAlarm: async () => undefined });
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 400 * DAY_MS);
      expect(await archiver.sweep()).toBe(1);
    } finally {
      vi.useRealTimers();
    }
    expect(set).toHaveBeenCalledTimes(1);
    // Archived tasks are out of the head's filter of tab keys, so it may be stored again with them.
    // Its tasks are stored in slots by campaign (head.ts), so the slots of the campaigns that came or went are too.
    const written = () => Object.keys(set.mock.calls[0]![0]).filter((k) => k !== 'trackerTabFilter' && !HEAD_SLOT_NAMES.includes(k)).sort();
    expect(written()).toEqual([bucketForNewTask(keys.ukGlow), 'tracker$', 'trackerHead']);
    const check = async () => {
      const got = await local.get(['trackerHead', 'tracker$', 'trackerTabFilter', ...HEAD_SLOT_NAMES]);
      const rev = (got['tracker$'] as { rev: number }).rev;
      expect(storedWholeHead(got.trackerHead, got.trackerTabFilter, storedSlots(got))).toEqual(stored(computeHead((await readTracker()).data, rev)));
      return parseHead(got.trackerHead, rev, got.trackerTabFilter, storedSlots(got))!;
    };
    const head = await check();
    expect(head).toMatchObject({ total: 5, archived: 1 });
    expect(head.counts.submitted).toBe(0);

    set.mockClear();
    const page = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/overview.html') };
    const reply = await handleMessage({ type: 'unarchive', key: keys.ukGlow }, page, {
      ownId: fakeBrowser.runtime.id,
      ownOrigin: fakeBrowser.runtime.getURL('/'),
      overviewUrl: page.url,
      openPage: async () => undefined,
    });
    expect(reply.ok).toBe(true);
    expect(written()).toEqual([bucketForNewTask(keys.ukGlow), 'tracker$', 'trackerHead']);
    expect(await check()).toMatchObject({ total: 5, archived: 0, counts: { submitted: 1 } });
  });
});
