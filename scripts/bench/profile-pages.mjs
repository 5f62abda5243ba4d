#!/usr/bin/env node
/**
 * Where the popup's and the overview's first render goes (a diagnosis aid, not part of
 * `npm run bench`): seeds 5,000 tasks as the bench does, then opens each page `rounds` times
 * under V8's CPU profiler and prints the self time per function (summed over the rounds ÷
 * rounds), the first task row's paint time, and the overview's search keystroke.
 *   node scripts/bench/profile-pages.mjs --extension-dir=.output/chrome-mv3 [--rounds=5] [--tasks=5000] [--top=25]
 *
 * The profiler is started in the extension's renderer before the page navigates (the page
 * first loads a small file of the extension, so the same renderer keeps the profiler on).
 */
import path from 'node:path';
import { startReplica } from '../../tests/replica/server.mjs';
import { launch } from './browser.mjs';
import { seedTracker, trackedTikTokTasks } from './seed.mjs';
import { pageThread, startTrace, stopTrace } from './trace.mjs';
import { sourceNamer } from './profile.mjs';

const args = new Map(process.argv.slice(2).map((a) => { const [k, ...v] = a.replace(/^--/, '').split('='); return [k, v.join('=') || true]; }));
const extensionDir = path.resolve(String(args.get('extension-dir') ?? '.output/chrome-mv3'));
const rounds = Number(args.get('rounds') ?? 5);
const taskCount = Number(args.get('tasks') ?? 5000);
const top = Number(args.get('top') ?? 25);
/** --trace: Chromium's trace events instead (self time per event name, and the main thread's tasks in order). */
const tracing = args.has('trace');

/** Self time (ms) per trace event name on one thread between two timestamps (µs), and its top-level tasks. */
function traceSelfTimes(events, thread, from, to) {
  const mine = events
    .filter((e) => e.pid === thread.pid && e.tid === thread.tid && e.ph === 'X' && typeof e.dur === 'number' && e.ts >= from && e.ts <= to)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const out = new Map();
  const stack = [];
  const tasks = [];
  for (const e of mine) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
    const parent = stack.at(-1);
    const url = String(e.args?.data?.url ?? e.args?.fileName ?? '').replace(/^chrome-extension:\/\/[^/]+\//, '');
    const name = e.name + (url && /js$/.test(url) ? ` ${url}` : '');
    out.set(name, (out.get(name) ?? 0) + e.dur / 1000);
    if (parent) out.set(parent.key, (out.get(parent.key) ?? 0) - e.dur / 1000);
    else tasks.push({ at: (e.ts - from) / 1000, ms: e.dur / 1000, names: new Map() });
    if (parent) tasks.at(-1)?.names.set(name, (tasks.at(-1).names.get(name) ?? 0) + e.dur / 1000);
    stack.push({ ts: e.ts, dur: e.dur, key: name });
  }
  return { out, tasks };
}

function probe(selector) {
  window.__firstRow = new Promise((resolve) => {
    const check = () => {
      if (!document.querySelector(selector)) return false;
      requestAnimationFrame(() => {
        const c = new MessageChannel();
        c.port1.onmessage = () => resolve(performance.now());
        c.port2.postMessage(0);
      });
      return true;
    };
    const o = new MutationObserver(() => check() && o.disconnect());
    o.observe(document, { childList: true, subtree: true });
  });
}

/** Original names when the build has its source maps beside it (a build with `sourcemap: 'hidden'`). */
const namer = await sourceNamer({ extensionDir, mapDirs: [] });

/** Self time (ms) per function (original name and place when mapped) of one CPU profile. */
async function selfTimes(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const names = new Map();
  const out = new Map();
  const deltas = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const n = byId.get(profile.samples[i]);
    let name = names.get(n.id);
    if (name === undefined) {
      const f = n.callFrame;
      name = f.url && f.lineNumber >= 0 ? await namer.name({ url: f.url, line: f.lineNumber, column: f.columnNumber, name: f.functionName, callerName: f.functionName || "(anonymous)", native: false }) : f.functionName || '(anonymous)';
      names.set(n.id, name);
    }
    const dt = (deltas[i + 1] ?? 0) / 1000;
    out.set(name, (out.get(name) ?? 0) + dt);
  }
  return out;
}

const replica = await startReplica({ port: 0 });
const browser = await launch({ replica, extensionDir, label: 'extension' });
const sums = { popup: new Map(), overview: new Map() };
const firstRows = { popup: [], overview: [] };
const keystrokes = [];
try {
  await seedTracker(browser, trackedTikTokTasks(taskCount));
  for (let i = 0; i < rounds; i++) {
    for (const [name, file, selector] of [
      ['popup', 'popup.html', 'article.task-card'],
      ['overview', 'overview.html', 'tbody tr[data-task-key]'],
    ]) {
      const page = await browser.context.newPage();
      if (name === 'popup') await page.setViewportSize({ width: 420, height: 600 });
      await page.goto(`chrome-extension://${browser.extensionId}/manifest.json`);
      const cdp = await browser.context.newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await page.addInitScript(probe, selector);
      if (tracing) await startTrace(cdp);
      else await cdp.send('Profiler.start');
      const url = `chrome-extension://${browser.extensionId}/${file}`;
      await page.goto(url, { waitUntil: 'commit' });
      const ms = await page.evaluate(() => window.__firstRow);
      firstRows[name].push(ms);
      let thread;
      if (tracing) {
        const events = await stopTrace(cdp);
        thread = pageThread(events, url);
        const { out, tasks } = traceSelfTimes(events, thread, thread.navigationStart, thread.navigationStart + ms * 1000);
        for (const [k, v] of out) sums[name].set(k, (sums[name].get(k) ?? 0) + v / rounds);
        if (i === rounds - 1) {
          console.log(`\n${name}, last round: main-thread tasks over 2 ms (start ms after navigation, length, biggest parts)`);
          for (const task of tasks.filter((t) => t.ms > 2)) console.log(`  ${task.at.toFixed(0).padStart(5)} +${task.ms.toFixed(1).padStart(6)}  ${[...task.names].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}`);
        }
      } else {
        const { profile } = await cdp.send('Profiler.stop');
        for (const [k, v] of await selfTimes(profile)) sums[name].set(k, (sums[name].get(k) ?? 0) + v / rounds);
      }
      if (name === 'overview') {
        await page.waitForSelector('main[data-complete="true"]', { timeout: 60_000 });
        const search = page.locator('input[type="search"]');
        await search.fill('#4');
        await page.waitForTimeout(500);
        if (tracing) await startTrace(cdp);
        else await cdp.send('Profiler.start');
        const t0 = await page.evaluate(() => {
          const before = document.querySelector('caption')?.textContent;
          window.__k = new Promise((resolve) => {
            let at;
            document.querySelector('input[type="search"]').addEventListener('keydown', (e) => (at = e.timeStamp), { once: true, capture: true });
            const o = new MutationObserver(() => {
              if (at === undefined || document.querySelector('caption')?.textContent === before) return;
              o.disconnect();
              requestAnimationFrame(() => {
                const c = new MessageChannel();
                c.port1.onmessage = () => resolve(performance.now() - at);
                c.port2.postMessage(0);
              });
            });
            o.observe(document.body, { childList: true, subtree: true, characterData: true });
          });
          return 0;
        });
        void t0;
        await search.press('2');
        keystrokes.push(await page.evaluate(() => window.__k));
        sums.keystroke ??= new Map();
        if (tracing) {
          // The whole trace is the keystroke's: started after the search settled, stopped once it was painted.
          const { out, tasks } = traceSelfTimes(await stopTrace(cdp), thread, -Infinity, Infinity);
          for (const [k, v] of out) sums.keystroke.set(k, (sums.keystroke.get(k) ?? 0) + v / rounds);
          if (i === rounds - 1) {
            console.log(`\nkeystroke, last round: main-thread tasks over 1 ms (length, biggest parts)`);
            for (const task of tasks.filter((t) => t.ms > 1)) console.log(`  +${task.ms.toFixed(1).padStart(6)}  ${[...task.names].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}`);
          }
        } else {
          const k = (await cdp.send('Profiler.stop')).profile;
          for (const [kk, v] of await selfTimes(k)) if (!kk.startsWith('(idle)')) sums.keystroke.set(kk, (sums.keystroke.get(kk) ?? 0) + v / rounds);
        }
      }
      await page.close();
    }
  }
} finally {
  await browser.close();
  await replica.close();
}
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const name of ['popup', 'overview', 'keystroke']) {
  const m = sums[name];
  if (!m) continue;
  const figures = name === 'keystroke' ? keystrokes : firstRows[name];
  console.log(`\n${name}: ${name === 'keystroke' ? 'keystroke' : 'first row'} median ${med(figures).toFixed(0)} ms (${figures.map((x) => x.toFixed(0)).join(', ')}); self time per function, mean of ${rounds} rounds (ms)`);
  const rows = [...m].filter(([k]) => !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]);
  const busy = rows.reduce((s, [, v]) => s + v, 0);
  console.log(`  busy (not idle): ${busy.toFixed(1)} ms`);
  for (const [k, v] of rows.slice(0, top)) console.log(`  ${v.toFixed(1).padStart(7)}  ${k}`);
}
