/**
 * utils/background/reinject.ts with a fake browser: which tabs get the new content script
 * after an install or update, that a tab never gets a second live copy, that a browser that
 * re-injects by itself (Firefox) gets nothing from us, and that no tab's trouble stops the
 * others or escapes as an exception.
 */
import { describe, expect, it } from 'vitest';
import { GRACE_MS, LOAD_WAIT_MS, POLL_MS, takeOverOpenTabs, type ContentScriptEntry, type ReinjectDeps } from '../../utils/background/reinject';

const IMPACT = 'https://app.impact.com/*';
const ENTRY: ContentScriptEntry = { matches: [IMPACT], js: ['content-scripts/content.js'], allFrames: false };

interface FakeTab {
  id?: number;
  url: string;
  status: 'loading' | 'complete';
  discarded?: boolean;
  /** A live copy of the running extension answers (now, or after this many pings). */
  live: boolean | number;
  /** tabs.get polls until "complete" (Infinity: never). */
  loadsAfterPolls?: number;
  /** The tab closes on this poll. */
  closesAfterPolls?: number;
  injectError?: string;
  pingError?: string;
}

class Fake {
  tabs: FakeTab[] = [];
  queried: string[][] = [];
  injected: { tabId: number; files: string[]; allFrames: boolean }[] = [];
  slept = 0;
  private polls = new Map<number, number>();
  private pings = new Map<number, number>();

  constructor(
    public browserReinjects = false,
    public entries: ContentScriptEntry[] = [ENTRY],
  ) {}

  add(tab: Partial<FakeTab> & { id?: number }): FakeTab {
    const t: FakeTab = { url: 'https://app.impact.com/secure/mediapartner/home.ihtml', status: 'complete', live: false, ...tab };
    this.tabs.push(t);
    return t;
  }

  deps(overrides: Partial<ReinjectDeps> = {}): ReinjectDeps {
    const byId = (id: number) => this.tabs.find((t) => t.id === id);
    return {
      browserReinjects: this.browserReinjects,
      contentScripts: () => this.entries,
      queryTabs: async (matches) => {
        this.queried.push(matches);
        // The browser matches URLs; the fake knows only app.impact.com.
        return this.tabs.filter((t) => matches.includes(IMPACT) && t.url.startsWith('https://app.impact.com/')).map((t) => ({ id: t.id, status: t.status, discarded: t.discarded }));
      },
      getTab: async (id) => {
        const t = byId(id);
        if (!t) return undefined;
        const n = (this.polls.get(id) ?? 0) + 1;
        this.polls.set(id, n);
        if (t.closesAfterPolls !== undefined && n >= t.closesAfterPolls) {
          this.tabs = this.tabs.filter((x) => x !== t);
          return undefined;
        }
        if (t.loadsAfterPolls !== undefined && n >= t.loadsAfterPolls) t.status = 'complete';
        return { id, status: t.status, discarded: t.discarded };
      },
      hasLiveCopy: async (id) => {
        const t = byId(id);
        if (!t) throw new Error(`No tab with id: ${id}.`);
        if (t.pingError) throw new Error(t.pingError);
        const n = (this.pings.get(id) ?? 0) + 1;
        this.pings.set(id, n);
        if (typeof t.live === 'number' ? n < t.live : !t.live) throw new Error('Could not establish connection. Receiving end does not exist.');
        return true;
      },
      injectFiles: async (tabId, files, allFrames) => {
        const t = byId(tabId);
        if (!t) throw new Error(`No tab with id: ${tabId}.`);
        if (t.injectError) throw new Error(t.injectError);
        this.injected.push({ tabId, files, allFrames });
        t.live = true;
      },
      sleep: async (ms) => {
        this.slept += ms;
      },
      ...overrides,
    };
  }

  pingsOf(id: number): number {
    return this.pings.get(id) ?? 0;
  }
}

describe('Chrome (the worker injects the content script)', () => {
  it('injects the manifest content script into every open impact.com tab without a live copy, top frame only', async () => {
    const fake = new Fake();
    fake.add({ id: 1 });
    fake.add({ id: 2, url: 'https://app.impact.com/secure/mediapartner/campaigns.ihtml#tab=participating' });
    fake.add({ id: 3, url: 'https://example.com/' });
    const results = await takeOverOpenTabs('update', fake.deps());
    expect(fake.queried).toEqual([[IMPACT]]);
    expect(fake.injected).toEqual([
      { tabId: 1, files: ['content-scripts/content.js'], allFrames: false },
      { tabId: 2, files: ['content-scripts/content.js'], allFrames: false },
    ]);
    expect(results).toEqual([
      { tabId: 1, outcome: 'injected' },
      { tabId: 2, outcome: 'injected' },
    ]);
  });

  it('does the same on a fresh install', async () => {
    const fake = new Fake();
    fake.add({ id: 1 });
    expect(await takeOverOpenTabs('install', fake.deps())).toEqual([{ tabId: 1, outcome: 'injected' }]);
  });

  it.each(['chrome_update', 'browser_update', 'shared_module_update', ''])('does nothing on reason %j', async (reason) => {
    const fake = new Fake();
    fake.add({ id: 1 });
    expect(await takeOverOpenTabs(reason, fake.deps())).toEqual([]);
    expect(fake.queried).toEqual([]);
    expect(fake.injected).toEqual([]);
  });

  it('never adds a second copy where a live one already answers', async () => {
    const fake = new Fake();
    fake.add({ id: 1, live: true });
    fake.add({ id: 2 });
    expect(await takeOverOpenTabs('update', fake.deps())).toEqual([
      { tabId: 1, outcome: 'already-live' },
      { tabId: 2, outcome: 'injected' },
    ]);
    expect(fake.injected.map((i) => i.tabId)).toEqual([2]);
  });

  it('one failing tab (navigated away, no access, closed) neither stops the others nor throws', async () => {
    const fake = new Fake();
    fake.add({ id: 1, injectError: 'Cannot access contents of url "https://example.com/". Extension manifest must request permission to access this host.' });
    fake.add({ id: 2, injectError: 'No tab with id: 2.' });
    fake.add({ id: 3, injectError: 'Frame with ID 0 is showing error page' });
    fake.add({ id: 4 });
    const results = await takeOverOpenTabs('update', fake.deps());
    expect(results.map((r) => [r.tabId, r.outcome])).toEqual([
      [1, 'failed'],
      [2, 'failed'],
      [3, 'failed'],
      [4, 'injected'],
    ]);
    expect(results[0]!.error).toContain('Cannot access contents');
    expect(fake.injected.map((i) => i.tabId)).toEqual([4]);
  });

  it("gives the browser's own copy a moment to answer (document_idle can follow the load event), then injects", async () => {
    const fake = new Fake();
    fake.add({ id: 1, live: 3 });
    fake.add({ id: 2, live: false });
    expect(await takeOverOpenTabs('update', fake.deps())).toEqual([
      { tabId: 1, outcome: 'already-live' },
      { tabId: 2, outcome: 'injected' },
    ]);
    expect(fake.injected.map((i) => i.tabId)).toEqual([2]);
    expect(fake.pingsOf(2)).toBe(GRACE_MS / POLL_MS + 1);
  });

  it('a ping that fails in any way counts as "no live copy"', async () => {
    const fake = new Fake();
    fake.add({ id: 1, pingError: 'The message port closed before a response was received.' });
    expect(await takeOverOpenTabs('update', fake.deps())).toEqual([{ tabId: 1, outcome: 'injected' }]);
  });

  it('leaves discarded tabs alone: they reload, with the manifest script, when shown', async () => {
    const fake = new Fake();
    fake.add({ id: 1, discarded: true });
    fake.add({ id: 2 });
    expect(await takeOverOpenTabs('update', fake.deps())).toEqual([
      { tabId: 1, outcome: 'discarded' },
      { tabId: 2, outcome: 'injected' },
    ]);
    expect(fake.pingsOf(1)).toBe(0);
  });

  it('waits for a loading tab to finish, then injects only if the browser did not', async () => {
    const fake = new Fake();
    // Tab 1 finishes loading with the browser's own (new) copy; tab 2 had passed document_idle with the old one.
    fake.add({ id: 1, status: 'loading', loadsAfterPolls: 3, live: true });
    fake.add({ id: 2, status: 'loading', loadsAfterPolls: 2 });
    expect(await takeOverOpenTabs('update', fake.deps())).toEqual([
      { tabId: 1, outcome: 'already-live' },
      { tabId: 2, outcome: 'injected' },
    ]);
  });

  it('a tab closed while loading is skipped; one that never finishes is tried after the wait', async () => {
    const fake = new Fake();
    fake.add({ id: 1, status: 'loading', closesAfterPolls: 2 });
    fake.add({ id: 2, status: 'loading', loadsAfterPolls: Infinity });
    expect(await takeOverOpenTabs('update', fake.deps())).toEqual([
      { tabId: 1, outcome: 'gone' },
      { tabId: 2, outcome: 'injected' },
    ]);
    expect(fake.slept).toBeGreaterThanOrEqual(LOAD_WAIT_MS);
    expect(fake.slept).toBeLessThanOrEqual(LOAD_WAIT_MS + GRACE_MS + 4 * POLL_MS);
  });

  it('a tab discarded while it loaded is skipped', async () => {
    const fake = new Fake();
    const tab = fake.add({ id: 1, status: 'loading', loadsAfterPolls: 2 });
    const deps = fake.deps();
    const getTab = deps.getTab;
    deps.getTab = async (id) => ({ ...(await getTab(id)), discarded: tab.status === 'complete' });
    expect(await takeOverOpenTabs('update', deps)).toEqual([{ tabId: 1, outcome: 'discarded' }]);
  });

  it('skips tabs without an id, and survives a failing tab query or manifest read', async () => {
    const fake = new Fake();
    fake.add({ id: undefined });
    expect(await takeOverOpenTabs('update', fake.deps())).toEqual([]);
    expect(
      await takeOverOpenTabs(
        'update',
        fake.deps({
          queryTabs: async () => {
            throw new Error('boom');
          },
        }),
      ),
    ).toEqual([]);
    expect(
      await takeOverOpenTabs(
        'update',
        fake.deps({
          contentScripts: () => {
            throw new Error('no manifest');
          },
        }),
      ),
    ).toEqual([]);
  });

  it('injects exactly the files each manifest entry names, and nothing for an entry without scripts', async () => {
    const fake = new Fake(false, [ENTRY, { matches: [IMPACT], js: [], allFrames: false }, { matches: [], js: ['x.js'], allFrames: false }]);
    fake.add({ id: 1 });
    await takeOverOpenTabs('update', fake.deps());
    expect(fake.injected).toEqual([{ tabId: 1, files: ['content-scripts/content.js'], allFrames: false }]);
  });
});

describe('Firefox (the browser re-injects by itself)', () => {
  it.each(['install', 'update', 'browser_update'])('adds no copy of its own on reason %j', async (reason) => {
    const fake = new Fake(true);
    fake.add({ id: 1, live: false });
    expect(await takeOverOpenTabs(reason, fake.deps())).toEqual([]);
    expect(fake.queried).toEqual([]);
    expect(fake.injected).toEqual([]);
    expect(fake.pingsOf(1)).toBe(0);
  });
});
