/**
 * Reminders on the production build, written once for both browsers (reminders-chromium,
 * reminders-firefox run it through their ExtensionDriver): a task due tomorrow and a task
 * posted almost 24 h ago are seeded into storage; the worker shows the first's "due soon"
 * reminder at once and sets its one alarm for the second's "posted but not submitted", which
 * the real alarm shows a few seconds later; both are real notifications. A forced alarm shows
 * nothing twice, and the alarm then waits for tomorrow morning's "due today".
 *
 * What differs is the browser's: Chromium's notifications carry `Open task` and `Snooze 1 day`
 * buttons (its API cannot read them back, so the scenario records what the extension asks for);
 * Firefox's have none (it ignores them; a click opens the task) and reports what each was made with.
 */
import { expect } from 'vitest';
import type { ExtensionDriver } from './extension-driver';
import { reminderTasks } from './reminders-data';
import { waitFor } from './retrieve-data';

/** The extension's API where the driver runs code: `browser` in Firefox, `chrome` in Chromium. */
interface Api {
  storage: { local: { get(key: string): Promise<Record<string, unknown>>; set(items: object): Promise<void>; clear(): Promise<void> } };
  alarms: { get(name: string): Promise<{ scheduledTime: number } | undefined>; create(name: string, info: { when: number }): Promise<void> };
  notifications: { getAll(): Promise<Record<string, unknown>>; clear(id: string): Promise<boolean>; create: (...args: unknown[]) => unknown };
}
/** What the scenario's functions find where they run (the worker or a page: `self` in both). */
declare const self: {
  browser?: Api;
  chrome?: Api;
  createdNotifications?: { id: string; options: { title: string; buttons?: { title: string }[] } }[];
};

export async function remindersScenario(driver: ExtensionDriver): Promise<void> {
  const run = driver.inExtension;
  const notifications = () => run(async () => (await (self.browser ?? self.chrome)!.notifications.getAll()) as Record<string, unknown>, null);
  const notificationIds = async () => Object.keys(await notifications()).sort();
  const alarm = () => run(() => (self.browser ?? self.chrome)!.alarms.get('reminders'), null);

  // Only the seeded tasks and no notification left from earlier.
  await run(
    async ({ ids, record }) => {
      const api = (self.browser ?? self.chrome)!;
      await api.storage.local.clear();
      for (const id of ids) await api.notifications.clear(id);
      if (!record) return;
      // In Chromium's worker, where the notifications are made: what the extension asks for on its
      // way to the real API (the bundle calls notifications.create through the polyfill at call
      // time), since the API cannot read a notification's buttons back.
      const real = api.notifications.create.bind(api.notifications);
      self.createdNotifications = [];
      api.notifications.create = (...args: unknown[]) => {
        if (typeof args[0] === 'string') self.createdNotifications!.push({ id: args[0], options: JSON.parse(JSON.stringify(args[1])) });
        return real(...args);
      };
    },
    { ids: await notificationIds(), record: driver.browserName === 'chromium' },
  );
  const seed = reminderTasks(Date.now(), 8);
  await run((stored) => (self.browser ?? self.chrome)!.storage.local.set(stored), seed.stored);

  // The due-soon reminder at once (the worker checks after a change of the tasks), and its one
  // alarm: the posted task's reminder, 24 h after it was posted.
  await waitFor('the due-soon notification', async () => (await notificationIds()).includes(seed.dueSoonNotice));
  const first = await waitFor('the reminder alarm', alarm);
  expect(Math.abs(first.scheduledTime - seed.postedReminderAt)).toBeLessThan(1000);
  expect(await notificationIds()).toEqual([seed.dueSoonNotice]);

  // The alarm fires: the posted task's reminder.
  await waitFor('the posted-not-submitted notification', async () => (await notificationIds()).includes(seed.postedNotice), 30_000);
  expect(await notificationIds()).toEqual([seed.dueSoonNotice, seed.postedNotice].sort());
  const dueSoon = { title: 'TikTok video due in 1 day', message: 'TikTok Video (due tomorrow) · Summer Glow Serum Launch: not posted yet.' };
  const posted = { title: 'Posted, but not submitted yet' };
  const created = () => run(() => self.createdNotifications ?? [], null);
  if (driver.browserName === 'chromium') {
    const buttons = [{ title: 'Open task' }, { title: 'Snooze 1 day' }];
    expect(await created()).toEqual([
      { id: seed.dueSoonNotice, options: expect.objectContaining({ type: 'basic', ...dueSoon, buttons }) },
      { id: seed.postedNotice, options: expect.objectContaining({ type: 'basic', ...posted, buttons }) },
    ]);
  } else {
    // Firefox reports what each notification was made with: no buttons (a click opens the task).
    const shown = (await notifications()) as Record<string, { buttons?: unknown }>;
    expect(shown[seed.dueSoonNotice]).toMatchObject(dueSoon);
    expect(shown[seed.postedNotice]).toMatchObject(posted);
    for (const n of Object.values(shown)) expect(n.buttons ?? null).toBeNull();
  }
  const shownIds = await run(async () => Object.keys((((await (self.browser ?? self.chrome)!.storage.local.get('reminders')).reminders ?? { shown: {} }) as { shown: object }).shown).sort(), null);
  expect(shownIds).toEqual([seed.dueSoonNotice, seed.postedNotice].map((id) => id.slice('reminder:'.length)).sort());

  // Never twice: the creator closes both, the alarm is forced to fire again now. It has fired
  // once the worker has set the next one again (tomorrow morning's "due today").
  await run(async (ids) => {
    const api = (self.browser ?? self.chrome)!;
    for (const id of ids) await api.notifications.clear(id);
    await api.alarms.create('reminders', { when: Date.now() + 200 });
  }, [seed.dueSoonNotice, seed.postedNotice]);
  const next = await waitFor('the alarm for tomorrow morning', async () => {
    const a = await alarm();
    return a && a.scheduledTime > Date.now() + 60_000 ? a : null;
  });
  expect(next.scheduledTime).toBe(seed.dueTodayAt);
  expect(await notificationIds()).toEqual([]);
  if (driver.browserName === 'chromium') expect(await created()).toHaveLength(2);
}
