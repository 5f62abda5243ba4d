/**
 * The budgeted work queue: what is left to find and decorate, as lazy iterators taken a step
 * at a time within a time budget per frame, so that a big page takes several frames and the
 * page gets the main thread back in between. The insertions into the page wait for the end of
 * the batch and go in together (the page lays out once, not once per frame); near-viewport
 * ones go in at the end of each slice, so what the creator is looking at never waits.
 */

/**
 * The longest slice of work a batch ever takes in one frame: well inside a 60 Hz frame
 * (16 ms) with the step that crosses the deadline, so the page never drops a frame for us.
 */
const LONGEST_SLICE_MS = 10;
/** After this many frames a batch's controls go in as they are ready (the page is busy). */
const SLICES_BEFORE_PLACING = 4;

export interface Job {
  /** Whom an error of `items` is reported against. */
  name: string;
  /** The steps of work; a `null` is a step with nothing to hand on. */
  items: Iterator<Element | null>;
  /** What the job looks through: when the page replaces it, the job ends (its replacement has a job of its own). */
  scope?: ParentNode;
  /** Gets each element found (a job without it only walks, such as a look for shadow roots). */
  take?(el: Element): void;
}

export interface WorkQueue {
  /** No job left: the batch is done (or none started). */
  readonly idle: boolean;
  /** Add a job at the end. */
  push(job: Job): void;
  /** Add a job ahead of all others (what the creator is about to see). */
  unshift(job: Job): void;
  /** Hand an insertion into the page in: done at the end of the batch (at once without a budget). */
  place(insert: () => void): void;
  /** Same for a near-viewport decoration: done at the end of the slice. */
  placeNear(insert: () => void): void;
  /** Starts a frame's slice of work: its deadline (longer the more frames the batch took). */
  startSlice(): number;
  /**
   * Work through the jobs until `deadline` (at least one step). True when the batch is done,
   * every insertion made; false when jobs are left for the next frame.
   */
  runUntil(deadline: number): boolean;
  /** Drop every job and insertion (invalidated). */
  clear(): void;
}

/** `budgetMs`: the longest stretch of work per frame (undefined: unlimited, insertions at once). */
export function createWorkQueue(budgetMs: number | undefined, now: () => number, report: (name: string, error: unknown) => void): WorkQueue {
  let queue: Job[] = [];
  /** Slices the current batch took so far. */
  let slices = 0;
  /** Insertions of the current batch, done together when it is complete. */
  let placements: (() => void)[] = [];
  /**
   * Insertions of near-viewport decorations: a screenful at most, put in at the end of the
   * frame's slice rather than the batch's, so what the creator is looking at never waits for
   * a scan of the whole page.
   */
  let nearPlacements: (() => void)[] = [];

  function flushPlacements() {
    const inserts = placements;
    placements = [];
    insertAll(inserts);
  }

  function flushNearPlacements() {
    const inserts = nearPlacements;
    nearPlacements = [];
    insertAll(inserts);
  }

  function insertAll(inserts: (() => void)[]) {
    for (const insert of inserts) {
      try {
        insert();
      } catch (error) {
        report('insert', error);
      }
    }
  }

  return {
    get idle() {
      return queue.length === 0;
    },
    push: (job) => void queue.push(job),
    unshift: (job) => void queue.unshift(job),
    place: (insert) => void (budgetMs === undefined ? insert() : placements.push(insert)),
    placeNear: (insert) => void (budgetMs === undefined ? insert() : nearPlacements.push(insert)),
    startSlice() {
      // A batch that is still not done gets longer slices (up to LONGEST_SLICE_MS): a page
      // that re-renders constantly leaves few frames, and the batch must finish before the next.
      return budgetMs === undefined ? Infinity : now() + Math.min(LONGEST_SLICE_MS, budgetMs * 2 ** slices++);
    },
    runUntil(deadline) {
      while (queue.length > 0) {
        const job = queue[0]!;
        let step: IteratorResult<Element | null>;
        try {
          // The page replaced what this job was looking through: its replacement has a job of its own.
          step = job.scope && !(job.scope as Node).isConnected ? { done: true, value: undefined } : job.items.next();
        } catch (error) {
          report(job.name, error);
          step = { done: true, value: undefined };
        }
        if (step.done) queue.shift();
        else if (step.value && job.take) job.take(step.value);
        // Let the page paint and respond; the rest follows in the next frame (every frame makes
        // at least one step). A page that leaves few frames gets what is ready so far, rather
        // than nothing until the end.
        if (queue.length > 0 && now() > deadline) {
          flushNearPlacements();
          if (slices >= SLICES_BEFORE_PLACING) flushPlacements();
          return false;
        }
      }
      slices = 0;
      flushNearPlacements();
      flushPlacements();
      return true;
    },
    clear() {
      queue = [];
      placements = [];
      nearPlacements = [];
    },
  };
}
