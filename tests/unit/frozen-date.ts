import { afterEach, beforeEach, vi } from 'vitest';

/**
 * Every test of the calling file runs with `Date` frozen at `now` (timers stay real: storage
 * and the worker's queue still run), and mocks are restored after each.
 */
export function freezeDateAt(now: number): void {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(now);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.useRealTimers();
  });
}
