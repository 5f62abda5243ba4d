/**
 * Privacy and command safety in Firefox: the scenarios of network-and-page-input-scenario.ts.
 * Firefox's own part is the network watch: during the full flow extension pages and the
 * background request nothing (WebDriver BiDi for the tabs; the background, which BiDi does not
 * see, by its own Resource Timing), and every request any tab makes goes to impact.com, the one
 * Retrieve my post call included. Firefox will not let the test open moz-extension:// pages:
 * the driver opens the overview from the overlay and has it open the popup as a tab.
 * (Permissions, bundle contents and web-ext lint of the Firefox package are checked in
 * manifest.test.ts.)
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { IMPACT, bidi } from './harness';
import { retrieveRequests } from './retrieve-data';
import { firefoxSuite } from './extension-driver';
import { javascriptLinkScenario, noNetworkScenario, pageMessagesScenario } from './network-and-page-input-scenario';

/** The extension APIs the extension-page callbacks below use. */
declare const browser: {
  runtime: { getBackgroundPage(): Promise<Window> };
};

// The background (an event page) stays loaded through the flow: what it requested is read
// from its own Resource Timing at the end, which an unloaded page would have taken along.
// Its driver runs extension code in the overview, opened from the overlay when first needed
// (and again after the flow closes it).
const suite = firefoxSuite({ open: 'none', prefs: { 'extensions.background.idle.timeout': 600_000 } });
// As in Chromium: each test starts with no tracked task and no alarm (the flow leaves its task
// Submitted, which shows no Mark as posted), on a fresh replica, its other tabs closed and the
// overview's window in front (the flow closes the window Firefox would open the next tab in).
beforeEach(() => suite.driver.startClean());

interface Seen {
  /** The browsing context (tab) that made the request. */
  context: string;
  url: string;
}

const HISTORY_UPDATED = 'browsingContext.historyUpdated';

/**
 * Every HTTP(S) request Firefox reports over WebDriver BiDi, by the tab that made it, and
 * every address each tab has had. BiDi reports requests of pages in tabs only, not of the
 * background page, and has no initiator stacks (Firefox bug 1805479): it cannot tell the
 * content script's requests from the page's own.
 */
async function watchTabs() {
  const connection = bidi(suite.session.browser);
  const addresses = new Map<string, Set<string>>();
  const seen: Seen[] = [];
  const onContext = (e: { context: string; url: string }) => {
    if (!addresses.has(e.context)) addresses.set(e.context, new Set());
    addresses.get(e.context)!.add(e.url);
  };
  const onRequest = (e: { context: string | null; request: { url: string } }) => void seen.push({ context: e.context ?? '', url: e.request.url });
  const contextEvents = ['browsingContext.contextCreated', 'browsingContext.navigationStarted', 'browsingContext.fragmentNavigated', 'browsingContext.load'];
  for (const name of [...contextEvents, HISTORY_UPDATED]) connection.on(name, onContext);
  connection.on('network.beforeRequestSent', onRequest);
  const { result } = await connection.send('session.subscribe', { events: ['network.beforeRequestSent', ...contextEvents] });
  // Firefox 140 ESR (Debian's) does not know this event and refuses the whole subscription:
  // asked alone. Its pushState addresses are then known from the requests they make.
  const history = await connection.send('session.subscribe', { events: [HISTORY_UPDATED] }).catch(() => undefined);
  // Tabs open before the watch began.
  const tree = (await connection.send('browsingContext.getTree', { maxDepth: 0 })).result as { contexts: { context: string; url: string }[] };
  for (const c of tree.contexts) onContext(c);
  return {
    seen,
    /** Tabs that have shown a page of ours (moz-extension://); no tab here ever shows both kinds. */
    isExtensionTab: (context: string) => [...(addresses.get(context) ?? [])].some((url) => url.startsWith('moz-extension://')),
    /** Tabs that have shown impact.com. */
    isImpactTab: (context: string) => [...(addresses.get(context) ?? [])].some((url) => url.startsWith(`${IMPACT}/`)),
    async stop() {
      const subscriptions = [result, history?.result].filter(Boolean).map((r) => (r as { subscription: string }).subscription);
      await connection.send('session.unsubscribe', { subscriptions });
      for (const name of [...contextEvents, HISTORY_UPDATED]) connection.off(name, onContext);
      connection.off('network.beforeRequestSent', onRequest);
    },
  };
}

/** What the background page (kept loaded: the suite's prefs) has requested since it started, and when it started. */
async function backgroundRequests(): Promise<{ started: number; urls: string[] }> {
  return suite.driver.inExtension(async () => {
    const background = await browser.runtime.getBackgroundPage();
    const entries = background.performance.getEntriesByType('resource');
    return { started: background.performance.timeOrigin, urls: entries.map((e) => e.name) };
  }, null);
}

describe('no network of its own (Firefox)', () => {
  it('a full flow: the background and extension pages request nothing; tabs request only impact.com, with one Retrieve call', async () => {
    const flowStart = Date.now();
    let background: { started: number; urls: string[] };
    let canary: { page: string; background: string };
    await noNetworkScenario(suite.driver, async () => {
      const tabs = await watchTabs();
      return {
        async beforeStop() {
          // Canaries: one request made on purpose from an extension page and one from the
          // background, each of which its watcher must see (so a watcher that sees nothing fails).
          canary = await suite.driver.inExtension(async () => {
            const page = 'https://app.impact.com/__e2e/canary-extension-page';
            const background = 'https://app.impact.com/__e2e/canary-background';
            await fetch(page).catch(() => undefined);
            await (await browser.runtime.getBackgroundPage()).fetch(background).catch(() => undefined);
            return { page, background };
          }, null);
          background = await backgroundRequests();
        },
        stop: tabs.stop,
        async check() {
          // The background was loaded before the flow began and is the same page now: its Resource
          // Timing covers the whole flow.
          expect(background.started).toBeLessThan(flowStart);
          expect(background.urls).toContain(canary.background);
          expect(background.urls.filter((u) => u !== canary.background)).toEqual([]);

          const fromExtension = tabs.seen.filter((r) => tabs.isExtensionTab(r.context));
          expect(fromExtension.map((r) => r.url)).toContain(canary.page);
          expect(fromExtension.filter((r) => r.url !== canary.page)).toEqual([]);
          // Every other request came from an impact.com tab and went to impact.com (the pages and
          // their own assets); the one Retrieve my post call among them is the one the replica logged.
          const fromTabs = tabs.seen.filter((r) => !tabs.isExtensionTab(r.context));
          expect(fromTabs.length).toBeGreaterThan(0);
          expect(fromTabs.filter((r) => !tabs.isImpactTab(r.context) || !r.url.startsWith(`${IMPACT}/`))).toEqual([]);
          expect(fromTabs.filter((r) => new URL(r.url).pathname.endsWith('/retrieve-post'))).toHaveLength((await retrieveRequests(suite.session.replica)).length);
        },
      };
    });
  });
});

describe('the page cannot drive the content script (Firefox)', () => {
  it('window.postMessage traffic and a forged "newer script started" event change nothing', async () => {
    await pageMessagesScenario(suite.driver);
  });

  it('a javascript: invite link gets the alert and no button', async () => {
    await javascriptLinkScenario(suite.driver);
  });
});
