/**
 * When to press "Retrieve my post" again after TikTok said the post is not there yet.
 * Pure: the background stores `firstAttemptAt` and `attempts` and asks this module.
 */
export interface RetrySettings {
  /** Minutes to wait after the 1st, 2nd, … failed attempt; the last value repeats. */
  delaysMinutes: number[];
  /** Give up (Needs attention) once this many hours have passed since the first attempt. */
  giveUpAfterHours: number;
}

export const DEFAULT_RETRY_SETTINGS: RetrySettings = {
  delaysMinutes: [2, 5, 15, 30, 60],
  giveUpAfterHours: 24,
};

const MINUTE = 60_000;

/**
 * @param failedAttempts how many attempts have failed so far (≥ 1)
 * @returns the time of the next attempt, or null when retries are exhausted
 */
export function nextRetryAt(
  failedAttempts: number,
  firstAttemptAt: number,
  now: number,
  settings: RetrySettings = DEFAULT_RETRY_SETTINGS,
): number | null {
  const delays = settings.delaysMinutes.length > 0 ? settings.delaysMinutes : DEFAULT_RETRY_SETTINGS.delaysMinutes;
  const index = Math.min(Math.max(failedAttempts, 1) - 1, delays.length - 1);
  const at = now + (delays[index] ?? 60) * MINUTE;
  const deadline = firstAttemptAt + settings.giveUpAfterHours * 60 * MINUTE;
  return at > deadline ? null : at;
}
