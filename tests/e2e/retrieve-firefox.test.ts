/**
 * "Retrieve my post" on the creator's behalf, in Firefox on the production build against the
 * replica. Firefox will not let the test open moz-extension:// pages, so everything starts on
 * impact.com: the overlay's own Mark as posted, and its Open overview, which has the extension
 * open its overview page (a page the test may then drive).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ElementHandle, Page, Target } from 'puppeteer-core';
import { launchFirefox, type FirefoxSession } from './harness';
import { SUMMER_GLOW, TWO_VIDEOS, pageUrls, resetReplica, retrieveRequests, waitFor, type Family } from './retrieve-data';
import type { TrackedTask } from '../../utils/tracker/schema';

/** The extension APIs the overview-side callbacks below use. */
declare const browser: {
  runtime: { sendMessage(message: unknown): Promise<{ ok: boolean; error?: string }> };
  storage: { local: { get(key: string): Promise<Record<string, unknown>>; clear(): Promise<void> } };
  alarms: { clearAll(): Promise<boolean> };
};

let session: FirefoxSession;
/** The overview page, opened by the extension itself from the overlay's Open overview. */
let overview: Page;

async function open(url: string): Promise<Page> {
  const page = await session.browser.newPage();
  await page.goto(url);
  return page;
}

/** A visible button (ours or the page's, inside open shadow roots too) whose name starts with `name`. */
async function findControl(page: Page, name: string): Promise<ElementHandle<Element> | null> {
  const handle = await page.evaluateHandle((wanted) => {
    const named = (el: Element) => {
      const label = (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim();
      return label === wanted || label.startsWith(`${wanted} `);
    };
    const visit = (root: Document | ShadowRoot): Element | null => {
      for (const el of root.querySelectorAll('*')) {
        if (el.matches('button, summary, [role="button"]') && named(el)) return el;
        const inner = el.shadowRoot ? visit(el.shadowRoot) : null;
        if (inner) return inner;
      }
      return null;
    };
    return visit(document);
  }, name);
  const element = handle.asElement() as ElementHandle<Element> | null;
  return element && (await element.isVisible()) ? element : null;
}

async function control(page: Page, name: string): Promise<ElementHandle<Element>> {
  return waitFor(`"${name}" on the page`, () => findControl(page, name));
}

/** The page's visible text, shadow roots included (the overlay's "Tracker: …" line lives there). */
async function pageText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = [];
    const visit = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) visit(el.shadowRoot);
      parts.push(root instanceof Document ? (root.body?.innerText ?? '') : (root.textContent ?? ''));
    };
    visit(document);
    return parts.join('\n');
  });
}

async function showsOnPage(page: Page, text: string, ms?: number): Promise<void> {
  await waitFor(`"${text}" on the page`, async () => (await pageText(page)).includes(text), ms);
}

/** The creator opens the TTCM drop-down (if it is closed) and presses one of our buttons there. */
async function pressInTtcm(page: Page, name: string): Promise<void> {
  const toggle = await control(page, 'TTCM Branded Content Details');
  const expanded = await toggle.evaluate((el) =>
    el.localName === 'summary' ? (el.parentElement as HTMLDetailsElement).open : el.getAttribute('aria-expanded') === 'true',
  );
  if (!expanded) await toggle.click();
  await (await control(page, name)).click();
}

async function send(message: unknown): Promise<{ ok: boolean; error?: string }> {
  return overview.evaluate((m) => browser.runtime.sendMessage(m), message);
}

async function tasks(): Promise<Record<string, TrackedTask>> {
  return overview.evaluate(async () => ((await browser.storage.local.get('tracker')).tracker as { tasks?: Record<string, TrackedTask> } | undefined)?.tasks ?? {});
}

async function recordedKey(taskId: string): Promise<string> {
  return waitFor(`the content script to record task ${taskId}`, async () => Object.values(await tasks()).find((t) => t.taskId === taskId)?.key);
}

async function stateOf(key: string, state: TrackedTask['state'], ms?: number): Promise<TrackedTask> {
  return waitFor(`the task to be "${state}"`, async () => {
    const task = (await tasks())[key];
    return task?.state === state ? task : null;
  }, ms);
}

beforeAll(async () => {
  session = await launchFirefox();
  const page = await open(pageUrls('semantic', SUMMER_GLOW.campaignId, SUMMER_GLOW.taskId).task);
  await pressInTtcm(page, 'Open overview');
  // Puppeteer reports moz-extension pages as about:blank: ask each page where it is.
  overview = await waitFor('the overview the extension opened', async () => {
    for (const candidate of await session.browser.pages()) {
      const href = await candidate.evaluate(() => location.href).catch(() => '');
      if (href.startsWith('moz-extension://') && href.endsWith('/overview.html')) return candidate;
    }
    return null;
  });
  await page.close();
});
afterAll(async () => {
  await session?.close();
});

beforeEach(async () => {
  for (const page of await session.browser.pages()) if (page !== overview && page.url() !== 'about:blank') await page.close();
  await overview.evaluate(async () => {
    await browser.storage.local.clear();
    await browser.alarms.clearAll();
  });
  await resetReplica(session.replica);
});

describe('Retrieve my post (Firefox)', () => {
  it('with the task tab open: exactly one retrieve for that task, and the tracker shows Submitted', async () => {
    const tab = await open(pageUrls('semantic', SUMMER_GLOW.campaignId, SUMMER_GLOW.taskId).task);
    const key = await recordedKey(SUMMER_GLOW.taskId);
    await pressInTtcm(tab, 'Mark as posted');

    await showsOnPage(tab, 'Tracker: Submitted');
    expect((await stateOf(key, 'submitted')).retrieve.attempts).toBe(1);
    expect((await retrieveRequests(session.replica)).map((r) => [r.taskId, r.outcome])).toEqual([[SUMMER_GLOW.taskId, 'success']]);
    await showsOnPage(tab, 'Your TikTok post was retrieved and submitted for approval.');
  });

  it('with no tab open: a tab is opened in the background, the request arrives, the tab is closed', async () => {
    const family: Family = 'uicl';
    const earlier = await open(pageUrls(family, SUMMER_GLOW.campaignId, SUMMER_GLOW.taskId).task);
    const key = await recordedKey(SUMMER_GLOW.taskId);
    const taskUrl = (await tasks())[key]!.taskUrl;
    await earlier.close();

    const created: Target[] = [];
    const destroyed: Target[] = [];
    const onCreated = (t: Target) => void created.push(t);
    const onDestroyed = (t: Target) => void destroyed.push(t);
    session.browser.on('targetcreated', onCreated);
    session.browser.on('targetdestroyed', onDestroyed);
    try {
      // The creator presses Mark as posted in the overview.
      expect(await send({ type: 'markPosted', key })).toMatchObject({ ok: true });
      await stateOf(key, 'submitted');
      expect((await retrieveRequests(session.replica)).map((r) => r.taskId)).toEqual([SUMMER_GLOW.taskId]);
      const tab = await waitFor('the tab the extension opened', async () => created.find((t) => t.url() === taskUrl));
      await waitFor('that tab to be closed', async () => destroyed.includes(tab));
    } finally {
      session.browser.off('targetcreated', onCreated);
      session.browser.off('targetdestroyed', onDestroyed);
    }
    expect((await tasks())[key]?.retrieve.openedTabId).toBeUndefined();
  });

  it('"not found" twice, then success: Retry scheduled, then Submitted after the retries', async () => {
    await resetReplica(session.replica, { retrieve: { notFoundTimes: 2 } });
    expect(await send({ type: 'updateSettings', settings: { autoRetrieve: true, retry: { delaysMinutes: [0.05], giveUpAfterHours: 1 } } })).toMatchObject({ ok: true });
    const tab = await open(pageUrls('semantic', SUMMER_GLOW.campaignId, SUMMER_GLOW.taskId).task);
    const key = await recordedKey(SUMMER_GLOW.taskId);
    await pressInTtcm(tab, 'Mark as posted');

    const scheduled = await stateOf(key, 'retryScheduled');
    expect(scheduled.retrieve.lastOutcome).toContain("We couldn't find your TikTok post yet.");
    const done = await stateOf(key, 'submitted', 60_000);
    expect(done.retrieve.attempts).toBe(3);
    expect(done.history.filter((h) => h.event === 'retrieveNotYet')).toHaveLength(2);
    expect((await retrieveRequests(session.replica)).map((r) => r.outcome)).toEqual(['notFound', 'notFound', 'success']);
    await showsOnPage(tab, 'Tracker: Submitted');
  });

  it('two TikTok tasks on one campaign: only the marked one is retrieved', async () => {
    const family: Family = 'semantic';
    for (const { taskId } of [TWO_VIDEOS.unboxing, TWO_VIDEOS.styling]) {
      const page = await open(pageUrls(family, TWO_VIDEOS.campaignId, taskId).task);
      await recordedKey(taskId);
      await page.close();
    }
    const unboxing = await recordedKey(TWO_VIDEOS.unboxing.taskId);
    const styling = await recordedKey(TWO_VIDEOS.styling.taskId);
    // The creator has the campaign's task list open and marks one task in the overview.
    await open(pageUrls(family, TWO_VIDEOS.campaignId).manageTasks);
    expect(await send({ type: 'markPosted', key: styling })).toMatchObject({ ok: true });

    await stateOf(styling, 'submitted');
    expect((await retrieveRequests(session.replica)).map((r) => r.taskId)).toEqual([TWO_VIDEOS.styling.taskId]);
    expect((await tasks())[unboxing]?.state).toBe('notStarted');
  });
});
