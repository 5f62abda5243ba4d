import { describe, expect, it } from 'vitest';
import { setAsideQueued, updateTracker } from '../../utils/background/tracker-owner';
import { BACKUP_FORMAT, MAX_SET_ASIDE_CHARS, checkBackupText, describeImport, importBackupFile, makeBackup, makeRecoveryExport } from '../../utils/backup';
import { readRecovery, readTracker, recoveryItem, trackerItem } from '../../utils/tracker/storage';
import { NOW, fakeBackground, scenario, seedTracker, tasksOf } from './popup-overview-fixtures';

const file = (text: string | Uint8Array, name = 'backup.json') => new File([text as BlobPart], name, { type: 'application/json' });
const WHERE = 'with "Export set-aside records" at the top of this page or in the popup';

describe('backup file check', () => {
  const { data } = scenario();

  it('round-trips every task, nothing damaged', () => {
    const checked = checkBackupText(makeBackup(tasksOf(data), NOW));
    expect(checked).toEqual({ ok: true, tasks: tasksOf(data), damaged: [] });
  });

  it.each([
    ['not JSON', '{"format": '],
    ['another program’s JSON', '{"tasks": []}'],
    ['a JSON array', '[]'],
    ['another program’s JSON, cut off', '{"tasks": [{"key": "a'],
    ['a picture', new TextDecoder().decode(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))],
    ['our set-aside export, cut off', makeRecoveryExport([{ raw: 1 }], NOW).slice(0, 60)],
  ])('refuses %s as not a backup, and sets nothing aside', (_name, text) => {
    const checked = checkBackupText(text);
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.message).toMatch(/^This file is not (a backup: it is not valid JSON|a TikTok Deliverable Helper backup)\. Nothing was imported\.$/);
    expect(!checked.ok && checked.setAside).toBeUndefined();
  });

  it('refuses an export of set-aside records, saying what it is', () => {
    expect(checkBackupText(makeRecoveryExport([{ raw: 1 }], NOW))).toEqual({
      ok: false,
      message: 'This file holds set-aside records, not a backup: it cannot be imported. Nothing was imported.',
    });
  });

  it('refuses a newer format: update the extension; nothing is set aside', () => {
    const checked = checkBackupText(JSON.stringify({ format: BACKUP_FORMAT, version: 2, exportedAt: '', tasks: [{ key: 'k', state: 'new' }] }));
    expect(checked).toEqual({
      ok: false,
      message: 'This backup was made by a newer version of the extension (format 2). Update the extension, then import it again. Nothing was imported.',
    });
  });

  it('keeps the valid tasks and returns each damaged one with its reason', () => {
    const tasks = tasksOf(data).map((t) => ({ ...t }));
    (tasks[2] as Record<string, unknown>).state = 'launched';
    const checked = checkBackupText(makeBackup(tasks as never, NOW));
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.tasks.map((t) => t.key)).toEqual(tasksOf(data).filter((_, i) => i !== 2).map((t) => t.key));
    expect(checked.damaged).toHaveLength(1);
    expect(checked.damaged[0]!.raw).toEqual(tasks[2]);
    expect(checked.damaged[0]!.reason).toMatch(
      /^Task 3 of 5 \("TikTok Video – Unboxing", "Back to School Drop: Two Videos"\) in an imported backup is damaged: state: .*\.$/,
    );
  });

  it('a backup whose every task is damaged has nothing to import and all of them to set aside', () => {
    const checked = checkBackupText(JSON.stringify({ format: BACKUP_FORMAT, version: 1, exportedAt: '', tasks: [null, 'x', { key: 'k' }] }));
    expect(checked.ok && checked.tasks).toEqual([]);
    expect(checked.ok && checked.damaged.map((d) => d.raw)).toEqual([null, 'x', { key: 'k' }]);
    expect(checked.ok && checked.damaged.map((d) => d.reason.slice(0, 9))).toEqual(['Task 1 of', 'Task 2 of', 'Task 3 of']);
  });

  it('a very large damaged task is set aside as capped text, and the reason says so', () => {
    const huge = { ...tasksOf(data)[0]!, state: 'launched', notes: 'x'.repeat(MAX_SET_ASIDE_CHARS * 2) };
    const checked = checkBackupText(makeBackup([huge] as never, NOW));
    const part = checked.ok ? checked.damaged[0]! : undefined;
    expect(typeof part?.raw).toBe('string');
    expect((part?.raw as string).length).toBe(MAX_SET_ASIDE_CHARS);
    expect(part?.reason).toMatch(/too large to keep whole, so its text is kept\. The first 65,536 of its 1\d\d,\d\d\d characters are kept\.$/);
  });

  it.each([
    ['cut off', (text: string) => text.slice(0, Math.floor(text.length / 2)), 'it is not complete JSON (it may have been cut off while saving or downloading)'],
    ['cut off, with a byte-order mark', (text: string) => `\uFEFF${text.slice(0, 200)}`, 'it is not complete JSON (it may have been cut off while saving or downloading)'],
    ['with tasks that are not a list', () => JSON.stringify({ format: BACKUP_FORMAT, version: 1, exportedAt: '', tasks: {} }), 'its layout is not one this extension knows (tasks: '],
    ['without a version', () => JSON.stringify({ format: BACKUP_FORMAT, exportedAt: '', tasks: [] }), 'its layout is not one this extension knows (version: '],
  ])('a file of ours that is %s imports nothing; its text is to be set aside with the reason', (_name, damage, why) => {
    const text = damage(makeBackup(tasksOf(data), NOW));
    const checked = checkBackupText(text);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.message).toContain(`This backup file is damaged: ${why}`);
    expect(checked.message).toMatch(/\. Nothing was imported\.$/);
    expect(checked.setAside?.raw).toBe(text.replace(/^\uFEFF/, ''));
    expect(checked.setAside?.reason).toContain(`An imported backup file could not be read: ${why}`);
  });

  it('keeps at most MAX_SET_ASIDE_CHARS of an unreadable file, and says how much', () => {
    const big = makeBackup(Array.from({ length: 60 }, () => tasksOf(data)).flat(), NOW);
    const text = big.slice(0, big.length - 10);
    expect(text.length).toBeGreaterThan(MAX_SET_ASIDE_CHARS);
    const checked = checkBackupText(text);
    expect(!checked.ok && checked.setAside?.raw).toBe(text.slice(0, MAX_SET_ASIDE_CHARS));
    expect(!checked.ok && checked.setAside?.reason).toContain(`The first 65,536 of its ${text.length.toLocaleString('en')} characters are kept.`);
  });
});

describe('describeImport', () => {
  const none = { added: 0, updated: 0, kept: 0, rejected: 0, setAside: 0 };
  it.each([
    [{ ...none, added: 11, updated: 1 }, 'Imported 12 tasks: 11 added, 1 updated, 0 kept (your copy is newer or the same).'],
    [
      { ...none, added: 11, updated: 1, rejected: 1, setAside: 1 },
      `Imported 12 tasks: 11 added, 1 updated, 0 kept (your copy is newer or the same). 1 task was damaged and set aside: export it ${'with "Export set-aside records" at the top of this page or in the popup'}.`,
    ],
    [{ ...none, kept: 1, rejected: 2, setAside: 2 }, `Imported 1 task: 0 added, 0 updated, 1 kept (your copy is newer or the same). 2 tasks were damaged and set aside: export them ${WHERE}.`],
    [{ ...none, rejected: 3, setAside: 3 }, `Nothing was imported. 3 tasks were damaged and set aside: export them ${WHERE}.`],
    [{ ...none, added: 1, rejected: 2, setAside: 0 }, 'Imported 1 task: 1 added, 0 updated, 0 kept (your copy is newer or the same). 2 tasks were damaged and could not be set aside; they are still in your backup file.'],
    [
      { ...none, added: 1, rejected: 600, setAside: 500 },
      `Imported 1 task: 1 added, 0 updated, 0 kept (your copy is newer or the same). 600 tasks were damaged; only the last 500 tasks could be set aside (the list of set-aside records is full): export them ${WHERE}. The others are still in your backup file.`,
    ],
    [none, 'This backup holds no tasks. Nothing was imported.'],
  ])('%o → %s', (counts, message) => {
    expect(describeImport(counts)).toBe(message);
  });
});

describe('importBackupFile', () => {
  it('a file that is not ours changes nothing, sends nothing and sets nothing aside', async () => {
    const { data } = scenario();
    await seedTracker(data);
    const before = await trackerItem.getValue();
    const background = fakeBackground('overview.html');
    for (const text of ['{"tasks": [{"key": "k"}]}', '{"tasks": [{"ke', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46])]) {
      const outcome = await importBackupFile(file(text));
      expect(outcome.ok).toBe(false);
    }
    expect(background.sent).toEqual([]);
    expect(await trackerItem.getValue()).toEqual(before);
    expect(await recoveryItem.getValue()).toEqual([]);
  });

  it('a damaged task does not stop the rest: the valid ones merge, it is set aside with its reason and the file name', async () => {
    const { data, keys } = scenario();
    await seedTracker({ tasks: { [keys.ukGlow]: data.tasks[keys.ukGlow]! } });
    const background = fakeBackground('overview.html');
    const tasks = tasksOf(data).map((t) => ({ ...t }));
    const broken = { ...tasks[2]!, state: 'launched' };
    tasks[2] = broken as never;

    const outcome = await importBackupFile(file(makeBackup(tasks, NOW), 'my-backup.json'));

    expect(outcome).toEqual({
      ok: true,
      warning: true,
      counts: { added: 3, updated: 0, kept: 1, rejected: 1, setAside: 1 },
      message: `Imported 4 tasks: 3 added, 0 updated, 1 kept (your copy is newer or the same). 1 task was damaged and set aside: export it ${WHERE}.`,
    });
    expect(background.sent.map((m) => m.type)).toEqual(['importBackup']);
    expect(Object.keys((await readTracker()).data.tasks).sort()).toEqual(Object.keys(data.tasks).filter((k) => k !== broken.key).sort());
    const recovery = await readRecovery();
    expect(recovery).toEqual([{ at: expect.any(Number), source: 'import', reason: expect.stringMatching(/^Task 3 of 5 .* is damaged: state: .*\(file "my-backup\.json"\)$/), raw: broken }]);
  });

  it('the same damaged backup imported twice sets each damaged task aside once', async () => {
    const { data } = scenario();
    fakeBackground('overview.html');
    const tasks = tasksOf(data).map((t, i) => (i < 2 ? { ...t, state: 'launched' } : t));
    const text = makeBackup(tasks as never, NOW);
    const first = await importBackupFile(file(text));
    const second = await importBackupFile(file(text));
    expect(first.ok && first.counts).toEqual({ added: 3, updated: 0, kept: 0, rejected: 2, setAside: 2 });
    expect(second.ok && second.counts).toEqual({ added: 0, updated: 0, kept: 3, rejected: 2, setAside: 2 });
    expect(await readRecovery()).toHaveLength(2);
  });

  it('a cut-off backup of ours imports nothing; its text is set aside and the message says where to export it', async () => {
    const { data } = scenario();
    await seedTracker(data);
    const before = await trackerItem.getValue();
    fakeBackground('overview.html');
    const text = makeBackup(tasksOf(data), NOW).slice(0, 900);

    const outcome = await importBackupFile(file(text, 'partial.json'));

    expect(outcome).toEqual({
      ok: false,
      message: `This backup file is damaged: it is not complete JSON (it may have been cut off while saving or downloading). Nothing was imported. Its text was set aside: export it ${WHERE}.`,
    });
    expect(await trackerItem.getValue()).toEqual(before);
    expect(await readRecovery()).toEqual([
      {
        at: expect.any(Number),
        source: 'import',
        reason: 'An imported backup file could not be read: it is not complete JSON (it may have been cut off while saving or downloading). (file "partial.json")',
        raw: text,
      },
    ]);
  });

  it('says so when a cut-off backup could not be set aside either', async () => {
    fakeBackground('overview.html');
    const { data } = scenario();
    const setValue = recoveryItem.setValue;
    recoveryItem.setValue = () => Promise.reject(new Error('QUOTA_BYTES quota exceeded'));
    try {
      const outcome = await importBackupFile(file(makeBackup(tasksOf(data), NOW).slice(0, 900)));
      expect(outcome).toEqual({
        ok: false,
        message:
          'This backup file is damaged: it is not complete JSON (it may have been cut off while saving or downloading). Nothing was imported. Its text could not be set aside; your file is unchanged.',
      });
    } finally {
      recoveryItem.setValue = setValue;
    }
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
      warning: false,
      counts: { added: 1, updated: 0, kept: 4, rejected: 0, setAside: 0 },
      message: 'Imported 5 tasks: 1 added, 0 updated, 4 kept (your copy is newer or the same).',
    });
    expect(background.sent.map((m) => m.type)).toEqual(['importBackup']);
    const after = (await readTracker()).data.tasks;
    expect(after[keys.summerGlow]!.state).toBe('posted');
    expect(after[keys.kicksUnboxing]!.taskName).toBe('TikTok Video – Unboxing');
    expect(await recoveryItem.getValue()).toEqual([]);
  });
});

describe('set-aside writes share the tracker’s writer queue', () => {
  it('imports setting tasks aside while tracker writes set damaged stored tasks aside lose no record', async () => {
    const { data } = scenario();
    const bad = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`bad-${i}`, { key: `bad-${i}`, state: 'exploded' }]));
    await trackerItem.setValue({ tasks: { ...data.tasks, ...bad } } as never);
    const record = (n: number) => ({ at: NOW, source: 'import', reason: `r${n}`, raw: { n } });
    // All at once, as a popup command and two imports arriving together would.
    const held = await Promise.all([
      setAsideQueued([record(0)]),
      updateTracker((d) => ({ data: d, result: 0 })),
      setAsideQueued([record(1), record(2)]),
      setAsideQueued([record(3)]),
    ]);
    expect(held).toEqual([1, 0, 2, 1]);
    const raws = (await readRecovery()).map((r) => r.raw);
    expect(raws).toHaveLength(9);
    for (let n = 0; n < 4; n++) expect(raws).toContainEqual({ n });
    for (const task of Object.values(bad)) expect(raws).toContainEqual(task);
  });
});
