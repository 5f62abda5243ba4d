/**
 * The popup and the overview at account-manager scale: open → first task row painted, and
 * in the overview a search keystroke → filtered rows painted. Times are read in the page
 * (performance.now(), whose origin is the navigation start), a frame after the DOM change.
 */
import { overActiveTab } from '../../tests/e2e/active-tab.mjs';
import { EMPTY_PAGE, EMPTY_PAGE_SELECTOR } from './empty-extension.mjs';
import { seedTaskBuckets, seedTracker, trackedTikTokTasks } from './seed.mjs';

/**
 * Runs before the page's own scripts: resolves `window.__firstRow` when an element matching
 * `selector` is in the DOM, with the time of the next frame's paint (a task posted from the
 * frame's requestAnimationFrame runs after that frame); `window.__complete` likewise when the
 * page says it holds every task (`main[data-complete="true"]`, after the head was shown).
 */
function installFirstRowProbe(selector) {
  const whenPainted = (test) =>
    new Promise((resolve) => {
      const check = () => {
        if (!test()) return false;
        const inserted = performance.now();
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve({ inserted, painted: performance.now() });
          channel.port2.postMessage(0);
        });
        return true;
      };
      const observer = new MutationObserver(() => {
        if (check()) observer.disconnect();
      });
      observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-complete'] });
    });
  window.__firstRow = whenPainted(() => document.querySelector(selector));
  // A build without a head (no data-complete) has every task once it shows the first one.
  window.__complete = whenPainted(() => {
    const main = document.querySelector('main');
    return main?.dataset.complete === 'true' || (main && !main.hasAttribute('data-complete') && document.querySelector(selector));
  });
}

/** A task page of a campaign no seeded task belongs to (seed.mjs numbers campaigns from 41000). */
const UNTRACKED_CAMPAIGN_PAGE = 'https://app.impact.com/secure/mediapartner/campaigns/tasks-flow.ihtml?execution=e1s1&campaignId=99999999&taskId=1';

/**
 * `activeTab`: the address of the tab the popup is opened over (tests/e2e/active-tab.mjs).
 * `extensionId`: another extension's page (the empty page), opened the same way.
 */
async function openAndTimeFirstRow(browser, file, selector, viewport, activeTab, extensionId = browser.extensionId) {
  const page = await browser.context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  await page.addInitScript(installFirstRowProbe, selector);
  if (activeTab) await overActiveTab(page, activeTab);
  await page.goto(`chrome-extension://${extensionId}/${file}`);
  const t = await page.evaluate(() => window.__firstRow);
  return { page, ms: t.painted };
}

/** Time from navigation start until the page showed every task (not only the head). */
async function completeMs(page) {
  return (await page.evaluate(() => window.__complete)).painted;
}

/** Arms a probe for the next keystroke in the search box: keydown → caption changed → painted. */
function armKeystrokeProbe() {
  const input = document.querySelector('input[type="search"]');
  const caption = () => document.querySelector('caption')?.textContent ?? '';
  const before = caption();
  window.__keystroke = new Promise((resolve) => {
    let keydownAt;
    input.addEventListener('keydown', (e) => (keydownAt = e.timeStamp), { once: true, capture: true });
    const observer = new MutationObserver(() => {
      if (keydownAt === undefined || caption() === before) return;
      observer.disconnect();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve({ ms: performance.now() - keydownAt, caption: caption(), before });
        channel.port2.postMessage(0);
      });
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  });
}

/** Wait until the table caption stays the same for a few frames (the deferred render is done). */
function captionSettled() {
  return new Promise((resolve) => {
    let last = null;
    let same = 0;
    const tick = () => {
      const now = document.querySelector('caption')?.textContent ?? '';
      same = now === last ? same + 1 : 0;
      last = now;
      if (same >= 5) resolve(now);
      else requestAnimationFrame(tick);
    };
    tick();
  });
}

/** The overview: first rows, every task, then the keystroke that narrows "#4" to "#42". */
async function timeOverview(browser) {
  const overview = await openAndTimeFirstRow(browser, 'overview.html', 'tbody tr[data-task-key]');
  const complete = await completeMs(overview.page);
  const search = overview.page.locator('input[type="search"]');
  // "#4" first (not timed), then the keystroke that narrows it to "#42".
  await search.fill('#4');
  await overview.page.evaluate(captionSettled);
  await overview.page.evaluate(armKeystrokeProbe);
  await search.press('2');
  const k = await overview.page.evaluate(() => window.__keystroke);
  await overview.page.close();
  return { firstRow: overview.ms, complete, keystroke: k.ms };
}

/** The empty extension page (empty-extension.mjs) in the popup's viewport: navigation → its element painted. */
async function timeEmptyPage(browser, empty, viewport) {
  const page = await openAndTimeFirstRow(browser, EMPTY_PAGE, EMPTY_PAGE_SELECTOR, viewport, undefined, empty.id);
  await page.page.close();
  return page.ms;
}

/**
 * `pairs` interleaved rounds: the empty extension page `empty` (the popup's floor, issue 10),
 * popup with 50 tasks, popup with 5,000, overview with 5,000 (first rows, then typing the last
 * character of a search once every task is loaded); the empty page is opened right before each
 * popup, so it is measured as often and in the same conditions.
 * Storage is seeded before each size and the extension's own head is waited for (seed.mjs).
 * Then `hugeRounds` rounds at `huge` tasks (50,000: stored one key each, as the worker keeps
 * them; seeding takes about a minute, so there are fewer of these).
 */
export async function extensionPages(browser, { empty, pairs, small = 50, large = 5000, huge = 50_000, hugeRounds = 2, log = () => {} }) {
  const smallTasks = trackedTikTokTasks(small);
  const largeTasks = trackedTikTokTasks(large);
  const out = {
    empty: [],
    popupSmall: [],
    popupLarge: [],
    overview: [],
    keystroke: [],
    popupComplete: [],
    overviewComplete: [],
    headMs: [],
    popupHuge: [],
    popupHugeComplete: [],
    popupHugeOnImpact: [],
    overviewHuge: [],
    overviewHugeComplete: [],
    keystrokeHuge: [],
  };
  const popupViewport = { width: 420, height: 600 };
  /** Set once a build has not stored a head in time (an older commit): not waited for again. */
  let headless = false;
  for (let i = 0; i < pairs; i++) {
    const order = i % 2 ? ['large', 'small'] : ['small', 'large'];
    for (const size of order) {
      const seeded = await seedTracker(browser, size === 'small' ? smallTasks : largeTasks, { headTimeoutMs: headless ? 0 : 15_000 });
      if (seeded.headMs === null) {
        // No head to wait for: give the worker the time a head build takes here instead, so
        // both kinds of build are measured after the worker has handled the new tracker.
        headless = true;
        await new Promise((resolve) => setTimeout(resolve, 1500));
      }
      if (size === 'large' && seeded.headMs !== null) out.headMs.push(seeded.headMs);
      out.empty.push(await timeEmptyPage(browser, empty, popupViewport));
      const popup = await openAndTimeFirstRow(browser, 'popup.html', 'article.task-card', popupViewport);
      if (size === 'large') out.popupComplete.push(await completeMs(popup.page));
      await popup.page.close();
      out[size === 'small' ? 'popupSmall' : 'popupLarge'].push(popup.ms);
      if (size === 'large') {
        const o = await timeOverview(browser);
        out.overview.push(o.firstRow);
        out.overviewComplete.push(o.complete);
        out.keystroke.push(o.keystroke);
      }
    }
    log(
      `  round ${i + 1}/${pairs}: empty page ${out.empty.at(-2).toFixed(0)} / ${out.empty.at(-1).toFixed(0)} ms, popup ${out.popupSmall.at(-1).toFixed(0)} / ${out.popupLarge.at(-1).toFixed(0)} ms (all tasks ${out.popupComplete.at(-1).toFixed(0)} ms), overview ${out.overview.at(-1).toFixed(0)} ms (all tasks ${out.overviewComplete.at(-1).toFixed(0)} ms), keystroke ${out.keystroke.at(-1).toFixed(0)} ms${out.headMs.length ? `, head stored ${out.headMs.at(-1).toFixed(0)} ms after seeding` : ''}`,
    );
  }
  if (hugeRounds > 0 && !headless) {
    const worker = await browser.serviceWorker();
    const evaluate = (fn, arg) => worker.evaluate(fn, arg);
    await evaluate(async () => {
      const api = globalThis.browser ?? globalThis.chrome;
      await api.alarms.clearAll();
      await api.storage.local.clear();
    });
    const { seedMs } = await seedTaskBuckets(evaluate, trackedTikTokTasks(huge), huge, { timeoutMs: 300_000 });
    log(`  ${huge.toLocaleString('en')} tasks stored one key each and the head built in ${(seedMs / 1000).toFixed(0)} s`);
    for (let i = 0; i < hugeRounds; i++) {
      const emptyMs = await timeEmptyPage(browser, empty, popupViewport);
      out.empty.push(emptyMs);
      const popup = await openAndTimeFirstRow(browser, 'popup.html', 'article.task-card', popupViewport);
      out.popupHuge.push(popup.ms);
      out.popupHugeComplete.push(await completeMs(popup.page));
      await popup.page.close();
      // Over an impact.com page: the head must tell that no task beyond it belongs "On this tab".
      const onImpact = await openAndTimeFirstRow(browser, 'popup.html', 'article.task-card', popupViewport, UNTRACKED_CAMPAIGN_PAGE);
      out.popupHugeOnImpact.push(onImpact.ms);
      await onImpact.page.close();
      const o = await timeOverview(browser);
      out.overviewHuge.push(o.firstRow);
      out.overviewHugeComplete.push(o.complete);
      out.keystrokeHuge.push(o.keystroke);
      log(
        `  ${huge.toLocaleString('en')} tasks, round ${i + 1}/${hugeRounds}: empty page ${emptyMs.toFixed(0)} ms, popup ${popup.ms.toFixed(0)} ms (all tasks ${out.popupHugeComplete.at(-1).toFixed(0)} ms; over an impact.com page ${onImpact.ms.toFixed(0)} ms), overview ${o.firstRow.toFixed(0)} ms (all tasks ${o.complete.toFixed(0)} ms), keystroke ${o.keystroke.toFixed(0)} ms`,
      );
    }
  }
  return out;
}
