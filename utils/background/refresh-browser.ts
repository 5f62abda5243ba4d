/**
 * The real browser behind RefreshDeps: thin on purpose, every decision lives in
 * refresh-all.ts and refresh-state.ts, which the unit tests drive with fakes.
 */
import { browser } from 'wxt/browser';
import { readGrantedOrigins } from '../hosts-browser';
import { whyNotOpenable } from '../page/urls';
import { parseRefreshState, RefreshStartSchema } from '../refresh-state';
import { LOCAL_KEY } from '../storage-keys';
import { REFRESH_ALARM, type RefreshDeps } from './refresh-all';
import { browserTabs } from './tabs-browser';
import type { TabQueue } from './tab-queue';
import { readTrackedTasks } from './tracker-owner';

export function browserRefreshDeps(queue: TabQueue): RefreshDeps {
  return {
    tabs: {
      ...browserTabs,
      async navigate(tabId, url) {
        await browser.tabs.update(tabId, { url });
      },
    },
    async load() {
      return parseRefreshState((await browser.storage.local.get(LOCAL_KEY.refreshAll))[LOCAL_KEY.refreshAll]);
    },
    async save(state) {
      await browser.storage.local.set({ [LOCAL_KEY.refreshAll]: state });
    },
    async loadStart() {
      const parsed = RefreshStartSchema.safeParse((await browser.storage.local.get(LOCAL_KEY.refreshStart))[LOCAL_KEY.refreshStart]);
      return parsed.success ? parsed.data : undefined;
    },
    async saveStart(start) {
      await browser.storage.local.set({ [LOCAL_KEY.refreshStart]: start });
    },
    whyNotOpenable: async (url) => whyNotOpenable(url, await readGrantedOrigins()),
    async trackedValues() {
      const data = await readTrackedTasks();
      return new Map(Object.values(data.tasks).map((t) => [t.key, { inviteLink: t.inviteLink, campaignCode: t.campaignCode }]));
    },
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    newRunId: () => crypto.randomUUID(),
    queue,
    keepAlive: () => browser.runtime.getPlatformInfo(),
    wakeAlarm: {
      async set() {
        if (!(await browser.alarms.get(REFRESH_ALARM))) await browser.alarms.create(REFRESH_ALARM, { periodInMinutes: 0.5 });
      },
      async clear() {
        await browser.alarms.clear(REFRESH_ALARM);
      },
    },
  };
}
