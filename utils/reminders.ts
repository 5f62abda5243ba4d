/**
 * Reminders (issue 11), pure: which notifications a task calls for and when, so that the
 * worker can set one alarm for the next and, when it fires, show each reminder due exactly
 * once (the ids already shown are kept in storage). No browser API and no clock here.
 *
 * - before the due date (default 2 days before, at the morning hour) and on the morning of the
 *   day, while the task is not yet Posted;
 * - "posted but not submitted" 24 h after Mark as posted, while it is not Submitted;
 * - once the video is posted and the Statement of Work's ad authorization window is known:
 *   the date the window ends.
 *
 * Times are the creator's local time: `offsetMinutes` is Date#getTimezoneOffset's (UTC − local).
 * Wiring (alarms, notifications with Open task / Snooze 1 day, Settings) is not done yet.
 */
import { parseDueDate } from './due-date';
import type { TrackedTask } from './tracker/schema';
import { formatNumber, t } from './i18n';

/** What the creator reads. Kept together for translation. */
export const words = {
  dueSoonTitle: (days: number) => t('reminders.dueSoonTitle', days, { count: formatNumber(days) }),
  get dueTodayTitle() {
    return t('reminders.dueTodayTitle');
  },
  dueMessage: (task: string, campaign: string) => t('reminders.dueMessage', { task, campaign }),
  get postedTitle() {
    return t('reminders.postedTitle');
  },
  postedMessage: (task: string, campaign: string) => t('reminders.postedMessage', { task, campaign }),
  get authorizationTitle() {
    return t('reminders.authorizationTitle');
  },
  authorizationMessage: (task: string, days: number, end: string) => t('reminders.authorizationMessage', { task, days: formatNumber(days), end }),
};

export const REMINDER_KINDS = ['dueSoon', 'dueToday', 'postedNotSubmitted', 'authorizationEnds'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export interface ReminderSettings {
  /** Each kind can be switched off. */
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

export interface Reminder {
  /** One per task, kind and date: shown at most once. */
  id: string;
  key: string;
  kind: ReminderKind;
  at: number;
  title: string;
  message: string;
}

const DAY = 86_400_000;
const NOT_POSTED = new Set(['notStarted', 'inProgress']);
const POSTED_NOT_SUBMITTED = new Set(['posted', 'retrieving', 'retryScheduled', 'needsAttention']);

/** Local midnight-plus-`hour` of a calendar day, as epoch ms. */
function localTime(year: number, month: number, day: number, hour: number, offsetMinutes: number): number {
  return Date.UTC(year, month - 1, day, hour) + offsetMinutes * 60_000;
}

/** When the creator said the video was posted (the step, else the history). */
export function postedAt(task: TrackedTask): number | undefined {
  return task.steps.videoPosted ?? task.history.findLast((h) => h.event === 'markPosted')?.at;
}

function isoDay(ms: number, offsetMinutes: number): string {
  return new Date(ms - offsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** Every reminder the task calls for now, due or not (the caller keeps those at or before `now`). */
export function remindersFor(task: TrackedTask, settings: ReminderSettings, offsetMinutes: number): Reminder[] {
  const out: Reminder[] = [];
  const make = (kind: ReminderKind, at: number, day: string, title: string, message: string) =>
    out.push({ id: `${kind}|${day}|${task.key}`, key: task.key, kind, at, title, message });
  const due = parseDueDate(task.dueDate);
  if (due && NOT_POSTED.has(task.state)) {
    const dayIso = `${due.year}-${String(due.month).padStart(2, '0')}-${String(due.day).padStart(2, '0')}`;
    const morning = localTime(due.year, due.month, due.day, settings.morningHour, offsetMinutes);
    if (settings.enabled.dueSoon && settings.daysBefore > 0) {
      make('dueSoon', morning - settings.daysBefore * DAY, dayIso, words.dueSoonTitle(settings.daysBefore), words.dueMessage(task.taskName, task.campaignName));
    }
    if (settings.enabled.dueToday) make('dueToday', morning, dayIso, words.dueTodayTitle, words.dueMessage(task.taskName, task.campaignName));
  }
  const posted = postedAt(task);
  if (posted !== undefined && settings.enabled.postedNotSubmitted && POSTED_NOT_SUBMITTED.has(task.state)) {
    make('postedNotSubmitted', posted + DAY, isoDay(posted, offsetMinutes), words.postedTitle, words.postedMessage(task.taskName, task.campaignName));
  }
  if (posted !== undefined && task.authorizationDays && settings.enabled.authorizationEnds && task.state !== 'notStarted' && task.state !== 'inProgress') {
    const end = isoDay(posted + task.authorizationDays * DAY, offsetMinutes);
    make('authorizationEnds', posted, end, words.authorizationTitle, words.authorizationMessage(task.taskName, task.authorizationDays, end));
  }
  return out;
}

/**
 * The reminders to show now: due, not shown before, not snoozed past now. A reminder that fell
 * due while the browser was closed is shown once when it opens again, unless its reason has
 * passed (a due-date reminder after the day, a task posted meanwhile: remindersFor drops it).
 */
export function dueReminders(
  tasks: Iterable<TrackedTask>,
  settings: ReminderSettings,
  now: number,
  offsetMinutes: number,
  shown: ReadonlySet<string>,
  snoozedUntil: ReadonlyMap<string, number> = new Map(),
): Reminder[] {
  const out: Reminder[] = [];
  for (const task of tasks) {
    for (const r of remindersFor(task, settings, offsetMinutes)) {
      if (r.at > now || shown.has(r.id) || (snoozedUntil.get(r.id) ?? 0) > now) continue;
      if ((r.kind === 'dueSoon' || r.kind === 'dueToday') && now > r.at + (r.kind === 'dueToday' ? DAY : settings.daysBefore * DAY)) continue;
      out.push(r);
    }
  }
  return out.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
}

/** When the next reminder falls due (the one alarm to set), or undefined when none will. */
export function nextReminderAt(
  tasks: Iterable<TrackedTask>,
  settings: ReminderSettings,
  now: number,
  offsetMinutes: number,
  shown: ReadonlySet<string>,
  snoozedUntil: ReadonlyMap<string, number> = new Map(),
): number | undefined {
  let next: number | undefined;
  for (const task of tasks) {
    for (const r of remindersFor(task, settings, offsetMinutes)) {
      if (shown.has(r.id)) continue;
      const at = Math.max(r.at, snoozedUntil.get(r.id) ?? 0);
      if (at > now && (next === undefined || at < next)) next = at;
    }
  }
  return next;
}

/** "Snooze 1 day": the reminder comes back a day later. */
export function snooze(snoozedUntil: ReadonlyMap<string, number>, id: string, now: number): Map<string, number> {
  return new Map(snoozedUntil).set(id, now + DAY);
}
