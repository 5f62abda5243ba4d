/**
 * The one "HH:MM" check (utils/daily-time.ts): the worker's alarm, the stored setting
 * (DailyRefreshSchema) and the Settings form all read a time of day with it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTimeOfDay, minutesOfDay } from '../../utils/daily-time';
import { DailyRefreshSchema } from '../../utils/tracker/schema';

const pad = (n: number) => String(n).padStart(2, '0');
const BAD = ['24:00', '7:5', '7:05', '07:5', '12:60', '', 'noon', '08:00 ', ' 08:00', '08:00:00', '0800', '08.00', '-1:00', '+8:00', '08:0x', '２３:５９'];

describe('a time of day (HH:MM)', () => {
  it('reads 00:00 to 23:59 as minutes after midnight', () => {
    expect(minutesOfDay('00:00')).toBe(0);
    expect(minutesOfDay('08:30')).toBe(8 * 60 + 30);
    expect(minutesOfDay('23:59')).toBe(23 * 60 + 59);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), (h, m) => {
        expect(minutesOfDay(`${pad(h)}:${pad(m)}`)).toBe(h * 60 + m);
        expect(isTimeOfDay(`${pad(h)}:${pad(m)}`)).toBe(true);
      }),
    );
  });

  it('reads nothing else', () => {
    for (const bad of BAD) {
      expect(minutesOfDay(bad), bad).toBeUndefined();
      expect(isTimeOfDay(bad), bad).toBe(false);
    }
    // Any string it reads is written back the same (two digits each).
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), (s) => {
        const minutes = minutesOfDay(s);
        if (minutes !== undefined) expect(`${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`).toBe(s);
      }),
    );
  });

  it('is the stored setting’s check: a bad time is refused, none is 08:00', () => {
    expect(DailyRefreshSchema.parse({ enabled: true, time: '23:59' })).toEqual({ enabled: true, time: '23:59' });
    expect(DailyRefreshSchema.parse({})).toEqual({ enabled: false, time: '08:00' });
    for (const bad of BAD) expect(DailyRefreshSchema.safeParse({ enabled: true, time: bad }).success, bad).toBe(false);
  });
});
