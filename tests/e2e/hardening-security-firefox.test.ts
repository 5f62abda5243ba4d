/**
 * The page cannot drive or stop the content script in Firefox either (production build,
 * replica): window.postMessage traffic, including WXT's own start-up message shape, and a
 * forged "newer script started" document event change nothing; a bad link still gets only an
 * alert. (Permissions, bundle contents and web-ext lint of the Firefox package are checked in
 * hardening-manifest.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { IMPACT, launchFirefox, replicaControl, type FirefoxSession } from './harness';
import { DEEP_QUERY_SOURCE, S } from './overlay-shared';
import { resetReplica, retrieveRequests, waitFor } from './retrieve-data';

let session: FirefoxSession;

beforeAll(async () => {
  session = await launchFirefox();
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
