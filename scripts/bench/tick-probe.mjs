/* global chrome -- code passed to evaluate() runs in the extension */
/**
 * Where a tick's time goes inside the worker (issue 16, session 15; not part of `npm run bench`):
 * the bench's tick (setStep from the popup), with the worker's `storage.local.set` wrapped to
 * mark when it is called and when it resolves, and the worker's CPU profiled over the ticks
 * (CDP Profiler on the service worker, through a DevTools port). Prints, per count, the
 * medians of received → set called → set resolved → onChanged, and the profile's heaviest
 * functions (self time) over all ticks and the worker's busy time per tick (the profile is kept in
 * /tmp/tick-probe-<count>.cpuprofile).
 * A scratch build whose tracker-owner.ts pushes `[label, performance.timeOrigin +
 * performance.now()]` to `globalThis.__marks` (when that exists) also gets each step's median.
 *
 *   flock /tmp/bench.lock node scripts/bench/tick-probe.mjs --extension-dir=.output/chrome-mv3 [--counts=50,50000] [--no-profile]
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { launch } from './browser.mjs';
import { trackedTikTokTasks } from './seed.mjs';
import { clockOffset, popupOverSeededTasks, sendTick } from './tick.mjs';
import { startReplica } from '../../tests/replica/server.mjs';

const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const extensionDir = path.resolve(arg('extension-dir', '.output/chrome-mv3'));
const counts = arg('counts', '50,50000').split(',').map(Number);
const TICKS = Number(arg('ticks', '15'));
const profile = !process.argv.includes('--no-profile');

const replica = await startReplica({ port: 0 });
const browser = await launch({ replica, extensionDir, label: 'tick-probe', extraArgs: ['--remote-debugging-port=0'] });
const worker = await browser.serviceWorker();

let cdp = null;
if (profile) {
  const port = (await readFile(path.join(browser.profileDir, 'DevToolsActivePort'), 'utf8')).split('\n')[0];
  const pup = await puppeteer.connect({ browserURL: `http://127.0.0.1:${port}`, defaultViewport: null });
  const target = await pup.waitForTarget((t) => t.type() === 'service_worker');
  cdp = await target.createCDPSession();
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
}

const med = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

for (const count of counts) {
  const tasks = trackedTikTokTasks(count);
  const page = await popupOverSeededTasks(browser, worker, tasks);
  const offset = await clockOffset(page, worker);
  await worker.evaluate(() => {
    const now = () => performance.timeOrigin + performance.now();
    globalThis.__t = {};
    globalThis.__current = null;
    chrome.runtime.onMessage.addListener((message) => {
      if (message?.type === 'setStep') {
        globalThis.__current = message.key;
        globalThis.__marks = [];
        globalThis.__t[message.key] = { received: now(), marks: globalThis.__marks };
      }
    });
    const local = chrome.storage.local;
    if (!globalThis.__origSet) globalThis.__origSet = local.set.bind(local);
    local.set = (items, ...rest) => {
      const t = globalThis.__t[globalThis.__current];
      const touchesBucket = Object.keys(items).some((n) => n.startsWith('tasks:'));
      if (t && touchesBucket && !t.setCalled) t.setCalled = now();
      const p = globalThis.__origSet(items, ...rest);
      if (t && touchesBucket) p.then(() => (t.setResolved ??= now()));
      return p;
    };
    chrome.storage.onChanged.addListener((changes, area) => {
      if (area !== 'local') return;
      for (const [name, { oldValue, newValue }] of Object.entries(changes)) {
        if (!name.startsWith('tasks:') || !newValue) continue;
        for (const [key, text] of Object.entries(newValue)) if (oldValue?.[key] !== text && globalThis.__t[key]) globalThis.__t[key].changed ??= now();
      }
    });
  });
  const keys = Object.keys(tasks);
  const rows = [];
  for (let i = -1; i < TICKS; i++) {
    if (i === 0 && cdp) await cdp.send('Profiler.start');
    const { key, sentAt } = await sendTick(page, keys, i);
    await page.waitForTimeout(count >= 50000 ? 1500 : 300);
    const t = await worker.evaluate((k) => globalThis.__t[k], key);
    // The send on the worker's clock, as every other mark (clockOffset).
    if (i >= 0) rows.push({ sent: sentAt + offset.ms, ...t });
  }
  if (cdp) {
    const { profile: p } = await cdp.send('Profiler.stop');
    const byNode = new Map(p.nodes.map((n) => [n.id, n]));
    const self = new Map();
    const dts = p.timeDeltas;
    for (let s = 0; s < p.samples.length; s++) {
      const n = byNode.get(p.samples[s]);
      const cf = n.callFrame;
      const name = `${cf.functionName || '(anon)'} ${cf.url.split('/').pop()}:${cf.lineNumber}:${cf.columnNumber}`;
      self.set(name, (self.get(name) ?? 0) + (dts[s + 1] ?? 0) / 1000);
    }
    const top = [...self].filter(([n]) => !n.startsWith('(idle)') && !n.startsWith('(program)')).sort((a, b) => b[1] - a[1]).slice(0, 25);
    const idle = [...self].filter(([n]) => n.startsWith('(idle)') || n.startsWith('(program)'));
    console.log(`${count}: profile ms over ${TICKS} ticks (self), idle/program:`, idle.map(([n, v]) => `${n.split(' ')[0]} ${v.toFixed(0)}`).join(', '));
    // Everything the worker ran for the ticks (the tick itself and the reminders' check a second later), collections apart.
    const busy = [...self].filter(([n]) => !n.startsWith('(idle)') && !n.startsWith('(program)'));
    const gc = busy.filter(([n]) => n.startsWith('(garbage collector)')).reduce((sum, [, v]) => sum + v, 0);
    console.log(`${count}: worker busy ${(busy.reduce((sum, [, v]) => sum + v, 0) / TICKS).toFixed(1)} ms/tick, of which collections ${(gc / TICKS).toFixed(1)} ms`);
    for (const [n, v] of top) console.log(`   ${(v / TICKS).toFixed(2)} ms/tick  ${n}`);
    const { writeFile } = await import('node:fs/promises');
    await writeFile(`/tmp/tick-probe-${count}.cpuprofile`, JSON.stringify(p));
  }
  const d = (a, b) => med(rows.map((r) => r[b] - r[a])).toFixed(2);
  // The owner's marks of a scratch build (performance.now marks in tracker-owner.ts), each from the one before.
  if (rows[0]?.marks?.length) {
    const labels = rows[0].marks.map(([l]) => l);
    const steps = labels.map((label, j) => {
      const xs = rows.map((r) => r.marks[j][1] - (j ? r.marks[j - 1][1] : r.received));
      return `${label} +${med(xs).toFixed(2)}`;
    });
    console.log(`${count} tasks, owner marks (median, from the one before; the first from received): ${steps.join(', ')}`);
  }
  console.log(
    `${count} tasks: sent→received ${d('sent', 'received')}, received→set called ${d('received', 'setCalled')}, set called→resolved ${d('setCalled', 'setResolved')}, resolved→onChanged ${d('setResolved', 'changed')}, received→onChanged ${d('received', 'changed')}, total ${d('sent', 'changed')}`,
  );
  if (process.argv.includes('--get-probe')) {
    // Does a set cost more because storage reads the old value of a bucket not touched since the seed? Reads alone, timed.
    const got = await worker.evaluate(async (buckets) => {
      const med = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1].toFixed(2);
      const time = async (names) => {
        const xs = [];
        for (const name of names) {
          const t = performance.now();
          await chrome.storage.local.get(name);
          xs.push(performance.now() - t);
        }
        return med(xs);
      };
      const seeded = Array.from({ length: 25 }, (_, i) => `tasks:seed-${(i * 163 + 5) % buckets}`);
      const out = { oldBuckets: await time(seeded), sameBucketsAgain: await time(seeded), meta: await time(Array(25).fill('tracker$')) };
      const xs = [];
      for (let i = 0; i < 25; i++) {
        const t = performance.now();
        await chrome.storage.local.set({ probeSmall: `${i}`.padEnd(1000, 'x') });
        xs.push(performance.now() - t);
      }
      out.setSmallNewKey = med(xs);
      return out;
    }, Math.min(4096, count));
    console.log(`${count} tasks, reads in the worker (median ms): ${JSON.stringify(got)}`);
  }
  await page.close();
}
await browser.close();
await replica.close?.();
process.exit(0);
