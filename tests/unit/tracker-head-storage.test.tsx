/**
 * The head in storage and in the pages. The background writes tracker, revision and head in
 * one storage call and rebuilds the head for data it did not write; pages show the head
 * first and swap in the whole tracker with the same first screen; a missing, stale or
 * damaged head is simply not used (never an error, never a set-aside record); the storage
 * watchers still win over every initial read.
 */
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OverviewApp } from '../../entrypoints/overview/App';
import { PopupApp } from '../../entrypoints/popup/App';
import { checkStorage } from '../../utils/background/storage-check';
import { openedTabIds, refreshHead, updateTracker } from '../../utils/background/tracker-owner';
import { computeHead, HEAD_FORMAT, headSlotOf, parseHead, storedHead } from '../../utils/tracker/head';
import { setStep } from '../../utils/tracker/reducer';
import type { TrackerData } from '../../utils/tracker/schema';
import { readRecovery, readTracker, settingsItem } from '../../utils/tracker/storage';
import { startSyncBeforeRender, startTrackerSync, useTrackerStore } from '../../utils/tracker/use-tracker';
import { NOW, fakeBackground, holdTrackerRead, manyTasks, scenario, seedTrackerWithHead } from './popup-overview-fixtures';
import { giveTableHeight } from './overview-fixtures';
import { bucketForNewTask } from '../../utils/tracker/buckets';
import { storedSlots, storedWholeHead } from './head-trackers';
import { HEAD_SLOT_NAMES, headSlotName } from '../../utils/storage-keys';

const local = fakeBrowser.storage.local;
const setStepOk = (d: TrackerData, key: string, at: number) => {
  const out = setStep(d, key, 'joinedCampaign', true, at);
  if (!out.ok) throw new Error(out.reason);
  return out.value.data;
};
/** What is stored, the head read from its JSON text, with its filter (stored apart) put back. */
const stored = async () => {
  const got = await local.get(['tracker', 'tracker$', 'trackerHead', 'trackerTabFilter', ...HEAD_SLOT_NAMES]);
  return { ...got, trackerHead: storedWholeHead(got.trackerHead, got.trackerTabFilter, storedSlots(got)) } as { tracker?: TrackerData; 'tracker$'?: { rev?: number }; trackerHead?: { rev: number; total: number } };
};

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the background keeps the head with the tracker', () => {
  it('writes only the buckets of the tasks a change touched, with the revision and the head, in one storage call', async () => {
    const set = vi.spyOn(local, 'set');
    const { data, keys } = scenario();
    await updateTracker(() => ({ data, result: undefined }));
    expect(set).toHaveBeenCalledTimes(1);
    // The first write stores the head's filter and its slots of tasks too (stored apart, and only when they change).
    expect(Object.keys(set.mock.calls[0]![0]).sort()).toEqual(
      [...new Set(Object.keys(data.tasks).map(bucketForNewTask)), 'tracker$', 'trackerHead', 'trackerTabFilter', ...HEAD_SLOT_NAMES].sort(),
    );
    let now = await stored();
    expect((await readTracker()).data).toEqual(data);
    expect(now['tracker$']).toEqual({ v: 3, rev: 1 });
    expect(now.trackerHead).toEqual(JSON.parse(JSON.stringify(computeHead(data, 1))));

    // One tick: that task's bucket, the revision and the head, with the one slot of the head's tasks
    // that holds it; nothing else is rewritten (not the filter: no tab key changed; not the other slots).
    set.mockClear();
    await updateTracker((d, at) => ({ data: setStepOk(d, keys.summerGlow, at), result: undefined }));
    expect(set).toHaveBeenCalledTimes(1);
    expect(Object.keys(set.mock.calls[0]![0]).sort()).toEqual(
      [bucketForNewTask(keys.summerGlow), 'tracker$', 'trackerHead', headSlotName(headSlotOf(data.tasks[keys.summerGlow]!))].sort(),
    );
    now = await stored();
    expect([now['tracker$']?.rev, now.trackerHead?.rev]).toEqual([2, 2]);
    expect(now.trackerHead).toEqual(JSON.parse(JSON.stringify(computeHead((await readTracker()).data, 2))));
    // Nothing changed, nothing written.
    set.mockClear();
    await updateTracker((d) => ({ data: d, result: undefined }));
    expect(set).not.toHaveBeenCalled();
  });

  it('moves data written before tasks were stored apart, builds its head, once', async () => {
    const { data } = scenario();
    await local.set({ tracker: data, 'tracker$': { v: 1 } });
    expect(await refreshHead()).toBe(true);
    const now = await stored();
    expect(now.tracker).toEqual({ tasks: {} });
    expect(now['tracker$']).toEqual({ v: 3, rev: 1 });
    expect(now.trackerHead).toMatchObject({ rev: 1, total: 5 });
    expect((await readTracker()).data).toEqual(data);
    expect(await refreshHead()).toBe(false);
  });

  it('rebuilds the head when something else writes the tracker (a tool, an import by hand)', async () => {
    await checkStorage();
    await local.set({ tracker: manyTasks(30) });
    await vi.waitFor(async () => {
      const now = await stored();
      expect(now.trackerHead?.total).toBe(30);
      expect(now.trackerHead?.rev).toBe(now['tracker$']?.rev);
    });
  });

  it('reads every task once for a burst of foreign writes in chunks, and the head counts them all', async () => {
    await checkStorage();
    const get = vi.spyOn(local, 'get');
    const tasks = manyTasks(50).tasks;
    const names = Object.keys(tasks);
    // Five chunks, one storage call each (a tool or a sync writing many keys).
    for (let i = 0; i < names.length; i += 10) {
      await local.set(Object.fromEntries(names.slice(i, i + 10).map((key) => [`task:${key}`, tasks[key]])));
    }
    await vi.waitFor(async () => {
      const now = await stored();
      expect(now.trackerHead?.total).toBe(50);
      expect(now.trackerHead?.rev).toBe(now['tracker$']?.rev);
    });
    expect(get.mock.calls.filter(([keys]) => keys === null)).toHaveLength(1);
  });

  it('replaces a damaged head and never sets it aside', async () => {
    const { data } = scenario();
    await seedTrackerWithHead(data);
    await local.set({ trackerHead: { format: 1, tasks: 'garbage' } });
    await checkStorage();
    expect((await stored()).trackerHead).toMatchObject({ total: 5 });
    expect(await readRecovery()).toEqual([]);
  });

  it('stores the head as JSON text; a head an older build stored as an object still serves the pages until the worker writes it again as text', async () => {
    const { data } = scenario();
    await seedTrackerWithHead(data);
    const text = (await local.get('trackerHead')).trackerHead;
    expect(typeof text).toBe('string');
    const rev = (await stored())['tracker$']!.rev!;
    const asObject = JSON.parse(text as string) as unknown;
    await local.set({ trackerHead: asObject });
    const parts = await local.get(['trackerTabFilter', ...HEAD_SLOT_NAMES]);
    const filter = parts.trackerTabFilter;
    const slots = storedSlots(parts);
    expect(parseHead(asObject, rev, filter, slots)?.total).toBe(5);
    expect(parseHead(text, rev, filter, slots)?.total).toBe(5);
    expect(parseHead('{"format":', rev, filter, slots)).toBeNull();
    // The filter it names, or none of it: the page then reads every task.
    expect(parseHead(text, rev, undefined, slots)).toBeNull();
    expect(parseHead(text, rev, JSON.stringify({ ...JSON.parse(filter as string), rev: rev + 1 }), slots)).toBeNull();
    // Likewise each slot of tasks it names.
    expect(parseHead(text, rev, filter)).toBeNull();
    const [first, ...others] = slots;
    expect(parseHead(text, rev, filter, [(first as string).replace(/^\{"rev":\d+,/, `{"rev":${rev + 1},`), ...others])).toBeNull();
    await checkStorage();
    const again = (await local.get('trackerHead')).trackerHead;
    expect(typeof again).toBe('string');
    const now = await stored();
    // Written again at a new revision; its filter did not change, so the head names the same one.
    expect(storedHead(again)).toEqual({ ...(asObject as object), rev: now['tracker$']!.rev });
  });

  it('knows the tabs "Retrieve my post" opened from the head, and from the tracker without one', async () => {
    const { data, keys } = scenario();
    const gift = data.tasks[keys.giftGuide]!;
    const withTab = { tasks: { ...data.tasks, [keys.giftGuide]: { ...gift, retrieve: { ...gift.retrieve, openedTabId: 42 } } } };
    await seedTrackerWithHead(withTab);
    const get = vi.spyOn(local, 'get');
    expect([...(await openedTabIds())]).toEqual([42]);
    expect(get.mock.calls.flat()).not.toContain(null);
    await local.remove('trackerHead');
    expect([...(await openedTabIds())]).toEqual([42]);
  });
});

describe('pages read the head first', () => {
  const state = () => useTrackerStore.getState();

  it('show the head, then every task, with the watchers still winning', async () => {
    const { data } = scenario();
    await seedTrackerWithHead(data);
    const hold = holdTrackerRead();
    const stop = startTrackerSync();
    try {
      await vi.waitFor(() => expect(state().loaded).toBe(true));
      expect(state()).toMatchObject({ complete: false, total: 5, tasks: [] });
      expect(state().head?.tasks).toHaveLength(5);
      await vi.waitFor(() => expect(hold.held).toBe(1));
      hold.release();
      await vi.waitFor(() => expect(state().complete).toBe(true));
      expect(state().head).toBeNull();
      expect(Object.keys(state().byKey).sort()).toEqual(Object.keys(data.tasks).sort());
    } finally {
      stop();
      hold.restore();
    }
  });

  it('a change that lands while the whole tracker is read wins over that read', async () => {
    const { data, keys } = scenario();
    await seedTrackerWithHead(data);
    const hold = holdTrackerRead();
    const stop = startTrackerSync();
    try {
      await vi.waitFor(() => expect(hold.held).toBe(1));
      const { [keys.ukGlow]: _gone, ...rest } = data.tasks;
      await updateTracker(() => ({ data: { tasks: rest }, result: undefined }));
      await vi.waitFor(() => expect(state().total).toBe(4));
      hold.release();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(state()).toMatchObject({ complete: true, total: 4 });
      expect(state().byKey[keys.ukGlow]).toBeUndefined();
    } finally {
      stop();
      hold.restore();
    }
  });

  it.each<[string, () => Promise<void>]>([
    ['missing', async () => local.remove('trackerHead')],
    ['of another revision than the tracker', async () => local.set({ 'tracker$': { rev: 99 } })],
    ['damaged', async () => local.set({ trackerHead: { format: 1, rev: 1, total: 'five' } })],
    ['of a newer format', async () => local.set({ trackerHead: { ...(await stored()).trackerHead, format: HEAD_FORMAT + 1 } })],
  ])('a head that is %s is not used: the page waits for every task, and nothing is set aside', async (_what, spoil) => {
    await seedTrackerWithHead(scenario().data);
    await spoil();
    const hold = holdTrackerRead();
    const stop = startTrackerSync();
    try {
      await vi.waitFor(() => expect(hold.held).toBe(1));
      expect(state().loaded).toBe(false);
      hold.release();
      await vi.waitFor(() => expect(state()).toMatchObject({ loaded: true, complete: true, total: 5 }));
      expect(state().recovery).toEqual([]);
      expect(await readRecovery()).toEqual([]);
    } finally {
      stop();
      hold.restore();
    }
  });

  it('a change between the early first read (prefetch.ts) and the watchers is read again', async () => {
    await seedTrackerWithHead(scenario().data);
    await settingsItem.setValue({ autoRetrieve: true });
    const early = local.get(['trackerHead', 'tracker$', 'settings', 'recovery']);
    await settingsItem.setValue({ autoRetrieve: false });
    const stopEarly = vi.fn();
    (globalThis as { __trackerPrefetch?: unknown }).__trackerPrefetch = { read: early, tab: null, changed: new Set(['settings']), stop: stopEarly };
    const stop = startTrackerSync();
    try {
      await vi.waitFor(() => expect(state().complete).toBe(true));
      expect(state().settings.autoRetrieve).toBe(false);
      expect(stopEarly).toHaveBeenCalled();
    } finally {
      stop();
      delete (globalThis as { __trackerPrefetch?: unknown }).__trackerPrefetch;
    }
  });
});

describe('the popup from the head', () => {
  const cardKeys = () => screen.getAllByRole('article').map((a) => a.getAttribute('data-task-key'));

  it('paints the first page from the head, then the same page from every task', async () => {
    await seedTrackerWithHead(manyTasks(300));
    fakeBackground();
    const hold = holdTrackerRead();
    try {
      const { container } = render(<PopupApp />);
      await screen.findAllByRole('article');
      expect(container.querySelector('main')).toHaveAttribute('data-complete', 'false');
      const fromHead = cardKeys();
      expect(fromHead).toHaveLength(20);
      expect(screen.getByRole('button', { name: 'Show more tasks (280 more)' })).toBeInTheDocument();
      expect((await axe.run(container)).violations).toEqual([]);
      hold.release();
      await waitFor(() => expect(container.querySelector('main')).toHaveAttribute('data-complete', 'true'));
      expect(cardKeys()).toEqual(fromHead);
    } finally {
      hold.restore();
    }
  });

  it('"Show more" while every task is being read says so, keeps focus, and shows them when read', async () => {
    await seedTrackerWithHead(manyTasks(300));
    fakeBackground();
    const hold = holdTrackerRead();
    try {
      const user = userEvent.setup();
      render(<PopupApp />);
      // (Plain selectors: role queries over 40 cards are slow in jsdom.)
      const more = await screen.findByRole('button', { name: 'Show more tasks (280 more)' });
      const cards = () => document.querySelectorAll('article.task-card');
      await user.click(more);
      const status = document.querySelector('.load-status')!;
      expect(status).toHaveAttribute('role', 'status');
      expect(status).toHaveTextContent('Loading all 300 tasks…');
      expect(cards()).toHaveLength(20);
      hold.release();
      await waitFor(() => expect(cards()).toHaveLength(40));
      expect(status).toHaveTextContent('');
      expect(more).toHaveTextContent('Show more tasks (260 more)');
      expect(more).toHaveFocus();
    } finally {
      hold.restore();
    }
  });

  it('an impact.com tab of a campaign the head cannot vouch for waits for every task', async () => {
    const data = manyTasks(300);
    await seedTrackerWithHead(data);
    const head = computeHead(data, 1);
    const inHead = new Set(head.tasks.map((t) => t.key));
    const far = Object.values(data.tasks).find((t) => !inHead.has(t.key))!;
    const win = await fakeBrowser.windows.create({ focused: true });
    await fakeBrowser.tabs.create({ windowId: win!.id, url: far.taskUrl.replace('e2s1', 'e3s1'), active: true });
    fakeBackground();
    const hold = holdTrackerRead();
    try {
      render(<PopupApp />);
      await vi.waitFor(() => expect(hold.held).toBe(1));
      expect(screen.getByText('Loading…')).toBeInTheDocument();
      hold.release();
      const current = await screen.findByRole('region', { name: 'On this tab' });
      expect(within(current).getAllByRole('article').map((a) => a.getAttribute('data-task-key'))).toContain(far.key);
    } finally {
      hold.restore();
    }
  });
});

describe('the overview from the head', () => {
  it('opened as main.tsx opens it, its very first render already shows the first rows (no empty page first)', async () => {
    await seedTrackerWithHead(manyTasks(300));
    fakeBackground('overview.html');
    const hold = holdTrackerRead();
    try {
      await startSyncBeforeRender(5_000);
      const { container } = render(<OverviewApp />);
      // No waiting: the head was read before the first render.
      expect(container.querySelectorAll('tbody tr[data-task-key]').length).toBeGreaterThan(0);
      expect(container.querySelector('main')).toHaveAttribute('data-complete', 'false');
      hold.release();
      await waitFor(() => expect(container.querySelector('main')).toHaveAttribute('data-complete', 'true'));
    } finally {
      hold.restore();
    }
  });

  it('reads no tab filter (it asks nothing about its tab): its first rows come from the head all the same', async () => {
    await seedTrackerWithHead(manyTasks(300));
    fakeBackground('overview.html');
    const hold = holdTrackerRead();
    const get = vi.spyOn(local, 'get');
    try {
      await startSyncBeforeRender(5_000, { tabFilter: false });
      const { container } = render(<OverviewApp />);
      expect(container.querySelectorAll('tbody tr[data-task-key]').length).toBeGreaterThan(0);
      expect(container.querySelector('main')).toHaveAttribute('data-complete', 'false');
      const asked = get.mock.calls.flatMap(([keys]) => (Array.isArray(keys) ? keys : [keys]));
      expect(asked).toContain('trackerHead');
      expect(asked).not.toContain('trackerTabFilter');
      hold.release();
      await waitFor(() => expect(container.querySelector('main')).toHaveAttribute('data-complete', 'true'));
    } finally {
      get.mockRestore();
      hold.restore();
    }
  });

  let restoreHeight: () => void;
  beforeEach(() => {
    restoreHeight = giveTableHeight();
  });
  afterEach(() => restoreHeight());

  it('shows totals and the first rows at once; search, export and "select all" wait for every task', async () => {
    await seedTrackerWithHead(manyTasks(500));
    fakeBackground('overview.html');
    const hold = holdTrackerRead();
    try {
      const user = userEvent.setup();
      const { container } = render(<OverviewApp />);
      await screen.findByText('500 tasks across 100 campaigns');
      expect(screen.getByRole('table')).toHaveAttribute('aria-rowcount', '501');
      const rows = () => container.querySelectorAll('tbody tr[data-task-key]');
      const firstRows = [...rows()].map((r) => r.getAttribute('data-task-key'));
      expect(firstRows.length).toBeGreaterThan(10);
      expect(screen.getByText('Loading all 500 tasks…', { selector: '[role="status"]' })).toBeInTheDocument();
      expect(screen.getByRole('button', { name: 'Export CSV' })).toBeDisabled();
      expect(screen.getByRole('button', { name: 'Export backup' })).toBeDisabled();
      expect(screen.getByRole('checkbox', { name: 'Select all shown tasks' })).toBeDisabled();
      expect(screen.getByText('500 shown · 0 selected')).toBeInTheDocument();
      expect((await axe.run(container)).violations).toEqual([]);

      // Typing works at once; the rows follow when every task is there.
      const search = screen.getByRole('searchbox', { name: 'Search' });
      await user.type(search, 'code42');
      expect(screen.getByText('Loading all 500 tasks…', { selector: '.no-rows' })).toBeInTheDocument();
      hold.release();
      await waitFor(() => expect(rows()).toHaveLength(11));
      expect(search).toHaveFocus();
      expect(screen.getByRole('button', { name: 'Export CSV' })).toBeEnabled();
      await user.clear(search);
      await waitFor(() => expect([...rows()].map((r) => r.getAttribute('data-task-key'))).toEqual(firstRows));
    } finally {
      hold.restore();
    }
  });

  it('a change while only the head is shown shows at once (the head it brings), and stays once every task is read', async () => {
    const { data, keys } = scenario();
    await seedTrackerWithHead(data);
    fakeBackground('overview.html');
    const hold = holdTrackerRead();
    try {
      render(<OverviewApp />);
      await screen.findByText('5 tasks across 4 campaigns');
      await vi.waitFor(() => expect(hold.held).toBe(1));
      expect(screen.getByRole('button', { name: 'Export CSV' })).toBeDisabled();
      await act(() => fakeBrowser.runtime.sendMessage({ type: 'markPosted', key: keys.kicksUnboxing }));
      const row = () => screen.getByRole('checkbox', { name: 'Select TikTok Video – Unboxing, Back to School Drop: Two Videos' }).closest('tr');
      await waitFor(() => expect(row()).toHaveTextContent('Posted'));
      expect(screen.getByRole('button', { name: 'Export CSV' })).toBeDisabled();
      hold.release();
      await waitFor(() => expect(screen.getByRole('button', { name: 'Export CSV' })).toBeEnabled());
      expect(row()).toHaveTextContent('Posted');
      expect((await readTracker()).data.tasks[keys.kicksUnboxing]).toMatchObject({ state: 'posted' });
    } finally {
      hold.restore();
    }
  });
});
