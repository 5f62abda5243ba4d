/**
 * What page detection reports is sent as codes (utils/page/diagnostic-notes.ts) and worded by
 * the popup's Diagnostics panel in the interface language: every note in English (the words of
 * earlier versions, exactly) and in French; an older content script's plain text as it is; an
 * unknown code as a generic note.
 */
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { installFakeI18n } from './fake-i18n';
import { DIAGNOSTIC_NOTES, PAGE_KINDS, noteWords, pageKindWords, type DiagnosticCode } from '../../utils/page/diagnostic-notes';
import { DiagnosticsPanel } from '../../components/DiagnosticsPanel';
import type { Diagnostics } from '../../utils/messages';

const VALUES: Partial<Record<DiagnosticCode, string>> = { detailsNotReadable: 'campaignName: Too small', linkRefused: 'This is not a TikTok link: it uses http, not https.', codeRefused: 'The campaign code is empty.' };

/** English as earlier versions reported it (utils/page/task.ts, utils/page/diagnostics.ts). */
const ENGLISH: Record<DiagnosticCode, string> = {
  nameFromRow: 'No task name heading in the details: used the row whose View Task Details you pressed.',
  nameFromFirstLine: 'No task name heading in the details: used the first line of the details.',
  campaignFromLink: 'No campaign name in the details: used the link to the campaign.',
  campaignFromTile: 'No campaign name on the page: used the tile whose Manage Tasks you pressed.',
  notRecordedBoth: 'Task details not recorded: could not tell its campaign (no name or id in the details, the page or the address) nor the task (no heading, name field, id, or pressed row).',
  notRecordedCampaign: 'Task details not recorded: could not tell its campaign (no name or id in the details, the page or the address).',
  notRecordedTask: 'Task details not recorded: could not tell the task (no heading, name field, id, or pressed row).',
  detailsNotReadable: 'Task details not readable: campaignName: Too small',
  linkRefused: 'This is not a TikTok link: it uses http, not https.',
  codeRefused: 'The campaign code is empty.',
  collapsed: 'A TTCM Branded Content Details section is collapsed: open it to read the invite link and campaign code.',
  noTiles: 'No campaign tiles were recognised on this page (it may still be loading, or the site changed).',
  noTasks: 'No tasks were recognised on this page (it may still be loading, or the site changed).',
  tileNoName: 'A TikTok campaign tile has no readable campaign name.',
};
const note = (code: DiagnosticCode) => ({ code, ...(VALUES[code] ? { value: VALUES[code] } : {}) });
/** Already in the interface language when the page sent them (the content script words link checks). */
const PAGE_WORDED = new Set<DiagnosticCode>(['linkRefused', 'codeRefused']);

describe('diagnostic notes', () => {
  it('in English: the words earlier versions reported', () => {
    for (const code of DIAGNOSTIC_NOTES) expect(noteWords(note(code)), code).toBe(ENGLISH[code]);
    expect(PAGE_KINDS.map(pageKindWords)).toEqual(['Find Campaigns', 'My Campaign Tasks', 'Home', 'Other impact.com page']);
  });

  it('in French: their own words (impact.com’s page names stay its own)', () => {
    installFakeI18n('fr');
    for (const code of DIAGNOSTIC_NOTES) {
      if (PAGE_WORDED.has(code)) expect(noteWords(note(code)), code).toBe(VALUES[code]);
      else expect(noteWords(note(code)), code).not.toBe(ENGLISH[code]);
    }
    expect(noteWords(note('detailsNotReadable'))).toBe('Détails de la tâche illisibles : campaignName: Too small');
    expect(PAGE_KINDS.map(pageKindWords)).toEqual(['Find Campaigns', 'My Campaign Tasks', 'Home', 'Autre page impact.com']);
  });

  it('an older content script’s plain text shows as it is; an unknown code as a generic note', () => {
    installFakeI18n('fr');
    expect(noteWords('No TTCM Branded Content Details section on this page.')).toBe('No TTCM Branded Content Details section on this page.');
    expect(pageKindWords('Find Campaigns · Participating')).toBe('Find Campaigns · Participating');
    expect(noteWords({ code: 'fromTheFuture' })).toBe('Un élément de cette page n’a pas été reconnu.');
    expect(noteWords({ code: 'linkRefused' })).toBe('Un élément de cette page n’a pas été reconnu.');
  });

  it('the popup’s Diagnostics panel words the codes in the interface language', async () => {
    installFakeI18n('fr');
    const found: Diagnostics = {
      url: 'https://app.impact.com/secure/mediapartner/campaigns/tasks-flow.ihtml',
      page: 'tasks',
      tiles: 0,
      tiktokTiles: 0,
      ttcmSections: 1,
      inviteLinks: { valid: 1, invalid: 0 },
      campaignCodes: 1,
      problems: [{ code: 'nameFromRow' }, { code: 'collapsed' }, 'Plain words of an older version.'],
    };
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({ ok: true, value: found } as never);
    // The page actions (which carry the diagnostics) are already in the tab.
    fakeBrowser.scripting.executeScript = vi.fn(async () => [{ frameId: 0, result: true }]) as never;
    const user = userEvent.setup();
    render(<DiagnosticsPanel tab={{ id: 3, url: found.url }} />);
    await user.click(screen.getByText('Diagnostic'));
    expect(await screen.findByText('My Campaign Tasks')).toBeInTheDocument();
    expect(screen.getByText('Pas de titre avec le nom de la tâche dans les détails : nom repris de la ligne dont vous avez cliqué « View Task Details ».')).toBeInTheDocument();
    expect(screen.getByText(/^Une section « TTCM Branded Content Details » est repliée/)).toBeInTheDocument();
    expect(screen.getByText('Plain words of an older version.')).toBeInTheDocument();
  });
});
