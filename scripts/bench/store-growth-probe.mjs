/* global chrome -- code passed to evaluate() runs in the extension's worker */
/**
 * Why a `storage.local.set` in Chromium costs more the more the store holds (issue 16, session
 * 16; not part of `npm run bench`). Each figure is the median (and min–max) of ROUNDS sets of
 * one 1 KB item that nothing reads, timed in the extension's worker, with:
 *
 *  keys      N small keys stored (a few bytes each: no bytes to compact), then 4,096 keys of
 *            10 KB (~40 MB, the bench's 50,000 tasks' size) right after writing and 60 s later;
 *  since     50,000 tasks seeded as the bench seeds them, timed 0 to 120 s after the seed;
 *  relaunch  the browser closed and launched again on the same profile (a creator's store is
 *            not freshly seeded): the first set of its life alone, then the median;
 *  bytes     the set's own size (1, 12, 48, 200 KB) with the 50,000 tasks stored;
 *  pages     0, 1 or 3 popups open (each listens to storage.onChanged);
 *  idb       an IndexedDB put of one task record with 50 and 50,000 records (after a relaunch too);
 *  ticks     the bench's tick (in the worker: message received → stored) with the tasks seeded
 *            in 4,096 buckets (as the extension spreads them), 1,024 or 16,384 (fewer or more
 *            keys, the same bytes in all); then, relaunched, the first tick of the browser's life;
 *  startup   50,000 tasks, relaunched three times, each time the popup opened 5 s later and
 *            one tick sent (the build's own first tick of a browser's life); `startup-ask`: the
 *            same, alternately with `getBytesInUse()` asked of the store by the probe at the
 *            launch (it makes Chromium's quota enforcer read the whole store, which the first set
 *            of a browser's life does otherwise).
 *
 *   flock /tmp/bench.lock node scripts/bench/store-growth-probe.mjs --extension-dir=.output/chrome-mv3 [--parts=keys,since,relaunch,bytes,pages,idb,ticks,startup,startup-ask]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { launch } from './browser.mjs';
import { seedTaskBuckets, trackedTikTokTasks } from './seed.mjs';
import { popupOverSeededTasks, sendTick, tickMarks, watchTicks } from './tick.mjs';
import { startReplica } from '../../tests/replica/server.mjs';

const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const extensionDir = path.resolve(arg('extension-dir', '.output/chrome-mv3'));
const parts = new Set(arg('parts', 'keys,since,relaunch,bytes,pages,idb,ticks').split(','));
const ROUNDS = Number(arg('rounds', '25'));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const load = () => loadavg()[0].toFixed(1);
const print = (what, figure) => console.log(`${new Date().toISOString().slice(11, 19)} load ${load()}  ${what}: ${typeof figure === 'string' ? figure : JSON.stringify(figure)}`);

const replica = await startReplica({ port: 0 });
const profileDir = await mkdtemp(path.join(tmpdir(), 'store-growth-'));
let browser = await launch({ replica, extensionDir, label: 'store-growth', profileDir });
let worker = await browser.serviceWorker();

/** Sets of `bytes` of text under `name`, timed in the worker: the first alone, then median (min–max) of the rest. */
const timeSets = (rounds = ROUNDS, bytes = 1000, name = 'probe:item') =>
  worker.evaluate(
    async ([rounds, bytes, name]) => {
      const xs = [];
      for (let i = 0; i < rounds; i++) {
        const t = performance.now();
        await chrome.storage.local.set({ [name]: `${i}:${Date.now()}`.padEnd(bytes, 'x') });
        xs.push(performance.now() - t);
      }
      const rest = xs.slice(1).sort((a, b) => a - b);
      const f = (x) => +x.toFixed(2);
      return { first: f(xs[0]), median: f(rest[rest.length >> 1]), min: f(rest[0]), max: f(rest.at(-1)) };
    },
    [rounds, bytes, name],
  );

/**
 * Removes of one 1 KB key (set again, untimed, before each): LevelDB's work for it is a set's
 * (the old value read for the change event, one batch written), but Chromium's quota enforcer
 * (settings_storage_quota_enforcer.cc) copies its map of every key's size only on a set.
 */
const timeRemoves = (rounds = ROUNDS) =>
  worker.evaluate(async (rounds) => {
    const xs = [];
    for (let i = 0; i < rounds; i++) {
      await chrome.storage.local.set({ 'probe:gone': `${i}`.padEnd(1000, 'x') });
      const t = performance.now();
      await chrome.storage.local.remove('probe:gone');
      xs.push(performance.now() - t);
    }
    const rest = xs.slice(1).sort((a, b) => a - b);
    const f = (x) => +x.toFixed(2);
    return { first: f(xs[0]), median: f(rest[rest.length >> 1]), min: f(rest[0]), max: f(rest.at(-1)) };
  }, rounds);

const clear = () =>
  worker.evaluate(async () => {
    await chrome.alarms.clearAll();
    await chrome.storage.local.clear();
  });

/** `count` keys `pad:<i>` of `bytes` each, written 500 keys (or ~5 MB) a call. */
async function padKeys(count, bytes) {
  const per = Math.max(1, Math.min(500, Math.floor(5_000_000 / bytes)));
  for (let i = 0; i < count; i += per) {
    await worker.evaluate(
      async ([from, to, bytes]) => {
        const items = {};
        for (let k = from; k < to; k++) items[`pad:${k}`] = `${k}`.padEnd(bytes, 'y');
        await chrome.storage.local.set(items);
      },
      [i, Math.min(count, i + per), bytes],
    );
  }
}

/** IndexedDB `probe` in the worker filled with `count` records of ~900 bytes of JSON text (a stored task's size). */
const idbFill = (count) =>
  worker.evaluate(async (count) => {
    await new Promise((resolve, reject) => Object.assign(indexedDB.deleteDatabase('probe'), { onsuccess: resolve, onerror: reject }));
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open('probe', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('tasks');
      open.onsuccess = () => resolve(open.result);
      open.onerror = reject;
    });
    for (let i = 0; i < count; i += 5000) {
      const tx = db.transaction('tasks', 'readwrite');
      for (let k = i; k < Math.min(count, i + 5000); k++) tx.objectStore('tasks').put(`{"task":${k}}`.padEnd(900, ' '), `a:1|c:${k}|t:${k * 7}`);
      await new Promise((resolve, reject) => Object.assign(tx, { oncomplete: resolve, onerror: reject, onabort: reject }));
    }
    db.close();
  }, count);

/** Puts of one task record into IndexedDB `probe` (opened anew: the first put after a relaunch is the first of that life). */
const idbPuts = (rounds = ROUNDS) =>
  worker.evaluate(async (rounds) => {
    const t0 = performance.now();
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open('probe', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('tasks');
      open.onsuccess = () => resolve(open.result);
      open.onerror = reject;
    });
    const openMs = performance.now() - t0;
    const xs = [];
    for (let i = 0; i < rounds; i++) {
      const t = performance.now();
      const tx = db.transaction('tasks', 'readwrite');
      tx.objectStore('tasks').put(`{"probe":${i},"at":${Date.now()}}`.padEnd(1000, ' '), `probe-${i % 3}`);
      await new Promise((resolve, reject) => Object.assign(tx, { oncomplete: resolve, onerror: reject, onabort: reject }));
      xs.push(performance.now() - t);
    }
    db.close();
    const rest = xs.slice(1).sort((a, b) => a - b);
    const f = (x) => +x.toFixed(2);
    return { open: f(openMs), first: f(xs[0]), median: f(rest[rest.length >> 1]), min: f(rest[0]), max: f(rest.at(-1)) };
  }, rounds);

async function relaunch() {
  await browser.close();
  browser = await launch({ replica, extensionDir, label: 'store-growth', profileDir });
  worker = await browser.serviceWorker();
}

if (parts.has('keys')) {
  for (const count of [50, 1000, 4096, 16384]) {
    await clear();
    await padKeys(count, 8);
    await sleep(2_000);
    print(`keys: ${count} keys of 8 bytes, 1 KB set`, await timeSets());
    print(`keys: ${count} keys of 8 bytes, remove of a 1 KB key`, await timeRemoves());
  }
  await clear();
  await padKeys(4096, 10_000);
  print('keys: 4,096 keys of 10 KB (~40 MB), right after writing, 1 KB set', await timeSets());
  await sleep(60_000);
  print('keys: 4,096 keys of 10 KB, 60 s later, 1 KB set', await timeSets());
  await relaunch();
  print('keys: 4,096 keys of 10 KB, after a relaunch, 1 KB set', await timeSets());
  await relaunch();
  print('keys: 4,096 keys of 10 KB, after a relaunch, remove of a 1 KB key (first = the first write of its life)', await timeRemoves());
  print('keys: 4,096 keys of 10 KB, then 1 KB sets', await timeSets());
}

for (const count of [50, 50000]) {
  if (!['since', 'relaunch', 'bytes', 'pages'].some((p) => parts.has(p))) break;
  await clear();
  const tasks = trackedTikTokTasks(count);
  const started = Date.now();
  const { seedMs } = await seedTaskBuckets((fn, a) => worker.evaluate(fn, a), tasks, count);
  print(`${count} tasks seeded (${seedMs} ms)`, '');
  if (parts.has('since')) {
    for (const at of [0, 10, 30, 60, 120]) {
      const wait = started + seedMs + at * 1000 - Date.now();
      if (wait > 0) await sleep(wait);
      print(`since: ${count} tasks, ${at} s after the seed, 1 KB set`, await timeSets());
    }
  }
  if (parts.has('relaunch')) {
    await relaunch();
    print(`relaunch: ${count} tasks, the first sets after a relaunch (first = the first of the browser's life)`, await timeSets());
    await sleep(30_000);
    print(`relaunch: ${count} tasks, 30 s later`, await timeSets());
    await relaunch();
    await relaunch();
    await sleep(10_000);
    print(`relaunch: ${count} tasks, relaunched and 10 s left to the worker's start`, await timeSets());
  }
  if (parts.has('bytes')) {
    for (const kb of [1, 12, 48, 200]) print(`bytes: ${count} tasks, a ${kb} KB set`, await timeSets(ROUNDS, kb * 1000, `probe:${kb}k`));
  }
  if (parts.has('pages')) {
    const popups = [];
    for (const open of [0, 1, 3]) {
      while (popups.length < open) {
        const page = await browser.context.newPage();
        await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
        popups.push(page);
      }
      await sleep(count >= 50000 ? 5_000 : 1_000);
      print(`pages: ${count} tasks, ${open} popups open, 1 KB set`, await timeSets());
      print(`pages: ${count} tasks, ${open} popups open, a 12 KB set`, await timeSets(ROUNDS, 12_000, 'probe:12k'));
    }
    for (const p of popups) await p.close();
  }
}

if (parts.has('idb')) {
  for (const count of [50, 50000]) {
    await idbFill(count);
    print(`idb: ${count} records, put of one ~1 KB record`, await idbPuts());
    await relaunch();
    print(`idb: ${count} records, after a relaunch`, await idbPuts());
  }
}

/** The bench's ticks over these tasks in `buckets` buckets: received → stored in the worker, ms each. */
async function ticks(tasks, buckets, count = 15) {
  const page = await popupOverSeededTasks(browser, worker, tasks, { buckets });
  await watchTicks(worker);
  const keys = Object.keys(tasks);
  const xs = [];
  for (let i = -1; i < count; i++) {
    const { key } = await sendTick(page, keys, i);
    await page.waitForTimeout(keys.length >= 50000 ? 1500 : 300);
    const { storedAt, receivedAt } = await tickMarks(worker, key);
    if (i >= 0) xs.push(storedAt - receivedAt);
  }
  await page.close();
  const s = [...xs].sort((a, b) => a - b);
  return { median: +s[s.length >> 1].toFixed(2), min: +s[0].toFixed(2), max: +s.at(-1).toFixed(2) };
}

if (parts.has('ticks')) {
  for (const [count, buckets] of [
    [50, 4096],
    [50000, 4096],
    [50000, 1024],
    [50000, 16384],
    [50000, 4096],
  ]) {
    print(`ticks: ${count} tasks in ${Math.min(count, buckets)} buckets, received → stored`, await ticks(trackedTikTokTasks(count), buckets));
  }
  // The store now holds 50,000 tasks in 4,096 buckets: the first tick of a browser's life.
  await relaunch();
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  await watchTicks(worker);
  const keys = Object.keys(trackedTikTokTasks(50000));
  const firsts = [];
  for (let i = -1; i < 2; i++) {
    const { key } = await sendTick(page, keys, i);
    for (let waited = 0; waited < 30_000 && !(await tickMarks(worker, key)).storedAt; waited += 100) await sleep(100);
    const { storedAt, receivedAt } = await tickMarks(worker, key);
    firsts.push(+(storedAt - receivedAt).toFixed(1));
    await sleep(1500);
  }
  print("ticks: 50,000 tasks, relaunched: the browser's first three ticks, received → stored", firsts);
}

if (parts.has('startup') || parts.has('startup-ask')) {
  const tasks = trackedTikTokTasks(50000);
  const keys = Object.keys(tasks);
  if (!parts.has('ticks')) await (await popupOverSeededTasks(browser, worker, tasks)).close();
  const ask = parts.has('startup-ask');
  for (let round = 0; round < (ask ? 6 : 3); round++) {
    const early = ask && round % 2 === 1;
    await relaunch();
    if (early) await worker.evaluate(() => void chrome.storage.local.getBytesInUse(null));
    await sleep(5_000);
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await watchTicks(worker);
    const { key } = await sendTick(page, keys, round);
    for (let waited = 0; waited < 30_000 && !(await tickMarks(worker, key)).storedAt; waited += 50) await sleep(50);
    const { storedAt, receivedAt } = await tickMarks(worker, key);
    print(`startup: 50,000 tasks, the first tick 5 s after a launch, ${early ? 'usage asked by the probe at launch' : 'nothing asked by the probe'}: received → stored ms`, (storedAt - receivedAt).toFixed(1));
    await page.close();
  }
}

await browser.close();
await rm(profileDir, { recursive: true, force: true });
await replica.close?.();
process.exit(0);
