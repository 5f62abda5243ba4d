/**
 * Task records that share the unchanged tasks with the record they came from.
 *
 * The background keeps every task in memory (background/tracker-owner.ts) and runs the pure
 * reducers on it. Copying a 50,000-task record for each change (`{ ...tasks, [key]: task }`)
 * costs ~60 ms; an overlay costs nothing, and tells the owner exactly which tasks a change
 * touched, so it writes those and nothing else. Reading a task is a lookup in the overlay,
 * then in the base record. Listing every task (Object.keys / values / entries, spreading,
 * JSON) works as on a plain object, in the plain object's order, only slower: rare paths
 * (a task seen under another key, an import) pay for it, a tick does not.
 */
import type { TrackedTask } from './schema';

type Tasks = Record<string, TrackedTask>;

interface Overlay {
  base: Tasks;
  set: ReadonlyMap<string, TrackedTask>;
  removed: ReadonlySet<string>;
}

const OVERLAY = Symbol('task overlay');

function overlayOf(tasks: Tasks): Overlay | undefined {
  return (tasks as { [OVERLAY]?: Overlay })[OVERLAY];
}

function present(o: Overlay, key: string): boolean {
  return !o.removed.has(key) && (o.set.has(key) || Object.hasOwn(o.base, key));
}

function makeOverlay(o: Overlay): Tasks {
  return new Proxy({} as Tasks, {
    get(_target, key) {
      if (key === OVERLAY) return o;
      if (typeof key !== 'string') return Reflect.get(o.base, key);
      if (o.removed.has(key)) return undefined;
      return o.set.has(key) ? o.set.get(key) : Reflect.get(o.base, key);
    },
    has(_target, key) {
      if (typeof key !== 'string') return key === OVERLAY || key in o.base;
      if (o.removed.has(key)) return false;
      return o.set.has(key) || key in o.base;
    },
    ownKeys() {
      const keys = Object.keys(o.base).filter((k) => !o.removed.has(k));
      for (const k of o.set.keys()) if (!Object.hasOwn(o.base, k)) keys.push(k);
      return keys;
    },
    getOwnPropertyDescriptor(_target, key) {
      if (typeof key !== 'string' || !present(o, key)) return undefined;
      const value = o.set.has(key) ? o.set.get(key) : o.base[key];
      return { value, writable: false, enumerable: true, configurable: true };
    },
    set: () => false,
    deleteProperty: () => false,
    defineProperty: () => false,
  });
}

/**
 * What a record is made of: the plain record under it (`base`), and the tasks put over it and
 * the keys removed from it since (both empty for a plain record). For look-ups that keep an
 * index of the plain record (name-index.ts) and check the few changes on top themselves.
 */
export function taskLayers(tasks: Tasks): { base: Tasks; set: ReadonlyMap<string, TrackedTask>; removed: ReadonlySet<string> } {
  return overlayOf(tasks) ?? { base: tasks, set: new Map(), removed: new Set() };
}

/** `tasks` with these tasks put (by their key) and these keys removed; `tasks` itself is unchanged. */
export function withTaskChanges(tasks: Tasks, put: readonly TrackedTask[], remove: readonly string[] = []): Tasks {
  const prev = overlayOf(tasks);
  const base = prev ? prev.base : tasks;
  const set = new Map(prev?.set);
  const removed = new Set(prev?.removed);
  for (const key of remove) {
    set.delete(key);
    if (Object.hasOwn(base, key)) removed.add(key);
  }
  for (const task of put) {
    removed.delete(task.key);
    set.set(task.key, task);
  }
  return makeOverlay({ base, set, removed });
}

export interface TaskChanges {
  /** Tasks added or replaced (a new object under a key). */
  put: TrackedTask[];
  /** Keys no longer present. */
  removed: string[];
}

/**
 * What `next` changed in `base`: read off the overlay when `next` was made from `base` by
 * withTaskChanges (a few entries), else found by comparing every key (any other record).
 * A task counts as changed when its object is another one: reducers never edit in place.
 */
export function taskChanges(base: Tasks, next: Tasks): TaskChanges {
  if (next === base) return { put: [], removed: [] };
  const o = overlayOf(next);
  if (o && o.base === base) {
    return { put: [...o.set.values()].filter((t) => base[t.key] !== t), removed: [...o.removed] };
  }
  const put: TrackedTask[] = [];
  const removed: string[] = [];
  for (const key of Object.keys(next)) {
    const task = next[key]!;
    if (base[key] !== task || !Object.hasOwn(base, key)) put.push(task);
  }
  for (const key of Object.keys(base)) if (!(key in next)) removed.push(key);
  return { put, removed };
}
