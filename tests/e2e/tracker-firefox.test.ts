/**
 * The tracker pages in Firefox on the production build: the scenarios of tracker-scenario.ts,
 * in order, on one browser (each builds on the tasks and ticks of the one before). Extension
 * code runs in an overview opened from the overlay (Firefox will not let a test open
 * moz-extension:// pages); opening it records Summer Glow's task, so the tracker is emptied
 * again before the scenarios start.
 *
 * Not here:
 * - darkModeScenario. Puppeteer emulates prefers-color-scheme over CDP only, and this Firefox's
 *   WebDriver BiDi has no emulation.setColorSchemeOverride ("unknown command"); the popup's
 *   stylesheet is the same in both browsers.
 * - firstPageScenario. It watches the popup's first paint with a script run before the page's
 *   own, and WebDriver BiDi's preload scripts (Puppeteer's evaluateOnNewDocument) do not run in
 *   moz-extension:// pages (the popup loaded again without it); the popup's code is the same in
 *   both browsers.
 */
import { beforeAll, describe } from 'vitest';
import { firefoxSuite } from './extension-driver';
import { trackerTests } from './tracker-scenario';

const suite = firefoxSuite();
beforeAll(() => suite.driver.startClean());

describe('tracker pages (Firefox)', () => {
  trackerTests(suite, { darkMode: false, firstPage: false, background: 'background' });
});
