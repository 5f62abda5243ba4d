/**
 * "Export CSV" of the overview: RFC 4180 (papaparse), with a UTF-8 byte-order mark so that
 * spreadsheet programs read accents and emoji correctly, and formula injection neutralised:
 * campaign and task names come from brands, and a cell such as `=HYPERLINK(...)` must stay text.
 */
import Papa from 'papaparse';
import { STATE_LABELS } from './tracker/machine';
import type { TrackedTask } from './tracker/schema';
import { PATH_LABELS, stepProgress } from './tracker/steps';
import { accountLabel, lastRetrieveAttempt } from './tracker/table-view';
import { dueDateForExport } from './due-date';

export const CSV_BOM = '\uFEFF';

export const CSV_HEADER = [
  'Account',
  'Campaign',
  'Brand',
  'Task',
  'State',
  'impact.com status',
  'Due date',
  'Invite link',
  'Campaign code',
  'Path',
  'Steps done',
  'Last retrieve attempt',
] as const;

/** Spreadsheets run a cell starting with one of these as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralizeFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** Local time as "YYYY-MM-DD HH:MM": sorts as text and every spreadsheet reads it. */
export function formatLocalDateTime(ms: number | undefined): string {
  if (ms === undefined) return '';
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

export function csvRow(task: TrackedTask): string[] {
  const progress = stepProgress(task);
  return [
    accountLabel(task),
    task.campaignName,
    task.brand,
    task.taskName,
    STATE_LABELS[task.state],
    task.impactStatus ?? '',
    dueDateForExport(task.dueDate),
    task.inviteLink ?? '',
    task.campaignCode ?? '',
    PATH_LABELS[task.path],
    `${progress.done}/${progress.total}`,
    formatLocalDateTime(lastRetrieveAttempt(task)),
  ];
}

/** The whole file, BOM included, rows in the order given. */
export function tasksToCsv(tasks: readonly TrackedTask[]): string {
  const rows = [[...CSV_HEADER], ...tasks.map(csvRow)].map((row) => row.map(neutralizeFormula));
  return CSV_BOM + Papa.unparse(rows, { newline: '\r\n', quotes: false, escapeFormulae: false });
}

export function csvFileName(now: number): string {
  return `tiktok-deliverables-${formatLocalDateTime(now).slice(0, 10)}.csv`;
}
