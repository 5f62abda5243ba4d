/* global chrome -- code passed to evaluate() runs in the extension, where chrome exists */
/**
 * Storage at scale (issue 16): one tick (setStep from an extension page, as the popup sends
 * it) until the worker has stored it (its reply comes after the storage.local.set resolved),
 * at 50, 5,000 and 50,000 tasks stored one key each (seed.mjs); and the move of 5,000 version 1
 * tasks (one `tracker` value) to their own keys, until the head is stored.
 */
import { seedTaskKeys, seedTracker, trackedTikTokTasks } from './seed.mjs';

const STEPS = ['joinedCampaign', 'openedOnPhone'];

export async function storageScale(browser, { counts = [50, 5000, 50000], ticks = 15, log = () => {} }) {
  const worker = await browser.serviceWorker();
  const workerEval = (fn, arg) => worker.evaluate(fn, arg);
  const out = { ticks: {}, migration5000: null };
  for (const count of counts) {
    await worker.evaluate(async () => {
      await chrome.alarms.clearAll();
      await chrome.storage.local.clear();
    });
    const tasks = trackedTikTokTasks(count);
    await seedTaskKeys(workerEval, tasks, count);
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    const keys = Object.keys(tasks);
    const times = [];
    for (let i = 0; i < ticks; i++) {
      // A different task each time, ticked (never the same value twice: every tick is a change).
      const key = keys[(i * 7919) % keys.length];
      const ms = await page.evaluate(
        async ([k, step]) => {
          const start = performance.now();
          const reply = await chrome.runtime.sendMessage({ type: 'setStep', key: k, step, done: true });
          if (!reply?.ok) throw new Error(`setStep refused: ${JSON.stringify(reply)}`);
          return performance.now() - start;
        },
        [key, STEPS[i % STEPS.length]],
      );
      times.push(ms);
    }
    await page.close();
    out.ticks[count] = times;
    log(`  ${count} tasks: one tick median ${times.sort((a, b) => a - b)[times.length >> 1].toFixed(1)} ms`);
  }
  // The move of 5,000 version 1 tasks: written as one `tracker` value, until the head is stored.
  const { headMs } = await seedTracker(browser, trackedTikTokTasks(5000), { headTimeoutMs: 60_000 });
  out.migration5000 = headMs;
  log(`  move of 5,000 v1 tasks: ${headMs === null ? 'timed out' : `${headMs.toFixed(0)} ms`}`);
  return out;
}
