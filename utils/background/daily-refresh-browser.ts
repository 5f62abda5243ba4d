/** The daily Refresh all's browser calls (daily-refresh.ts): the settings, its alarm, the walk. */
import { browser } from 'wxt/browser';
import { readSettings } from '../tracker/storage';
import { DAILY_REFRESH_ALARM, type DailyRefreshDeps } from './daily-refresh';

export function browserDailyRefreshDeps(startWalk: () => Promise<unknown>): DailyRefreshDeps {
  return {
    now: () => Date.now(),
    settings: async () => (await readSettings()).dailyRefresh,
    setAlarm: async (at) => {
      if (at === undefined) await browser.alarms.clear(DAILY_REFRESH_ALARM);
      else await browser.alarms.create(DAILY_REFRESH_ALARM, { when: at });
    },
    startWalk: async () => void (await startWalk()),
  };
}
