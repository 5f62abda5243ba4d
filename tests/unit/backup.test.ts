import { describe, expect, it } from 'vitest';
import { BACKUP_FORMAT, checkBackupText, importBackupFile, makeBackup } from '../../utils/backup';
import { readTracker, trackerItem } from '../../utils/tracker/storage';
import { NOW, fakeBackground, scenario, seedTracker, tasksOf } from './popup-overview-fixtures';

const file = (text: string) => new File([text], 'backup.json', { type: 'application/json' });

describe('backup file check', () => {
  const { data } = scenario();

  it('round-trips every task', () => {
    const checked = checkBackupText(makeBackup(tasksOf(data), NOW));
    expect(checked.ok && checked.tasks).toEqual(tasksOf(data));
  });

  it.each([
    ['not JSON', '{"format": ', 'not valid JSON'],
    ['another program’s JSON', '{"tasks": []}', 'not a TikTok Deliverable Helper backup'],
    ['a JSON array', '[]', 'not a TikTok Deliverable Helper backup'],
    ['a newer format', JSON.stringify({ format: BACKUP_FORMAT, version: 2, exportedAt: '', tasks: [] }), 'newer version of the extension'],
    ['tasks that are not a list', JSON.stringify({ format: BACKUP_FORMAT, version: 1, exportedAt: '', tasks: {} }), 'damaged'],
  ])('refuses %s with a clear message', (_name, text, words) => {
    const checked = checkBackupText(text);
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.message).toContain(words);
    expect(!checked.ok && checked.message).toContain('Nothing was imported.');
  });

  it('refuses the whole file when one task is damaged, naming it', () => {
    const tasks = tasksOf(data).map((t) => ({ ...t }));
    (tasks[2] as Record<string, unknown>).state = 'launched';
    const checked = checkBackupText(makeBackup(tasks as never, NOW));
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.message).toMatch(/^Task 3 of 5 \("TikTok Video – Unboxing", "Back to School Drop: Two Videos"\) in this backup is damaged \(state: .*\)\. Nothing was imported\.$/);
  });
});

describe('importBackupFile', () => {
  it('a bad file changes nothing and sends nothing', async () => {
    const { data } = scenario();
    await seedTracker(data);
    const before = await trackerItem.getValue();
    const background = fakeBackground('overview.html');
    const outcome = await importBackupFile(file('{"format":"tiktok-deliverable-helper-backup","version":1,"exportedAt":"x","tasks":[{"key":"k"}]}'));
    expect(outcome.ok).toBe(false);
    expect(background.sent).toEqual([]);
    expect(await trackerItem.getValue()).toEqual(before);
  });

  it('merges through the background: newer local progress is kept, new tasks added', async () => {
    const { data, keys } = scenario();
    // Local: Summer Glow has moved on since the backup was made.
    const local = structuredClone(data);
    local.tasks[keys.summerGlow] = { ...local.tasks[keys.summerGlow]!, state: 'posted', updatedAt: NOW };
    delete local.tasks[keys.kicksUnboxing];
    await seedTracker(local);
    const background = fakeBackground('overview.html');

    const outcome = await importBackupFile(file(makeBackup(tasksOf(data), NOW - 1000)));

    expect(outcome).toEqual({
      ok: true,
      counts: { added: 1, updated: 0, kept: 4, rejected: 0 },
      message: 'Backup imported: 1 task added, 0 updated, 4 kept (your copy is newer or the same).',
    });
    expect(background.sent.map((m) => m.type)).toEqual(['importBackup']);
    const after = (await readTracker()).data.tasks;
    expect(after[keys.summerGlow]!.state).toBe('posted');
    expect(after[keys.kicksUnboxing]!.taskName).toBe('TikTok Video – Unboxing');
  });
});
