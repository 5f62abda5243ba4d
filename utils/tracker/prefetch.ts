/**
 * The first import of popup/main.tsx and overview/main.tsx: starts the page's first storage
 * read (tracker head, revision, settings, set-aside records) and, for the popup, the
 * active-tab query before the browser evaluates the rest of the bundle (React, zod, the app:
 * 10–40 ms on a slow machine), so the answers are there when the app first renders. It
 * imports nothing but the key names (storage-keys.ts, itself without imports) and runs first
 * (the bundler keeps module execution order).
 *
 * The read is taken over by use-tracker.ts startTrackerSync (takePrefetch), which registers
 * the storage watchers. A change that lands between this read and those watchers would be
 * missed, so a listener records every key that changes from now on; startTrackerSync reads
 * such keys again instead of trusting this read.
 */
import { firstReadKeys } from '../storage-keys';

interface ExtensionApi {
  storage: {
    local: { get(keys: string[]): Promise<Record<string, unknown>> };
    onChanged: {
      addListener(cb: (changes: Record<string, unknown>, area: string) => void): void;
      removeListener(cb: (changes: Record<string, unknown>, area: string) => void): void;
    };
  };
  tabs?: { query(info: { active: boolean; currentWindow: boolean }): Promise<{ id?: number; url?: string }[]> };
}

/**
 * How long the overview's main.tsx waits for this read before its first render: with it, the
 * first render shows the head's rows (use-tracker.ts startSyncBeforeRender); after this long it
 * renders without them ("Loading…") and shows them when they come. (The popup renders at once:
 * measured, waiting did not make its first card come sooner; its shell renders while it reads.)
 */
export const FIRST_RENDER_WAIT_MS = 100;

export interface Prefetch {
  /** null once taken. */
  read: Promise<Record<string, unknown>> | null;
  /** The keys `read` asks for (the popup's include the head's tab filter, the overview's not). */
  keys?: readonly string[];
  /** The popup's active-tab query; null once taken, and on other pages. */
  tab: Promise<{ id?: number; url?: string }[]> | null;
  /** Storage keys (local area) changed since `read` was started. */
  changed: Set<string>;
  stop(): void;
}


const g = globalThis as { browser?: ExtensionApi; chrome?: ExtensionApi; __trackerPrefetch?: Prefetch };
const api = g.browser ?? g.chrome;
if (api?.storage?.local) {
  const changed = new Set<string>();
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local') for (const key of Object.keys(changes)) changed.add(key);
  };
  api.storage.onChanged.addListener(listener);
  // Only the popup asks about its tab: the head's tab filter and the active tab are its alone.
  const popup = location.pathname.endsWith('/popup.html');
  const keys = firstReadKeys(popup);
  g.__trackerPrefetch = {
    read: api.storage.local.get([...keys]),
    keys,
    tab: popup && api.tabs ? api.tabs.query({ active: true, currentWindow: true }) : null,
    changed,
    stop: () => api.storage.onChanged.removeListener(listener),
  };
}
