/**
 * The creator's path per tab (which tile's Manage Tasks and which row's View Task Details
 * were pressed), kept by the background so that a frame, or the page a click led to, can
 * name a task its own details do not name. Kept in session storage as well: an MV3 worker
 * may stop between the click and the details appearing.
 */
import { applyPathStep, livePath, readPath, type CreatorPath, type PathStep } from '../page/path';
import { creatorPathKey } from '../storage-keys';

export interface PathStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  remove(key: string): Promise<void>;
}


export function createCreatorPaths(store: PathStore, now: () => number = Date.now) {
  const paths = new Map<number, CreatorPath>();
  async function load(tabId: number): Promise<CreatorPath | undefined> {
    const known = paths.get(tabId);
    if (known) return known;
    const stored = readPath(await store.get(creatorPathKey(tabId)).catch(() => undefined));
    if (stored) paths.set(tabId, stored);
    return paths.get(tabId);
  }
  return {
    async step(tabId: number, step: PathStep): Promise<CreatorPath> {
      const next = applyPathStep(livePath(await load(tabId), now()), step, now());
      paths.set(tabId, next);
      await store.set(creatorPathKey(tabId), next).catch(() => undefined);
      return next;
    },
    async current(tabId: number): Promise<CreatorPath | undefined> {
      return livePath(await load(tabId), now());
    },
    async forget(tabId: number): Promise<void> {
      paths.delete(tabId);
      await store.remove(creatorPathKey(tabId)).catch(() => undefined);
    },
  };
}
export type CreatorPaths = ReturnType<typeof createCreatorPaths>;
