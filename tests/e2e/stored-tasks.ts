/**
 * The tasks as the extension stores them, for tests that look at storage itself: buckets
 * `tasks:<n>`, each `{ [task key]: the task as JSON text }` (utils/tracker/buckets.ts).
 *
 * Each function here runs in an extension context (the worker, an extension page), sent as
 * text by `evaluate`: it uses nothing of this module, and finds the API as `browser`
 * (Firefox) or `chrome` (Chromium).
 */

interface LocalArea {
  get(keys: null): Promise<Record<string, unknown>>;
  set(items: object): Promise<void>;
}
type Api = { storage: { local: LocalArea } };

/** Every stored task, by key. */
export async function storedTasksInExtension(): Promise<Record<string, unknown>> {
  const api = (globalThis as { browser?: Api; chrome?: Api }).browser ?? (globalThis as { chrome?: Api }).chrome!;
  const all = await api.storage.local.get(null);
  const tasks: Record<string, unknown> = {};
  for (const [name, bucket] of Object.entries(all)) {
    if (!name.startsWith('tasks:')) continue;
    for (const [key, text] of Object.entries(bucket as Record<string, string>)) tasks[key] = JSON.parse(text);
  }
  return tasks;
}

/** The keys of every stored task (without their tasks: 50,000 of them cross to the test quickly). */
export async function storedTaskKeysInExtension(): Promise<string[]> {
  const api = (globalThis as { browser?: Api; chrome?: Api }).browser ?? (globalThis as { chrome?: Api }).chrome!;
  const all = await api.storage.local.get(null);
  return Object.entries(all).flatMap(([name, bucket]) => (name.startsWith('tasks:') ? Object.keys(bucket as Record<string, string>) : []));
}

/**
 * Change stored tasks as a tool would, writing their buckets without the worker:
 * `changes` maps a task id to the fields it gets. The worker notices and reloads.
 */
export async function changeStoredTasksInExtension(changes: Record<string, Record<string, unknown>>): Promise<void> {
  const api = (globalThis as { browser?: Api; chrome?: Api }).browser ?? (globalThis as { chrome?: Api }).chrome!;
  const all = await api.storage.local.get(null);
  const out: Record<string, Record<string, string>> = {};
  for (const [name, bucket] of Object.entries(all)) {
    if (!name.startsWith('tasks:')) continue;
    for (const [key, text] of Object.entries(bucket as Record<string, string>)) {
      const task = JSON.parse(text) as { taskId?: string };
      const change = changes[task.taskId ?? ''];
      if (change) (out[name] ??= { ...(bucket as Record<string, string>) })[key] = JSON.stringify({ ...task, ...change });
    }
  }
  await api.storage.local.set(out);
}
