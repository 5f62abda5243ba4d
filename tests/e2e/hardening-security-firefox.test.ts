/**
 * Privacy and command safety in Firefox, on the production build against the replica:
 * - no network: during a full flow (overlay, QR, overview, popup, Mark as posted, the
 *   background opening a tab and pressing Retrieve my post), extension pages and the
 *   background request nothing, and every request any tab makes goes to impact.com, the one
 *   Retrieve my post call included;
 * - the page cannot drive or stop the content script: window.postMessage traffic, including
 *   WXT's own start-up message shape, and a forged "newer script started" document event
 *   change nothing; a bad link still gets only an alert.
 * (Permissions, bundle contents and web-ext lint of the Firefox package are checked in
 * hardening-manifest.test.ts.)
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ElementHandle, Page } from 'puppeteer-core';
import { IMPACT, bidi, launchFirefox, replicaControl, type FirefoxSession } from './harness';
import { control, extensionPage, openPage, trackedTasks, ttcmControl } from './firefox-pages';
import { DEEP_QUERY_SOURCE, S } from './overlay-shared';
import { SUMMER_GLOW, pageUrls, resetReplica, retrieveRequests, waitFor } from './retrieve-data';
import { popupCardButton } from './page-scripts';

/** The extension APIs the extension-page callbacks below use. */
declare const browser: {
  runtime: { getURL(path: string): string; getBackgroundPage(): Promise<Window> };
  tabs: { create(options: { url: string }): Promise<unknown> };
  storage: { local: { clear(): Promise<void> } };
};

let session: FirefoxSession;

beforeAll(async () => {
  // The background (an event page) stays loaded through the flow: what it requested is read
  // from its own Resource Timing at the end, which an unloaded page would have taken along.
  session = await launchFirefox({ prefs: { 'extensions.background.idle.timeout': 600_000 } });
});
beforeEach(async () => {
  await resetReplica(session.replica);
});
afterAll(async () => {
  await session?.close();
});

async function openDetails(taskId: string): Promise<Page> {
  const hit = S.findTask(taskId)!;
  const q = new URLSearchParams({ family: 'semantic', campaignId: hit.campaign.id, taskId });
  const urls = (await replicaControl(session.replica, `/__replica/urls?${q}`)) as { taskDetails: string };
  const page = await session.browser.newPage();
  await page.goto(IMPACT + urls.taskDetails);
  await page.evaluate(DEEP_QUERY_SOURCE);
  return page;
}

const buttons = (page: Page, name: string) => page.evaluate((n) => (window as unknown as { __buttons(n: string): Element[] }).__buttons(n).length, name);

interface Seen {
  /** The browsing context (tab) that made the request. */
  context: string;
  url: string;
}

/**
 * Every HTTP(S) request Firefox reports over WebDriver BiDi, by the tab that made it, and
 * every address each tab has had. BiDi reports requests of pages in tabs only, not of the
 * background page, and has no initiator stacks (Firefox bug 1805479): it cannot tell the
 * content script's requests from the page's own.
 */
async function watchTabs() {
  const connection = bidi(session.browser);
  const addresses = new Map<string, Set<string>>();
  const seen: Seen[] = [];
  const onContext = (e: { context: string; url: string }) => {
    if (!addresses.has(e.context)) addresses.set(e.context, new Set());
    addresses.get(e.context)!.add(e.url);
  };
  const onRequest = (e: { context: string | null; request: { url: string } }) => void seen.push({ context: e.context ?? '', url: e.request.url });
  const contextEvents = ['browsingContext.contextCreated', 'browsingContext.navigationStarted', 'browsingContext.fragmentNavigated', 'browsingContext.historyUpdated', 'browsingContext.load'];
  for (const name of contextEvents) connection.on(name, onContext);
  connection.on('network.beforeRequestSent', onRequest);
  const { result } = await connection.send('session.subscribe', { events: ['network.beforeRequestSent', ...contextEvents] });
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
      await connection.send('session.unsubscribe', { subscriptions: [(result as { subscription: string }).subscription] });
      for (const name of contextEvents) connection.off(name, onContext);
      connection.off('network.beforeRequestSent', onRequest);
    },
  };
}

/** What the background page (kept loaded, see beforeAll) has requested since it started, and when it started. */
async function backgroundRequests(extension: Page): Promise<{ started: number; urls: string[] }> {
  return extension.evaluate(async () => {
    const background = await browser.runtime.getBackgroundPage();
    const entries = background.performance.getEntriesByType('resource');
    return { started: background.performance.timeOrigin, urls: entries.map((e) => e.name) };
  });
}

describe('no network of its own (Firefox)', () => {
  it('a full flow: the background and extension pages request nothing; tabs request only impact.com, with one Retrieve call', async () => {
    const flowStart = Date.now();
    const tabs = await watchTabs();
    let background: { started: number; urls: string[] };
    let canary: { page: string; background: string };
    try {
      // The creator opens the task, sees the overlay, opens the QR code and closes it again.
      const task = await openPage(session, pageUrls('semantic', SUMMER_GLOW.campaignId, SUMMER_GLOW.taskId).task);
      await task.evaluate(DEEP_QUERY_SOURCE);
      await (await ttcmControl(task, 'Show QR code')).click();
      await waitFor('the QR dialog', () => task.evaluate(() => (window as unknown as { __deep(s: string): Element[] }).__deep('dialog svg').length > 0));
      await task.keyboard.press('Escape');
      await (await control(task, 'Open overview')).click();
      const overview = await extensionPage(session, 'overview.html');
      const key = await waitFor('the task to be recorded', async () => Object.keys(await trackedTasks(overview))[0]);
      await task.close();

      // The popup (opened as a page of its own), then Mark as posted there with no impact.com
      // tab open: the background opens one and presses Retrieve my post.
      await overview.evaluate(() => browser.tabs.create({ url: browser.runtime.getURL('/popup.html') }));
      const popup = await extensionPage(session, 'popup.html');
      const mark = await waitFor('the task in the popup', async () => {
        const handle = await popup.evaluateHandle(popupCardButton, { task: SUMMER_GLOW.taskName, campaign: SUMMER_GLOW.campaignName, name: 'Mark as posted' });
        return handle.asElement() as ElementHandle<Element> | null;
      });
      await mark.click();
      await overview.bringToFront();
      await overview.type('input[type="search"]', 'Summer');
      await waitFor('Submitted', async () => (await trackedTasks(overview))[key]?.state === 'submitted', 60_000);
      expect((await retrieveRequests(session.replica)).map((r) => r.taskId)).toEqual([SUMMER_GLOW.taskId]);

      // Canaries: one request made on purpose from an extension page and one from the
      // background, each of which its watcher must see (so a watcher that sees nothing fails).
      canary = await overview.evaluate(async () => {
        const page = 'https://app.impact.com/__e2e/canary-extension-page';
        const background = 'https://app.impact.com/__e2e/canary-background';
        await fetch(page).catch(() => undefined);
        await (await browser.runtime.getBackgroundPage()).fetch(background).catch(() => undefined);
        return { page, background };
      });
      background = await backgroundRequests(overview);
      await popup.close();
      await overview.close();
    } finally {
      await tabs.stop();
    }
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
    expect(fromTabs.filter((r) => new URL(r.url).pathname.endsWith('/retrieve-post'))).toHaveLength((await retrieveRequests(session.replica)).length);
  });
});

describe('the page cannot drive the content script (Firefox)', () => {
  it('window.postMessage traffic and a forged "newer script started" event change nothing', async () => {
    const glow = S.findTask(S.ids.tiktokOnly.taskId)!;
    const page = await openDetails(glow.task.id);
    await waitFor('the overlay', async () => (await buttons(page, 'Copy invite link')) === 1);
    await page.evaluate(
      (id, taskId, campaignId) => {
        const task = { key: 'k', campaignId, campaignName: 'Summer Glow Serum Launch', taskId, taskName: 'TikTok Video' };
        for (const m of [
          { type: 'retrievePost', attemptId: 'evil', task },
          { type: 'getDiagnostics' },
          { type: `${id}:content:wxt:content-script-started`, contentScriptName: 'content', messageId: 'evil' },
        ]) {
          window.postMessage(m, '*');
        }
        document.dispatchEvent(new CustomEvent(`${id}:content:wxt:content-script-started`, { detail: { contentScriptName: 'content', messageId: 'evil' } }));
      },
      session.addonId,
      glow.task.id,
      glow.campaign.id,
    );
    await new Promise((r) => setTimeout(r, 1500));
    expect(await buttons(page, 'Copy invite link')).toBe(1);
    expect(await buttons(page, 'Mark as posted')).toBe(1);
    expect(await retrieveRequests(session.replica)).toEqual([]);
    await page.close();
  });

  it('a javascript: invite link gets the alert and no button', async () => {
    const page = await openDetails(S.ids.longName.taskId);
    const alert = await waitFor('the alert', () =>
      page.evaluate(() => (window as unknown as { __deep(s: string): Element[] }).__deep('[role="alert"]').map((a) => a.textContent ?? '').find((t) => t.includes('not a TikTok link')) ?? null),
    );
    expect(alert).toMatch(/uses javascript, not https/);
    expect(await buttons(page, 'Copy invite link')).toBe(0);
    expect(await buttons(page, 'Show QR code')).toBe(0);
    await page.close();
  });
});
