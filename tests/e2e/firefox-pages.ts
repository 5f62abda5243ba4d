/**
 * Shared pieces of the Firefox e2e tests (puppeteer over WebDriver BiDi): finding and pressing
 * controls the way a creator sees them (ours live in open shadow roots), a replica task's View
 * Task Details opened with real clicks, and extension pages. Firefox will not let the test open
 * moz-extension:// pages, so the overview is opened the way a creator opens it from impact.com: the overlay's Open
 * overview, which has the extension open the page (a page the test may then drive).
 */
import type { ElementHandle, JSHandle, Page } from 'puppeteer-core';
import { IMPACT, replicaUrls, type FirefoxSession } from './harness';
import { DEEP_QUERY_SOURCE, task, type Family } from './overlay-shared';
import { SUMMER_GLOW, pageUrls, waitFor } from './retrieve-data';

export async function openPage(session: FirefoxSession, url: string, options?: { window?: boolean }): Promise<Page> {
  const page = await session.browser.newPage(options?.window ? { type: 'window' } : undefined);
  await page.goto(url);
  return page;
}

/** Polls `read` until `ok` accepts its value, and returns it; fails naming `what` and the last value after `ms`. */
export async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean | Promise<boolean>, what: string, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (await ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last value: ${v !== null && typeof v === 'object' ? String(v) : JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * An impact.com (replica) page with the in-page deep query (`__deep`, `__buttons`: overlay-shared.ts),
 * in a new tab (or a window of its own). `prepare` runs on it before it loads (viewport).
 */
export async function openReplicaPage(session: FirefoxSession, path: string, prepare?: (page: Page) => Promise<void>, inWindow?: boolean): Promise<Page> {
  const page = await session.browser.newPage(inWindow ? { type: 'window' } : undefined);
  await prepare?.(page);
  await page.goto(IMPACT + path);
  await page.evaluate(DEEP_QUERY_SOURCE);
  return page;
}

/** For until(): an in-page handle that found something. */
export const notNull = (h: JSHandle<unknown>) => h.evaluate((x: unknown) => x !== null);

/**
 * Opens View Task Details of one scenario task the way its family allows (its own page, or
 * the row's View Task Details on Manage Tasks) and expands the TTCM drop-down, with real clicks.
 * `prepare` runs on the new tab before it loads (viewport).
 */
export async function openTaskDetails(session: FirefoxSession, family: Family, taskId: string, prepare?: (page: Page) => Promise<void>): Promise<Page> {
  const { campaign, task: t } = task(taskId);
  const u = await replicaUrls(session.replica, family, campaign.id, taskId);
  const page = await openReplicaPage(session, u.taskDetails ?? u.manageTasks, prepare);
  // Each step finds its control afresh: the hashed family re-renders (replaces) them every 1.5 s.
  if (!u.taskDetails) {
    await until(
      () =>
        page.evaluate((name) => {
          const rows = Array.from(document.querySelectorAll('div')).filter((d) => Array.from(d.children).some((c) => c.textContent === name));
          const view = rows.flatMap((r) => Array.from(r.querySelectorAll('[role="button"]'))).find((b) => b.textContent === 'View Task Details') as HTMLElement | undefined;
          view?.click();
          return Boolean(view);
        }, t.name),
      Boolean,
      'View Task Details',
    );
  }
  const toggleState = () =>
    page.evaluate(() => {
      const toggle = Array.from(document.querySelectorAll('summary, [aria-expanded]')).find((b) => b.textContent?.includes('TTCM Branded Content Details'));
      if (!toggle) return 'none';
      return (toggle.localName === 'summary' ? (toggle.parentElement as HTMLDetailsElement).open : toggle.getAttribute('aria-expanded') === 'true') ? 'open' : 'closed';
    });
  await until(
    async () => {
      const state = await toggleState();
      if (state !== 'closed') return state === 'open';
      const handle = await page.evaluateHandle(() => Array.from(document.querySelectorAll('summary, [aria-expanded]')).find((b) => b.textContent?.includes('TTCM Branded Content Details')) ?? null);
      // A toggle replaced between finding and clicking it is found again on the next round.
      await (handle.asElement() as ElementHandle<Element> | null)?.click().catch(() => undefined);
      return false;
    },
    Boolean,
    'the TTCM toggle',
  );
  await until(() => page.evaluate(() => (window as unknown as { __deep(s: string): Element[] }).__deep('*').some((e) => e.childNodes.length === 1 && e.textContent?.trim() === 'Campaign code')), Boolean, 'the expanded section');
  return page;
}

/** A visible button (ours or the page's, inside open shadow roots too) whose name starts with `name`. */
export async function findControl(page: Page, name: string): Promise<ElementHandle<Element> | null> {
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

export async function control(page: Page, name: string): Promise<ElementHandle<Element>> {
  return waitFor(`"${name}" on the page`, () => findControl(page, name));
}

/** The creator opens the TTCM drop-down (if it is closed) and finds one of our buttons there. */
export async function ttcmControl(page: Page, name: string): Promise<ElementHandle<Element>> {
  const toggle = await control(page, 'TTCM Branded Content Details');
  const expanded = await toggle.evaluate((el) =>
    el.localName === 'summary' ? (el.parentElement as HTMLDetailsElement).open : el.getAttribute('aria-expanded') === 'true',
  );
  if (!expanded) await toggle.click();
  return control(page, name);
}

/** The creator opens the TTCM drop-down (if it is closed) and presses one of our buttons there. */
export async function pressInTtcm(page: Page, name: string): Promise<void> {
  await (await ttcmControl(page, name)).click();
}

/** A page of ours the extension opened. Puppeteer reports moz-extension pages as about:blank: each page is asked where it is. */
export async function extensionPage(session: FirefoxSession, file: 'overview.html' | 'popup.html'): Promise<Page> {
  return waitFor(`the ${file} the extension opened`, async () => {
    for (const candidate of await session.browser.pages()) {
      const href = await candidate.evaluate(() => location.href).catch(() => '');
      if (href.startsWith('moz-extension://') && href.endsWith(`/${file}`)) return candidate;
    }
    return null;
  });
}

/** Opens Summer Glow's task page, presses Open overview there, and returns the overview (the task page is closed again). */
export async function openOverview(session: FirefoxSession): Promise<Page> {
  const page = await openPage(session, pageUrls('semantic', SUMMER_GLOW.campaignId, SUMMER_GLOW.taskId).task);
  await pressInTtcm(page, 'Open overview');
  const overview = await extensionPage(session, 'overview.html');
  await page.close();
  return overview;
}
