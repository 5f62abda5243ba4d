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
 * the settings (coalesced: Refresh all writes many times a second).
 */
import * as z from 'zod/mini';
import { DAY, dueReminders, keyOfReminderId, nextReminderAt, reminderText, type Reminder, type ReminderSettings } from '../reminders';
import type { TrackedTask } from '../tracker/schema';
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
  tasks(): Promise<TrackedTask[]>;
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
  /** Resolves when the work under way is done (tests). */
  idle(): Promise<void>;
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

  async function readAll() {
    const [state, tasks, settings] = await Promise.all([deps.load().then(parseReminderState), deps.tasks(), deps.settings()]);
    return { state, tasks, settings };
  }

  /** Drop what no longer matters: ids of tasks gone, snoozes of reminders shown since. */
  function prune(state: ReminderState, tasks: readonly TrackedTask[]): ReminderState {
    // Nothing shown or snoozed (the usual case): no set of every task key to build.
    if (!Object.keys(state.shown).length && !Object.keys(state.snoozed).length) return { shown: {}, snoozed: {} };
    const keys = new Set(tasks.map((task) => task.key));
    const live = ([id]: [string, number]) => keys.has(keyOfReminderId(id) ?? '');
    const shown = Object.entries(state.shown).filter(live).sort((a, b) => b[1] - a[1]).slice(0, MAX_SHOWN);
    return { shown: Object.fromEntries(shown), snoozed: Object.fromEntries(Object.entries(state.snoozed).filter(live)) };
  }

  /** Set the one alarm for the next reminder, or clear it when none will come. */
  async function arm(state: ReminderState, tasks: readonly TrackedTask[], settings: ReminderSettings, now: number): Promise<void> {
    const next = nextReminderAt(tasks, settings, now, deps.offsetMinutes, new Set(Object.keys(state.shown)), new Map(Object.entries(state.snoozed)));
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
    const { state, tasks, settings } = await readAll();
    const due = dueReminders(tasks, settings, now, deps.offsetMinutes, new Set(Object.keys(state.shown)), new Map(Object.entries(state.snoozed)));
    const next = prune(state, tasks);
    for (const r of due) {
      next.shown[r.id] = now;
      delete next.snoozed[r.id];
    }
    // Stored as shown before it is shown: a worker stopped in between loses that one
    // notification rather than showing it twice.
    if (due.length || JSON.stringify(next) !== JSON.stringify(state)) await deps.save(next);
    if (due.length) {
      const byKey = new Map(tasks.map((task) => [task.key, task]));
      for (const r of due) await deps.show(notice(r, byKey.get(r.key)!, now)).catch(() => undefined);
    }
    await arm(next, tasks, settings, now);
  }

  async function snoozeNow(id: string): Promise<void> {
    const now = deps.now();
    const { state, tasks, settings } = await readAll();
    // No longer "shown": it comes back once the snooze is over, and then only once.
    delete state.shown[id];
    state.snoozed[id] = now + DAY;
    await deps.save(state);
    await arm(state, tasks, settings, now);
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
    idle: () => serialize(async () => undefined),
  };

  async function open(id: string): Promise<void> {
    const key = keyOfReminderId(id);
    if (key) await deps.openTask(key).catch(() => undefined);
  }

  return api;
}
