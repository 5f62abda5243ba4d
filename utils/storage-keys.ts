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
  /**
   * Version 1's tracker: every task in one value. Since version 2 it holds `{ tasks: {} }`
   * (tasks live in buckets since version 3: TASK_BUCKET_PREFIX); a v1 value with tasks found
   * here (the update, or an older build or a tool writing it) is moved by the worker
   * (tracker/migrate.ts).
   */
  tracker: 'tracker',
  /**
   * trackerItem's metadata (@wxt-dev/storage: `<key>$`): its version `v` (3 since tasks live in
   * buckets: tracker/storage.ts says what an older build does then) and the revision `rev`.
   */
  trackerMeta: 'tracker$',
  /** Progress of a migration from version 1 under way (`{ total, copied }`); absent otherwise. */
  trackerMigration: 'trackerMigration',
  /** The popup's and the overview's first screen, derived from the tracker (head.ts). */
  trackerHead: 'trackerHead',
  /** The head's filter of tab keys, stored apart: written only when it changes (head.ts). */
  trackerTabFilter: 'trackerTabFilter',
  // The head's tasks are stored apart too, in HEAD_SLOT_COUNT slots (headSlotName).
  settings: 'settings',
  /** Records set aside as damaged, kept for the creator to export. */
  recovery: 'recovery',
  /** "Refresh all": the walk under way or the last one's summary (utils/refresh-state.ts). */
  refreshAll: 'refreshAll',
  /** The Participating page the creator last visited, where Refresh all starts. */
  refreshStart: 'refreshStart',
  /**
   * Reminders (background/reminders.ts): the ids of reminders already shown (never shown
   * twice, also after a worker stop or a browser restart) and those snoozed, until when.
   */
  reminders: 'reminders',
} as const;

export type LocalKey = (typeof LOCAL_KEY)[keyof typeof LOCAL_KEY];

/**
 * The head's tasks (head.ts), stored apart from its counts in slots by a hash of their campaign,
 * each written only when its part of the head changes: a tick rewrites the one or two slots
 * whose tasks it touched (a few KB), not the whole head (~70 KB at 50,000 tasks).
 */
export const HEAD_SLOT_COUNT = 32;
const HEAD_SLOT_PREFIX = 'trackerHeadTasks:';

export function headSlotName(slot: number): string {
  return HEAD_SLOT_PREFIX + slot;
}

/** Every head slot's name, in slot order. */
export const HEAD_SLOT_NAMES: readonly string[] = Array.from({ length: HEAD_SLOT_COUNT }, (_, i) => headSlotName(i));

/**
 * What the popup and the overview read first (tracker/prefetch.ts starts the read, use-tracker.ts
 * takes it over): the head, the tracker's revision, settings and set-aside records.
 */
export const FIRST_READ_KEYS: readonly string[] = [
  LOCAL_KEY.trackerHead,
  LOCAL_KEY.trackerTabFilter,
  ...HEAD_SLOT_NAMES,
  LOCAL_KEY.trackerMeta,
  LOCAL_KEY.settings,
  LOCAL_KEY.recovery,
  LOCAL_KEY.trackerMigration,
];

/**
 * A page's first read: the overview asks nothing about its tab, so it leaves out the head's tab
 * filter (~175 KB of text at 50,000 tasks; use-tracker.ts startTrackerSync `tabFilter`).
 */
export function firstReadKeys(tabFilter: boolean): readonly string[] {
  return tabFilter ? FIRST_READ_KEYS : FIRST_READ_KEYS.filter((key) => key !== LOCAL_KEY.trackerTabFilter);
}

/**
 * Tasks live in buckets (tracker/buckets.ts): `tasks:<n>`, each holding the JSON text of a few
 * dozen tasks. One key per task (version 2) made every write slower as tasks grew: Chromium's
 * `storage.local.set` costs with the number of keys stored (~2 ms at 5,000 keys, ~150 ms at
 * 50,000), and deep objects convert slowly where text does not.
 */
export const TASK_BUCKET_PREFIX = 'tasks:';

export function taskBucketName(bucket: number): string {
  return TASK_BUCKET_PREFIX + bucket;
}

export function isTaskBucketName(name: string): boolean {
  return name.startsWith(TASK_BUCKET_PREFIX);
}

/**
 * Version 2's one stored task: `task:<key>` (tracker/schema.ts taskKey). Still read (an older
 * build after a downgrade, a tool, data not moved yet) and moved into buckets by the worker.
 */
export const LEGACY_TASK_KEY_PREFIX = 'task:';

/** The task key of a version 2 stored name, or undefined when the name is not one. */
export function taskKeyOfLegacyName(name: string): string | undefined {
  return name.startsWith(LEGACY_TASK_KEY_PREFIX) ? name.slice(LEGACY_TASK_KEY_PREFIX.length) : undefined;
}

export function legacyTaskName(key: string): string {
  return LEGACY_TASK_KEY_PREFIX + key;
}

/** Whether a stored name can hold tasks: a bucket, a version 2 copy, or version 1's `tracker`. */
export function holdsTasks(name: string): boolean {
  return isTaskBucketName(name) || name.startsWith(LEGACY_TASK_KEY_PREFIX) || name === LOCAL_KEY.tracker;
}

/**
 * `storage.session`: changes the worker could not store (storage.local refused them: full
 * disk, quota), kept until a retry stores them (background/tracker-owner.ts). Pages show them
 * and offer Export backup; session storage has its own quota and survives a worker stop.
 */
export const SESSION_KEY = {
  pendingTasks: 'pendingTasks',
} as const;

/** The key with its area, as @wxt-dev/storage takes it. */
export function localKey<K extends LocalKey>(name: K): `local:${K}` {
  return `local:${name}`;
}

/** `storage.session`: the creator's path in a tab (background/creator-paths.ts), one key per tab. */
export function creatorPathKey(tabId: number): string {
  return `creatorPath:${tabId}`;
}
