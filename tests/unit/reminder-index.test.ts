/**
 * The reminders kept one changed task at a time (utils/reminder-index.ts) are the reminders
 * worked out from every task (reminders.ts dueReminders, nextReminderAt): the same due
 * reminders in the same order and the same next alarm, after every step of random sequences
 * of task changes and removals, settings, time-zone rules, the clock moving (also back), the
 * worker's checks marking what it showed, snoozes, and shown ids forgotten (the cap, storage
 * emptied). A difference would show the creator a reminder twice, late, or never.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReminderIndex, type ReminderView } from '@/utils/reminder-index';
import { DEFAULT_REMINDER_SETTINGS, dueReminders, nextReminderAt, REMINDER_KINDS, remindersFor, snooze, type Offset, type ReminderSettings } from '@/utils/reminders';
import { TRACKER_STATES } from '@/utils/tracker/machine';
import { TrackedTaskSchema, type TrackedTask } from '@/utils/tracker/schema';

const H = 3_600_000;
const DAY = 24 * H;
const START = Date.parse('2026-12-10T06:00:00Z');
const KEYS = ['a:1|c:1|t:1', 'a:1|c:1|t:2', 'a:1|c:2|t:3', 'a:2|c:3|t:4', 'a:2|c:3|t:5', 'a:2|c:4|t:6'];
const DUE = [undefined, 'Dec 11, 2026', 'Dec 12, 2026', 'Dec 14, 2026', 'Dec 20, 2026', '2026-12-09', 'soon'];
/** Fixed, or a daylight-saving change on the 13th (the same function each time: the index keys on it). */
const OFFSETS: Offset[] = [0, -60, 300, (at: number) => (at < Date.parse('2026-12-13T01:00:00Z') ? -60 : -120)];

interface Fields {
  due: number;
  state: number;
  posted: number | undefined;
  days: number | undefined;
  stamp: number;
}

function task(key: string, f: Fields): TrackedTask {
  return TrackedTaskSchema.parse({
    key,
    campaignName: `Campaign ${key}`,
    taskName: `Task ${key}`,
    taskUrl: 'https://app.impact.com/secure/mediapartner/campaigns/tasks-flow.ihtml?campaignId=1&taskId=2',
    ...(DUE[f.due] ? { dueDate: DUE[f.due] } : {}),
    state: TRACKER_STATES[f.state],
    ...(f.posted !== undefined ? { steps: { videoPosted: START + f.posted } } : {}),
    ...(f.days !== undefined ? { authorizationDays: f.days } : {}),
    firstSeenAt: START - DAY,
    updatedAt: START + f.stamp,
  });
}

const taskFields: fc.Arbitrary<Fields> = fc.record({
  due: fc.nat({ max: DUE.length - 1 }),
  state: fc.nat({ max: TRACKER_STATES.length - 1 }),
  posted: fc.option(fc.integer({ min: -3 * DAY, max: 4 * DAY }), { nil: undefined }),
  days: fc.option(fc.constantFrom(1, 2, 7, 30), { nil: undefined }),
  stamp: fc.nat({ max: 10 * DAY }),
});

const settingsArb: fc.Arbitrary<ReminderSettings> = fc.record({
  enabled: fc.record(Object.fromEntries(REMINDER_KINDS.map((k) => [k, fc.boolean()])) as Record<(typeof REMINDER_KINDS)[number], fc.Arbitrary<boolean>>),
  daysBefore: fc.nat({ max: 3 }),
  morningHour: fc.constantFrom(0, 9, 23),
});

type Step =
  | { op: 'put'; key: number; fields: Fields }
  | { op: 'burst'; key: number; fields: Fields; times: number }
  | { op: 'remove'; key: number }
  | { op: 'settings'; settings: ReminderSettings }
  | { op: 'offset'; offset: number }
  | { op: 'clock'; by: number }
  | { op: 'check' }
  | { op: 'snooze'; pick: number }
  | { op: 'forget'; pick: number }
  | { op: 'empty' };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('put' as const), key: fc.nat({ max: KEYS.length - 1 }), fields: taskFields }) },
  // Many changes of one task in a row (Refresh all, a sweep): replaced entries pile up.
  { weight: 1, arbitrary: fc.record({ op: fc.constant('burst' as const), key: fc.nat({ max: KEYS.length - 1 }), fields: taskFields, times: fc.integer({ min: 5, max: 40 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('remove' as const), key: fc.nat({ max: KEYS.length - 1 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('settings' as const), settings: settingsArb }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('offset' as const), offset: fc.nat({ max: OFFSETS.length - 1 }) }) },
  // Mostly forward, by up to two days; sometimes back (the system clock set back).
  { weight: 5, arbitrary: fc.record({ op: fc.constant('clock' as const), by: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 2 * DAY }) }, { weight: 1, arbitrary: fc.integer({ min: -DAY, max: -1 }) }) }) },
  { weight: 4, arbitrary: fc.constant({ op: 'check' as const }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('snooze' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('forget' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.constant({ op: 'empty' as const }) },
);

/** Runs the steps on the index and on the full walk side by side, comparing after each. */
function run(steps: Step[]): void {
  const tasks = new Map<string, TrackedTask>();
  const index = new ReminderIndex();
  let settings = DEFAULT_REMINDER_SETTINGS;
  let offset = OFFSETS[0]!;
  let now = START;
  let shown = new Map<string, number>();
  let snoozed = new Map<string, number>();
  const view = (): ReminderView => ({ now, settings, offsetMinutes: offset, shown: new Set(shown.keys()), snoozedUntil: new Map(snoozed) });
  const all = () => [...tasks.values()];
  index.reset([]);
  for (const [i, s] of steps.entries()) {
    switch (s.op) {
      case 'put': {
        const t = task(KEYS[s.key]!, s.fields);
        tasks.set(t.key, t);
        index.set(t.key, t);
        break;
      }
      case 'burst':
        for (let j = 0; j < s.times; j++) {
          const t = task(KEYS[s.key]!, { ...s.fields, stamp: s.fields.stamp + j });
          tasks.set(t.key, t);
          index.set(t.key, t);
        }
        break;
      case 'remove':
        tasks.delete(KEYS[s.key]!);
        index.set(KEYS[s.key]!, undefined);
        break;
      case 'settings':
        settings = s.settings;
        break;
      case 'offset':
        offset = OFFSETS[s.offset]!;
        break;
      case 'clock':
        now += s.by;
        break;
      case 'check': {
        // As the worker does: what is due is marked shown, its snooze over.
        for (const r of index.due(view())) {
          shown.set(r.id, now);
          snoozed.delete(r.id);
        }
        break;
      }
      case 'snooze': {
        // Mostly a notification shown; also an id not shown (its notification outlived the cap).
        const ids = [...shown.keys(), ...all().flatMap((t) => remindersFor(t, settings, offset).map((r) => r.id))];
        const id = ids[s.pick % Math.max(1, ids.length)];
        if (id === undefined) break;
        shown.delete(id);
        snoozed = snooze(snoozed, id, now);
        break;
      }
      case 'forget': {
        // The cap on shown ids, or pruning: some shown ids dropped.
        shown = new Map([...shown].filter((_, j) => j % 3 !== s.pick % 3));
        break;
      }
      case 'empty':
        shown = new Map();
        snoozed = new Map();
        break;
    }
    const v = view();
    const where = `after step ${i} (${s.op})`;
    // Asked in either order, as the worker's check (due, then next) and its snooze (next only) do.
    if (i % 2) expect(index.next(v), where).toBe(nextReminderAt(all(), settings, now, offset, v.shown, v.snoozedUntil));
    expect(index.due(v), where).toEqual(dueReminders(all(), settings, now, offset, v.shown, v.snoozedUntil));
    expect(index.next(v), where).toBe(nextReminderAt(all(), settings, now, offset, v.shown, v.snoozedUntil));
  }
}

describe('reminders kept per changed task', () => {
  it('give the full walk’s due reminders and next alarm over random sequences of changes', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 80 }), (steps) => run(steps)),
      { numRuns: 300 },
    );
  });

  it('start from every task at once (a worker’s start), then follow the clock through all of them', () => {
    // 300 tasks due over six weeks, in every state, some posted: every reminder comes in turn.
    const months = ['Dec', 'Jan'];
    const many = Array.from({ length: 300 }, (_, i) =>
      TrackedTaskSchema.parse({
        key: `a:1|c:${i % 37}|t:${i}`,
        campaignName: `Campaign ${i % 37}`,
        taskName: `Task ${i}`,
        taskUrl: 'https://app.impact.com/secure/mediapartner/campaigns/tasks-flow.ihtml?campaignId=1&taskId=2',
        dueDate: `${months[(i * 7) % 2]} ${1 + ((i * 13) % 28)}, ${(i * 7) % 2 ? 2027 : 2026}`,
        state: TRACKER_STATES[i % TRACKER_STATES.length],
        ...(i % 4 === 0 ? { steps: { videoPosted: START + ((i * 5) % 20) * DAY }, authorizationDays: 1 + (i % 30) } : {}),
        firstSeenAt: START - DAY,
        updatedAt: START,
      }),
    );
    const index = new ReminderIndex();
    index.reset(many);
    const shown = new Set<string>();
    let count = 0;
    for (let now = START; now < START + 60 * DAY; now += 7 * H) {
      const v: ReminderView = { now, settings: DEFAULT_REMINDER_SETTINGS, offsetMinutes: 0, shown: new Set(shown), snoozedUntil: new Map() };
      const due = index.due(v);
      expect(due).toEqual(dueReminders(many, DEFAULT_REMINDER_SETTINGS, now, 0, v.shown));
      for (const r of due) shown.add(r.id);
      const after = { ...v, shown: new Set(shown) };
      expect(index.next(after)).toBe(nextReminderAt(many, DEFAULT_REMINDER_SETTINGS, now, 0, after.shown));
      count += due.length;
    }
    expect(count).toBeGreaterThan(200);
    // The tracker read again holds other tasks: the first ones' reminders are gone.
    const b = task(KEYS[1]!, { due: 3, state: 0, posted: undefined, days: undefined, stamp: 0 });
    index.reset([b]);
    expect(index.has(many[0]!.key)).toBe(false);
    expect(index.task(b.key)).toBe(b);
    const v: ReminderView = { now: START, settings: DEFAULT_REMINDER_SETTINGS, offsetMinutes: 0, shown: new Set(), snoozedUntil: new Map() };
    expect(index.next(v)).toBe(Date.parse('2026-12-12T09:00:00Z'));
    expect(index.due(v)).toEqual([]);
  });
});
