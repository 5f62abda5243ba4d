import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_RETRY_SETTINGS, nextRetryAt } from '../../utils/retry-schedule';

const MIN = 60_000;
const T0 = Date.parse('2025-03-01T10:00:00Z');

describe('retry schedule', () => {
  it('waits 2, 5, 15, 30, 60 minutes by default, then hourly', () => {
    const waits = [1, 2, 3, 4, 5, 6, 7].map((failed) => (nextRetryAt(failed, T0, T0, DEFAULT_RETRY_SETTINGS)! - T0) / MIN);
    expect(waits).toEqual([2, 5, 15, 30, 60, 60, 60]);
  });

  it('gives up once the next try would be past the limit after the first attempt', () => {
    const settings = { delaysMinutes: [60], giveUpAfterHours: 24 };
    expect(nextRetryAt(24, T0, T0 + 23 * 60 * MIN, settings)).toBe(T0 + 24 * 60 * MIN);
    expect(nextRetryAt(25, T0, T0 + 23 * 60 * MIN + 1, settings)).toBeNull();
  });

  it('follows the settings (short delays for a quick test schedule)', () => {
    const settings = { delaysMinutes: [0.05, 0.1], giveUpAfterHours: 1 };
    expect(nextRetryAt(1, T0, T0, settings)).toBe(T0 + 3_000);
    expect(nextRetryAt(2, T0, T0, settings)).toBe(T0 + 6_000);
    expect(nextRetryAt(9, T0, T0, settings)).toBe(T0 + 6_000);
  });

  it('an empty delay list falls back to the default schedule', () => {
    expect(nextRetryAt(1, T0, T0, { delaysMinutes: [], giveUpAfterHours: 24 })).toBe(T0 + 2 * MIN);
  });

  it('never schedules into the past and never beyond the give-up time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.array(fc.double({ min: 0.01, max: 600, noNaN: true }), { minLength: 1, maxLength: 8 }),
        fc.double({ min: 0.1, max: 48, noNaN: true }),
        fc.integer({ min: 0, max: 48 * 60 * MIN }),
        (failed, delaysMinutes, giveUpAfterHours, elapsed) => {
          const at = nextRetryAt(failed, T0, T0 + elapsed, { delaysMinutes, giveUpAfterHours });
          if (at === null) return;
          expect(at).toBeGreaterThan(T0 + elapsed);
          expect(at).toBeLessThanOrEqual(T0 + giveUpAfterHours * 60 * MIN);
        },
      ),
    );
  });
});
