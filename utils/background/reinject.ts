/**
 * After an install or update, impact.com tabs that were already open get the new content
 * script without a reload, and exactly one live copy of it.
 *
 * - Chrome does not put manifest content scripts into tabs that are already open. The old
 *   copy is orphaned (it removes its controls once it notices, or at once when a newer copy
 *   announces itself: WXT's "content-script-started" event). So the worker injects the
 *   manifest's content script file itself (`scripting.executeScript`) into the top frame of
 *   each matching tab, unless a live copy answers there within a second (a tab that finished
 *   loading after the update got one from Chrome). Two live copies would both stay: each
 *   refuses the other's "started" event while the extension is alive (utils/page/guards.ts),
 *   so this check is what keeps the controls single.
 * - Firefox re-injects manifest content scripts into open tabs itself, on install and on
 *   update (tests/e2e/update-firefox.test.ts): the worker does nothing there.
 *
 * Which of the two a browser does is known at build time (`import.meta.env.FIREFOX`, see
 * reinject-browser.ts): no API tells whether the browser re-injects, and trying both ways
 * at run time would race the browser's own injection. Everything here is driven by injected
 * deps; tests/unit/background-reinject.test.ts drives it with a fake. Errors in one tab
 * (discarded, closed, navigated away, no access) never stop the others and never throw.
 */

/** One `content_scripts` entry of the built manifest. */
export interface ContentScriptEntry {
  matches: string[];
  js: string[];
  allFrames: boolean;
}

export interface ReinjectTab {
  id?: number;
  status?: string;
  discarded?: boolean;
}

export interface ReinjectDeps {
  /** The browser itself puts manifest content scripts into open tabs on install and update (Firefox). */
  browserReinjects: boolean;
  contentScripts(): ContentScriptEntry[];
  queryTabs(matches: string[]): Promise<ReinjectTab[]>;
  /** undefined when the tab is gone. */
  getTab(tabId: number): Promise<ReinjectTab | undefined>;
  /** A content script of the running extension answers in the tab's top frame (an orphaned one cannot). */
  hasLiveCopy(tabId: number): Promise<boolean>;
  injectFiles(tabId: number, files: string[], allFrames: boolean): Promise<void>;
  sleep(ms: number): Promise<void>;
}

/** What injecting into open tabs needs (whether the browser re-injects by itself is decided before). */
export type InjectDeps = Omit<ReinjectDeps, 'browserReinjects'>;

export type TakeoverOutcome = 'injected' | 'already-live' | 'discarded' | 'gone' | 'failed';

export interface TakeoverResult {
  tabId: number;
  outcome: TakeoverOutcome;
  error?: string;
}

/**
 * Polling step and limits (ms): how long to wait for a tab that is still loading, and how
 * long Chrome's own copy may take to answer in a tab that has just finished loading.
 */
export const POLL_MS = 250;
export const LOAD_WAIT_MS = 30_000;
export const GRACE_MS = 1_000;

/** Reasons of runtime.onInstalled that bring a new copy of the extension. */
export function takesOver(reason: string): boolean {
  return reason === 'install' || reason === 'update';
}

export async function takeOverOpenTabs(reason: string, deps: ReinjectDeps): Promise<TakeoverResult[]> {
  if (deps.browserReinjects || !takesOver(reason)) return [];
  return injectIntoOpenTabs(deps);
}

/**
 * The content scripts of `deps.contentScripts()` into each open tab they match that has no
 * live copy (whatever the browser, whatever the reason): also used for the content script
 * registered on a newly granted host (host-scripts.ts), which no browser puts into tabs that
 * are already open.
 */
export async function injectIntoOpenTabs(deps: InjectDeps): Promise<TakeoverResult[]> {
  let entries: ContentScriptEntry[];
  try {
    entries = deps.contentScripts().filter((e) => e.matches.length > 0 && e.js.length > 0);
  } catch {
    return [];
  }
  const results = await Promise.all(
    entries.map(async (entry) => {
      let tabs: ReinjectTab[];
      try {
        tabs = await deps.queryTabs(entry.matches);
      } catch {
        return [];
      }
      return Promise.all(tabs.filter((t): t is ReinjectTab & { id: number } => typeof t.id === 'number').map((tab) => takeOverTab(tab, entry, deps)));
    }),
  );
  return results.flat();
}

async function takeOverTab(tab: ReinjectTab & { id: number }, entry: ContentScriptEntry, deps: InjectDeps): Promise<TakeoverResult> {
  const tabId = tab.id;
  try {
    // A discarded tab reloads from scratch when it is shown, and gets the manifest script then.
    if (tab.discarded) return { tabId, outcome: 'discarded' };
    const loaded = await untilLoaded(tab, deps);
    if (!loaded) return { tabId, outcome: 'gone' };
    if (loaded.discarded) return { tabId, outcome: 'discarded' };
    // Chrome injects a page's document_idle scripts as late as just after its load event,
    // that is about when the tab reports "complete": give its own copy a moment to answer.
    if (await untilLive(tabId, deps, GRACE_MS)) return { tabId, outcome: 'already-live' };
    await deps.injectFiles(tabId, entry.js, entry.allFrames);
    return { tabId, outcome: 'injected' };
  } catch (error) {
    return { tabId, outcome: 'failed', error: String((error as Error)?.message ?? error) };
  }
}

/**
 * A tab still loading gets the browser's own copy when it reaches document_idle, or had the
 * old one already: wait until it is complete, then look (undefined: the tab closed).
 */
async function untilLoaded(tab: ReinjectTab & { id: number }, deps: InjectDeps): Promise<ReinjectTab | undefined> {
  let current: ReinjectTab | undefined = tab;
  for (let waited = 0; current.status !== undefined && current.status !== 'complete' && waited < LOAD_WAIT_MS; waited += POLL_MS) {
    await deps.sleep(POLL_MS);
    current = await deps.getTab(tab.id);
    if (!current) return undefined;
  }
  return current;
}

async function untilLive(tabId: number, deps: InjectDeps, limitMs: number): Promise<boolean> {
  for (let waited = 0; ; waited += POLL_MS) {
    if (await liveCopy(tabId, deps)) return true;
    if (waited >= limitMs) return false;
    await deps.sleep(POLL_MS);
  }
}

async function liveCopy(tabId: number, deps: InjectDeps): Promise<boolean> {
  try {
    return await deps.hasLiveCopy(tabId);
  } catch {
    return false;
  }
}
