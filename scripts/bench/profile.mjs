/**
 * Profiler attribution (issue 10): the extension's share of the page's main thread, read from
 * V8 CPU profiles instead of with ÷ without wall times.
 *
 * One load (or one window of re-renders) is recorded with the V8 sampling profiler of the page's
 * renderer (CDP `Profiler`, one sample every 100 µs, started before the navigation, stopped once
 * the page has settled). The profile is a call tree; every sample lands in one node, so a node's
 * self time is the time of its samples. Each sample is put in one of five buckets by its stack:
 *
 * - extension: the nearest frame that has a script URL is `chrome-extension://…` (the content
 *   script's own functions, and the native calls and builtins they make: `textContent`,
 *   `querySelectorAll`, `getBoundingClientRect` and the layout it forces, `normalize`, …);
 * - page: the nearest frame with a URL is the page's (https://app.impact.com/…), or the sample is
 *   `(program)` (the renderer's own work outside JS: parsing, style, layout, paint) or
 *   `(garbage collector)`;
 * - bench: the bench's own probe (`bench-probe.js`) and Playwright's evaluations (JS without any
 *   script URL);
 * - idle: `(idle)`, the main thread waiting for work.
 *
 * The figure is extension time (profile with the extension) ÷ page time (profile of the same page
 * in the plain browser, same window rule). Both come from the same sampler, so its overhead and a
 * busy machine stretch both alike; the extension's number is only its own samples, not a
 * difference of two noisy totals.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { urlsFor } from '../../tests/replica/server.mjs';
import { optionsFor } from '../../tests/replica/fuzz/options.mjs';
import { IMPACT } from './browser.mjs';
import { median } from './stats.mjs';
import { OWN_ATTR, TILE_SELECTOR, waitForSwaps } from './page.mjs';

export const SAMPLING_INTERVAL_US = 100;
/** The bench's page probe is installed under this script URL, so its samples are the bench's own. */
export const PROBE_URL = 'bench-probe.js';
const EXTENSION_URL = 'chrome-extension://';

/**
 * What is profiled: every hand-written Participating family and three fuzz seeds, chosen with
 * describeSeed (tests/replica/fuzz/options.mjs) for markup unlike the hand-written ones.
 * `rerender`: how the page re-renders all its tiles ('interval': the replica's own timer,
 * config rerenderMs; 'call': the bench calls the fuzz page's rerender(); absent: the family
 * never re-renders).
 */
export const PROFILE_TARGETS = [
  { key: 'semantic', family: 'semantic', what: 'server HTML, <article> tiles, <img alt> icons' },
  { key: 'uicl', family: 'uicl', what: 'UICL cards, icons in an open shadow root per tile' },
  { key: 'hashed', family: 'hashed', rerender: 'interval', what: 'hashed class div soup, inline svg icons, periodic re-render' },
  {
    key: 'fuzz-30',
    family: 'fuzz',
    seed: 30,
    rerender: 'call',
    what: 'hashed classes, no test ids, no shadow roots, div tiles, role=img icons, Manage Tasks display:none until hover; re-render replaces the view',
    options: { classNames: 'hashed', testIds: 'none', shadow: 'none', tileTag: 'div', tileActions: 'hidden-until-hover', rerenderScope: 'view' },
  },
  {
    key: 'fuzz-28',
    family: 'fuzz',
    seed: 28,
    rerender: 'call',
    what: 'custom-element tiles with an open shadow root each, icons in a nested shadow root, many shadow hosts; re-render replaces the list',
    options: { tileTag: 'custom', iconsInShadow: true, shadow: 'many', rerenderScope: 'list' },
  },
  {
    key: 'fuzz-14',
    family: 'fuzz',
    seed: 14,
    rerender: 'call',
    what: '<li> tiles, shadow roots at random depths, svg-title icons, Manage Tasks inserted on hover; re-render replaces each tile',
    options: { tileTag: 'li', shadow: 'many', tileIcon: 'svg-title', tileActions: 'inserted-on-hover', rerenderScope: 'items' },
  },
];

/**
 * Throws when a fuzz target's seed no longer makes the markup it was chosen for (a fuzzer
 * change would otherwise quietly measure something else).
 */
export function checkTargets(targets) {
  for (const t of targets) {
    if (!t.options) continue;
    const o = optionsFor(t.seed);
    const off = Object.entries(t.options).filter(([k, v]) => o[k] !== v);
    if (off.length) throw new Error(`profile target ${t.key}: the fuzzer now gives ${off.map(([k]) => `${k}=${o[k]}`).join(', ')} (chosen for ${off.map(([k, v]) => `${k}=${v}`).join(', ')}): pick another seed (describeSeed)`);
  }
}

/** The Participating URL of a target with `tiles` tiles (fuzz: ?tiles=N; the others: the replica's tileCount). */
export function targetUrl(target, tiles) {
  const u = new URL(IMPACT + urlsFor({ family: target.family, seed: target.seed ?? 0 }).findCampaigns);
  if (target.family === 'fuzz') u.searchParams.set('tiles', String(tiles));
  return u.href;
}

// ------------------------------------------------------------------ in the page

/**
 * In the page: resolves once all `tiles` tiles are in the page, the DOM has been still for
 * quietMs and (with the extension) every TikTok tile near the screen carries the extension's
 * controls. Fuzz pages: the tiles and which have TikTok come from the page's own truth
 * (window.__fuzz), controls are looked for through shadow roots; the other families: the bench
 * probe's nearScreenTiles.
 */
export function settle({ fuzz, selector, tiles, withExtension, ownAttr, quietMs, timeoutMs }) {
  const bench = window.__bench;
  const started = performance.now();
  const composedHas = (root, sel) => {
    const stack = [root];
    while (stack.length) {
      const n = stack.pop();
      if (n.querySelector?.(sel)) return true;
      if (n.shadowRoot) stack.push(n.shadowRoot);
      for (const e of n.querySelectorAll?.('*') ?? []) if (e.shadowRoot) stack.push(e.shadowRoot);
    }
    return false;
  };
  const seen = () => {
    if (!fuzz) return bench.nearScreenTiles({ selector, tiles, ownAttr });
    const truth = window.__fuzz?.truth;
    const all = truth?.tiles ?? [];
    const near = (el) => {
      const r = el.getBoundingClientRect();
      return r.bottom >= -2 * innerHeight && r.top <= 3 * innerHeight;
    };
    const nearTikTok = [];
    let shown = 0;
    all.forEach((t, i) => {
      if (!t.element.isConnected) return;
      shown++;
      if (t.hasTikTok && near(t.element)) nearTikTok.push(i);
    });
    const missing = nearTikTok.filter((i) => !composedHas(all[i].element, `[${ownAttr}="tile"]`)).length;
    return { tiles: shown, nearTikTok, missing };
  };
  return new Promise((resolve, reject) => {
    const check = () => {
      const now = performance.now();
      if (now - bench.lastMutation >= quietMs) {
        const s = seen();
        if (s.tiles >= tiles && (!withExtension || (s.nearTikTok.length > 0 && s.missing === 0)))
          return resolve({ settledAt: now, tiles: s.tiles, nearTikTok: s.nearTikTok.length });
      }
      if (now - started > timeoutMs) {
        const s = seen();
        return reject(new Error(`page not settled after ${timeoutMs} ms: ${s.tiles} of ${tiles} tiles, ${s.missing} of ${s.nearTikTok.length} TikTok tiles near the screen without controls`));
      }
      setTimeout(check, 100);
    };
    if (fuzz) (window.__fuzzReady ?? Promise.resolve()).then(check, reject);
    else check();
  });
}

/**
 * In the page (fuzz): `renders` full re-renders, one every `everyMs` (a timer of the page's own,
 * as the replica's ?rerenderMs= would), then one more interval for the last one to be handled.
 * Just before each re-render, the grid the creator saw until then is checked: TikTok tiles near
 * the screen without the extension's controls, tiles with more than one set (the worst grid is
 * returned).
 */
export async function rerenderFuzz({ renders, everyMs, withExtension, ownAttr }) {
  const page = window.__fuzz;
  const composedCount = (root, sel) => {
    let count = 0;
    const stack = [root];
    while (stack.length) {
      const n = stack.pop();
      count += n.querySelectorAll?.(sel).length ?? 0;
      if (n.shadowRoot) stack.push(n.shadowRoot);
      for (const e of n.querySelectorAll?.('*') ?? []) if (e.shadowRoot) stack.push(e.shadowRoot);
    }
    return count;
  };
  const check = () => {
    let missing = 0;
    let duplicated = 0;
    for (const t of page.truth.tiles ?? []) {
      if (!t.hasTikTok || !t.element.isConnected) continue;
      const r = t.element.getBoundingClientRect();
      if (r.bottom < -2 * innerHeight || r.top > 3 * innerHeight) continue;
      const n = composedCount(t.element, `[${ownAttr}="tile"]`);
      if (n === 0) missing++;
      if (n > 1) duplicated++;
    }
    return { missing, duplicated };
  };
  const until = (t) => new Promise((r) => setTimeout(r, Math.max(0, t - performance.now())));
  // After each re-render, every frame until the TikTok tiles near the screen all have their
  // controls again: the time that took (or the whole interval, when they never all did).
  const latencies = [];
  let watching = 0;
  const watch = (since) => {
    const id = ++watching;
    const frame = () => {
      if (id !== watching) return latencies.push(performance.now() - since);
      if (check().missing === 0) return latencies.push(performance.now() - since);
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  };
  const t0 = performance.now();
  const worst = { missing: 0, duplicated: 0 };
  for (let i = 0; i < renders; i++) {
    await until(t0 + i * everyMs);
    if (withExtension && i > 0) {
      const c = check();
      worst.missing = Math.max(worst.missing, c.missing);
      worst.duplicated = Math.max(worst.duplicated, c.duplicated);
    }
    page.rerender();
    if (withExtension) watch(performance.now());
  }
  await until(t0 + renders * everyMs);
  if (withExtension) {
    const c = check();
    worst.missing = Math.max(worst.missing, c.missing);
    worst.duplicated = Math.max(worst.duplicated, c.duplicated);
    watching++;
    await new Promise((r) => requestAnimationFrame(r));
  }
  return { ...worst, latencies, windowMs: performance.now() - t0 };
}

/** In the page: two animation frames, then an idle callback (at most timeoutMs). */
function mainThreadIdle({ timeoutMs }) {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => requestIdleCallback(() => resolve(), { timeout: timeoutMs }))));
}

// ------------------------------------------------------------------ recording

async function startProfile(cdp) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
  await cdp.send('Profiler.start');
}
async function stopProfile(cdp) {
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.send('Profiler.disable');
  return profile;
}

/**
 * One page load of a target with `tiles` tiles, profiled from before the navigation until the
 * page settled (the profiler is started on the tab's blank page; it follows the navigation).
 */
export async function profiledLoad(browser, replica, target, { tiles, quietMs = 1000, timeoutMs = 240_000 }) {
  replica.setConfig({ tileCount: tiles, rerenderMs: 0 });
  const page = await browser.context.newPage();
  try {
    const cdp = await browser.context.newCDPSession(page);
    await startProfile(cdp);
    await page.goto(targetUrl(target, tiles), { waitUntil: 'commit', timeout: timeoutMs });
    const settled = await page.evaluate(settle, {
      fuzz: target.family === 'fuzz',
      selector: TILE_SELECTOR[target.family],
      tiles,
      withExtension: browser.withExtension,
      ownAttr: OWN_ATTR,
      quietMs,
      timeoutMs,
    });
    // The page's rendering of its last change may still be running: stop once the main thread is idle.
    await page.evaluate(mainThreadIdle, { timeoutMs: 3000 });
    const profile = await stopProfile(cdp);
    return { ...attribute(profile), settledMs: settled.settledAt, nearTikTok: settled.nearTikTok, profile };
  } finally {
    await page.close();
  }
}

/**
 * `renders` full re-renders of a target's `tiles` tiles, one every `rerenderMs`, profiled: the
 * page loads and settles first (not recorded), then the window covers exactly the re-renders
 * (hashed: the replica's own timer, from the 1st to the (renders+1)th replacement of the grid;
 * fuzz: the bench's timer in the page calls the page's rerender(), and the window ends one
 * interval after the last).
 */
export async function profiledRerenders(browser, replica, target, { tiles, renders, rerenderMs, timeoutMs = 300_000 }) {
  const interval = target.rerender === 'interval';
  replica.setConfig({ tileCount: tiles, rerenderMs: interval ? rerenderMs : 0 });
  const page = await browser.context.newPage();
  try {
    const cdp = await browser.context.newCDPSession(page);
    await page.goto(targetUrl(target, tiles), { waitUntil: 'commit' });
    let controls = null;
    let profile;
    if (interval) {
      await page.evaluate((n) => (window.__bench.gridSize = n), tiles);
      await page.evaluate(waitForSwaps, { n: 1, timeoutMs });
      await startProfile(cdp);
      await page.evaluate(waitForSwaps, { n: renders + 1, timeoutMs });
      profile = await stopProfile(cdp);
    } else {
      await page.evaluate(settle, { fuzz: true, selector: null, tiles, withExtension: browser.withExtension, ownAttr: OWN_ATTR, quietMs: 1000, timeoutMs });
      await startProfile(cdp);
      controls = await page.evaluate(rerenderFuzz, { renders, everyMs: rerenderMs, withExtension: browser.withExtension, ownAttr: OWN_ATTR });
      profile = await stopProfile(cdp);
    }
    return { ...attribute(profile), controls, profile };
  } finally {
    await page.close();
  }
}

// ------------------------------------------------------------------ attribution

const META = new Set(['(root)', '(program)', '(idle)', '(garbage collector)']);

/**
 * A sample counts at most this much of the extension's own work in longestWorkSliceMs: twice the
 * sampling interval. A longer gap between two samples is time the thread was not running (on a
 * 2-core machine the OS hands the CPU to the browser's other processes: gaps of 5–60 ms were
 * seen inside cheap calls), not the extension's work. Garbage-collection samples are left out
 * of it too: a collection of a 20,000-tile page's heap is mostly the page's.
 */
const WORK_SAMPLE_US = 2 * SAMPLING_INTERVAL_US;

/**
 * Buckets of one CPU profile (ms): extension (nearest frame with a URL is the extension's;
 * extensionOwn: only nodes whose own URL is), page (page scripts, (program), GC), bench, idle;
 * the longest run of consecutive samples in extension code (GC samples between two of them
 * included); the same without GC and without the time the thread was not running
 * (longestWorkSliceMs, see WORK_SAMPLE_US); and the extension's self time per node (for the
 * top functions).
 */
export function attribute(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  /** node id → { bucket, own, owner } (owner: the nearest node with a URL) */
  const info = new Map();
  const classify = (id) => {
    const hit = info.get(id);
    if (hit) return hit;
    const n = byId.get(id);
    const fn = n.callFrame.functionName;
    let out;
    if (n.callFrame.url) {
      const url = n.callFrame.url;
      const bucket = url.startsWith(EXTENSION_URL) ? 'extension' : url === PROBE_URL ? 'bench' : 'page';
      out = { bucket, own: bucket === 'extension', owner: id };
    } else if (META.has(fn)) {
      out = { bucket: fn === '(idle)' ? 'idle' : 'page', own: false, owner: null };
    } else {
      const p = parent.get(id);
      const up = p == null || META.has(byId.get(p).callFrame.functionName) ? null : classify(p);
      out = up?.owner != null ? { bucket: up.bucket, own: false, owner: up.owner } : { bucket: 'bench', own: false, owner: null };
    }
    info.set(id, out);
    return out;
  };
  const ms = { extension: 0, extensionOwn: 0, page: 0, program: 0, gc: 0, bench: 0, idle: 0 };
  const selfUs = new Map();
  let t = profile.startTime;
  const times = [];
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    times.push(t);
  }
  let run = 0;
  let pendingGc = 0;
  let longest = 0;
  let work = 0;
  let longestWork = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    const dur = Math.max(0, (i + 1 < times.length ? times[i + 1] : profile.endTime) - times[i]);
    const c = classify(id);
    ms[c.bucket] += dur / 1000;
    if (c.own) ms.extensionOwn += dur / 1000;
    const fn = byId.get(id).callFrame.functionName;
    if (fn === '(program)') ms.program += dur / 1000;
    if (fn === '(garbage collector)') ms.gc += dur / 1000;
    if (c.bucket === 'extension') {
      selfUs.set(id, (selfUs.get(id) ?? 0) + dur);
      run += pendingGc + dur;
      pendingGc = 0;
      longest = Math.max(longest, run);
      work += Math.min(dur, WORK_SAMPLE_US);
      longestWork = Math.max(longestWork, work);
    } else if (fn === '(garbage collector)' && run > 0) pendingGc += dur;
    else {
      run = 0;
      pendingGc = 0;
      work = 0;
    }
  }
  const functions = [];
  for (const [id, us] of selfUs) {
    const n = byId.get(id);
    const owner = byId.get(info.get(id).owner);
    functions.push({
      name: n.callFrame.functionName || '(anonymous)',
      native: !n.callFrame.url,
      url: owner.callFrame.url,
      line: owner.callFrame.lineNumber,
      column: owner.callFrame.columnNumber,
      callerName: owner.callFrame.functionName || '(anonymous)',
      ms: us / 1000,
    });
  }
  return { ms, longestSliceMs: longest / 1000, longestWorkSliceMs: longestWork / 1000, functions, samples: profile.samples.length };
}

// ------------------------------------------------------------------ naming (source maps)

/**
 * Original names and places for the extension's minified functions: the build's hidden source
 * maps (the bench builds them next to the measured build, `<out>-map`, and uses them only when
 * the script there is byte for byte the measured one).
 */
export async function sourceNamer({ extensionDir, mapDirs }) {
  const require = createRequire(fileURLToPath(import.meta.url));
  let tm;
  try {
    tm = require('@jridgewell/trace-mapping');
  } catch {
    return { name: (f) => plainName(f), mapped: false, why: '@jridgewell/trace-mapping not installed' };
  }
  const { TraceMap, originalPositionFor, LEAST_UPPER_BOUND } = tm;
  const maps = new Map();
  let why = null;
  const load = async (rel) => {
    if (maps.has(rel)) return maps.get(rel);
    let found = null;
    const measured = await readFile(path.join(extensionDir, rel)).catch(() => null);
    for (const dir of [extensionDir, ...mapDirs]) {
      const map = await readFile(path.join(dir, rel + '.map'), 'utf8').catch(() => null);
      if (!map || !measured) continue;
      const code = dir === extensionDir ? measured : await readFile(path.join(dir, rel)).catch(() => null);
      if (!code || !code.equals(measured)) {
        why = `${path.join(dir, rel)} differs from the measured script (the sources changed between the builds): minified names`;
        continue;
      }
      const tm = new TraceMap(map);
      found = { tm, code: measured.toString('utf8').split('\n') };
      break;
    }
    maps.set(rel, found);
    return found;
  };
  const name = async (f) => {
    if (!f.url.startsWith(EXTENSION_URL)) return plainName(f);
    const rel = new URL(f.url).pathname.replace(/^\//, '');
    const m = await load(rel);
    if (!m) return plainName(f);
    // V8 places a function at its parameter list, where the minified code's mappings are coarse
    // (the nearest may be the end of the previous function): map the start of its body instead.
    const column = bodyStart(m.code[f.line] ?? '', f.column);
    let pos = originalPositionFor(m.tm, { line: f.line + 1, column, bias: LEAST_UPPER_BOUND });
    if (!pos.source) pos = originalPositionFor(m.tm, { line: f.line + 1, column: f.column });
    if (!pos.source) return plainName(f);
    const source = pos.source.replace(/^(\.\.\/)+/, '').replace(/^.*?node_modules\//, 'node_modules/');
    const fn = guessName(m.tm, pos) ?? '(anonymous)';
    const where = `${source}:${pos.line}`;
    return f.native ? `${f.name} (native) ← ${fn} ${where}` : `${fn} ${where}`;
  };
  return { name, mapped: true, get why() { return why; } };
}

function plainName(f) {
  const where = `${f.url.replace(/^chrome-extension:\/\/[^/]+\//, '')}:${f.line + 1}:${f.column + 1}`;
  return f.native ? `${f.name} (native) ← ${f.callerName} ${where}` : `${f.callerName} ${where}`;
}

/**
 * Column just inside a minified function's body, from its parameter list at `column`:
 * `(a,b){…` / `(a)=>…` / `a=>…`. Falls back to `column`.
 */
function bodyStart(line, column) {
  let i = column;
  if (line[i] === '(') {
    let depth = 0;
    for (; i < line.length && i < column + 4000; i++) {
      if (line[i] === '(') depth++;
      else if (line[i] === ')' && --depth === 0) break;
    }
    if (depth !== 0) return column;
    i++;
  } else {
    const m = /^[\w$]+/.exec(line.slice(i));
    if (!m) return column;
    i += m[0].length;
  }
  if (line.startsWith('=>', i)) i += 2;
  if (line[i] === '{') i++;
  return i < line.length ? i : column;
}

/**
 * The function's name: the nearest function header at or above the body's first original line
 * (a few lines up at most; null when none is found).
 */
function guessName(tm, pos) {
  const i = tm.sources.indexOf(pos.source);
  const text = i >= 0 ? tm.sourcesContent?.[i] : null;
  if (!text) return null;
  const lines = text.split('\n');
  const patterns = [
    /function\*?\s+([\w$]+)\s*[<(]/,
    /([\w$.]+)\s*[:=]\s*(?:async\s*)?(?:function\b|\([^)]*\)?\s*(?::\s*[^=]+)?=>|\(|[\w$]+\s*=>)/,
    /^\s*(?:(?:public|private|protected|static|async|get|set|override)\s+|\*\s*)*([\w$]+)\s*(?:<[^>]*>)?\(/,
  ];
  for (let n = pos.line - 1; n >= Math.max(0, pos.line - 4); n--) {
    const line = lines[n] ?? '';
    for (const p of patterns) {
      const m = p.exec(line);
      if (m && !['if', 'for', 'while', 'switch', 'return', 'catch'].includes(m[1])) return m[1];
    }
  }
  return null;
}

// ------------------------------------------------------------------ the bench part

/**
 * The `profile` part of `npm run bench`: for every target, `pairs[tiles]` interleaved page loads
 * with and without the extension at each size, then (targets that re-render, or those in
 * `rerenderTargets`) `rerenderPairs` pairs of `renders` re-renders of `rerenderTiles` tiles. The
 * extension side's profile of each case is kept in `profileDir` (the last run,
 * `<target>-<tiles>-<load|rerender>.cpuprofile`, for Chrome DevTools' Performance panel).
 */
export async function profilePart({ ext, plain, replica, targets, rerenderTargets, sizes, pairs, renders, rerenderTiles, rerenderPairs, rerenderMs, profileDir, log }) {
  checkTargets(targets);
  const { mkdir, writeFile } = await import('node:fs/promises');
  await mkdir(profileDir, { recursive: true });
  const cases = [];
  const fmt1 = (x) => x.toFixed(1);
  const took = (since) => `${((Date.now() - since) / 1000).toFixed(0)} s`;
  const record = async (c, got) => {
    const e = got.extension;
    const p = got.plain;
    c.ext.push(e.ms.extension);
    c.extOwn.push(e.ms.extensionOwn);
    c.page.push(p.ms.page);
    c.pageWith.push(e.ms.page);
    c.share.push(e.ms.extension / p.ms.page);
    c.shareOwn.push(e.ms.extensionOwn / p.ms.page);
    c.longest.push(e.longestSliceMs);
    c.longestWork.push(e.longestWorkSliceMs);
    if (e.controls) {
      c.missing.push(e.controls.missing);
      c.duplicated.push(e.controls.duplicated);
      c.controlsAfter.push(...e.controls.latencies);
    }
    for (const f of e.functions) {
      const k = `${f.native}|${f.name}|${f.url}|${f.line}|${f.column}`;
      const have = c.functions.get(k);
      if (have) have.ms += f.ms;
      else c.functions.set(k, { ...f });
    }
    c.runs++;
    const file = path.join(profileDir, `${c.target.key}-${c.tiles}-${c.kind}.cpuprofile`);
    await writeFile(file, JSON.stringify(e.profile));
    c.file = file;
    log(
      `  ${c.target.key} ${c.tiles} ${c.kind}: extension ${fmt1(e.ms.extension)} ms (own frames ${fmt1(e.ms.extensionOwn)}) ÷ page ${fmt1(p.ms.page)} ms = ${(100 * c.share.at(-1)).toFixed(2)} %; longest slice ${fmt1(e.longestSliceMs)} ms (work only ${fmt1(e.longestWorkSliceMs)} ms); page with the extension ${fmt1(e.ms.page)} ms` +
        (e.controls
          ? `; worst grid before a re-render: ${e.controls.missing} TikTok tiles near the screen without controls, ${e.controls.duplicated} with two sets; controls back on every TikTok tile near the screen after ${fmt1(median(e.controls.latencies))} ms (median; max ${fmt1(Math.max(...e.controls.latencies))} ms)`
          : ''),
    );
  };
  const newCase = (target, tiles, kind) => {
    const c = { target, tiles, kind, ext: [], extOwn: [], page: [], pageWith: [], share: [], shareOwn: [], longest: [], longestWork: [], missing: [], duplicated: [], controlsAfter: [], functions: new Map(), runs: 0, file: null };
    cases.push(c);
    return c;
  };
  for (const tiles of sizes) {
    const since = Date.now();
    const n = pairs[tiles] ?? 1;
    log(`profile, page load: ${n} interleaved pair(s) × ${targets.length} targets at ${tiles.toLocaleString('en')} tiles`);
    const byTarget = new Map(targets.map((t) => [t, newCase(t, tiles, 'load')]));
    for (let i = 0; i < n; i++) {
      for (const target of targets) {
        const order = i % 2 ? [plain, ext] : [ext, plain];
        const got = {};
        for (const b of order) got[b.withExtension ? 'extension' : 'plain'] = await profiledLoad(b, replica, target, { tiles });
        await record(byTarget.get(target), got);
      }
    }
    log(`  (${tiles.toLocaleString('en')} tiles: ${took(since)})`);
  }
  const rerendering = targets.filter((t) => t.rerender && (!rerenderTargets || rerenderTargets.includes(t.key)));
  if (renders > 0 && rerendering.length) {
    const since = Date.now();
    log(`profile, re-render: ${rerenderPairs} pair(s) × ${renders} re-renders of ${rerenderTiles.toLocaleString('en')} tiles, one every ${rerenderMs} ms × ${rerendering.length} targets (${rerendering.map((t) => t.key).join(', ')})`);
    for (const target of rerendering) {
      const c = newCase(target, rerenderTiles, 'rerender');
      for (let i = 0; i < rerenderPairs; i++) {
        const order = i % 2 ? [plain, ext] : [ext, plain];
        const got = {};
        for (const b of order) got[b.withExtension ? 'extension' : 'plain'] = await profiledRerenders(b, replica, target, { tiles: rerenderTiles, renders, rerenderMs });
        await record(c, got);
      }
    }
    log(`  (re-renders: ${took(since)})`);
  }
  return cases;
}

/** The worst case (highest median share) and its top extension functions, mean ms per run, with original names. */
export async function topFunctions(cases, { extensionDir, mapDirs, count = 10 }) {
  const med = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  };
  const worst = [...cases].sort((a, b) => med(b.share) - med(a.share))[0];
  if (!worst) return null;
  const namer = await sourceNamer({ extensionDir, mapDirs });
  const merged = new Map();
  for (const f of worst.functions.values()) {
    const name = await namer.name(f);
    merged.set(name, (merged.get(name) ?? 0) + f.ms / worst.runs);
  }
  const rows = [...merged].sort((a, b) => b[1] - a[1]).slice(0, count).map(([name, ms]) => ({ name, ms }));
  return { worst, rows, mapped: namer.mapped && !namer.why, why: namer.why };
}
