/**
 * "Refresh all": the worker walks the creator's Participating campaigns with a TikTok icon in
 * ONE background tab, taken from the shared tab queue (tab-queue.ts), and has the content
 * script read each campaign's TikTok tasks (utils/page/refresh.ts). It only reads.
 *
 * Everything a new worker needs is in storage (refresh-state.ts): a worker stopped mid-walk,
 * or a browser restart, carries on with the campaign it was at (`resume`); recording a task
 * again changes nothing, so nothing is lost or counted twice. At least POLITE_MS pass between
 * two page loads; a sign-in or error page stops the walk with the reason; a campaign that
 * fails is listed with its reason and skipped. The browser is injected (RefreshDeps).
 */
import { sendToTab, type ContentMessage } from '../messages';
import { delivered, type Post, type Sent } from '../messaging';
import type { TabSnapshot } from '../page/urls';
import { SIGN_IN_PATH } from '../page/selectors';
import {
  afterCampaign,
  compareRecorded,
  finished,
  newRun,
  withCampaigns,
  waitBeforeNavigation,
  type CampaignResult,
  type RefreshCampaign,
  type RefreshFailure,
  type RefreshStart,
  type RefreshState,
} from '../refresh-state';
import type { TabQueue } from './tab-queue';
import { creatorWentTo } from './active-tabs';
import { t } from '../i18n';


/** Pages that did not load in a row before the walk stops (impact.com down, the network gone). */
const MAX_PAGES_DOWN = 2;

/** At least this long between two page loads in the walk's tab. */
export const NAVIGATION_GAP_MS = 1000;
/** How long a page may take to load and let our content script answer. */
export const PAGE_READY_MS = 60_000;
/** A walk's slot in the tab queue is freed after this even if it never ends. */
const WALK_TIMEOUT_MS = 4 * 60 * 60_000;
/** Asks of one campaign's tasks (each View Task Details that loads a page ends one). */
const MAX_TASK_ASKS = 400;
const POLL_MS = 500;
const KEEP_ALIVE_MS = 20_000;
export const REFRESH_JOB_ID = 'refresh:all';
/**
 * While a walk runs, this alarm fires every half minute: a worker the browser stopped is woken
 * by it (nothing else may wake it: the walk's tab can be idle) and carries on (`resume`).
 */
export const REFRESH_ALARM = 'refresh-all';

export interface RefreshTabs {
  get(tabId: number): Promise<TabSnapshot | undefined>;
  /** Opens a tab without taking the creator's focus. */
  openInBackground(url: string): Promise<TabSnapshot>;
  navigate(tabId: number, url: string): Promise<void>;
  close(tabId: number): Promise<void>;
  post(tabId: number): Post;
}

export interface RefreshDeps {
  tabs: RefreshTabs;
  load(): Promise<RefreshState | undefined>;
  save(state: RefreshState): Promise<void>;
  loadStart(): Promise<RefreshStart | undefined>;
  saveStart(start: RefreshStart): Promise<void>;
  /** Why this address may not be opened (a host the creator did not allow), or undefined. */
  whyNotOpenable(url: string): Promise<string | undefined>;
  /** Each tracked task's link and code, by key (new and changed ones are counted from it). */
  trackedValues(): Promise<Map<string, { inviteLink?: string; campaignCode?: string }>>;
  now(): number;
  sleep(ms: number): Promise<void>;
  newRunId(): string;
  queue: TabQueue;
  keepAlive?(): Promise<unknown>;
  /** The REFRESH_ALARM: set while a walk runs, cleared when it ends. */
  wakeAlarm?: { set(): Promise<void>; clear(): Promise<void> };
}

export interface RefreshAll {
  /** The page's Refresh all: starts a walk (or answers with the one running); throws with the reason it cannot. */
  start(): Promise<RefreshState>;
  cancel(): Promise<RefreshState | undefined>;
  /** The content script saw a Participating page. */
  seen(url: string): Promise<boolean>;
  /** A new worker: a walk left running carries on. */
  resume(): Promise<void>;
  /**
   * The browser shows `tabId` now; `previousTabId` is the tab it showed before in that window,
   * if known (active-tabs.ts). On the walk's tab this records whether the creator went there.
   */
  onTabActivated(tabId: number, previousTabId: number | undefined): Promise<void>;
  /** Resolves when the walk running in this worker (if any) has ended (tests). */
  idle(): Promise<void>;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host || url.slice(0, 100);
  } catch {
    return url.slice(0, 100);
  }
}

function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return u.pathname + u.hash;
  } catch {
    return '';
  }
}

export function createRefreshAll(deps: RefreshDeps): RefreshAll {
  let writes: Promise<unknown> = Promise.resolve();
  let walking: Promise<void> | undefined;

  /** One read-modify-write at a time (the walk, Cancel and Refresh all share the record). */
  function update(change: (state: RefreshState | undefined) => RefreshState | undefined): Promise<RefreshState | undefined> {
    const run = writes.then(async () => {
      const before = await deps.load();
      const after = change(before);
      if (after && after !== before) await deps.save(after);
      return after;
    });
    writes = run.catch(() => undefined);
    return run;
  }

  /** Fields of a walk still running (a cancelled or finished one is left alone). */
  function patch(fields: Partial<RefreshState>): Promise<RefreshState | undefined> {
    return update((s) => (s && s.status === 'running' ? { ...s, ...fields, updatedAt: deps.now() } : s));
  }

  function enqueue(): void {
    deps.queue.add({
      id: REFRESH_JOB_ID,
      due: deps.now(),
      // The creator asked for it: it goes before automatic retries waiting for a tab.
      asked: true,
      timeoutMs: WALK_TIMEOUT_MS,
      run: () => {
        const work = walk().catch(async (error) => {
          await update((s) => s && finished(s, 'stopped', deps.now(), t('refresh.unexpected', { detail: String((error as Error)?.message ?? error) })));
        });
        walking = work;
        return work;
      },
    });
  }

  async function waitUntilListening(tabId: number, withinMs: number): Promise<boolean> {
    const deadline = deps.now() + withinMs;
    for (;;) {
      const tab = await deps.tabs.get(tabId).catch(() => undefined);
      if (!tab) return false;
      if (tab.status !== 'loading' && delivered(await sendToTab(tabId, { type: 'ping' }, deps.tabs.post(tabId)))) return true;
      if (deps.now() >= deadline) return false;
      await deps.sleep(POLL_MS);
    }
  }

  const running = async () => {
    const s = await deps.load();
    return s?.status === 'running' ? s : undefined;
  };

  /** Load `url` in the walk's tab, at least NAVIGATION_GAP_MS after the previous load. */
  async function navigate(tabId: number, url: string): Promise<boolean> {
    const state = await running();
    if (!state) return false;
    const wait = waitBeforeNavigation(state.lastNavigationAt, deps.now(), NAVIGATION_GAP_MS);
    if (wait > 0) await deps.sleep(wait);
    await patch({ lastNavigationAt: deps.now() });
    await deps.tabs.navigate(tabId, url);
    // The old page may still answer for a moment: let the load begin.
    await deps.sleep(300);
    return waitUntilListening(tabId, PAGE_READY_MS);
  }

  async function ask<M extends ContentMessage>(tabId: number, message: M) {
    return sendToTab(tabId, message, deps.tabs.post(tabId));
  }

  async function stop(reason: string): Promise<void> {
    await update((s) => s && finished(s, 'stopped', deps.now(), reason));
  }

  /** The walk's tab: the one it had (a new worker carries on in it), or a new one. */
  async function tabFor(state: RefreshState): Promise<number | undefined> {
    if (state.tabId !== undefined && (await deps.tabs.get(state.tabId).catch(() => undefined))) return state.tabId;
    const refused = await deps.whyNotOpenable(state.startUrl);
    if (refused) {
      await stop(t('refresh.cannotOpen', { why: refused }));
      return undefined;
    }
    const tab = await deps.tabs.openInBackground(state.startUrl);
    await patch({ tabId: tab.id, tabChosen: undefined, lastNavigationAt: deps.now() });
    return tab.id;
  }

  /** Why the walk's tab shows no page of ours: it left impact.com, or shows a sign-in address. */
  async function whyAway(tabId: number): Promise<string | undefined> {
    const url = (await deps.tabs.get(tabId).catch(() => undefined))?.url;
    if (!url) return undefined;
    if (await deps.whyNotOpenable(url)) return t('refresh.leftSite', { host: hostOf(url) });
    return SIGN_IN_PATH.test(pathOf(url)) ? t('refresh.signIn') : undefined;
  }

  async function walk(): Promise<void> {
    let pagesDown = 0;
    const keepAlive = deps.keepAlive ? setInterval(() => void deps.keepAlive?.().catch(() => undefined), KEEP_ALIVE_MS) : undefined;
    let tabId: number | undefined;
    try {
      let state = await running();
      if (!state) return;
      tabId = await tabFor(state);
      if (tabId === undefined) return;

      if (!state.listed) {
        if (!(await waitUntilListening(tabId, PAGE_READY_MS)) && !(await navigate(tabId, state.startUrl))) return stop((await whyAway(tabId)) ?? t('refresh.pageDidNotLoad'));
        const listed = await ask(tabId, { type: 'refreshCampaigns' });
        if (!listed.ok) return stop(t('refresh.pageDidNotLoad'));
        if (listed.value.trouble) return stop(listed.value.trouble.detail);
        if (!listed.value.participating) return stop(`${t('refresh.notParticipating')} ${t('refresh.openOnce')}`);
        state = await update((s) => s && s.status === 'running' ? withCampaigns(s, listed.value.campaigns, deps.now()) : s);
      }

      for (;;) {
        state = await running();
        if (!state) return;
        const index = state.next;
        const campaign = state.campaigns[index];
        if (!campaign) break;
        if (!(await deps.tabs.get(tabId).catch(() => undefined))) return stop(t('refresh.tabClosed'));
        const result = await visit(tabId, state, campaign);
        if (result === 'stopped') return;
        pagesDown = result.pageDown ? pagesDown + 1 : 0;
        await update((s) => s && afterCampaign(s, index, result, deps.now()));
        if (pagesDown >= MAX_PAGES_DOWN) return stop(t('refresh.notAnswering'));
      }
      await update((s) => s && finished(s, 'done', deps.now()));
    } finally {
      clearInterval(keepAlive);
      // The walk's tab goes when the walk ends, unless the creator went to it and is there now.
      // Shown only because the tab before it was closed (the browser picks a neighbour), it goes.
      const end = await deps.load();
      const id = tabId ?? end?.tabId;
      if (end?.status !== 'running') await deps.wakeAlarm?.clear().catch(() => undefined);
      if (id !== undefined && end?.status !== 'running') {
        const tab = await deps.tabs.get(id).catch(() => undefined);
        if (tab && !(tab.active && end?.tabChosen)) await deps.tabs.close(id).catch(() => undefined);
      }
    }
  }

  /** One campaign: Participating → its Manage Tasks → every TikTok task read. */
  async function visit(tabId: number, state: RefreshState, campaign: RefreshCampaign): Promise<'stopped' | (CampaignResult & { pageDown?: boolean })> {
    const failed = (reason: string) => ({ found: 0, added: 0, changed: 0, failures: [{ campaign: campaign.name, reason }] });
    if (!(await navigate(tabId, state.startUrl))) {
      if (!(await running())) return 'stopped';
      const away = await whyAway(tabId);
      if (away) {
        await stop(away);
        return 'stopped';
      }
      return { ...failed(t('refresh.pageDidNotLoad')), pageDown: true };
    }
    const before = await deps.trackedValues();
    const opened = await ask(tabId, { type: 'refreshOpenCampaign', campaign });
    // A reply lost to the page loading the campaign's tasks: Manage Tasks was pressed.
    if (opened.ok && opened.value.outcome === 'stop') {
      await stop(opened.value.detail);
      return 'stopped';
    }
    if (opened.ok && opened.value.outcome === 'notFound') return failed(opened.value.detail);
    if (!opened.ok && opened.failure !== 'unreachable' && opened.failure !== 'unanswered') return failed(opened.error);
    // Manage Tasks may load a page: polite, then wait for it.
    await patch({ lastNavigationAt: deps.now() });
    await deps.sleep(NAVIGATION_GAP_MS);

    const runId = state.runId;
    let answer: Sent<{ outcome: 'done' | 'failed' | 'stop'; detail: string; found: number; recorded: string[]; failures: { task: string; reason: string }[] }> | undefined;
    for (let asked = 0; asked < MAX_TASK_ASKS; asked++) {
      if (!(await running())) return 'stopped';
      if (!(await waitUntilListening(tabId, PAGE_READY_MS))) {
        const away = await whyAway(tabId);
        if (away) {
          await stop(away);
          return 'stopped';
        }
        return { ...failed(t('refresh.campaignPageDidNotAnswer')), pageDown: true };
      }
      answer = await ask(tabId, { type: 'refreshTasks', runId, campaign });
      // Lost to a page load (View Task Details loading a page): ask again, the page carries on.
      if (answer.ok || (answer.failure !== 'unreachable' && answer.failure !== 'unanswered')) break;
      await deps.sleep(300);
    }
    if (!answer?.ok) return failed(answer ? answer.error : t('refresh.campaignPageDidNotAnswer'));
    const value = answer.value;
    if (value.outcome === 'stop') {
      await stop(value.detail);
      return 'stopped';
    }
    const counts = compareRecorded(value.recorded, before, await deps.trackedValues());
    const failures: RefreshFailure[] = value.failures.map((f) => ({ campaign: campaign.name, task: f.task, reason: f.reason }));
    if (value.outcome === 'failed') failures.push({ campaign: campaign.name, reason: value.detail || t('refresh.manageTasksDidNotOpen') });
    return { found: value.found, ...counts, failures };
  }

  return {
    async start() {
      const now = await deps.load();
      if (now?.status === 'running') {
        enqueue();
        return now;
      }
      const start = await deps.loadStart();
      if (!start) throw new Error(t('refresh.openOnce'));
      const refused = await deps.whyNotOpenable(start.url);
      if (refused) throw new Error(t('refresh.cannotOpen', { why: refused }));
      const state = await update((s) => (s?.status === 'running' ? s : newRun(deps.newRunId(), start.url, deps.now())));
      await deps.wakeAlarm?.set().catch(() => undefined);
      enqueue();
      return state!;
    },

    async cancel() {
      const state = await update((s) => s && finished(s, 'cancelled', deps.now()));
      deps.queue.remove(REFRESH_JOB_ID);
      await deps.wakeAlarm?.clear().catch(() => undefined);
      return state;
    },

    async seen(url) {
      await deps.saveStart({ url, at: deps.now() });
      return true;
    },

    async resume() {
      if ((await deps.load())?.status !== 'running') return void (await deps.wakeAlarm?.clear().catch(() => undefined));
      // Firefox forgets alarms when it quits: set it again.
      await deps.wakeAlarm?.set().catch(() => undefined);
      enqueue();
    },

    async onTabActivated(tabId, previousTabId) {
      const state = await running();
      if (state?.tabId !== tabId) return;
      const chosen = await creatorWentTo(tabId, previousTabId, (id) => deps.tabs.get(id));
      await update((s) => (s && s.status === 'running' && s.tabId === tabId ? { ...s, tabChosen: chosen, updatedAt: deps.now() } : s));
    },

    async idle() {
      while (walking) {
        const w = walking;
        await w;
        if (walking === w) walking = undefined;
      }
    },
  };
}
