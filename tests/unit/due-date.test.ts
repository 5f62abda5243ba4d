import { describe, expect, it } from 'vitest';
import { daysUntilDue, dueDateForExport, dueSortKey, dueWords, parseDueDate } from '../../utils/due-date';

// Local noon, so the tests hold in every time zone.
const at = (y: number, m: number, d: number, h = 12) => new Date(y, m - 1, d, h).getTime();

describe('parseDueDate', () => {
  it.each([
    ['Dec 15, 2026', { year: 2026, month: 12, day: 15 }],
    ['December 5 2026', { year: 2026, month: 12, day: 5 }],
    ['Tue, Dec 15, 2026', { year: 2026, month: 12, day: 15 }],
    ['15 Dec 2026', { year: 2026, month: 12, day: 15 }],
    ['2026-12-15', { year: 2026, month: 12, day: 15 }],
    ['2026-12-15T23:59:00Z', { year: 2026, month: 12, day: 15 }],
    ['12/15/2026', { year: 2026, month: 12, day: 15 }],
    ['Due: Jan 3, 2027', { year: 2027, month: 1, day: 3 }],
  ])('reads %s', (text, day) => {
    expect(parseDueDate(text)).toEqual(day);
  });

  it.each(['', 'soon', 'Feb 30, 2026', '13/01/2026', 'Smarch 3, 2026', undefined])('refuses %s', (text) => {
    expect(parseDueDate(text)).toBeNull();
  });
});

describe('due words', () => {
  it('counts calendar days, not 24-hour periods', () => {
    // 23:30 the evening before: tomorrow is one day away, though only 30 minutes remain.
    expect(daysUntilDue('Dec 15, 2026', at(2026, 12, 14, 23))).toBe(1);
    expect(daysUntilDue('Dec 15, 2026', at(2026, 12, 15, 0))).toBe(0);
  });

  it.each([
    [at(2026, 12, 13), 'due in 2 days', 'soon'],
    [at(2026, 12, 1), 'due in 14 days', 'later'],
    [at(2026, 12, 14), 'due tomorrow', 'soon'],
    [at(2026, 12, 15), 'due today', 'soon'],
    [at(2026, 12, 16), 'overdue by 1 day', 'overdue'],
    [at(2026, 12, 20), 'overdue by 5 days', 'overdue'],
  ])('at %s says "%s"', (now, text, urgency) => {
    expect(dueWords('Dec 15, 2026', now)).toEqual({ text, urgency });
  });

  it('says nothing about a date it cannot read', () => {
    expect(dueWords('end of campaign', at(2026, 12, 1))).toBeUndefined();
  });

  it('across a month and year boundary', () => {
    expect(dueWords('Jan 2, 2027', at(2026, 12, 31))?.text).toBe('due in 2 days');
  });
});

describe('export and sort', () => {
  it('exports a readable date as YYYY-MM-DD and keeps anything else as shown', () => {
    expect(dueDateForExport('Dec 5, 2026')).toBe('2026-12-05');
    expect(dueDateForExport('end of campaign')).toBe('end of campaign');
    expect(dueDateForExport(undefined)).toBe('');
  });

  it('sorts unknown dates after known ones', () => {
    expect(dueSortKey('Dec 5, 2026')).toBeLessThan(dueSortKey('Dec 6, 2026'));
    expect(dueSortKey('whenever')).toBe(Number.POSITIVE_INFINITY);
  });
});
