/**
 * Puppeteer 25 speaks the WebDriver BiDi of current Firefox; Debian's Firefox ESR (140, what
 * CI installs) lacks three things it uses. Each is worked around here, once per session, and
 * only when the browser refuses with that exact error, so a newer Firefox runs Puppeteer's own
 * code untouched:
 *
 * - `emulation.setScreenOrientationOverride`, sent by `page.setViewport` beside
 *   `browsingContext.setViewport`: the size is set all the same; the orientation (never used
 *   here) is not.
 * - the `context` locator of `browsingContext.locateNodes`, which `frame.frameElement()` uses
 *   to place an element of a child frame (the iframe modal) on the page for a hover or click:
 *   Puppeteer's generic way (the parent frame's iframes, each one's `contentWindow`) is used.
 * - a new tab while the most recent window is not a browser window (a notification is a
 *   window of its own on Linux): Firefox 140 looks for the tab strip in that window and fails
 *   ("TabManager.getTabBrowser(...) is undefined"; later versions pick the last browser
 *   window). The page opens in a window of its own instead.
 */
import type { Browser, Frame, Page } from 'puppeteer-core';

const patched = new WeakSet<object>();

/** Replaces a prototype's method by a wrapper of it, unless a wrapper is already there (a second session). */
function patchOnce<T extends object, K extends keyof T>(proto: T, name: K, wrap: (original: T[K]) => T[K]): void {
  if (patched.has(proto[name] as object)) return;
  const next = wrap(proto[name]);
  patched.add(next as object);
  proto[name] = next;
}

const refused = (error: unknown, what: RegExp) => what.test(String((error as Error)?.message ?? error));

export async function tolerateFirefoxEsr(browser: Browser): Promise<void> {
  const [page] = await browser.pages();
  if (!page) return;
  const pageProto = Object.getPrototypeOf(page) as Page;
  const frameProto = Object.getPrototypeOf(page.mainFrame()) as Frame;
  const genericFrame = Object.getPrototypeOf(frameProto) as Frame;
  const browserProto = Object.getPrototypeOf(browser) as Browser;

  patchOnce(pageProto, 'setViewport', (original) =>
    async function (this: Page, viewport) {
      try {
        await original.call(this, viewport);
      } catch (error) {
        if (!refused(error, /setScreenOrientationOverride/) || !viewport) throw error;
        // The size was sent alongside: wait until the page has it.
        const end = Date.now() + 5_000;
        while ((await this.evaluate(() => window.innerWidth)) !== viewport.width && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
      }
    },
  );
  patchOnce(frameProto, 'frameElement', (original) =>
    async function (this: Frame) {
      try {
        return await original.call(this);
      } catch (error) {
        if (!refused(error, /locator\.type/)) throw error;
        return genericFrame.frameElement.call(this);
      }
    },
  );
  patchOnce(browserProto, 'newPage', (original) =>
    async function (this: Browser, options) {
      try {
        return await original.call(this, options);
      } catch (error) {
        if (!refused(error, /getTabBrowser/) || options?.type === 'window') throw error;
        return original.call(this, { ...options, type: 'window' });
      }
    },
  );
}
