/**
 * Privacy and command safety on the production build against the replica, written once for
 * both browsers (network-and-page-input-chromium, -firefox run it through their ExtensionDriver):
 * - no network of its own: a full flow (overlay, QR, popup, overview, Mark as posted, the
 *   background opening a tab and pressing Retrieve my post) under a network watch. How a
 *   browser lets a test watch requests differs entirely (Chromium: Playwright's requests and
 *   CDP initiator stacks; Firefox: WebDriver BiDi, which sees tabs only, and the background's
 *   own Resource Timing), so each thin file brings its watch and what it must have seen;
 * - the page cannot drive or stop the content script: window.postMessage traffic (including
 *   WXT's own "script started" shape) and a forged "newer script started" event change nothing;
 *   a javascript: invite link gets only an alert.
 */
import { expect } from 'vitest';
import type { ExtensionDriver } from './extension-driver';
import { S } from './overlay-shared';
import { SUMMER_GLOW, pageUrls, retrieveRequests, waitFor } from './retrieve-data';
import type { TrackedTask } from '../../utils/tracker/schema';
import { storedTasksInExtension } from './stored-tasks';

/** A browser's network watch over the flow: started before it, given the end of the flow while extension pages are still open, then stopped and checked. */
export interface NetworkWatch {
  /** While the popup and overview are still open, after the flow. */
  beforeStop?(): Promise<void>;
  stop(): Promise<void>;
  /** What the watch saw, checked after it stopped. */
  check(): Promise<void>;
}

/** The tracked tasks as stored (in buckets: stored-tasks.ts), read with the extension's API. */
export async function storedTasks(driver: ExtensionDriver): Promise<TrackedTask[]> {
  return Object.values(await driver.inExtension(storedTasksInExtension, null)) as TrackedTask[];
}

export async function noNetworkScenario(driver: ExtensionDriver, watch: () => Promise<NetworkWatch>): Promise<void> {
  const net = await watch();
  try {
    // The creator opens the task, copies the link, opens the QR code and closes it again.
    const tab = await driver.openPage(pageUrls('semantic', SUMMER_GLOW.campaignId, SUMMER_GLOW.taskId).task);
    await tab.openTtcm();
    await waitFor('the overlay', async () => (await tab.buttonCount('Copy invite link')) === 1);
    await tab.click('Show QR code');
    await tab.waitForDialog('Invite link QR code', true);
    await tab.press('Escape');
    const key = await waitFor('the task to be recorded', async () => (await storedTasks(driver))[0]?.key);
    await tab.close();

    // Popup and overview, then Mark as posted with no impact.com tab open: the worker opens one.
    const popup = await driver.openPopup();
    const card = `${SUMMER_GLOW.taskName} ${SUMMER_GLOW.campaignName}`;
    await popup.openCard(card);
    await popup.click('Mark as posted', { article: card });
    const overview = await driver.openOverview();
    await overview.fill('Search', 'Summer');
    await waitFor('Submitted', async () => (await storedTasks(driver)).find((t) => t.key === key)?.state === 'submitted', 60_000);
    expect((await retrieveRequests(driver.replica)).map((r) => r.taskId)).toEqual([SUMMER_GLOW.taskId]);
    await net.beforeStop?.();
    await popup.close();
    await overview.close();
  } finally {
    await net.stop();
  }
  await net.check();
}

export async function pageMessagesScenario(driver: ExtensionDriver): Promise<void> {
  const tab = await driver.openPage(pageUrls('semantic', SUMMER_GLOW.campaignId, SUMMER_GLOW.taskId).task);
  await tab.openTtcm();
  await waitFor('the overlay', async () => (await tab.buttonCount('Mark as posted')) === 1);
  await waitFor('the task to be recorded', async () => (await storedTasks(driver)).length === 1);
  const before = await storedTasks(driver);

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
    { id: driver.extensionId, taskId: SUMMER_GLOW.taskId, campaignId: SUMMER_GLOW.campaignId },
  );
  await new Promise((r) => setTimeout(r, 1500));

  expect(await tab.buttonCount('Copy invite link')).toBe(1);
  expect(await tab.buttonCount('Mark as posted')).toBe(1);
  expect(await retrieveRequests(driver.replica)).toEqual([]);
  expect(await storedTasks(driver)).toEqual(before);
  // Still alive: it keeps decorating what the page renders next.
  await tab.evaluate(() => document.querySelector('details')?.removeAttribute('open'), null);
  await tab.evaluate(() => document.querySelector('summary')?.click(), null);
  await waitFor('controls after the page changed', async () => (await tab.buttonCount('Copy invite link')) === 1);
  await tab.close();
}

export async function javascriptLinkScenario(driver: ExtensionDriver): Promise<void> {
  const page = await driver.openTaskDetails('semantic', S.ids.longName.taskId);
  const alert = await waitFor('the alert', async () => (await page.roleTexts('alert')).find((t) => t.includes('not a TikTok link')) ?? null);
  expect(alert).toMatch(/uses javascript, not https/);
  expect(await page.buttonCount('Copy invite link')).toBe(0);
  expect(await page.buttonCount('Show QR code')).toBe(0);
  await page.close();
}
