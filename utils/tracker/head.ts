/**
 * The tracker's head: what the popup and the overview show first, small enough to read and
 * validate in a few milliseconds whatever the number of tracked tasks.
 *
 * `local:tracker` holds every task (about 0.8 KB each: 4 MB for 5,000 tasks, which takes the
 * browser 200–800 ms just to hand over). The background writes `local:trackerHead` next to
 * it, in the same `storage.local.set` (background/tracker-owner.ts), from the same data:
 *
 * - the totals the pages print (tasks, per state, campaigns, several accounts or not);
 * - a set of tasks H: the popup's first page (orderForPopup without an active tab), the
 *   overview's first rows (sortTasks, most urgent first) and every task of the most recently active
 *   campaigns (the one open in the creator's tab usually is: looking at a task records it);
 * - a Bloom filter over every task's tab keys (campaign id, task page), sized to their number, with the
 *   keys and campaign groups whose tasks are all in H, so the popup can tell, for any tab,
 *   whether a task outside H could belong "On this tab";
 * - the tabs "Retrieve my post" attempts opened (tasks' retrieve.openedTabId), so the worker
 *   need not read every task on each tab switch to learn that the tab is none of them.
 *
 * Archived tasks (archive.ts: a stored mark) are counted apart (`archived`, and in `total`) and
 * are in nothing else: the counts per state, campaigns, H and the filter describe the active
 * tasks, which are all the popup lists and what the overview shows by default.
 *
 * Pages run the very same ordering functions on H. Because both orders are total and H holds
 * a prefix of each (proved in the comments of popupOrderFromHead and overviewRowsFromHead, and
 * checked with random trackers in tests/unit/tracker-head.test.ts), the first screen from the
 * head is exactly the first screen from the whole tracker: no jump when the rest arrives.
 *
 * The head's size does not grow with the tracker: at most POPUP_PAGE_SIZE + HEAD_OVERVIEW_ROWS
 * + HEAD_RECENT_TASKS tasks (history cut to what those screens show); the filter is 16 KB up to
 * 8,192 distinct tab keys and grows with them (2 bytes a key, 512 KB at most).
 * It is derived data: pages ignore a head that is missing, of another format, of another
 * revision than the tracker's metadata, or fails its schema, and read the whole tracker.
 *
 * Stored, the filter has a key of its own (`trackerTabFilter`, with the revision it was
 * written at; the head names that revision as `filterRev`), written only when it changes:
 * every storage.local write is handed, old and new value, to every context that listens
 * (the worker, open pages, each impact.com tab), at a cost that grows with the bytes. At
 * 50,000 tasks the filter is ~175 KB of the head's ~250 KB, and a tick never changes it.
 * For the same reason the head's tasks (H, with `complete` and `completeGroups`) are stored
 * apart as well, in HEAD_SLOT_COUNT slots by a hash of the task's campaign group (headSlotBodies; the head
 * names each slot's revision as `slotRevs`), each written only when it changes: H is ~70 KB
 * at 50,000 tasks, and a tick changes one task of it (or brings one campaign into the recent
 * ones and drops another), so it rewrites one or two slots of a few KB; the stored head itself
 * is then the counts, a few hundred bytes, written with every change.
 */
import * as z from 'zod/mini';
import { campaignGroupId, flattenPopupOrder, hasSeveralAccounts, orderForPopup, POPUP_PAGE_SIZE, type PopupOrder } from './grouping';
import { TRACKER_STATES, type TrackerState } from './machine';
import type { TrackedTask, TrackerData } from './schema';
import { pageKey, parsedTaskUrl, parseUrl, urlTokens } from '../page/urls';
import { campaignCount, countByState, DEFAULT_SORT, isRetrieveEvent, sortTasks } from './table-view';
import { checkTrackedTask, withFastPath } from './task-check';
import { isArchived } from './archive';
import { HEAD_SLOT_COUNT } from '../storage-keys';
import { fnv1a } from './buckets';

/** Raise when what the head holds or how pages read it changes: older heads are then ignored and rebuilt. */
export const HEAD_FORMAT = 6; // 2: the overview opens most urgent first (table-view.ts DEFAULT_SORT); 3: the filter is sized to the tab keys; 4: archived tasks counted apart; 5: the filter stored apart; 6: the tasks stored apart, in slots
/** The overview's first rows (a tall window shows ~20; the table renders a dozen more). */
export const HEAD_OVERVIEW_ROWS = 60;
/** Tasks of the most recently active campaigns, for the popup's "On this tab". */
export const HEAD_RECENT_TASKS = 20;
export const HEAD_RECENT_CAMPAIGNS = 8;
export const HEAD_MAX_TASKS = POPUP_PAGE_SIZE + HEAD_OVERVIEW_ROWS + HEAD_RECENT_TASKS;
/** More tabs opened for attempts than this (never seen: one per attempt under way) → null, "read the tracker". */
export const HEAD_MAX_OPENED_TABS = 100;

// ---- the filter: "might some task have this tab key?" (no false negatives) -----------------

/**
 * A filter of a fixed size saturates as keys grow: 2^17 bits answered "maybe" to every tab at
 * 50,000 tasks, so the popup on any impact.com page waited for every task. It is sized instead
 * to the number of distinct keys — at least 16 bits a key, a power of two, 6 probes: below
 * 0.1 % false positives per lookup — between 2^17 bits (16 KB) and 2^22 (512 KB, 260,000 keys).
 * A pure function of the key count, so the incremental head (head-index.ts) resizes exactly
 * where computeHead would.
 */
export const FILTER_MIN_BITS = 1 << 17;
export const FILTER_MAX_BITS = 1 << 22;
const BITS_PER_KEY = 16;
const FILTER_PROBES = 6;

export function filterBitsFor(distinctKeys: number): number {
  let bits = FILTER_MIN_BITS;
  while (bits < distinctKeys * BITS_PER_KEY && bits < FILTER_MAX_BITS) bits *= 2;
  return bits;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export class TabFilter {
  readonly bits: number;
  constructor(readonly bytes: Uint8Array = new Uint8Array(FILTER_MIN_BITS / 8)) {
    this.bits = bytes.length * 8;
  }

  static ofSize(bits: number): TabFilter {
    return new TabFilter(new Uint8Array(bits / 8));
  }

  /** The filter's bits for this key in a filter of `bits` bits (exported for the incremental head, head-index.ts). */
  static probes(key: string, bits: number): number[] {
    // Two 32-bit FNV-1a style hashes with different primes, mixed; double hashing for the probes.
    let h1 = 0x811c9dc5;
    let h2 = 0x9747b28c;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    h1 ^= h1 >>> 16;
    h1 = Math.imul(h1, 0x85ebca6b);
    h1 ^= h1 >>> 13;
    h2 = Math.imul(h2 ^ (h2 >>> 16), 0xc2b2ae35) | 1;
    const out: number[] = [];
    for (let i = 0; i < FILTER_PROBES; i++) out.push((h1 + Math.imul(i, h2)) & (bits - 1));
    return out;
  }

  add(key: string): void {
    for (const bit of TabFilter.probes(key, this.bits)) this.bytes[bit >>> 3]! |= 1 << (bit & 7);
  }

  has(key: string): boolean {
    return TabFilter.probes(key, this.bits).every((bit) => (this.bytes[bit >>> 3]! & (1 << (bit & 7))) !== 0);
  }

  toBase64(): string {
    let binary = '';
    for (let i = 0; i < this.bytes.length; i += 0x2000) binary += String.fromCharCode(...this.bytes.subarray(i, i + 0x2000));
    return btoa(binary);
  }

  /**
   * Whether `text` is a filter's base64 (the padded alphabet btoa writes) of an allowed size,
   * without decoding it: a page checks the head's filter on every first read, and decodes it
   * only for a tab that needs it (parseHead).
   */
  static isBase64OfFilter(text: string): boolean {
    if (text.length % 4 !== 0 || !BASE64.test(text)) return false;
    const bits = ((text.length / 4) * 3 - (text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0)) * 8;
    return bits >= FILTER_MIN_BITS && bits <= FILTER_MAX_BITS && (bits & (bits - 1)) === 0;
  }

  static fromBase64(text: string): TabFilter {
    if (!TabFilter.isBase64OfFilter(text)) throw new Error('not a filter of an allowed size');
    // The browser's own decoder where there is one (Chromium 140, Firefox 133): the loop below
    // takes a few ms for a 32 KB filter on a page's first screen.
    const native = (Uint8Array as { fromBase64?: (text: string) => Uint8Array }).fromBase64;
    if (native) return new TabFilter(native.call(Uint8Array, text));
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return new TabFilter(bytes);
  }
}

/** An origin never contains a line break, so these keys cannot collide across origins. */
const campaignKey = (origin: string, campaignId: string) => `c\n${origin}\n${campaignId}`;
const pageFilterKey = (page: string) => `p\n${page}`;

/**
 * The keys under which a tab can show this task (page/urls.ts tabShowsTask): its campaign id on
 * its origin, and its own page — unless its address names its campaign id, in which case a tab
 * on that page names it too and the campaign key already covers it.
 */
export function tabKeys(task: Pick<TrackedTask, 'taskUrl' | 'campaignId'>): string[] {
  const home = parsedTaskUrl(task.taskUrl);
  if (!home) return [];
  const keys: string[] = [];
  if (task.campaignId) keys.push(campaignKey(home.origin, task.campaignId));
  if (!task.campaignId || !home.tokens.has(task.campaignId)) keys.push(pageFilterKey(home.page));
  return keys;
}

// ---- building the head (background) ---------------------------------------------------------

export interface TrackerHead {
  format: typeof HEAD_FORMAT;
  /** The tracker revision it was made from (tracker metadata `rev`, storage.ts). */
  rev: number;
  /** Every task, archived ones included. */
  total: number;
  /** Active tasks per state. */
  counts: Record<TrackerState, number>;
  /** Archived tasks (archive.ts): total = the counts' sum + archived. */
  archived: number;
  /** Campaigns of the active tasks, as the overview counts them (table-view.ts campaignCount). */
  campaigns: number;
  /** More than one creator account among the active tasks (the popup then names accounts in group headings). */
  multiAccount: boolean;
  /** H (active tasks only), by key; history cut to what the first screens show. */
  tasks: TrackedTask[];
  /** Tab keys all of whose tasks are in `tasks`. */
  complete: string[];
  /** Campaign groups (grouping.ts campaignGroupId) all of whose tasks are in `tasks`. */
  completeGroups: string[];
  /** TabFilter over every active task's tab keys, base64. */
  filter: string;
  /** Every task's retrieve.openedTabId, sorted; null when there are too many to list. */
  openedTabs: number[] | null;
}

/** The first screens only show the last "Retrieve my post" attempt of a task's history. */
export function forHead(task: TrackedTask): TrackedTask {
  if (task.history.length === 0) return task;
  if (task.retrieve.lastAttemptAt === undefined) {
    for (let i = task.history.length - 1; i >= 0; i--) {
      if (isRetrieveEvent(task.history[i]!.event)) return { ...task, history: [task.history[i]!] };
    }
  }
  return { ...task, history: [] };
}

/** Every task of the campaign groups touched most recently, whole groups only, within the budget. */
function recentTasks(all: readonly TrackedTask[]): TrackedTask[] {
  const groups = new Map<string, { id: string; latest: number; tasks: TrackedTask[] }>();
  for (const task of all) {
    const id = campaignGroupId(task);
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { id, latest: task.updatedAt, tasks: [] }));
    group.tasks.push(task);
    group.latest = Math.max(group.latest, task.updatedAt);
  }
  const byRecency = [...groups.values()].sort((a, b) => b.latest - a.latest || (a.id < b.id ? -1 : 1));
  const out: TrackedTask[] = [];
  let campaigns = 0;
  for (const group of byRecency) {
    if (campaigns >= HEAD_RECENT_CAMPAIGNS || out.length >= HEAD_RECENT_TASKS) break;
    if (out.length + group.tasks.length > HEAD_RECENT_TASKS) continue;
    out.push(...group.tasks);
    campaigns++;
  }
  return out;
}

function incr(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** The head of this tracker data at this revision. Deterministic: same data, same head. */
export function computeHead(data: TrackerData, rev: number): TrackerHead {
  const every = Object.values(data.tasks);
  const all = every.filter((t) => !isArchived(t));
  const picked = new Set<string>();
  for (const task of flattenPopupOrder(orderForPopup(all, undefined)).slice(0, POPUP_PAGE_SIZE)) picked.add(task.key);
  for (const task of sortTasks(all, DEFAULT_SORT).slice(0, HEAD_OVERVIEW_ROWS)) picked.add(task.key);
  for (const task of recentTasks(all)) picked.add(task.key);

  const keyTotal = new Map<string, number>();
  const keyInHead = new Map<string, number>();
  const groupTotal = new Map<string, number>();
  const groupInHead = new Map<string, number>();
  for (const task of all) {
    const inHead = picked.has(task.key);
    for (const key of tabKeys(task)) {
      incr(keyTotal, key);
      if (inHead) incr(keyInHead, key);
    }
    const group = campaignGroupId(task);
    incr(groupTotal, group);
    if (inHead) incr(groupInHead, group);
  }
  const filter = TabFilter.ofSize(filterBitsFor(keyTotal.size));
  for (const key of keyTotal.keys()) filter.add(key);
  const openedTabs = [...new Set(every.map((t) => t.retrieve.openedTabId).filter((id): id is number => id !== undefined))].sort((a, b) => a - b);
  const whole = (inHead: Map<string, number>, total: Map<string, number>) =>
    [...inHead].filter(([key, n]) => total.get(key) === n).map(([key]) => key).sort();

  return {
    format: HEAD_FORMAT,
    rev,
    total: every.length,
    counts: countByState(all),
    archived: every.length - all.length,
    campaigns: campaignCount(all),
    multiAccount: hasSeveralAccounts(all),
    tasks: [...picked].sort().map((key) => forHead(data.tasks[key]!)),
    complete: whole(keyInHead, keyTotal),
    completeGroups: whole(groupInHead, groupTotal),
    filter: filter.toBase64(),
    openedTabs: openedTabs.length <= HEAD_MAX_OPENED_TABS ? openedTabs : null,
  };
}

// ---- storing the head in parts -------------------------------------------------------------

/**
 * The slot a task of the head is stored in (storage-keys.ts headSlotName): FNV-1a of its
 * campaign group (grouping.ts campaignGroupId), so the tasks of a campaign that becomes the
 * most recently active one (a tick) come into the head in one slot, not one slot each.
 */
export function headSlotOf(task: TrackedTask): number {
  return fnv1a(campaignGroupId(task)) % HEAD_SLOT_COUNT;
}

/** Tasks in key order, as computeHead lists them. */
const byKey = (a: TrackedTask, b: TrackedTask) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** What a slot's text is made of: its tasks in key order and its complete marks, sorted. */
interface SlotContent {
  tasks: TrackedTask[];
  complete: string[];
  completeGroups: string[];
}

const sameList = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((item, i) => item === b[i]);

/**
 * The head's tasks split into slots, each as JSON text without its revision: the slot's tasks
 * (by key) and, of their tab keys and campaign groups, those the head holds whole (`complete`,
 * `completeGroups`: a key or group the head holds whole has a task in some slot, so the union
 * over the slots is the head's). A slot's text is a pure function of its tasks and of those
 * marks, so a change that touches neither leaves it as it was, and it is not written again.
 *
 * It remembers what it made each slot's text of: a slot whose tasks are the very same objects
 * (tasks are immutable snapshots) and whose marks are the same gets its text back without
 * JSON.stringify. A tick changes one or two of the 32 slots; making every slot's text again
 * (~70 KB at 50,000 tasks) was about a millisecond of each tick in the worker. Only as good as
 * the head's task objects stay the same: HeadIndex hands out one object per unchanged task.
 */
export class HeadSlotTexts {
  private made: ({ content: SlotContent; text: string } | undefined)[] = [];
  /** Each task's slot, tab keys and campaign group, by task object (the same ones come back head after head). */
  private readonly placeOf = new WeakMap<TrackedTask, { slot: number; keys: string[]; group: string }>();

  bodies(head: TrackerHead): string[] {
    const complete = new Set(head.complete);
    const completeGroups = new Set(head.completeGroups);
    const slots = Array.from({ length: HEAD_SLOT_COUNT }, () => ({ tasks: [] as TrackedTask[], complete: new Set<string>(), completeGroups: new Set<string>() }));
    for (const task of head.tasks) {
      let place = this.placeOf.get(task);
      if (!place) this.placeOf.set(task, (place = { slot: headSlotOf(task), keys: tabKeys(task), group: campaignGroupId(task) }));
      const slot = slots[place.slot]!;
      slot.tasks.push(task);
      for (const key of place.keys) if (complete.has(key)) slot.complete.add(key);
      if (completeGroups.has(place.group)) slot.completeGroups.add(place.group);
    }
    return slots.map((slot, i) => {
      const content: SlotContent = { tasks: slot.tasks.sort(byKey), complete: [...slot.complete].sort(), completeGroups: [...slot.completeGroups].sort() };
      const before = this.made[i];
      if (before && sameList(before.content.tasks, content.tasks) && sameList(before.content.complete, content.complete) && sameList(before.content.completeGroups, content.completeGroups)) {
        return before.text;
      }
      const text = JSON.stringify(content);
      this.made[i] = { content, text };
      return text;
    });
  }
}

/** HeadSlotTexts' bodies, made afresh. */
export function headSlotBodies(head: TrackerHead): string[] {
  return new HeadSlotTexts().bodies(head);
}

/** A head slot as stored: its body (headSlotBodies) with the revision it was written at. */
export function slotText(body: string, rev: number): string {
  return `{"rev":${rev},${body.slice(1)}`;
}

/** A stored slot's revision and body, as headSlotBodies made it; undefined when it is not one. */
export function readSlotText(raw: unknown): { rev: number; body: string } | undefined {
  if (typeof raw !== 'string') return undefined;
  const match = /^\{"rev":(\d+),/.exec(raw);
  return match ? { rev: Number(match[1]), body: `{${raw.slice(match[0].length)}` } : undefined;
}

// ---- reading the head (pages) ---------------------------------------------------------------

const count = z.number().check(z.int(), z.gte(0));
const FILTER_TEXT = z.string().check(z.maxLength(4 * Math.ceil(FILTER_MAX_BITS / 8 / 3)));
const StoredFilterSchema = z.object({ rev: count, filter: FILTER_TEXT });
// Tasks are validated one by one in parseHead (fast path first), as every stored task is.
const TASKS = z.array(z.unknown()).check(z.maxLength(HEAD_MAX_TASKS));
const COMPLETE = z.array(z.string().check(z.maxLength(5000))).check(z.maxLength(2 * HEAD_MAX_TASKS));
const COMPLETE_GROUPS = z.array(z.string().check(z.maxLength(2000))).check(z.maxLength(HEAD_MAX_TASKS));
const StoredSlotSchema = z.object({ rev: count, tasks: TASKS, complete: COMPLETE, completeGroups: COMPLETE_GROUPS });
const TrackerHeadSchema = z.object({
  format: z.literal(HEAD_FORMAT),
  rev: count,
  total: count,
  counts: z.object(Object.fromEntries(TRACKER_STATES.map((s) => [s, count])) as Record<TrackerState, typeof count>),
  archived: count,
  campaigns: count,
  multiAccount: z.boolean(),
  // Inline in a head made in memory (computeHead); stored, in slots (slotRevs says which).
  tasks: z.optional(TASKS),
  complete: z.optional(COMPLETE),
  completeGroups: z.optional(COMPLETE_GROUPS),
  slotRevs: z.optional(z.array(count).check(z.length(HEAD_SLOT_COUNT))),
  // Inline in a head made in memory (computeHead); stored, in its own key (filterRev says which).
  // Its size is checked in parseHead (TabFilter.isBase64OfFilter), its bits read on first use.
  filter: z.optional(FILTER_TEXT),
  filterRev: z.optional(count),
  openedTabs: z.nullable(z.array(z.number().check(z.int())).check(z.maxLength(HEAD_MAX_OPENED_TABS))),
});

// Checked the way stored tasks are (task-check.ts): a head this extension wrote passes a check
// derived from the schema, without zod/mini's set-up on first use; anything else goes to zod.
const parseStoredHead = withFastPath(TrackerHeadSchema);
const parseStoredFilter = withFastPath(StoredFilterSchema);
const parseStoredSlot = withFastPath(StoredSlotSchema);

/** Only what the badge needs (the counts): no task checked, no filter decoded. */
export const HeadCountsSchema = z.object({
  format: z.literal(HEAD_FORMAT),
  rev: count,
  counts: z.object(Object.fromEntries(TRACKER_STATES.map((s) => [s, count])) as Record<TrackerState, typeof count>),
});

/** Only what the worker's tab events need (openedTabIds in background/tracker-owner.ts). */
export const HeadOpenedTabsSchema = z.object({
  format: z.literal(HEAD_FORMAT),
  rev: count,
  openedTabs: z.nullable(z.array(z.number().check(z.int())).check(z.maxLength(HEAD_MAX_OPENED_TABS))),
});

/**
 * The head as stored: JSON text, without the filter and the tasks, naming the revisions its
 * filter and each slot of tasks (headSlotBodies) were stored at. Storage takes and hands out one string far faster than the same data as objects
 * (Chromium, 5,000 tasks: ~3 ms against ~50 ms a write, on every change, and again for each
 * page told of the change).
 */
export function headText(head: TrackerHead, filterRev: number, slotRevs: readonly number[]): string {
  const { filter: _filter, tasks: _tasks, complete: _complete, completeGroups: _groups, ...rest } = head;
  return JSON.stringify({ ...rest, filterRev, slotRevs });
}

/** The head's filter as stored in its own key: JSON text with the revision it was written at. */
export function filterText(head: TrackerHead, rev: number): string {
  return JSON.stringify({ rev, filter: head.filter });
}

/** The stored head's data: parsed from its text; an older build's object as it is; undefined when unreadable. */
export function storedHead(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

/** A head that passed every check, ready for the pages: the stored figures and first tasks, with the filter and groups as look-ups. */
export interface HeadView extends Pick<TrackerHead, 'rev' | 'total' | 'counts' | 'archived' | 'campaigns' | 'multiAccount' | 'tasks'> {
  /** Could a task that is not in `tasks` have this tab key? */
  mightMiss(key: string): boolean;
  completeGroups: ReadonlySet<string>;
}

/**
 * In place of the stored filter, for a page that asks nothing about its tab (the overview): the
 * filter is neither read nor checked, and the head's `mightMiss` says "maybe" to every key.
 */
export const WITHOUT_TAB_FILTER: unique symbol = Symbol('without the tab filter');

/**
 * The stored head, if it can be used: the right format, made from the stored tracker revision,
 * schema-valid, consistent. null otherwise (the page then reads the whole tracker). Never throws.
 */
export function parseHead(raw: unknown, rev: number, storedFilter?: unknown, storedSlots: readonly unknown[] = []): HeadView | null {
  const parsed = parseStoredHead(storedHead(raw));
  if (!parsed.success || parsed.data.rev !== rev) return null;
  const head = parsed.data;
  const withFilter = storedFilter !== WITHOUT_TAB_FILTER;
  let filterBase64 = head.filter;
  if (filterBase64 === undefined && withFilter) {
    // Stored apart: only the filter written at the revision the head names will do.
    const own = parseStoredFilter(storedHead(storedFilter));
    if (!own.success || own.data.rev !== head.filterRev) return null;
    filterBase64 = own.data.filter;
  }
  let { tasks: headTasks, complete: completeKeys, completeGroups: groups } = head;
  const inSlots = headTasks === undefined;
  if (headTasks === undefined || completeKeys === undefined || groups === undefined) {
    // Stored in slots: each must be the one written at the revision the head names.
    if (headTasks !== undefined || completeKeys !== undefined || groups !== undefined || !head.slotRevs) return null;
    headTasks = [];
    completeKeys = [];
    groups = [];
    for (let i = 0; i < HEAD_SLOT_COUNT; i++) {
      const slot = parseStoredSlot(storedHead(storedSlots[i]));
      if (!slot.success || slot.data.rev !== head.slotRevs[i]) return null;
      headTasks.push(...slot.data.tasks);
      completeKeys.push(...slot.data.complete);
      groups.push(...slot.data.completeGroups);
    }
    if (headTasks.length > HEAD_MAX_TASKS) return null;
  }
  const tasks: TrackedTask[] = [];
  const keys = new Set<string>();
  for (const value of headTasks) {
    const task = checkTrackedTask(value);
    if (!task.success || keys.has(task.data.key) || isArchived(task.data)) return null;
    keys.add(task.data.key);
    tasks.push(task.data);
  }
  if (inSlots) tasks.sort(byKey);
  const counted = TRACKER_STATES.reduce((sum, s) => sum + head.counts[s], 0);
  const active = head.total - head.archived;
  if (counted !== active || tasks.length > active || head.campaigns > active) return null;
  // Checked now, decoded on the first look-up: only the popup over an https tab asks (popupOrderFromHead).
  if (withFilter && (filterBase64 === undefined || !TabFilter.isBase64OfFilter(filterBase64))) return null;
  const text = withFilter ? filterBase64 : undefined;
  let filter: TabFilter | undefined;
  const complete = new Set(completeKeys);
  return {
    rev: head.rev,
    total: head.total,
    counts: head.counts,
    archived: head.archived,
    campaigns: head.campaigns,
    multiAccount: head.multiAccount,
    tasks,
    mightMiss: (key) => text === undefined || ((filter ??= TabFilter.fromBase64(text)).has(key) && !complete.has(key)),
    completeGroups: new Set(groups),
  };
}

/**
 * The popup's order from the head, or null when the head cannot tell which tasks belong "On
 * this tab" (read the whole tracker first then).
 *
 * Why the first POPUP_PAGE_SIZE tasks of the result are those of orderForPopup(all tasks):
 * - No task outside H matches the tab (the filter and `complete` say so), so "current" (C)
 *   is the same set, and it is made of whole campaign groups (checked below).
 * - Without C, the groups keep their relative order (a group's rank depends only on its own
 *   tasks). The popup's first page without a tab, P, is in H; after removing C's groups, the
 *   first POPUP_PAGE_SIZE − |C| of the rest are the first of P \ C, all in H.
 * - Any other group is ranked from a subset of its tasks here: its earliest open due date can
 *   only be later and "has open work" only false, so it can only rank later, never before a
 *   group of P. Within P's last group, H holds its first tasks in order.
 */
export function popupOrderFromHead(head: HeadView, tabUrl: string | undefined): PopupOrder | null {
  const tab = parseUrl(tabUrl);
  // Tasks live on https pages (TASK_URL_RULE): any other tab (the popup itself, a new tab)
  // shows none, whatever the filter says (with tens of thousands of tasks it says "maybe"
  // to almost everything, and the first screen would wait for every task).
  if (tab?.protocol === 'https:') {
    if (head.mightMiss(pageFilterKey(pageKey(tab)))) return null;
    for (const token of urlTokens(tab)) if (head.mightMiss(campaignKey(tab.origin, token))) return null;
  }
  const order = orderForPopup(head.tasks, tabUrl);
  if (order.current.length > 0) {
    const currentGroups = new Set(order.current.map(campaignGroupId));
    for (const group of currentGroups) if (!head.completeGroups.has(group)) return null;
    // A group only partly on this tab ranks by its remaining tasks, which may lie outside H.
    if (order.groups.some((g) => currentGroups.has(g.id))) return null;
  }
  return order;
}

/**
 * The overview's first rows in its default order. sortTasks is a total order and H holds the
 * first HEAD_OVERVIEW_ROWS of all tasks, so the first rows of H are the first rows of all.
 */
export function overviewRowsFromHead(head: HeadView): TrackedTask[] {
  return sortTasks(head.tasks, DEFAULT_SORT).slice(0, HEAD_OVERVIEW_ROWS);
}
