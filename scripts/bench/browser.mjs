/**
 * Two Debian Chromium instances side by side, launched with the e2e tests' flags (tests/replica/chromium-flags.mjs):
 * one with the production build loaded, one plain. Both reach the same replica as
 * https://app.impact.com, so every figure compares like with like in the same run.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs } from '../../tests/replica/chromium-flags.mjs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const IMPACT = 'https://app.impact.com';

/**
 * `besideDirs`: further unpacked extensions loaded into the same browser (the bench's empty
 * page, scripts/bench/empty-extension.mjs); the measured build stays the one whose worker
 * `serviceWorker()` returns (the extensions beside it have none).
 *
 * `extraArgs`: further Chromium flags (a probe's `--remote-debugging-port=0`).
 *
 * `profileDir`: a user-data-dir to launch on again (a probe's relaunch, as a creator's browser
 * restarts on its profile); it is left in place on close. By default a fresh one is made and
 * removed on close.
 *
 * @param {{ replica: { port: number, certSpki: string }, extensionDir: string | null, label: string, besideDirs?: string[], extraArgs?: string[], profileDir?: string }} o
 */
export async function launch({ replica, extensionDir, label, besideDirs = [], extraArgs = [], profileDir }) {
  const profile = profileDir ?? (await mkdtemp(path.join(tmpdir(), `bench-${label}-`)));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    ignoreHTTPSErrors: true,
    viewport: { width: 1280, height: 800 },
    args: [...chromiumArgs(replica, extensionDir && [extensionDir, ...besideDirs].join(',')), ...extraArgs],
  });
  let extensionId = null;
  const serviceWorker = async () => context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  if (extensionDir) extensionId = new URL((await serviceWorker()).url()).host;
  return {
    label,
    context,
    profileDir: profile,
    extensionId,
    withExtension: !!extensionDir,
    serviceWorker,
    async close() {
      await context.close().catch(() => {});
      if (!profileDir) await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Chromium's version string, e.g. "Chrome/140.0.7339.80" (from the browser itself). */
export async function browserVersion(browser) {
  const page = await browser.context.newPage();
  try {
    const cdp = await browser.context.newCDPSession(page);
    const v = await cdp.send('Browser.getVersion');
    return v.product;
  } finally {
    await page.close();
  }
}
