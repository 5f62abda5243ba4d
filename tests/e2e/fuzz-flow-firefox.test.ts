/**
 * The whole creator flow on fixed markup-fuzzer seeds, in Firefox (puppeteer over WebDriver BiDi)
 * on the production build (tests/e2e/fuzz-seeds.ts lists the seeds, fuzz-flow-shared.ts the
 * flow): copy exact, the QR code decodes, the popup lists the task, Mark as posted → one Retrieve
 * my post for that task and none for its sibling, then copy and QR on the Participating tile.
 * One browser for the file. Firefox will not let the test open moz-extension:// pages: the
 * overview is opened from impact.com's Open overview (firefox-pages.ts), and the popup, as a page
 * of its own, by the overview (tabs.create).
 */
import { describe, it } from 'vitest';
import { firefoxSuite } from './extension-driver';
import { fuzzFlowSeeds } from './fuzz-seeds';
import { runFuzzFlow } from './fuzz-flow-shared';

const suite = firefoxSuite();

describe('the creator flow on fixed fuzzer seeds (Firefox)', () => {
  for (const entry of fuzzFlowSeeds()) {
    it(`seed ${entry.seed}: ${entry.covers}`, async () => {
      await runFuzzFlow(suite.driver, entry);
    });
  }
});
