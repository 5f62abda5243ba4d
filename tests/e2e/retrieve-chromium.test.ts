/**
 * "Retrieve my post" on the creator's behalf, in Chromium on the production build against
 * the replica: the scenarios of retrieve-scenario.ts. Chromium's own part: between the two
 * "not found" tries the test stops the service worker (CDP), and the retries are carried out
 * by a new one.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { startClean, stopWorker, workerIsNew } from './chromium-pages';
import { chromiumSuite } from './extension-driver';
import { noTabOpenScenario, notFoundTwiceScenario, taskTabOpenScenario, twoTasksOneCampaignScenario } from './retrieve-scenario';

/** With an extension page kept open: startClean clears storage there between tests. */
const suite = chromiumSuite({ open: 'popup' });

beforeEach(() => startClean(suite.session, suite.page));

describe('Retrieve my post (Chromium)', () => {
  it('with the task tab open: exactly one retrieve for that task, and the tracker shows Submitted', async () => {
    await taskTabOpenScenario(suite.driver);
  });

  it('with no tab open: a tab is opened in the background, the request arrives, the tab is closed', async () => {
    await noTabOpenScenario(suite.driver);
  });

  it('"not found" twice, the service worker stopped between tries: Retry scheduled, then Submitted', async () => {
    await notFoundTwiceScenario(suite.driver, {
      delayMinutes: 0.15,
      // Stop the worker between the tries: only the alarm and storage are left to carry on.
      betweenTries: () => stopWorker(suite.session, suite.page),
      // The retries were carried out by a new worker, not the stopped one.
      afterwards: async () => expect(await workerIsNew(suite.session)).toBe(true),
    });
  });

  it('two TikTok tasks on one campaign: only the marked one is retrieved', async () => {
    await twoTasksOneCampaignScenario(suite.driver);
  });
});
