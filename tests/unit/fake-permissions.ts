/**
 * WXT's fake browser has no `permissions` (every call throws "not mocked"). setup.ts puts
 * this in-memory one in its place before each test: the manifest's required host is granted,
 * `request` grants (or, as told, declines or fails), `remove` takes away, and both fire
 * onAdded/onRemoved like a browser.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';

type Permissions = { origins?: string[]; permissions?: string[] };
type Listener = (permissions: Permissions) => void;

export interface FakePermissions {
  origins: Set<string>;
  /** What the next requests answer: true (the creator accepts), false (declines) or an error thrown. */
  answer: boolean | Error;
  requested: string[][];
  removed: string[][];
  added: Set<Listener>;
  removedListeners: Set<Listener>;
}

function event(listeners: Set<Listener>) {
  return {
    addListener: (l: Listener) => void listeners.add(l),
    removeListener: (l: Listener) => void listeners.delete(l),
    hasListener: (l: Listener) => listeners.has(l),
    hasListeners: () => listeners.size > 0,
  };
}

export let fakePermissions: FakePermissions;

export function installFakePermissions(granted: readonly string[] = ['https://app.impact.com/*']): FakePermissions {
  const state: FakePermissions = { origins: new Set(granted), answer: true, requested: [], removed: [], added: new Set(), removedListeners: new Set() };
  fakePermissions = state;
  Object.assign(fakeBrowser.permissions, {
    getAll: async () => ({ origins: [...state.origins], permissions: ['storage', 'alarms', 'notifications', 'scripting'] }),
    contains: async ({ origins = [] }: Permissions) => origins.every((o) => state.origins.has(o)),
    request: async ({ origins = [] }: Permissions) => {
      state.requested.push(origins);
      if (state.answer instanceof Error) throw state.answer;
      if (!state.answer) return false;
      const fresh = origins.filter((o) => !state.origins.has(o));
      for (const o of fresh) state.origins.add(o);
      if (fresh.length) for (const l of state.added) l({ origins: fresh, permissions: [] });
      return true;
    },
    remove: async ({ origins = [] }: Permissions) => {
      state.removed.push(origins);
      const gone = origins.filter((o) => state.origins.delete(o));
      if (gone.length) for (const l of state.removedListeners) l({ origins: gone, permissions: [] });
      return true;
    },
    onAdded: event(state.added),
    onRemoved: event(state.removedListeners),
  });
  return state;
}
