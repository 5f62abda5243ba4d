/**
 * Stored data this version did not write, or cannot read: a real v1 dump and pre-release data
 * without a version load as they are; damaged or foreign records are set aside under
 * `local:recovery` when the worker starts (the popup says so and exports them) while
 * everything valid keeps working; unreadable settings never switch automatic clicking on. An
 * imported backup with damaged tasks brings in the valid ones and sets the damaged ones aside;
 * a truncated backup imports nothing and its text is set aside; a file that is not ours is
 * refused and nothing is set aside. Fixtures: tests/unit/fixtures/storage/.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OverviewApp } from '../../entrypoints/overview/App';
import { PopupApp } from '../../entrypoints/popup/App';
import { checkStorage } from '../../utils/background/storage-check';
import { handleMessage } from '../../utils/background/router';
import { TrackedTaskSchema } from '../../utils/tracker/schema';
import { readRecovery, readSettings, readTracker, recoveryItem, settingsItem, storedTaskRecords, trackerItem } from '../../utils/tracker/storage';
import { captureDownloads, fakeBackground } from './popup-overview-fixtures';

/** Settings stored without reminders read with every kind on. */
const REMINDERS_ON = { dueSoon: true, dueToday: true, postedNotSubmitted: true, authorizationEnds: true };
const DAILY_OFF = { enabled: false, time: '08:00' };

const DIR = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures', 'storage');
const fixtureText = (name: string) => readFileSync(path.join(DIR, `${name}.json`), 'utf8');
const fixture = (name: string) => JSON.parse(fixtureText(name)) as Record<string, unknown>;
const OWN = { ownId: fakeBrowser.runtime.id, ownOrigin: fakeBrowser.runtime.getURL('/'), overviewUrl: fakeBrowser.runtime.getURL('/overview.html'), openPage: async () => {} };
const fromPopup = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') };

/** Version 1's tasks are now in buckets exactly as they were stored, and the old value is emptied with the version 3 mark. */
async function expectMovedWhole(dump: Record<string, unknown>) {
  const v1 = (dump.tracker as { tasks: Record<string, unknown> }).tasks;
  const all = await fakeBrowser.storage.local.get(null);
  const { tracker: _moved, ...rest } = all;
  expect(storedTaskRecords(rest)).toEqual(v1);
  expect(all.tracker).toEqual({ tasks: {} });
  expect(all['tracker$']).toMatchObject({ v: 3 });
  expect(all.trackerMigration).toBeUndefined();
}

/** What the browser holds when the extension starts. */
async function stored(dump: Record<string, unknown>) {
  await fakeBrowser.storage.local.set(dump);
}

async function renderPopup() {
  fakeBackground();
  const view = render(<PopupApp />);
  await waitFor(() => expect(screen.queryByText('Loading…')).not.toBeInTheDocument());
  return view;
}

/** The overview, with a file chosen in its Import backup picker. */
async function importInOverview(file: File) {
  const background = fakeBackground('overview.html');
  // The picker's accept= only filters the list: the creator can still choose "All files".
  const user = userEvent.setup({ applyAccept: false });
  const view = render(<OverviewApp />);
  await waitFor(() => expect(screen.queryByText('Loading…')).not.toBeInTheDocument());
  await user.upload(screen.getByLabelText('Backup file to import'), file);
  return { background, user, ...view };
}

const WHERE = 'with "Export set-aside records" at the top of this page or in the popup';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.parse('2026-12-03T10:00:00Z'));
});
afterEach(() => vi.useRealTimers());

describe('data this version wrote, and older data', () => {
  it('a real v1 dump loads whole: every task, the settings, nothing set aside', async () => {
    const dump = fixture('v1-chromium-0.1.0');
    await stored(dump);
    await checkStorage();
    const { data, rejected } = await readTracker();
    expect(rejected).toEqual([]);
    expect(Object.values(data.tasks).map((t) => t.state).sort()).toEqual(['inProgress', 'retryScheduled', 'submitted']);
    // Moved to one key per task as stored, byte for byte (fields this version does not know too).
    await expectMovedWhole(dump);
    // Stored before reminders existed: every reminder on.
    expect(await readSettings()).toEqual({ ...(dump.settings as object), reminders: REMINDERS_ON, dailyRefresh: DAILY_OFF, archiveAfterDays: 30 });
    expect(await readRecovery()).toEqual([]);
    await renderPopup();
    // Two to do, and the submitted one in its closed section.
    expect(screen.getAllByRole('article')).toHaveLength(2);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Submitted (1)' }));
    expect(screen.getAllByRole('article')).toHaveLength(3);
    expect(screen.queryByText(/set aside/)).toBeNull();
  });

  it('pre-release data without a version mark loads with every default, and later writes keep it', async () => {
    const dump = fixture('prerelease-unversioned');
    await stored(dump);
    await checkStorage();
    const { data, rejected } = await readTracker();
    expect(rejected).toEqual([]);
    const [minimal, scheduled] = Object.values(data.tasks);
    expect(minimal).toMatchObject({ state: 'notStarted', path: 'inviteLink', steps: {}, history: [], retrieve: { attempts: 0 } });
    expect(scheduled).toMatchObject({ state: 'retryScheduled', retrieve: { attempts: 2, nextAttemptAt: 1763631400000 } });
    expect(scheduled!.retrieve.unreachableAttempts).toBeUndefined();
    // The creator's choice to switch automatic retrieving off survives; the schedule takes its default.
    expect(await readSettings()).toEqual({ autoRetrieve: false, retry: { delaysMinutes: [2, 5, 15, 30, 60], giveUpAfterHours: 24 }, reminders: REMINDERS_ON, dailyRefresh: DAILY_OFF, archiveAfterDays: 30 });
    expect(await readRecovery()).toEqual([]);
    expect((await handleMessage({ type: 'setStep', key: minimal!.key, step: 'linkCopied', done: true }, fromPopup, OWN)).ok).toBe(true);
    const after = await readTracker();
    expect(after.rejected).toEqual([]);
    expect(after.data.tasks[scheduled!.key]).toEqual(scheduled);
    expect(after.data.tasks[minimal!.key]!.state).toBe('inProgress');
  });

  it('every task of every stored-shape fixture parses with today’s schema (a shape change needs a migration)', () => {
    for (const name of ['v1-chromium-0.1.0', 'prerelease-unversioned']) {
      const tasks = (fixture(name).tracker as { tasks: Record<string, unknown> }).tasks;
      for (const [key, task] of Object.entries(tasks)) expect(TrackedTaskSchema.safeParse(task).success, `${name}: ${key}`).toBe(true);
    }
  });

  it('a newer version’s data (version mark 2, unknown fields) still shows every task and setting it can read', async () => {
    const dump = fixture('future-v2');
    await stored(dump);
    await checkStorage();
    const { data, rejected } = await readTracker();
    expect(rejected).toEqual([]);
    expect(Object.keys(data.tasks).sort()).toEqual(Object.keys((dump.tracker as { tasks: object }).tasks).sort());
    // Its unknown fields are kept in the moved records.
    await expectMovedWhole(dump);
    expect((await readSettings()).retry.delaysMinutes).toEqual([60]);
    expect(await readRecovery()).toEqual([]);
  });
});

describe('damaged and foreign data', () => {
  it('damaged records are set aside with their reason, the valid task keeps working, the popup says so and exports them', async () => {
    const dump = fixture('damaged-mixed');
    await stored(dump);
    await checkStorage();

    const { data, rejected } = await readTracker();
    expect(rejected).toEqual([]); // already moved out
    const valid = Object.values(data.tasks);
    expect(valid.map((t) => t.taskName)).toEqual(['TikTok Video – Styling']);
    const recovery = await readRecovery();
    expect(recovery.map((r) => r.source)).toEqual(['recovery', 'storage', 'storage', 'storage', 'storage', 'storage', 'settings']);
    expect(recovery[0]!.raw).toEqual({ not: 'a list' });
    const reasons = recovery.map((r) => r.reason).join('\n');
    expect(reasons).toMatch(/state: Invalid option/);
    expect(reasons).toMatch(/stored under the wrong key/);
    expect(reasons).toMatch(/taskUrl/);
    expect(reasons).toMatch(/autoRetrieve/);
    // Unreadable "press automatically" counts as off; the readable schedule is kept.
    expect(await readSettings()).toEqual({ autoRetrieve: false, retry: { delaysMinutes: [5, 10], giveUpAfterHours: 12 }, reminders: REMINDERS_ON, dailyRefresh: DAILY_OFF, archiveAfterDays: 30 });

    const downloads = captureDownloads();
    try {
      const user = userEvent.setup();
      await renderPopup();
      expect(screen.getAllByRole('article')).toHaveLength(1);
      expect(screen.getByRole('heading', { name: '7 damaged records were set aside' })).toBeInTheDocument();
      await user.click(screen.getByRole('button', { name: 'Export set-aside records' }));
      await waitFor(() => expect(downloads.files).toHaveLength(1));
      const exported = JSON.parse(downloads.files[0]!.text).records as { raw: unknown }[];
      expect(exported.map((r) => r.raw)).toContainEqual('{"key":"a:1|c:2|t:4","state":"pos');
      expect(exported.map((r) => r.raw)).toContainEqual(dump.settings);
    } finally {
      downloads.restore();
    }
    // The valid task still takes commands.
    const card = screen.getByRole('article');
    await userEvent.setup().click(within(card).getAllByRole('button')[0]!);
    expect(within(card).getByRole('button', { name: 'Mark as posted' })).toBeInTheDocument();
  });

  it.each([
    ['an array', []],
    ['a truncated JSON string', '{"tasks":{"a:1|c:2|t:3":{"key":"a:1|c:2|t:3","sta'],
    ['a number', 42],
    ['tasks as a list', { tasks: [] }],
    ['tasks as text', { tasks: 'lots' }],
  ])('a tracker that is %s is set aside whole, and the extension starts afresh', async (_what, tracker) => {
    await stored({ tracker });
    await checkStorage();
    expect(await trackerItem.getValue()).toEqual({ tasks: {} });
    const recovery = await readRecovery();
    expect(recovery).toHaveLength(1);
    expect(recovery[0]).toMatchObject({ source: 'storage', reason: 'The tracker data has an unknown shape.', raw: tracker });
    // And it works: the content script's next sighting is recorded.
    const seen = { campaignName: 'C', taskName: 'T', brand: '', taskUrl: 'https://app.impact.com/x' };
    expect((await handleMessage({ type: 'taskSeen', task: seen }, { ...fromPopup }, OWN)).ok).toBe(true);
    expect(Object.keys((await readTracker()).data.tasks)).toHaveLength(1);
  });

  it('settings of a foreign shape are set aside and automatic clicking is off until the creator turns it on', async () => {
    await stored({ settings: 'auto' });
    await checkStorage();
    expect(await readSettings()).toMatchObject({ autoRetrieve: false });
    expect((await readRecovery()).map((r) => [r.source, r.raw])).toEqual([['settings', 'auto']]);
    // A second start finds nothing more to set aside.
    await checkStorage();
    expect(await readRecovery()).toHaveLength(1);
  });

  it('settings a page sends that cannot be used are refused, never half-applied', async () => {
    await settingsItem.setValue({ autoRetrieve: false, retry: { delaysMinutes: [5], giveUpAfterHours: 12 } });
    const reply = await handleMessage({ type: 'updateSettings', settings: { retry: { delaysMinutes: [-1], giveUpAfterHours: 12 } } }, fromPopup, OWN);
    expect(reply).toMatchObject({ ok: false });
    expect(await readSettings()).toEqual({ autoRetrieve: false, retry: { delaysMinutes: [5], giveUpAfterHours: 12 }, reminders: REMINDERS_ON, dailyRefresh: DAILY_OFF, archiveAfterDays: 30 });
  });

});

describe('importing damaged and foreign backup files', () => {
  const v1Tasks = () => (fixture('v1-chromium-0.1.0').tracker as { tasks: Record<string, { key: string }> }).tasks;

  it('a backup with damaged tasks: the valid ones are imported, each damaged one is set aside with its reason, and the creator is told where to export them', async () => {
    const file = new File([fixtureText('backup-damaged-tasks')], 'backup-damaged-tasks.json', { type: 'application/json' });
    const { background, unmount } = await importInOverview(file);

    expect(await screen.findByRole('alert')).toHaveTextContent(
      `Imported 3 tasks: 3 added, 0 updated, 0 kept (your copy is newer or the same). 2 tasks were damaged and set aside: export them ${WHERE}.`,
    );
    expect(background.sent.map((m) => m.type)).toEqual(['importBackup']);
    // The notice at the top of the overview offers them at once.
    expect(await screen.findByRole('heading', { name: '2 damaged records were set aside' })).toBeInTheDocument();
    expect(screen.getByText('3 tasks across 2 campaigns')).toBeInTheDocument();

    const { data } = await readTracker();
    expect(Object.keys(data.tasks).sort()).toEqual(Object.keys(v1Tasks()).sort());
    const recovery = await readRecovery();
    expect(recovery.map((r) => [r.source, (r.raw as { taskName: string }).taskName])).toEqual([
      ['import', 'TikTok Video – Gifting'],
      ['import', 'TikTok Video – Run'],
    ]);
    expect(recovery[0]!.reason).toMatch(/^Task 2 of 5 \("TikTok Video – Gifting", "Holiday Gift Guide"\) in an imported backup is damaged: state: /);
    expect(recovery[1]!.reason).toMatch(/^Task 4 of 5 \("TikTok Video – Run", "Spring Run Club"\) in an imported backup is damaged: taskUrl: /);
    expect(recovery[1]!.reason).toMatch(/\(file "backup-damaged-tasks\.json"\)$/);
    unmount();

    // The popup says so too, shows the imported tasks and exports the damaged ones.
    const downloads = captureDownloads();
    try {
      const user = userEvent.setup();
      await renderPopup();
      // Two to do, and the submitted one in its closed section.
      expect(screen.getAllByRole('article')).toHaveLength(2);
      await user.click(screen.getByRole('button', { name: 'Submitted (1)' }));
      expect(screen.getAllByRole('article')).toHaveLength(3);
      expect(screen.getByRole('heading', { name: '2 damaged records were set aside' })).toBeInTheDocument();
      await user.click(screen.getByRole('button', { name: 'Export set-aside records' }));
      await waitFor(() => expect(downloads.files).toHaveLength(1));
      const exported = JSON.parse(downloads.files[0]!.text).records as { raw: { state: string }; reason: string }[];
      expect(exported.map((r) => r.raw.state)).toEqual(['launched', 'inProgress']);
    } finally {
      downloads.restore();
    }
  });

  it('a truncated backup: nothing is imported, its text is set aside with the reason, and the creator is told', async () => {
    const dump = fixture('v1-chromium-0.1.0');
    await stored(dump);
    const text = fixtureText('backup-truncated');
    const { background } = await importInOverview(new File([text], 'backup-truncated.json', { type: 'application/json' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      `This backup file is damaged: it is not complete JSON (it may have been cut off while saving or downloading). Nothing was imported. Its text was set aside: export it ${WHERE}.`,
    );
    expect(background.sent).toHaveLength(1);
    expect(await screen.findByRole('heading', { name: '1 damaged record was set aside' })).toBeInTheDocument();
    expect(await trackerItem.getValue()).toEqual(dump.tracker);
    expect(await readRecovery()).toEqual([
      {
        at: expect.any(Number),
        source: 'import',
        reason: 'An imported backup file could not be read: it is not complete JSON (it may have been cut off while saving or downloading). (file "backup-truncated.json")',
        raw: text,
      },
    ]);
  });

  it.each([
    ['another program’s JSON', new File(['{"items": [1, 2, 3]}'], 'export.json', { type: 'application/json' }), 'This file is not a TikTok Deliverable Helper backup. Nothing was imported.'],
    ['a picture', new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52])], 'photo.png', { type: 'image/png' }), 'This file is not a backup: it is not valid JSON. Nothing was imported.'],
    ['a stored-data dump (not a backup)', new File([fixtureText('damaged-mixed')], 'dump.json', { type: 'application/json' }), 'This file is not a TikTok Deliverable Helper backup. Nothing was imported.'],
  ])('%s is refused with a clear message, and nothing is set aside', async (_what, file, message) => {
    const dump = fixture('v1-chromium-0.1.0');
    await stored(dump);
    const { background } = await importInOverview(file);
    expect(await screen.findByRole('alert')).toHaveTextContent(message);
    expect(background.sent).toEqual([]);
    expect(await trackerItem.getValue()).toEqual(dump.tracker);
    expect(await recoveryItem.getValue()).toEqual([]);
    expect(screen.queryByRole('heading', { name: /set aside/ })).toBeNull();
  });

  it('a backup of a newer format is refused: update the extension; nothing is set aside', async () => {
    const future = JSON.stringify({ format: 'tiktok-deliverable-helper-backup', version: 2, exportedAt: '2027-01-01T00:00:00.000Z', tasks: [{ key: 'x', state: 'launched' }] });
    const { background } = await importInOverview(new File([future], 'future.json', { type: 'application/json' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This backup was made by a newer version of the extension (format 2). Update the extension, then import it again. Nothing was imported.',
    );
    expect(background.sent).toEqual([]);
    expect(await recoveryItem.getValue()).toEqual([]);
  });

});
