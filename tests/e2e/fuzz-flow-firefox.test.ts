/**
 * The whole creator flow on fixed markup-fuzzer seeds, in Firefox (puppeteer over WebDriver BiDi)
 * on the production build (tests/e2e/fuzz-seeds.ts lists the seeds, fuzz-flow-shared.ts the
 * flow): copy exact, the QR code decodes, the popup lists the task, Mark as posted → one Retrieve
 * my post for that task and none for its sibling, then copy and QR on the Participating tile.
 * One browser for the file. Firefox will not let the test open moz-extension:// pages: the
 * overview is opened from impact.com's Open overview (firefox-pages.ts), and the popup, as a page
 * of its own, by the overview (tabs.create).
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { ElementHandle, Frame, KeyInput, Page } from 'puppeteer-core';
import { launchFirefox, type FirefoxSession } from './harness';
import { extensionPage, openOverview, openPage, startClean, trackedTasks } from './firefox-pages';
import { fuzzFlowSeeds } from './fuzz-seeds';
import { inPage, runFuzzFlow, type FlowBrowser, type FlowElement, type FlowFrame, type FlowTab } from './fuzz-flow-shared';

/** The extension APIs the overview-side callbacks below use. */
declare const browser: {
  runtime: { getURL(path: string): string };
  tabs: { create(options: { url: string }): Promise<unknown> };
};

let session: FirefoxSession;
/** The overview, opened by the extension itself: reads and clears its storage, opens the popup. */
let overview: Page;
/** The tabs this file opened (puppeteer reports moz-extension:// pages as about:blank). */
const opened = new Set<Page>();

/**
 * Until the element stays put for two frames. Puppeteer clicks where the element was when it
 * looked; a page whose hover reveals or inserts actions moves things as the pointer arrives
 * (a person then clicks where the button is now), and late content moves things too.
 */
async function settled(handle: ElementHandle<Element>): Promise<void> {
  await handle.evaluate(
    (el) =>
      new Promise<void>((resolve) => {
        let last = '';
        let tries = 0;
        const look = () => {
          const r = el.getBoundingClientRect();
          const now = [r.x, r.y, r.width, r.height].join();
          if ((now === last && r.width > 0) || ++tries > 60) resolve();
          else {
            last = now;
            requestAnimationFrame(() => requestAnimationFrame(look));
          }
        };
        look();
      }),
  );
}

function elementOf(handle: ElementHandle<Element>): FlowElement {
  return {
    async click() {
      // The pointer arrives first (hover effects happen), then the click lands on where the element is.
      await handle.hover();
      await settled(handle);
      await handle.click();
    },
    hover: () => handle.hover(),
    screenshot: async () => Buffer.from(await handle.screenshot()),
  };
}

function frameOf(frame: Frame): FlowFrame {
  return {
    run: <T,>(op: Parameters<FlowFrame['run']>[0], arg?: unknown) => frame.evaluate(inPage(op, arg)) as Promise<T>,
    async element(op, arg) {
      const handle = await frame.evaluateHandle(inPage(op, arg));
      const el = handle.asElement() as ElementHandle<Element> | null;
      if (!el) await handle.dispose();
      return el ? elementOf(el) : null;
    },
  };
}

function tabOf(page: Page): FlowTab {
  opened.add(page);
  return {
    top: () => frameOf(page.mainFrame()),
    frames: async () => [page.mainFrame(), ...page.frames().filter((f) => f !== page.mainFrame())].map(frameOf),
    press: (key) => page.keyboard.press(key as KeyInput),
    screenshot: async (file) => void (await page.screenshot({ path: file as `${string}.png` })),
    close: async () => {
      opened.delete(page);
      await page.close();
    },
  };
}

const firefoxFlow: FlowBrowser = {
  name: 'Firefox',
  get replica() {
    return session.replica;
  },
  open: async (url) => tabOf(await openPage(session, url)),
  async openPopup() {
    await overview.evaluate(() => browser.tabs.create({ url: browser.runtime.getURL('/popup.html') }));
    return tabOf(await extensionPage(session, 'popup.html'));
  },
  trackedTasks: async () => Object.values(await trackedTasks(overview)),
  async reset() {
    for (const page of opened) await page.close().catch(() => {});
    opened.clear();
    await startClean(session, overview);
  },
};

beforeAll(async () => {
  session = await launchFirefox();
  overview = await openOverview(session);
});
afterAll(async () => {
  await session?.close();
});

describe('the creator flow on fixed fuzzer seeds (Firefox)', () => {
  for (const entry of fuzzFlowSeeds()) {
    it(`seed ${entry.seed}: ${entry.covers}`, async () => {
      await runFuzzFlow(firefoxFlow, entry);
    });
  }
});
