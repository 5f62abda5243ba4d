/**
 * Every task read in pieces (storage-pieces.ts): what the readers get is exactly what one
 * `get(null)` gave them, wherever the tasks are stored (buckets of this build, of a build with
 * 1,024 buckets, a tool's bucket names, version 2 keys, version 1's `tracker`); and another
 * reader's small read made meanwhile is answered after one piece, not after all of them.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createTrackerView } from '../../entrypoints/content/tracker-view';
import { handleMessage } from '../../utils/background/router';
import { checkStorage } from '../../utils/background/storage-check';
import { holdsTasks, legacyTaskName, taskBucketName } from '../../utils/storage-keys';
import { readInPieces, type PieceArea } from '../../utils/storage-pieces';
import { BUCKET_COUNT, bucketForNewTask, storedTasks } from '../../utils/tracker/buckets';
import { readTracker } from '../../utils/tracker/storage';
import { NOW, manyTasks } from './popup-overview-fixtures';
import { freezeDateAt } from './frozen-date';

const local = fakeBrowser.storage.local;
const OWN = { ownId: fakeBrowser.runtime.id, ownOrigin: fakeBrowser.runtime.getURL('/'), overviewUrl: fakeBrowser.runtime.getURL('/overview.html'), openPage: async () => {} };
const fromPopup = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') };

/** The bucket a build with `count` buckets chose for a new task (FNV-1a of its key, as buckets.ts). */
function bucketWith(count: number, key: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return taskBucketName((hash >>> 0) % count);
}

/** Storage as every kind of writer leaves it: tasks in every place a reader must look, and other values. */
function mixedStorage(count = 240): { items: Record<string, unknown>; keys: string[] } {
  const data = manyTasks(count);
  const entries = Object.entries(data.tasks);
  const items: Record<string, unknown> = { settings: { autoRetrieve: true }, trackerHead: '{"v":6}', 'tracker$': { v: 3, rev: 7 }, reminders: { shown: [] } };
  const bucket = (name: string, key: string, task: unknown) => ((items[name] ??= {}) as Record<string, string>)[key] = JSON.stringify(task);
  const v1: Record<string, unknown> = {};
  entries.forEach(([key, task], i) => {
    if (i % 5 === 0) bucket(bucketWith(1024, key), key, task);
    else if (i % 5 === 1) bucket(bucketForNewTask(key), key, task);
    else if (i % 5 === 2) bucket(`tasks:seed-${i % 7}`, key, task);
    else if (i % 5 === 3) items[legacyTaskName(key)] = task;
    else v1[key] = task;
  });
  // One task stored twice, the later copy in a version 2 key: the later one counts either way.
  const [twiceKey, twice] = entries[0]!;
  items[legacyTaskName(twiceKey)] = { ...twice, updatedAt: twice.updatedAt + 1000 };
  items.tracker = { tasks: v1 };
  return { items, keys: Object.keys(data.tasks) };
}

/** A storage area answering calls one at a time, in the order they came, each taking time with its size. */
function queuedArea(items: Record<string, unknown>, onGet: (call: number) => void = () => {}) {
  const answered: string[] = [];
  let line: Promise<unknown> = Promise.resolve();
  const calls: (string[] | null)[] = [];
  const area: PieceArea & { answered: string[]; calls: (string[] | null)[] } = {
    answered,
    calls,
    async getKeys() {
      return Object.keys(items);
    },
    get(keys) {
      calls.push(keys);
      const names = keys ?? Object.keys(items);
      const run = line.then(async () => {
        for (let i = 0; i < names.length; i++) await Promise.resolve();
        answered.push(names.length === 1 ? names[0]! : `${names.length} values`);
        return Object.fromEntries(names.filter((n) => Object.hasOwn(items, n)).map((n) => [n, items[n]]));
      });
      line = run;
      onGet(calls.length);
      return run;
    },
  };
  return area;
}

const only = (all: Record<string, unknown>, wanted: (name: string) => boolean) => Object.fromEntries(Object.entries(all).filter(([name]) => wanted(name)));

freezeDateAt(NOW);

describe('reading in pieces', () => {
  it('gives exactly the tracker values one get(null) gives, in several calls of listed names', async () => {
    const { items } = mixedStorage();
    const area = queuedArea(items);
    const read = await readInPieces(area, holdsTasks, { first: 8 });
    expect(read).toEqual(only(items, holdsTasks));
    expect(Object.keys(read)).toContain('tasks:seed-3');
    expect(read.settings).toBeUndefined();
    expect(area.calls.length).toBeGreaterThan(1);
    expect(area.calls.every((names) => names !== null && names.length > 0)).toBe(true);
    expect(storedTasks(read)).toEqual(storedTasks(items));
  });

  it('any stored names, any first piece: the same values as get(null)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.oneof(fc.constantFrom('tracker', 'settings', 'tracker$'), fc.string().map((s) => `tasks:${s}`), fc.string().map((s) => `task:${s}`), fc.string()), fc.jsonValue()),
        fc.integer({ min: 1, max: 40 }),
        async (items, first) => {
          const wanted = (name: string) => holdsTasks(name) || name === 'tracker$';
          expect(await readInPieces(queuedArea(items), wanted, { first })).toEqual(only(items, wanted));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a small read made meanwhile is answered after the piece under way, not after every value', async () => {
    const { items } = mixedStorage(400);
    let small: Promise<unknown> | undefined;
    // Made while the first piece is being answered.
    const area = queuedArea(items, (call) => {
      if (call === 1) small = area.get(['settings']);
    });
    await readInPieces(area, holdsTasks, { first: 16 });
    await small;
    const at = area.answered.indexOf('settings');
    expect(at).toBeGreaterThanOrEqual(0);
    expect(at).toBeLessThan(area.answered.length - 1);
    // One get(null) answers the small read last.
    let late: Promise<unknown> | undefined;
    const once = queuedArea(items, (call) => {
      if (call === 1) late = once.get(['settings']);
    });
    delete once.getKeys;
    await readInPieces(once, holdsTasks);
    await late;
    expect(once.answered.at(-1)).toBe('settings');
  });

  it('without a list of names (not implemented there), reads it all at once, the same values', async () => {
    const { items } = mixedStorage();
    const area = queuedArea(items);
    area.getKeys = () => Promise.reject(new Error('storage.local.getKeys not implemented'));
    expect(await readInPieces(area, holdsTasks)).toEqual(only(items, holdsTasks));
    expect(area.calls).toEqual([null]);
  });

  it('stops reading when its reader is gone', async () => {
    const { items } = mixedStorage(400);
    const stop = new AbortController();
    // Gone while the first piece is being answered.
    const area = queuedArea(items, () => stop.abort());
    const read = await readInPieces(area, holdsTasks, { first: 16, signal: stop.signal });
    expect(area.calls).toHaveLength(1);
    expect(Object.keys(read).length).toBeLessThanOrEqual(16);
  });
});

describe('the readers, where the browser lists its keys', () => {
  let fakeGetKeys: PieceArea['getKeys'];
  beforeEach(() => {
    fakeGetKeys = (local as PieceArea).getKeys;
    const listAll = local.get.bind(local);
    (local as PieceArea).getKeys = async () => Object.keys(await listAll(null));
  });
  afterEach(() => {
    (local as PieceArea).getKeys = fakeGetKeys;
  });

  it('the worker, a page and a content script read every task wherever it is stored, never with get(null)', async () => {
    const { items, keys } = mixedStorage();
    await local.set(items);
    const get = vi.spyOn(local, 'get');
    await checkStorage();
    // The worker moved every task into buckets, the later copy of the one stored twice winning.
    const tasks = (await readTracker()).data.tasks;
    expect(Object.keys(tasks).sort()).toEqual([...keys].sort());
    expect(tasks[keys[0]!]!.updatedAt).toBe((items[legacyTaskName(keys[0]!)] as { updatedAt: number }).updatedAt);
    const stop = new AbortController();
    const view = createTrackerView(stop.signal);
    await view.ready;
    expect(view.campaigns().map((c) => c.key).sort()).toEqual([...keys].sort());
    stop.abort();
    expect(get.mock.calls.some(([names]) => names === null || names === undefined)).toBe(false);
    // A tick still writes its task where it is stored, in a bucket name this build would not choose.
    const key = keys.find((k) => bucketWith(1024, k) !== bucketWith(BUCKET_COUNT, k) && Object.hasOwn((items[bucketWith(1024, k)] ?? {}) as object, k))!;
    expect((await handleMessage({ type: 'setStep', key, step: 'joinedCampaign', done: true }, fromPopup, OWN)).ok).toBe(true);
    const stored = (await local.get(bucketWith(1024, key)))[bucketWith(1024, key)] as Record<string, string>;
    expect(JSON.parse(stored[key]!).steps.joinedCampaign).toBe(NOW);
  });
});
