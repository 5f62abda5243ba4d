/**
 * The tracker's head (utils/tracker/head.ts): built from random trackers, stored and read
 * back, it gives exactly the first screens the whole tracker gives — the popup's first page
 * for any active tab whenever it claims to know, the overview's first rows always — with the
 * same totals, and it does not grow with the tracker. Unusable heads are refused. The tab
 * matcher (page/urls.ts createTabMatcher) agrees with tabShowsTask, which the worker's tab choice shares.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flattenPopupOrder, hasSeveralAccounts, orderForPopup, POPUP_PAGE_SIZE, type PopupOrder } from '@/utils/tracker/grouping';
import {
  computeHead,
  filterBitsFor,
  HEAD_FORMAT,
  HEAD_MAX_TASKS,
  HEAD_OVERVIEW_ROWS,
  overviewRowsFromHead,
  parseHead,
  popupOrderFromHead,
  TabFilter,
  WITHOUT_TAB_FILTER,
  type HeadView,
  type TrackerHead,
} from '@/utils/tracker/head';
import type { TrackedTask, TrackerData } from '@/utils/tracker/schema';
import { createTabMatcher, tabShowsTask } from '@/utils/page/urls';
import { campaignCount, countByState, DEFAULT_SORT, lastRetrieveAttempt, sortTasks } from '@/utils/tracker/table-view';
import { manyTasks, scenario, taskUrl } from './popup-overview-fixtures';

import { buildTracker, FLOW, IMPACT, random } from './head-trackers';
const PARTICIPATING = `${IMPACT}/secure/mediapartner/marketplace/new-campaign-marketplace-flow.ihtml?execution=e1s1#/joined`;

/** Through storage: what a page reads is JSON, not the object the worker built. */
function stored(head: TrackerHead): unknown {
  return JSON.parse(JSON.stringify(head));
}

function view(data: TrackerData, rev = 3): HeadView {
  const head = parseHead(stored(computeHead(data, rev)), rev);
  expect(head).not.toBeNull();
  return head!;
}

/** What the popup's first page shows: sections in order, with their heading and task keys. */
function firstPage(order: PopupOrder) {
  let budget = POPUP_PAGE_SIZE;
  const current = order.current.slice(0, budget).map((t) => t.key);
  budget -= current.length;
  const groups: string[] = [];
  for (const g of order.groups) {
    if (budget <= 0) break;
    const part = g.tasks.slice(0, budget);
    budget -= part.length;
    groups.push(`${g.id} ${g.campaignName} · ${g.brand} · ${g.accountName ?? ''}: ${part.map((t) => t.key).join(' ')}`);
  }
  return { current, groups };
}

/** Tabs a creator could have open: task pages (another Web Flow step), campaign pages, others. */
function tabsFor(data: TrackerData, seed: number): (string | undefined)[] {
  const r = random(seed);
  const all = Object.values(data.tasks);
  const out: (string | undefined)[] = [undefined, PARTICIPATING, 'https://www.tiktok.com/', 'chrome://newtab/', 'not a url'];
  // The campaign touched last: the usual popup opening (its task page was just looked at).
  const latest = all.reduce<TrackedTask | undefined>((best, t) => (!best || t.updatedAt > best.updatedAt ? t : best), undefined);
  if (latest) out.push(latest.taskUrl.replace(/execution=e\d+s1/, 'execution=e7s3'));
  for (let i = 0; i < 6 && all.length; i++) {
    const t = r.pick(all);
    out.push(t.taskUrl.replace(/execution=e\d+s1/, 'execution=e5s2'), `${FLOW}?execution=e9s9&campaignId=${t.campaignId ?? '0'}`, `${PARTICIPATING}/campaigns/${t.campaignId ?? 'x'}`);
  }
  return out;
}

describe('the head gives the same first screens as the whole tracker', () => {
  it('for random trackers and tabs (property)', () => {
    let known = 0;
    let unknown = 0;
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 0, max: 260 }), fc.integer({ min: 1, max: 90 }), fc.integer({ min: 1, max: 3 }), (seed, count, campaigns, accounts) => {
        const data = buildTracker(seed, count, campaigns, accounts);
        const all = Object.values(data.tasks);
        const head = view(data);

        expect(head.total).toBe(all.length);
        expect(head.counts).toEqual(countByState(all));
        expect(head.campaigns).toBe(campaignCount(all));
        expect(head.multiAccount).toBe(hasSeveralAccounts(all));
        expect(head.tasks.length).toBeLessThanOrEqual(HEAD_MAX_TASKS);
        expect(overviewRowsFromHead(head).map((t) => t.key)).toEqual(sortTasks(all, DEFAULT_SORT).slice(0, HEAD_OVERVIEW_ROWS).map((t) => t.key));

        for (const tab of tabsFor(data, seed)) {
          const fromHead = popupOrderFromHead(head, tab);
          if (!fromHead) {
            unknown++;
            continue;
          }
          known++;
          expect(firstPage(fromHead), `tab ${tab}`).toEqual(firstPage(orderForPopup(all, tab)));
        }
        // Without a tab, or on a page that is not impact.com, the head always knows.
        expect(popupOrderFromHead(head, undefined)).not.toBeNull();
        expect(popupOrderFromHead(head, 'https://www.tiktok.com/')).not.toBeNull();
      }),
      { numRuns: 150 },
    );
    expect(known).toBeGreaterThan(unknown);
  });

  it('knows "On this tab" for the campaign looked at last, and puts it first', () => {
    const data = buildTracker(7, 400, 150, 1);
    const all = Object.values(data.tasks);
    const latest = all.reduce((best, t) => (t.updatedAt > best.updatedAt ? t : best));
    const tab = latest.taskUrl.replace(/execution=e\d+s1/, 'execution=e4s4');
    const order = popupOrderFromHead(view(data), tab);
    expect(order).not.toBeNull();
    expect(order!.current.map((t) => t.key)).toContain(latest.key);
    expect(firstPage(order!)).toEqual(firstPage(orderForPopup(all, tab)));
  });

  it('knows the first screen for a tab that is no https page even when its filter answers "maybe" to everything (tens of thousands of tasks)', () => {
    const data = manyTasks(300);
    const saturated = { ...view(data), mightMiss: () => true };
    const all = Object.values(data.tasks);
    for (const tab of ['chrome-extension://abcdefghijklmnop/popup.html', 'moz-extension://1234/popup.html', 'about:newtab', 'chrome://extensions/']) {
      const order = popupOrderFromHead(saturated, tab);
      expect(order, tab).not.toBeNull();
      expect(firstPage(order!)).toEqual(firstPage(orderForPopup(all, tab)));
    }
    // An impact.com page may hold a task the head does not: wait for every task.
    expect(popupOrderFromHead(saturated, `${FLOW}?execution=e1s1&campaignId=99999999`)).toBeNull();
  });

  it('at 50,000 campaigns its filter still tells an untracked campaign page apart (it grew with the keys)', () => {
    const filter = TabFilter.ofSize(filterBitsFor(50_000));
    for (let i = 0; i < 50_000; i++) filter.add(`c\n${IMPACT}\n${60000 + i}`);
    let maybe = 0;
    for (let i = 0; i < 20_000; i++) if (filter.has(`c\n${IMPACT}\n${900000 + i}`)) maybe++;
    // A fixed 16 KB filter answered "maybe" about half the time here; sized, under 0.2 %.
    expect(maybe / 20_000).toBeLessThan(0.002);
    for (let i = 0; i < 50_000; i += 997) expect(filter.has(`c\n${IMPACT}\n${60000 + i}`)).toBe(true);
  });

  it('read without its tab filter (the overview), says "maybe" to every tab: the popup would read every task', () => {
    const data = buildTracker(7, 400, 150, 1);
    const latest = Object.values(data.tasks).reduce((best, t) => (t.updatedAt > best.updatedAt ? t : best));
    const tab = latest.taskUrl.replace(/execution=e\d+s1/, 'execution=e4s4');
    const without = parseHead(stored(computeHead(data, 3)), 3, WITHOUT_TAB_FILTER);
    expect(without).not.toBeNull();
    expect(overviewRowsFromHead(without!)).toEqual(overviewRowsFromHead(view(data)));
    expect(popupOrderFromHead(view(data), tab)).not.toBeNull();
    expect(popupOrderFromHead(without!, tab)).toBeNull();
  });

  it('says it does not know when a task outside it may belong on the tab', () => {
    // 300 campaigns; the one on the tab is neither early, nor due soon, nor recent.
    const data = manyTasks(1500);
    const head = view(data);
    const inHead = new Set(head.tasks.map((t) => t.key));
    const far = Object.values(data.tasks).find((t) => !inHead.has(t.key))!;
    expect(popupOrderFromHead(head, `${FLOW}?execution=e1s1&campaignId=${far.campaignId}`)).toBeNull();
    // A page of no tracked campaign: known (nothing of it is tracked).
    expect(popupOrderFromHead(head, `${FLOW}?execution=e1s1&campaignId=99999999`)).not.toBeNull();
  });

  it('cuts history to what the first screens show, keeping the last retrieve attempt', () => {
    const data = buildTracker(11, 120, 30, 2);
    for (const task of view(data).tasks) {
      const original = data.tasks[task.key]!;
      expect(task.history.length).toBeLessThanOrEqual(1);
      expect(lastRetrieveAttempt(task)).toBe(lastRetrieveAttempt(original));
      expect({ ...task, history: [] }).toEqual({ ...original, history: [] });
    }
  });

  it('lists the tabs "Retrieve my post" opened', () => {
    const data = buildTracker(5, 300, 40, 1);
    const opened = [...new Set(Object.values(data.tasks).flatMap((t) => (t.retrieve.openedTabId === undefined ? [] : [t.retrieve.openedTabId])))].sort((a, b) => a - b);
    expect(opened.length).toBeGreaterThan(0);
    expect(computeHead(data, 1).openedTabs).toEqual(opened);
  });

  it('does not grow with the tracker', () => {
    const size = (n: number) => JSON.stringify(computeHead(manyTasks(n), 1)).length;
    const small = size(100);
    const large = size(5000);
    expect(large).toBeLessThan(120_000);
    expect(large / small).toBeLessThan(1.3);
  });

  it('is the same for the same data (a rebuild finds nothing to write)', () => {
    const { data } = scenario();
    expect(JSON.stringify(computeHead(data, 4))).toBe(JSON.stringify(computeHead(structuredClone(data), 4)));
  });
});

describe('an unusable head is refused', () => {
  const { data } = scenario();
  const good = () => stored(computeHead(data, 5)) as Record<string, unknown>;

  it('accepts the real thing', () => {
    expect(parseHead(good(), 5)).not.toBeNull();
  });

  it.each<[string, (h: Record<string, unknown>) => unknown, number?]>([
    ['missing', () => undefined],
    ['not an object', () => 'head'],
    ['of another revision than the tracker', (h) => h, 6],
    ['of another format', (h) => ({ ...h, format: HEAD_FORMAT + 1 })],
    ['with a damaged task', (h) => ({ ...h, tasks: [{ ...(h.tasks as object[])[0], state: 'exploded' }, ...(h.tasks as object[]).slice(1)] })],
    ['with the same task twice', (h) => ({ ...h, tasks: [...(h.tasks as object[]), (h.tasks as object[])[0]] })],
    ['with counts that do not add up', (h) => ({ ...h, total: 6 })],
    ['with a filter of the wrong size', (h) => ({ ...h, filter: 'AAAA' })],
    ['with a filter that is not base64', (h) => ({ ...h, filter: '*'.repeat((h.filter as string).length) })],
    ['with a filter cut short (not whole base64)', (h) => ({ ...h, filter: (h.filter as string).slice(0, -1) })],
    ['with a filter a few bytes longer than a size the filter has', (h) => ({ ...h, filter: `${(h.filter as string)}AAAA` })],
    ['with a filter with a line break in it', (h) => ({ ...h, filter: `${(h.filter as string).slice(0, 76)}\n${(h.filter as string).slice(76)}` })],
    ['with too many tasks', (h) => ({ ...h, tasks: Array.from({ length: HEAD_MAX_TASKS + 1 }, () => (h.tasks as object[])[0]) })],
  ])('%s', (_what, change, rev = 5) => {
    expect(parseHead(change(good()), rev)).toBeNull();
  });
});

describe('tab matcher', () => {
  const urls = fc.oneof(
    fc.constantFrom(
      undefined,
      'not a url',
      PARTICIPATING,
      `${PARTICIPATING}/campaigns/41207/tasks`,
      'https://app.impact.com.evil.example/x?campaignId=41207',
      'https://example.com/41207',
      'https://app.impact.com:8443/x?campaignId=41207',
      `${FLOW}?campaignId=41207&execution=e9s9&taskId=880101#/`,
    ),
    fc.tuple(fc.constantFrom('41207', '41288', '412070', 'e2s1'), fc.constantFrom('880101', '880404'), fc.constantFrom('e2s1', 'e5s3')).map(([c, t, e]) => taskUrl(c, t).replace('e2s1', e)),
    fc.webUrl({ withQueryParameters: true, withFragments: true }).filter((u) => !/%[^0-9a-f]|%.[^0-9a-f]|%.?$/i.test(u)),
  );
  const tasks = fc.record({ taskUrl: fc.oneof(fc.constantFrom(taskUrl('41207', '880101'), taskUrl('41288', '880404'), `${IMPACT}/x`), fc.webUrl()), campaignId: fc.option(fc.constantFrom('41207', '41288', 'e2s1', 'x'), { nil: undefined }) });

  it('agrees with tabShowsTask', () => {
    fc.assert(
      fc.property(urls, fc.array(tasks, { maxLength: 5 }), (tab, list) => {
        const onTab = createTabMatcher(tab);
        for (const task of list) expect(onTab(task)).toBe(tabShowsTask(tab, task));
      }),
      { numRuns: 500 },
    );
  });

  it('does not throw on a malformed escape (tabShowsTask would)', () => {
    expect(createTabMatcher(`${IMPACT}/a%E0/41207`)({ taskUrl: taskUrl('41207', '1'), campaignId: '41207' })).toBe(true);
  });
});

describe('popup order', () => {
  it('flattens current first, then group by group', () => {
    const { data, keys } = scenario();
    const order = orderForPopup(Object.values(data.tasks), taskUrl('41288', '880404'));
    expect(flattenPopupOrder(order)[0]!.key).toBe(keys.giftGuide);
    expect(flattenPopupOrder(order)).toHaveLength(5);
  });
});
