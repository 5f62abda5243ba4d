/**
 * 50,000 tasks in Chromium on the production build (issue 16): the scenario of
 * storage-scale-scenario.ts, with extension code run in the service worker. Chrome's
 * storage.local holds them because the extension has `unlimitedStorage` (10 MB otherwise).
 */
import { describe, it } from 'vitest';
import { chromiumSuite } from './extension-driver';
import { fiftyThousandTasksScenario } from './storage-scale-scenario';

const suite = chromiumSuite();

describe('50,000 tasks (Chromium)', () => {
  it('are stored in buckets; the popup ticks a step and the overview counts them all', async () => {
    await fiftyThousandTasksScenario(suite.driver, { width: 420, height: 600 });
  }, 600_000);
});
