/**
 * "Retrieve my post" on the creator's behalf, in Chromium on the production build against
 * the replica: the scenarios of retrieve-scenario.ts. Chromium's own part: between the two
 * "not found" tries the test stops the service worker (CDP), and the retries are carried out
 * by a new one.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type ChromiumSession } from './harness';
import { startClean, stopWorker, workerIsNew } from './chromium-pages';
import { chromiumDriver, type ExtensionDriver } from './extension-driver';
import { noTabOpenScenario, notFoundTwiceScenario, taskTabOpenScenario, twoTasksOneCampaignScenario } from './retrieve-scenario';

let session: ChromiumSession;
let driver: ExtensionDriver;
/** An extension page kept open: startClean clears storage there between tests. */
let ext: Page;

beforeAll(async () => {
  session = await launchChromium();
  driver = chromiumDriver(session);
  ext = await session.extensionPage('popup.html');
});
afterAll(async () => {
  await session?.close();
});

beforeEach(() => startClean(session, ext));

describe('Retrieve my post (Chromium)', () => {
  it('with the task tab open: exactly one retrieve for that task, and the tracker shows Submitted', async () => {
    await taskTabOpenScenario(driver);
  });

  it('with no tab open: a tab is opened in the background, the request arrives, the tab is closed', async () => {
    await noTabOpenScenario(driver);
  });

  it('"not found" twice, the service worker stopped between tries: Retry scheduled, then Submitted', async () => {
    await notFoundTwiceScenario(driver, {
      delayMinutes: 0.15,
      // Stop the worker between the tries: only the alarm and storage are left to carry on.
      betweenTries: () => stopWorker(session, ext),
      // The retries were carried out by a new worker, not the stopped one.
      afterwards: async () => expect(await workerIsNew(session)).toBe(true),
    });
  });

  it('two TikTok tasks on one campaign: only the marked one is retrieved', async () => {
    await twoTasksOneCampaignScenario(driver);
  });
});
