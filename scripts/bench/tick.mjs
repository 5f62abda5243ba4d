/* global chrome -- code passed to evaluate() runs in the extension, where chrome exists */
/**
 * A tick as the bench's storage part and tick-probe.mjs send it: a popup over seeded tasks, a
 * step of a different task ticked each time (setStep, as the popup sends it), and the page's
 * clock set against the worker's, to time it from the page's send to the worker's notice.
 */
import { seedTaskBuckets } from './seed.mjs';

const STEPS = ['joinedCampaign', 'openedOnPhone'];

/**
 * What a tick is measured over: storage emptied (alarms too), these tasks seeded in buckets,
 * and a popup opened over them. Resolves to the popup.
 */
export async function popupOverSeededTasks(browser, worker, tasks, { buckets } = {}) {
  await worker.evaluate(async () => {
    await chrome.alarms.clearAll();
    await chrome.storage.local.clear();
  });
  await seedTaskBuckets((fn, arg) => worker.evaluate(fn, arg), tasks, Object.keys(tasks).length, { buckets });
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  return page;
}

/**
 * Listeners in the worker noting, per task key, when a setStep for it was received
 * (`__receivedAt`) and when its text changed in a bucket (`__storedAt`: storage.onChanged,
 * fired once the set is committed). Read them with `tickMarks`.
 */
export async function watchTicks(worker) {
  await worker.evaluate(() => {
    globalThis.__storedAt = {};
    globalThis.__receivedAt = {};
    // Registered after the router's listener: it sees the message when the router starts on it.
    chrome.runtime.onMessage.addListener((message) => {
      if (message?.type === 'setStep') globalThis.__receivedAt[message.key] = performance.timeOrigin + performance.now();
    });
    chrome.storage.onChanged.addListener((changes, area) => {
      if (area !== 'local') return;
      // A bucket (utils/tracker/buckets.ts) holds each task's text: the ticked task's text changed.
      for (const [name, { oldValue, newValue }] of Object.entries(changes)) {
        if (!name.startsWith('tasks:') || !newValue) continue;
        for (const [key, text] of Object.entries(newValue)) if (oldValue?.[key] !== text) globalThis.__storedAt[key] = performance.timeOrigin + performance.now();
      }
    });
  });
}

/** When the worker received a tick of this task and when it was stored (watchTicks; worker's clock). */
export const tickMarks = (worker, key) => worker.evaluate((k) => ({ storedAt: globalThis.__storedAt[k], receivedAt: globalThis.__receivedAt[k] }), key);

/**
 * Tick number `i` (from −1, the warm-up) from the page: a different task each time, never the
 * same value twice (every tick is a change). Resolves to the task's key and when it was sent,
 * on the page's clock (`performance.timeOrigin + now()`; see clockOffset).
 */
export async function sendTick(page, keys, i) {
  const key = keys[((i + 1) * 7919) % keys.length];
  const sentAt = await page.evaluate(
    async ([k, step]) => {
      const at = performance.timeOrigin + performance.now();
      const reply = await chrome.runtime.sendMessage({ type: 'setStep', key: k, step, done: true });
      if (!reply?.ok) throw new Error(`setStep refused: ${JSON.stringify(reply)}`);
      return at;
    },
    [key, STEPS[(i + 1) % STEPS.length]],
  );
  return { key, sentAt };
}

/**
 * How far the worker's `performance.timeOrigin + now()` is ahead of the page's: the page's
 * clock read before and after the worker's, several times; the try with the shortest round
 * trip gives the offset (its middle) and how far off it can be (half the round trip).
 */
export async function clockOffset(page, worker, tries = 15) {
  const now = () => performance.timeOrigin + performance.now();
  let best = { ms: 0, within: Infinity };
  for (let i = 0; i < tries; i++) {
    const before = await page.evaluate(now);
    const inWorker = await worker.evaluate(now);
    const after = await page.evaluate(now);
    const within = (after - before) / 2;
    if (within < best.within) best = { ms: inWorker - (before + after) / 2, within };
  }
  return best;
}
