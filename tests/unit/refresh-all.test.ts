/**
 * The Refresh all walk in the worker (utils/background/refresh-all.ts) over fake tabs, a fake
 * content script, fake storage and a fake clock: one tab of the shared queue, a second between
 * page loads, counts, failures listed and skipped, a sign-in page stops it, Cancel, and a new
 * worker carrying on where the stopped one was without counting a campaign twice; the walk's tab
 * closed at the end unless the creator went to it (a tab shown because its neighbour closed goes),
 * and which tab a window showed before (active-tabs.ts).
 */
import { describe, expect, it } from 'vitest';
import { createRefreshAll, type RefreshDeps } from '../../utils/background/refresh-all';
import { createTabQueue } from '../../utils/background/tab-queue';
import { createActiveTabs } from '../../utils/background/active-tabs';
import type { RefreshStart, RefreshState } from '../../utils/refresh-state';

const START = 'https://app.impact.com/secure/mediapartner/marketplace/new-campaign-marketplace-flow.ihtml?execution=e1s1#/joined';
const CAMPAIGNS = [
  { name: 'Summer Glow', brand: 'Lumière', id: '1' },
  { name: 'Gift Guide', brand: 'Hearth', id: '2' },
  { name: 'Broken', brand: 'X', id: '3' },
  { name: 'Two Videos', brand: 'Kinetic', id: '4' },
];
const TASKS: Record<string, string[]> = { '1': ['k1'], '2': ['k2'], '3': [], '4': ['k4a', 'k4b'] };

interface World {
  deps: RefreshDeps;
  stored: { state?: RefreshState; start?: RefreshStart };
  tracked: Map<string, { inviteLink?: string; campaignCode?: string }>;
  navigations: number[];
  asked: string[];
  tabs: Map<number, { url: string; active: boolean }>;
  clock: { now: number };
  /** What the pages answer: overridable per test. */
  page: { trouble?: string; onTasks?: (campaignId: string) => void; redirectTo?: string; down?: boolean };
  alarm: { set: boolean; sets: number };
}

function world(): World {
  const clock = { now: 1_000_000 };
  const tabs = new Map<number, { url: string; active: boolean }>();
  const tracked = new Map<string, { inviteLink?: string; campaignCode?: string }>([['k2', { inviteLink: 'https://www.tiktok.com/t/old/' }]]);
  const stored: World['stored'] = { start: { url: START, at: 1 } };
  const navigations: number[] = [];
  const asked: string[] = [];
  const page: World['page'] = {};
  const alarm = { set: false, sets: 0 };
  let nextId = 10;
  let openedCampaign = '';
  const w: World = {
    stored,
    tracked,
    navigations,
    asked,
    tabs,
    clock,
    page,
    alarm,
    deps: {
      tabs: {
        get: async (id) => (tabs.has(id) ? { id, url: tabs.get(id)!.url, status: 'complete', active: tabs.get(id)!.active } : undefined),
        openInBackground: async (url) => {
          const id = nextId++;
          tabs.set(id, { url, active: false });
          navigations.push(clock.now);
          return { id, url, status: 'loading', active: false };
        },
        navigate: async (id, url) => {
          tabs.get(id)!.url = page.redirectTo ?? url;
          navigations.push(clock.now);
        },
        close: async (id) => void tabs.delete(id),
        post: (id) => async (message: unknown) => {
          if (!tabs.has(id) || page.down || !tabs.get(id)!.url.startsWith('https://app.impact.com/')) throw new Error('Could not establish connection.');
          const m = message as { type: string; campaign?: { id: string } };
          if (m.type === 'ping') return { ok: true, value: true };
          asked.push(m.type + (m.campaign ? `:${m.campaign.id}` : ''));
          if (m.type === 'refreshCampaigns') {
            return { ok: true, value: page.trouble ? { trouble: { kind: 'login', detail: page.trouble }, participating: false, campaigns: [] } : { participating: true, campaigns: CAMPAIGNS } };
          }
          if (m.type === 'refreshOpenCampaign') {
            openedCampaign = m.campaign!.id;
            if (openedCampaign === '3') return { ok: true, value: { outcome: 'notFound', detail: 'The campaign has no Manage Tasks button.' } };
            return { ok: true, value: { outcome: 'pressed', detail: '' } };
          }
          if (m.type === 'refreshTasks') {
            page.onTasks?.(openedCampaign);
            const keys = TASKS[openedCampaign] ?? [];
            for (const k of keys) tracked.set(k, { inviteLink: `https://www.tiktok.com/t/${k}/` });
            return { ok: true, value: { outcome: 'done', detail: '', found: keys.length, recorded: keys, failures: [] } };
          }
          return { ok: false, error: 'unknown' };
        },
      },
      load: async () => stored.state && structuredClone(stored.state),
      save: async (s) => void (stored.state = structuredClone(s)),
      loadStart: async () => stored.start,
      saveStart: async (s) => void (stored.start = s),
      whyNotOpenable: async (url) => (url.startsWith('https://app.impact.com/') ? undefined : 'not an allowed address'),
      trackedValues: async () => new Map(tracked),
      now: () => clock.now,
      sleep: async (ms) => {
        clock.now += ms;
        await Promise.resolve();
      },
      newRunId: () => 'run-1',
      queue: createTabQueue({ startTimer: () => () => {} }),
      wakeAlarm: {
        set: async () => void ((alarm.set = true), alarm.sets++),
        clear: async () => void (alarm.set = false),
      },
    },
  };
  return w;
}

describe('Refresh all in the worker', () => {
  it('walks every campaign in one tab, a second or more between page loads, and sums up', async () => {
    const w = world();
    const refresh = createRefreshAll(w.deps);
    const state = await refresh.start();
    expect(state.status).toBe('running');
    expect(w.deps.queue.running('refresh:all')).toBe(true);
    // The wake-up alarm runs while the walk does (a stopped worker is woken by it).
    expect(w.alarm.set).toBe(true);
    await refresh.idle();
    expect(w.alarm.set).toBe(false);
    const done = w.stored.state!;
    expect(done).toMatchObject({ status: 'done', visited: 4, found: 4, added: 3, changed: 1, next: 4 });
    expect(done.failures).toEqual([{ campaign: 'Broken', reason: 'The campaign has no Manage Tasks button.' }]);
    // One tab, closed at the end.
    expect(w.tabs.size).toBe(0);
    for (let i = 1; i < w.navigations.length; i++) expect(w.navigations[i]! - w.navigations[i - 1]!).toBeGreaterThanOrEqual(1000);
    // It only asks to read: nothing else is sent.
    expect(new Set(w.asked.map((a) => a.split(':')[0]))).toEqual(new Set(['refreshCampaigns', 'refreshOpenCampaign', 'refreshTasks']));
  });

  it('without a Participating page seen, it says how to open it once', async () => {
    const w = world();
    delete w.stored.start;
    await expect(createRefreshAll(w.deps).start()).rejects.toThrow(/Open your Participating campaigns on impact.com once/);
    expect(w.stored.state).toBeUndefined();
  });

  it('a sign-in page stops the walk and says so', async () => {
    const w = world();
    w.page.trouble = 'impact.com asks you to sign in.';
    const refresh = createRefreshAll(w.deps);
    await refresh.start();
    await refresh.idle();
    expect(w.stored.state).toMatchObject({ status: 'stopped', stopReason: 'impact.com asks you to sign in.' });
    expect(w.asked).toEqual(['refreshCampaigns']);
  });

  it('Cancel stops it before the next campaign', async () => {
    const w = world();
    const refresh = createRefreshAll(w.deps);
    w.page.onTasks = (id) => {
      if (id === '2') void refresh.cancel();
    };
    await refresh.start();
    await refresh.idle();
    expect(w.stored.state!.status).toBe('cancelled');
    expect(w.asked.filter((a) => a.startsWith('refreshOpenCampaign'))).toEqual(['refreshOpenCampaign:1', 'refreshOpenCampaign:2']);
  });

  it('a new worker carries on from storage in the same tab, each campaign counted once', async () => {
    const w = world();
    const first = createRefreshAll(w.deps);
    // The worker "stops" while reading campaign 2: its walk never hears back.
    let stopped = false;
    w.page.onTasks = (id) => {
      if (id === '2' && !stopped) {
        stopped = true;
        throw new Error('worker stopped');
      }
    };
    await first.start();
    await first.idle();
    // The first worker's walk failed mid-campaign 2 (its answer lost); emulate the stop: the record says running.
    w.stored.state = { ...w.stored.state!, status: 'running', next: 1, visited: 1, found: 1, added: 1, changed: 0, failures: [] };
    const tab = [...w.tabs.keys()][0];
    w.stored.state.tabId = tab ?? w.stored.state.tabId;
    const second = createRefreshAll({ ...w.deps, queue: createTabQueue({ startTimer: () => () => {} }) });
    await second.resume();
    await second.idle();
    expect(w.stored.state).toMatchObject({ status: 'done', visited: 4, next: 4 });
    // Campaign 1 was not visited again by the new worker.
    expect(w.asked.filter((a) => a === 'refreshOpenCampaign:1')).toHaveLength(1);
  });

  it('a tab sent to another site (single sign-on) stops the walk with the reason', async () => {
    const w = world();
    const refresh = createRefreshAll(w.deps);
    w.page.onTasks = () => void (w.page.redirectTo = 'https://sso.example.com/login?next=x');
    await refresh.start();
    await refresh.idle();
    expect(w.stored.state).toMatchObject({ status: 'stopped', stopReason: expect.stringContaining('sso.example.com'), visited: 1 });
  });

  it('impact.com not loading twice in a row stops the walk instead of waiting at every campaign', async () => {
    const w = world();
    const refresh = createRefreshAll(w.deps);
    w.page.onTasks = () => void (w.page.down = true);
    await refresh.start();
    await refresh.idle();
    expect(w.stored.state).toMatchObject({ status: 'stopped', stopReason: expect.stringContaining('did not load twice in a row'), visited: 3 });
    expect(w.stored.state!.failures.map((f) => f.reason)).toEqual(['The page did not load or did not answer.', 'The page did not load or did not answer.']);
  });

  it("the walk's tab shown because the creator closed the tab before it still closes at the end", async () => {
    const w = world();
    const refresh = createRefreshAll(w.deps);
    // The creator closes the tab they were on (7); the browser shows its neighbour, the walk's tab.
    w.page.onTasks = (id) => {
      if (id !== '2') return;
      const [walkTab] = [...w.tabs.keys()];
      w.tabs.get(walkTab!)!.active = true;
      void refresh.onTabActivated(walkTab!, 7);
    };
    await refresh.start();
    await refresh.idle();
    expect(w.stored.state).toMatchObject({ status: 'done', tabChosen: false });
    expect(w.tabs.size).toBe(0);
  });

  it("the walk's tab stays open at the end when the creator went to it from another tab, and is still there", async () => {
    const w = world();
    const refresh = createRefreshAll(w.deps);
    w.tabs.set(7, { url: 'https://app.impact.com/secure/mediapartner/home.ihtml', active: true });
    w.page.onTasks = (id) => {
      if (id !== '2') return;
      const walkTab = [...w.tabs.keys()].find((t) => t !== 7)!;
      w.tabs.get(7)!.active = false;
      w.tabs.get(walkTab)!.active = true;
      void refresh.onTabActivated(walkTab, 7);
    };
    await refresh.start();
    await refresh.idle();
    expect(w.stored.state).toMatchObject({ status: 'done', tabChosen: true });
    expect([...w.tabs.keys()].sort((a, b) => a - b)).toEqual([7, 10]);
  });

  it("the walk's tab the creator went to and left again closes at the end", async () => {
    const w = world();
    const refresh = createRefreshAll(w.deps);
    w.tabs.set(7, { url: 'https://app.impact.com/secure/mediapartner/home.ihtml', active: true });
    w.page.onTasks = (id) => {
      const walkTab = [...w.tabs.keys()].find((t) => t !== 7)!;
      if (id === '2') void refresh.onTabActivated(walkTab, 7);
      // Back on tab 7: the walk's tab is not shown at the end.
    };
    await refresh.start();
    await refresh.idle();
    expect(w.stored.state).toMatchObject({ status: 'done', tabChosen: true });
    expect([...w.tabs.keys()]).toEqual([7]);
  });
});

describe('the tab each window showed before (active-tabs.ts)', () => {
  it("takes the browser's previousTabId, else the tab last seen shown in that window", () => {
    const active = createActiveTabs();
    active.seed({ id: 1, windowId: 100 });
    active.seed({ id: 2, windowId: 200 });
    // Chrome: no previousTabId; the tab seen at start stands in.
    expect(active.activated({ tabId: 3, windowId: 100 })).toBe(1);
    expect(active.activated({ tabId: 4, windowId: 100 })).toBe(3);
    // A seed after an activation does not override what was seen.
    active.seed({ id: 9, windowId: 100 });
    expect(active.activated({ tabId: 5, windowId: 100 })).toBe(4);
    // Firefox: its own previousTabId wins.
    expect(active.activated({ tabId: 6, windowId: 200, previousTabId: 8 })).toBe(8);
    // A window never seen: unknown.
    expect(active.activated({ tabId: 7, windowId: 300 })).toBeUndefined();
  });
});
