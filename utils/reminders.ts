/**
 * Reminders (issue 11), pure: which notifications a task calls for and when, so that the
 * worker can set one alarm for the next and, when it fires, show each reminder due exactly
 * once (the ids already shown are kept in storage: background/reminders.ts). No browser API
 * and no clock here.
 *
 * - before the due date (2 days before, at the morning hour) and on the morning of the day,
 *   while the task is not yet Posted;
 * - "posted but not submitted" 24 h after Mark as posted, while it is not Submitted;
 * - once the video is posted and the Statement of Work's ad authorization window is known:
 *   the date the window ends.
 *
 * Times are the creator's local time: `offsetMinutes` is Date#getTimezoneOffset's (UTC − local),
 * a number, or a function of the time (the worker's: a due date after a daylight-saving change
 * still gets its reminder at 9:00 local).
 * The words are made only for the reminders shown (reminderText), at the time they are shown:
 * a due-date reminder shown late (the browser was closed) says how many days are left then.
 */
import { parseDueDate } from './due-date';
import type { TrackedTask } from './tracker/schema';
import { campaignLabel, taskLabel } from './tracker/names';
import { formatDay, formatNumber, t } from './i18n';

export const REMINDER_KINDS = ['dueSoon', 'dueToday', 'postedNotSubmitted', 'authorizationEnds'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export interface ReminderSettings {
  /** Each kind can be switched off (Settings: SettingsSchema.reminders). */
  enabled: Record<ReminderKind, boolean>;
  /** "Due soon": this many days before the due date. */
  daysBefore: number;
  /** The local hour of the morning reminders (0–23). */
  morningHour: number;
}

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
  enabled: { dueSoon: true, dueToday: true, postedNotSubmitted: true, authorizationEnds: true },
  daysBefore: 2,
  morningHour: 9,
};

/** The worker's reminder settings from the stored on/off switches (the times are fixed). */
export function reminderSettings(enabled: Record<ReminderKind, boolean>): ReminderSettings {
  return { ...DEFAULT_REMINDER_SETTINGS, enabled: { ...enabled } };
}

export interface Reminder {
  /** `kind|day|task key`: one per task, kind and date, shown at most once. */
  id: string;
  key: string;
  kind: ReminderKind;
  /** When it falls due. */
  at: number;
  /** From this time on it is out of date and no longer shown (a due-date reminder after the day). */
  expires?: number;
  /** The due day's morning (due-date kinds). */
  due?: number;
  /** The last day of the ad authorization window, ISO (authorizationEnds). */
  end?: string;
}

export const DAY = 86_400_000;
/** A snoozed reminder may come back this late and still be shown (the alarm can be late). */
const SNOOZE_GRACE = 3_600_000;
const NOT_POSTED = new Set(['notStarted', 'inProgress']);
const POSTED_NOT_SUBMITTED = new Set(['posted', 'retrieving', 'retryScheduled', 'needsAttention']);

/** Date#getTimezoneOffset's value (UTC − local, minutes): fixed, or at a given time. */
export type Offset = number | ((at: number) => number);

function offsetAt(offset: Offset, at: number): number {
  return typeof offset === 'number' ? offset : offset(at);
}

/** Local midnight-plus-`hour` of a calendar day (the day may run over the month), as epoch ms. */
function localTime(year: number, month: number, day: number, hour: number, offset: Offset): number {
  const asUtc = Date.UTC(year, month - 1, day, hour);
  // The offset of that local time: guessed from the UTC reading, then taken at the guess.
  return asUtc + offsetAt(offset, asUtc + offsetAt(offset, asUtc) * 60_000) * 60_000;
}

/** The local calendar day of a time, as a day number (for "in n days"). */
function localDayNumber(ms: number, offset: Offset): number {
  return Math.floor((ms - offsetAt(offset, ms) * 60_000) / DAY);
}

/** When the creator said the video was posted (the step, else the history). */
export function postedAt(task: TrackedTask): number | undefined {
  return task.steps.videoPosted ?? task.history.findLast((h) => h.event === 'markPosted')?.at;
}

function isoDay(ms: number, offset: Offset): string {
  return new Date(ms - offsetAt(offset, ms) * 60_000).toISOString().slice(0, 10);
}

/** The task key a reminder id names (ids are `kind|day|key`; keys hold `|` themselves). */
export function keyOfReminderId(id: string): string | undefined {
  // By position, not split and join: the worker asks this of every stored id on each check.
  const kindEnd = id.indexOf('|');
  const dayEnd = kindEnd < 0 ? -1 : id.indexOf('|', kindEnd + 1);
  if (dayEnd < 0 || !(REMINDER_KINDS as readonly string[]).includes(id.slice(0, kindEnd))) return undefined;
  return id.slice(dayEnd + 1) || undefined;
}

/** The reminders last worked out for a task object (tasks are immutable snapshots), with what they depend on. */
const remembered = new WeakMap<TrackedTask, { settings: string; offset: Offset; reminders: readonly Reminder[] }>();

/** The settings as a key: reminders worked out under equal keys are the same. */
export function settingsKey(s: ReminderSettings): string {
  return `${REMINDER_KINDS.map((k) => (s.enabled[k] ? 1 : 0)).join('')}|${s.daysBefore}|${s.morningHour}`;
}

/**
 * Every reminder the task calls for now, due or not (the caller keeps those at or before `now`).
 * The worker asks this of every task after every change: at 50,000 tasks working them out
 * again took ~800 ms a change, so a task's are remembered until the task, the settings or the
 * time zone rule change (a new zone set in the system is seen by the next worker).
 */
export function remindersFor(task: TrackedTask, settings: ReminderSettings, offsetMinutes: Offset): readonly Reminder[] {
  const key = settingsKey(settings);
  const known = remembered.get(task);
  if (known && known.settings === key && known.offset === offsetMinutes) return known.reminders;
  const reminders = workOutReminders(task, settings, offsetMinutes);
  remembered.set(task, { settings: key, offset: offsetMinutes, reminders });
  return reminders;
}

function workOutReminders(task: TrackedTask, settings: ReminderSettings, offsetMinutes: Offset): Reminder[] {
  const out: Reminder[] = [];
  const make = (kind: ReminderKind, day: string, r: Omit<Reminder, 'id' | 'key' | 'kind'>) => out.push({ id: `${kind}|${day}|${task.key}`, key: task.key, kind, ...r });
  const due = parseDueDate(task.dueDate);
  if (due && NOT_POSTED.has(task.state)) {
    const dayIso = `${due.year}-${String(due.month).padStart(2, '0')}-${String(due.day).padStart(2, '0')}`;
    const morning = localTime(due.year, due.month, due.day, settings.morningHour, offsetMinutes);
    // "Due soon" gives way to "due today" on the morning of the day.
    const before = localTime(due.year, due.month, due.day - settings.daysBefore, settings.morningHour, offsetMinutes);
    if (settings.enabled.dueSoon && settings.daysBefore > 0) make('dueSoon', dayIso, { at: before, expires: morning, due: morning });
    // "Due today" is still worth showing until the next morning (the browser was closed).
    if (settings.enabled.dueToday) make('dueToday', dayIso, { at: morning, expires: morning + DAY, due: morning });
  }
  const posted = postedAt(task);
  if (posted !== undefined && settings.enabled.postedNotSubmitted && POSTED_NOT_SUBMITTED.has(task.state)) {
    make('postedNotSubmitted', isoDay(posted, offsetMinutes), { at: posted + DAY });
  }
  if (posted !== undefined && task.authorizationDays && settings.enabled.authorizationEnds && !NOT_POSTED.has(task.state)) {
    const endsAt = posted + task.authorizationDays * DAY;
    const end = isoDay(endsAt, offsetMinutes);
    // Told once the video is posted; pointless once the window is over (an old task imported).
    make('authorizationEnds', end, { at: posted, expires: endsAt, end });
  }
  return out;
}

/** When a reminder not shown yet comes (its time, or later when snoozed) and until when it is worth showing. */
export interface PendingTimes {
  /** Its time, or the end of its snooze when that is later. */
  at: number;
  /** From this time on it is out of date (a snoozed one may come back up to its grace); Infinity: never. */
  until: number;
}

/** A reminder's PendingTimes, snoozed until `snoozed` or not. */
export function pendingTimes(reminder: Reminder, snoozed: number | undefined): PendingTimes {
  const until = reminder.expires === undefined ? Infinity : snoozed === undefined ? reminder.expires : Math.max(reminder.expires, snoozed + SNOOZE_GRACE);
  return { at: Math.max(reminder.at, snoozed ?? 0), until };
}

/** A reminder not shown yet, with its PendingTimes. */
interface Pending extends PendingTimes {
  reminder: Reminder;
}

/** Every reminder the tasks call for that has not been shown, after its snooze. */
function* pendingReminders(
  tasks: Iterable<TrackedTask>,
  settings: ReminderSettings,
  offsetMinutes: Offset,
  shown: ReadonlySet<string>,
  snoozedUntil: ReadonlyMap<string, number>,
): Generator<Pending> {
  for (const task of tasks) {
    for (const reminder of remindersFor(task, settings, offsetMinutes)) {
      if (!shown.has(reminder.id)) yield { reminder, ...pendingTimes(reminder, snoozedUntil.get(reminder.id)) };
    }
  }
}

/** The order reminders due together are shown in: by their time, then by id. */
export const compareReminders = (a: Reminder, b: Reminder): number => a.at - b.at || a.id.localeCompare(b.id);

/**
 * The reminders to show now: due, not shown before, not snoozed past now, not out of date. A
 * reminder that fell due while the browser was closed is shown once when it opens again, unless
 * its reason has passed (a due-date reminder after the day, a task posted meanwhile:
 * remindersFor drops it).
 */
export function dueReminders(
  tasks: Iterable<TrackedTask>,
  settings: ReminderSettings,
  now: number,
  offsetMinutes: Offset,
  shown: ReadonlySet<string>,
  snoozedUntil: ReadonlyMap<string, number> = new Map(),
): Reminder[] {
  const out: Reminder[] = [];
  for (const { reminder, at, until } of pendingReminders(tasks, settings, offsetMinutes, shown, snoozedUntil)) {
    if (at <= now && now < until) out.push(reminder);
  }
  return out.sort(compareReminders);
}

/** When the next reminder falls due (the one alarm to set), or undefined when none will. */
export function nextReminderAt(
  tasks: Iterable<TrackedTask>,
  settings: ReminderSettings,
  now: number,
  offsetMinutes: Offset,
  shown: ReadonlySet<string>,
  snoozedUntil: ReadonlyMap<string, number> = new Map(),
): number | undefined {
  let next: number | undefined;
  for (const { at, until } of pendingReminders(tasks, settings, offsetMinutes, shown, snoozedUntil)) {
    if (at > now && at < until && (next === undefined || at < next)) next = at;
  }
  return next;
}

/** "Snooze 1 day": the reminder comes back a day later. */
export function snooze(snoozedUntil: ReadonlyMap<string, number>, id: string, now: number): Map<string, number> {
  return new Map(snoozedUntil).set(id, now + DAY);
}

/**
 * What the creator reads, made when the reminder is shown. A due-date reminder counts the
 * calendar days left at that moment: "due in 1 day" when shown a day late, "due today" on the
 * day, "was due on …" after it (a snoozed "due today").
 */
export function reminderText(r: Reminder, task: Pick<TrackedTask, 'taskName' | 'taskId' | 'campaignName' | 'campaignId' | 'authorizationDays'>, now: number, offsetMinutes: Offset): { title: string; message: string } {
  const names = { task: taskLabel(task), campaign: campaignLabel(task) };
  switch (r.kind) {
    case 'dueSoon':
    case 'dueToday': {
      const due = r.due ?? r.at;
      const days = localDayNumber(due, offsetMinutes) - localDayNumber(now, offsetMinutes);
      const title =
        days > 0
          ? t('reminders.dueSoonTitle', days, { count: formatNumber(days) })
          : days === 0
            ? t('reminders.dueTodayTitle')
            : t('reminders.overdueTitle', { date: formatDay(localDayNumber(due, offsetMinutes) * DAY) });
      return { title, message: t('reminders.dueMessage', names) };
    }
    case 'postedNotSubmitted':
      return { title: t('reminders.postedTitle'), message: t('reminders.postedMessage', names) };
    case 'authorizationEnds': {
      const end = formatDay(Date.parse(`${r.end ?? ''}T00:00:00Z`));
      const days = task.authorizationDays ?? 0;
      return { title: t('reminders.authorizationTitle'), message: t('reminders.authorizationMessage', { task: taskLabel(task), days: formatNumber(days), end }) };
    }
  }
}
