import { dueWords, parseDueDate } from '@/utils/due-date';
import { formatDay, t } from '@/utils/i18n';
import type { TrackerState } from '@/utils/tracker/machine';

/** The due day as the interface language writes it ("Dec 15, 2026"), or the page's text when it cannot be read. */
export function dueDayText(dueDate: string): string {
  const day = parseDueDate(dueDate);
  return day ? formatDay(Date.UTC(day.year, day.month - 1, day.day)) : dueDate;
}

/** "Dec 15, 2026 · due in 2 days"; no words once the task is submitted (nothing is due any more). */
export function DueDate({ dueDate, state, now }: { dueDate?: string; state: TrackerState; now: number }) {
  if (!dueDate) return <span className="muted">{t('due.none')}</span>;
  const words = state === 'submitted' ? undefined : dueWords(dueDate, now);
  const date = dueDayText(dueDate);
  return (
    <span className="due" data-urgency={words?.urgency}>
      {words ? t('due.withWords', { date, words: words.text }) : date}
    </span>
  );
}
