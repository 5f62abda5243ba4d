/**
 * A task seen without its ids is the tracked task of the same names (reducer.ts
 * recordDiscovered), found through the worker's index by name (tracker/name-index.ts), which it
 * keeps in step with every change it stores. These tests go through the worker as a page does
 * (messages, imports, a worker start reading storage again) and check that the index says what
 * the tasks say after each kind of change: a removal, a rename, archiving, an import, a restart
 * with damaged records set aside.
 */
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleMessage } from '../../utils/background/router';
import { checkStorage } from '../../utils/background/storage-check';
import { readTrackedTasks, updateTracker } from '../../utils/background/tracker-owner';
import { recordDiscovered } from '../../utils/tracker/reducer';
import type { DiscoveredTask, TrackedTask } from '../../utils/tracker/schema';
import { readRecovery } from '../../utils/tracker/storage';
import { withTaskChanges } from '../../utils/tracker/task-map';
import { glowVideo } from './glow-video';
import { fromPopup, routerDeps } from './router-fixtures';

const local = fakeBrowser.storage.local;

/** The task as a page with ids shows it. */
const withIds = glowVideo({ accountName: 'Maya Creates', brand: 'Lumière Skincare', impactStatus: 'Awaiting submission' });
/** The same task as a page without ids shows it (names written a little differently). */
const byNames = (names: Partial<DiscoveredTask> = {}): DiscoveredTask => ({
  ...withIds,
  campaignId: undefined,
  taskId: undefined,
  campaignName: ' glow  SERUM launch',
  taskName: 'tiktok video ',
  ...names,
});

async function send(message: Parameters<typeof handleMessage>[0]) {
  const reply = await handleMessage(message, fromPopup, routerDeps());
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}
const see = async (task: DiscoveredTask) => (await send({ type: 'taskSeen', task })) as TrackedTask;
const storedKeys = async () => Object.keys((await readTrackedTasks()).tasks).sort();

describe('a task seen without its ids, after the tracked tasks changed', () => {
  it('after a removal: the one same-named task left is the one; with none left it is a new task', async () => {
    await checkStorage();
    const first = await see(withIds);
    const second = await see({ ...withIds, taskId: '5002' });
    await send({ type: 'removeTask', key: second.key });
    // One task of these names is left: no ambiguity.
    expect((await see(byNames({ impactStatus: 'In progress' }))).key).toBe(first.key);
    expect(await storedKeys()).toEqual([first.key]);
    await send({ type: 'removeTask', key: first.key });
    const fresh = await see(byNames());
    expect(fresh.key).not.toBe(first.key);
    expect(await storedKeys()).toEqual([fresh.key]);
  });

  it('after a rename: found by its new names, no longer by its old ones', async () => {
    await checkStorage();
    const task = await see(withIds);
    // Same ids, the page now shows other names: the same task (same key), renamed.
    const renamed = await see({ ...withIds, campaignName: 'Glow Serum Relaunch', taskName: 'TikTok Video (final)' });
    expect(renamed.key).toBe(task.key);
    expect((await see(byNames({ campaignName: 'glow serum relaunch', taskName: 'TIKTOK VIDEO (FINAL)' }))).key).toBe(task.key);
    const other = await see(byNames());
    expect(other.key).not.toBe(task.key);
    expect(await storedKeys()).toEqual([task.key, other.key].sort());
  });

  it('archived and brought back: still the same task', async () => {
    await checkStorage();
    const task = await see({ ...withIds, impactStatus: 'TikTok Video pending approval' });
    // The worker's sweep archives it (background/archive.ts writes through the same writer).
    await updateTracker((data, now) => ({ data: { ...data, tasks: withTaskChanges(data.tasks, [{ ...data.tasks[task.key]!, archivedAt: now, updatedAt: now }]) }, result: undefined }));
    expect((await see(byNames())).key).toBe(task.key);
    await send({ type: 'unarchive', key: task.key });
    expect((await see(byNames())).key).toBe(task.key);
    expect(await storedKeys()).toEqual([task.key]);
  });

  it('after an import, and after the worker starts again: imported tasks count, two of the same names are ambiguous', async () => {
    await checkStorage();
    const mine = await see(withIds);
    const other = { ...withIds, campaignId: '2002', campaignName: 'Summer Kicks', taskId: '6001', taskName: 'Unboxing' };
    const twin = recordDiscovered({ tasks: {} }, { ...withIds, taskId: '5002' }, 1).task;
    const imported = recordDiscovered({ tasks: {} }, other, 1).task;
    await send({ type: 'importBackup', tasks: [twin, imported], setAside: [] });
    expect((await see(byNames({ campaignName: 'summer kicks', taskName: 'unboxing' }))).key).toBe(imported.key);
    // Two tasks of these names (mine and the imported twin): the sighting is kept apart.
    const apart = await see(byNames());
    expect([mine.key, twin.key]).not.toContain(apart.key);
    // A worker start reads every task again: the same answers.
    await checkStorage();
    expect((await see(byNames({ campaignName: 'Summer Kicks', taskName: 'Unboxing', impactStatus: 'In progress' }))).key).toBe(imported.key);
    expect(await storedKeys()).toEqual([mine.key, twin.key, imported.key, apart.key].sort());
  });

  it('a damaged record set aside is no candidate: the valid task of the same names is the one', async () => {
    const task = recordDiscovered({ tasks: {} }, withIds, 1).task;
    const damaged = { ...recordDiscovered({ tasks: {} }, { ...withIds, taskId: '5002' }, 1).task, state: 42 };
    // As a tool (or an older build) left them.
    await local.set({ 'tasks:7': { [task.key]: JSON.stringify(task), [damaged.key]: JSON.stringify(damaged) } });
    await checkStorage();
    expect(await readRecovery()).toHaveLength(1);
    expect((await see(byNames())).key).toBe(task.key);
    expect(await storedKeys()).toEqual([task.key]);
  });
});
