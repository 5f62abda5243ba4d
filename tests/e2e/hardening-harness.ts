/**
 * A Chromium session that can be shut down and started again on the same profile, the way a
 * creator quits and reopens the browser: storage, alarms and the extension survive, tabs and
 * the worker do not. The replica keeps running across restarts. (Kept apart from harness.ts,
 * whose sessions are throw-away.)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { chromiumArgs } from '../replica/chromium-flags.mjs';
import { startReplica } from '../replica/server.mjs';
import { CHROME_BUILD, CHROMIUM_PATH, IMPACT, type Replica } from './harness';

export interface RestartableChromium {
  context(): BrowserContext;
  extensionId: string;
  replica: Replica;
  serviceWorker(): Promise<Worker>;
  newPage(url?: string): Promise<Page>;
  extensionPage(file: 'popup.html' | 'overview.html'): Promise<Page>;
  /** Quit the browser (gracefully) and start it again on the same profile. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function launchRestartableChromium(): Promise<RestartableChromium> {
  const replica: Replica = await startReplica({ port: 0 });
  const profile = await mkdtemp(path.join(tmpdir(), 'e2e-chromium-restart-'));
  const launch = () =>
    chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      ignoreHTTPSErrors: true,
      args: chromiumArgs(replica.port, CHROME_BUILD),
    });
  let context = await launch();
  const serviceWorker = async () => context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL((await serviceWorker()).url()).host;
  return {
    context: () => context,
    extensionId,
    replica,
    serviceWorker,
    async newPage(url) {
      const page = await context.newPage();
      if (url) await page.goto(url.startsWith('http') ? url : IMPACT + url);
      return page;
    },
    async extensionPage(file) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${file}`);
      return page;
    },
    async restart() {
      await context.close();
      context = await launch();
    },
    async close() {
      await context.close().catch(() => {});
      await replica.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
