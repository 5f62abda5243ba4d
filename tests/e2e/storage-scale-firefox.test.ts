/**
 * 50,000 tasks in Firefox on the production build (issue 16): the scenario of
 * storage-scale-scenario.ts, without `unlimitedStorage` (Firefox's storage.local has no 10 MB
 * limit), with extension code run in the overview opened from impact.com (which records that
 * page's task: one more, counted by the scenario).
 */
import { describe, it } from 'vitest';
import { firefoxSuite } from './extension-driver';
import { fiftyThousandTasksScenario } from './storage-scale-scenario';

const suite = firefoxSuite();

describe('50,000 tasks (Firefox)', () => {
  it('are stored in buckets; the popup ticks a step and the overview counts them all', async () => {
    // At the tab's own size (only Chromium's file sizes the popup tab).
    await fiftyThousandTasksScenario(suite.driver);
  }, 600_000);
});
