/**
 * Privacy and command safety in Chromium, on the production build against the replica:
 * - no network: during a full flow (overlay, copy, QR, popup, overview, Mark as posted, the
 *   worker opening a tab and pressing Retrieve my post), the service worker and extension
 *   pages request nothing but the extension's own files, and the only request with our
 *   content script on its stack (CDP initiators) is the page's own Retrieve my post call;
 * - the page cannot drive or stop the content script: window.postMessage traffic (including
 *   WXT's own "script started" shape) and a forged "newer script started" event change nothing.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CDPSession, Page, Request } from 'playwright-core';
import { launchChromium, type ChromiumSession } from './harness';
import { SUMMER_GLOW, pageUrls, retrieveRequests, waitFor } from './retrieve-data';
import { DEEP_QUERY_SOURCE } from './overlay-shared';
import { startClean, storedTasks } from './chromium-pages';

declare const window: Window & { __deep(selector: string): Element[]; __buttons(name: string): HTMLButtonElement[] };

let session: ChromiumSession;
let ext: Page;

beforeAll(async () => {
  session = await launchChromium();
  await session.context.addInitScript(DEEP_QUERY_SOURCE);
  ext = await session.extensionPage('popup.html');
});
afterAll(async () => {
  await session?.close();
});
beforeEach(() => startClean(session, ext, { retrieve: { delayMs: 50 } }));

const trackedTasks = () => storedTasks(ext);

/** Every request made on behalf of an extension context, and every one a content script started. */
function watchNetwork() {
  const own = `chrome-extension://${session.extensionId}/`;
  const fromExtension: string[] = [];
  const fromContentScript: string[] = [];
  const onRequest = (request: Request) => {
    const worker = request.serviceWorker();
    let pageUrl = '';
    try {
      pageUrl = worker ? worker.url() : (request.frame()?.page().url() ?? '');
    } catch {
      // The first navigation of a tab that has no frame yet (Playwright throws): the new tab's
      // own page load, such as the tab the worker opens for Retrieve my post.
    }
    if (worker || pageUrl.startsWith('chrome-extension://')) fromExtension.push(`${worker ? 'worker' : pageUrl} → ${request.url()}`);
  };
  session.context.on('request', onRequest);
  const cdp: CDPSession[] = [];
  const onPage = async (page: Page) => {
    const client = await session.context.newCDPSession(page);
    cdp.push(client);
    client.on('Network.requestWillBeSent', (event: { request: { url: string }; initiator: { url?: string; stack?: { callFrames: { url: string }[]; parent?: unknown } } }) => {
      const frames: string[] = [];
      for (let s: typeof event.initiator.stack | undefined = event.initiator.stack; s; s = s.parent as typeof s) frames.push(...s.callFrames.map((f) => f.url));
      if ([event.initiator.url ?? '', ...frames].some((u) => u.startsWith('chrome-extension://'))) fromContentScript.push(event.request.url);
    });
    await client.send('Network.enable');
  };
  session.context.on('page', (page) => void onPage(page));
  return {
    own,
    fromExtension,
    fromContentScript,
    async stop() {
      session.context.off('request', onRequest);
      for (const c of cdp) await c.detach().catch(() => undefined);
    },
  };
}

describe('no network of its own (Chromium)', () => {
  it('a full flow: extension contexts load only their own files; the content script causes only the page’s own Retrieve call', async () => {
    const net = watchNetwork();
    try {
      // The creator opens the task, copies the link, opens the QR code.
      const tab = await session.newPage(pageUrls('semantic', SUMMER_GLOW.campaignId, SUMMER_GLOW.taskId).task);
      await waitFor('the overlay', async () => (await tab.evaluate(() => window.__buttons('Copy invite link').length)) === 1);
      await tab.evaluate(() => window.__buttons('Show QR code')[0]!.click());
      await waitFor('the QR dialog', () => tab.evaluate(() => window.__deep('dialog svg').length > 0));
      await tab.keyboard.press('Escape');
      const key = await waitFor('the task to be recorded', async () => (await trackedTasks())[0]?.key);
      await tab.close();

      // Popup and overview, then Mark as posted with no impact.com tab open: the worker opens one.
      const popup = await session.extensionPage('popup.html');
      const card = popup.getByRole('article', { name: `${SUMMER_GLOW.taskName} ${SUMMER_GLOW.campaignName}` });
      await card.getByRole('button', { expanded: false }).click();
      await card.getByRole('button', { name: 'Mark as posted' }).click();
      const overview = await session.extensionPage('overview.html');
      await overview.getByRole('searchbox', { name: 'Search' }).fill('Summer');
      await waitFor('Submitted', async () => (await trackedTasks()).find((t) => t.key === key)?.state === 'submitted', 60_000);
      expect((await retrieveRequests(session.replica)).map((r) => r.taskId)).toEqual([SUMMER_GLOW.taskId]);
      await popup.close();
      await overview.close();
    } finally {
      await net.stop();
    }
    // The watch is not blind: it saw the popup and the overview load their own files.
    for (const file of ['popup.html', 'overview.html']) {
      expect(net.fromExtension.some((line) => line.startsWith(`${net.own}${file} → ${net.own}`)), `${file} loading its own files in ${JSON.stringify(net.fromExtension)}`).toBe(true);
    }
    expect(net.fromExtension.filter((line) => !line.split(' → ')[1]!.startsWith(net.own))).toEqual([]);
    // The worker's only possible request: the notification icon, from its own package.
    for (const line of net.fromExtension.filter((l) => l.startsWith('worker'))) expect(line).toBe(`worker → ${net.own}icon/128.png`);
    // The content script fetches nothing itself; the one request its click causes is the
    // page's own "Retrieve my post" call to impact.com (the stack runs through our click).
    expect(net.fromContentScript.every((url) => url.startsWith('https://app.impact.com/'))).toBe(true);
    expect(net.fromContentScript).toHaveLength((await retrieveRequests(session.replica)).length);
  });
});

describe('the page cannot drive the content script (Chromium)', () => {
  it('window.postMessage traffic and a forged "newer script started" event change nothing', async () => {
    const tab = await session.newPage(pageUrls('semantic', SUMMER_GLOW.campaignId, SUMMER_GLOW.taskId).task);
    await waitFor('the overlay', async () => (await tab.evaluate(() => window.__buttons('Mark as posted').length)) === 1);
    await waitFor('the task to be recorded', async () => (await trackedTasks()).length === 1);
    const before = await trackedTasks();
    const extensionId = session.extensionId;

    await tab.evaluate(
      ({ id, taskId, campaignId }) => {
        const task = { key: 'k', campaignId, campaignName: 'Summer Glow Serum Launch', taskId, taskName: 'TikTok Video' };
        const messages: unknown[] = [
          { type: 'retrievePost', attemptId: 'evil-1', task },
          { type: 'getDiagnostics' },
          { type: 'markPosted', key: 'k' },
          JSON.stringify({ type: 'retrievePost', attemptId: 'evil-2', task }),
          // WXT's own start-up message, under every name it could have.
          { type: `${id}:content:wxt:content-script-started`, contentScriptName: 'content', messageId: 'evil' },
          { type: 'wxt:content-script-started', contentScriptName: 'content', messageId: 'evil' },
        ];
        for (const m of messages) window.postMessage(m, '*');
        // WXT 0.21 stops an older copy of a content script with this document event; a page
        // that knows the extension id can forge it.
        for (const name of [`${id}:content:wxt:content-script-started`, `${id}:undefined:wxt:content-script-started`]) {
          document.dispatchEvent(new CustomEvent(name, { detail: { contentScriptName: 'content', messageId: 'evil' } }));
        }
      },
      { id: extensionId, taskId: SUMMER_GLOW.taskId, campaignId: SUMMER_GLOW.campaignId },
    );
    await tab.waitForTimeout(1500);

    expect(await tab.evaluate(() => window.__buttons('Mark as posted').length)).toBe(1);
    expect(await retrieveRequests(session.replica)).toEqual([]);
    expect(await trackedTasks()).toEqual(before);
    // Still alive: it keeps decorating what the page renders next.
    await tab.evaluate(() => document.querySelector('details')?.removeAttribute('open'));
    await tab.evaluate(() => document.querySelector('summary')?.click());
    await waitFor('controls after the page changed', async () => (await tab.evaluate(() => window.__buttons('Copy invite link').length)) === 1);
  });
});
