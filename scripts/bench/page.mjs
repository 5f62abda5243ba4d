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
/** Every third generated campaign has TikTok (tests/replica/scenario.mjs): tiles 0, 3, 6, … */
export const tikTokTiles = (tiles) => Math.ceil(tiles / 3);

/**
 * The extension decorates tiles near the screen (utils/page/observer.ts NEAR_VIEWPORT_MARGIN:
 * two screens above and below); in-page helpers below count what a creator could scroll to
 * without waiting, the TikTok tiles within that band.
 */

/** A tile of each family, as a person sees it: a card (uicl) or a Manage Tasks link (hashed). */
export const TILE_SELECTOR = {
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
  /**
   * The grid's tiles (the children of the element that holds `tiles` of them) and, of the
   * TikTok ones, those near the screen, and how many of those lack the extension's controls.
   */
  bench.nearScreenTiles = ({ selector, tiles, ownAttr }) => {
    let tile = document.querySelector(selector);
    while (tile && tile.parentElement && tile.parentElement.childElementCount < tiles) tile = tile.parentElement;
    const all = tile?.parentElement ? Array.from(tile.parentElement.children) : [];
    const near = (el) => {
      const r = el.getBoundingClientRect();
      return r.bottom >= -2 * innerHeight && r.top <= 3 * innerHeight;
    };
    const nearTikTok = [];
    all.forEach((t, i) => i % 3 === 0 && near(t) && nearTikTok.push(i));
    const missing = nearTikTok.filter((i) => !all[i].querySelector(`[${ownAttr}="tile"]`)).length;
    return { tiles: all.length, nearTikTok, missing, chips: document.querySelectorAll(`[${ownAttr}="tile"]`).length };
  };
  Object.defineProperty(window, '__bench', { value: bench });
  new MutationObserver((records) => {
    bench.lastMutation = performance.now();
    for (const r of records)
      for (const n of r.removedNodes) {
        if (n.nodeType !== 1 || n.childElementCount < bench.gridSize) continue;
        performance.mark(`bench:swap:${++bench.swaps}`);
        // Controls per tile, by position (which positions were near the screen is read later
        // from the live grid: the same layout).
        const controls = Array.from(n.children, (tile) => tile.querySelectorAll('[data-tiktok-helper="tile"]').length);
        bench.removedGrids.push({ tiles: n.childElementCount, controls });
      }
  }).observe(document, { childList: true, subtree: true, characterData: true });
}

/** In the page: see installPageProbe's nearScreenTiles. */
export function nearScreenTiles(args) {
  return window.__bench.nearScreenTiles(args);
}

/**
 * Resolves once the tiles (and, with the extension, the controls of every TikTok tile near
 * the screen) are there and the DOM has been still for quietMs.
 */
export function waitForDomIdle({ selector, tiles, withExtension, ownAttr, quietMs, timeoutMs }) {
  const bench = window.__bench;
  const started = performance.now();
  const nearScreen = bench.nearScreenTiles;
  return new Promise((resolve, reject) => {
    const check = () => {
      const now = performance.now();
      if (now - bench.lastMutation >= quietMs) {
        const seen = nearScreen({ selector, tiles, ownAttr });
        if (seen.tiles >= tiles && (!withExtension || (seen.nearTikTok.length > 0 && seen.missing === 0)))
          return resolve({ idleAt: bench.lastMutation, settledAt: now, tiles: seen.tiles, chips: seen.chips, expectedChips: seen.nearTikTok.length });
      }
      if (now - started > timeoutMs) return reject(new Error(`page not idle after ${timeoutMs} ms (${document.querySelectorAll(selector).length} tiles)`));
      setTimeout(check, 100);
    };
    check();
  });
}

/**
 * In the page: jump to the middle of the grid (a far scroll, not a smooth one) and time how
 * long until every TikTok tile near the screen there has its controls.
 */
function scrollAndWait({ selector, tiles, ownAttr, timeoutMs }) {
  const nearScreen = window.__bench.nearScreenTiles;
  window.scrollTo(0, document.scrollingElement.scrollHeight / 2);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const check = () => {
      const seen = nearScreen({ selector, tiles, ownAttr });
      if (seen.missing === 0) return resolve({ ms: performance.now() - started, nearTikTok: seen.nearTikTok.length });
      if (performance.now() - started > timeoutMs) return reject(new Error(`${seen.missing} TikTok tiles near the screen still without controls after scrolling`));
      requestAnimationFrame(check);
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
      withExtension: browser.withExtension,
      ownAttr: OWN_ATTR,
      quietMs,
      timeoutMs,
    });
    const events = await stopTrace(cdp);
    const thread = pageThread(events, IMPACT);
    // Up to the moment the quiet second was over: the page's rendering of its last DOM change
    // (layout, paint) is inside the window in both browsers, whoever made that change.
    const work = mainThreadWork(events, thread, thread.navigationStart, thread.navigationStart + idle.settledAt * 1000);
    // Outside the measured window: the tiles further down get their controls on the way.
    const scroll = browser.withExtension
      ? await page.evaluate(scrollAndWait, { selector: TILE_SELECTOR[family], tiles, ownAttr: OWN_ATTR, timeoutMs: 10_000 })
      : null;
    return { ...work, idleMs: idle.idleAt, tiles: idle.tiles, chips: idle.chips, expectedChips: idle.expectedChips, scroll };
  } finally {
    await page.close();
  }
}

/** In the page: wait until its probe counted `n` grid re-renders (replacements of the grid). */
export function waitForSwaps({ n, timeoutMs }) {
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
function controlsBeforeReplacement({ n, near }) {
  const grids = window.__bench.removedGrids.slice(-n);
  return {
    grids: grids.length,
    tiles: Math.max(...grids.map((g) => g.tiles)),
    nearTikTok: near.length,
    missing: Math.max(...grids.map((g) => near.filter((i) => !g.controls[i]).length)),
    duplicated: Math.max(...grids.map((g) => g.controls.filter((c) => c > 1).length)),
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
    const { nearTikTok } = await page.evaluate(nearScreenTiles, { selector: TILE_SELECTOR.hashed, tiles, ownAttr: OWN_ATTR });
    const controls = await page.evaluate(controlsBeforeReplacement, { n: renders, near: nearTikTok });
    // The page's own heap swings with its re-render cycle (a grid being built, the old one not
    // yet collected): the smallest of several samples after a full GC, across one cycle.
    let heapBytes = Infinity;
    for (let i = 0; i < 6; i++) {
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      heapBytes = Math.min(heapBytes, (await cdp.send('Runtime.getHeapUsage')).usedSize);
      await new Promise((r) => setTimeout(r, rerenderMs / 5));
    }
    const events = await stopTrace(cdp);
    const thread = pageThread(events, IMPACT);
    const from = markTs(events, thread, 'bench:swap:1');
    const to = markTs(events, thread, `bench:swap:${renders + 1}`);
    const work = mainThreadWork(events, thread, from, to);
    return { ...work, windowMs: (to - from) / 1000, controls, heapMB: heapBytes / 2 ** 20 };
  } finally {
    await page.close();
  }
}
