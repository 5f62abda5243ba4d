/**
 * The stored layout's two ways of keeping a write small, and what they must never cost:
 * - tasks spread over BUCKET_COUNT buckets (4,096 since session 11, 1,024 before): tasks a
 *   build with fewer buckets stored stay readable where they are, and a change writes them
 *   back there, never a second copy elsewhere;
 * - the head's tasks in slots (head.ts headSlotBodies), each written only when it changes:
 *   whatever was skipped, the stored head a page reads always shows exactly the first screens
 *   every task gives.
 */
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleMessage } from '../../utils/background/router';
import { checkStorage } from '../../utils/background/storage-check';
import { HEAD_SLOT_NAMES, taskBucketName } from '../../utils/storage-keys';
import { BUCKET_COUNT } from '../../utils/tracker/buckets';
import { computeHead, parseHead, type HeadView } from '../../utils/tracker/head';
import { readTracker } from '../../utils/tracker/storage';
import { NOW, manyTasks } from './popup-overview-fixtures';
import { random } from './head-trackers';
import { freezeDateAt } from './frozen-date';

const local = fakeBrowser.storage.local;
const OWN = { ownId: fakeBrowser.runtime.id, ownOrigin: fakeBrowser.runtime.getURL('/'), overviewUrl: fakeBrowser.runtime.getURL('/overview.html'), openPage: async () => {} };
const fromPopup = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') };
const send = (message: Parameters<typeof handleMessage>[0]) => handleMessage(message, fromPopup, OWN);

/** The bucket a build with `count` buckets chose for a new task (FNV-1a of its key, as buckets.ts). */
function bucketWith(count: number, key: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return taskBucketName((hash >>> 0) % count);
}

/** What a page sees of a head: the parts a first screen is made of. */
function seen(head: HeadView | null) {
  if (!head) return null;
  return { rev: head.rev, total: head.total, counts: head.counts, campaigns: head.campaigns, tasks: head.tasks, completeGroups: [...head.completeGroups].sort() };
}

freezeDateAt(NOW);

describe('tasks stored by a build with fewer buckets', () => {
  it('are read where they are, and a change writes them back there', async () => {
    expect(BUCKET_COUNT).toBeGreaterThan(1024);
    const data = manyTasks(300);
    const buckets: Record<string, Record<string, string>> = {};
    for (const [key, task] of Object.entries(data.tasks)) (buckets[bucketWith(1024, key)] ??= {})[key] = JSON.stringify(task);
    await local.set({ ...buckets, tracker: { tasks: {} }, tracker$: { v: 3, rev: 4 } });
    await checkStorage();
    expect((await readTracker()).data.tasks).toEqual(JSON.parse(JSON.stringify(data.tasks)));

    // A key whose bucket differs between 1,024 and 4,096 buckets.
    const key = Object.keys(data.tasks).find((k) => bucketWith(1024, k) !== bucketWith(BUCKET_COUNT, k))!;
    const set = vi.spyOn(local, 'set');
    expect((await send({ type: 'setStep', key, step: 'joinedCampaign', done: true })).ok).toBe(true);
    const written = Object.keys(set.mock.calls.at(-1)![0]).filter((name) => name.startsWith('tasks:'));
    expect(written).toEqual([bucketWith(1024, key)]);
    const all = await local.get(null);
    expect(JSON.parse((all[bucketWith(1024, key)] as Record<string, string>)[key]!).steps.joinedCampaign).toBe(NOW);
    expect(all[bucketWith(BUCKET_COUNT, key)]).toBeUndefined();
    expect(Object.keys((await readTracker()).data.tasks)).toHaveLength(300);
  });

  it('a new task goes to one of the new buckets', async () => {
    const data = manyTasks(3);
    const [first, ...rest] = Object.entries(data.tasks);
    await local.set({ [bucketWith(1024, first![0])]: { [first![0]]: JSON.stringify(first![1]) }, tracker: { tasks: {} }, tracker$: { v: 3, rev: 1 } });
    await checkStorage();
    // Brought in later as version 1 data (an older build, a backup tool): new to the buckets.
    await local.set({ tracker: { tasks: Object.fromEntries(rest) } });
    await checkStorage();
    const all = await local.get(null);
    for (const [key] of rest) expect(Object.keys(all[bucketWith(BUCKET_COUNT, key)] as object)).toContain(key);
    expect(Object.keys((await readTracker()).data.tasks).sort()).toEqual(Object.keys(data.tasks).sort());
  });
});

describe("the head's slots of tasks, each written only when it changes", () => {
  it('after any sequence of changes, the stored head is the head of every task', async () => {
    const data = manyTasks(400, 3);
    await local.set({ tracker: data });
    await checkStorage();
    const keys = Object.keys(data.tasks);
    const rng = random(11);
    const rnd = () => rng.next();
    const set = vi.spyOn(local, 'set');
    let skipped = 0;
    for (let i = 0; i < 40; i++) {
      const key = keys[Math.floor(rnd() * keys.length)]!;
      const what = rnd();
      vi.setSystemTime(NOW + (i + 1) * 60_000);
      if (what < 0.6) await send({ type: 'setStep', key, step: rnd() < 0.5 ? 'joinedCampaign' : 'openedOnPhone', done: rnd() < 0.8 });
      else if (what < 0.75) await send({ type: 'markPosted', key });
      else if (what < 0.85) await send({ type: 'removeTask', key });
      else await send({ type: 'setStep', key, step: 'linkCopied', done: true });
      const items = set.mock.calls.at(-1)?.[0] as Record<string, unknown> | undefined;
      if (items) skipped += HEAD_SLOT_NAMES.filter((name) => !(name in items)).length;
      const got = await local.get(['trackerHead', 'tracker$', 'trackerTabFilter', ...HEAD_SLOT_NAMES]);
      const rev = (got['tracker$'] as { rev: number }).rev;
      const stored = parseHead(got.trackerHead, rev, got.trackerTabFilter, HEAD_SLOT_NAMES.map((name) => got[name]));
      expect(stored).not.toBeNull();
      expect(seen(stored)).toEqual(seen(parseHead(JSON.parse(JSON.stringify(computeHead((await readTracker()).data, rev))), rev)));
    }
    // Most slots were left as they were by most changes.
    expect(skipped).toBeGreaterThan(40 * (HEAD_SLOT_NAMES.length - 3));
  });
});
