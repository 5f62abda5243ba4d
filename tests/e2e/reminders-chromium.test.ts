/**
 * Reminders in Chromium on the production build: a task due tomorrow and a task posted almost
 * 24 h ago are seeded into storage; the worker shows the first's "due soon" reminder at once
 * and sets its one alarm for the second's "posted but not submitted", which the real alarm
 * shows a few seconds later; both are real notifications (chrome.notifications.getAll in the
 * worker) created with the `Open task` and `Snooze 1 day` buttons. A forced alarm shows
 * nothing twice, and the alarm then waits for tomorrow morning's "due today".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Worker } from 'playwright-core';
import { launchChromium, type ChromiumSession } from './harness';
import { reminderTasks } from './reminders-data';
import { waitFor } from './retrieve-data';

/** The worker's extension APIs (the callbacks below run in the service worker). */
declare const chrome: {
  storage: { local: { get(key: string): Promise<Record<string, unknown>>; set(items: object): Promise<void> } };
  alarms: { get(name: string): Promise<{ scheduledTime: number } | undefined>; create(name: string, info: { when: number }): Promise<void> };
  notifications: {
    getAll(): Promise<Record<string, boolean>>;
    clear(id: string): Promise<boolean>;
    create: (...args: unknown[]) => unknown;
  };
};
declare const self: { createdNotifications?: { id: string; options: { title: string; buttons?: { title: string }[] } }[] };

let session: ChromiumSession;
let worker: Worker;

beforeAll(async () => {
  session = await launchChromium();
  worker = await session.serviceWorker();
});
afterAll(async () => {
  await session?.close();
});

const notificationIds = () => worker.evaluate(async () => Object.keys(await chrome.notifications.getAll()).sort());
const created = () => worker.evaluate(() => self.createdNotifications ?? []);

describe('reminders (Chromium)', () => {
  it('shows a due-soon task and, on its alarm, a posted-not-submitted task: real notifications with Open task and Snooze 1 day, each once', async () => {
    // The notifications API cannot read a notification's buttons back: record what the
    // extension asks for on its way to the real API (the bundle calls chrome.notifications.create
    // through the polyfill at call time).
    await worker.evaluate(() => {
      const real = chrome.notifications.create.bind(chrome.notifications);
      self.createdNotifications = [];
      chrome.notifications.create = (...args: unknown[]) => {
        if (typeof args[0] === 'string') self.createdNotifications!.push({ id: args[0], options: JSON.parse(JSON.stringify(args[1])) });
        return real(...args);
      };
    });
    const seed = reminderTasks(Date.now(), 8);
    await worker.evaluate((stored) => chrome.storage.local.set(stored), seed.stored);

    // The due-soon reminder at once (the worker checks after a change of the tasks).
    await waitFor('the due-soon notification', async () => (await notificationIds()).includes(seed.dueSoonNotice));
    // Its one alarm: the posted task's reminder, 24 h after it was posted.
    const alarm = await waitFor('the reminder alarm', () => worker.evaluate(() => chrome.alarms.get('reminders')));
    expect(Math.abs(alarm.scheduledTime - seed.postedReminderAt)).toBeLessThan(1000);
    expect(await notificationIds()).toEqual([seed.dueSoonNotice]);

    // The alarm fires: the posted task's reminder.
    await waitFor('the posted-not-submitted notification', async () => (await notificationIds()).includes(seed.postedNotice), 30_000);
    expect(await notificationIds()).toEqual([seed.dueSoonNotice, seed.postedNotice].sort());
    const buttons = [{ title: 'Open task' }, { title: 'Snooze 1 day' }];
    expect(await created()).toEqual([
      { id: seed.dueSoonNotice, options: expect.objectContaining({ type: 'basic', title: 'TikTok video due in 1 day', message: 'TikTok Video (due tomorrow) · Summer Glow Serum Launch: not posted yet.', buttons }) },
      { id: seed.postedNotice, options: expect.objectContaining({ type: 'basic', title: 'Posted, but not submitted yet', buttons }) },
    ]);
    const shown = await worker.evaluate(async () => Object.keys(((await chrome.storage.local.get('reminders')).reminders as { shown: object }).shown).sort());
    expect(shown).toEqual([seed.dueSoonNotice, seed.postedNotice].map((id) => id.slice('reminder:'.length)).sort());

    // Never twice: the creator closes both, the alarm is forced to fire again now.
    await worker.evaluate(async (ids) => {
      for (const id of ids) await chrome.notifications.clear(id);
      await chrome.alarms.create('reminders', { when: Date.now() + 200 });
    }, [seed.dueSoonNotice, seed.postedNotice]);
    // The forced alarm has fired once the worker has set the next one again (tomorrow morning).
    const next = await waitFor('the alarm for tomorrow morning', async () => {
      const a = await worker.evaluate(() => chrome.alarms.get('reminders'));
      return a && a.scheduledTime > Date.now() + 60_000 ? a : null;
    });
    expect(next.scheduledTime).toBe(seed.dueTodayAt);
    expect(await notificationIds()).toEqual([]);
    expect(await created()).toHaveLength(2);
  }, 90_000);
});
