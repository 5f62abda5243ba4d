/**
 * One queue for every job the worker does in a background tab ("Retrieve my post" tries
 * today; Refresh all later): at most `limit` run at once, so 40 tries that fall due together
 * (automatic retrieving switched back on) open two tabs at a time, not 40.
 *
 * Pure: no browser API and no clock; the timer is injected. It lives in memory only: an MV3
 * worker may be stopped at any moment, so each owner keeps what must survive in storage and
 * fills the queue again when a new worker starts (the retrieve orchestrator's `resume`).
 */

/** How many background tabs the worker's jobs may have open at once. */
export const BACKGROUND_TAB_LIMIT = 2;

export interface TabJob {
  /** One per thing worked on (e.g. `retrieve:<task key>`): the same id is never queued twice. */
  id: string;
  /** When the job fell due: the earliest goes first, then first come first served. */
  due: number;
  /** Someone pressed a button for this job (Retry now): it goes before automatic jobs. */
  asked?: boolean;
  /**
   * After this long the job's slot is freed even if `run` never settles (a page or a browser
   * call that hangs must not block the queue for good). Late settling is then ignored.
   */
  timeoutMs: number;
  /** Open or reuse a tab, do the work, close what it opened. */
  run(): Promise<void>;
}

export type StartTimer = (ms: number, fire: () => void) => () => void;

export interface TabQueueOptions {
  limit?: number;
  /** Calls `fire` after `ms` unless the returned cancel is called first. */
  startTimer?: StartTimer;
}

export interface TabQueue {
  /** Queues the job, or starts it when a slot is free; false when its id is already waiting or running. */
  add(job: TabJob): boolean;
  /**
   * A slot taken by work this queue did not start: a job an earlier worker began, whose tab
   * may still be open. Freed by `release` or after `ms`. False when the id already runs here.
   */
  hold(id: string, ms: number): boolean;
  /** Drops a waiting job (no longer due, deleted); false when none was waiting. A running job is left to end. */
  remove(id: string): boolean;
  /** The job's owner knows it is over (timed out by its own watchdog): its slot is free now. */
  release(id: string): void;
  waiting(id: string): Omit<TabJob, 'run'> | undefined;
  running(id: string): boolean;
  /** Ids waiting, in the order they will start; ids running (tests, progress). */
  snapshot(): { waiting: string[]; running: string[] };
  /** Resolves once no started job is still working (waiting jobs blocked only by holds do not count). */
  settled(): Promise<void>;
}

const defaultTimer: StartTimer = (ms, fire) => {
  const timer = setTimeout(fire, ms);
  return () => clearTimeout(timer);
};

interface Waiting extends TabJob {
  seq: number;
}

interface Slot {
  /** false for a hold: nothing of ours works there, so `settled` need not wait for it. */
  working: boolean;
  cancelTimer: () => void;
}

function before(a: Waiting, b: Waiting): number {
  if (!!a.asked !== !!b.asked) return a.asked ? -1 : 1;
  return a.due - b.due || a.seq - b.seq;
}

export function createTabQueue(options: TabQueueOptions = {}): TabQueue {
  const limit = Math.max(1, options.limit ?? BACKGROUND_TAB_LIMIT);
  const startTimer = options.startTimer ?? defaultTimer;
  const waiting: Waiting[] = [];
  const slots = new Map<string, Slot>();
  let seq = 0;
  let watchers: (() => void)[] = [];

  function notify(): void {
    if ([...slots.values()].some((s) => s.working)) return;
    const done = watchers;
    watchers = [];
    for (const resolve of done) resolve();
  }

  function free(id: string, slot: Slot): void {
    // A slot released already (or taken since by a new job of the same id) is not freed twice.
    if (slots.get(id) !== slot) return;
    slot.cancelTimer();
    slots.delete(id);
    pump();
  }

  function start(job: TabJob): void {
    const slot: Slot = { working: true, cancelTimer: () => {} };
    slots.set(job.id, slot);
    slot.cancelTimer = startTimer(job.timeoutMs, () => free(job.id, slot));
    let work: Promise<void>;
    try {
      work = job.run();
    } catch (error) {
      work = Promise.reject(error);
    }
    // A job that throws frees its slot like one that ends.
    work.then(
      () => free(job.id, slot),
      () => free(job.id, slot),
    );
  }

  function pump(): void {
    while (slots.size < limit && waiting.length > 0) {
      waiting.sort(before);
      start(waiting.shift()!);
    }
    notify();
  }

  const indexOf = (id: string) => waiting.findIndex((j) => j.id === id);

  return {
    add(job) {
      if (slots.has(job.id) || indexOf(job.id) >= 0) return false;
      waiting.push({ ...job, seq: seq++ });
      pump();
      return true;
    },

    hold(id, ms) {
      if (slots.has(id)) return false;
      const at = indexOf(id);
      if (at >= 0) waiting.splice(at, 1);
      const slot: Slot = { working: false, cancelTimer: () => {} };
      slots.set(id, slot);
      slot.cancelTimer = startTimer(Math.max(0, ms), () => free(id, slot));
      return true;
    },

    remove(id) {
      const at = indexOf(id);
      if (at < 0) return false;
      waiting.splice(at, 1);
      return true;
    },

    release(id) {
      const slot = slots.get(id);
      if (slot) free(id, slot);
    },

    waiting(id) {
      const job = waiting[indexOf(id)];
      return job && { id: job.id, due: job.due, asked: job.asked, timeoutMs: job.timeoutMs };
    },

    running: (id) => slots.has(id),

    snapshot() {
      return { waiting: [...waiting].sort(before).map((j) => j.id), running: [...slots.keys()] };
    },

    settled() {
      return new Promise<void>((resolve) => {
        watchers.push(resolve);
        notify();
      });
    },
  };
}
