import { describe, expect, it } from 'vitest';
import { applyEvent, choosePath, mergeBackup, recordDiscovered, removeTask, setStep } from '../../utils/tracker/reducer';
import { taskKey, type TrackerData } from '../../utils/tracker/schema';
import { glowVideo } from './glow-video';

const seen = glowVideo({
  accountName: 'Maya Creates',
  brand: 'Lumière Skincare',
  impactStatus: 'Awaiting submission',
  inviteLink: 'https://vt.tiktok.com/ZSabc123/',
  campaignCode: 'GLOW2026',
  authorizationDays: 30,
});
const empty: TrackerData = { tasks: {} };

describe('recordDiscovered', () => {
  it('adds a new task as Not started with its history', () => {
    const { data, task } = recordDiscovered(empty, seen, 1000);
    expect(task.state).toBe('notStarted');
    expect(task.key).toBe(taskKey(seen));
    expect(data.tasks[task.key]?.history.map((h) => h.event)).toEqual(['discovered']);
  });

  it('refreshes page values but keeps progress and values the page no longer shows', () => {
    const first = recordDiscovered(empty, seen, 1000);
    const ticked = setStep(first.data, first.task.key, 'linkCopied', true, 2000);
    if (!ticked.ok) throw new Error(ticked.reason);
    const { task } = recordDiscovered(ticked.value.data, { ...seen, campaignCode: undefined, impactStatus: 'In progress' }, 3000);
    expect(task.state).toBe('inProgress');
    expect(task.campaignCode).toBe('GLOW2026');
    expect(task.impactStatus).toBe('In progress');
    expect(task.steps.linkCopied).toBe(2000);
  });

  it('two tasks of one campaign never collide', () => {
    let { data } = recordDiscovered(empty, seen, 1);
    ({ data } = recordDiscovered(data, { ...seen, taskId: '5002', taskName: 'TikTok Video #2' }, 2));
    expect(Object.keys(data.tasks)).toHaveLength(2);
  });

  it('the same task seen with ids on one page and by names only on another stays one task', () => {
    const byNames = { ...seen, campaignId: undefined, taskId: undefined };
    let { data, task } = recordDiscovered(empty, byNames, 1);
    const ticked = setStep(data, task.key, 'linkCopied', true, 2);
    if (!ticked.ok) throw new Error(ticked.reason);
    ({ data, task } = recordDiscovered(ticked.value.data, seen, 3));
    expect(Object.keys(data.tasks)).toEqual([task.key]);
    expect(task).toMatchObject({ campaignId: '1001', taskId: '5001', state: 'inProgress' });
    ({ data } = recordDiscovered(data, { ...byNames, taskName: '  tiktok   VIDEO ' }, 4));
    expect(Object.keys(data.tasks)).toHaveLength(1);
  });

  it('tasks with the same names but different ids stay apart', () => {
    let { data } = recordDiscovered(empty, seen, 1);
    ({ data } = recordDiscovered(data, { ...seen, taskId: '5009' }, 2));
    ({ data } = recordDiscovered(data, { ...seen, accountId: '42', taskId: undefined }, 3));
    expect(Object.keys(data.tasks)).toHaveLength(3);
  });

  it('same names in a record changed by earlier reducers: a removed task is no candidate, one just added is', () => {
    const byNames = { ...seen, campaignId: undefined, taskId: undefined };
    let { data } = recordDiscovered(empty, seen, 1);
    const twin = recordDiscovered(data, { ...seen, taskId: '5002' }, 2);
    // Two of these names: ambiguous, the sighting is kept apart.
    expect(recordDiscovered(twin.data, byNames, 3).task.key).toBe(taskKey(byNames));
    data = removeTask(twin.data, taskKey(seen));
    const { task } = recordDiscovered(data, byNames, 4);
    expect(task.key).toBe(twin.task.key);
  });

  it('a page status of "… pending approval" means impact.com already has the post', () => {
    const { task } = recordDiscovered(empty, { ...seen, impactStatus: 'TikTok Video pending approval' }, 1);
    expect(task.state).toBe('submitted');
  });

  it('a link that became invalid is no longer offered', () => {
    let { data } = recordDiscovered(empty, seen, 1);
    const { task } = recordDiscovered(data, { ...seen, inviteLink: undefined, inviteLinkProblem: 'This is not a TikTok link: http' }, 2);
    expect(task.inviteLink).toBeUndefined();
    expect(task.inviteLinkProblem).toContain('not a TikTok link');
    data = recordDiscovered(data, seen, 3).data;
    expect(data.tasks[task.key]?.inviteLinkProblem).toBeUndefined();
  });
});

describe('events and steps', () => {
  const start = recordDiscovered(empty, seen, 1);
  const key = start.task.key;

  it('ticking a step starts the task; unticking keeps the state', () => {
    const ticked = setStep(start.data, key, 'codeCopied', true, 5);
    expect(ticked.ok && ticked.value.task.state).toBe('inProgress');
    const unticked = ticked.ok && setStep(ticked.value.data, key, 'codeCopied', false, 6);
    expect(unticked && unticked.ok && unticked.value.task.steps.codeCopied).toBeUndefined();
    expect(unticked && unticked.ok && unticked.value.task.state).toBe('inProgress');
  });

  it('refused moves change nothing and say why', () => {
    const out = applyEvent(start.data, key, 'retrieveSucceeded', 5);
    expect(out).toEqual({ ok: false, reason: expect.stringContaining('Not started'), code: 'cannotChange', params: { state: 'notStarted' } });
  });

  it('unknown tasks are reported, not invented', () => {
    expect(applyEvent(start.data, 'nope', 'markPosted', 5).ok).toBe(false);
    expect(choosePath(start.data, 'nope', 'campaignCode', 5).ok).toBe(false);
  });

  it('history is capped so storage cannot grow without bound', () => {
    let data = start.data;
    for (let i = 0; i < 300; i++) {
      const out = setStep(data, key, 'linkCopied', i % 2 === 0, i);
      if (out.ok) data = out.value.data;
    }
    expect(data.tasks[key]!.history.length).toBeLessThanOrEqual(100);
  });
});

describe('mergeBackup', () => {
  it('keeps newer local progress and adds unknown tasks', () => {
    const local = recordDiscovered(empty, seen, 10);
    const posted = applyEvent(local.data, local.task.key, 'markPosted', 20);
    if (!posted.ok) throw new Error(posted.reason);
    const olderCopy = { ...local.task, updatedAt: 15 };
    const other = recordDiscovered(empty, { ...seen, campaignId: '2002', campaignName: 'Other' }, 30).task;
    const merged = mergeBackup(posted.value.data, [olderCopy, other]);
    expect(merged).toMatchObject({ added: 1, updated: 0, kept: 1 });
    expect(merged.data.tasks[local.task.key]!.state).toBe('posted');
  });
});
