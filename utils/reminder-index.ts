/**
 * The reminders of every task (reminders.ts), kept up to date one changed task at a time
 * (issue 16), so that the worker's check after a change costs about the same at 50 and at
 * 50,000 tasks: dueReminders and nextReminderAt walk every task, ~85 ms a change at 50,000.
 *
 * Each reminder not shown has one entry in force (`current`): when it comes (its time, or its
 * snooze's end) and until when it is worth showing. Entries still to come wait in a heap by
 * that time; a check moves those whose time has come to `reached`, where they are due until
 * shown, out of date or replaced. The next alarm is the heap's first. A change of a task, of
 * a snooze, or an id no longer shown puts a new entry in force; the replaced ones are dropped
 * where they are met (the heap is rebuilt when they are most of it). New settings, another
 * time-zone rule or a clock set back work out every entry again from the tasks held (rare).
 *
 * Only a copy: the tasks, shown ids and snoozes are storage's; the worker fills it from there
 * (all tasks once per worker, then the tasks each change touched). It gives exactly
 * dueReminders / nextReminderAt for the same inputs (tests/unit/reminder-index.test.ts checks
 * this over random sequences of changes).
 */
import { compareReminders, keyOfReminderId, pendingTimes, remindersFor, settingsKey, type Offset, type PendingTimes, type Reminder, type ReminderSettings } from './reminders';
import type { TrackedTask } from './tracker/schema';

interface Entry extends PendingTimes {
  reminder: Reminder;
}

/** What the answers depend on besides the tasks: as dueReminders' and nextReminderAt's arguments. */
export interface ReminderView {
  now: number;
  settings: ReminderSettings;
  offsetMinutes: Offset;
  shown: ReadonlySet<string>;
  snoozedUntil: ReadonlyMap<string, number>;
}

/** A binary min-heap of entries by `at`. */
function push(heap: Entry[], entry: Entry): void {
  let i = heap.push(entry) - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (heap[parent]!.at <= entry.at) break;
    heap[i] = heap[parent]!;
    i = parent;
  }
  heap[i] = entry;
}

/** Move the entry at `i` down to its place. */
function siftDown(heap: Entry[], i: number): void {
  const entry = heap[i]!;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= heap.length) break;
    const child = left + 1 < heap.length && heap[left + 1]!.at < heap[left]!.at ? left + 1 : left;
    if (heap[child]!.at >= entry.at) break;
    heap[i] = heap[child]!;
    i = child;
  }
  heap[i] = entry;
}

function pop(heap: Entry[]): Entry | undefined {
  const top = heap[0];
  const last = heap.pop();
  if (heap.length && last !== undefined) {
    heap[0] = last;
    siftDown(heap, 0);
  }
  return top;
}

/** These entries as a heap, in linear time (a worker's start enters every task's at once). */
function heapify(heap: Entry[]): Entry[] {
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) siftDown(heap, i);
  return heap;
}

export class ReminderIndex {
  private readonly tasks = new Map<string, TrackedTask>();
  /** By reminder id, its entry in force; an id shown, out of date or never due has none. */
  private readonly current = new Map<string, Entry>();
  private heap: Entry[] = [];
  private reached: Entry[] = [];
  private settings: ReminderSettings | undefined;
  private settingsKey = '';
  private offset: Offset | undefined;
  /** The latest time asked about: entries out of date then are gone. */
  private now = -Infinity;
  private shown: ReadonlySet<string> = new Set();
  private snoozed: ReadonlyMap<string, number> = new Map();

  /** Every task, in place of those held (a new worker, or the tracker read again). */
  reset(tasks: Iterable<TrackedTask>): void {
    this.tasks.clear();
    for (const task of tasks) this.tasks.set(task.key, task);
    this.rebuild();
  }

  /** One task changed (undefined: removed). */
  set(key: string, task: TrackedTask | undefined): void {
    for (const reminder of this.remindersOf(key)) this.current.delete(reminder.id);
    if (task) this.tasks.set(key, task);
    else this.tasks.delete(key);
    if (task && this.settings) this.enter(task);
  }

  task(key: string): TrackedTask | undefined {
    return this.tasks.get(key);
  }

  has(key: string): boolean {
    return this.tasks.has(key);
  }

  /** dueReminders over the tasks held. */
  due(view: ReminderView): Reminder[] {
    this.sync(view);
    const kept: Entry[] = [];
    for (const entry of this.reached) {
      if (!this.inForce(entry)) continue;
      if (this.now < entry.until) kept.push(entry);
      else this.current.delete(entry.reminder.id);
    }
    this.reached = kept;
    return kept.map((entry) => entry.reminder).sort(compareReminders);
  }

  /** nextReminderAt over the tasks held. */
  next(view: ReminderView): number | undefined {
    this.sync(view);
    while (this.heap.length && !this.inForce(this.heap[0]!)) pop(this.heap);
    return this.heap[0]?.at;
  }

  /** Whether the entry is its reminder's in force and not shown; one shown is let go. */
  private inForce(entry: Entry): boolean {
    const id = entry.reminder.id;
    if (this.current.get(id) !== entry) return false;
    if (!this.shown.has(id)) return true;
    this.current.delete(id);
    return false;
  }

  /** Bring the entries to this view: what changed since the last one, then the time. */
  private sync(view: ReminderView): void {
    const key = settingsKey(view.settings);
    if (key !== this.settingsKey || view.offsetMinutes !== this.offset || view.now < this.now || !this.settings) {
      this.settings = view.settings;
      this.settingsKey = key;
      this.offset = view.offsetMinutes;
      this.now = view.now;
      this.shown = view.shown;
      this.snoozed = view.snoozedUntil;
      this.rebuild();
    } else {
      // Ids no longer shown, or snoozed otherwise, get a new entry (at worst one per stored id).
      const again = new Set<string>();
      if (view.shown !== this.shown) for (const id of this.shown) if (!view.shown.has(id)) again.add(id);
      if (view.snoozedUntil !== this.snoozed) {
        for (const [id, until] of this.snoozed) if (view.snoozedUntil.get(id) !== until) again.add(id);
        for (const id of view.snoozedUntil.keys()) if (!this.snoozed.has(id)) again.add(id);
      }
      this.now = view.now;
      this.shown = view.shown;
      this.snoozed = view.snoozedUntil;
      for (const id of again) this.reenter(id);
    }
    while (this.heap.length && this.heap[0]!.at <= this.now) {
      const entry = pop(this.heap)!;
      if (this.current.get(entry.reminder.id) === entry) this.reached.push(entry);
    }
    // Replaced entries wait in the heap until met: rebuilt when they are most of it.
    if (this.heap.length > 16 && this.heap.length > 2 * this.current.size) {
      this.heap = heapify([...this.current.values()].filter((entry) => entry.at > this.now));
    }
  }

  /** Every entry worked out again from the tasks held. */
  private rebuild(): void {
    this.current.clear();
    this.reached = [];
    // Entered in a list, then made a heap at once.
    const entries: Entry[] = [];
    if (this.settings) for (const task of this.tasks.values()) this.enter(task, entries);
    this.heap = heapify(entries);
  }

  /** A task's reminders entered; `unordered`: into a list made a heap later. */
  private enter(task: TrackedTask, unordered?: Entry[]): void {
    for (const reminder of remindersFor(task, this.settings!, this.offset!)) this.place(reminder, unordered);
  }

  /** The reminders entered for a task held: remembered per task object (reminders.ts), so the same ones. */
  private remindersOf(key: string): readonly Reminder[] {
    const task = this.tasks.get(key);
    return task && this.settings ? remindersFor(task, this.settings, this.offset!) : [];
  }

  private reenter(id: string): void {
    this.current.delete(id);
    const reminder = this.remindersOf(keyOfReminderId(id) ?? '').find((r) => r.id === id);
    if (reminder) this.place(reminder);
  }

  /** A reminder's entry, unless it is shown or can no longer be due nor next (out of date before it comes). */
  private place(reminder: Reminder, unordered?: Entry[]): void {
    if (this.shown.has(reminder.id)) return;
    const entry: Entry = { reminder, ...pendingTimes(reminder, this.snoozed.get(reminder.id)) };
    if (entry.until <= this.now || entry.at >= entry.until) return;
    this.current.set(reminder.id, entry);
    if (entry.at <= this.now) this.reached.push(entry);
    else if (unordered) unordered.push(entry);
    else push(this.heap, entry);
  }
}
