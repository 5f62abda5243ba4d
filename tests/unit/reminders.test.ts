/**
 * Reminders (utils/reminders.ts) with a fake clock: before the due date and on its morning
 * while not posted, "posted but not submitted" after 24 h, the ad authorization window's end
 * once posted; each kind switched off; never the same reminder twice; Snooze 1 day; the next
 * alarm time after a restart comes from the stored task and the ids already shown; the words
 * made when shown. The worker's side (alarm, storage, notifications) is background-reminders.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_REMINDER_SETTINGS, dueReminders, keyOfReminderId, nextReminderAt, reminderText, remindersFor, snooze, type ReminderSettings } from '../../utils/reminders';
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
const titles = (t: TrackedTask, now: number) => dueReminders([t], settings, now, UTC, new Set()).map((r) => reminderText(r, t, now, UTC).title);

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
    expect(titles(t, at('2026-12-13T09:00:00Z'))).toEqual(['TikTok video due in 2 days']);
    // Shown late (the browser was closed on the 13th): the days left then.
    expect(titles(t, at('2026-12-14T20:00:00Z'))).toEqual(['TikTok video due in 1 day']);
    expect(titles(t, at('2026-12-15T09:00:00Z'))).toEqual(['TikTok video due today']);
    expect(reminderText(remindersFor(t, settings, UTC)[1]!, t, at('2026-12-15T09:00:00Z'), UTC).message).toBe('TikTok Video · Summer Glow Serum Launch: not posted yet.');
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
    const soonOff: ReminderSettings = { ...settings, enabled: { ...settings.enabled, dueSoon: false } };
    expect(dueReminders([t], soonOff, at('2026-12-14T10:00:00Z'), UTC, new Set())).toEqual([]);
    expect(nextReminderAt([t], soonOff, at('2026-12-01T00:00:00Z'), UTC, new Set())).toBe(at('2026-12-15T09:00:00Z'));
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
    expect(reminderText(rs[1]!, t, posted, UTC)).toEqual({
      title: 'Ad authorization window',
      message: 'TikTok Video: keep the 30-day Spark Ads authorization until Jan 9, 2027.',
    });
    expect(reminderText(rs[0]!, t, posted + DAY, UTC).title).toBe('Posted, but not submitted yet');
    expect(dueReminders([t], settings, posted + DAY - 1, UTC, new Set()).map((r) => r.kind)).toEqual(['authorizationEnds']);
    expect(dueReminders([t], settings, posted + DAY, UTC, new Set([rs[1]!.id])).map((r) => r.kind)).toEqual(['postedNotSubmitted']);
    // Submitted: no more "not submitted".
    expect(remindersFor({ ...t, state: 'submitted' }, settings, UTC).map((r) => r.kind)).toEqual(['authorizationEnds']);
    // A task imported long after its window ended: nothing to say any more.
    expect(dueReminders([{ ...t, state: 'submitted' }], settings, posted + 31 * DAY, UTC, new Set())).toEqual([]);
    // Unknown window: no authorization reminder.
    expect(remindersFor({ ...t, authorizationDays: undefined }, settings, UTC).map((r) => r.kind)).toEqual(['postedNotSubmitted']);
    // Each switched off.
    const none: ReminderSettings = { ...settings, enabled: { ...settings.enabled, postedNotSubmitted: false, authorizationEnds: false } };
    expect(remindersFor(t, none, UTC)).toEqual([]);
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

  it('a snoozed "due today" comes back the next day, saying when it was due', () => {
    const t = task();
    const now = at('2026-12-15T09:05:00Z');
    const today = remindersFor(t, settings, UTC)[1]!;
    const snoozed = snooze(new Map(), today.id, now);
    const shown = new Set([remindersFor(t, settings, UTC)[0]!.id]);
    expect(nextReminderAt([t], settings, now, UTC, shown, snoozed)).toBe(now + DAY);
    const back = dueReminders([t], settings, now + DAY + 60_000, UTC, shown, snoozed);
    expect(back.map((r) => r.id)).toEqual([today.id]);
    expect(reminderText(back[0]!, t, now + DAY, UTC).title).toBe('TikTok video was due on Dec 15, 2026');
  });

  it('9:00 local on both sides of a daylight-saving change (the offset at each time)', () => {
    // Berlin: UTC+1 until 2027-03-28 01:00 UTC, UTC+2 from then on.
    const berlin = (ms: number) => (ms < at('2027-03-28T01:00:00Z') ? -60 : -120);
    const t = task({ dueDate: '2027-03-29' });
    expect(remindersFor(t, settings, berlin).map((r) => [r.kind, new Date(r.at).toISOString()])).toEqual([
      ['dueSoon', '2027-03-27T08:00:00.000Z'],
      ['dueToday', '2027-03-29T07:00:00.000Z'],
    ]);
    // Shown at 00:30 local on the 29th (22:30 UTC on the 28th): already the due day there.
    const r = remindersFor(t, settings, berlin)[1]!;
    expect(reminderText(r, t, at('2027-03-28T22:30:00Z'), berlin).title).toBe('TikTok video due today');
  });

  it('reminder ids name their task', () => {
    const [r] = remindersFor(task(), settings, UTC);
    expect(r!.id).toBe('dueSoon|2026-12-15|a:1|c:41207|t:880101');
    expect(keyOfReminderId(r!.id)).toBe('a:1|c:41207|t:880101');
    expect(keyOfReminderId('other|x')).toBeUndefined();
  });
});
