/* global chrome -- code passed to page.evaluate() runs in the extension, where chrome exists */
/**
 * Tracker contents for the benchmarks and the 50,000-task e2e tests: the TikTok tasks of the
 * replica's generated campaigns, as the content script would have recorded them from View
 * Task Details, in a mix of states (utils/tracker/schema.ts, reducer.recordDiscovered).
 * `seedTracker` stores them the version 1 way (`local:tracker`: `{ tasks: { [key]: task } }`),
 * which the worker moves into buckets; `taskBucketChunks` gives the stored shape (buckets of
 * JSON text, utils/tracker/buckets.ts), which a tool can write directly.
 */
import { accounts, defaultAccountId, formatDate, generateLargeScenario } from '../../tests/replica/scenario.mjs';
import { urlsFor } from '../../tests/replica/server.mjs';
import { IMPACT } from './browser.mjs';

/** States that make the background do nothing on its own (no retry is due). */
const STATES = ['notStarted', 'inProgress', 'notStarted', 'submitted', 'needsAttention'];

/** Same format as utils/tracker/schema.ts taskKey() for tasks whose page shows ids. */
export const keyOf = (accountId, campaignId, taskId) => `a:${accountId}|c:${campaignId}|t:${taskId}`;

/** One tracked task from a replica campaign/task pair. */
export function trackedTask(campaign, task, { state = 'notStarted', now = Date.now(), family = 'uicl' } = {}) {
  const account = accounts.find((a) => a.id === defaultAccountId);
  const at = now - 86_400_000;
  const out = {
    accountId: account.id,
    accountName: account.name,
    campaignId: campaign.id,
    campaignName: campaign.name,
    brand: campaign.brand,
    taskId: task.id,
    taskName: task.name,
    impactStatus: task.status,
    dueDate: formatDate(task.dueDate),
    ...(task.ttcm?.inviteLink ? { inviteLink: task.ttcm.inviteLink } : {}),
    ...(task.ttcm?.campaignCode ? { campaignCode: task.ttcm.campaignCode } : {}),
    ...(task.ttcm?.authWindowDays ? { authorizationDays: task.ttcm.authWindowDays } : {}),
    taskUrl: IMPACT + urlsFor({ family, campaignId: campaign.id, taskId: task.id }).taskDetails,
    key: keyOf(account.id, campaign.id, task.id),
    state,
    path: 'inviteLink',
    steps: state === 'notStarted' ? {} : { linkCopied: at + 1000 },
    retrieve: state === 'submitted' ? { attempts: 1, firstAttemptAt: at + 5000, lastAttemptAt: at + 5000, lastOutcome: 'submitted' } : { attempts: 0 },
    history: [{ at, event: 'discovered' }],
    firstSeenAt: at,
    updatedAt: at,
  };
  if (state === 'needsAttention') {
    out.retrieve = { attempts: 3, firstAttemptAt: at, lastAttemptAt: at + 60_000, lastOutcome: 'The task page could not be found.' };
  }
  return out;
}

/** The first `count` TikTok tasks of the generated scenario (every third campaign has one). */
export function trackedTikTokTasks(count) {
  const { campaigns } = generateLargeScenario(count * 3);
  const tasks = {};
  let i = 0;
  for (const c of campaigns) {
    for (const t of c.tasks) {
      if (t.platform !== 'tiktok' || i >= count) continue;
      const task = trackedTask(c, t, { state: STATES[i % STATES.length] });
      tasks[task.key] = task;
      i++;
    }
  }
  return tasks;
}

/**
 * Replace the extension's storage with this tracker (through the service worker), the way a
 * tool would: `local:tracker` only. The extension then builds the tracker's head itself
 * (utils/background/storage-check.ts rebuilds it when the tracker changes without one); the
 * pages are measured from that head, so this waits until it is stored and describes exactly
 * these tasks. A build without heads (an older commit, --extension-dir) is given up on after
 * `headTimeoutMs` and measured as it is.
 *
 * @returns {Promise<{ headMs: number | null }>} how long the extension took to store the head
 */
export async function seedTracker(browser, tasks, { headTimeoutMs = 15_000 } = {}) {
  const worker = await browser.serviceWorker();
  const count = Object.keys(tasks).length;
  return worker.evaluate(
    async ([t, count, timeoutMs]) => {
      await chrome.alarms.clearAll();
      await chrome.storage.local.clear();
      const start = performance.now();
      await chrome.storage.local.set({ tracker: { tasks: t } });
      for (;;) {
        const got = await chrome.storage.local.get(['trackerHead', 'tracker$']);
        // The head is stored as JSON text (an older build stored the object).
        const head = typeof got.trackerHead === 'string' ? JSON.parse(got.trackerHead) : got.trackerHead;
        if (head && head.total === count && head.rev === (got['tracker$']?.rev ?? 0)) return { headMs: performance.now() - start };
        if (performance.now() - start > timeoutMs) return { headMs: null };
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    [tasks, count, headTimeoutMs],
  );
}

/**
 * Seeded tasks go to buckets of their own (`tasks:seed-<n>`): readers take any bucket name, and
 * a task already stored elsewhere stays where it is. As many as the extension spreads tasks
 * over (utils/tracker/buckets.ts BUCKET_COUNT), so a bucket holds what it would hold there.
 */
const SEED_BUCKETS = 4096;

/**
 * The stored shape of these tasks (utils/tracker/buckets.ts: `{ [task key]: JSON text }` per
 * bucket, about count ÷ 4,096 tasks each), in chunks of about `chunk` tasks, each as JSON text
 * ready for `storage.local.set(JSON.parse(text))` in an extension context: text crosses CDP
 * and WebDriver BiDi much faster than a deep object. Every bucket is in one chunk only.
 * `buckets`: another count (a probe's store of fewer or more keys).
 */
export function taskBucketChunks(tasks, chunk = 10_000, buckets = SEED_BUCKETS) {
  const entries = Object.entries(tasks);
  const perBucket = Math.max(1, Math.ceil(entries.length / buckets));
  const out = [];
  for (let i = 0; i < entries.length; ) {
    const items = {};
    const end = Math.min(entries.length, i + Math.max(perBucket, Math.floor(chunk / perBucket) * perBucket));
    for (; i < end; i++) {
      const [key, task] = entries[i];
      (items[`tasks:seed-${Math.floor(i / perBucket)}`] ??= {})[key] = JSON.stringify(task);
    }
    out.push(JSON.stringify(items));
  }
  return out;
}

/**
 * Write these tasks in buckets, as a tool would, through `evaluate(fn, arg)` (an extension
 * page's or the worker's), then wait until the worker has noticed and stored a head
 * describing `total` tasks at the stored revision. Resolves to how long that took.
 */
export async function seedTaskBuckets(evaluate, tasks, total, { timeoutMs = 180_000, buckets = SEED_BUCKETS } = {}) {
  const start = Date.now();
  for (const text of taskBucketChunks(tasks, 10_000, buckets)) {
    await evaluate(async (json) => {
      const api = globalThis.browser ?? globalThis.chrome;
      await api.storage.local.set(JSON.parse(json));
    }, text);
  }
  for (;;) {
    const ok = await evaluate(async (count) => {
      const api = globalThis.browser ?? globalThis.chrome;
      const got = await api.storage.local.get(['trackerHead', 'tracker$']);
      const head = typeof got.trackerHead === 'string' ? JSON.parse(got.trackerHead) : got.trackerHead;
      return !!head && head.total === count && head.rev === (got['tracker$']?.rev ?? 0);
    }, total);
    if (ok) return { seedMs: Date.now() - start };
    if (Date.now() - start > timeoutMs) throw new Error(`The worker did not store a head of ${total} tasks within ${timeoutMs} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
