/**
 * Storage that scales (issue 16): tasks in buckets, a change writing its bucket alone with the
 * head; version 1 and 2 data moved once, losslessly, resumably, with a mark older builds leave alone; a
 * write the browser refuses loses nothing, is retried, and the creator is told with Export
 * backup; concurrent writers all count. Speed is measured by `npm run bench`, not here: these
 * tests count what is written.
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PopupApp } from '../../entrypoints/popup/App';
import { SettingsForm } from '../../entrypoints/overview/SettingsForm';
import { handleMessage } from '../../utils/background/router';
import { checkStorage } from '../../utils/background/storage-check';
import { followTasks, pendingCount, readTrackedTaskList, readTrackedTasks, retryPending } from '../../utils/background/tracker-owner';
import { storedHead } from '../../utils/tracker/head';
import { copyV1Tasks, MIGRATION_BATCH } from '../../utils/tracker/migrate';
import { parseSettings, readRecovery, readTracker, storedTaskRecords } from '../../utils/tracker/storage';
import { BUCKET_COUNT, bucketForNewTask } from '../../utils/tracker/buckets';
import { HEAD_SLOT_NAMES } from '../../utils/storage-keys';
import type { TrackedTask, TrackerData } from '../../utils/tracker/schema';
import { NOW, captureDownloads, fakeBackground, manyTasks, scenario } from './popup-overview-fixtures';
import { freezeDateAt } from './frozen-date';

const local = fakeBrowser.storage.local;
const OWN = { ownId: fakeBrowser.runtime.id, ownOrigin: fakeBrowser.runtime.getURL('/'), overviewUrl: fakeBrowser.runtime.getURL('/overview.html'), openPage: async () => {} };
const fromPopup = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') };
const tick = (key: string, step: 'joinedCampaign' | 'linkCopied' | 'openedOnPhone' = 'joinedCampaign') => handleMessage({ type: 'setStep', key, step, done: true }, fromPopup, OWN);

/** The task records in a dump of storage.local, by key (buckets and older copies). */
const recordsIn = (all: Record<string, unknown>) => storedTaskRecords(all);
const bucketNames = (all: Record<string, unknown>) => Object.keys(all).filter((k) => k.startsWith('tasks:'));
/** How many tasks the buckets of these items hold. */
const tasksInBuckets = (items: Record<string, unknown>) => bucketNames(items).reduce((n, name) => n + Object.keys(items[name] as object).length, 0);

/** What version 1 left in storage.local: every task in one value. */
async function storedV1(data: TrackerData, extra: Record<string, unknown> = {}) {
  await local.set({ tracker: data, settings: { autoRetrieve: true }, ...extra });
}

freezeDateAt(NOW);

describe('moving version 1 data', () => {
  it('moves every task of a large v1 tracker into buckets, as stored, once', async () => {
    const data = manyTasks(1000);
    await storedV1(data);
    await checkStorage();
    const all = await local.get(null);
    expect(tasksInBuckets(all)).toBe(1000);
    // Few keys whatever the number of tasks (what makes a write cheap in Chromium).
    expect(bucketNames(all).length).toBeLessThanOrEqual(BUCKET_COUNT);
    expect(recordsIn(all)).toEqual(JSON.parse(JSON.stringify(data.tasks)));
    expect(all.tracker).toEqual({ tasks: {} });
    expect(storedHead(all.trackerHead)).toMatchObject({ total: 1000, rev: (all['tracker$'] as { rev: number }).rev });
    expect(all.trackerMigration).toBeUndefined();
    expect(await readRecovery()).toEqual([]);
    // A second start finds nothing to move and writes nothing.
    const set = vi.spyOn(local, 'set');
    await checkStorage();
    expect(set).not.toHaveBeenCalled();
  });

  it('a worker stopped half-way carries on from its progress mark; readers see every task all along', async () => {
    const data = manyTasks(MIGRATION_BATCH * 3 + 7);
    await storedV1(data);
    const stopAfter = 2;
    let batches = 0;
    // The "worker" stops after two batches: the browser closed, an update.
    await expect(
      copyV1Tasks(local, NOW, () => {
        if (++batches === stopAfter) throw new Error('worker stopped');
      }),
    ).rejects.toThrow('worker stopped');
    const half = await local.get(null);
    // Batches end where a bucket ends (a bucket is written by one batch).
    const { total, copied } = half.trackerMigration as { total: number; copied: number };
    expect(total).toBe(MIGRATION_BATCH * 3 + 7);
    expect(copied).toBeGreaterThanOrEqual(MIGRATION_BATCH * 2);
    expect(copied).toBeLessThan(MIGRATION_BATCH * 2 + 50);
    expect(tasksInBuckets(half)).toBe(copied);
    // The v1 value is untouched until the switch-over: pages read every task meanwhile.
    expect(half.tracker).toEqual(JSON.parse(JSON.stringify(data)));
    expect(Object.keys((await readTracker()).data.tasks)).toHaveLength(MIGRATION_BATCH * 3 + 7);

    // The next worker resumes: only the rest is copied.
    const set = vi.spyOn(local, 'set');
    await checkStorage();
    const copiedNow = set.mock.calls.reduce((n, [items]) => n + tasksInBuckets(items as Record<string, unknown>), 0);
    expect(copiedNow).toBe(total - copied);
    expect((await readTracker()).data).toEqual(JSON.parse(JSON.stringify(data)));
    const after = await local.get(null);
    expect(after.tracker).toEqual({ tasks: {} });
    expect(after.trackerMigration).toBeUndefined();
  });

  it('the last batch empties the version 1 value, once what cannot be read is kept; the worker never reads that value again', async () => {
    const data = manyTasks(MIGRATION_BATCH + 30);
    const broken = { key: 'broken', state: 'exploded' };
    await storedV1({ tasks: { ...data.tasks, broken: broken as never } });
    // A worker stopped right after the last batch: every task is in a bucket, the v1 value empty.
    const kept: unknown[] = [];
    await expect(
      copyV1Tasks(
        local,
        NOW,
        (progress) => {
          if (progress.copied === progress.total) throw new Error('worker stopped');
        },
        undefined,
        async (rejected) => {
          // Kept while the v1 value still holds its only copy.
          expect(((await local.get('tracker')).tracker as { tasks: object }).tasks).toHaveProperty('broken');
          kept.push(...rejected.map((r) => r.raw));
        },
      ),
    ).rejects.toThrow('worker stopped');
    expect(kept).toEqual([broken]);
    const stopped = await local.get(null);
    expect(stopped.tracker).toEqual({ tasks: {} });
    expect(tasksInBuckets(stopped)).toBe(MIGRATION_BATCH + 30);
    expect((await readTracker()).data).toEqual(JSON.parse(JSON.stringify(data)));
    // The next worker finishes: the switch-over, the head, the mark gone.
    await checkStorage();
    const after = await local.get(null);
    expect(after).toMatchObject({ 'tracker$': { v: 3 }, tracker: { tasks: {} } });
    expect(after.trackerMigration).toBeUndefined();
    expect(storedHead(after.trackerHead)).toMatchObject({ total: MIGRATION_BATCH + 30 });

    // Through the worker from the start: the damaged task set aside once, and no read of
    // every stored value finds the v1 tasks still there.
    fakeBrowser.reset();
    await storedV1({ tasks: { ...data.tasks, broken: broken as never } });
    const get = vi.spyOn(local, 'get');
    await checkStorage();
    const whole = get.mock.calls.flatMap(([names], i) => (names === null ? [get.mock.results[i]!.value as Promise<Record<string, unknown>>] : []));
    expect(whole.length).toBeGreaterThan(0);
    for (const all of await Promise.all(whole)) expect(all.tracker).toEqual({ tasks: {} });
    expect((await readRecovery()).map((r) => r.raw)).toEqual([broken]);
    expect((await readTracker()).data).toEqual(JSON.parse(JSON.stringify(data)));
  });

  it('damaged v1 tasks are set aside with the reason, the others moved', async () => {
    const { data } = scenario();
    await storedV1({ tasks: { ...data.tasks, broken: { key: 'broken', state: 'exploded' } as never } });
    await checkStorage();
    expect(Object.keys((await readTracker()).data.tasks).sort()).toEqual(Object.keys(data.tasks).sort());
    const recovery = await readRecovery();
    expect(recovery.map((r) => r.raw)).toEqual([{ key: 'broken', state: 'exploded' }]);
    expect(recordsIn(await local.get(null)).broken).toBeUndefined();
  });

  it('after a downgrade and back: what the older build recorded in `tracker` is moved in, the newer copy of each task wins, nothing else is touched', async () => {
    const { data, keys } = scenario();
    await storedV1(data);
    await checkStorage();
    expect(await local.get(null)).toMatchObject({ 'tracker$': { v: 3 } });
    // An older build knows only `tracker`: it saw no tasks, recorded a newer copy of one, an
    // older copy of another, and a new one. It never touches the buckets.
    const glow = data.tasks[keys.summerGlow]!;
    const gift = data.tasks[keys.giftGuide]!;
    const newer = { ...glow, state: 'posted' as const, updatedAt: glow.updatedAt + 1 };
    const older = { ...gift, state: 'notStarted' as const, updatedAt: gift.updatedAt - 1 };
    const added = { ...glow, key: 'a:-|c:1|t:1', campaignId: '1', taskId: '1', updatedAt: NOW };
    await local.set({ tracker: { tasks: { [glow.key]: newer, [gift.key]: older, [added.key]: added } } });
    await vi.waitFor(async () => expect((await local.get('tracker')).tracker).toEqual({ tasks: {} }));
    const { data: now } = await readTracker();
    expect(Object.keys(now.tasks).sort()).toEqual([...Object.keys(data.tasks), added.key].sort());
    expect(now.tasks[keys.summerGlow]).toEqual(newer);
    expect(now.tasks[keys.giftGuide]).toEqual(gift);
    expect(now.tasks[added.key]).toEqual(added);
  });
});

it('a damaged task in a bucket is set aside with the reason, its bucket stored again without it, the others in it kept', async () => {
  const { data, keys } = scenario();
  await storedV1(data);
  await checkStorage();
  const name = bucketForNewTask(keys.summerGlow);
  const bucket = (await local.get(name))[name] as Record<string, string>;
  // A tool wrote a damaged task and text that is not JSON into the same bucket.
  await local.set({ [name]: { ...bucket, broken: JSON.stringify({ key: 'broken', state: 'exploded' }), cut: '{"key":"cut","sta' } });
  await vi.waitFor(async () => expect(Object.keys((await local.get(name))[name] as object).sort()).toEqual(Object.keys(bucket).sort()));
  expect(recordsIn(await local.get(null))).toEqual(JSON.parse(JSON.stringify(data.tasks)));
  const recovery = await readRecovery();
  expect(recovery.map((r) => r.raw).sort()).toEqual(['{"key":"broken","state":"exploded"}', '{"key":"cut","sta'].sort());
  for (const r of recovery) expect(r.reason).not.toBe('');
});

it('after a downgrade to the version 2 build and back: its `task:` keys are moved into buckets and removed, the newer copy of each task wins', async () => {
  const { data, keys } = scenario();
  await storedV1(data);
  await checkStorage();
  const glow = data.tasks[keys.summerGlow]!;
  const gift = data.tasks[keys.giftGuide]!;
  const newer = { ...glow, state: 'posted' as const, updatedAt: glow.updatedAt + 1 };
  const older = { ...gift, state: 'notStarted' as const, updatedAt: gift.updatedAt - 1 };
  const added = { ...glow, key: 'a:-|c:1|t:1', campaignId: '1', taskId: '1', updatedAt: NOW };
  // The version 2 build stores one key per task, and never touches the buckets.
  await local.set({ [`task:${glow.key}`]: newer, [`task:${gift.key}`]: older, [`task:${added.key}`]: added });
  await vi.waitFor(async () => expect(Object.keys(await local.get(null)).filter((k) => k.startsWith('task:'))).toEqual([]));
  const all = await local.get(null);
  const records = recordsIn(all);
  expect(Object.keys(records).sort()).toEqual([...Object.keys(data.tasks), added.key].sort());
  expect(records[keys.summerGlow]).toEqual(newer);
  expect(records[keys.giftGuide]).toEqual(gift);
  expect(records[added.key]).toEqual(added);
  expect(storedHead(all.trackerHead)).toMatchObject({ total: Object.keys(data.tasks).length + 1, rev: (all['tracker$'] as { rev: number }).rev });
  expect(await readRecovery()).toEqual([]);
});

describe('one change writes one bucket', () => {
  it('a tick at 5,000 tasks stores the bucket of that task, the revision and the head: about the same amount as at 1,000', async () => {
    const written: Record<number, number> = {};
    for (const count of [1000, 5000]) {
      fakeBrowser.reset();
      const data = manyTasks(count);
      await storedV1(data);
      await checkStorage();
      const set = vi.spyOn(local, 'set');
      const key = Object.keys(data.tasks)[count >> 1]!;
      expect((await tick(key)).ok).toBe(true);
      expect(set).toHaveBeenCalledTimes(1);
      const items = set.mock.calls[0]![0] as Record<string, unknown>;
      // The head's tasks are stored in slots by campaign (head.ts): the ticked task's campaign comes
      // into the most recent ones and another leaves, so at most two slots are written again.
      const slots = Object.keys(items).filter((name) => HEAD_SLOT_NAMES.includes(name));
      expect(Object.keys(items).filter((name) => !slots.includes(name)).sort()).toEqual([bucketForNewTask(key), 'tracker$', 'trackerHead']);
      expect(slots.length).toBeLessThanOrEqual(2);
      expect(JSON.parse((items[bucketForNewTask(key)] as Record<string, string>)[key]!).steps.joinedCampaign).toBe(NOW);
      written[count] = JSON.stringify(items).length;
      set.mockRestore();
    }
    // The head is bounded (first screens; its filter is stored apart, not with a tick), and a
    // bucket holds ~5 tasks here, so the write barely grows with the tracker.
    expect(written[5000]! / written[1000]!).toBeLessThan(1.25);
  });
});

describe('the tasks the worker follows after every change (reminders)', () => {
  it('gives every task once, then only the tasks each change touched, without reading every task again', async () => {
    const data = manyTasks(40);
    await storedV1(data);
    await checkStorage();
    const keys = Object.keys(data.tasks);
    const follower = followTasks();
    const first = await follower.take();
    expect('all' in first && first.all.length).toBe(40);
    expect((await tick(keys[3]!)).ok).toBe(true);
    for (const key of [keys[0]!, keys[17]!, keys[39]!]) expect((await handleMessage({ type: 'removeTask', key }, fromPopup, OWN)).ok).toBe(true);
    expect((await tick(keys[38]!, 'openedOnPhone')).ok).toBe(true);
    const get = vi.spyOn(local, 'get');
    const feed = await follower.take();
    expect(get.mock.calls.some(([names]) => names === null)).toBe(false);
    if (!('changed' in feed)) throw new Error('expected the changes only');
    const stored = (await readTrackedTasks()).tasks;
    expect(Object.fromEntries(feed.changed)).toEqual({ [keys[3]!]: stored[keys[3]!], [keys[0]!]: undefined, [keys[17]!]: undefined, [keys[39]!]: undefined, [keys[38]!]: stored[keys[38]!] });
    expect(stored[keys[38]!]!.steps.openedOnPhone).toBeDefined();
    // Nothing changed since: nothing to give.
    const none = await follower.take();
    expect('changed' in none && none.changed.size).toBe(0);
    // Tasks written by someone else (a tool): the copy is read again, and every task given again.
    await local.set({ [bucketForNewTask('a:9|c:9|t:9')]: {} });
    await vi.waitFor(async () => {
      const again = await follower.take();
      expect('all' in again && again.all.length).toBe(37);
    });
    // The copy shortcut's list of every task follows the same changes.
    expect((await readTrackedTaskList()).map((t) => t.key).sort()).toEqual(Object.keys(stored).sort());
  });
});

describe('a write the browser refuses', () => {
  const QUOTA = 'Resource::kQuotaBytes quota exceeded';

  it('keeps the change, tells the creator with Export backup, retries, and loses nothing', async () => {
    const { data, keys } = scenario();
    await storedV1(data);
    await checkStorage();
    const before = await local.get(null);

    const realSet = local.set.bind(local);
    const refuse = vi.spyOn(local, 'set').mockImplementation((async (items: Record<string, unknown>) => {
      if (Object.keys(items).some((k) => k.startsWith('tasks:'))) throw new Error(QUOTA);
      return realSet(items);
    }) as never);

    // The tick is accepted (the creator sees it) though storage refused it.
    expect((await tick(keys.summerGlow)).ok).toBe(true);
    expect(pendingCount()).toBe(1);
    // Nothing stored was changed or half-written.
    expect(await local.get(null)).toEqual(before);
    const pending = (await fakeBrowser.storage.session.get('pendingTasks')).pendingTasks as { error: string; tasks: Record<string, TrackedTask> };
    expect(pending.error).toContain('quota');
    expect(pending.tasks[keys.summerGlow]!.steps.joinedCampaign).toBe(NOW);
    // A second change to another task waits with it, and the first is still there.
    expect((await tick(keys.giftGuide, 'openedOnPhone')).ok).toBe(true);
    expect(pendingCount()).toBe(2);

    // The popup shows both changes and offers a backup that has them.
    fakeBackground();
    const downloads = captureDownloads();
    try {
      const user = userEvent.setup();
      render(<PopupApp />);
      const notice = await screen.findByRole('region', { name: '2 changes are not saved yet' });
      expect(notice).toHaveTextContent(QUOTA);
      // The card's line opens it (compact popup), showing the unsaved tick.
      const glow = (await screen.findAllByRole('article', { name: 'TikTok Video Summer Glow Serum Launch' }))[0]!;
      const line = within(glow).getAllByRole('button')[0]!;
      if (line.getAttribute('aria-expanded') === 'false') await user.click(line);
      await waitFor(() => expect(within(glow).getByRole('checkbox', { name: 'Joined the campaign in TikTok' })).toBeChecked());
      const button = within(notice).getByRole('button', { name: 'Export backup' });
      await waitFor(() => expect(button).toBeEnabled());
      await user.click(button);
      await waitFor(() => expect(downloads.files).toHaveLength(1));
      const exported = JSON.parse(downloads.files[0]!.text) as { tasks: TrackedTask[] };
      expect(exported.tasks).toHaveLength(Object.keys(data.tasks).length);
      expect(exported.tasks.find((t) => t.key === keys.summerGlow)!.steps.joinedCampaign).toBe(NOW);
      expect(exported.tasks.find((t) => t.key === keys.giftGuide)!.steps.openedOnPhone).toBe(NOW);

      // Space is free again: the retry stores both, and the notice goes.
      refuse.mockRestore();
      expect(await retryPending()).toBe(0);
      await waitFor(() => expect(screen.queryByRole('region', { name: /not saved yet/ })).toBeNull());
      const stored = (await readTracker()).data.tasks;
      expect(stored[keys.summerGlow]!.steps.joinedCampaign).toBe(NOW);
      expect(stored[keys.giftGuide]!.steps.openedOnPhone).toBe(NOW);
      for (const key of Object.keys(data.tasks).filter((k) => k !== keys.summerGlow && k !== keys.giftGuide)) expect(stored[key]).toEqual(data.tasks[key]);
      expect(await fakeBrowser.storage.session.get('pendingTasks')).toEqual({});
    } finally {
      downloads.restore();
    }
  });

  it('changes a stopped worker could not store are stored by the next one (kept in session storage)', async () => {
    const { data, keys } = scenario();
    await storedV1(data);
    await checkStorage();
    // What a worker that stopped with a refused change leaves (as the test above sees it written).
    const ticked = { ...data.tasks[keys.summerGlow]!, steps: { ...data.tasks[keys.summerGlow]!.steps, joinedCampaign: NOW }, updatedAt: NOW };
    await fakeBrowser.storage.session.set({ pendingTasks: { since: NOW, error: QUOTA, tasks: { [keys.summerGlow]: ticked, [keys.ukGlow]: null } } });
    await checkStorage();
    const { tasks } = (await readTracker()).data;
    expect(tasks[keys.summerGlow]).toEqual(ticked);
    expect(tasks[keys.ukGlow]).toBeUndefined();
    expect(Object.keys(tasks)).toHaveLength(Object.keys(data.tasks).length - 1);
    expect(await fakeBrowser.storage.session.get('pendingTasks')).toEqual({});
  });
});

describe('concurrent writers', () => {
  it('two tabs, the popup and the overview changing tasks at once: every change counts', async () => {
    const data = manyTasks(200);
    await storedV1(data);
    await checkStorage();
    const keys = Object.keys(data.tasks);
    const fromOverview = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/overview.html') };
    const ops: Promise<unknown>[] = [];
    for (let i = 0; i < 60; i++) {
      const key = keys[i % 20]!;
      if (i % 3 === 0) ops.push(handleMessage({ type: 'setStep', key, step: 'linkCopied', done: true }, fromPopup, OWN));
      else if (i % 3 === 1) ops.push(handleMessage({ type: 'setStep', key, step: 'openedOnPhone', done: true }, fromOverview, OWN));
      else ops.push(handleMessage({ type: 'choosePath', key: keys[100 + i]!, path: 'campaignCode' }, fromOverview, OWN));
    }
    // And a task removed meanwhile.
    ops.push(handleMessage({ type: 'removeTask', key: keys[199]! }, fromOverview, OWN));
    const replies = await Promise.all(ops);
    expect(replies.filter((r) => !(r as { ok: boolean }).ok)).toEqual([]);
    const { tasks } = (await readTracker()).data;
    expect(Object.keys(tasks)).toHaveLength(199);
    for (const key of keys.slice(0, 20)) expect(Object.keys(tasks[key]!.steps).sort()).toEqual(['linkCopied', 'openedOnPhone']);
    for (let i = 0; i < 60; i++) if (i % 3 === 2) expect(tasks[keys[100 + i]!]!.path).toBe('campaignCode');
    expect(tasks[keys[199]!]).toBeUndefined();
    const all = await local.get(null);
    expect(recordsIn(all)[keys[199]!]).toBeUndefined();
    expect(storedHead(all.trackerHead)).toMatchObject({ total: 199, rev: (all['tracker$'] as { rev: number }).rev });
  });
});

describe('space used, in Settings', () => {
  it('is shown, estimated from the stored JSON where the browser cannot say (Firefox, this fake)', async () => {
    await storedV1(manyTasks(100));
    await checkStorage();
    render(<SettingsForm settings={parseSettings({})} total={100} />);
    const bytes = JSON.stringify(await local.get(null)).length;
    const text = await screen.findByText(/Storage used: [\d.]+ KB \(estimated\) for 100 tasks/);
    const shown = Number(/([\d.]+) KB/.exec(text.textContent!)![1]) * 1000;
    expect(Math.abs(shown - bytes) / bytes).toBeLessThan(0.05);
  });
});
