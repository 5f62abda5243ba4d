/**
 * A time of day as the creator sets it ("HH:MM", 24-hour, two digits each): the one check for
 * the stored setting (DailyRefreshSchema), the Settings form and the worker's alarm
 * (background/daily-refresh.ts). No browser API: pages and the worker both import it.
 */

/** "08:30" → minutes after midnight; undefined for anything else ("24:00", "7:05", "12:60", ""). */
export function minutesOfDay(time: string): number | undefined {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

/** A time `minutesOfDay` reads. */
export function isTimeOfDay(time: string): boolean {
  return minutesOfDay(time) !== undefined;
}
