import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import { describe, expect, it, vi } from 'vitest';
import { parseDelays } from '../../entrypoints/overview/SettingsForm';
import { checkBackupText, makeBackup } from '../../utils/backup';
import { CSV_BOM } from '../../utils/csv';
import { formatDateTime } from '../../utils/i18n';
import { readSettings, readTracker, recoveryItem, trackerItem } from '../../utils/tracker/storage';
import { NOW, T0, fakeBackground, manyTasks, scenario, seedTracker, tasksOf } from './popup-overview-fixtures';
import { cellTexts, dataRows, overviewTestSetup, renderOverview, rowOf } from './overview-fixtures';

const HEADER = 'Account,Campaign,Brand,Task,State,impact.com status,Due date,Invite link,Campaign code,Path,Steps done,Last retrieve attempt,Archived';

const campaignsShown = () => dataRows().map((r) => `${cellTexts(r)[1]} · ${cellTexts(r)[3]} / ${cellTexts(r)[4]}`);

const { downloads } = overviewTestSetup();

describe('overview table', () => {
  it('shows one row per task across campaigns and accounts, with every column', async () => {
    await seedTracker(scenario().data);
    fakeBackground('overview.html');
    await renderOverview();

    expect(screen.getByText('5 tasks across 4 campaigns')).toBeInTheDocument();
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      '',
      'Campaign',
      'Brand',
      'Account',
      'Task',
      'State',
      'Due date',
      'impact.com status',
      'Invite link',
      'Campaign code',
      'Last retrieve attempt',
      'Actions',
    ]);
    expect(dataRows()).toHaveLength(5);
    expect(cellTexts(rowOf('TikTok Video', 'Holiday Gift Guide 2026'))).toEqual([
      '',
      'Holiday Gift Guide 2026',
      'Hearth & Home Co.',
      'Maya Creates (1234567)',
      'TikTok Video',
      'Retry scheduled',
      'Dec 18, 2026 · due in 15 days',
      'Awaiting submission',
      'https://vt.tiktok.com/ZSx7Lm2Qp/',
      'hh26GIFT4Tq',
      // In the interface language through Intl (the CSV keeps 2026-12-04 14:05: csv.test.ts).
      formatDateTime(T0 + 21_000),
      'Retry nowOpen on impact.com',
    ]);
    const styling = cellTexts(rowOf('TikTok Video – Styling', 'Back to School Drop: Two Videos'));
    expect(styling[8]).toBe('Not a TikTok link');
    expect(styling[10]).toBe('never');
    expect(styling[11]).toBe('Mark as postedOpen on impact.com');
  });

  it('Search narrows the rows as you type; the State filter and the counts per state agree', async () => {
    await seedTracker(scenario().data);
    fakeBackground('overview.html');
    const { user } = await renderOverview();

    const counts = screen.getByRole('list', { name: 'Tasks per state' });
    expect(within(counts).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Not started: 2',
      'In progress: 1',
      'Posted: 0',
      'Retrieving: 0',
      'Submitted: 1',
      'Retry scheduled: 1',
      'Needs attention: 0',
    ]);

    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'lumière');
    await waitFor(() => expect(dataRows()).toHaveLength(2));
    // The same campaign of two creator accounts: two rows, told apart by the Account column;
    // most urgent first (in progress before submitted, whatever the due dates).
    expect(campaignsShown()).toEqual(['Summer Glow Serum Launch · Maya Creates (1234567) / TikTok Video', 'Summer Glow Serum Launch · Maya Creates UK (7654321) / TikTok Video']);

    await user.selectOptions(screen.getByRole('combobox', { name: 'State' }), 'Submitted (1)');
    await waitFor(() => expect(dataRows()).toHaveLength(1));
    expect(cellTexts(dataRows()[0]!)[5]).toBe('Submitted');

    await user.clear(screen.getByRole('searchbox', { name: 'Search' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'State' }), 'Not started (2)');
    await waitFor(() => expect(dataRows()).toHaveLength(2));
    expect(dataRows().every((r) => cellTexts(r)[5] === 'Not started')).toBe(true);

    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'no such campaign');
    expect(await screen.findByText('No tasks match.')).toBeInTheDocument();
  });

  it('sorts by a column on click, and the other way round on a second click', async () => {
    await seedTracker(scenario().data);
    fakeBackground('overview.html');
    const { user } = await renderOverview();
    const dueDates = () => dataRows().map((r) => cellTexts(r)[6]!.split(' · ')[0]);

    // Most urgent first when it opens: no column is the order.
    expect(screen.getByRole('combobox', { name: 'Sort by' })).toHaveDisplayValue('Urgency: needs attention, overdue, due soon first');
    expect(screen.getByRole('columnheader', { name: /Due date/ })).not.toHaveAttribute('aria-sort');
    await user.click(screen.getByRole('button', { name: /Due date/ }));
    expect(screen.getByRole('columnheader', { name: /Due date/ })).toHaveAttribute('aria-sort', 'ascending');
    expect(screen.getByRole('combobox', { name: 'Sort by' })).toHaveDisplayValue('Due date');
    expect(dueDates()).toEqual(['Nov 28, 2026', 'Dec 5, 2026', 'Dec 15, 2026', 'Dec 18, 2026', 'Dec 19, 2026']);
    await user.click(screen.getByRole('button', { name: /Due date/ }));
    expect(screen.getByRole('columnheader', { name: /Due date/ })).toHaveAttribute('aria-sort', 'descending');
    expect(dueDates()).toEqual(['Dec 19, 2026', 'Dec 18, 2026', 'Dec 15, 2026', 'Dec 5, 2026', 'Nov 28, 2026']);

    await user.click(screen.getByRole('button', { name: 'Brand' }));
    expect(screen.getByRole('columnheader', { name: /Due date/ })).not.toHaveAttribute('aria-sort');
    expect(screen.getByRole('columnheader', { name: /Brand/ })).toHaveAttribute('aria-sort', 'ascending');
    expect(dataRows().map((r) => cellTexts(r)[2])).toEqual(['Hearth & Home Co.', 'Kinetic Kicks', 'Kinetic Kicks', 'Lumière Skincare', 'Lumière Skincare']);

    await user.click(screen.getByRole('button', { name: 'State' }));
    expect(dataRows().map((r) => cellTexts(r)[5])).toEqual(['Not started', 'Not started', 'In progress', 'Submitted', 'Retry scheduled']);
  });

  it('copies the invite links of the selected rows, one per line, skipping refused links', async () => {
    await seedTracker(scenario().data);
    fakeBackground('overview.html');
    const { user } = await renderOverview();
    const copy = screen.getByRole('button', { name: 'Copy invite links' });
    expect(copy).toBeDisabled();

    await user.click(screen.getByRole('checkbox', { name: 'Select TikTok Video – Unboxing, Back to School Drop: Two Videos' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select TikTok Video – Styling, Back to School Drop: Two Videos' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select TikTok Video, Holiday Gift Guide 2026' }));
    expect(screen.getByText('5 shown · 3 selected')).toBeInTheDocument();
    await user.click(copy);
    expect(await navigator.clipboard.readText()).toBe('https://www.tiktok.com/t/ZT2kQv9Rs/\nhttps://vt.tiktok.com/ZSx7Lm2Qp/');
    expect(await screen.findByText('Copied 2 invite links')).toBeInTheDocument();

    await user.click(screen.getByRole('checkbox', { name: 'Select all shown tasks' }));
    expect(screen.getByText('5 shown · 5 selected')).toBeInTheDocument();
    await user.click(copy);
    expect((await navigator.clipboard.readText()).split('\n')).toHaveLength(4);
  });

  it('Export CSV saves exactly the rows shown, in the order shown', async () => {
    await seedTracker(scenario().data);
    fakeBackground('overview.html');
    const { user } = await renderOverview();
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'kinetic');
    await waitFor(() => expect(dataRows()).toHaveLength(2));

    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(downloads().files).toHaveLength(1));
    const file = downloads().files[0]!;
    expect(file.fileName).toBe('tiktok-deliverables-2026-12-03.csv');
    expect(file.type).toBe('text/csv;charset=utf-8');
    expect([...file.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(file.text).toBe(
      CSV_BOM +
        [
          HEADER,
          'Maya Creates (1234567),Back to School Drop: Two Videos,Kinetic Kicks,TikTok Video – Unboxing,Not started,Awaiting submission,2026-12-05,https://www.tiktok.com/t/ZT2kQv9Rs/,KK1,Invite link,0/5,,',
          'Maya Creates (1234567),Back to School Drop: Two Videos,Kinetic Kicks,TikTok Video – Styling,Not started,Not started,2026-12-19,,KKSTYLE2,Campaign code,0/4,,',
        ].join('\r\n'),
    );
  });

  it('Mark as posted and Retry now act on their row', async () => {
    const { data, keys } = scenario();
    await seedTracker(data);
    const background = fakeBackground('overview.html');
    const { user } = await renderOverview();

    await user.click(within(rowOf('TikTok Video – Unboxing', 'Back to School Drop: Two Videos')).getByRole('button', { name: 'Mark as posted' }));
    expect(background.sent.at(-1)).toEqual({ type: 'markPosted', key: keys.kicksUnboxing });
    await waitFor(() => expect(cellTexts(rowOf('TikTok Video – Unboxing', 'Back to School Drop: Two Videos'))[5]).toBe('Posted'));

    await user.click(within(rowOf('TikTok Video', 'Holiday Gift Guide 2026')).getByRole('button', { name: 'Retry now' }));
    expect(background.sent.at(-1)).toEqual({ type: 'retryNow', key: keys.giftGuide });
    await waitFor(() => expect(cellTexts(rowOf('TikTok Video', 'Holiday Gift Guide 2026'))[5]).toBe('Posted'));
  });

  it('a cell its column cuts short shows its whole text on hover; one that fits shows no tooltip', async () => {
    await seedTracker(scenario().data);
    fakeBackground('overview.html');
    const { user } = await renderOverview();
    const [checkbox, campaign, brand] = within(rowOf('TikTok Video', 'Holiday Gift Guide 2026')).getAllByRole('cell');
    // jsdom does no layout: the campaign's text is wider than its column, the brand's fits.
    Object.defineProperty(campaign!, 'scrollWidth', { configurable: true, value: 300 });
    Object.defineProperty(campaign!, 'clientWidth', { configurable: true, value: 180 });
    await user.hover(campaign!);
    expect(campaign).toHaveAttribute('title', campaign!.textContent);
    await user.hover(brand!);
    expect(brand).not.toHaveAttribute('title');
    await user.hover(checkbox!);
    expect(checkbox).not.toHaveAttribute('title');
  });

  it('is axe-clean', async () => {
    await seedTracker(scenario().data);
    fakeBackground('overview.html');
    const { container } = await renderOverview();
    expect((await axe.run(container)).violations).toEqual([]);
  });
});

describe('overview backup', () => {
  it('Export backup saves every task, whatever the filter, as a file Import backup accepts', async () => {
    const { data } = scenario();
    await seedTracker(data);
    fakeBackground('overview.html');
    const { user } = await renderOverview();
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'kinetic');
    await user.click(screen.getByRole('button', { name: 'Export backup' }));
    await waitFor(() => expect(downloads().files).toHaveLength(1));
    expect(downloads().files[0]!.fileName).toBe('tiktok-deliverables-backup-2026-12-03.json');
    const checked = checkBackupText(downloads().files[0]!.text);
    expect(checked.ok && checked.tasks.map((t) => t.key).sort()).toEqual(Object.keys(data.tasks).sort());
  });

  it('refuses a bad file with a clear message and changes nothing', async () => {
    await seedTracker(scenario().data);
    const before = await trackerItem.getValue();
    const background = fakeBackground('overview.html');
    const { user } = await renderOverview();
    const input = screen.getByLabelText('Backup file to import');

    await user.upload(input, new File(['{"tasks": "all of them"}'], 'tasks.json', { type: 'application/json' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This file is not a TikTok Deliverable Helper backup. Nothing was imported.');
    expect(background.sent).toEqual([]);
    expect(await trackerItem.getValue()).toEqual(before);
    expect(await recoveryItem.getValue()).toEqual([]);
    expect(dataRows()).toHaveLength(5);
  });

  it('imports a good file through the background and reports what it did', async () => {
    const { data, keys } = scenario();
    const older = tasksOf(data).filter((t) => t.key !== keys.ukGlow);
    await seedTracker({ tasks: { [keys.ukGlow]: data.tasks[keys.ukGlow]! } });
    const background = fakeBackground('overview.html');
    const { user } = await renderOverview();
    expect(dataRows()).toHaveLength(1);

    // The Import backup button opens the file picker (the hidden input).
    const picker = vi.fn();
    const input = screen.getByLabelText<HTMLInputElement>('Backup file to import');
    input.addEventListener('click', picker);
    await user.click(screen.getByRole('button', { name: 'Import backup' }));
    expect(picker).toHaveBeenCalled();

    await user.upload(input, new File([makeBackup(older, NOW)], 'backup.json', { type: 'application/json' }));
    const said = await screen.findByText('Imported 4 tasks: 4 added, 0 updated, 0 kept (your copy is newer or the same).');
    expect(said).toHaveAttribute('role', 'status');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByRole('heading', { name: /set aside/ })).toBeNull();
    expect(background.sent.map((m) => m.type)).toEqual(['importBackup']);
    await waitFor(() => expect(dataRows()).toHaveLength(5));
    expect(Object.keys((await readTracker()).data.tasks)).toHaveLength(5);
  });
});

describe('overview settings', () => {
  // The reminder switches are settings-reminders.test.tsx's; here they stay as they are (all on).
  const ALL_REMINDERS_ON = { dueSoon: true, dueToday: true, postedNotSubmitted: true, authorizationEnds: true };
  const DAILY_OFF = { enabled: false, time: '08:00' };

  it('saves auto-retrieve and the retry delays through the background', async () => {
    const background = fakeBackground('overview.html');
    const { user } = await renderOverview();
    const settings = within(screen.getByRole('region', { name: 'Settings' }));
    const auto = settings.getByRole('checkbox', { name: 'Press "Retrieve my post" automatically after "Mark as posted"' });
    const delays = settings.getByRole('textbox', { name: 'Retry delays (minutes, comma-separated)' });
    expect(auto).toBeChecked();
    expect(delays).toHaveValue('2, 5, 15, 30, 60');

    await user.click(auto);
    await user.clear(delays);
    await user.type(delays, '1, 10, 45');
    await user.click(settings.getByRole('button', { name: 'Save settings' }));

    expect(background.sent.at(-1)).toEqual({
      type: 'updateSettings',
      settings: { autoRetrieve: false, retry: { delaysMinutes: [1, 10, 45], giveUpAfterHours: 24 }, reminders: ALL_REMINDERS_ON, dailyRefresh: DAILY_OFF, archiveAfterDays: 30 },
    });
    expect(await settings.findByText('Settings saved.')).toBeInTheDocument();
    expect(await readSettings()).toEqual({ autoRetrieve: false, retry: { delaysMinutes: [1, 10, 45], giveUpAfterHours: 24 }, reminders: ALL_REMINDERS_ON, dailyRefresh: DAILY_OFF, archiveAfterDays: 30 });
  });

  it('refuses delays it cannot use, and sends nothing', async () => {
    const background = fakeBackground('overview.html');
    const { user } = await renderOverview();
    const settings = within(screen.getByRole('region', { name: 'Settings' }));
    const delays = settings.getByRole('textbox', { name: 'Retry delays (minutes, comma-separated)' });
    await user.clear(delays);
    await user.type(delays, '5, soon');
    await user.click(settings.getByRole('button', { name: 'Save settings' }));
    expect(settings.getByRole('alert')).toHaveTextContent('"soon" is not a delay in minutes above 0 and at most 1440 (24 hours).');
    expect(background.sent).toEqual([]);
  });

  it('parseDelays reads lists and refuses out-of-range values', () => {
    expect(parseDelays('2,5; 15  30')).toEqual({ ok: true, minutes: [2, 5, 15, 30] });
    expect(parseDelays('').ok).toBe(false);
    expect(parseDelays('0').ok).toBe(false);
    expect(parseDelays('1441').ok).toBe(false);
  });
});

describe('overview with 5,000 tasks', () => {
  it('renders only a window of rows, and search reaches any task', async () => {
    await seedTracker(manyTasks(5000));
    fakeBackground('overview.html');
    const { user } = await renderOverview();
    expect(screen.getByText('5,000 tasks across 1,000 campaigns')).toBeInTheDocument();
    expect(screen.getByRole('table')).toHaveAttribute('aria-rowcount', '5001');
    expect(dataRows().length).toBeLessThan(60);

    fireEvent.change(screen.getByRole('searchbox', { name: 'Search' }), { target: { value: 'code4321' } });
    await waitFor(() => expect(dataRows()).toHaveLength(1));
    expect(cellTexts(dataRows()[0]!)[9]).toBe('CODE4321');
    expect(screen.getByText('1 shown · 0 selected')).toBeInTheDocument();
    await user.clear(screen.getByRole('searchbox', { name: 'Search' }));
    await waitFor(() => expect(screen.getByText('5,000 shown · 0 selected')).toBeInTheDocument());
  });
});
