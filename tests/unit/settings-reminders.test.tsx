/**
 * The reminder switches in Settings: stored settings from before reminders existed load with
 * every kind on, a damaged or partial value never turns a kind off by itself, and the overview's
 * form shows one labelled checkbox per kind and saves them through the background.
 */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { SettingsForm } from '../../entrypoints/overview/SettingsForm';
import { checkSettings, readSettings, settingsItem } from '../../utils/tracker/storage';
import { fakeBackground } from './popup-overview-fixtures';

const ALL_ON = { dueSoon: true, dueToday: true, postedNotSubmitted: true, authorizationEnds: true };
const DAILY_OFF = { enabled: false, time: '08:00' };

describe('reminder settings', () => {
  it('settings stored before reminders existed load with every kind on', async () => {
    await settingsItem.setValue({ autoRetrieve: false, retry: { delaysMinutes: [2], giveUpAfterHours: 24 } });
    expect(await readSettings()).toEqual({ autoRetrieve: false, retry: { delaysMinutes: [2], giveUpAfterHours: 24 }, reminders: ALL_ON, dailyRefresh: DAILY_OFF, archiveAfterDays: 30 });
    expect(checkSettings({ autoRetrieve: true }).problems).toEqual([]);
  });

  it('a kind missing from the stored switches is on; a damaged value is reported and reads as all on', () => {
    expect(checkSettings({ reminders: { dueToday: false } }).settings.reminders).toEqual({ ...ALL_ON, dueToday: false });
    const damaged = checkSettings({ autoRetrieve: true, reminders: { dueSoon: 'no' } });
    expect(damaged.settings.reminders).toEqual(ALL_ON);
    expect(damaged.settings.autoRetrieve).toBe(true);
    expect(damaged.problems).toEqual([expect.stringMatching(/^reminders: dueSoon: /)]);
  });

  it('the form: one labelled checkbox per kind, saved through the background', async () => {
    const background = fakeBackground('overview.html');
    const user = userEvent.setup();
    render(<SettingsForm settings={await readSettings()} />);
    const group = within(screen.getByRole('group', { name: 'Reminders' }));
    expect(group.getAllByRole('checkbox')).toHaveLength(4);
    for (const name of [
      'Remind me 2 days before the due date',
      'Remind me on the morning of the due date',
      'Remind me when a posted video is still not submitted after 24 hours',
      'Once posted, tell me when the ad authorization window ends',
    ]) {
      expect(group.getByRole('checkbox', { name })).toBeChecked();
    }

    await user.click(group.getByRole('checkbox', { name: 'Remind me on the morning of the due date' }));
    await user.click(group.getByRole('checkbox', { name: 'Once posted, tell me when the ad authorization window ends' }));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    const reminders = { ...ALL_ON, dueToday: false, authorizationEnds: false };
    expect(background.sent.at(-1)).toEqual({
      type: 'updateSettings',
      settings: { autoRetrieve: true, retry: { delaysMinutes: [2, 5, 15, 30, 60], giveUpAfterHours: 24 }, reminders, dailyRefresh: DAILY_OFF, archiveAfterDays: 30 },
    });
    expect(await screen.findByText('Settings saved.')).toBeInTheDocument();
    expect((await readSettings()).reminders).toEqual(reminders);
  });

  it('the daily Refresh all: off by default; switched on at a time, saved through the background', async () => {
    const background = fakeBackground('overview.html');
    const user = userEvent.setup();
    render(<SettingsForm settings={await readSettings()} />);
    const group = within(screen.getByRole('group', { name: 'Daily refresh' }));
    const on = group.getByRole('checkbox', { name: 'Refresh all every day, in a background tab' });
    const time = group.getByLabelText('At (your local time)');
    expect(on).not.toBeChecked();
    expect(time).toBeDisabled();
    await user.click(on);
    expect(time).toBeEnabled();
    await user.clear(time);
    // No time (the field emptied): refused in the form (utils/daily-time.ts), nothing sent.
    const sent = background.sent.length;
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Enter the daily refresh time as hours and minutes, for example 08:00.');
    expect(background.sent).toHaveLength(sent);
    await user.type(time, '07:30');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(background.sent.at(-1)).toMatchObject({ type: 'updateSettings', settings: { dailyRefresh: { enabled: true, time: '07:30' } } });
    expect(await screen.findByText('Settings saved.')).toBeInTheDocument();
    expect((await readSettings()).dailyRefresh).toEqual({ enabled: true, time: '07:30' });
  });
});
