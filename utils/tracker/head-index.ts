/**
 * The tracker's head (head.ts), kept up to date one task at a time.
 *
 * computeHead sorts every task: ~80 ms at 5,000 tasks and ~800 ms at 50,000, on every write.
 * The background instead keeps, in memory, what the head is made of — counts, the overview's
 * order, the popup's campaign groups in order, the groups by recency, the tab keys and a
 * counting version of the filter (rebuilt when the key count moves it to another size) — and changes them for the one task a write touches
 * (binary search and an array splice: microseconds). `head(rev)` then reads the first
 * screens off the front of those orders. It gives exactly computeHead's result for the same
 * tasks (tests/unit/tracker-head-index.test.ts checks this over random sequences of changes),
 * using the very same comparators.
 *
 * An archived task (archive.ts) is only counted (`archived`) and its opened tab kept: it is in
 * none of the orders, counts per state, campaigns or tab keys. Archiving or bringing back a
 * task is a change of that one task like any other, so a sweep of 2,000 tasks costs 2,000 of them.
 */
import { compareGroupRanks, compareRanked, campaignGroupId, POPUP_PAGE_SIZE, rankTask, type GroupRank, type Ranked } from './grouping';
import { TRACKER_STATES, type TrackerState } from './machine';
import type { TrackedTask } from './schema';
import { isArchived } from './archive';
import { campaignCountKey, compareSortEntries, DEFAULT_SORT, sortEntry, type SortEntry } from './table-view';
import {
  filterBitsFor,
  forHead,
  HEAD_FORMAT,
  HEAD_MAX_OPENED_TABS,
  HEAD_OVERVIEW_ROWS,
  HEAD_RECENT_CAMPAIGNS,
  HEAD_RECENT_TASKS,
  TabFilter,
  tabKeys,
  type TrackerHead,
} from './head';

/** Index of the first element not before `item` (the element itself when it is there). */
function lowerBound<T>(list: readonly T[], item: T, compare: (a: T, b: T) => number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(list[mid]!, item) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function insertSorted<T>(list: T[], item: T, compare: (a: T, b: T) => number): void {
  list.splice(lowerBound(list, item, compare), 0, item);
}

/** Remove `item` (the same object) found by its sort position; a linear search if the position lies. */
function removeSorted<T>(list: T[], item: T, compare: (a: T, b: T) => number): void {
  const index = indexOfSorted(list, item, compare);
  if (index >= 0) list.splice(index, 1);
}

/** Where `item` (the same object) is in `list`, found by its sort position; -1 when it is not there. */
function indexOfSorted<T>(list: readonly T[], item: T, compare: (a: T, b: T) => number): number {
  const at = lowerBound(list, item, compare);
  return list[at] === item ? at : list.indexOf(item);
}

/**
 * The element at `index` changed (or is to be `next`): keep `list` sorted. It stays in place when
 * its neighbours allow, as after most ticks (no splice of a 50,000-element list, one binary
 * search instead of two); else it moves. The orders are total (ties end on a unique key).
 */
function keepSorted<T>(list: T[], index: number, next: T, compare: (a: T, b: T) => number): void {
  if (index < 0) return insertSorted(list, next, compare);
  if ((index === 0 || compare(list[index - 1]!, next) < 0) && (index === list.length - 1 || compare(next, list[index + 1]!) < 0)) {
    list[index] = next;
    return;
  }
  list.splice(index, 1);
  insertSorted(list, next, compare);
}

/** Add `by` to a count (gone at 0); the new count. */
function bump<K>(map: Map<K, number>, key: K, by: number): number {
  const n = (map.get(key) ?? 0) + by;
  if (n === 0) map.delete(key);
  else map.set(key, n);
  return n;
}

interface Group {
  id: string;
  /** Its tasks in the popup's order. */
  ranked: Ranked[];
  /** Its position's sort keys, as last inserted into `byRank` / `byRecency`. */
  rank: GroupRank;
  latest: number;
}

const compareRecency = (a: Group, b: Group) => b.latest - a.latest || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const compareByRank = (a: Group, b: Group) => (a === b ? 0 : compareGroupRanks(a.rank, b.rank));
const compareOverview = compareSortEntries(DEFAULT_SORT.direction);

function rankOf(group: Group): GroupRank {
  const first = group.ranked[0]!;
  return { id: group.id, open: first.open, due: first.open ? first.due : Number.POSITIVE_INFINITY, campaignName: first.task.campaignName };
}

export class HeadIndex {
  /** Each task not archived, with what the orders hold of it and (once asked) its form in the head. */
  private readonly tasks = new Map<string, { task: TrackedTask; ranked: Ranked; entry: SortEntry; group: string; tabKeys: string[]; inHead?: TrackedTask }>();
  /** Archived tasks, by key: counted apart, in no order. */
  private readonly archivedTasks = new Map<string, TrackedTask>();
  private readonly counts = Object.fromEntries(TRACKER_STATES.map((s) => [s, 0])) as Record<TrackerState, number>;
  private readonly campaigns = new Map<string, number>();
  private readonly accounts = new Map<string | undefined, number>();
  private readonly overview: SortEntry[] = [];
  private readonly groups = new Map<string, Group>();
  private readonly byRank: Group[] = [];
  private readonly byRecency: Group[] = [];
  private readonly keyTotal = new Map<string, number>();
  /** Per bit, how many distinct tab keys set it (so that a key's last task can clear it). */
  private bitCounts = new Uint16Array(filterBitsFor(0));
  private filter = TabFilter.ofSize(filterBitsFor(0));
  private filterText: string | null = null;
  /**
   * Bits flipped since filterText was made. A tick removes its task and adds it back: each of
   * its tab keys' bits flips twice and the filter is what it was, so the text (~350 KB at
   * 50,000 tasks, ~10 ms to make) is kept instead of made again on every write.
   */
  private readonly flipped = new Set<number>();
  private readonly opened = new Map<number, number>();

  /** Built from scratch: one sort per order, like computeHead, and the filter made once at its size. */
  constructor(tasks: Iterable<TrackedTask> = []) {
    for (const task of tasks) this.add(task, false);
    this.makeFilter(filterBitsFor(this.keyTotal.size));
    this.overview.sort(compareOverview);
    for (const group of this.groups.values()) {
      group.ranked.sort(compareRanked);
      group.rank = rankOf(group);
    }
    this.byRank.sort(compareByRank);
    this.byRecency.sort(compareRecency);
  }

  get size(): number {
    return this.tasks.size + this.archivedTasks.size;
  }

  /** The task under `key` is now `task` (undefined: removed). */
  set(key: string, task: TrackedTask | undefined): void {
    if ((this.tasks.get(key)?.task ?? this.archivedTasks.get(key)) === task) return;
    const known = this.tasks.get(key);
    if (known && task && !isArchived(task) && campaignGroupId(task) === known.group) return this.replace(known, task);
    this.remove(key);
    if (task) this.add(task, true);
  }

  /**
   * A task changed within its campaign group (a tick): the same as remove then add, but each
   * order keeps its entry in place when the new one sorts there too.
   */
  private replace(known: NonNullable<ReturnType<HeadIndex['tasks']['get']>>, task: TrackedTask): void {
    const before = known.task;
    const ranked = rankTask(task);
    const entry = sortEntry(task, DEFAULT_SORT.column);
    const keys = tabKeys(task);
    this.tasks.set(task.key, { task, ranked, entry, group: known.group, tabKeys: keys });
    if (before.retrieve.openedTabId !== undefined) bump(this.opened, before.retrieve.openedTabId, -1);
    if (task.retrieve.openedTabId !== undefined) bump(this.opened, task.retrieve.openedTabId, 1);
    this.counts[before.state]--;
    this.counts[task.state]++;
    bump(this.campaigns, campaignCountKey(before), -1);
    bump(this.campaigns, campaignCountKey(task), 1);
    bump(this.accounts, before.accountId ?? before.accountName, -1);
    bump(this.accounts, task.accountId ?? task.accountName, 1);
    keepSorted(this.overview, indexOfSorted(this.overview, known.entry, compareOverview), entry, compareOverview);
    const group = this.groups.get(known.group)!;
    this.regroup(group, () => {
      keepSorted(group.ranked, indexOfSorted(group.ranked, known.ranked, compareRanked), ranked, compareRanked);
      // The latest change of the group may have been this task's.
      if (task.updatedAt >= group.latest) group.latest = task.updatedAt;
      else if (before.updatedAt >= group.latest) group.latest = Math.max(...group.ranked.map((r) => r.task.updatedAt));
    });
    for (const k of known.tabKeys) if (bump(this.keyTotal, k, -1) === 0) this.setKey(k, -1);
    for (const k of keys) if (bump(this.keyTotal, k, 1) === 1) this.setKey(k, 1);
    this.resizeFilter();
  }

  /** `sorted`: into the orders at its place and into the filter; else (the constructor) appended, sorted and filtered once at the end. */
  private add(task: TrackedTask, sorted: boolean): void {
    if (task.retrieve.openedTabId !== undefined) bump(this.opened, task.retrieve.openedTabId, 1);
    if (isArchived(task)) {
      this.archivedTasks.set(task.key, task);
      return;
    }
    const ranked = rankTask(task);
    const entry = sortEntry(task, DEFAULT_SORT.column);
    const groupId = campaignGroupId(task);
    const keys = tabKeys(task);
    this.tasks.set(task.key, { task, ranked, entry, group: groupId, tabKeys: keys });
    this.counts[task.state]++;
    bump(this.campaigns, campaignCountKey(task), 1);
    bump(this.accounts, task.accountId ?? task.accountName, 1);
    if (sorted) insertSorted(this.overview, entry, compareOverview);
    else this.overview.push(entry);
    let group = this.groups.get(groupId);
    if (!group) {
      group = { id: groupId, ranked: [ranked], rank: undefined as never, latest: task.updatedAt };
      group.rank = rankOf(group);
      this.groups.set(groupId, group);
      if (sorted) {
        insertSorted(this.byRank, group, compareByRank);
        insertSorted(this.byRecency, group, compareRecency);
      } else {
        this.byRank.push(group);
        this.byRecency.push(group);
      }
    } else if (!sorted) {
      group.ranked.push(ranked);
      group.latest = Math.max(group.latest, task.updatedAt);
    } else {
      const g = group;
      this.regroup(g, () => {
        insertSorted(g.ranked, ranked, compareRanked);
        g.latest = Math.max(g.latest, task.updatedAt);
      });
    }
    if (!sorted) {
      for (const key of keys) bump(this.keyTotal, key, 1);
      return;
    }
    for (const key of keys) if (bump(this.keyTotal, key, 1) === 1) this.setKey(key, 1);
    this.resizeFilter();
  }

  private remove(key: string): void {
    const archived = this.archivedTasks.get(key);
    if (archived) {
      this.archivedTasks.delete(key);
      if (archived.retrieve.openedTabId !== undefined) bump(this.opened, archived.retrieve.openedTabId, -1);
      return;
    }
    const known = this.tasks.get(key);
    if (!known) return;
    const { task, ranked, entry } = known;
    this.tasks.delete(key);
    this.counts[task.state]--;
    bump(this.campaigns, campaignCountKey(task), -1);
    bump(this.accounts, task.accountId ?? task.accountName, -1);
    removeSorted(this.overview, entry, compareOverview);
    const group = this.groups.get(known.group)!;
    if (group.ranked.length === 1) {
      removeSorted(this.byRank, group, compareByRank);
      removeSorted(this.byRecency, group, compareRecency);
      this.groups.delete(group.id);
    } else {
      this.regroup(group, () => {
        removeSorted(group.ranked, ranked, compareRanked);
        // The latest change of the group may have been this task's.
        if (task.updatedAt >= group.latest) group.latest = Math.max(...group.ranked.map((r) => r.task.updatedAt));
      });
    }
    for (const k of known.tabKeys) if (bump(this.keyTotal, k, -1) === 0) this.setKey(k, -1);
    this.resizeFilter();
    if (task.retrieve.openedTabId !== undefined) bump(this.opened, task.retrieve.openedTabId, -1);
  }

  /** Change a group's tasks, keeping its place in both group orders right (in place when it does not move). */
  private regroup(group: Group, change: () => void): void {
    const byRank = indexOfSorted(this.byRank, group, compareByRank);
    const byRecency = indexOfSorted(this.byRecency, group, compareRecency);
    change();
    group.rank = rankOf(group);
    keepSorted(this.byRank, byRank, group, compareByRank);
    keepSorted(this.byRecency, byRecency, group, compareRecency);
  }

  /** A distinct key comes (+1) or goes (-1): its bits follow. */
  private setKey(key: string, by: 1 | -1): void {
    for (const bit of TabFilter.probes(key, this.filter.bits)) {
      const was = this.bitCounts[bit]!;
      this.bitCounts[bit] = was + by;
      if (was === 0 || was + by === 0) this.flip(bit);
    }
  }

  /** The size computeHead would choose for this many keys; rebuilt from the keys when it changes (at powers of two). */
  private resizeFilter(): void {
    const bits = filterBitsFor(this.keyTotal.size);
    if (bits !== this.filter.bits) this.makeFilter(bits);
  }

  /** The filter of this size made from every key. */
  private makeFilter(bits: number): void {
    this.filter = TabFilter.ofSize(bits);
    this.bitCounts = new Uint16Array(bits);
    this.filterText = null;
    this.flipped.clear();
    // setKey's bits without flip's bookkeeping: the text is made anew anyway.
    for (const key of this.keyTotal.keys()) {
      for (const bit of TabFilter.probes(key, bits)) if (this.bitCounts[bit]!++ === 0) this.filter.bytes[bit >>> 3]! |= 1 << (bit & 7);
    }
  }

  private flip(bit: number): void {
    this.filter.bytes[bit >>> 3]! ^= 1 << (bit & 7);
    if (!this.flipped.delete(bit)) this.flipped.add(bit);
  }

  /** computeHead(every task, rev), from the orders kept. */
  head(rev: number): TrackerHead {
    const picked = new Set<string>();
    // The popup's first page without a tab: its groups in order, their tasks in order.
    let popup = 0;
    for (const group of this.byRank) {
      for (const r of group.ranked) {
        if (popup >= POPUP_PAGE_SIZE) break;
        picked.add(r.task.key);
        popup++;
      }
      if (popup >= POPUP_PAGE_SIZE) break;
    }
    for (const entry of this.overview.slice(0, HEAD_OVERVIEW_ROWS)) picked.add(entry.task.key);
    // The most recently active campaign groups, whole groups only (head.ts recentTasks).
    let recent = 0;
    let campaigns = 0;
    for (const group of this.byRecency) {
      if (campaigns >= HEAD_RECENT_CAMPAIGNS || recent >= HEAD_RECENT_TASKS) break;
      if (recent + group.ranked.length > HEAD_RECENT_TASKS) continue;
      for (const r of group.ranked) picked.add(r.task.key);
      recent += group.ranked.length;
      campaigns++;
    }

    const keyInHead = new Map<string, number>();
    const groupInHead = new Map<string, number>();
    for (const key of picked) {
      const known = this.tasks.get(key)!;
      for (const k of known.tabKeys) bump(keyInHead, k, 1);
      bump(groupInHead, known.group, 1);
    }
    const complete = [...keyInHead].filter(([k, n]) => this.keyTotal.get(k) === n).map(([k]) => k).sort();
    const completeGroups = [...groupInHead].filter(([g, n]) => this.groups.get(g)!.ranked.length === n).map(([g]) => g).sort();
    const openedTabs = [...this.opened.keys()].sort((a, b) => a - b);
    if (this.filterText === null || this.flipped.size) {
      this.filterText = this.filter.toBase64();
      this.flipped.clear();
    }
    return {
      format: HEAD_FORMAT,
      rev,
      total: this.tasks.size + this.archivedTasks.size,
      counts: { ...this.counts },
      archived: this.archivedTasks.size,
      campaigns: this.campaigns.size,
      multiAccount: this.accounts.size > 1,
      // One object per unchanged task, head after head: HeadSlotTexts knows an unchanged slot by them.
      tasks: [...picked].sort().map((key) => {
        const known = this.tasks.get(key)!;
        return (known.inHead ??= forHead(known.task));
      }),
      complete,
      completeGroups,
      filter: this.filterText,
      openedTabs: openedTabs.length <= HEAD_MAX_OPENED_TABS ? openedTabs : null,
    };
  }
}
