/**
 * The tracker pages in Firefox on the production build: the scenarios of tracker-scenario.ts,
 * in order, on one browser (each builds on the tasks and ticks of the one before). Extension
 * code runs in an overview opened from the overlay (Firefox will not let a test open
 * moz-extension:// pages); opening it records Summer Glow's task, so the tracker is emptied
 * again before the scenarios start.
 */
import { beforeAll, describe, it } from 'vitest';
import { startClean } from './firefox-pages';
import { firefoxSuite, type DriverPage } from './extension-driver';
import {
  discoverScenario,
  exportScenario,
  headRebuildScenario,
  overviewFromPageScenario,
  overviewFromPopupScenario,
  popupStepsScenario,
} from './tracker-scenario';

const suite = firefoxSuite();
beforeAll(() => startClean(suite.session, suite.page));
let popup: DriverPage;
let overview: DriverPage;

describe('tracker pages (Firefox)', () => {
  it('the popup picks up both campaigns, and the page’s Open overview shows one row per discovered task', async () => {
    const found = await discoverScenario(suite.driver);
    popup = found.popup;
    await overviewFromPageScenario(suite.driver, found.page);
  });

  it('the popup ticks steps, shows the QR code and the campaign code path', async () => {
    await popupStepsScenario(popup);
  });

  // Not here: darkModeScenario. Puppeteer emulates prefers-color-scheme over CDP only, and this
  // Firefox's WebDriver BiDi has no emulation.setColorSchemeOverride ("unknown command"); the
  // popup's stylesheet is the same in both browsers.

  it('Open overview shows one row per task, updates live, searches and filters', async () => {
    overview = await overviewFromPopupScenario(suite.driver, popup);
  });

  it('Export CSV downloads the rows shown, exactly', async () => {
    await exportScenario(overview);
  });

  it('the background stores the head with every write, and rebuilds it when a tool writes the tracker', async () => {
    await headRebuildScenario(suite.driver);
  });

  // Not here: firstPageScenario. It watches the popup's first paint with a script run before
  // the page's own, and WebDriver BiDi's preload scripts (Puppeteer's evaluateOnNewDocument)
  // do not run in moz-extension:// pages (the popup loaded again without it); the popup's code
  // is the same in both browsers.
});
