/**
 * Refresh all in Firefox on the production build against the replica: refresh-scenario.ts on
 * the UICL-style family (hash routing, shadow roots, actions shown on hover) and on fuzz seed 61
 * (task details in an iframe modal; the semantic and hashed walks are refresh-chromium's).
 * Extension code runs in an overview opened from the overlay (Firefox will not let the test
 * open moz-extension:// pages); each walk empties storage first.
 * Not here: stopping the background mid-walk (Chromium stops its worker over CDP; Firefox has no
 * such command, and unloads an idle event page only after its idle timeout, while a walk keeps
 * it busy).
 */
import { describe, it } from 'vitest';
import { walkName, walksFromEnv } from './refresh-data';
import { firefoxSuite } from './extension-driver';
import { refreshAllScenario } from './refresh-scenario';

const WALKS = walksFromEnv(['uicl', { fuzzSeed: 61 }]);
const suite = firefoxSuite();

describe('Refresh all (Firefox)', () => {
  it.each(WALKS.map((family) => ({ family, name: walkName(family) })))('$name: lists every TikTok task of every TikTok campaign and presses nothing', async ({ family }) => {
    await refreshAllScenario(suite.driver, family);
  }, 300_000);
});
