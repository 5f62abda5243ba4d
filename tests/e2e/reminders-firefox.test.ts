/**
 * Reminders in Firefox on the production build: the same two seeded tasks as in Chromium (a
 * task due tomorrow, a task posted almost 24 h ago), read from an extension page (Firefox will
 * not let the test reach the background or open moz-extension:// pages: the overview is
 * opened from the overlay, firefox-pages.ts). Firefox's notifications have no buttons (it ignores
 * them, and its onButtonClicked never fires): the reminders are real notifications there too,
 * made without buttons (a click opens the task), the second through the real alarm, each shown once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchFirefox, type FirefoxSession } from './harness';
import { openOverview } from './firefox-pages';
import { reminderTasks } from './reminders-data';
import { waitFor } from './retrieve-data';

declare const browser: {
  storage: { local: { get(key: string): Promise<Record<string, unknown>>; set(items: object): Promise<void>; clear(): Promise<void> } };
  alarms: { get(name: string): Promise<{ scheduledTime: number } | undefined>; create(name: string, info: { when: number }): Promise<void> };
  notifications: { getAll(): Promise<Record<string, unknown>>; clear(id: string): Promise<boolean> };
};

let session: FirefoxSession;
let overview: Page;

beforeAll(async () => {
  // Firefox's own notification windows: headless Firefox has no system notification service,
  // which closes every notification at once (onClosed right after create).
  session = await launchFirefox({ prefs: { 'alerts.useSystemBackend': false, 'alerts.disableSlidingEffect': true } });
  overview = await openOverview(session);
});
afterAll(async () => {
  await session?.close();
});

const notifications = () => overview.evaluate(async () => (await browser.notifications.getAll()) as Record<string, { title: string; message: string; buttons?: unknown }>);
const notificationIds = async () => Object.keys(await notifications()).sort();

describe('reminders (Firefox)', () => {
  it('shows a due-soon task and, on its alarm, a posted-not-submitted task as real notifications without buttons, each once', async () => {
    // Only the seeded tasks (opening the overview recorded the replica's task).
    await overview.evaluate(() => browser.storage.local.clear());
    for (const id of await notificationIds()) await overview.evaluate((n) => browser.notifications.clear(n), id);

    const seed = reminderTasks(Date.now(), 8);
    await overview.evaluate((stored) => browser.storage.local.set(stored), seed.stored);
    await waitFor('the due-soon notification', async () => (await notificationIds()).includes(seed.dueSoonNotice));
    const alarm = await waitFor('the reminder alarm', () => overview.evaluate(() => browser.alarms.get('reminders')));
    expect(Math.abs(alarm.scheduledTime - seed.postedReminderAt)).toBeLessThan(1000);

    await waitFor('the posted-not-submitted notification', async () => (await notificationIds()).includes(seed.postedNotice), 30_000);
    expect(await notificationIds()).toEqual([seed.dueSoonNotice, seed.postedNotice].sort());
    // Firefox reports what each notification was made with: no buttons (a click opens the task).
    const shown = await notifications();
    expect(shown[seed.dueSoonNotice]).toMatchObject({ title: 'TikTok video due in 1 day', message: 'TikTok Video (due tomorrow) · Summer Glow Serum Launch: not posted yet.' });
    expect(shown[seed.postedNotice]).toMatchObject({ title: 'Posted, but not submitted yet' });
    for (const n of Object.values(shown)) expect(n.buttons ?? null).toBeNull();

    // Never twice: both closed, the alarm forced to fire again now.
    for (const id of [seed.dueSoonNotice, seed.postedNotice]) await overview.evaluate((n) => browser.notifications.clear(n), id);
    await overview.evaluate(() => browser.alarms.create('reminders', { when: Date.now() + 200 }));
    const next = await waitFor('the alarm for tomorrow morning', async () => {
      const a = await overview.evaluate(() => browser.alarms.get('reminders'));
      return a && a.scheduledTime > Date.now() + 60_000 ? a : null;
    });
    expect(next.scheduledTime).toBe(seed.dueTodayAt);
    expect(await notificationIds()).toEqual([]);
  }, 90_000);
});
