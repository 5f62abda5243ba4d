/**
 * Soak on the production build, written once for both browsers (soak-chromium, soak-firefox run
 * it through their ExtensionDriver): the replica's hashed family re-renders its tile grid every
 * 20 ms while the page goes through hundreds of SPA navigations (hash changes between tabs and
 * pushState to a campaign's task list and back). Afterwards, on the same route as before: the
 * same number of our control groups and the same number of nodes in them, one chip per TikTok
 * tile, and the controls still work. What else a browser lets a test count (Chromium: event
 * listeners, MutationObservers and the heap, over CDP) is its thin file's `readings`.
 */
import { expect } from 'vitest';
import type { ExtensionDriver } from './extension-driver';
import { SUMMER_GLOW, TWO_VIDEOS, resetReplica, waitFor } from './retrieve-data';
import { S } from './overlay-shared';
import { urlsFor } from '../replica/server.mjs';
import { spaNavigations } from './page-scripts';

const INVITE_LINK = 'https://www.tiktok.com/t/ZT8abc123/';

export interface SoakOptions<R> {
  /** Navigations before the first reading: code paths compiled, caches and memos filled. */
  warmUp: number;
  navigations: number;
  /**
   * Readings of the browser's own, taken beside ours on the settled page (its address is
   * given): `start` once the page shows its controls, `read` before and after.
   */
  readings?: { start(pageUrl: string): Promise<void>; read(): Promise<R> };
}

/** Our control hosts (by kind) and every node inside their shadow roots: in the page. */
function census(): { kinds: Record<string, number>; nodes: number } {
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
}

/** The browser's readings (`readings.read`) before and after the navigations, for the thin file to compare. */
export async function soakScenario<R>(driver: ExtensionDriver, options: SoakOptions<R>): Promise<{ before?: R; after?: R }> {
  // A tracked task with a link: its tile carries buttons, not just a status.
  const taskUrl = `https://app.impact.com${urlsFor({ family: 'hashed', campaignId: SUMMER_GLOW.campaignId }).manageTasks}`;
  const seen = await driver.sendMessage<{ ok: boolean }>({
    type: 'taskSeen',
    task: { accountId: '1234567', campaignId: SUMMER_GLOW.campaignId, campaignName: SUMMER_GLOW.campaignName, taskName: SUMMER_GLOW.taskName, brand: '', inviteLink: INVITE_LINK, taskUrl },
  });
  expect(seen.ok).toBe(true);
  await resetReplica(driver.replica, { family: 'hashed', rerenderMs: 20, renderDelayMs: 0 });

  const participating = `https://app.impact.com${urlsFor({ family: 'hashed' }).findCampaigns}`;
  const page = await driver.openPage(participating);
  // Instrumentation, not a change to the page: its timers can be held while we take a reading,
  // so the reading never catches a grid the page has just replaced. Our content script runs
  // in its own world (sandbox), with its own timers, and is not affected.
  await page.reloadWith(() => {
    const original = window.setInterval.bind(window);
    const w = window as unknown as { __holdTimers?: boolean };
    window.setInterval = ((fn: () => void, ms?: number) => original(() => !w.__holdTimers && fn(), ms)) as typeof window.setInterval;
  });
  const tiktokTiles = S.campaignsForAccount().filter((c) => c.platforms.includes('tiktok')).length;
  await waitFor('the tile controls', async () => (await page.evaluate(census, null)).kinds.tile === tiktokTiles);
  await options.readings?.start(participating);

  const tasksPath = urlsFor({ family: 'hashed', campaignId: TWO_VIDEOS.campaignId }).manageTasks;
  const navigate = (count: number) => page.evaluate(spaNavigations, { count, tasksPath });
  const hold = (on: boolean) => page.evaluate((v) => void ((window as unknown as { __holdTimers?: boolean }).__holdTimers = v), on);
  /** On Participating, re-rendering held, our controls back on every TikTok tile, and unchanged for a moment. */
  const settleOnParticipating = async () => {
    await new Promise((r) => setTimeout(r, 500));
    await hold(true);
    let last = '';
    return waitFor('Participating with its controls, settled', async () => {
      const now = await page.evaluate(census, null);
      const same = JSON.stringify(now) === last;
      last = JSON.stringify(now);
      return now.kinds.tile === tiktokTiles && same ? now : null;
    });
  };

  await navigate(options.warmUp);
  const before = await settleOnParticipating();
  const readBefore = await options.readings?.read();
  await hold(false);
  const started = Date.now();
  await navigate(options.navigations);
  const took = Date.now() - started;
  const after = await settleOnParticipating();
  const readAfter = await options.readings?.read();
  console.log(`soak (${driver.browserName}): ${options.navigations} navigations in ${took} ms; before ${JSON.stringify({ ...before, ...readBefore })} after ${JSON.stringify({ ...after, ...readAfter })}`);

  expect(after).toEqual(before);
  // Still working after all that: the tracked campaign's tile copies its invite link.
  await page.setClipboard('something else');
  await page.click('Copy invite link', { tile: SUMMER_GLOW.campaignName });
  await waitFor('the invite link on the clipboard', async () => (await page.clipboard()) === INVITE_LINK);
  await page.close();
  return { before: readBefore, after: readAfter };
}
