/**
 * Privacy and command safety in Chromium: the scenarios of network-and-page-input-scenario.ts.
 * Chromium's own part is the network watch: during the full flow the service worker and
 * extension pages request nothing but the extension's own files (Playwright's requests), and
 * the only request with our content script on its stack (CDP initiators) is the page's own
 * Retrieve my post call.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { CDPSession, Page, Request } from 'playwright-core';
import { retrieveRequests } from './retrieve-data';
import { startClean } from './chromium-pages';
import { chromiumSuite } from './extension-driver';
import { javascriptLinkScenario, noNetworkScenario, pageMessagesScenario } from './network-and-page-input-scenario';

/** With an extension page kept open: startClean clears storage there between tests. */
const suite = chromiumSuite({ open: 'popup' });
beforeEach(() => startClean(suite.session, suite.page, { retrieve: { delayMs: 50 } }));

/** Every request made on behalf of an extension context, and every one a content script started. */
function watchNetwork() {
  const own = `chrome-extension://${suite.session.extensionId}/`;
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
  suite.session.context.on('request', onRequest);
  const cdp: CDPSession[] = [];
  const onPage = async (page: Page) => {
    const client = await suite.session.context.newCDPSession(page);
    cdp.push(client);
    client.on('Network.requestWillBeSent', (event: { request: { url: string }; initiator: { url?: string; stack?: { callFrames: { url: string }[]; parent?: unknown } } }) => {
      const frames: string[] = [];
      for (let s: typeof event.initiator.stack | undefined = event.initiator.stack; s; s = s.parent as typeof s) frames.push(...s.callFrames.map((f) => f.url));
      if ([event.initiator.url ?? '', ...frames].some((u) => u.startsWith('chrome-extension://'))) fromContentScript.push(event.request.url);
    });
    await client.send('Network.enable');
  };
  suite.session.context.on('page', (page) => void onPage(page));
  return {
    own,
    fromExtension,
    fromContentScript,
    async stop() {
      suite.session.context.off('request', onRequest);
      for (const c of cdp) await c.detach().catch(() => undefined);
    },
  };
}

describe('no network of its own (Chromium)', () => {
  it('a full flow: extension contexts load only their own files; the content script causes only the page’s own Retrieve call', async () => {
    await noNetworkScenario(suite.driver, async () => {
      const net = watchNetwork();
      return {
        stop: net.stop,
        async check() {
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
          expect(net.fromContentScript).toHaveLength((await retrieveRequests(suite.session.replica)).length);
        },
      };
    });
  });
});

describe('the page cannot drive the content script (Chromium)', () => {
  it('window.postMessage traffic and a forged "newer script started" event change nothing', async () => {
    await pageMessagesScenario(suite.driver);
  });

  it('a javascript: invite link gets the alert and no button', async () => {
    await javascriptLinkScenario(suite.driver);
  });
});
