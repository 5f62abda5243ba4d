/**
 * Archived tasks in the pages: the overview leaves them out of its default view and counts and
 * shows them on demand (the Archived count or State choice, everything, a search), with their
 * mark and Unarchive; Export CSV and Export backup carry them. The popup leaves them out. The
 * Settings form holds the setting (30 days by default, "never" possible).
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import { PopupApp } from '../../entrypoints/popup/App';
import { archiveChoices, SettingsForm } from '../../entrypoints/overview/SettingsForm';
import { checkBackupText } from '../../utils/backup';
import { formatLocalDateTime } from '../../utils/csv';
import { DAY_MS } from '../../utils/tracker/archive';
import type { TrackerData } from '../../utils/tracker/schema';
import { readSettings, readTracker, settingsItem } from '../../utils/tracker/storage';
import { NOW, fakeBackground, scenario, seedTracker, seedTrackerWithHead } from './popup-overview-fixtures';
import { dataRows, overviewTestSetup, renderOverview, rowOf } from './overview-fixtures';

const { downloads } = overviewTestSetup();
const ARCHIVED_AT = NOW - 2 * DAY_MS;

/** The scenario with UK Glow (its one submitted task) archived. */
function withUkArchived(): { data: TrackerData; key: string } {
  const { data, keys } = scenario();
  const uk = data.tasks[keys.ukGlow]!;
  return { data: { tasks: { ...data.tasks, [keys.ukGlow]: { ...uk, archivedAt: ARCHIVED_AT, updatedAt: ARCHIVED_AT } } }, key: keys.ukGlow };
}
const ukRow = () => rowOf('TikTok Video', 'Summer Glow Serum Launch');
const shownKeys = () => dataRows().map((r) => r.getAttribute('data-task-key'));

describe('the overview shows archived tasks on demand', () => {
  it('leaves them out by default, counts them apart, and shows them with their mark and Unarchive', async () => {
    const { data, key } = withUkArchived();
    await seedTrackerWithHead(data);
    const background = fakeBackground('overview.html');
    const { user, container } = await renderOverview({ withRows: true });

    expect(screen.getByText('4 tasks across 3 campaigns, and 1 archived task')).toBeInTheDocument();
    expect(dataRows()).toHaveLength(4);
    expect(shownKeys()).not.toContain(key);
    expect(screen.getByRole('button', { name: 'Submitted: 0' })).toBeInTheDocument();
    const state = screen.getByRole('combobox', { name: 'State' });
    expect(within(state).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'All states (4)',
      'Not started (2)',
      'In progress (1)',
      'Posted (0)',
      'Retrieving (0)',
      'Submitted (0)',
      'Retry scheduled (1)',
      'Needs attention (0)',
      'Archived (1)',
      'All, archived included (5)',
    ]);
    expect(screen.getByText(/^Archived tasks \(see Settings\) are shown when you search/)).toBeInTheDocument();

    // The count is a button, like the others: only the archived ones, marked, with Unarchive.
    const archivedCount = screen.getByRole('button', { name: 'Archived: 1' });
    await user.click(archivedCount);
    expect(archivedCount).toHaveAttribute('aria-pressed', 'true');
    expect(state).toHaveValue('archived');
    expect(shownKeys()).toEqual([key]);
    expect(within(ukRow()).getByText('Archived')).toHaveClass('archived-tag');
    expect(within(ukRow()).getByText('Submitted')).toBeInTheDocument();
    expect(screen.getByText('1 shown · 0 selected')).toBeInTheDocument();
    expect((await axe.run(container)).violations).toEqual([]);

    // Exported as shown, with the day it was archived.
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(downloads().files).toHaveLength(1));
    const lines = downloads().files[0]!.text.split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^Maya Creates UK \(7654321\),Summer Glow Serum Launch,.*,Submitted,TikTok Video pending approval,/);
    expect(lines[1]!.endsWith(`,${formatLocalDateTime(ARCHIVED_AT)}`)).toBe(true);

    // Pressed again: the default view. A search finds it; "All, archived included" shows every task.
    await user.click(archivedCount);
    expect(dataRows()).toHaveLength(4);
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'ukglow1');
    await waitFor(() => expect(shownKeys()).toEqual([key]));
    await user.clear(screen.getByRole('searchbox', { name: 'Search' }));
    await user.selectOptions(state, 'everything');
    await waitFor(() => expect(dataRows()).toHaveLength(5));

    // Export backup holds every task, the archived one whole with its mark.
    await user.selectOptions(state, '');
    await user.click(screen.getByRole('button', { name: 'Export backup' }));
    await waitFor(() => expect(downloads().files).toHaveLength(2));
    const backup = checkBackupText(downloads().files[1]!.text);
    expect(backup.ok && backup.tasks).toHaveLength(5);
    expect(backup.ok && backup.tasks.find((t) => t.key === key)).toEqual(data.tasks[key]);

    // Unarchive: active again, in the default view and the counts.
    await user.selectOptions(state, 'archived');
    await user.click(within(ukRow()).getByRole('button', { name: 'Unarchive' }));
    expect(background.sent.at(-1)).toEqual({ type: 'unarchive', key });
    await screen.findByText('5 tasks across 4 campaigns');
    expect((await readTracker()).data.tasks[key]!.archivedAt).toBeUndefined();
    // The Archived view stays chosen (now empty) until left; its count goes with it.
    expect(screen.getByRole('button', { name: 'Archived: 0' })).toHaveAttribute('aria-pressed', 'true');
    await user.selectOptions(state, '');
    await waitFor(() => expect(dataRows()).toHaveLength(5));
    expect(screen.queryByRole('button', { name: /^Archived: / })).not.toBeInTheDocument();
    const row = dataRows().find((r) => r.getAttribute('data-task-key') === key)!;
    expect(row).not.toHaveAttribute('data-archived');
    expect(within(row).queryByText('Archived')).not.toBeInTheDocument();
  });

  it('says where they are when every task is archived', async () => {
    const { data } = scenario();
    const tasks = Object.fromEntries(Object.entries(data.tasks).map(([k, t]) => [k, { ...t, state: 'submitted' as const, archivedAt: ARCHIVED_AT }]));
    await seedTracker({ tasks });
    fakeBackground('overview.html');
    await renderOverview();
    await screen.findByText('0 tasks across 0 campaigns, and 5 archived tasks');
    expect(screen.getByText('Every task is archived: choose Archived under State, or search, to see them.')).toBeInTheDocument();
  });
});

describe('the popup leaves archived tasks out', () => {
  it('lists the active ones only (the archived one was the only submitted one)', async () => {
    const { data } = withUkArchived();
    await seedTrackerWithHead(data);
    fakeBackground();
    render(<PopupApp />);
    await screen.findByRole('heading', { level: 2, name: 'Tasks to do' });
    await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(4));
    expect(screen.queryByRole('button', { name: /^Submitted \(/ })).not.toBeInTheDocument();
    expect(screen.queryByText(/Maya Creates UK/)).not.toBeInTheDocument();
  });

  it('says so when every task is archived', async () => {
    const { data } = scenario();
    const tasks = Object.fromEntries(Object.entries(data.tasks).map(([k, t]) => [k, { ...t, state: 'submitted' as const, archivedAt: ARCHIVED_AT }]));
    await seedTrackerWithHead({ tasks });
    fakeBackground();
    render(<PopupApp />);
    expect(await screen.findByText('All 5 tasks are archived: Submitted and unchanged for a while. The overview shows them.')).toBeInTheDocument();
    expect(screen.queryByRole('article')).not.toBeInTheDocument();
  });
});

describe('the setting in Settings', () => {
  it('offers the usual periods and never, 30 days by default, and saves the choice through the background', async () => {
    const background = fakeBackground('overview.html');
    const { user } = await renderOverview();
    const settings = within(screen.getByRole('region', { name: 'Settings' }));
    const select = settings.getByRole('combobox', { name: 'Archive Submitted tasks' });
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'after 7 days without changes',
      'after 14 days without changes',
      'after 30 days without changes',
      'after 60 days without changes',
      'after 90 days without changes',
      'after 180 days without changes',
      'after 365 days without changes',
      'never',
    ]);
    expect(select).toHaveValue('30');
    expect(select).toHaveAccessibleDescription(/^An archived task leaves the popup and the overview's lists and counts/);

    await user.selectOptions(select, 'never');
    await user.click(settings.getByRole('button', { name: 'Save settings' }));
    expect(background.sent.at(-1)).toMatchObject({ type: 'updateSettings', settings: { archiveAfterDays: null } });
    expect(await settings.findByText('Settings saved.')).toBeInTheDocument();
    expect((await readSettings()).archiveAfterDays).toBeNull();
    expect(select).toHaveValue('never');

    await user.selectOptions(select, '90');
    await user.click(settings.getByRole('button', { name: 'Save settings' }));
    await waitFor(async () => expect((await readSettings()).archiveAfterDays).toBe(90));
  });

  it('shows a stored period that is not one of the usual ones (a tool set it) as it is', async () => {
    await settingsItem.setValue({ archiveAfterDays: 45 });
    fakeBackground('overview.html');
    render(<SettingsForm settings={await readSettings()} />);
    expect(screen.getByRole('combobox', { name: 'Archive Submitted tasks' })).toHaveValue('45');
    expect(archiveChoices(45)).toEqual([7, 14, 30, 45, 60, 90, 180, 365]);
    expect(archiveChoices(null)).toEqual([7, 14, 30, 60, 90, 180, 365]);
  });
});
