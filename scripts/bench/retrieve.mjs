/* global chrome -- code passed to page.evaluate() runs in the extension, where chrome exists */
/**
 * Retrieve latency: "Mark as posted" → the retrieve request arriving at the replica's API
 * (its log entry's `at`), with the task's tab open (the creator presses the overlay's button)
 * and with no tab (the popup sends markPosted; the extension opens the task in a tab).
 */
import { findCampaign, ids } from '../../tests/replica/scenario.mjs';
import { IMPACT } from './browser.mjs';
import { seedTracker, trackedTask } from './seed.mjs';

const FAMILY = 'uicl';

function theTask() {
  const campaign = findCampaign(ids.tiktokOnly.campaignId);
  const task = campaign.tasks.find((t) => t.id === ids.tiktokOnly.taskId);
  return trackedTask(campaign, task, { family: FAMILY, state: 'notStarted' });
}

async function waitFor(what, read, ms = 30_000) {
  const until = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Records Date.now() of the first click on a control called "Mark as posted" (main world). */
function armClickClock() {
  window.__markPostedAt = new Promise((resolve) => {
    document.addEventListener(
      'click',
      (e) => {
        const target = e.composedPath()[0];
        if (target instanceof Element && /mark as posted/i.test(target.textContent ?? '')) resolve(Date.now());
      },
      { capture: true },
    );
  });
}

async function requestAt(replica, taskId, after) {
  return waitFor('the retrieve request', () => {
    const hit = replica.retrieves.find((r) => r.taskId === taskId && Date.parse(r.at) >= after - 5);
    return hit ? Date.parse(hit.at) : null;
  });
}

async function stateOf(ext, key, state) {
  return waitFor(`the task to be ${state}`, () =>
    // Tasks are stored in buckets of JSON text (utils/tracker/buckets.ts).
    ext.evaluate(async ([k, s]) => {
      const all = await chrome.storage.local.get(null);
      const text = Object.entries(all).find(([name, bucket]) => name.startsWith('tasks:') && bucket[k] !== undefined)?.[1][k];
      return text !== undefined && JSON.parse(text).state === s;
    }, [key, state]),
  );
}

export async function retrieveLatency(browser, replica, { pairs, log = () => {} }) {
  const task = theTask();
  const ext = await browser.context.newPage();
  await ext.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  const out = { tabOpen: [], noTab: [] };
  for (let i = 0; i < pairs; i++) {
    const order = i % 2 ? ['noTab', 'tabOpen'] : ['tabOpen', 'noTab'];
    for (const kind of order) {
      replica.reset();
      await seedTracker(browser, { [task.key]: task });
      if (kind === 'tabOpen') {
        const tab = await browser.context.newPage();
        await tab.addInitScript(armClickClock);
        await tab.goto(task.taskUrl);
        const button = tab.getByRole('button', { name: 'Mark as posted' });
        await tab.getByText('TTCM Branded Content Details').first().waitFor();
        if (!(await button.isVisible())) await tab.getByText('TTCM Branded Content Details').first().click();
        await button.click();
        const clicked = await tab.evaluate(() => window.__markPostedAt);
        const at = await requestAt(replica, task.taskId, clicked);
        out.tabOpen.push(at - clicked);
        await stateOf(ext, task.key, 'submitted');
        await tab.close();
      } else {
        const sent = await ext.evaluate(async (key) => {
          const at = Date.now();
          await chrome.runtime.sendMessage({ type: 'markPosted', key });
          return at;
        }, task.key);
        const at = await requestAt(replica, task.taskId, sent);
        out.noTab.push(at - sent);
        await stateOf(ext, task.key, 'submitted');
        // The extension closes the tab it opened; wait for it so rounds do not overlap.
        await waitFor('the opened tab to close', async () => !browser.context.pages().some((p) => p.url().startsWith(IMPACT)));
      }
    }
    log(`  round ${i + 1}/${pairs}: tab open ${out.tabOpen.at(-1)} ms, no tab ${out.noTab.at(-1)} ms`);
  }
  await ext.close();
  return out;
}
