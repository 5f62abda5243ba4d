/**
 * `Open task` from a reminder (utils/background/reminders-browser.ts openTaskPage), on WXT's
 * fake browser: a tab already on the task's page is brought to the front rather than a second
 * one opened; otherwise the task's page opens; a task on an address that is not allowed (or
 * no longer stored) opens the overview instead.
 */
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openTaskPage } from '../../utils/background/reminders-browser';
import { taskKey, type TrackedTask } from '../../utils/tracker/schema';
import { seedTrackerWithHead, summerGlow, taskUrl } from './popup-overview-fixtures';

const NOW = Date.parse('2026-12-01T00:00:00Z');

async function seed(over: Partial<TrackedTask> = {}): Promise<TrackedTask> {
  const task: TrackedTask = {
    ...summerGlow,
    key: taskKey(summerGlow),
    state: 'notStarted',
    path: 'inviteLink',
    steps: {},
    retrieve: { attempts: 0 },
    history: [],
    firstSeenAt: NOW,
    updatedAt: NOW,
    ...over,
  } as TrackedTask;
  await seedTrackerWithHead({ tasks: { [task.key]: task } });
  return task;
}

/** The tabs with an address (the fake browser starts with one without). */
const urls = async () => (await fakeBrowser.tabs.query({})).map((t) => t.url).filter(Boolean);

describe('Open task from a reminder', () => {
  it('brings a tab already on the task to the front', async () => {
    const task = await seed();
    const win = await fakeBrowser.windows.create({ focused: true });
    const onTask = await fakeBrowser.tabs.create({ windowId: win!.id, url: task.taskUrl, active: false });
    const other = await fakeBrowser.tabs.create({ windowId: win!.id, url: 'https://example.com/', active: true });
    await openTaskPage(task.key);
    expect((await fakeBrowser.tabs.get(onTask.id!)).active).toBe(true);
    expect((await fakeBrowser.tabs.get(other.id!)).active).toBe(false);
    expect(await urls()).toEqual([task.taskUrl, 'https://example.com/']);
  });

  it("opens the task's page when no tab shows it", async () => {
    const task = await seed();
    await openTaskPage(task.key);
    expect(await urls()).toContain(task.taskUrl);
  });

  it('opens the overview for a task on an address not allowed, or a task no longer stored', async () => {
    const task = await seed({ taskUrl: taskUrl('41207', '880101').replace('app.impact.com', 'partners.example.com') });
    await openTaskPage(task.key);
    await openTaskPage('a:1|c:1|t:gone');
    expect(await urls()).toEqual([fakeBrowser.runtime.getURL('/overview.html'), fakeBrowser.runtime.getURL('/overview.html')]);
  });
});
