/**
 * The tracker pages in Chromium on the production build: the scenarios of tracker-scenario.ts,
 * in order, on one browser (each builds on the tasks and ticks of the one before).
 */
import { describe, it } from 'vitest';
import { chromiumSuite, type DriverPage } from './extension-driver';
import {
  darkModeScenario,
  discoverScenario,
  exportScenario,
  firstPageScenario,
  headRebuildScenario,
  overviewFromPageScenario,
  overviewFromPopupScenario,
  popupStepsScenario,
} from './tracker-scenario';

const suite = chromiumSuite();
let popup: DriverPage;
let overview: DriverPage;

describe('tracker pages (Chromium)', () => {
  it('the popup picks up both campaigns, and the page’s Open overview shows one row per discovered task', async () => {
    const found = await discoverScenario(suite.driver);
    popup = found.popup;
    await overviewFromPageScenario(suite.driver, found.page);
  });

  it('the popup ticks steps, shows the QR code and the campaign code path', async () => {
    await popupStepsScenario(popup);
  });

  it('follows the system light/dark setting', async () => {
    await darkModeScenario(popup);
  });

  it('Open overview shows one row per task, updates live, searches and filters', async () => {
    overview = await overviewFromPopupScenario(suite.driver, popup);
  });

  it('Export CSV downloads the rows shown, exactly', async () => {
    await exportScenario(overview);
  });

  it('the worker stores the head with every write, and rebuilds it when a tool writes the tracker', async () => {
    await headRebuildScenario(suite.driver);
  });

  it('the popup paints its first page from the head, and the whole tracker gives the same page', async () => {
    await firstPageScenario(suite.driver);
  });
});
