/**
 * Archiving (utils/tracker/archive.ts, reducer.ts, background/archive.ts): which tasks the rule
 * archives (ages, the setting, "never"), what brings one back (a change, Unarchive, impact.com
 * no longer showing it submitted, a longer setting), the setting as stored (old settings load
 * with the default), and archived tasks in the filters, the search, both exports and an import.
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { stateFilterOf } from '../../components/overview-view';
import { archiveSettingChanged, ARCHIVE_ALARM, createArchiver, type ArchiveDeps } from '../../utils/background/archive';
import { handleMessage } from '../../utils/background/router';
import { readTrackedTasks, updateTracker } from '../../utils/background/tracker-owner';
import { checkBackupText, makeBackup } from '../../utils/backup';
import { csvRow, CSV_HEADER, formatLocalDateTime } from '../../utils/csv';
import { ARCHIVE_BATCH, archiveSweep, DAY_MS, dueForArchive, isArchived, lastChangeAt } from '../../utils/tracker/archive';
import { applyEvent, mergeBackup, recordDiscovered, setStep, unarchiveTask } from '../../utils/tracker/reducer';
import { SettingsSchema, type TrackedTask, type TrackerData } from '../../utils/tracker/schema';
import { checkSettings, readSettings, settingsItem } from '../../utils/tracker/storage';
import { checkTrackedTask } from '../../utils/tracker/task-check';
import { filterTasks, matchesSearch } from '../../utils/tracker/table-view';
import { withTaskChanges } from '../../utils/tracker/task-map';
import { T0, scenario, tasksOf, ukGlow } from './popup-overview-fixtures';

const { data: base, keys } = scenario();
/** UK Glow was seen submitted at T0 + 4000: its last change. */
const submitted = base.tasks[keys.ukGlow]!;
const SUBMITTED_AT = T0 + 4000;

function archived(task: TrackedTask, at = SUBMITTED_AT + 31 * DAY_MS): TrackedTask {
  return { ...task, archivedAt: at, updatedAt: at };
}

describe('the archive rule', () => {
  it('archives a Submitted task once its last change is the set number of days old, not a moment before', () => {
    expect(lastChangeAt(submitted)).toBe(SUBMITTED_AT);
    expect(dueForArchive(submitted, 30, SUBMITTED_AT + 30 * DAY_MS - 1)).toBe(false);
    expect(dueForArchive(submitted, 30, SUBMITTED_AT + 30 * DAY_MS)).toBe(true);
    expect(dueForArchive(submitted, 7, SUBMITTED_AT + 8 * DAY_MS)).toBe(true);
    expect(dueForArchive(submitted, 90, SUBMITTED_AT + 89 * DAY_MS)).toBe(false);
  });

  it('"never" archives nothing, and no state but Submitted is ever archived', () => {
    const years = SUBMITTED_AT + 5 * 365 * DAY_MS;
    expect(dueForArchive(submitted, null, years)).toBe(false);
    for (const task of tasksOf(base).filter((t) => t.state !== 'submitted')) expect(dueForArchive(task, 1, years), task.state).toBe(false);
  });

  it('counts from the last history entry (the last change), else from when the task was first seen', () => {
    const stepped = { ...submitted, history: [...submitted.history, { at: SUBMITTED_AT + 20 * DAY_MS, event: 'step:linkCopied' }] };
    expect(dueForArchive(stepped, 30, SUBMITTED_AT + 31 * DAY_MS)).toBe(false);
    expect(dueForArchive(stepped, 30, SUBMITTED_AT + 50 * DAY_MS)).toBe(true);
    const noHistory = { ...submitted, history: [], firstSeenAt: T0 - 40 * DAY_MS };
    expect(lastChangeAt(noHistory)).toBe(T0 - 40 * DAY_MS);
    expect(dueForArchive(noHistory, 30, T0)).toBe(true);
  });

  it('a sweep marks the due tasks (as updated now), brings back those a longer setting or "never" no longer archives, and stops at its limit', () => {
    const now = SUBMITTED_AT + 45 * DAY_MS;
    const [marked] = archiveSweep(tasksOf(base), 30, now);
    expect(archiveSweep(tasksOf(base), 30, now)).toHaveLength(1);
    expect(marked).toEqual({ ...submitted, archivedAt: now, updatedAt: now });
    // Nothing more to do: the same sweep again changes nothing.
    const after = tasksOf(base).map((t) => (t.key === marked!.key ? marked! : t));
    expect(archiveSweep(after, 30, now + 1)).toEqual([]);
    // 60 days: 45 days old is not old enough any more. Never: nothing is.
    for (const days of [60, null]) {
      expect(archiveSweep(after, days, now + 1)).toEqual([{ ...submitted, updatedAt: now + 1 }]);
    }
    const many = Array.from({ length: 5 }, (_, i) => ({ ...submitted, key: `k${i}` }));
    expect(archiveSweep(many, 30, now, 3)).toHaveLength(3);
  });

  it('for any task, setting and time: the sweep leaves exactly the tasks the rule wants archived marked (property)', () => {
    const states = ['notStarted', 'inProgress', 'posted', 'retrieving', 'submitted', 'retryScheduled', 'needsAttention'] as const;
    fc.assert(
      fc.property(
        fc.array(fc.record({ state: fc.constantFrom(...states), age: fc.integer({ min: 0, max: 400 }), marked: fc.boolean() }), { maxLength: 30 }),
        fc.option(fc.constantFrom(7, 14, 30, 60, 90, 180, 365), { nil: null }),
        (specs, days) => {
          const now = T0 + 500 * DAY_MS;
          const tasks = specs.map((s, i) => {
            const task: TrackedTask = { ...submitted, key: `k${i}`, state: s.state, history: [{ at: now - s.age * DAY_MS, event: 'discovered' }] };
            return s.marked ? archived(task, now - DAY_MS) : task;
          });
          const changed = new Map(archiveSweep(tasks, days, now).map((t) => [t.key, t]));
          for (const task of tasks) {
            const after = changed.get(task.key) ?? task;
            expect(isArchived(after)).toBe(days !== null && task.state === 'submitted' && task.history[0]!.at <= now - days * DAY_MS);
          }
        },
      ),
    );
  });
});

describe('an archived task becomes active again', () => {
  const data = (task: TrackedTask): TrackerData => ({ tasks: { ...base.tasks, [task.key]: task } });
  const later = SUBMITTED_AT + 40 * DAY_MS;

  it('when the creator unarchives it: for another full period, with the change in its history', () => {
    const out = unarchiveTask(data(archived(submitted)), submitted.key, later);
    expect(out.ok).toBe(true);
    const task = out.ok ? out.value.task : undefined!;
    expect(isArchived(task)).toBe(false);
    expect(task.history.at(-1)).toEqual({ at: later, event: 'unarchived' });
    expect(task.updatedAt).toBe(later);
    expect(dueForArchive(task, 30, later + 29 * DAY_MS)).toBe(false);
    expect(dueForArchive(task, 30, later + 30 * DAY_MS)).toBe(true);
    // An active task: nothing to do, nothing written. A task no longer tracked: said so.
    const active = unarchiveTask(base, submitted.key, later);
    expect(active.ok && active.value.data).toBe(base);
    expect(unarchiveTask(base, 'gone', later)).toMatchObject({ ok: false, code: 'taskGone' });
  });

  it('when anything that writes history happens to it (a step ticked on impact.com)', () => {
    const out = setStep(data(archived(submitted)), submitted.key, 'linkCopied', true, later);
    expect(out.ok && isArchived(out.value.task)).toBe(false);
    // A refused move changes nothing, so the mark stays.
    const refused = applyEvent(data(archived(submitted)), submitted.key, 'markPosted', later);
    expect(refused.ok).toBe(false);
  });

  it('when impact.com no longer shows it submitted; the same sighting again (Refresh all) leaves it archived', () => {
    const before = data(archived(submitted));
    const same = recordDiscovered(before, ukGlow, later).task;
    expect(isArchived(same)).toBe(true);
    expect(same.history).toEqual(submitted.history);
    // Approved is still submitted: nothing for the creator to do.
    expect(isArchived(recordDiscovered(before, { ...ukGlow, impactStatus: 'TikTok Video approved' }, later).task)).toBe(true);
    const revision = recordDiscovered(before, { ...ukGlow, impactStatus: 'Revision requested' }, later).task;
    expect(isArchived(revision)).toBe(false);
    expect(revision.history.at(-1)).toEqual({ at: later, event: 'unarchived', detail: 'Revision requested' });
  });
});

describe('the setting', () => {
  it('settings stored before archiving existed load with 30 days; "never" is null; a damaged value reads as 30, reported', async () => {
    await settingsItem.setValue({ autoRetrieve: true, retry: { delaysMinutes: [2], giveUpAfterHours: 24 } });
    expect((await readSettings()).archiveAfterDays).toBe(30);
    expect(checkSettings({ archiveAfterDays: null }).settings.archiveAfterDays).toBeNull();
    expect(checkSettings({ archiveAfterDays: 90 })).toMatchObject({ settings: { archiveAfterDays: 90 }, problems: [] });
    for (const bad of [0, -3, 2.5, '30', 4000]) {
      const checked = checkSettings({ autoRetrieve: true, archiveAfterDays: bad });
      expect(checked.settings.archiveAfterDays).toBe(30);
      expect(checked.settings.autoRetrieve).toBe(true);
      expect(checked.problems).toEqual([expect.stringMatching(/^archiveAfterDays: /)]);
    }
    expect(SettingsSchema.parse({}).archiveAfterDays).toBe(30);
  });

  it('is saved through the background like the others', async () => {
    const reply = await handleMessage(
      { type: 'updateSettings', settings: { archiveAfterDays: null } },
      { id: 'ext', url: 'chrome-extension://ext/overview.html' },
      { ownId: 'ext', ownOrigin: 'chrome-extension://ext/', overviewUrl: 'chrome-extension://ext/overview.html', openPage: async () => undefined },
    );
    expect(reply.ok).toBe(true);
    expect((await readSettings()).archiveAfterDays).toBeNull();
  });

  it('a change of it is noticed from the stored values (the worker sweeps then)', () => {
    expect(archiveSettingChanged({ oldValue: { archiveAfterDays: 30 }, newValue: { archiveAfterDays: null } })).toBe(true);
    expect(archiveSettingChanged({ oldValue: { archiveAfterDays: 30, autoRetrieve: true }, newValue: { archiveAfterDays: 30, autoRetrieve: false } })).toBe(false);
    expect(archiveSettingChanged(undefined)).toBe(false);
  });
});

describe('the worker sweeps', () => {
  function deps(days: number | null, alarm = false) {
    const set = vi.fn(async () => undefined);
    const d: ArchiveDeps = { days: async () => days, update: (change) => updateTracker(change), hasAlarm: async () => alarm, setAlarm: set };
    return { d, set };
  }

  it('at start: sets the daily alarm when it is missing (never moves it), then archives what is due, through the single writer', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(SUBMITTED_AT + 31 * DAY_MS);
      await updateTracker(() => ({ data: { ...base }, result: undefined }));
      const missing = deps(30);
      expect(await createArchiver(missing.d).start()).toBe(1);
      expect(missing.set).toHaveBeenCalledTimes(1);
      const tasks = (await readTrackedTasks()).tasks;
      expect(tasks[keys.ukGlow]!.archivedAt).toBe(SUBMITTED_AT + 31 * DAY_MS);
      expect(tasksOf({ tasks }).filter(isArchived)).toHaveLength(1);
      const present = deps(30, true);
      expect(await createArchiver(present.d).start()).toBe(0);
      expect(present.set).not.toHaveBeenCalled();
      // The setting says never: the next sweep (the setting changed) brings it back.
      expect(await createArchiver(deps(null, true).d).sweep()).toBe(1);
      expect((await readTrackedTasks()).tasks[keys.ukGlow]!.archivedAt).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });

  it('in writes of at most ARCHIVE_BATCH tasks', async () => {
    const many: Record<string, TrackedTask> = {};
    for (let i = 0; i < ARCHIVE_BATCH * 2 + 5; i++) many[`old${i}`] = { ...submitted, key: `old${i}`, history: [{ at: Date.now() - 40 * DAY_MS, event: 'discovered' }] };
    await updateTracker((d) => ({ data: { ...d, tasks: withTaskChanges(d.tasks, Object.values(many)) }, result: undefined }));
    const writes: number[] = [];
    const d: ArchiveDeps = {
      ...deps(30).d,
      update: (change) =>
        updateTracker(async (data, now) => {
          const out = await change(data, now);
          writes.push(out.result as number);
          return out;
        }),
    };
    expect(await createArchiver(d).sweep()).toBe(ARCHIVE_BATCH * 2 + 5);
    expect(writes).toEqual([ARCHIVE_BATCH, ARCHIVE_BATCH, 5]);
    expect(tasksOf(await readTrackedTasks()).filter(isArchived)).toHaveLength(ARCHIVE_BATCH * 2 + 5);
  });

  it('on its own alarm only', () => {
    const archiver = createArchiver(deps(30).d);
    expect(archiver.onAlarm('reminders')).toBe(false);
    expect(archiver.onAlarm(ARCHIVE_ALARM)).toBe(true);
  });
});

describe('archived tasks stay whole: filters, search, exports, import', () => {
  const mark = SUBMITTED_AT + 31 * DAY_MS;
  const tasks = tasksOf(base).map((t) => (t.key === keys.ukGlow ? archived(t, mark) : t));
  const shown = (choice: Parameters<typeof stateFilterOf>[0], query = '') =>
    filterTasks(tasks, { query, ...stateFilterOf(choice, query) })
      .map((t) => t.key)
      .sort();
  const active = tasks.filter((t) => !isArchived(t)).map((t) => t.key).sort();

  it('the default view and each state leave them out; Archived shows only them; everything shows all', () => {
    expect(shown('')).toEqual(active);
    expect(shown('submitted')).toEqual([]);
    expect(shown('archived')).toEqual([keys.ukGlow]);
    expect(shown('everything')).toEqual(tasks.map((t) => t.key).sort());
  });

  it('a search finds them, by any field or by the word "archived"', () => {
    expect(shown('', 'UK')).toEqual([keys.ukGlow]);
    expect(shown('', 'ukglow1')).toEqual([keys.ukGlow]);
    expect(shown('submitted', 'summer glow')).toEqual([keys.ukGlow]);
    expect(matchesSearch(tasks.find(isArchived)!, 'archived')).toBe(true);
    expect(tasks.filter((t) => matchesSearch(t, 'archived'))).toHaveLength(1);
  });

  it('the CSV says when each was archived (empty for active tasks), in the last column', () => {
    expect(CSV_HEADER.at(-1)).toBe('Archived');
    expect(csvRow(tasks.find(isArchived)!).at(-1)).toBe(formatLocalDateTime(mark));
    expect(csvRow(tasks.find((t) => !isArchived(t))!).at(-1)).toBe('');
  });

  it('a backup carries the mark, and an import keeps it (the newer copy wins, mark or not)', () => {
    const checked = checkBackupText(makeBackup(tasks, mark));
    expect(checked.ok && checked.tasks.find((t) => t.key === keys.ukGlow)?.archivedAt).toBe(mark);
    expect(checkTrackedTask(archived(submitted)).success).toBe(true);
    const imported = checked.ok ? checked.tasks : [];
    // Into an empty tracker, or over the older active copy: archived.
    expect(mergeBackup({ tasks: {} }, imported).data.tasks[keys.ukGlow]!.archivedAt).toBe(mark);
    expect(mergeBackup(base, imported).data.tasks[keys.ukGlow]!.archivedAt).toBe(mark);
    // Unarchived here since: this copy is newer and stays active.
    const back = unarchiveTask({ tasks: { [keys.ukGlow]: archived(submitted, mark) } }, keys.ukGlow, mark + DAY_MS);
    const mine = back.ok ? back.value.data : base;
    expect(mergeBackup(mine, imported).data.tasks[keys.ukGlow]!.archivedAt).toBeUndefined();
  });
});
