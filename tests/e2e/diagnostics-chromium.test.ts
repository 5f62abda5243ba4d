/**
 * The popup's Diagnostics panel in Chromium on the production build: the real toolbar popup,
 * opened for an impact.com tab of the replica, shows what the content script found on that
 * tab, and the figures are those of the replica's scenario.
 *
 * The popup asks for the active tab of its window, so popup.html opened as a tab would only
 * report on itself. The worker opens the real popup instead (chrome.action.openPopup()); Playwright
 * does not list that popup among the context's pages, so the test drives it over CDP: it finds
 * the popup's target, attaches to it and evaluates in it (Target.sendMessageToTarget, since
 * Playwright's CDP sessions cannot address a flat child session).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import * as S from '../replica/scenario.mjs';
import { launchChromium, replicaUrls, type ChromiumSession } from './harness';

/** The extension's API inside worker.evaluate. */
declare const chrome: { action: { openPopup(): Promise<void> } };

let session: ChromiumSession;

beforeAll(async () => {
  session = await launchChromium();
});
afterAll(async () => {
  await session?.close();
});

interface Shown {
  rows: [string, string][];
  problems: string[];
  noProblems: boolean;
}

/** A reply to a command sent into the popup's session (Runtime.evaluate). */
interface EvaluateReply {
  id: number;
  result?: { result: { value?: unknown }; exceptionDetails?: { text: string } };
  error?: { message: string };
}

/** The real popup, attached over CDP: evaluate an expression in it, close it. */
interface Popup {
  evaluate<T>(expression: string): Promise<T>;
  close(): Promise<void>;
}

/** Opens the toolbar popup for `page` (made the active tab first) and attaches to it. */
async function openRealPopup(page: Page): Promise<Popup> {
  await page.bringToFront();
  const cdp: CDPSession = await session.context.newCDPSession(page);
  const popupUrl = `chrome-extension://${session.extensionId}/popup.html`;
  const worker = await session.serviceWorker();
  await worker.evaluate(() => chrome.action.openPopup());

  let targetId: string | undefined;
  await expect
    .poll(async () => {
      const { targetInfos } = await cdp.send('Target.getTargets');
      targetId = targetInfos.find((t) => t.type === 'page' && t.url === popupUrl)?.targetId;
      return targetId;
    })
    .toBeDefined();

  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: targetId!, flatten: false });
  let lastId = 0;
  const waiting = new Map<number, (reply: EvaluateReply) => void>();
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    if (event.sessionId !== sessionId) return;
    const reply = JSON.parse(event.message) as Partial<EvaluateReply>;
    if (reply.id === undefined) return; // an event of the popup's session, not a reply
    waiting.get(reply.id)?.(reply as EvaluateReply);
    waiting.delete(reply.id);
  });
  return {
    async evaluate<T>(expression: string) {
      const id = ++lastId;
      const reply = await new Promise<EvaluateReply>((resolve, reject) => {
        waiting.set(id, resolve);
        cdp
          .send('Target.sendMessageToTarget', {
            sessionId,
            message: JSON.stringify({ id, method: 'Runtime.evaluate', params: { expression, returnByValue: true, awaitPromise: true } }),
          })
          .catch(reject);
      });
      if (reply.error) throw new Error(reply.error.message);
      if (reply.result?.exceptionDetails) throw new Error(reply.result.exceptionDetails.text);
      return reply.result?.result.value as T;
    },
    async close() {
      await cdp.send('Target.closeTarget', { targetId: targetId! });
      await cdp.detach();
    },
  };
}

/** Opens the popup's Diagnostics panel the way a creator does (a click on its summary) and reads what it shows. */
async function readDiagnostics(popup: Popup): Promise<Shown> {
  // The panel is in the popup from its first paint.
  await expect.poll(() => popup.evaluate<boolean>(`!!document.querySelector('details > summary')`)).toBe(true);
  const opened = await popup.evaluate<boolean>(`(() => {
    const summary = [...document.querySelectorAll('details > summary')].find((s) => s.textContent === 'Diagnostics');
    summary.click();
    return summary.parentElement.open;
  })()`);
  expect(opened).toBe(true);
  const read = `(() => {
    const details = [...document.querySelectorAll('details')].find((d) => d.querySelector('summary')?.textContent === 'Diagnostics');
    const status = details.querySelector('[role="status"]');
    return {
      text: status.textContent,
      rows: [...status.querySelectorAll('dl > div')].map((d) => [d.querySelector('dt').textContent, d.querySelector('dd').textContent]),
      problems: [...status.querySelectorAll('ul > li')].map((li) => li.textContent),
      noProblems: [...status.querySelectorAll('p')].some((p) => p.textContent === 'No problems found.'),
    };
  })()`;
  // Until the content script's answer is in: "Checking this tab…" first.
  await expect.poll(async () => (await popup.evaluate<{ text: string }>(read)).text, { timeout: 5000 }).not.toMatch(/^$|^Checking this tab/);
  const { text, rows, problems, noProblems } = await popup.evaluate<Shown & { text: string }>(read);
  expect(rows.length, `the panel shows no figures but: ${text}`).toBeGreaterThan(0);
  return { rows, problems, noProblems };
}

function rowsOf(found: { page: string; tiles: number; tiktokTiles: number; ttcmSections: number; valid: number; invalid: number; codes: number }): [string, string][] {
  return [
    ['Page', found.page],
    ['Campaign tiles', String(found.tiles)],
    ['Tiles with a TikTok icon', String(found.tiktokTiles)],
    ['TTCM Branded Content Details sections', String(found.ttcmSections)],
    ['Valid invite links', String(found.valid)],
    ['Refused invite links', String(found.invalid)],
    ['Campaign codes', String(found.codes)],
  ];
}

describe('popup Diagnostics panel (Chromium, real toolbar popup)', () => {
  it('on the Participating page: every campaign tile, and those with a TikTok icon', async () => {
    const participating = S.campaignsForAccount();
    const withTikTok = participating.filter((c) => c.platforms.includes('tiktok'));
    // The scenario mixes TikTok and other campaigns, so the two figures differ.
    expect(withTikTok.length).toBeGreaterThan(1);
    expect(withTikTok.length).toBeLessThan(participating.length);

    const u = await replicaUrls(session.replica, 'semantic', S.ids.tiktokOnly.campaignId);
    const page = await session.newPage(u.findCampaigns);
    // The content script runs on the tab (its controls are on the tiles).
    await page.locator('[data-tiktok-helper="tile"]').first().waitFor();

    const popup = await openRealPopup(page);
    const shown = await readDiagnostics(popup);
    expect(shown.rows).toEqual(rowsOf({ page: 'Find Campaigns', tiles: participating.length, tiktokTiles: withTikTok.length, ttcmSections: 0, valid: 0, invalid: 0, codes: 0 }));
    expect(shown.problems).toEqual([]);
    expect(shown.noProblems).toBe(true);
    await popup.close();
    await page.close();
  });

  it('on a task with the TTCM section open: a valid invite link and campaign code', async () => {
    const { campaignId, taskId } = S.ids.tiktokOnly;
    const { ttcm } = S.findTask(taskId)!.task;
    // https on www.tiktok.com, and a plain code: both usable.
    expect(ttcm!.inviteLink).toBe('https://www.tiktok.com/t/ZT8abc123/');
    expect(ttcm!.campaignCode).toBe('K7Q2XW9M');

    const u = await replicaUrls(session.replica, 'semantic', campaignId, taskId);
    const page = await session.newPage(u.taskDetails!);
    await page.getByText('TTCM Branded Content Details').click();
    await page.getByRole('button', { name: 'Copy invite link' }).first().waitFor();

    const popup = await openRealPopup(page);
    const shown = await readDiagnostics(popup);
    expect(shown.rows).toEqual(rowsOf({ page: 'My Campaign Tasks', tiles: 0, tiktokTiles: 0, ttcmSections: 1, valid: 1, invalid: 0, codes: 1 }));
    expect(shown.problems).toEqual([]);
    expect(shown.noProblems).toBe(true);
    await popup.close();
    await page.close();
  });

  it('on a task whose invite link and campaign code are refused: counted and listed as problems', async () => {
    const { campaignId, taskId } = S.ids.htmlLookingNames;
    const { ttcm } = S.findTask(taskId)!.task;
    // Plain http to a look-alike host, and markup for a code: both refused.
    expect(ttcm!.inviteLink).toBe('http://tiktok.com.evil.example/t/ZT8abc123/');
    expect(ttcm!.campaignCode).toBe('<svg/onload=alert(2)>');

    const u = await replicaUrls(session.replica, 'semantic', campaignId, taskId);
    const page = await session.newPage(u.taskDetails!);
    await page.getByText('TTCM Branded Content Details').click();
    await page.locator('[data-tiktok-helper="ttcm-invite-link"]').waitFor();

    const popup = await openRealPopup(page);
    const shown = await readDiagnostics(popup);
    expect(shown.rows).toEqual(rowsOf({ page: 'My Campaign Tasks', tiles: 0, tiktokTiles: 0, ttcmSections: 1, valid: 0, invalid: 1, codes: 0 }));
    expect(shown.noProblems).toBe(false);
    expect(shown.problems).toHaveLength(2);
    expect(shown.problems[0]).toContain('uses http, not https');
    expect(shown.problems[1]).toContain('campaign code');
    await popup.close();
    await page.close();
  });
});
