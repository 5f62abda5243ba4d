/**
 * The whole creator flow on fixed markup-fuzzer seeds, in Chromium on the production build
 * (tests/e2e/fuzz-seeds.ts lists the seeds, fuzz-flow-shared.ts the flow): copy exact, the QR
 * code decodes, the popup lists the task, Mark as posted → one Retrieve my post for that task and
 * none for its sibling, then copy and QR on the Participating tile. One browser for the file.
 *
 * `FUZZ_QR_SCREENSHOT=/tmp/fuzz-qr.png` saves the page with the QR dialog open on the iframe-modal seed.
 */
import { describe, it } from 'vitest';
import { chromiumSuite } from './extension-driver';
import { fuzzFlowSeeds } from './fuzz-seeds';
import { runFuzzFlow } from './fuzz-flow-shared';

const QR_SCREENSHOT = process.env.FUZZ_QR_SCREENSHOT;
const suite = chromiumSuite();

describe('the creator flow on fixed fuzzer seeds (Chromium)', () => {
  for (const entry of fuzzFlowSeeds()) {
    it(`seed ${entry.seed}: ${entry.covers}`, async () => {
      const screenshot = QR_SCREENSHOT && entry.options.container === 'iframe-modal' ? QR_SCREENSHOT : undefined;
      await runFuzzFlow(suite.driver, entry, { qrScreenshot: screenshot });
    });
  }
});
