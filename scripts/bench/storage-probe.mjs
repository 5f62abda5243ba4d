/* global chrome -- code passed to evaluate() runs in the extension's worker */
/**
 * Where a tick's time goes in Chromium's storage at scale (issue 16, session 14; not part of
 * `npm run bench`): in the extension's worker, with 50 or 50,000 tasks stored as the extension
 * stores them (buckets of JSON text; 4,096 buckets, or 16,384 to see smaller buckets), the time
 * of `storage.local.set` for items of a tick's sizes, and of an IndexedDB put of one task record
 * with 50 or 50,000 task records in its store (~45 MB). Medians of ROUNDS calls each, three
 * times 15 s apart after the tasks were written (LevelDB compacts what was just written).
 *
 *   flock /tmp/bench.lock node scripts/bench/storage-probe.mjs --extension-dir=.output/chrome-mv3
 */
import path from 'node:path';
import { launch } from './browser.mjs';
import { trackedTikTokTasks } from './seed.mjs';
import { startReplica } from '../../tests/replica/server.mjs';

const ROUNDS = 25;
const dirArg = process.argv.find((a) => a.startsWith('--extension-dir='));
const extensionDir = path.resolve(dirArg ? dirArg.split('=')[1] : '.output/chrome-mv3');
const replica = await startReplica({ port: 0 });
const browser = await launch({ replica, extensionDir, label: 'probe' });
const worker = await browser.serviceWorker();

/** Buckets `tasks:probe-<n>` of about count ÷ buckets tasks each, in storage calls of ~10,000 tasks. */
async function seed(tasks, buckets) {
  const entries = Object.entries(tasks);
  const per = Math.max(1, Math.ceil(entries.length / buckets));
  for (let i = 0; i < entries.length; ) {
    const items = {};
    const end = Math.min(entries.length, i + Math.max(per, Math.floor(10_000 / per) * per));
    for (; i < end; i++) (items[`tasks:probe-${Math.floor(i / per)}`] ??= {})[entries[i][0]] = JSON.stringify(entries[i][1]);
    await worker.evaluate(async (json) => chrome.storage.local.set(JSON.parse(json)), JSON.stringify(items));
  }
  // Let the extension's worker read them and store its head (it does, for a tool's write).
  await new Promise((r) => setTimeout(r, entries.length > 1000 ? 20_000 : 2_000));
}

const probe = (rounds) =>
  worker.evaluate(async (rounds) => {
    const med = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
    const time = async (fn) => {
      const xs = [];
      for (let i = 0; i < rounds; i++) {
        const t = performance.now();
        await fn(i);
        xs.push(performance.now() - t);
      }
      return +med(xs).toFixed(2);
    };
    const text = (n, i) => `${i}`.padEnd(n, 'x');
    const all = await chrome.storage.local.get('tasks:probe-7');
    const bucket = all['tasks:probe-7'];
    const firstKey = Object.keys(bucket)[0];
    const bucketBytes = JSON.stringify(bucket).length;
    const out = { bucketBytes };
    out.set1k = await time((i) => chrome.storage.local.set({ probeA: text(1000, i) }));
    out.set3k = await time((i) => chrome.storage.local.set({ probeB: text(3000, i) }));
    out.set12k = await time((i) => chrome.storage.local.set({ probeC: text(12000, i) }));
    out.setBucket = await time((i) => chrome.storage.local.set({ 'probe-bucket': { ...bucket, [firstKey]: bucket[firstKey] + ' '.repeat(i % 2) } }));
    out.set4Items = await time((i) => chrome.storage.local.set({ probeD: text(bucketBytes, i), probeMeta: { v: 3, rev: i }, probeSlot: text(2000, i), probeHead: text(350, i) }));
    out.set3Items = await time((i) => chrome.storage.local.set({ probeD: text(bucketBytes, i), probeSlot: text(2000, i), probeHead: text(350 + 20, i) }));
    out.get1 = await time(() => chrome.storage.local.get('probeA'));
    out.getKeys = await time(() => chrome.storage.local.getKeys());
    return out;
  }, rounds);

/** IndexedDB in the worker: `count` task records (~900 B of JSON text each), then single puts timed. */
const idb = (rounds) =>
  worker.evaluate(
    async (rounds) => {
      // The records stored in storage.local's buckets (no 45 MB across the DevTools protocol).
      const tasks = [];
      for (const [name, bucket] of Object.entries(await chrome.storage.local.get(null))) {
        if (name.startsWith('tasks:probe-')) for (const [key, text] of Object.entries(bucket)) tasks.push([key, JSON.parse(text)]);
      }
      await new Promise((resolve, reject) => {
        const del = indexedDB.deleteDatabase('probe');
        del.onsuccess = resolve;
        del.onerror = reject;
      });
      const db = await new Promise((resolve, reject) => {
        const open = indexedDB.open('probe', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('tasks');
        open.onsuccess = () => resolve(open.result);
        open.onerror = reject;
      });
      const done = (tx) => new Promise((resolve, reject) => ((tx.oncomplete = resolve), (tx.onerror = reject), (tx.onabort = reject)));
      for (let i = 0; i < tasks.length; i += 5000) {
        const tx = db.transaction('tasks', 'readwrite');
        for (const [key, task] of tasks.slice(i, i + 5000)) tx.objectStore('tasks').put(JSON.stringify(task), key);
        await done(tx);
      }
      const med = (xs) => +[...xs].sort((a, b) => a - b)[xs.length >> 1].toFixed(2);
      const put = async (durability) => {
        const xs = [];
        for (let i = 0; i < rounds; i++) {
          const [key, task] = tasks[(i * 7919) % tasks.length];
          const t = performance.now();
          const tx = db.transaction('tasks', 'readwrite', { durability });
          tx.objectStore('tasks').put(JSON.stringify({ ...task, updatedAt: Date.now() + i }), key);
          await done(tx);
          xs.push(performance.now() - t);
        }
        return med(xs);
      };
      const out = { putDefault: await put('default'), putRelaxed: await put('relaxed') };
      db.close();
      await new Promise((resolve) => {
        const del = indexedDB.deleteDatabase('probe');
        del.onsuccess = resolve;
        del.onerror = resolve;
      });
      return out;
    },
    rounds,
  );

const results = [];
for (const [count, buckets] of [
  [50, 4096],
  [50000, 4096],
  [50000, 16384],
]) {
  await worker.evaluate(async () => chrome.storage.local.clear());
  const tasks = trackedTikTokTasks(count);
  await seed(tasks, buckets);
  // Three times, 15 s apart: right after 45 MB were written, LevelDB is still compacting them.
  for (const pass of [1, 2, 3]) {
    if (pass > 1) await new Promise((r) => setTimeout(r, 15_000));
    const local = await probe(ROUNDS);
    const db = buckets === 4096 && pass === 3 ? await idb(ROUNDS) : {};
    results.push({ count, buckets, pass, ...local, ...db });
    console.log(JSON.stringify(results.at(-1)));
  }
}
await browser.close();
await replica.close?.();
process.exit(0);
