/**
 * Refresh all in Chromium on the production build against the replica: refresh-scenario.ts on
 * the semantic and hashed families (uicl and a fuzz seed with a details iframe: refresh-firefox).
 * Chromium's own part: the first walk has its service worker stopped mid-walk (CDP), and a new
 * worker carries on from storage.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { resetReplica } from './retrieve-data';
import { stopWorker, workerIsNew } from './chromium-pages';
import { walkName, walksFromEnv } from './refresh-data';
import { chromiumSuite } from './extension-driver';
import { refreshAllScenario } from './refresh-scenario';

const WALKS = walksFromEnv(['semantic', 'hashed']);
const suite = chromiumSuite();
beforeAll(() => resetReplica(suite.session.replica));

describe('Refresh all (Chromium)', () => {
  it.each(WALKS.map((family, i) => ({ family, name: walkName(family), stopped: i === 0 })))('$name: lists every TikTok task of every TikTok campaign, presses nothing (worker stopped mid-walk: $stopped)', async ({ family, stopped }) => {
    const { session, driver } = suite;
    await refreshAllScenario(
      driver,
      family,
      stopped
        ? {
            // Stop the worker mid-walk: a new one carries on from storage.
            midWalk: () => stopWorker(session, session.context.pages().findLast((page) => page.url().endsWith('/overview.html'))!),
            // The walk was finished by a new worker, not the stopped one.
            afterwards: async () => expect(await workerIsNew(session)).toBe(true),
          }
        : {},
    );
  }, 300_000);
});
