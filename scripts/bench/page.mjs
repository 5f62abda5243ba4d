/**
 * Measurements on the replica's Find Campaigns › Participating page: page load to DOM
 * idle, the periodic re-render of the hashed family, and the page's JS heap. The same
 * code runs in both browsers; only the extension differs.
 */
import { urlsFor } from '../../tests/replica/server.mjs';
import { IMPACT } from './browser.mjs';
import { mainThreadWork, markTs, pageThread, startTrace, stopTrace } from './trace.mjs';

/** The extension marks everything it injects with this attribute (utils/page/dom.ts OWN_ATTR). */
export const OWN_ATTR = 'data-tiktok-helper';
/** Every third generated campaign has TikTok (tests/replica/scenario.mjs). */
export const tikTokTiles = (tiles) => Math.ceil(tiles / 3);

/** A tile of each family, as a person sees it: a card (uicl) or a Manage Tasks link (hashed). */
const TILE_SELECTOR = {
  uicl: '[data-testid="uicl-campaign-card"]',
  hashed: 'a[href*="campaignId="]',
  semantic: 'article',
};

/**
 * Runs in the page's main world before its own scripts (impact.com pages only): the time of
 * the last DOM mutation, and a count of grid re-renders (a removed element with as many
 * children as there are tiles), each with a performance mark for the trace. For each grid
 * the page removes, what it showed until then: tiles, tiles with the extension's status
 * controls, and tiles with more than one set of them.
 */
export function installPageProbe() {
  if (location.hostname !== 'app.impact.com') return;
  const bench = { lastMutation: 0, swaps: 0, gridSize: Infinity, removedGrids: [] };
  Object.defineProperty(window, '__bench', { value: bench });
  new MutationObserver((records) => {
    bench.lastMutation = performance.now();
    for (const r of records)
      for (const n of r.removedNodes) {
        if (n.nodeType !== 1 || n.childElementCount < bench.gridSize) continue;
        performance.mark(`bench:swap:${++bench.swaps}`);
        let withChip = 0;
        let duplicated = 0;
        for (const tile of n.children) {
          const controls = tile.querySelectorAll('[data-tiktok-helper="tile"]').length;
          if (controls > 0) withChip++;
          if (controls > 1) duplicated++;
        }
        bench.removedGrids.push({ tiles: n.childElementCount, withChip, duplicated });
      }
  }).observe(document, { childList: true, subtree: true, characterData: true });
}

/** Resolves once the tiles (and, with the extension, their status chips) are there and the DOM has been still for quietMs. */
function waitForDomIdle({ selector, tiles, chips, ownAttr, quietMs, timeoutMs }) {
  const bench = window.__bench;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const check = () => {
      const now = performance.now();
      if (now - bench.lastMutation >= quietMs) {
        const seenTiles = document.querySelectorAll(selector).length;
        const seenChips = document.querySelectorAll(`[${ownAttr}="tile"]`).length;
        if (seenTiles >= tiles && (chips === null || seenChips >= chips)) return resolve({ idleAt: bench.lastMutation, settledAt: now, tiles: seenTiles, chips: seenChips });
      }
      if (now - started > timeoutMs) return reject(new Error(`page not idle after ${timeoutMs} ms (${document.querySelectorAll(selector).length} tiles)`));
      setTimeout(check, 100);
    };
    check();
  });
}

export function participatingUrl(family) {
  return IMPACT + urlsFor({ family }).findCampaigns;
}

async function openTraced(browser, url) {
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  await startTrace(cdp);
  await page.goto(url, { waitUntil: 'commit' });
  return { page, cdp };
}

/**
 * Navigation start → DOM idle on Participating with `tiles` tiles: main-thread time of
 * the page's renderer, and the extension's share of it.
 */
export async function pageLoad(browser, replica, { family, tiles, quietMs = 1000, timeoutMs = 120_000 }) {
  replica.setConfig({ tileCount: tiles, rerenderMs: 0 });
  const { page, cdp } = await openTraced(browser, participatingUrl(family));
  try {
    const idle = await page.evaluate(waitForDomIdle, {
      selector: TILE_SELECTOR[family],
      tiles,
      chips: browser.withExtension ? tikTokTiles(tiles) : null,
      ownAttr: OWN_ATTR,
      quietMs,
      timeoutMs,
    });
    const events = await stopTrace(cdp);
    const thread = pageThread(events, IMPACT);
    // Up to the moment the quiet second was over: the page's rendering of its last DOM change
    // (layout, paint) is inside the window in both browsers, whoever made that change.
    const work = mainThreadWork(events, thread, thread.navigationStart, thread.navigationStart + idle.settledAt * 1000);
    return { ...work, idleMs: idle.idleAt, tiles: idle.tiles, chips: idle.chips };
  } finally {
    await page.close();
  }
}

/** Wait until the page counted `n` grid re-renders. */
function waitForSwaps({ n, timeoutMs }) {
  const bench = window.__bench;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const check = () => {
      if (bench.swaps >= n) return resolve(bench.swaps);
      if (performance.now() - started > timeoutMs) return reject(new Error(`only ${bench.swaps} re-renders after ${timeoutMs} ms`));
      setTimeout(check, 50);
    };
    check();
  });
}

/**
 * What the last `n` replaced grids showed just before the page replaced them (the extension
 * had the whole re-render interval): the worst of them, for misses and duplicates.
 */
function controlsBeforeReplacement({ n }) {
  const grids = window.__bench.removedGrids.slice(-n);
  return {
    grids: grids.length,
    tiles: Math.max(...grids.map((g) => g.tiles)),
    withChip: Math.min(...grids.map((g) => g.withChip)),
    duplicated: Math.max(...grids.map((g) => g.duplicated)),
  };
}

/**
 * The hashed family re-renders the whole tile list every `rerenderMs`: main-thread work
 * and extension script time over exactly `renders` re-renders (trace marks of the first
 * and last counted), then the controls per tile and the page's JS heap after a full GC.
 */
export async function rerender(browser, replica, { tiles, renders, rerenderMs, timeoutMs = 300_000 }) {
  replica.setConfig({ tileCount: tiles, rerenderMs });
  const { page, cdp } = await openTraced(browser, participatingUrl('hashed'));
  try {
    await page.evaluate((n) => (window.__bench.gridSize = n), tiles);
    await page.evaluate(waitForSwaps, { n: renders + 1, timeoutMs });
    // Every grid shown during the window, checked when the page replaced it.
    const controls = await page.evaluate(controlsBeforeReplacement, { n: renders });
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const events = await stopTrace(cdp);
    const thread = pageThread(events, IMPACT);
    const from = markTs(events, thread, 'bench:swap:1');
    const to = markTs(events, thread, `bench:swap:${renders + 1}`);
    const work = mainThreadWork(events, thread, from, to);
    return { ...work, windowMs: (to - from) / 1000, controls, heapMB: heap.usedSize / 2 ** 20 };
  } finally {
    await page.close();
  }
}
