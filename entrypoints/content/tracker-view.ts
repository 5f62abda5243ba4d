/**
 * A read-only, live view of the tracker for the page: every task read once (the buckets,
 * plus version 1 and 2 copies the worker has not moved yet: tracker/buckets.ts), then only
 * the tasks whose text a change alters (only the background writes them). Listeners are told
 * after each change.
 *
 * No schema here (zod would cost every impact.com page ~9 KB gzip; README "Boundaries"): the
 * worker is the tracker's only writer and stores only tasks it parsed (tracker/schema.ts
 * TrackedTaskSchema); it moves older versions' copies to the current shape and sets damaged
 * records aside (background/tracker-owner.ts loadAll, also after a foreign write). What a tool
 * or a write cut short may leave meanwhile is read defensively: a record the page cannot use
 * (usableTask) gets no controls, lazily and once per content.
 */
import { browser } from 'wxt/browser';
import { holdsTasks, isTaskBucketName, LOCAL_KEY, taskKeyOfLegacyName } from '@/utils/storage-keys';
import { readInPieces } from '@/utils/storage-pieces';
import { bucketChanges, storedTasks, taskRecord, v1Tasks } from '@/utils/tracker/buckets';
import type { TrackedTask } from '@/utils/tracker/schema';
import { TRACKER_STATES } from '@/utils/tracker/machine';
import type { TrackerView } from './context';

type CampaignEntry = ReturnType<TrackerView['campaigns']>[number];

/** Text fields the page shows or matches on when a record has them. */
const OPTIONAL_TEXT = ['accountId', 'accountName', 'campaignId', 'taskId', 'inviteLink', 'inviteLinkProblem', 'campaignCode'] as const;

/**
 * A stored record as the page uses it, or undefined when it cannot: not its task's (key), a
 * state this version does not know, or text the page reads that is not text. The rest is read
 * where used (a missing `steps` is no step taken: components/next-step.ts; `retrieve`:
 * features/ttcm-controls.ts).
 */
export function usableTask(key: string, record: unknown): TrackedTask | undefined {
  if (!record || typeof record !== 'object' || Array.isArray(record)) return undefined;
  const r = record as Record<string, unknown>;
  if (r.key !== key || !(TRACKER_STATES as readonly unknown[]).includes(r.state)) return undefined;
  if (typeof r.campaignName !== 'string' || typeof r.taskName !== 'string') return undefined;
  if (OPTIONAL_TEXT.some((f) => r[f] !== undefined && typeof r[f] !== 'string')) return undefined;
  return record as TrackedTask;
}

export function createTrackerView(signal: AbortSignal): TrackerView & { ready: Promise<void> } {
  /** Each task as stored: its JSON text (a bucket's), or a version 1 or 2 record. */
  const records = new Map<string, unknown>();
  /** Usable records by key, for the stored value they were read from. */
  const checked = new Map<string, { raw: unknown; task: TrackedTask | null }>();
  /** Campaign fields by key, for the record they were read from (not checked: get checks). */
  const campaignFields = new Map<string, { raw: unknown; entry: CampaignEntry | null }>();

  function campaignAt(key: string): CampaignEntry | undefined {
    const value = records.get(key);
    let fields = campaignFields.get(key);
    if (fields?.raw !== value) {
      const record = taskRecord(value);
      const r = record && typeof record === 'object' ? (record as Record<string, unknown>) : undefined;
      const entry = r
        ? { key, campaignId: typeof r.campaignId === 'string' ? r.campaignId : undefined, campaignName: typeof r.campaignName === 'string' ? r.campaignName : '', accountId: r.accountId, accountName: r.accountName }
        : null;
      fields = { raw: value, entry };
      campaignFields.set(key, fields);
    }
    return fields?.entry ?? undefined;
  }
  const listeners = new Set<() => void>();

  function taskAt(key: string): TrackedTask | undefined {
    const value = records.get(key);
    if (value === undefined) return undefined;
    let entry = checked.get(key);
    if (entry?.raw !== value) {
      entry = { raw: value, task: usableTask(key, taskRecord(value)) ?? null };
      checked.set(key, entry);
    }
    return entry.task ?? undefined;
  }

  /** Take task records (undefined/null: gone); true when any changed. */
  function take(changes: Iterable<[string, unknown]>): boolean {
    let changed = false;
    for (const [key, value] of changes) {
      if (value === undefined || value === null) {
        changed = records.delete(key) || changed;
        checked.delete(key);
        campaignFields.delete(key);
      } else {
        records.set(key, value);
        changed = true;
      }
    }
    return changed;
  }

  const tell = () => {
    for (const l of Array.from(listeners)) l();
  };

  /** Changes that came while the first read was on its way are newer than it. */
  let early: Map<string, unknown> | null = new Map();
  const onChanged = (changes: Record<string, { oldValue?: unknown; newValue?: unknown }>, area: string) => {
    if (area !== 'local' || signal.aborted) return;
    const tasks: [string, unknown][] = [];
    for (const [name, change] of Object.entries(changes)) {
      if (isTaskBucketName(name)) tasks.push(...bucketChanges(change.oldValue, change.newValue));
      // A version 2 copy; its removal is the worker moving it into a bucket, not the task's.
      const key = taskKeyOfLegacyName(name);
      if (key !== undefined && change.newValue !== undefined && change.newValue !== null) tasks.push([key, change.newValue]);
    }
    if (LOCAL_KEY.tracker in changes) tasks.push(...Object.entries(v1Tasks(changes[LOCAL_KEY.tracker]!.newValue) ?? {}));
    if (!tasks.length) return;
    if (early) for (const [key, value] of tasks) early.set(key, value);
    else if (take(tasks)) tell();
  };

  const ready = (async () => {
    let all: Record<string, unknown>;
    try {
      // In pieces: the page's other reads (and other pages') go between them, and a page left stops reading.
      all = await readInPieces(browser.storage.local, holdsTasks, { signal });
    } catch {
      return; // extension context gone (update/reload): the page keeps its last view
    }
    if (signal.aborted) return;
    take(storedTasks(all));
    take(early ?? []);
    early = null;
    tell();
  })();
  browser.storage.onChanged.addListener(onChanged);
  signal.addEventListener(
    'abort',
    () => {
      browser.storage.onChanged.removeListener(onChanged);
      listeners.clear();
    },
    { once: true },
  );
  return {
    ready,
    campaigns: () => Array.from(records.keys()).flatMap((key) => campaignAt(key) ?? []),
    get: (key) => taskAt(key),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
