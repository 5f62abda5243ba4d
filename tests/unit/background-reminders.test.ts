/**
 * The worker's reminders (utils/background/reminders.ts) on a fake clock (vi.useFakeTimers),
 * with the browser faked through ReminderDeps: the one alarm for the next reminder, each
 * reminder shown once (also across a worker restart: a new instance on the same storage),
 * Open task and Snooze 1 day, each kind switched off, posted-not-submitted after 24 h, the
 * authorization window's end, reminders stopping once a task is posted or submitted, and
 * changes coalesced into one check.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { COALESCE_MS, REMINDER_ALARM, REMINDER_NOTICE_PREFIX, createReminders, parseReminderState, type ReminderNotice, type ReminderState } from '../../utils/background/reminders';
import { DEFAULT_REMINDER_SETTINGS, type ReminderKind, type ReminderSettings } from '../../utils/reminders';
import { TrackedTaskSchema, type TrackedTask } from '../../utils/tracker/schema';

const H = 3_600_000;
const DAY = 24 * H;
const at = (iso: string) => Date.parse(iso);

function task(id: string, over: Partial<TrackedTask> = {}): TrackedTask {
  return TrackedTaskSchema.parse({
    key: `a:1|c:41207|t:${id}`,
    campaignName: 'Summer Glow Serum Launch',
    brand: 'Lumière',
    taskName: `TikTok Video ${id}`,
    taskUrl: `https://app.impact.com/secure/mediapartner/campaigns/tasks-flow.ihtml?campaignId=41207&taskId=${id}`,
    dueDate: 'Dec 15, 2026',
    state: 'notStarted',
    firstSeenAt: at('2026-12-01T00:00:00Z'),
    updatedAt: at('2026-12-01T00:00:00Z'),
    ...over,
  });
}

/** What survives a worker stop: storage and the alarm. Everything else is per worker. */
interface World {
  stored: unknown;
  tasks: TrackedTask[];
  settings: ReminderSettings;
  alarm: number | undefined;
  shown: ReminderNotice[];
  cleared: string[];
  opened: string[];
  reads: number;
  /** storage.local refuses the reminders' writes (full disk, quota). */
  saveFails?: boolean;
}

function world(tasks: TrackedTask[], settings = DEFAULT_REMINDER_SETTINGS): World {
  return { stored: undefined, tasks, settings, alarm: undefined, shown: [], cleared: [], opened: [], reads: 0 };
}

/** A worker on that world: UTC, the clock of vi.useFakeTimers. */
function worker(w: World) {
  // As the tracker owner's follower gives them: every task first, then the tasks changed since.
  let given: Map<string, TrackedTask> | undefined;
  return createReminders({
    now: () => Date.now(),
    offsetMinutes: () => 0,
    async tasks() {
      w.reads++;
      const before = given;
      given = new Map(w.tasks.map((t) => [t.key, t]));
      if (!before) return { all: w.tasks };
      const changed = new Map<string, TrackedTask | undefined>();
      for (const [key, t] of given) if (before.get(key) !== t) changed.set(key, t);
      for (const key of before.keys()) if (!given.has(key)) changed.set(key, undefined);
      return { changed };
    },
    settings: async () => w.settings,
    load: async () => structuredClone(w.stored),
    async save(state) {
      if (w.saveFails) throw new Error('QUOTA_BYTES quota exceeded');
      w.stored = structuredClone(state);
    },
    alarm: {
      async set(when) {
        w.alarm = when;
      },
      async clear() {
        w.alarm = undefined;
      },
    },
    async show(notice) {
      w.shown.push(notice);
    },
    async clear(id) {
      w.cleared.push(id);
    },
    async openTask(key) {
      w.opened.push(key);
    },
  });
}

const off = (...kinds: ReminderKind[]): ReminderSettings => ({
  ...DEFAULT_REMINDER_SETTINGS,
  enabled: { ...DEFAULT_REMINDER_SETTINGS.enabled, ...Object.fromEntries(kinds.map((k) => [k, false])) },
});
const titles = (w: World) => w.shown.map((n) => n.title);
const state = (w: World): ReminderState => parseReminderState(w.stored);

/** The browser fires the alarm: the clock moves to its time first. */
async function fire(w: World, r: ReturnType<typeof worker>) {
  expect(w.alarm, 'an alarm is set').toBeDefined();
  vi.setSystemTime(w.alarm!);
  expect(r.onAlarm(REMINDER_ALARM)).toBe(true);
  await r.idle();
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(at('2026-12-01T12:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

describe('reminders in the worker', () => {
  it('sets one alarm for the next reminder of all tasks, and shows nothing before', async () => {
    const w = world([task('2', { dueDate: 'Dec 20, 2026' }), task('1')]);
    await worker(w).check();
    expect(w.alarm).toBe(at('2026-12-13T09:00:00Z'));
    expect(w.shown).toEqual([]);
  });

  it('when the alarm fires: each due reminder once, with Open task and Snooze 1 day, then the next alarm', async () => {
    const w = world([task('1')]);
    const r = worker(w);
    await r.check();
    await fire(w, r);
    expect(w.shown).toEqual([
      {
        id: `${REMINDER_NOTICE_PREFIX}dueSoon|2026-12-15|a:1|c:41207|t:1`,
        title: 'TikTok video due in 2 days',
        message: 'TikTok Video 1 · Summer Glow Serum Launch: not posted yet.',
        buttons: ['Open task', 'Snooze 1 day'],
      },
    ]);
    expect(w.alarm).toBe(at('2026-12-15T09:00:00Z'));
    // The same alarm again (the browser fired it twice, a check after a change): nothing new.
    expect(r.onAlarm(REMINDER_ALARM)).toBe(true);
    await r.check();
    expect(w.shown).toHaveLength(1);
    expect(Object.keys(state(w).shown)).toEqual(['dueSoon|2026-12-15|a:1|c:41207|t:1']);
    // Other alarms are not the reminders'.
    expect(r.onAlarm('retrieve:a:1|c:41207|t:1')).toBe(false);
  });

  it('survives a worker restart: a new worker shows nothing twice and sets the alarm again from storage', async () => {
    const w = world([task('1'), task('2', { dueDate: 'Dec 14, 2026' })]);
    await worker(w).check();
    await fire(w, worker(w));
    expect(titles(w)).toEqual(['TikTok video due in 2 days']);
    // The worker stops; Firefox forgets alarms when it quits. A new worker a minute later:
    w.alarm = undefined;
    vi.advanceTimersByTime(60_000);
    const next = worker(w);
    await next.check();
    expect(titles(w)).toEqual(['TikTok video due in 2 days']);
    expect(w.alarm).toBe(at('2026-12-13T09:00:00Z'));
    // The browser was closed over the 13th: the next worker, on the 14th, shows task 1's
    // "due soon" and task 2's "due today", once each.
    vi.setSystemTime(at('2026-12-14T10:00:00Z'));
    await worker(w).check();
    expect(titles(w)).toEqual(['TikTok video due in 2 days', 'TikTok video due in 1 day', 'TikTok video due today']);
    await worker(w).check();
    expect(w.shown).toHaveLength(3);
  });

  it('Snooze 1 day: cleared now, back 24 h later once, and kept across a restart', async () => {
    const w = world([task('1')]);
    const r = worker(w);
    await r.check();
    await fire(w, r);
    const [notice] = w.shown;
    const firedAt = Date.now();
    vi.advanceTimersByTime(5 * 60_000);
    expect(r.onButton(notice!.id, 1)).toBe(true);
    await r.idle();
    expect(w.cleared).toEqual([notice!.id]);
    expect(w.opened).toEqual([]);
    expect(state(w).snoozed).toEqual({ 'dueSoon|2026-12-15|a:1|c:41207|t:1': firedAt + 5 * 60_000 + DAY });
    expect(w.alarm).toBe(firedAt + 5 * 60_000 + DAY);
    // A restart meanwhile changes nothing.
    await worker(w).check();
    expect(w.shown).toHaveLength(1);
    const again = worker(w);
    await fire(w, again);
    expect(w.shown.map((n) => n.id)).toEqual([notice!.id, notice!.id]);
    expect(titles(w)[1]).toBe('TikTok video due in 1 day');
    expect(state(w).snoozed).toEqual({});
    expect(w.alarm).toBe(at('2026-12-15T09:00:00Z'));
    await again.check();
    expect(w.shown).toHaveLength(2);
  });

  it('Open task (button or a click on the notification) opens the task; other notifications are not the reminders\'', async () => {
    const w = world([task('1')]);
    const r = worker(w);
    await r.check();
    await fire(w, r);
    const id = w.shown[0]!.id;
    expect(r.onButton(id, 0)).toBe(true);
    expect(r.onClicked(id)).toBe(true);
    await vi.waitFor(() => expect(w.opened).toEqual(['a:1|c:41207|t:1', 'a:1|c:41207|t:1']));
    expect(w.cleared).toEqual([id, id]);
    expect(r.onClicked('retrieve-notice:a:1|c:41207|t:1')).toBe(false);
    expect(r.onButton('retrieve-notice:a:1|c:41207|t:1', 0)).toBe(false);
  });

  it('each kind can be switched off', async () => {
    const posted = at('2026-12-01T12:00:00Z');
    const tasks = [task('1'), task('2', { state: 'posted', steps: { videoPosted: posted }, authorizationDays: 30 })];
    const cases: [ReminderKind, number | undefined, string[]][] = [
      ['dueSoon', posted + DAY, ['Ad authorization window']],
      ['authorizationEnds', posted + DAY, []],
    ];
    for (const [kind, alarm, shownNow] of cases) {
      const w = world(tasks, off(kind));
      await worker(w).check();
      expect(titles(w), kind).toEqual(shownNow);
      expect(w.alarm, kind).toBe(alarm);
    }
    const noPosted = world(tasks, off('postedNotSubmitted'));
    await worker(noPosted).check();
    expect(noPosted.alarm).toBe(at('2026-12-13T09:00:00Z'));
    const noDue = world([task('1')], off('dueSoon', 'dueToday'));
    await worker(noDue).check();
    expect(noDue.alarm).toBeUndefined();
    const onlyToday = world([task('1')], off('dueSoon'));
    await worker(onlyToday).check();
    expect(onlyToday.alarm).toBe(at('2026-12-15T09:00:00Z'));
    // Switched off after the alarm was set: the next check clears it.
    const w = world([task('1')]);
    const r = worker(w);
    await r.check();
    expect(w.alarm).toBeDefined();
    w.settings = off(...(['dueSoon', 'dueToday', 'postedNotSubmitted', 'authorizationEnds'] as const));
    await r.check();
    expect(w.alarm).toBeUndefined();
  });

  it('posted but not submitted after 24 h; the authorization window end as soon as posted', async () => {
    const posted = at('2026-12-01T12:00:00Z');
    const w = world([task('1', { state: 'retryScheduled', steps: { videoPosted: posted }, authorizationDays: 30 })]);
    const r = worker(w);
    await r.check();
    expect(w.shown.map((n) => [n.title, n.message])).toEqual([['Ad authorization window', 'TikTok Video 1: keep the 30-day Spark Ads authorization until Dec 31, 2026.']]);
    expect(w.alarm).toBe(posted + DAY);
    vi.advanceTimersByTime(DAY - 1);
    await r.check();
    expect(w.shown).toHaveLength(1);
    await fire(w, r);
    expect(w.shown.map((n) => n.title)).toEqual(['Ad authorization window', 'Posted, but not submitted yet']);
    expect(w.shown[1]!.message).toBe('TikTok Video 1 · Summer Glow Serum Launch: impact.com has not got the post yet. Open the task and press Retrieve my post, or Retry now.');
    expect(w.alarm).toBeUndefined();
  });

  it('a task that becomes Posted, then Submitted, stops its reminders', async () => {
    const w = world([task('1')]);
    const r = worker(w);
    await r.check();
    expect(w.alarm).toBe(at('2026-12-13T09:00:00Z'));
    // Marked as posted on the 12th: no due-date reminders; "not submitted" a day later.
    vi.setSystemTime(at('2026-12-12T08:00:00Z'));
    w.tasks = [task('1', { state: 'posted', steps: { videoPosted: Date.now() } })];
    r.schedule();
    await vi.advanceTimersByTimeAsync(COALESCE_MS);
    await r.idle();
    expect(w.alarm).toBe(at('2026-12-13T08:00:00Z'));
    // Submitted before that: nothing more, and an alarm that fires anyway (set before) shows nothing.
    w.tasks = [task('1', { state: 'submitted', steps: { videoPosted: at('2026-12-12T08:00:00Z') } })];
    r.schedule();
    await vi.advanceTimersByTimeAsync(COALESCE_MS);
    await r.idle();
    expect(w.alarm).toBeUndefined();
    vi.setSystemTime(at('2026-12-15T09:00:00Z'));
    expect(r.onAlarm(REMINDER_ALARM)).toBe(true);
    await r.idle();
    expect(w.shown).toEqual([]);
  });

  it('coalesces a burst of changes into one check', async () => {
    const w = world([task('1')]);
    const r = worker(w);
    for (let i = 0; i < 50; i++) {
      r.schedule();
      await vi.advanceTimersByTimeAsync(COALESCE_MS / 100);
    }
    await vi.advanceTimersByTimeAsync(COALESCE_MS);
    await r.idle();
    // 50 changes over 2 × COALESCE_MS: at most one check per COALESCE_MS.
    expect(w.reads).toBeLessThanOrEqual(2);
    expect(w.reads).toBeGreaterThanOrEqual(1);
    expect(w.alarm).toBe(at('2026-12-13T09:00:00Z'));
  });

  it('a state stored by anything else is read again; a refused write marks nothing shown', async () => {
    const w = world([task('1')]);
    const r = worker(w);
    await r.check();
    await fire(w, r);
    expect(w.shown).toHaveLength(1);
    // Its own write's change event changes nothing: shown once.
    r.storedStateChanged(structuredClone(w.stored));
    await r.check();
    expect(w.shown).toHaveLength(1);
    // A tool (or another build) clears the shown ids: the reminder is due again, once.
    w.stored = { shown: {}, snoozed: {} };
    r.storedStateChanged(structuredClone(w.stored));
    await r.check();
    await r.check();
    expect(w.shown).toHaveLength(2);
    // Storage refuses the write that marks the next one shown: nothing shown, and it is not
    // lost: shown once storage takes writes again.
    vi.setSystemTime(at('2026-12-15T09:00:00Z'));
    w.saveFails = true;
    await expect(r.check()).rejects.toThrow(/quota/);
    expect(w.shown).toHaveLength(2);
    w.saveFails = false;
    await r.check();
    await r.check();
    expect(titles(w).slice(2)).toEqual(['TikTok video due today']);
  });

  it('forgets the reminders of tasks no longer stored; unreadable state counts as none', async () => {
    const w = world([task('1'), task('2')]);
    vi.setSystemTime(at('2026-12-13T10:00:00Z'));
    await worker(w).check();
    expect(Object.keys(state(w).shown)).toHaveLength(2);
    w.tasks = [task('1')];
    await worker(w).check();
    expect(Object.keys(state(w).shown)).toEqual(['dueSoon|2026-12-15|a:1|c:41207|t:1']);
    expect(parseReminderState('garbage')).toEqual({ shown: {}, snoozed: {} });
  });
});
