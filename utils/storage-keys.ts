/**
 * Every storage key the extension uses, named once. `@wxt-dev/storage` takes a key with its
 * area (`local:tracker`); `browser.storage.local` and `storage.onChanged` use the bare name
 * (`tracker`). Both forms come from here, so no module spells a key or slices off an area.
 *
 * Imports nothing, so the content script (which must stay small) and the pages' prefetch.ts
 * (which must run before anything else) can use it too.
 */

/** Bare names in `storage.local`. */
export const LOCAL_KEY = {
  /** Every task (storage.ts trackerItem); only the background writes it. */
  tracker: 'tracker',
  /** trackerItem's metadata (@wxt-dev/storage: `<key>$`): its version `v` and the revision `rev`. */
  trackerMeta: 'tracker$',
  /** The popup's and the overview's first screen, derived from the tracker (head.ts). */
  trackerHead: 'trackerHead',
  settings: 'settings',
  /** Records set aside as damaged, kept for the creator to export. */
  recovery: 'recovery',
} as const;

export type LocalKey = (typeof LOCAL_KEY)[keyof typeof LOCAL_KEY];

/**
 * What the popup and the overview read first (tracker/prefetch.ts starts the read, use-tracker.ts
 * takes it over): the head, the tracker's revision, settings and set-aside records.
 */
export const FIRST_READ_KEYS: readonly LocalKey[] = [LOCAL_KEY.trackerHead, LOCAL_KEY.trackerMeta, LOCAL_KEY.settings, LOCAL_KEY.recovery];

/** The key with its area, as @wxt-dev/storage takes it. */
export function localKey<K extends LocalKey>(name: K): `local:${K}` {
  return `local:${name}`;
}

/** `storage.session`: the creator's path in a tab (background/creator-paths.ts), one key per tab. */
export function creatorPathKey(tabId: number): string {
  return `creatorPath:${tabId}`;
}
