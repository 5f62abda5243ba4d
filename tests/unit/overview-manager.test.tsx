/**
 * The overview for a manager, in jsdom with the real router on fake storage: the count
 * buttons filter, the Account column and filter, bulk Mark as posted / Retry now behind a
 * confirmation that names how many, Export CSV of the selection, Open on impact.com per row.
 */
import { screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import { CSV_BOM } from '../../utils/csv';
import { recordDiscovered } from '../../utils/tracker/reducer';
import { T0, fakeBackground, scenario, seedTracker, taskUrl } from './popup-overview-fixtures';
import { cellTexts, dataRows, overviewTestSetup, renderOverview, rowOf } from './overview-fixtures';

const bulk = () => within(screen.getByRole('group', { name: 'Selected tasks' }));
const STATE = 5;

const { downloads } = overviewTestSetup();

describe('overview filters for a manager', () => {
  it('the counts per state are buttons that filter (aria-pressed), like the State filter', async () => {
    await seedTracker(scenario().data);
    fakeBackground('overview.html');
    const { user } = await renderOverview({ withRows: true });
    const counts = within(screen.getByRole('list', { name: 'Tasks per state' }));
    const notStarted = counts.getByRole('button', { name: 'Not started: 2' });
    expect(notStarted).toHaveAttribute('aria-pressed', 'false');

    await user.click(notStarted);
    expect(notStarted).toHaveAttribute('aria-pressed', 'true');
    await waitFor(() => expect(dataRows()).toHaveLength(2));
    expect(dataRows().every((r) => cellTexts(r)[STATE] === 'Not started')).toBe(true);
    expect(screen.getByRole('combobox', { name: 'State' })).toHaveDisplayValue('Not started (2)');

    await user.click(counts.getByRole('button', { name: 'Submitted: 1' }));
    expect(notStarted).toHaveAttribute('aria-pressed', 'false');
    await waitFor(() => expect(dataRows()).toHaveLength(1));

    await user.click(counts.getByRole('button', { name: 'Submitted: 1' }));
    await waitFor(() => expect(dataRows()).toHaveLength(5));
    expect(screen.getByRole('combobox', { name: 'State' })).toHaveDisplayValue('All states (5)');
  });

  it('an Account column and filter: accounts told apart, a task with no known account says so', async () => {
    let { data } = scenario();
    data = recordDiscovered(
      data,
      { campaignName: 'Winter Layers', brand: 'Nordwear', taskName: 'TikTok Video', taskUrl: taskUrl('41999', '889999'), dueDate: 'Jan 9, 2027' },
      T0 + 5000,
    ).data;
    await seedTracker(data);
    fakeBackground('overview.html');
    const { user } = await renderOverview({ withRows: true });

    expect(cellTexts(rowOf('TikTok Video', 'Winter Layers'))[3]).toBe('No account recorded');
    const account = screen.getByRole('combobox', { name: 'Account' });
    expect(within(account).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'All accounts (6)',
      'Maya Creates (1234567) (4)',
      'Maya Creates UK (7654321) (1)',
      'No account recorded (1)',
    ]);
    await user.selectOptions(account, 'Maya Creates UK (7654321) (1)');
    await waitFor(() => expect(dataRows()).toHaveLength(1));
    expect(cellTexts(dataRows()[0]!).slice(1, 5)).toEqual(['Summer Glow Serum Launch', 'Lumière Skincare', 'Maya Creates UK (7654321)', 'TikTok Video']);
    await user.selectOptions(account, 'No account recorded (1)');
    await waitFor(() => expect(dataRows()).toHaveLength(1));
    expect(cellTexts(dataRows()[0]!)[1]).toBe('Winter Layers');
  });

  it('campaign, brand and the row actions are the sticky columns', async () => {
    await seedTracker(scenario().data);
    fakeBackground('overview.html');
    await renderOverview({ withRows: true });
    const cells = within(rowOf('TikTok Video', 'Holiday Gift Guide 2026')).getAllByRole('cell');
    expect(cells.filter((c) => c.classList.contains('sticky-left')).map((c) => c.textContent)).toEqual(['', 'Holiday Gift Guide 2026', 'Hearth & Home Co.']);
    expect(cells.at(-1)).toHaveClass('sticky-right');
    expect(screen.getByRole('columnheader', { name: 'Actions' })).toHaveClass('sticky-right');
  });
});

describe('overview row and bulk actions', () => {
  it('Open on impact.com opens the task page through the background', async () => {
    const { data, keys } = scenario();
    await seedTracker(data);
    const background = fakeBackground('overview.html');
    const { user } = await renderOverview({ withRows: true });
    await user.click(within(rowOf('TikTok Video', 'Holiday Gift Guide 2026')).getByRole('button', { name: 'Open on impact.com' }));
    expect(background.sent.at(-1)).toEqual({ type: 'openTask', key: keys.giftGuide });
    await waitFor(() => expect(background.opened).toEqual([data.tasks[keys.giftGuide]!.taskUrl]));
  });

  it('bulk Mark as posted: a confirmation names how many and what is skipped; Cancel sends nothing; confirmed, only those it applies to, and the result is said', async () => {
    const { data, keys } = scenario();
    await seedTracker(data);
    const background = fakeBackground('overview.html');
    const { user } = await renderOverview({ withRows: true });
    expect(bulk().getByRole('button', { name: 'Mark as posted' })).toBeDisabled();

    await user.click(screen.getByRole('checkbox', { name: 'Select all shown tasks' }));
    await user.click(bulk().getByRole('button', { name: 'Mark as posted' }));
    let dialog = screen.getByRole('dialog', { name: 'Mark 3 tasks as posted?' });
    expect(within(dialog).getByText('1 selected task will be skipped: already submitted')).toBeInTheDocument();
    expect(within(dialog).getByText('1 selected task will be skipped: already posted')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(bulk().getByRole('button', { name: 'Mark as posted' })).toHaveFocus();
    expect(background.sent).toEqual([]);

    await user.click(bulk().getByRole('button', { name: 'Mark as posted' }));
    dialog = screen.getByRole('dialog', { name: 'Mark 3 tasks as posted?' });
    expect((await axe.run(dialog)).violations).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Mark 3 as posted' }));
    expect((await screen.findByText('3 marked as posted, 1 skipped: already submitted, 1 skipped: already posted')).closest('[role="status"]')).not.toBeNull();
    expect(background.sent.map((m) => m.type)).toEqual(['markPosted', 'markPosted', 'markPosted']);
    expect(background.sent.map((m) => (m as { key: string }).key).sort()).toEqual([keys.summerGlow, keys.kicksUnboxing, keys.kicksStyling].sort());
    await waitFor(() => expect(cellTexts(rowOf('TikTok Video – Unboxing', 'Back to School Drop: Two Videos'))[STATE]).toBe('Posted'));
    expect(cellTexts(rowOf('TikTok Video', 'Holiday Gift Guide 2026'))[STATE]).toBe('Retry scheduled');
  });

  it('bulk Retry now acts on the failed or scheduled retrieves only; Escape cancels', async () => {
    const { data, keys } = scenario();
    await seedTracker(data);
    const background = fakeBackground('overview.html');
    const { user } = await renderOverview({ withRows: true });
    await user.click(screen.getByRole('checkbox', { name: 'Select TikTok Video, Holiday Gift Guide 2026' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select TikTok Video – Unboxing, Back to School Drop: Two Videos' }));

    await user.click(bulk().getByRole('button', { name: 'Retry now' }));
    expect(screen.getByRole('dialog', { name: 'Retry 1 task now?' })).toHaveTextContent('1 selected task will be skipped: not posted yet');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(bulk().getByRole('button', { name: 'Retry now' })).toHaveFocus();
    expect(background.sent).toEqual([]);

    await user.click(bulk().getByRole('button', { name: 'Retry now' }));
    await user.click(screen.getByRole('button', { name: 'Retry 1 now' }));
    expect(await screen.findByText('1 retried now, 1 skipped: not posted yet')).toBeInTheDocument();
    expect(background.sent).toEqual([{ type: 'retryNow', key: keys.giftGuide }]);
  });

  it('a selection where nothing applies says so and offers only Cancel', async () => {
    await seedTracker(scenario().data);
    const background = fakeBackground('overview.html');
    const { user } = await renderOverview({ withRows: true });
    await user.click(screen.getByRole('checkbox', { name: 'Select TikTok Video – Unboxing, Back to School Drop: Two Videos' }));
    await user.click(bulk().getByRole('button', { name: 'Retry now' }));
    const dialog = screen.getAllByRole('dialog')[0]!;
    expect(dialog).toHaveTextContent('None of the selected tasks can take this action.');
    expect(within(dialog).getAllByRole('button').map((b) => b.textContent)).toEqual(['Cancel']);
    expect(background.sent).toEqual([]);
  });

  it('Export CSV saves the selected rows when some are selected', async () => {
    await seedTracker(scenario().data);
    fakeBackground('overview.html');
    const { user } = await renderOverview({ withRows: true });
    await user.click(screen.getByRole('checkbox', { name: 'Select TikTok Video – Styling, Back to School Drop: Two Videos' }));
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(downloads().files).toHaveLength(1));
    const lines = downloads().files[0]!.text.replace(CSV_BOM, '').split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('TikTok Video – Styling');
  });
});
