/**
 * The daily Refresh all (issue 11, off by default): at the local time the creator picks, the
 * worker starts Refresh all from the Participating page it remembers, as the button would.
 * One alarm (`dailyRefresh`), set again from the settings at every worker start (Firefox
 * forgets alarms when it quits) and whenever they change. Nothing here touches the browser:
 * background.ts wires it to `browser.alarms` and to the walk (refresh-all.ts).
 */
import type { DailyRefresh } from '../tracker/schema';
import { minutesOfDay } from '../daily-time';

export const DAILY_REFRESH_ALARM = 'dailyRefresh';

/**
 * The next time the clock in the creator's time zone shows `time`, strictly after `now`.
 * Local date arithmetic, so 08:00 stays 08:00 across a daylight-saving change.
 */
export function nextDailyAt(now: number, time: string): number | undefined {
  const minutes = minutesOfDay(time);
  if (minutes === undefined) return undefined;
  const at = new Date(now);
  at.setHours(Math.floor(minutes / 60), minutes % 60, 0, 0);
  if (at.getTime() <= now) {
    at.setDate(at.getDate() + 1);
    at.setHours(Math.floor(minutes / 60), minutes % 60, 0, 0);
  }
  return at.getTime();
}

export interface DailyRefreshDeps {
  now(): number;
  settings(): Promise<DailyRefresh>;
  /** The alarm at this time, or none (undefined). */
  setAlarm(at: number | undefined): Promise<void>;
  /** Refresh all, as the button starts it (it carries on a walk already running). */
  startWalk(): Promise<void>;
}

export function createDailyRefresh(deps: DailyRefreshDeps) {
  async function schedule(): Promise<void> {
    const daily = await deps.settings();
    await deps.setAlarm(daily.enabled ? nextDailyAt(deps.now(), daily.time) : undefined);
  }
  return {
    schedule,
    /** True when the alarm was ours: the walk starts (a failure, such as no Participating page known yet, waits for tomorrow). */
    onAlarm(name: string): boolean {
      if (name !== DAILY_REFRESH_ALARM) return false;
      void (async () => {
        const daily = await deps.settings();
        if (daily.enabled) await deps.startWalk().catch(() => undefined);
        await schedule();
      })().catch(() => undefined);
      return true;
    },
  };
}
