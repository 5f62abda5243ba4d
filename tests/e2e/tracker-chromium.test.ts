/**
 * The tracker pages in Chromium on the production build: the scenarios of tracker-scenario.ts,
 * in order, on one browser (each builds on the tasks and ticks of the one before).
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { launchChromium, type ChromiumSession } from './harness';
import { chromiumDriver, type DriverPage, type ExtensionDriver } from './extension-driver';
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

let session: ChromiumSession;
let driver: ExtensionDriver;
let popup: DriverPage;
let overview: DriverPage;

beforeAll(async () => {
  session = await launchChromium();
  driver = chromiumDriver(session);
});
afterAll(async () => {
  await session?.close();
});

describe('tracker pages (Chromium)', () => {
  it('the popup picks up both campaigns, and the page’s Open overview shows one row per discovered task', async () => {
    const found = await discoverScenario(driver);
    popup = found.popup;
    await overviewFromPageScenario(driver, found.page);
  });

  it('the popup ticks steps, shows the QR code and the campaign code path', async () => {
    await popupStepsScenario(popup);
  });

  it('follows the system light/dark setting', async () => {
    await darkModeScenario(popup);
  });

  it('Open overview shows one row per task, updates live, searches and filters', async () => {
    overview = await overviewFromPopupScenario(driver, popup);
  });

  it('Export CSV downloads the rows shown, exactly', async () => {
    await exportScenario(overview);
  });

  it('the worker stores the head with every write, and rebuilds it when a tool writes the tracker', async () => {
    await headRebuildScenario(driver);
  });

  it('the popup paints its first page from the head, and the whole tracker gives the same page', async () => {
    await firstPageScenario(driver);
  });
});
