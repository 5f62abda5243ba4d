/**
 * The worker's reminders (issue 11): one alarm for the next reminder time, each due reminder
 * shown exactly once, `Open task` and `Snooze 1 day`. What a task calls for and when is
 * utils/reminders.ts (pure); this module keeps what was shown and snoozed in storage
 * (`local:reminders`), and talks to the browser only through ReminderDeps
 * (reminders-browser.ts), so the unit tests drive it with fakes and a fake clock.
 *
 * Nothing lives only in memory: a worker can stop at any moment and the browser forgets
 * alarms when it quits (Firefox), so every new worker runs `check()` (shows what fell due
 * meanwhile, sets the alarm again from storage), and so does every change of the tasks or
 * the settings (coalesced: Refresh all writes many times a second). The tasks' reminders are
 * kept in an index (reminder-index.ts) filled from every task once per worker, then from the
 * tasks each change touched: a check after a change costs about the same at 50 and 50,000
 * tasks (walking every task took ~85 ms at 50,000). The stored state is read once per worker
 * too and kept with its ids in a Set and a Map: read, checked and pruned per check, 20,000
 * shown ids cost ~55 ms a change. Only this worker writes it; a write by anything else (a
 * tool, another build) is noticed (storedStateChanged) and read again.
 */
import * as z from 'zod/mini';
import { DAY, keyOfReminderId, reminderText, type Reminder, type ReminderSettings } from '../reminders';
import { ReminderIndex, type ReminderView } from '../reminder-index';
import type { TrackedTask } from '../tracker/schema';
import type { TaskFeed } from './tracker-owner';
import { t } from '../i18n';

export const REMINDER_ALARM = 'reminders';
export const REMINDER_NOTICE_PREFIX = 'reminder:';
/** How long after a change of the tasks or settings the alarm is set again (changes in between join it). */
export const COALESCE_MS = 1_000;
/** At most this many shown ids are kept (oldest dropped first); far beyond what a creator's tasks call for. */
const MAX_SHOWN = 20_000;

export const ReminderStateSchema = z.object({
  /** Reminder id → when it was shown. */
  shown: z._default(z.record(z.string(), z.number()), {}),
  /** Reminder id → until when it is snoozed. */
  snoozed: z._default(z.record(z.string(), z.number()), {}),
  /** Which worker wrote it last (a token per worker): a stored change by anyone else is read again. */
  by: z.optional(z.string()),
});
export type ReminderState = z.infer<typeof ReminderStateSchema>;

/** The stored state; anything unreadable counts as empty (at worst a reminder is shown again). */
export function parseReminderState(raw: unknown): ReminderState {
  const parsed = ReminderStateSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : { shown: {}, snoozed: {} };
}

export interface ReminderNotice {
  /** REMINDER_NOTICE_PREFIX + the reminder's id. */
  id: string;
  title: string;
  message: string;
  /** `Open task`, `Snooze 1 day`, in this order (onButton's index); a browser without buttons drops them. */
  buttons: [string, string];
}

export interface ReminderDeps {
  now(): number;
  /** Date#getTimezoneOffset at that time. */
  offsetMinutes(at: number): number;
  /** Every task the first time, then the tasks changed since the last call (tracker-owner.ts followTasks). */
  tasks(): Promise<TaskFeed>;
  settings(): Promise<ReminderSettings>;
  load(): Promise<unknown>;
  save(state: ReminderState): Promise<void>;
  alarm: { set(when: number): Promise<void>; clear(): Promise<void> };
  show(notice: ReminderNotice): Promise<void>;
  clear(noticeId: string): Promise<void>;
  /** Focus a tab on the task's impact.com page, or open one (the overview when the page may not be opened). */
  openTask(key: string): Promise<void>;
}

export interface Reminders {
  /** Show what is due now, then set the alarm for the next one (or clear it). */
  check(): Promise<void>;
  /** check() a moment later, once for any number of calls meanwhile. */
  schedule(): void;
  /** Handles REMINDER_ALARM; false for any other alarm. */
  onAlarm(name: string): boolean;
  /** A notification's button: 0 `Open task`, 1 `Snooze 1 day`. False when the notification is not a reminder. */
  onButton(noticeId: string, index: number): boolean;
  /** A click on the notification itself opens the task (Firefox's notifications have no buttons). */
  onClicked(noticeId: string): boolean;
  /** `local:reminders` changed in storage (its new value): read again before the next check unless this worker wrote it. */
  storedStateChanged(value: unknown): void;
  /** Resolves when the work under way is done (tests). */
  idle(): Promise<void>;
}

/** The stored state as this worker last read or wrote it, its ids also in a Set and a Map (the index's view). */
interface HeldState {
  state: ReminderState;
  shown: Set<string>;
  snoozed: Map<string, number>;
}

function hold(state: ReminderState): HeldState {
  return { state, shown: new Set(Object.keys(state.shown)), snoozed: new Map(Object.entries(state.snoozed)) };
}

export function isReminderNotice(id: string): boolean {
  return id.startsWith(REMINDER_NOTICE_PREFIX);
}

function reminderIdOf(noticeId: string): string | undefined {
  return isReminderNotice(noticeId) ? noticeId.slice(REMINDER_NOTICE_PREFIX.length) || undefined : undefined;
}

export function createReminders(deps: ReminderDeps): Reminders {
  // One piece of work at a time: an alarm, a snooze and a change can come together, and each
  // reads, changes and stores the same state.
  let queue: Promise<unknown> = Promise.resolve();
  const serialize = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const index = new ReminderIndex();
  const token = Math.random().toString(36).slice(2);
  let held: HeldState | undefined;
  /** Shown and snoozed ids of tasks gone may be stored: after a read of the state, or tasks removed. */
  let pruneDue = true;

  /** The index brought up to date with the tasks (applied as soon as they come: a change taken is never lost), the state and the settings. */
  async function readAll() {
    const [state, , settings] = await Promise.all([held ?? deps.load().then((raw) => hold(parseReminderState(raw))), deps.tasks().then(apply), deps.settings()]);
    if (state !== held) pruneDue = true;
    held = state;
    return { held: state, settings };
  }

  function apply(feed: TaskFeed): void {
    if ('all' in feed) {
      index.reset(feed.all);
      pruneDue = true;
    } else {
      for (const [key, task] of feed.changed) {
        index.set(key, task);
        if (!task) pruneDue = true;
      }
    }
  }

  /** Stored; forgotten when the write fails, so the next check reads what storage holds (nothing marked shown that was not). */
  async function save(state: HeldState): Promise<void> {
    state.state.by = token;
    try {
      await deps.save(state.state);
    } catch (error) {
      held = undefined;
      throw error;
    }
  }

  /** What the index's answers depend on besides the tasks. */
  function view(state: HeldState, settings: ReminderSettings, now: number): ReminderView {
    return { now, settings, offsetMinutes: deps.offsetMinutes, shown: state.shown, snoozedUntil: state.snoozed };
  }

  /** Without the ids of tasks gone and the oldest shown ids beyond MAX_SHOWN; the same object when nothing is dropped. */
  function prune(state: HeldState): HeldState {
    const live = ([id]: [string, number]) => index.has(keyOfReminderId(id) ?? '');
    const allShown = Object.entries(state.state.shown);
    const allSnoozed = Object.entries(state.state.snoozed);
    let shown = allShown.filter(live);
    const snoozed = allSnoozed.filter(live);
    // Sorted only when over the cap: otherwise the stored order stays, and no write for a new order alone.
    if (shown.length > MAX_SHOWN) shown = shown.sort((a, b) => b[1] - a[1]).slice(0, MAX_SHOWN);
    if (shown.length === allShown.length && snoozed.length === allSnoozed.length) return state;
    return hold({ shown: Object.fromEntries(shown), snoozed: Object.fromEntries(snoozed) });
  }

  /** Set the one alarm for the next reminder, or clear it when none will come. */
  async function arm(state: HeldState, settings: ReminderSettings, now: number): Promise<void> {
    const next = index.next(view(state, settings, now));
    if (next === undefined) await deps.alarm.clear();
    else await deps.alarm.set(next);
  }

  function notice(r: Reminder, task: TrackedTask, now: number): ReminderNotice {
    return {
      id: REMINDER_NOTICE_PREFIX + r.id,
      ...reminderText(r, task, now, deps.offsetMinutes),
      buttons: [t('reminders.openTask'), t('reminders.snooze')],
    };
  }

  async function checkNow(): Promise<void> {
    const now = deps.now();
    const read = await readAll();
    const { settings } = read;
    let state = read.held;
    const pruned = pruneDue || state.shown.size > MAX_SHOWN ? prune(state) : state;
    pruneDue = false;
    const dropped = pruned !== state;
    held = state = pruned;
    const due = index.due(view(state, settings, now));
    // Only ids added to shown (the index lets a shown id go where it meets it): the same Set and
    // Map go on, changed in place.
    for (const r of due) {
      state.state.shown[r.id] = now;
      state.shown.add(r.id);
      delete state.state.snoozed[r.id];
      state.snoozed.delete(r.id);
    }
    // Stored as shown before it is shown: a worker stopped in between loses that one
    // notification rather than showing it twice.
    if (due.length || dropped) await save(state);
    for (const r of due) await deps.show(notice(r, index.task(r.key)!, now)).catch(() => undefined);
    await arm(state, settings, now);
  }

  async function snoozeNow(id: string): Promise<void> {
    const now = deps.now();
    const { held: before, settings } = await readAll();
    // No longer "shown": it comes back once the snooze is over, and then only once. A new
    // state (Set and Map), so the index sees the id come back.
    const shown = { ...before.state.shown };
    delete shown[id];
    const state = hold({ shown, snoozed: { ...before.state.snoozed, [id]: now + DAY } });
    held = state;
    await save(state);
    await arm(state, settings, now);
  }

  const api: Reminders = {
    check: () => serialize(checkNow),
    schedule() {
      if (timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        void api.check().catch(() => undefined);
      }, COALESCE_MS);
    },
    onAlarm(name) {
      if (name !== REMINDER_ALARM) return false;
      void api.check().catch(() => undefined);
      return true;
    },
    onButton(noticeId, index) {
      const id = reminderIdOf(noticeId);
      if (!id) return false;
      if (index === 1) void serialize(() => snoozeNow(id)).catch(() => undefined);
      else void open(id);
      void deps.clear(noticeId).catch(() => undefined);
      return true;
    },
    onClicked(noticeId) {
      const id = reminderIdOf(noticeId);
      if (!id) return false;
      void open(id);
      void deps.clear(noticeId).catch(() => undefined);
      return true;
    },
    storedStateChanged(value) {
      const by = value && typeof value === 'object' ? (value as { by?: unknown }).by : undefined;
      if (by !== token) held = undefined;
    },
    idle: () => serialize(async () => undefined),
  };

  async function open(id: string): Promise<void> {
    const key = keyOfReminderId(id);
    if (key) await deps.openTask(key).catch(() => undefined);
  }

  return api;
}
