/**
 * Reminders (utils/reminders.ts) with a fake clock: before the due date and on its morning
 * while not posted, "posted but not submitted" after 24 h, the ad authorization window's end
 * once posted; each kind switched off; never the same reminder twice; Snooze 1 day; the next
 * alarm time after a restart comes from the stored task and the ids already shown.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_REMINDER_SETTINGS, dueReminders, nextReminderAt, remindersFor, snooze, type ReminderSettings } from '../../utils/reminders';
import { TrackedTaskSchema, type TrackedTask } from '../../utils/tracker/schema';

const UTC = 0;
const H = 3_600_000;
const DAY = 24 * H;
const at = (iso: string) => Date.parse(iso);

function task(over: Partial<TrackedTask> = {}): TrackedTask {
  return TrackedTaskSchema.parse({
    key: 'a:1|c:41207|t:880101',
    campaignName: 'Summer Glow Serum Launch',
    brand: 'Lumière',
    taskName: 'TikTok Video',
    taskUrl: 'https://app.impact.com/secure/mediapartner/campaigns/tasks-flow.ihtml?campaignId=41207&taskId=880101',
    dueDate: 'Dec 15, 2026',
    state: 'notStarted',
    firstSeenAt: at('2026-12-01T00:00:00Z'),
    updatedAt: at('2026-12-01T00:00:00Z'),
    ...over,
  });
}

const settings = DEFAULT_REMINDER_SETTINGS;

describe('reminders', () => {
  it('two days before and on the morning of the due date, while not posted', () => {
    const t = task();
    expect(remindersFor(t, settings, UTC).map((r) => [r.kind, new Date(r.at).toISOString()])).toEqual([
      ['dueSoon', '2026-12-13T09:00:00.000Z'],
      ['dueToday', '2026-12-15T09:00:00.000Z'],
    ]);
    // In Berlin (UTC+1: offset -60), 9:00 local is 8:00 UTC.
    expect(new Date(remindersFor(t, settings, -60)[1]!.at).toISOString()).toBe('2026-12-15T08:00:00.000Z');
    expect(dueReminders([t], settings, at('2026-12-13T08:59:00Z'), UTC, new Set())).toEqual([]);
    expect(dueReminders([t], settings, at('2026-12-13T09:00:00Z'), UTC, new Set()).map((r) => r.title)).toEqual(['TikTok video due in 2 days']);
    // Posted meanwhile: no due-date reminder.
    expect(remindersFor(task({ state: 'posted' }), { ...settings, enabled: { ...settings.enabled, postedNotSubmitted: false, authorizationEnds: false } }, UTC)).toEqual([]);
  });

  it('never the same reminder twice, and each kind can be switched off', () => {
    const t = task();
    const now = at('2026-12-15T10:00:00Z');
    // The browser was closed since before the 13th: "due in 2 days" is out of date, "due today" is shown.
    const first = dueReminders([t], settings, now, UTC, new Set());
    expect(first.map((r) => r.kind)).toEqual(['dueToday']);
    const shown = new Set(first.map((r) => r.id));
    expect(dueReminders([t], settings, now + H, UTC, shown)).toEqual([]);
    const off: ReminderSettings = { ...settings, enabled: { ...settings.enabled, dueToday: false } };
    expect(dueReminders([t], off, now, UTC, new Set())).toEqual([]);
    expect(dueReminders([t], off, at('2026-12-14T10:00:00Z'), UTC, new Set()).map((r) => r.kind)).toEqual(['dueSoon']);
    // Long past the day (browser closed for a week): not shown any more.
    expect(dueReminders([t], settings, at('2026-12-22T10:00:00Z'), UTC, new Set())).toEqual([]);
  });

  it('posted but not submitted after 24 h; the authorization window end once posted', () => {
    const posted = at('2026-12-10T18:00:00Z');
    const t = task({ state: 'retryScheduled', steps: { videoPosted: posted }, authorizationDays: 30 });
    const rs = remindersFor(t, settings, UTC);
    expect(rs.map((r) => [r.kind, r.at - posted])).toEqual([
      ['postedNotSubmitted', DAY],
      ['authorizationEnds', 0],
    ]);
    expect(rs[1]!.message).toContain('until 2027-01-09');
    expect(dueReminders([t], settings, posted + DAY - 1, UTC, new Set()).map((r) => r.kind)).toEqual(['authorizationEnds']);
    // Submitted: no more "not submitted".
    expect(remindersFor({ ...t, state: 'submitted' }, settings, UTC).map((r) => r.kind)).toEqual(['authorizationEnds']);
  });

  it('Snooze 1 day, and the next alarm from storage alone (after a restart)', () => {
    const t = task();
    const now = at('2026-12-13T09:30:00Z');
    const [soon] = dueReminders([t], settings, now, UTC, new Set());
    const snoozed = snooze(new Map(), soon!.id, now);
    expect(dueReminders([t], settings, now + H, UTC, new Set(), snoozed)).toEqual([]);
    expect(dueReminders([t], settings, now + DAY, UTC, new Set(), snoozed).map((r) => r.id)).toEqual([soon!.id]);
    // A new worker: the next alarm is the snoozed one or the day's, whichever comes first.
    expect(nextReminderAt([t], settings, now, UTC, new Set(), snoozed)).toBe(now + DAY);
    expect(nextReminderAt([t], settings, now, UTC, new Set([soon!.id]))).toBe(at('2026-12-15T09:00:00Z'));
    expect(nextReminderAt([t], settings, at('2026-12-16T00:00:00Z'), UTC, new Set())).toBeUndefined();
  });
});
