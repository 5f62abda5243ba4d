/**
 * Everything host-bound accepts the other impact.com addresses the creator granted, and only
 * those: who may message the background, which task addresses are stored, which tabs
 * "Retrieve my post" uses and which task pages it (or the Open button) opens, the popup's
 * diagnostics. For each rule: a granted host works, a host not granted is refused, and
 * app.impact.com always works.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { askDiagnostics } from '@/components/DiagnosticsPanel';
import { handleMessage, type RouterDeps } from '@/utils/background/router';
import { createRetrieveOrchestrator } from '@/utils/background/retrieve-orchestrator';
import { chooseTab, createTabMatcher, onImpactHosts, notOpenableError, whyNotOpenable } from '@/utils/page/urls';
import { isTrustedBackgroundSender, type SenderInfo } from '@/utils/messages';
import { DiscoveredTaskSchema, taskKey, type DiscoveredTask } from '@/utils/tracker/schema';
import { readTracker } from '@/utils/tracker/storage';
import { FakeBrowser } from './background-retrieve-fakes';
import { glowVideo } from './glow-video';
import { installFakePermissions } from './fake-permissions';
import { OWN_ID, OWN_ORIGIN, fromOverview, fromPopup, routerDeps } from './router-fixtures';
import { retrieveReasonText } from '../../utils/retrieve-reason';
import { replyErrorText } from '../../utils/reply-error';

const LEGACY = 'https://member.impactradius.com';
const PARTNER = 'https://partners.example.com';

const tabOn = (origin: string, path = '/secure/mediapartner/x.ihtml'): SenderInfo => ({ id: OWN_ID, url: `${origin}${path}`, tab: { id: 3, url: `${origin}${path}` } });

const FLOW = '/secure/mediapartner/campaigns/tasks-flow.ihtml?execution=e2s1&campaignId=1001';

/** The task, on its page on that host. */
const taskOn = (origin: string): DiscoveredTask => glowVideo({ taskUrl: `${origin}${FLOW}&taskId=5001` });

/** The router with these impact.com addresses allowed (undefined: the worker knows of none). */
function deps(granted: string[] | undefined, overrides: Partial<RouterDeps> = {}): RouterDeps {
  return routerDeps({ ...(granted ? { grantedOrigins: vi.fn(async () => granted) } : {}), ...overrides });
}

const REFUSED = { ok: false, error: 'Message refused: unknown sender.' };

describe('who may message the background', () => {
  it('our content script on a granted host is trusted; on the same host not granted, it is not', () => {
    expect(isTrustedBackgroundSender(tabOn(LEGACY), OWN_ID, OWN_ORIGIN, [LEGACY])).toBe(true);
    expect(isTrustedBackgroundSender(tabOn(PARTNER), OWN_ID, OWN_ORIGIN, [LEGACY])).toBe(false);
    expect(isTrustedBackgroundSender(tabOn(LEGACY), OWN_ID, OWN_ORIGIN)).toBe(false);
  });

  it('app.impact.com is always trusted, with or without a granted list', () => {
    expect(isTrustedBackgroundSender(tabOn('https://app.impact.com'), OWN_ID, OWN_ORIGIN)).toBe(true);
    expect(isTrustedBackgroundSender(tabOn('https://app.impact.com'), OWN_ID, OWN_ORIGIN, [LEGACY])).toBe(true);
  });

  it('a granted host is trusted for our own extension only, from a tab only, over https only', () => {
    expect(isTrustedBackgroundSender({ ...tabOn(LEGACY), id: 'another-extension' }, OWN_ID, OWN_ORIGIN, [LEGACY])).toBe(false);
    expect(isTrustedBackgroundSender({ id: OWN_ID, url: `${LEGACY}/x` }, OWN_ID, OWN_ORIGIN, [LEGACY])).toBe(false);
    expect(isTrustedBackgroundSender(tabOn('http://member.impactradius.com'), OWN_ID, OWN_ORIGIN, [LEGACY])).toBe(false);
    expect(isTrustedBackgroundSender(tabOn('https://member.impactradius.com.evil.example'), OWN_ID, OWN_ORIGIN, [LEGACY])).toBe(false);
  });

  it('an about:blank frame of a granted page counts as that page', () => {
    const frame: SenderInfo = { id: OWN_ID, url: 'about:blank', origin: LEGACY, frameId: 4, tab: { id: 3, url: `${LEGACY}/x` } };
    expect(isTrustedBackgroundSender(frame, OWN_ID, OWN_ORIGIN, [LEGACY])).toBe(true);
    expect(isTrustedBackgroundSender(frame, OWN_ID, OWN_ORIGIN, [])).toBe(false);
  });
});

describe('router with granted hosts', () => {
  it('records a task seen on a granted host', async () => {
    const reply = await handleMessage({ type: 'taskSeen', task: taskOn(LEGACY) }, tabOn(LEGACY), deps([LEGACY]));
    expect(reply.ok).toBe(true);
    expect((await readTracker()).data.tasks[taskKey(taskOn(LEGACY))]?.taskUrl).toBe(taskOn(LEGACY).taskUrl);
  });

  it('refuses everything from a host that is not granted (or no longer is)', async () => {
    expect(await handleMessage({ type: 'taskSeen', task: taskOn(PARTNER) }, tabOn(PARTNER), deps([LEGACY]))).toEqual(REFUSED);
    expect(await handleMessage({ type: 'markPosted', key: 'x' }, tabOn(LEGACY), deps([]))).toEqual(REFUSED);
    expect(await handleMessage({ type: 'taskSeen', task: taskOn(LEGACY) }, tabOn(LEGACY), deps(undefined))).toEqual(REFUSED);
    expect((await readTracker()).data.tasks).toEqual({});
  });

  it('app.impact.com works without asking for the granted list', async () => {
    const d = deps([LEGACY]);
    const reply = await handleMessage({ type: 'taskSeen', task: taskOn('https://app.impact.com') }, tabOn('https://app.impact.com'), d);
    expect(reply.ok).toBe(true);
    expect(d.grantedOrigins).not.toHaveBeenCalled();
  });

  it('a granted list that cannot be read grants nothing', async () => {
    const reply = await handleMessage({ type: 'taskSeen', task: taskOn(LEGACY) }, tabOn(LEGACY), deps(undefined, { grantedOrigins: async () => Promise.reject(new Error('no')) }));
    expect(reply).toEqual(REFUSED);
  });

  it.each([
    ['another granted host', LEGACY, PARTNER],
    ['app.impact.com', LEGACY, 'https://app.impact.com'],
    ['a granted host, from app.impact.com', 'https://app.impact.com', LEGACY],
    ['a host not granted', LEGACY, 'https://evil.example'],
  ])("refuses a task whose address is on %s (not the sending page's site)", async (_, page, taskHost) => {
    const reply = await handleMessage({ type: 'taskSeen', task: taskOn(taskHost) }, tabOn(page), deps([LEGACY, PARTNER]));
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error).toContain("is not the sending page's site");
    expect((await readTracker()).data.tasks).toEqual({});
  });

  it('opens a task recorded on a granted host; refuses one whose host is not granted; app.impact.com always', async () => {
    await handleMessage({ type: 'taskSeen', task: taskOn(LEGACY) }, tabOn(LEGACY), deps([LEGACY]));
    const key = taskKey(taskOn(LEGACY));

    const allowed = deps([LEGACY]);
    expect((await handleMessage({ type: 'openTask', key }, fromPopup, allowed)).ok).toBe(true);
    expect(allowed.openPage).toHaveBeenCalledWith(taskOn(LEGACY).taskUrl);

    // The permission was removed since.
    const removed = deps([]);
    const reply = await handleMessage({ type: 'openTask', key }, fromPopup, removed);
    expect(reply).toEqual({
      ok: false,
      error: "This task's page is on member.impactradius.com, which is not allowed. Allow it in the overview's Settings (Other impact.com addresses) to open it.",
      code: 'notOpenable',
      params: { host: 'member.impactradius.com' },
    });
    // The pages word the code: in English, the same sentence.
    expect(replyErrorText(reply as { error: string })).toBe((reply as { error: string }).error);
    expect(removed.openPage).not.toHaveBeenCalled();

    await handleMessage({ type: 'taskSeen', task: { ...taskOn('https://app.impact.com'), taskId: '6001' } }, tabOn('https://app.impact.com'), deps([]));
    const onImpact = deps(undefined);
    expect((await handleMessage({ type: 'openTask', key: taskKey({ ...taskOn('https://app.impact.com'), taskId: '6001' }) }, fromPopup, onImpact)).ok).toBe(true);
    expect(onImpact.openPage).toHaveBeenCalledTimes(1);
  });

  it('a task from a backup on a look-alike https host is kept, and its page is never opened', async () => {
    const lookAlike = { ...taskOn('https://app.impact.com.example.net'), key: 'a:1|c:1001|t:5001', state: 'inProgress', firstSeenAt: 1, updatedAt: 1 };
    const reply = await handleMessage({ type: 'importBackup', tasks: [lookAlike] }, fromOverview, deps([LEGACY]));
    expect(reply).toMatchObject({ ok: true, value: { added: 1, rejected: 0 } });
    const open = deps([LEGACY]);
    expect(await handleMessage({ type: 'openTask', key: lookAlike.key }, fromPopup, open)).toMatchObject({ ok: false, error: expect.stringContaining('app.impact.com.example.net, which is not allowed') });
    expect(open.openPage).not.toHaveBeenCalled();
  });

  it('hostsChanged: from the overview, brings the registrations in line and answers with the outcome', async () => {
    const onHostsChanged = vi.fn(async () => ({ active: [LEGACY], added: [LEGACY], removed: [], problems: [] }));
    const reply = await handleMessage({ type: 'hostsChanged' }, fromOverview, deps([LEGACY], { onHostsChanged }));
    expect(reply).toEqual({ ok: true, value: { active: [LEGACY], added: [LEGACY], removed: [], problems: [] } });
    expect(onHostsChanged).toHaveBeenCalledTimes(1);
  });

  it('hostsChanged is not accepted from a web page, even a granted one', async () => {
    const onHostsChanged = vi.fn(async () => null);
    const reply = await handleMessage({ type: 'hostsChanged' }, tabOn(LEGACY), deps([LEGACY], { onHostsChanged }));
    expect(reply).toEqual({ ok: false, error: 'Message refused: "hostsChanged" is not accepted from a web page.' });
    expect(onHostsChanged).not.toHaveBeenCalled();
  });
});

describe('stored task addresses', () => {
  it.each([
    ['https://app.impact.com/secure/x.ihtml#/t/1', true],
    ['https://member.impactradius.com/secure/mediapartner/x.ihtml', true],
    ['https://partners.example.com/secure/mediapartner/x.ihtml?execution=e1s1', true],
    ['http://member.impactradius.com/x', false],
    ['https://10.0.0.1/x', false],
    ['https://localhost/x', false],
    ['https://[::1]/x', false],
    ['https://xn--pp-8cd.impact.com/x', false],
    ['javascript:alert(1)', false],
  ])('%s: %s, in the tracker schema (the content script validates with the same one)', (taskUrl, ok) => {
    const task = { ...taskOn('https://app.impact.com'), taskUrl };
    expect(DiscoveredTaskSchema.safeParse(task).success).toBe(ok);
  });
});

describe('tabs and task pages of "Retrieve my post"', () => {
  const legacyTask = { campaignId: '1001', taskUrl: `${LEGACY}${FLOW}&taskId=5001` };

  it('a tab on a granted host is used; a tab not on an impact.com host never is', () => {
    const tabs = [
      { id: 1, url: `${LEGACY}${FLOW}&taskId=5001` },
      { id: 2, url: `https://evil.example${FLOW}&taskId=5001` },
      { id: 3, url: `https://app.impact.com${FLOW}` },
    ];
    expect(onImpactHosts(tabs, [LEGACY]).map((t) => t.id)).toEqual([1, 3]);
    expect(onImpactHosts(tabs, []).map((t) => t.id)).toEqual([3]);
    expect(chooseTab(onImpactHosts(tabs, [LEGACY]), legacyTask)).toEqual({ tab: tabs[0], match: 'task' });
    // Not granted: the tab is not offered, so nothing is pressed there.
    expect(chooseTab(onImpactHosts(tabs, []), legacyTask)).toBeNull();
  });

  it('a page of the same path on another host is not the task page (origins must agree)', () => {
    const onApp = { id: 3, url: `https://app.impact.com${FLOW}&taskId=5001` };
    expect(chooseTab([onApp], legacyTask)).toBeNull();
    expect(createTabMatcher(onApp.url)(legacyTask)).toBe(false);
    expect(createTabMatcher(`${LEGACY}${FLOW}&taskId=5001`)(legacyTask)).toBe(true);
    expect(createTabMatcher(`${LEGACY}/secure/other.ihtml?campaignId=1001`)(legacyTask)).toBe(true);
  });

  it('a task page opens on app.impact.com always, on a granted host, never elsewhere', () => {
    expect(whyNotOpenable(`https://app.impact.com${FLOW}`, [])).toBeUndefined();
    expect(whyNotOpenable(legacyTask.taskUrl, [LEGACY])).toBeUndefined();
    expect(whyNotOpenable(legacyTask.taskUrl, [PARTNER])).toContain('member.impactradius.com, which is not allowed');
    expect(whyNotOpenable('javascript:alert(1)', [LEGACY])).toContain('not an impact.com page');
  });
});

describe('"Retrieve my post" for a task recorded on a granted host', () => {
  let fake: FakeBrowser;
  let granted: string[];
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2025-03-01T10:00:00Z') });
    fake = new FakeBrowser();
    granted = [LEGACY];
  });
  afterEach(() => vi.useRealTimers());

  /** The fake browser's tabs, chosen and opened by the same rules as retrieve-browser.ts. */
  function retrieveDeps() {
    const base = fake.deps();
    return fake.deps({
      tabs: {
        ...base.tabs,
        findImpactTabs: async () => onImpactHosts([...fake.tabs.values()], granted).map((t) => ({ id: t.id, url: t.url, status: t.status, active: t.active })),
        openInBackground: async (url) => {
          // As retrieve-browser.ts does.
          const refused = notOpenableError(url, granted);
          if (refused) throw refused;
          return base.tabs.openInBackground(url);
        },
      },
    });
  }

  async function postOn(origin: string) {
    const retrieve = createRetrieveOrchestrator(retrieveDeps());
    const routerDeps = deps(granted, { onReadyToRetrieve: (k, request) => retrieve.start(k, request) });
    expect((await handleMessage({ type: 'taskSeen', task: taskOn(origin) }, tabOn(origin), routerDeps)).ok).toBe(true);
    const key = taskKey(taskOn(origin));
    expect((await handleMessage({ type: 'markPosted', key }, fromPopup, routerDeps)).ok).toBe(true);
    await retrieve.idle();
    return (await readTracker()).data.tasks[key]!;
  }

  it('presses in the open tab on that host', async () => {
    const tab = fake.addTab(`${LEGACY}${FLOW}&taskId=5001`);
    fake.addTab(`https://app.impact.com${FLOW}&taskId=5001`);
    const task = await postOn(LEGACY);
    expect(fake.retrieveRequests.map((r) => r.tabId)).toEqual([tab.id]);
    expect(task.state).toBe('submitted');
  });

  it('opens the recorded page on that host when no tab shows it', async () => {
    const task = await postOn(LEGACY);
    expect(fake.opened).toEqual([{ url: taskOn(LEGACY).taskUrl, active: false }]);
    expect(task.state).toBe('submitted');
  });

  it('opens nothing and presses nothing once the host is no longer granted', async () => {
    const retrieve = createRetrieveOrchestrator(retrieveDeps());
    const routerDeps = deps(granted, { onReadyToRetrieve: (k, request) => retrieve.start(k, request) });
    await handleMessage({ type: 'taskSeen', task: taskOn(LEGACY) }, tabOn(LEGACY), routerDeps);
    fake.addTab(`${LEGACY}${FLOW}&taskId=5001`);
    granted = [];
    await handleMessage({ type: 'markPosted', key: taskKey(taskOn(LEGACY)) }, fromPopup, routerDeps);
    await retrieve.idle();
    expect(fake.retrieveRequests).toEqual([]);
    expect(fake.opened).toEqual([]);
    expect(retrieveReasonText((await readTracker()).data.tasks[taskKey(taskOn(LEGACY))]!.retrieve)).toContain('not allowed');
    // Stored as a code naming the host (worded where shown, in the interface language).
    expect((await readTracker()).data.tasks[taskKey(taskOn(LEGACY))]!.retrieve.outcome).toMatchObject({ code: 'notOpenable', value: 'member.impactradius.com' });
  });
});

describe('popup diagnostics', () => {
  it('asks a tab on a granted host, never one on a host not granted, and app.impact.com always', async () => {
    const spy = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({ ok: false, error: 'x' } as never);
    // The page actions (which carry the diagnostics) are put into the tab first.
    const inject = (fakeBrowser.scripting.executeScript = vi.fn(async () => [{ frameId: 0, result: true }]) as never);
    expect(await askDiagnostics({ id: 1, url: `${PARTNER}/x` }, [LEGACY])).toEqual({ kind: 'notImpact' });
    expect(inject).not.toHaveBeenCalled();
    expect(spy).not.toHaveBeenCalled();
    expect((await askDiagnostics({ id: 1, url: `${LEGACY}/x` }, [LEGACY])).kind).toBe('failed');
    expect((await askDiagnostics({ id: 1, url: 'https://app.impact.com/x' }, [])).kind).toBe('failed');
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it('reads the granted hosts from the browser when not given them', async () => {
    installFakePermissions(['https://app.impact.com/*', `${LEGACY}/*`, 'https://*/*']);
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({ ok: false, error: 'x' } as never);
    fakeBrowser.scripting.executeScript = vi.fn(async () => [{ frameId: 0, result: true }]) as never;
    expect((await askDiagnostics({ id: 1, url: `${LEGACY}/x` })).kind).toBe('failed');
    // The wildcard grants nothing.
    expect(await askDiagnostics({ id: 1, url: `${PARTNER}/x` })).toEqual({ kind: 'notImpact' });
  });
});
