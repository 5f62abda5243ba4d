/* global chrome -- code passed to evaluate() runs in the extension, where chrome exists */
/**
 * Storage at scale (issue 16): one tick (setStep sent from an extension page, as the popup
 * sends it) until it is stored: from the page's clock just before sending to the worker's in
 * its storage.onChanged for that task's key (fired once the storage.local.set is committed).
 * Both clocks are `performance.timeOrigin + performance.now()`: one epoch, finer than
 * Date.now()'s millisecond (a 50-task tick is a few ms). The two contexts' time origins can
 * disagree by tens of milliseconds (ticks of −18 to −43 ms were printed once, session 15), so
 * the page's clock is first set against the worker's (clockOffset). Measured in the worker, not by the
 * page's reply, so the page's own re-rendering of 50,000 tasks (a separate figure) does not
 * count as storage time. At 50, 5,000 and 50,000 tasks stored one key each (seed.mjs), after
 * one warm-up tick (the worker reads every task once per life); and the move of 5,000 version
 * 1 tasks (one `tracker` value) to their own keys, until the head is stored. Then a few new
 * tasks (a campaign not tracked yet, reported as a task page would report it), each until
 * stored.
 */
import { seedTracker, trackedTikTokTasks } from './seed.mjs';
import { clockOffset, popupOverSeededTasks, sendTick, tickMarks, watchTicks } from './tick.mjs';

/** New tasks measured per count (after the ticks). */
const NEW_TASKS = 7;

export async function storageScale(browser, { counts = [50, 5000, 50000], ticks = 15, log = () => {} }) {
  const worker = await browser.serviceWorker();
  const out = { ticks: {}, migration5000: null };
  // First, on a fresh profile: after the 50,000-task run the clean-up of those keys (and the
  // worker reading them) would be counted in the move.
  // The move of 5,000 version 1 tasks: written as one `tracker` value, until the head is stored.
  const { headMs } = await seedTracker(browser, trackedTikTokTasks(5000), { headTimeoutMs: 60_000 });
  out.migration5000 = headMs;
  log(`  move of 5,000 v1 tasks: ${headMs === null ? 'timed out' : `${headMs.toFixed(0)} ms`}`);
  for (const count of counts) {
    const tasks = trackedTikTokTasks(count);
    const page = await popupOverSeededTasks(browser, worker, tasks);
    await watchTicks(worker);
    const offset = await clockOffset(page, worker);
    log(`  ${count} tasks: the worker's clock is ${offset.ms.toFixed(1)} ms ahead of the page's (± ${offset.within.toFixed(2)} ms)`);
    const keys = Object.keys(tasks);
    const times = [];
    const inWorker = [];
    for (let i = -1; i < ticks; i++) {
      const { key, sentAt } = await sendTick(page, keys, i);
      const { storedAt, receivedAt } = await tickMarks(worker, key);
      // The first tick (i = -1) loads every task into the worker: not a tick's cost.
      if (i >= 0) {
        times.push(storedAt - (sentAt + offset.ms));
        inWorker.push(storedAt - receivedAt);
      }
      // Let the page finish re-rendering before the next tick is sent.
      await page.waitForTimeout(count >= 50000 ? 1500 : 200);
    }
    // A new task (Refresh all, a task page seen for the first time), of a campaign not tracked
    // yet: its tab keys are new, so the head's filter changes too.
    const newTask = [];
    const template = tasks[keys[0]];
    for (let i = -1; i < NEW_TASKS; i++) {
      const campaignId = String(990000 + i + 1);
      const taskId = String(9900000 + i + 1);
      const seen = {
        accountId: template.accountId,
        accountName: template.accountName,
        campaignId,
        campaignName: `New campaign ${campaignId}`,
        brand: template.brand,
        taskId,
        taskName: `New task ${taskId}`,
        taskUrl: template.taskUrl.replace(template.campaignId, campaignId).replace(template.taskId, taskId),
      };
      const { sentAt, key } = await page.evaluate(async (task) => {
        const at = performance.timeOrigin + performance.now();
        const reply = await chrome.runtime.sendMessage({ type: 'taskSeen', task });
        if (!reply?.ok) throw new Error(`taskSeen refused: ${JSON.stringify(reply)}`);
        return { sentAt: at, key: reply.value.key };
      }, seen);
      await page.waitForTimeout(count >= 50000 ? 1500 : 200);
      const storedAt = await worker.evaluate((k) => globalThis.__storedAt[k], key);
      // The first one (i = -1) may bring the filter to a new size: not a new task's usual cost.
      if (i >= 0) newTask.push(storedAt - (sentAt + offset.ms));
    }
    await page.close();
    out.newTask = { ...out.newTask, [count]: newTask };
    out.ticks[count] = times;
    out.inWorker = { ...out.inWorker, [count]: inWorker };
    const med = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1].toFixed(1);
    log(`  ${count} tasks: one tick median ${med(times)} ms (in the worker, message to stored: ${med(inWorker)} ms); one new task median ${med(newTask)} ms`);
    log(`    ticks in order: ${times.map((t) => t.toFixed(1)).join(' ')}`);
  }
  return out;
}
