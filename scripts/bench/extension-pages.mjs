/**
 * The popup and the overview at account-manager scale: open → first task row painted, and
 * in the overview a search keystroke → filtered rows painted. Times are read in the page
 * (performance.now(), whose origin is the navigation start), a frame after the DOM change.
 */
import { seedTracker, trackedTikTokTasks } from './seed.mjs';

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

async function openAndTimeFirstRow(browser, file, selector, viewport) {
  const page = await browser.context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  await page.addInitScript(installFirstRowProbe, selector);
  await page.goto(`chrome-extension://${browser.extensionId}/${file}`);
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

/**
 * `pairs` interleaved rounds: popup with 50 tasks, popup with 5,000, overview with 5,000
 * (first rows, then typing the last character of a search once every task is loaded).
 * Storage is seeded before each size and the extension's own head is waited for (seed.mjs).
 */
export async function extensionPages(browser, { pairs, small = 50, large = 5000, log = () => {} }) {
  const smallTasks = trackedTikTokTasks(small);
  const largeTasks = trackedTikTokTasks(large);
  const out = { popupSmall: [], popupLarge: [], overview: [], keystroke: [], popupComplete: [], overviewComplete: [], headMs: [] };
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
      const popup = await openAndTimeFirstRow(browser, 'popup.html', 'article.task-card', popupViewport);
      if (size === 'large') out.popupComplete.push(await completeMs(popup.page));
      await popup.page.close();
      out[size === 'small' ? 'popupSmall' : 'popupLarge'].push(popup.ms);
      if (size === 'large') {
        const overview = await openAndTimeFirstRow(browser, 'overview.html', 'tbody tr[data-task-key]');
        out.overview.push(overview.ms);
        out.overviewComplete.push(await completeMs(overview.page));
        const search = overview.page.locator('input[type="search"]');
        // "#4" first (not timed), then the keystroke that narrows it to "#42".
        await search.fill('#4');
        await overview.page.evaluate(captionSettled);
        await overview.page.evaluate(armKeystrokeProbe);
        await search.press('2');
        const k = await overview.page.evaluate(() => window.__keystroke);
        out.keystroke.push(k.ms);
        await overview.page.close();
      }
    }
    log(
      `  round ${i + 1}/${pairs}: popup ${out.popupSmall.at(-1).toFixed(0)} / ${out.popupLarge.at(-1).toFixed(0)} ms (all tasks ${out.popupComplete.at(-1).toFixed(0)} ms), overview ${out.overview.at(-1).toFixed(0)} ms (all tasks ${out.overviewComplete.at(-1).toFixed(0)} ms), keystroke ${out.keystroke.at(-1).toFixed(0)} ms${out.headMs.length ? `, head stored ${out.headMs.at(-1).toFixed(0)} ms after seeding` : ''}`,
    );
  }
  return out;
}
