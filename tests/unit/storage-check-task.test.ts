/**
 * checkStoredTask (utils/tracker/storage.ts): the one check of a stored task against the key
 * it is stored under, used by readers (parseTrackerData) and by the worker's load, so both set
 * a task aside for the same reason and keep the same record.
 */
import { describe, expect, it } from 'vitest';
import { checkStoredTask, parseTrackerData } from '../../utils/tracker/storage';
import { buildTracker } from './head-trackers';

const task = Object.values(buildTracker(1, 1, 1, 1).tasks)[0]!;

describe('checkStoredTask', () => {
  it('gives the task stored under its own key', () => {
    expect(checkStoredTask(task.key, task, 5)).toEqual({ task });
  });

  it('sets aside a valid task stored under another key, keeping what was stored', () => {
    const text = JSON.stringify(task);
    expect(checkStoredTask('other', text, 5, { record: task })).toEqual({
      rejected: { at: 5, source: 'storage', reason: 'The task is stored under the wrong key.', raw: text },
    });
  });

  it('sets aside a damaged task with what is wrong, under the source given', () => {
    const damaged = { ...task, state: 'nonsense' };
    const checked = checkStoredTask(task.key, damaged, 7, { source: 'import' });
    expect(checked.task).toBeUndefined();
    expect(checked.rejected).toMatchObject({ at: 7, source: 'import', raw: damaged });
    expect(checked.rejected!.reason).toMatch(/state/);
  });

  it('is what parseTrackerData does for each task', () => {
    const damaged = { ...task, state: 'nonsense' };
    const parsed = parseTrackerData({ tasks: { [task.key]: task, wrong: task, bad: damaged } }, 9);
    expect(parsed.data.tasks).toEqual({ [task.key]: task });
    expect(parsed.rejected).toEqual([checkStoredTask('wrong', task, 9).rejected, checkStoredTask('bad', damaged, 9).rejected]);
  });
});
