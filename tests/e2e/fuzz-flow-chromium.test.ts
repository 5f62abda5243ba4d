/**
 * The whole creator flow on fixed markup-fuzzer seeds, in Chromium on the production build
 * (tests/e2e/fuzz-seeds.ts lists the seeds, fuzz-flow-shared.ts the flow): copy exact, the QR
 * code decodes, the popup lists the task, Mark as posted → one Retrieve my post for that task and
 * none for its sibling, then copy and QR on the Participating tile. One browser for the file.
 *
 * `FUZZ_QR_SCREENSHOT=/tmp/fuzz-qr.png` saves the page with the QR dialog open on the iframe-modal seed.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { ElementHandle, Frame, Page } from 'playwright-core';
import { IMPACT, launchChromium, type ChromiumSession } from './harness';
import { startClean, storedTasks } from './chromium-pages';
import { fuzzFlowSeeds } from './fuzz-seeds';
import { inPage, runFuzzFlow, type FlowBrowser, type FlowElement, type FlowFrame, type FlowTab } from './fuzz-flow-shared';

const QR_SCREENSHOT = process.env.FUZZ_QR_SCREENSHOT;
const ACTION_TIMEOUT = 10_000;

let session: ChromiumSession;
/** An extension page kept open: reads and clears the extension's storage. */
let ext: Page;

function elementOf(handle: ElementHandle): FlowElement {
  return {
    click: () => handle.click({ timeout: ACTION_TIMEOUT }),
    hover: () => handle.hover({ timeout: ACTION_TIMEOUT }),
    screenshot: () => handle.screenshot({ timeout: ACTION_TIMEOUT }),
  };
}

function frameOf(frame: Frame): FlowFrame {
  return {
    run: <T,>(op: Parameters<FlowFrame['run']>[0], arg?: unknown) => frame.evaluate(inPage(op, arg)) as Promise<T>,
    async element(op, arg) {
      const handle = await frame.evaluateHandle(inPage(op, arg));
      const el = handle.asElement();
      if (!el) await handle.dispose();
      return el ? elementOf(el as ElementHandle) : null;
    },
  };
}

function tabOf(page: Page): FlowTab {
  return {
    top: () => frameOf(page.mainFrame()),
    frames: async () => [page.mainFrame(), ...page.frames().filter((f) => f !== page.mainFrame())].map(frameOf),
    press: (key) => page.keyboard.press(key),
    screenshot: async (file) => void (await page.screenshot({ path: file })),
    close: () => page.close(),
  };
}

const chromiumFlow: FlowBrowser = {
  name: 'Chromium',
  get replica() {
    return session.replica;
  },
  open: async (url) => tabOf(await session.newPage(url)),
  openPopup: async () => tabOf(await session.extensionPage('popup.html')),
  trackedTasks: () => storedTasks(ext),
  reset: () => startClean(session, ext),
};

beforeAll(async () => {
  session = await launchChromium();
  await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: IMPACT });
  ext = await session.extensionPage('popup.html');
});
afterAll(async () => {
  await session?.close();
});

describe('the creator flow on fixed fuzzer seeds (Chromium)', () => {
  for (const entry of fuzzFlowSeeds()) {
    it(`seed ${entry.seed}: ${entry.covers}`, async () => {
      const screenshot = QR_SCREENSHOT && entry.options.container === 'iframe-modal' ? QR_SCREENSHOT : undefined;
      await runFuzzFlow(chromiumFlow, entry, { qrScreenshot: screenshot });
    });
  }
});
