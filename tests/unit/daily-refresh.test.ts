/**
 * Refresh all every day at the creator's time (utils/background/daily-refresh.ts): the next
 * time the local clock shows it, across midnight and a daylight-saving change; the alarm set
 * only while switched on; at the alarm the walk starts, then the next day's alarm is set.
 * The zone is Europe/Paris for these tests (Node reads TZ again when it changes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDailyRefresh, DAILY_REFRESH_ALARM, nextDailyAt } from '../../utils/background/daily-refresh';
import { checkSettings } from '../../utils/tracker/storage';
import type { DailyRefresh } from '../../utils/tracker/schema';

const zone = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Europe/Paris';
});
afterAll(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

const local = (y: number, m: number, d: number, h: number, min = 0) => new Date(y, m - 1, d, h, min).getTime();

describe('the next daily refresh', () => {
  it('is today when the time is still ahead, else tomorrow', () => {
    expect(nextDailyAt(local(2026, 12, 6, 7, 59), '08:00')).toBe(local(2026, 12, 6, 8, 0));
    expect(nextDailyAt(local(2026, 12, 6, 8, 0), '08:00')).toBe(local(2026, 12, 7, 8, 0));
    expect(nextDailyAt(local(2026, 12, 31, 23, 30), '06:15')).toBe(local(2027, 1, 1, 6, 15));
  });

  it('stays at the local time across a daylight-saving change (Paris, 29 March 2026)', () => {
    const at = nextDailyAt(local(2026, 3, 28, 9, 0), '08:00')!;
    expect(new Date(at).getHours()).toBe(8);
    expect(new Date(at).getDate()).toBe(29);
    // 23 hours later, not 24: the clock moved.
    expect(at - local(2026, 3, 28, 8, 0)).toBe(23 * 3_600_000);
  });

  it('reads only HH:MM (daily-time.test.ts)', () => {
    for (const bad of ['24:00', '8:00', '08:60', '', 'noon']) expect(nextDailyAt(0, bad), bad).toBeUndefined();
  });

  it('is off in settings stored before it existed, and off when damaged', () => {
    expect(checkSettings({ autoRetrieve: true }).settings.dailyRefresh).toEqual({ enabled: false, time: '08:00' });
    const damaged = checkSettings({ autoRetrieve: true, dailyRefresh: { enabled: true, time: '25:00' } });
    expect(damaged.settings.dailyRefresh.enabled).toBe(false);
    expect(damaged.problems.join()).toContain('dailyRefresh');
  });
});

function fake(daily: DailyRefresh, now = local(2026, 12, 6, 10, 0)) {
  const alarms: (number | undefined)[] = [];
  let walks = 0;
  let fail = false;
  const deps = {
    now: () => now,
    settings: async () => daily,
    setAlarm: async (at: number | undefined) => void alarms.push(at),
    startWalk: async () => {
      walks++;
      if (fail) throw new Error('Open your Participating campaigns once');
    },
  };
  return { daily: createDailyRefresh(deps), alarms, walks: () => walks, failNext: () => (fail = true), set: (d: DailyRefresh) => (daily = d) };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('the daily refresh in the worker', () => {
  it('off: no alarm (an old one is cleared), and its alarm starts nothing', async () => {
    const f = fake({ enabled: false, time: '08:00' });
    await f.daily.schedule();
    expect(f.alarms).toEqual([undefined]);
    expect(f.daily.onAlarm(DAILY_REFRESH_ALARM)).toBe(true);
    await settle();
    expect(f.walks()).toBe(0);
  });

  it('on: the alarm is tomorrow at the time; when it fires the walk starts and the next one is set', async () => {
    const f = fake({ enabled: true, time: '08:00' });
    await f.daily.schedule();
    expect(f.alarms).toEqual([local(2026, 12, 7, 8, 0)]);
    expect(f.daily.onAlarm('reminders')).toBe(false);
    expect(f.daily.onAlarm(DAILY_REFRESH_ALARM)).toBe(true);
    await settle();
    expect(f.walks()).toBe(1);
    expect(f.alarms.at(-1)).toBe(local(2026, 12, 7, 8, 0));
  });

  it('a walk that cannot start (no Participating page known yet) waits for the next day', async () => {
    const f = fake({ enabled: true, time: '11:30' });
    f.failNext();
    f.daily.onAlarm(DAILY_REFRESH_ALARM);
    await settle();
    await settle();
    expect(f.walks()).toBe(1);
    expect(f.alarms.at(-1)).toBe(local(2026, 12, 6, 11, 30));
  });
});
