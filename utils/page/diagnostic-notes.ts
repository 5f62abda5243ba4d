/**
 * What page detection reports (the popup's Diagnostics, the page strip's "Task details not
 * recorded"), as codes with the one value each names; worded where shown, in the interface
 * language (locales/*.yml `diagnostics.*`, `page.notRecorded*`). The content script sends codes
 * (utils/messages.ts DiagnosticsSchema), the popup words them. Small and zod-free: the content
 * script carries it.
 */
import { t } from '../i18n';

export const DIAGNOSTIC_NOTES = [
  /** No task name in the details: the name came from the row the creator pressed / the details' first line. */
  'nameFromRow',
  'nameFromFirstLine',
  /** No campaign name in the details: the link to the campaign / the tile the creator pressed. */
  'campaignFromLink',
  'campaignFromTile',
  /** The task could not be recorded: neither its campaign nor the task / its campaign / the task. */
  'notRecordedBoth',
  'notRecordedCampaign',
  'notRecordedTask',
  /** What was read does not make a task record (`value`: the checker's words). */
  'detailsNotReadable',
  /** An invite link / campaign code was refused (`value`: why, already in the interface language). */
  'linkRefused',
  'codeRefused',
  'collapsed',
  'noTiles',
  'noTasks',
  'tileNoName',
] as const;
export type DiagnosticCode = (typeof DIAGNOSTIC_NOTES)[number];

export interface DiagnosticNote {
  code: DiagnosticCode;
  value?: string;
}

/** impact.com's page the tab shows (its own names: Find Campaigns, My Campaign Tasks, Home), or another. */
export const PAGE_KINDS = ['findCampaigns', 'tasks', 'home', 'other'] as const;
export type PageKind = (typeof PAGE_KINDS)[number];

/** One key per note: the same note twice is listed once. */
export const noteKey = (note: DiagnosticNote) => `${note.code}\n${note.value ?? ''}`;

/** A note in the creator's words; a plain string (an older content script's words) as it is; an unknown code as a generic note. */
export function noteWords(note: DiagnosticNote | { code: string; value?: string } | string): string {
  if (typeof note === 'string') return note;
  const value = note.value ?? '';
  const code = note.code;
  if (code === 'linkRefused' || code === 'codeRefused') return value || t('diagnostics.unknownNote');
  if (!(DIAGNOSTIC_NOTES as readonly string[]).includes(code)) return t('diagnostics.unknownNote');
  // Each other note's words are its own key: the page strip's "not recorded" ones, or diagnostics' ('detailsNotReadable' names the issues).
  return words(`${code.startsWith('notRecorded') ? 'page' : 'diagnostics'}.${code}`, { issues: value });
}

/** Any key of ours, by name (@wxt-dev/i18n fills only the placeholders a message has). */
const words = t as unknown as (key: string, substitutions: Record<string, string>) => string;

/** The page's name: impact.com's own for its pages; a name from an older content script as it is. */
export function pageKindWords(kind: string): string {
  switch (kind as PageKind) {
    case 'findCampaigns':
      return t('diagnostics.pageFindCampaigns');
    case 'tasks':
      return t('diagnostics.pageTasks');
    case 'home':
      return t('diagnostics.pageHome');
    case 'other':
      return t('diagnostics.pageOther');
    default:
      return kind;
  }
}
