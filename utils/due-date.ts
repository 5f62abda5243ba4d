/**
 * Due dates as impact.com prints them ("Dec 15, 2026"), turned into a calendar day and a few
 * words ("due in 2 days", "due today", "overdue by 3 days"). The exact format on the real
 * site is unknown, so a handful of common English formats are read and anything else is
 * shown as the page showed it, without words, rather than guessed. The words are in the
 * interface language (locales/*.yml `due.*`).
 */
import { formatNumber, t } from './i18n';

export interface CalendarDay {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function monthIndex(name: string): number | undefined {
  const i = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  return i >= 0 ? i + 1 : undefined;
}

function valid(year: number, month: number, day: number): CalendarDay | null {
  if (!Number.isInteger(year) || year < 2000 || year > 2200) return null;
  if (month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth ? { year, month, day } : null;
}

// Few distinct due dates, read very often (every task, for sorting, reminders, the head): the
// readings are remembered, up to a bound, as frozen objects.
const readings = new Map<string, Readonly<CalendarDay> | null>();
const MAX_READINGS = 5_000;

/** Read a due date; null when the text is not one of the known formats. */
export function parseDueDate(text: string | undefined): Readonly<CalendarDay> | null {
  const key = text ?? '';
  let day = readings.get(key);
  if (day === undefined) {
    if (readings.size >= MAX_READINGS) readings.clear();
    day = readDueDate(key);
    readings.set(key, day && Object.freeze(day));
  }
  return day;
}

function readDueDate(text: string): CalendarDay | null {
  const t = text.replace(/\s+/g, ' ').trim().replace(/^due( date)?:?\s*/i, '');
  if (!t) return null;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ])/.exec(t);
  if (m) return valid(Number(m[1]), Number(m[2]), Number(m[3]));
  // "Dec 15, 2026", "December 15 2026", "Tue, Dec 15, 2026"
  m = /^(?:[A-Za-z]{3,9},? )?([A-Za-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})\b/.exec(t);
  if (m) {
    const month = monthIndex(m[1]!);
    return month ? valid(Number(m[3]), month, Number(m[2])) : null;
  }
  // "15 Dec 2026", "15 December, 2026"
  m = /^(\d{1,2}) ([A-Za-z]{3,9})\.?,? (\d{4})\b/.exec(t);
  if (m) {
    const month = monthIndex(m[2]!);
    return month ? valid(Number(m[3]), month, Number(m[1])) : null;
  }
  // "12/15/2026": impact.com's English UI is US-first, so month comes first.
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\b/.exec(t);
  if (m) return valid(Number(m[3]), Number(m[1]), Number(m[2]));
  return null;
}

export function calendarDayIso(day: CalendarDay): string {
  return `${day.year}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`;
}

/** The due date as YYYY-MM-DD when it can be read, otherwise the page's text. */
export function dueDateForExport(text: string | undefined): string {
  const day = parseDueDate(text);
  return day ? calendarDayIso(day) : (text ?? '');
}

/** Whole calendar days from `now` (local time) to the due day; negative when past. */
export function daysUntilDue(text: string | undefined, now: number): number | undefined {
  const due = parseDueDate(text);
  if (!due) return undefined;
  const today = new Date(now);
  const startOfToday = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  const dueDay = Date.UTC(due.year, due.month - 1, due.day);
  return Math.round((dueDay - startOfToday) / 86_400_000);
}

export type DueUrgency = 'overdue' | 'soon' | 'later';

export interface DueWords {
  text: string;
  urgency: DueUrgency;
}

/** "due in 2 days", "due tomorrow", "due today", "overdue by 1 day"; undefined when unknown. */
export function dueWords(text: string | undefined, now: number): DueWords | undefined {
  const days = daysUntilDue(text, now);
  if (days === undefined) return undefined;
  if (days < 0) return { text: t('due.overdue', -days, { count: formatNumber(-days) }), urgency: 'overdue' };
  if (days === 0) return { text: t('due.today'), urgency: 'soon' };
  if (days === 1) return { text: t('due.tomorrow'), urgency: 'soon' };
  return { text: t('due.inDays', days, { count: formatNumber(days) }), urgency: days <= 3 ? 'soon' : 'later' };
}

/** Sort key: the due day as a number, unknown dates last. */
export function dueSortKey(text: string | undefined): number {
  const day = parseDueDate(text);
  return day ? Date.UTC(day.year, day.month - 1, day.day) : Number.POSITIVE_INFINITY;
}
