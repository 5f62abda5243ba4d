#!/usr/bin/env node
/**
 * Where the page-load main-thread time goes (a diagnosis aid, not part of `npm run bench`):
 * loads Participating with 2,000 tiles in a browser with the extension and a plain one,
 * interleaved, and prints the renderer main thread's self time by trace event name for
 * both, and the difference.
 *   node scripts/bench/profile-load.mjs --extension-dir=.output/chrome-mv3 [--family=uicl] [--rounds=3] [--tiles=2000]
 */
import path from 'node:path';
import { startReplica } from '../../tests/replica/server.mjs';
import { IMPACT, launch } from './browser.mjs';
import { OWN_ATTR, TILE_SELECTOR, installPageProbe, participatingUrl, tikTokTiles, waitForDomIdle } from './page.mjs';
import { seedTracker, trackedTikTokTasks } from './seed.mjs';
import { pageThread, startTrace, stopTrace } from './trace.mjs';

const args = new Map(process.argv.slice(2).map((a) => { const [k, ...v] = a.replace(/^--/, '').split('='); return [k, v.join('=') || true]; }));
const extensionDir = path.resolve(String(args.get('extension-dir') ?? '.output/chrome-mv3'));
const family = String(args.get('family') ?? 'uicl');
const rounds = Number(args.get('rounds') ?? 3);
const tiles = Number(args.get('tiles') ?? 2000);

/** Self time per event name on one thread between two timestamps (µs → ms). */
function selfTimes(events, thread, from, to) {
  const mine = events
    .filter((e) => e.pid === thread.pid && e.tid === thread.tid && e.ph === 'X' && typeof e.dur === 'number' && e.ts >= from && e.ts <= to)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const out = new Map();
  const stack = [];
  for (const e of mine) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
    const parent = stack.at(-1);
    const url = String(e.args?.data?.url ?? e.args?.fileName ?? '');
    const ext = url.startsWith('chrome-extension://');
    // Work nested inside the extension's scripts (forced style/layout, GC) is named as such.
    const insideExt = ext || !!parent?.insideExt;
    const name = e.name + (ext ? ' [ext]' : insideExt ? ' [inside ext]' : '');
    out.set(name, (out.get(name) ?? 0) + e.dur / 1000);
    if (parent) out.set(parent.key, (out.get(parent.key) ?? 0) - e.dur / 1000);
    stack.push({ ts: e.ts, dur: e.dur, key: name, insideExt });
  }
  return out;
}

const replica = await startReplica({ port: 0 });
const ext = await launch({ replica, extensionDir, label: 'extension' });
const plain = await launch({ replica, extensionDir: null, label: 'plain' });
for (const b of [ext, plain]) await b.context.addInitScript(installPageProbe);
await seedTracker(ext, trackedTikTokTasks(tikTokTiles(tiles)));
const sums = { extension: new Map(), plain: new Map() };
try {
  for (let i = 0; i < rounds; i++) {
    for (const b of i % 2 ? [plain, ext] : [ext, plain]) {
      replica.setConfig({ tileCount: tiles, rerenderMs: 0 });
      const page = await b.context.newPage();
      const cdp = await b.context.newCDPSession(page);
      await startTrace(cdp);
      await page.goto(participatingUrl(family), { waitUntil: 'commit' });
      const idle = await page.evaluate(waitForDomIdle, { selector: TILE_SELECTOR[family], tiles, chips: b.withExtension ? tikTokTiles(tiles) : null, ownAttr: OWN_ATTR, quietMs: 1000, timeoutMs: 120_000 });
      const events = await stopTrace(cdp);
      const thread = pageThread(events, IMPACT);
      const t = selfTimes(events, thread, thread.navigationStart, thread.navigationStart + idle.settledAt * 1000);
      for (const [k, v] of t) sums[b.label].set(k, (sums[b.label].get(k) ?? 0) + v / rounds);
      await page.close();
    }
  }
} finally {
  await ext.close();
  await plain.close();
  await replica.close();
}
const names = new Set([...sums.extension.keys(), ...sums.plain.keys()]);
const rows = [...names].map((n) => [n, sums.extension.get(n) ?? 0, sums.plain.get(n) ?? 0]).map(([n, a, b]) => [n, a, b, a - b]);
rows.sort((x, y) => Math.abs(y[3]) - Math.abs(x[3]));
console.log(`${family}, ${tiles} tiles, mean of ${rounds} rounds: self time (ms) with extension, without, difference`);
for (const [n, a, b, d] of rows.slice(0, 30)) console.log(`${n.padEnd(48)} ${a.toFixed(1).padStart(9)} ${b.toFixed(1).padStart(9)} ${d.toFixed(1).padStart(9)}`);
const sum = (m) => [...m.values()].reduce((s, v) => s + v, 0);
console.log(`${'total'.padEnd(48)} ${sum(sums.extension).toFixed(1).padStart(9)} ${sum(sums.plain).toFixed(1).padStart(9)}`);
