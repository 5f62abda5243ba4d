/**
 * "Export CSV" of the overview: RFC 4180 (papaparse), with a UTF-8 byte-order mark so that
 * spreadsheet programs read accents and emoji correctly, and formula injection neutralised:
 * campaign and task names come from brands, and a cell such as `=HYPERLINK(...)` must stay text.
 */
import Papa from 'papaparse';
import type { TrackerState } from './tracker/machine';
import type { DeliveryPath, TrackedTask } from './tracker/schema';
import { stepProgress } from './tracker/steps';
import { accountLabel, lastRetrieveAttempt } from './tracker/table-view';
import { dueDateForExport } from './due-date';
import { taskLabelEnglish } from './tracker/names';

export const CSV_BOM = '\uFEFF';

/**
 * The file is the same in every interface language (a stable format for spreadsheets and
 * scripts): the English header, states and paths below, as ui-contract.md names them.
 */
const STATE_NAMES: Record<TrackerState, string> = {
  notStarted: 'Not started',
  inProgress: 'In progress',
  posted: 'Posted',
  retrieving: 'Retrieving',
  submitted: 'Submitted',
  retryScheduled: 'Retry scheduled',
  needsAttention: 'Needs attention',
};
const PATH_NAMES: Record<DeliveryPath, string> = { inviteLink: 'Invite link', campaignCode: 'Campaign code' };

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
  /** When the task was archived (tracker/archive.ts); empty for an active task. Last, so older scripts' columns keep their places. */
  'Archived',
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
    taskLabelEnglish(task),
    STATE_NAMES[task.state],
    task.impactStatus ?? '',
    dueDateForExport(task.dueDate),
    task.inviteLink ?? '',
    task.campaignCode ?? '',
    PATH_NAMES[task.path],
    `${progress.done}/${progress.total}`,
    formatLocalDateTime(lastRetrieveAttempt(task)),
    formatLocalDateTime(task.archivedAt),
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
