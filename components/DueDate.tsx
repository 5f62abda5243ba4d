import { dueWords } from '@/utils/due-date';
import type { TrackerState } from '@/utils/tracker/machine';

/** "Dec 15, 2026 · due in 2 days"; no words once the task is submitted (nothing is due any more). */
export function DueDate({ dueDate, state, now }: { dueDate?: string; state: TrackerState; now: number }) {
  if (!dueDate) return <span className="muted">No due date</span>;
  const words = state === 'submitted' ? undefined : dueWords(dueDate, now);
  return (
    <span className="due" data-urgency={words?.urgency}>
      {dueDate}
      {words ? ` · ${words.text}` : ''}
    </span>
  );
}
