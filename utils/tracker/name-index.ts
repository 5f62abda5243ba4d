/**
 * Tasks by name: the folded campaign and task names (keys.ts `fold`) → the keys of the tasks
 * that bear them. A task seen on a page that shows no ids (or other ids than the first page
 * did) is looked for by its names when its key misses (reducer.ts recordDiscovered); without
 * an index that look-up folded the names of every task (~60 ms at 50,000 tasks, for each task
 * seen for the first time). The worker keeps one index for its record of every task and
 * changes it with each task it stores (background/tracker-owner.ts `place`), so the look-up
 * costs the same at 50 and at 50,000 tasks (the first one in a worker's life builds it). Any other record (a test's, a page's) is indexed
 * when asked, the same way.
 */
import { fold } from './keys';
import type { TrackedTask } from './schema';
import { taskLayers } from './task-map';

type Tasks = Record<string, TrackedTask>;
type Named = Pick<TrackedTask, 'campaignName' | 'taskName'>;

/** The index's key for a task's names: the folded campaign name, then the folded task name. */
function nameOf(task: Named): string {
  return `${fold(task.campaignName)}\n${fold(task.taskName)}`;
}

/**
 * Built on the first look-up, from the tasks as they are then (folding the names of 50,000
 * tasks costs about twice one old scan: a worker start does not pay it, only the first task
 * seen under a key not stored yet), then changed task by task.
 */
export class NameIndex {
  /** Names → key of the one task that bears them, or the keys of several; undefined until built. */
  private byName: Map<string, string | string[]> | undefined;
  /** Key → the names it is indexed under (a renamed task leaves its old names). */
  private readonly names = new Map<string, string>();

  /** `tasks`: every task when the index is first needed. */
  constructor(private readonly tasks: () => Iterable<TrackedTask>) {}

  /** The task stored under `key` is now `task` (undefined: removed). */
  set(key: string, task: TrackedTask | undefined): void {
    if (this.byName === undefined) return; // built from the tasks as they are when first needed
    const name = task && nameOf(task);
    const before = this.names.get(key);
    if (before === name) return;
    if (before !== undefined) this.drop(this.byName, before, key);
    if (name === undefined) {
      this.names.delete(key);
      return;
    }
    this.names.set(key, name);
    const keys = this.byName.get(name);
    if (keys === undefined) this.byName.set(name, key);
    else if (typeof keys === 'string') this.byName.set(name, [keys, key]);
    else keys.push(key);
  }

  /** Keys of the tasks bearing these names. */
  keys(names: Named): readonly string[] {
    if (this.byName === undefined) {
      this.byName = new Map();
      for (const task of this.tasks()) this.set(task.key, task);
    }
    const keys = this.byName.get(nameOf(names));
    return keys === undefined ? [] : typeof keys === 'string' ? [keys] : keys;
  }

  private drop(byName: Map<string, string | string[]>, name: string, key: string): void {
    const keys = byName.get(name);
    if (keys === key) byName.delete(name);
    else if (Array.isArray(keys)) {
      const rest = keys.filter((k) => k !== key);
      byName.set(name, rest.length === 1 ? rest[0]! : rest);
    }
  }
}

/** Records of tasks with the index their owner keeps in step (weakly: a dropped record takes its index along). */
const kept = new WeakMap<Tasks, NameIndex>();

/** From now on `index` indexes `tasks`, and whoever changes `tasks` changes `index` with it (the worker). */
export function keepNameIndex(tasks: Tasks, index: NameIndex): void {
  kept.set(tasks, index);
}

/**
 * The tasks of `tasks` whose campaign and task names fold to those of `names`. A record made
 * from an indexed one by the reducers (task-map.ts overlays) asks the index for the record
 * under it and checks its few changes itself.
 */
export function tasksNamed(tasks: Tasks, names: Named): TrackedTask[] {
  const { base, set, removed } = taskLayers(tasks);
  const index = kept.get(base) ?? new NameIndex(() => Object.values(base));
  const name = nameOf(names);
  const out: TrackedTask[] = [];
  for (const key of index.keys(names)) {
    const task = base[key];
    if (task && !set.has(key) && !removed.has(key)) out.push(task);
  }
  for (const task of set.values()) if (nameOf(task) === name) out.push(task);
  return out;
}
