import { describe, expect, it } from 'vitest';
import { createTabQueue, type TabJob } from '../../utils/background/tab-queue';

/** Timers that fire only when the test says so. */
function manualTimers() {
  const timers: { ms: number; fire: () => void; cancelled: boolean }[] = [];
  return {
    timers,
    startTimer: (ms: number, fire: () => void) => {
      const timer = { ms, fire, cancelled: false };
      timers.push(timer);
      return () => void (timer.cancelled = true);
    },
    /** Fires the pending timers of `ms` (all of them without). */
    fireAll(ms?: number) {
      for (const t of [...timers]) {
        if (t.cancelled || (ms !== undefined && t.ms !== ms)) continue;
        timers.splice(timers.indexOf(t), 1);
        t.fire();
      }
    },
  };
}

/** A job whose work ends when the test says so; `started` lists job ids in the order they began. */
function jobs() {
  const started: string[] = [];
  const finish = new Map<string, { resolve: () => void; reject: (e: Error) => void }>();
  let openNow = 0;
  let mostAtOnce = 0;
  const job = (id: string, due = 0, extra: Partial<TabJob> = {}): TabJob => ({
    id,
    due,
    timeoutMs: 1000,
    run: () => {
      started.push(id);
      openNow++;
      mostAtOnce = Math.max(mostAtOnce, openNow);
      return new Promise<void>((resolve, reject) => finish.set(id, { resolve, reject })).finally(() => void openNow--);
    },
    ...extra,
  });
  return { job, started, finish, mostAtOnce: () => mostAtOnce };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the background-tab queue', () => {
  it('runs at most two jobs at once and starts the next as one ends, earliest due first', async () => {
    const q = createTabQueue({ startTimer: manualTimers().startTimer });
    const j = jobs();
    // Due times out of order: the queue goes by due time, not by arrival.
    for (const [id, due] of [['a', 50], ['b', 10], ['c', 40], ['d', 20], ['e', 30]] as const) q.add(j.job(id, due));
    expect(j.started).toEqual(['a', 'b']); // free slots are taken at once
    expect(q.snapshot().waiting).toEqual(['d', 'e', 'c']);
    j.finish.get('b')!.resolve();
    await tick();
    expect(j.started).toEqual(['a', 'b', 'd']);
    for (const id of ['a', 'd', 'e', 'c']) {
      j.finish.get(id)?.resolve();
      await tick();
    }
    j.finish.get('c')?.resolve();
    await q.settled();
    expect(j.started).toEqual(['a', 'b', 'd', 'e', 'c']);
    expect(j.mostAtOnce()).toBe(2);
  });

  it('jobs due at the same time go first come, first served; a pressed button goes before them', async () => {
    const q = createTabQueue({ limit: 1, startTimer: manualTimers().startTimer });
    const j = jobs();
    q.add(j.job('running', 0));
    q.add(j.job('first', 5));
    q.add(j.job('second', 5));
    q.add(j.job('asked', 9, { asked: true }));
    expect(q.snapshot().waiting).toEqual(['asked', 'first', 'second']);
  });

  it('never queues the same id twice, waiting or running; once it ended it may come again', async () => {
    const q = createTabQueue({ startTimer: manualTimers().startTimer });
    const j = jobs();
    expect(q.add(j.job('x'))).toBe(true);
    expect(q.add(j.job('x'))).toBe(false);
    q.add(j.job('y'));
    expect(q.add(j.job('z'))).toBe(true);
    expect(q.add(j.job('z'))).toBe(false);
    expect(q.snapshot()).toEqual({ waiting: ['z'], running: ['x', 'y'] });
    j.finish.get('x')!.resolve();
    j.finish.get('y')!.resolve();
    await tick();
    j.finish.get('z')!.resolve();
    await q.settled();
    expect(q.add(j.job('x'))).toBe(true);
    expect(j.started).toEqual(['x', 'y', 'z', 'x']);
  });

  it('a removed job never runs', async () => {
    const q = createTabQueue({ startTimer: manualTimers().startTimer });
    const j = jobs();
    q.add(j.job('a'));
    q.add(j.job('b'));
    q.add(j.job('gone'));
    q.add(j.job('c'));
    expect(q.remove('gone')).toBe(true);
    expect(q.remove('a')).toBe(false); // running: left to end
    j.finish.get('a')!.resolve();
    j.finish.get('b')!.resolve();
    await tick();
    j.finish.get('c')!.resolve();
    await q.settled();
    expect(j.started).toEqual(['a', 'b', 'c']);
  });

  it('a job that throws, at once or later, frees its slot', async () => {
    const q = createTabQueue({ limit: 1, startTimer: manualTimers().startTimer });
    const j = jobs();
    q.add({ id: 'throws', due: 0, timeoutMs: 1000, run: () => { throw new Error('boom'); } });
    q.add(j.job('rejects'));
    await tick();
    expect(j.started).toEqual(['rejects']);
    q.add(j.job('next'));
    j.finish.get('rejects')!.reject(new Error('page gone'));
    await tick();
    expect(j.started).toEqual(['rejects', 'next']);
  });

  it('a job that hangs frees its slot when its time-out fires; its late end frees nothing else', async () => {
    const timers = manualTimers();
    const q = createTabQueue({ limit: 1, startTimer: timers.startTimer });
    const j = jobs();
    q.add(j.job('hangs'));
    q.add(j.job('next'));
    await tick();
    expect(j.started).toEqual(['hangs']);
    expect(timers.timers.map((t) => t.ms)).toEqual([1000]);
    timers.fireAll();
    expect(j.started).toEqual(['hangs', 'next']);
    q.add(j.job('third'));
    j.finish.get('hangs')!.resolve(); // the hung page answers after all
    await tick();
    expect(j.started).toEqual(['hangs', 'next']);
    expect(q.snapshot()).toEqual({ waiting: ['third'], running: ['next'] });
  });

  it('release frees a running job’s slot at once (its owner timed it out)', () => {
    const q = createTabQueue({ limit: 1, startTimer: manualTimers().startTimer });
    const j = jobs();
    q.add(j.job('hangs'));
    q.add(j.job('next'));
    q.release('hangs');
    expect(j.started).toEqual(['hangs', 'next']);
  });

  it('a hold (an earlier worker’s job) takes a slot until released or timed out, and is not waited for', async () => {
    const timers = manualTimers();
    const q = createTabQueue({ startTimer: timers.startTimer });
    const j = jobs();
    expect(q.hold('old-1', 300)).toBe(true);
    expect(q.hold('old-2', 500)).toBe(true);
    q.add(j.job('new-1'));
    q.add(j.job('new-2'));
    expect(j.started).toEqual([]);
    await q.settled(); // nothing of ours is working: does not wait for the holds
    q.release('old-1');
    expect(j.started).toEqual(['new-1']);
    timers.fireAll(500); // old-2's time is up
    expect(j.started).toEqual(['new-1', 'new-2']);
    expect(q.hold('new-1', 100)).toBe(false); // running here: not an earlier worker's
  });
});
