/**
 * Soak (Firefox, production build), a smaller run than the Chromium one: the replica's hashed
 * family re-renders its tile grid every 20 ms while the page goes through 400 SPA navigations
 * (hash changes between tabs and pushState to a campaign's task list and back). Afterwards,
 * on the same route as before: the same number of our control groups and the same number of
 * nodes in them, one chip per TikTok tile, and the controls still work.
 *
 * Not measured here, unlike in Chromium: event listeners, MutationObservers and the heap.
 * Firefox exposes none of them to WebDriver BiDi or to web pages (no performance.memory, no
 * getEventListeners, no queryObjects), and the content script's own listeners and observers
 * live in its sandbox, out of reach of anything the page world could count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ElementHandle } from 'puppeteer-core';
import { launchFirefox, type FirefoxSession } from './harness';
import { openOverview } from './firefox-pages';
import { SUMMER_GLOW, TWO_VIDEOS, resetReplica, waitFor } from './retrieve-data';
import { S } from './overlay-shared';
import { urlsFor } from '../replica/server.mjs';
import { spaNavigations } from './page-scripts';

declare const browser: { runtime: { sendMessage(message: unknown): Promise<{ ok: boolean; error?: string }> } };

const NAVIGATIONS = 400;
let session: FirefoxSession;

beforeAll(async () => {
  session = await launchFirefox();
});
afterAll(async () => {
  await session?.close();
});

describe('soak (Firefox)', () => {
  it(`${NAVIGATIONS} SPA navigations under constant re-rendering: no growth in our controls or their nodes`, async () => {
    // A tracked task with a link: its tile carries buttons, not just a status.
    const overview = await openOverview(session);
    const taskUrl = `https://app.impact.com${urlsFor({ family: 'hashed', campaignId: SUMMER_GLOW.campaignId }).manageTasks}`;
    const seen = await overview.evaluate(
      (task, url) =>
        browser.runtime.sendMessage({
          type: 'taskSeen',
          task: { accountId: '1234567', campaignId: task.campaignId, campaignName: task.campaignName, taskName: task.taskName, brand: '', inviteLink: 'https://www.tiktok.com/t/ZT8abc123/', taskUrl: url },
        }),
      SUMMER_GLOW,
      taskUrl,
    );
    expect(seen.ok).toBe(true);
    await overview.close();
    await resetReplica(session.replica, { family: 'hashed', rerenderMs: 20, renderDelayMs: 0 });

    const page = await session.browser.newPage();
    // Instrumentation, not a change to the page: its timers can be held while we take a reading,
    // so the reading never catches a grid the page has just replaced. Our content script runs
    // in its own sandbox, with its own timers, and is not affected.
    await page.evaluateOnNewDocument(() => {
      const original = window.setInterval.bind(window);
      const w = window as unknown as { __holdTimers?: boolean };
      window.setInterval = ((fn: () => void, ms?: number) => original(() => !w.__holdTimers && fn(), ms)) as typeof window.setInterval;
    });
    await page.goto(`https://app.impact.com${urlsFor({ family: 'hashed' }).findCampaigns}`);
    const tiktokTiles = S.campaignsForAccount().filter((c) => c.platforms.includes('tiktok')).length;
    /** Our control hosts (by kind) and every node inside their shadow roots. */
    const census = () =>
      page.evaluate(() => {
        const kinds: Record<string, number> = {};
        let nodes = 0;
        const visit = (root: Document | ShadowRoot) => {
          for (const host of Array.from(root.querySelectorAll('[data-tiktok-helper]'))) {
            const kind = host.getAttribute('data-tiktok-helper')!;
            kinds[kind] = (kinds[kind] ?? 0) + 1;
            nodes += 1 + (host.shadowRoot?.querySelectorAll('*').length ?? 0);
          }
          for (const el of Array.from(root.querySelectorAll('*'))) if (el.shadowRoot) visit(el.shadowRoot);
        };
        visit(document);
        return { kinds, nodes };
      });
    await waitFor('the tile controls', async () => (await census()).kinds.tile === tiktokTiles);

    const tasksPath = urlsFor({ family: 'hashed', campaignId: TWO_VIDEOS.campaignId }).manageTasks;
    const navigate = (count: number) => page.evaluate(spaNavigations, { count, tasksPath });
    const hold = (on: boolean) => page.evaluate((v) => void ((window as unknown as { __holdTimers?: boolean }).__holdTimers = v), on);
    /** On Participating, re-rendering held, our controls back on every TikTok tile, and unchanged for a moment. */
    const settleOnParticipating = async () => {
      await new Promise((r) => setTimeout(r, 500));
      await hold(true);
      let last = '';
      return waitFor('Participating with its controls, settled', async () => {
        const now = await census();
        const same = JSON.stringify(now) === last;
        last = JSON.stringify(now);
        return now.kinds.tile === tiktokTiles && same ? now : null;
      });
    };

    await navigate(30); // warm-up: code paths compiled, caches filled
    const before = await settleOnParticipating();
    await hold(false);
    const started = Date.now();
    await navigate(NAVIGATIONS);
    const took = Date.now() - started;
    const after = await settleOnParticipating();
    console.log(`soak (Firefox): ${NAVIGATIONS} navigations in ${took} ms; before ${JSON.stringify(before)} after ${JSON.stringify(after)}`);

    expect(after).toEqual(before);
    // Still working after all that: the tracked campaign's tile copies its invite link.
    await page.evaluate(() => navigator.clipboard.writeText('something else'));
    const copy = await page.evaluateHandle((name) => {
      const visit = (root: Document | ShadowRoot): HTMLButtonElement | null => {
        for (const host of Array.from(root.querySelectorAll('[data-tiktok-helper="tile"]'))) {
          if (!host.parentElement?.textContent?.includes(name)) continue;
          const button = Array.from(host.shadowRoot?.querySelectorAll('button') ?? []).find((b) => (b.getAttribute('aria-label') ?? b.textContent ?? '').trim() === 'Copy invite link');
          if (button) return button;
        }
        for (const el of Array.from(root.querySelectorAll('*'))) {
          const inner = el.shadowRoot ? visit(el.shadowRoot) : null;
          if (inner) return inner;
        }
        return null;
      };
      return visit(document);
    }, SUMMER_GLOW.campaignName);
    await (copy.asElement() as ElementHandle<Element>).click();
    await waitFor('the invite link on the clipboard', async () => (await page.evaluate(() => navigator.clipboard.readText())) === 'https://www.tiktok.com/t/ZT8abc123/');
    await page.close();
  }, 90_000);
});
