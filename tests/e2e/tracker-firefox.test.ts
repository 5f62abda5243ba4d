/**
 * The overview in Firefox on the production build. Firefox refuses navigation to
 * moz-extension:// pages from outside, so the overview is opened the way a creator opens it
 * from impact.com: the content script's `Open overview` control, which asks the background
 * to open the page (tabs.create). The content script discovers the two campaigns' TikTok
 * tasks on the replica's View Task Details pages first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchFirefox, type FirefoxSession } from './harness';
import { TRACKED, discovered, taskDetailsUrl } from './tracker-data';

let session: FirefoxSession;

beforeAll(async () => {
  session = await launchFirefox();
});
afterAll(async () => {
  await session?.close();
});

/**
 * Find a visible control by its accessible name (aria-label or text), looking into open
 * shadow roots as well: injected controls may live there (ui-contract.md). Hidden controls
 * (a collapsed drop-down) do not count: a creator could not press them. Plain JavaScript source:
 * the test transform would add helpers to a TypeScript function that the page does not have.
 */
const FIND_CONTROL = `(wanted) => {
  // Arrows and triangles (a drop-down's ▾) are decoration, not part of the name.
  const fold = (s) => (s || '').replace(/[\\u2190-\\u21FF\\u25A0-\\u25FF]/g, '').replace(/\\s+/g, ' ').trim().toLowerCase();
  const visit = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (
        el.matches('button, [role="button"], a, summary') &&
        fold(el.getAttribute('aria-label') || el.textContent) === fold(wanted) &&
        el.checkVisibility()
      )
        return el;
      if (el.shadowRoot) {
        const inner = visit(el.shadowRoot);
        if (inner) return inner;
      }
    }
    return null;
  };
  return visit(document);
}`;

async function waitForControl(page: Page, name: string, timeout = 15_000): Promise<void> {
  await page.waitForFunction(`(${FIND_CONTROL})(${JSON.stringify(name)}) !== null`, { timeout, polling: 250 });
}

async function clickControl(page: Page, name: string): Promise<void> {
  await waitForControl(page, name);
  await page.evaluate(`(${FIND_CONTROL})(${JSON.stringify(name)}).click()`);
}

/**
 * The page the extension opened. Over WebDriver BiDi, Firefox reports a moz-extension://
 * tab's URL as about:blank to puppeteer, so each page is asked for its own location.
 */
async function waitForExtensionPage(file: string, timeout = 15_000): Promise<Page> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    for (const page of await session.browser.pages()) {
      const href = await page.evaluate('location.href').catch(() => '');
      if (typeof href === 'string' && href.startsWith('moz-extension://') && href.endsWith(`/${file}`)) return page;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The extension did not open ${file} within ${timeout} ms.`);
}

describe('tracker overview (Firefox)', () => {
  it('opens from the page and shows one row per discovered task', async () => {
    const page = await session.browser.newPage();
    for (const { campaignId, taskId } of TRACKED) {
      await page.goto(taskDetailsUrl(campaignId, taskId));
      // Open the drop-down as the help article says; the overlay's controls appear in it once
      // the content script has read the task.
      await clickControl(page, 'TTCM Branded Content Details');
      await waitForControl(page, 'Copy invite link');
    }

    await clickControl(page, 'Open overview');
    const overview = await waitForExtensionPage('overview.html');
    expect(await overview.evaluate('location.href')).toMatch(/^moz-extension:\/\/[^/]+\/overview\.html$/);

    const ROWS = `[...document.querySelectorAll('tbody tr:not([aria-hidden="true"])')]`;
    const rows = () => overview.evaluate(`${ROWS}.map((tr) => [...tr.cells].slice(1, 11).map((td) => td.textContent))`) as Promise<string[][]>;
    await overview.waitForFunction(`${ROWS}.length === 2`, { timeout: 5000 });
    const expected = TRACKED.map(({ campaignId, taskId }) => {
      const task = discovered(campaignId, taskId);
      return [task.campaignName, task.brand, task.taskName, task.impactStatus, task.inviteLink, task.campaignCode];
    });
    // Campaign, brand, account, task, state, due date, status, invite link, code, last attempt.
    const found = (await rows()).map((cells) => [cells[0], cells[1], cells[3], cells[6], cells[7], cells[8]]);
    expect(found).toEqual(expected);
    expect((await rows()).map((cells) => cells[9])).toEqual(['never', 'never']);
    // State and due date: read, not started yet, each with the page's due date.
    const shown = await rows();
    expect(shown.map((cells) => cells[4])).toEqual(['Not started', 'Not started']);
    TRACKED.forEach(({ campaignId, taskId }, i) => expect(shown[i]![5]).toContain(discovered(campaignId, taskId).dueDate!));

    await overview.type('input[type="search"]', 'hearth');
    await overview.waitForFunction(`${ROWS}.length === 1`, { timeout: 5000 });
    expect((await rows())[0]![0]).toContain('Holiday Gift Guide 2026');

    // The head the worker stores with the tracker: same revision, both tasks, the page done with it.
    // The head is stored as JSON text.
    // Its tasks are stored in slots (utils/tracker/head.ts), each at the revision the head names.
    const head = (await overview.evaluate(`browser.storage.local.get(null).then((got) => {
      const h = typeof got.trackerHead === 'string' ? JSON.parse(got.trackerHead) : undefined;
      let tasks = 0;
      if (h) h.slotRevs.forEach((rev, i) => {
        const slot = JSON.parse(got['trackerHeadTasks:' + i]);
        tasks += slot.rev === rev ? slot.tasks.length : NaN;
      });
      return { rev: got['tracker$'] && got['tracker$'].rev, headRev: h && h.rev, total: h && h.total, tasks };
    })`)) as Record<string, number>;
    expect(head).toMatchObject({ total: 2, tasks: 2 });
    expect(head.headRev).toBe(head.rev);
    expect(await overview.evaluate(`document.querySelector('main').dataset.complete`)).toBe('true');
  });
});
