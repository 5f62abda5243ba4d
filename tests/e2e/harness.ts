/**
 * Real-browser harness: the production build, loaded into Debian's Chromium (playwright-core)
 * or Firefox ESR (puppeteer-core over WebDriver BiDi), reaching the replica under the real
 * host name https://app.impact.com. Each launch starts its own replica and a throw-away profile.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import puppeteer, { type Browser as PptrBrowser } from 'puppeteer-core';
import { chromiumArgs } from '../replica/chromium-flags.mjs';
import { tolerateFirefoxEsr } from './firefox-esr-compat';
import { startReplica } from '../replica/server.mjs';

export const ROOT = path.resolve(import.meta.dirname, '../..');
/** Build output folder (WXT_OUT_DIR at build time); lets several builds coexist. */
export const BUILD_DIR = path.resolve(ROOT, process.env.WXT_OUT_DIR ?? '.output');
export const CHROME_BUILD = path.join(BUILD_DIR, 'chrome-mv3');
export const FIREFOX_BUILD = path.join(BUILD_DIR, 'firefox-mv3');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const IMPACT = 'https://app.impact.com';

export interface Replica {
  port: number;
  origin: string;
  /** Its certificate's key, for Chromium's --ignore-certificate-errors-spki-list. */
  certSpki: string;
  close(): Promise<void>;
  reset(): Promise<void> | void;
}

/** Talk to the replica's control API from the test process (self-signed cert). */
export async function replicaControl(replica: Replica, pathname: string, body?: unknown): Promise<unknown> {
  const { request } = await import('node:https');
  return new Promise((resolve, reject) => {
    const req = request(
      `https://127.0.0.1:${replica.port}${pathname}`,
      {
        method: body === undefined ? 'GET' : 'POST',
        rejectUnauthorized: false,
        headers: { 'content-type': 'application/json', host: 'app.impact.com' },
      },
      (res) => {
        let data = '';
        res.on('data', (chunk) => (data += chunk));
        res.on('end', () => {
          try {
            resolve(data ? JSON.parse(data) : null);
          } catch {
            resolve(data);
          }
        });
      },
    );
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** Addresses of the replica's pages for a campaign (and task) in one markup family. */
export interface ReplicaUrls {
  findCampaigns: string;
  manageTasks: string;
  /** Null where the family opens task details only by clicking (a slide-out without an address). */
  taskDetails: string | null;
}

export async function replicaUrls(replica: Replica, family: string, campaignId: string, taskId?: string): Promise<ReplicaUrls> {
  const q = new URLSearchParams({ family, campaignId, ...(taskId ? { taskId } : {}) });
  return (await replicaControl(replica, `/__replica/urls?${q}`)) as ReplicaUrls;
}

export interface ChromiumSession {
  /** The browser context now (a new one after each restart). */
  readonly context: BrowserContext;
  extensionId: string;
  replica: Replica;
  serviceWorker(): Promise<Worker>;
  newPage(url?: string): Promise<Page>;
  extensionPage(file: 'popup.html' | 'overview.html'): Promise<Page>;
  /**
   * Quit the browser (gracefully) and start it again on the same profile, the way a creator
   * quits and reopens it: storage, alarms and the extension survive, tabs and the worker do
   * not. The replica keeps running.
   */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface ChromiumOptions {
  /**
   * The browser's interface language ("fr", "ja", "pt-BR"): `--lang` and `LANGUAGE` for the
   * browser process, as a creator's Chromium in that language has it. The extension follows it.
   */
  lang?: string;
}

export async function launchChromium(options: ChromiumOptions = {}): Promise<ChromiumSession> {
  const replica: Replica = await startReplica({ port: 0 });
  const profile = await mkdtemp(path.join(tmpdir(), 'e2e-chromium-'));
  const { lang } = options;
  const launch = () =>
    chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      ignoreHTTPSErrors: true,
      args: [...chromiumArgs(replica, CHROME_BUILD), ...(lang ? [`--lang=${lang}`] : [])],
      ...(lang ? { env: { ...process.env, LANGUAGE: lang.replace('-', '_') } as Record<string, string> } : {}),
    });
  let context = await launch();
  const serviceWorker = async () => context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL((await serviceWorker()).url()).host;
  return {
    get context() {
      return context;
    },
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

export interface FirefoxSession {
  /** The browser now (a new one after each restart). */
  readonly browser: PptrBrowser;
  replica: Replica;
  addonId: string;
  /** The folder Firefox saves downloads in, without asking. */
  downloads: string;
  /**
   * Quit Firefox (gracefully) and start it again on the same profile. Only with
   * `permanent: true`: a temporary add-on is uninstalled when Firefox quits. The replica
   * keeps running.
   */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface FirefoxOptions {
  /** Extra Firefox prefs for this session, e.g. `extensions.background.idle.timeout`. */
  prefs?: Record<string, string | number | boolean>;
  /**
   * Install the packed build permanently (WebDriver BiDi `moz:permanent`; Debian's Firefox ESR
   * lets `xpinstall.signatures.required` allow an unsigned one) instead of as a temporary add-on,
   * so it survives a restart the way a creator's installed copy does: Firefox starts it again
   * on its own, with the same internal UUID and its storage.
   */
  permanent?: boolean;
}

/**
 * Firefox has no host-resolver rule; `network.dns.localDomains` resolves app.impact.com to
 * loopback, so the replica must listen on 443 (these machines run tests as root).
 */
export async function launchFirefox(options: FirefoxOptions = {}): Promise<FirefoxSession> {
  const replica = await startReplicaOn443();
  const profile = await mkdtemp(path.join(tmpdir(), 'e2e-firefox-'));
  const downloads = `${profile}-downloads`;
  await mkdir(downloads);
  const launch = async () => {
    const launched = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: true,
      acceptInsecureCerts: true,
      userDataDir: profile,
      extraPrefsFirefox: {
        'network.dns.localDomains': 'app.impact.com',
        // Lets a test read the clipboard back without a permission prompt.
        'dom.events.testing.asyncClipboard': true,
        'dom.events.asyncClipboard.readText': true,
        'extensions.webextensions.restrictedDomains': '',
        // Downloads go to a folder of the session's, without a dialog.
        'browser.download.folderList': 2,
        'browser.download.dir': downloads,
        'browser.download.useDownloadDir': true,
        'browser.download.always_ask_before_handling_new_types': false,
        'browser.download.alwaysOpenPanel': false,
        // The build is not signed (AMO would sign a release); Debian's ESR honours this pref.
        ...(options.permanent ? { 'xpinstall.signatures.required': false } : {}),
        ...options.prefs,
      },
    });
    await tolerateFirefoxEsr(launched);
    return launched;
  };
  let browser = await launch();
  let addonId: string;
  if (options.permanent) {
    const xpi = await packFirefoxBuild(profile);
    // Puppeteer's installExtension sends only a folder path (always temporary): the raw BiDi command.
    const { result } = await bidi(browser).send('webExtension.install', { extensionData: { type: 'archivePath', path: xpi }, 'moz:permanent': true });
    addonId = (result as { extension: string }).extension;
  } else {
    addonId = await browser.installExtension(FIREFOX_BUILD);
  }
  return {
    get browser() {
      return browser;
    },
    replica,
    addonId,
    downloads,
    async restart() {
      if (!options.permanent) throw new Error('restart() needs launchFirefox({ permanent: true }): a temporary add-on does not survive it');
      await browser.close();
      browser = await launch();
    },
    async close() {
      await browser.close().catch(() => {});
      await replica.close();
      await rm(profile, { recursive: true, force: true });
      await rm(`${profile}-xpi`, { recursive: true, force: true });
      await rm(downloads, { recursive: true, force: true });
    },
  };
}

/** Puppeteer's WebDriver BiDi connection to Firefox, for commands and events it has no API for. */
export interface BidiConnection {
  send(method: string, params: object): Promise<{ result: unknown }>;
  on(event: string, listener: (params: never) => void): void;
  off(event: string, listener: (params: never) => void): void;
}

export function bidi(browser: PptrBrowser): BidiConnection {
  return (browser as unknown as { connection: BidiConnection }).connection;
}

/** The Firefox build as an .xpi (a zip of the folder), next to the profile it is installed into. */
async function packFirefoxBuild(profile: string): Promise<string> {
  // @ts-expect-error web-ext ships no types; only cmd.build is used
  const { default: webExt } = await import('web-ext');
  const out = `${profile}-xpi`;
  const built = (await webExt.cmd.build({ sourceDir: FIREFOX_BUILD, artifactsDir: out, overwriteDest: true, filename: 'addon.xpi' }, { showReadyMessage: false })) as {
    extensionPath: string;
  };
  return built.extensionPath;
}

/** Port 443 is shared by every Firefox session on the machine: wait for it to be free. */
async function startReplicaOn443(): Promise<Replica> {
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      return await startReplica({ port: 443 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}
