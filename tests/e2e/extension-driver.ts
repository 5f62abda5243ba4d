/**
 * A small driver for scenarios written once and run in both browsers: code run with the
 * extension's own API in one of its contexts, however each browser lets a test reach one.
 *
 * - Chromium: the service worker itself (Playwright reaches it).
 * - Firefox: an extension page (the overview, opened from the overlay: Firefox will not let a
 *   test reach the background or open moz-extension:// pages; firefox-pages.ts).
 *
 * The function is sent there as text and runs there: it finds the API as `self.browser`
 * (Firefox) or `self.chrome` (Chromium), and nothing of the module it was written in.
 */
import type { Worker } from 'playwright-core';
import type { Page } from 'puppeteer-core';

export interface ExtensionDriver {
  readonly browserName: 'chromium' | 'firefox';
  /** Run `fn(arg)` in an extension context; `arg` and the result cross as JSON. */
  inExtension<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<Awaited<R>>;
}

export function chromiumDriver(worker: Worker): ExtensionDriver {
  return { browserName: 'chromium', inExtension: (fn, arg) => worker.evaluate(fn as never, arg as never) };
}

export function firefoxDriver(extensionPage: Page): ExtensionDriver {
  return { browserName: 'firefox', inExtension: (fn, arg) => extensionPage.evaluate(fn as never, arg as never) as never };
}
