/**
 * The real browser behind ReminderDeps (reminders.ts): thin on purpose, every decision lives
 * in reminders.ts and utils/reminders.ts, which the unit tests drive with fakes.
 */
import { browser } from 'wxt/browser';
import { readGrantedOrigins } from '../hosts-browser';
import { reminderSettings } from '../reminders';
import { LOCAL_KEY } from '../storage-keys';
import { chooseTab, onImpactHosts, whyNotOpenable } from '../page/urls';
import { readSettings } from '../tracker/storage';
import { REMINDER_ALARM, type ReminderDeps } from './reminders';
import { followTasks, readTrackedTask } from './tracker-owner';
import { tabSnapshot } from './tabs-browser';

/**
 * Whether this browser's notifications have buttons. Chrome's do. Firefox's do not, and its API
 * cannot say so: it ignores `buttons` (with a warning) and has an onButtonClicked that never
 * fires, so the build target decides there (as for the alarm floor in retrieve-browser.ts).
 * Without buttons the notification is shown as is, and a click on it opens the task.
 */
export function notificationButtons(): boolean {
  return !import.meta.env.FIREFOX && typeof browser.notifications.onButtonClicked?.addListener === 'function';
}

/**
 * `Open task`: a tab already on the task's page (or its campaign's tasks) is brought to the
 * front; otherwise the page opens in a new tab. A task on a host no longer allowed, or no
 * longer stored, opens the overview instead.
 */
export async function openTaskPage(key: string): Promise<void> {
  const task = await readTrackedTask(key);
  if (!task || whyNotOpenable(task.taskUrl, await readGrantedOrigins())) {
    await browser.tabs.create({ url: browser.runtime.getURL('/overview.html') });
    return;
  }
  // Only tabs on impact.com hosts: the worker sees their addresses (host permissions), no others.
  const tabs = onImpactHosts(await browser.tabs.query({}), await readGrantedOrigins());
  const choice = chooseTab(tabs.map(tabSnapshot), task);
  const tab = choice && tabs.find((t) => t.id === choice.tab.id);
  if (tab?.id !== undefined) {
    await browser.tabs.update(tab.id, { active: true });
    if (tab.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true });
    return;
  }
  await browser.tabs.create({ url: task.taskUrl });
}

export function browserReminderDeps(): ReminderDeps {
  const buttons = notificationButtons();
  const tasks = followTasks();
  return {
    now: () => Date.now(),
    offsetMinutes: (at) => new Date(at).getTimezoneOffset(),
    tasks: () => tasks.take(),
    settings: async () => reminderSettings((await readSettings()).reminders),
    load: async () => (await browser.storage.local.get(LOCAL_KEY.reminders))[LOCAL_KEY.reminders],
    save: (state) => browser.storage.local.set({ [LOCAL_KEY.reminders]: state }),
    alarm: {
      async set(when) {
        await browser.alarms.create(REMINDER_ALARM, { when });
      },
      async clear() {
        await browser.alarms.clear(REMINDER_ALARM);
      },
    },
    async show(notice) {
      await browser.notifications.create(notice.id, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        title: notice.title,
        message: notice.message,
        ...(buttons ? { buttons: notice.buttons.map((title) => ({ title })) } : {}),
      });
    },
    async clear(id) {
      await browser.notifications.clear(id);
    },
    openTask: openTaskPage,
  };
}
