// `npm start`: build the extension, serve the impact.com replica, and open a browser with
// the extension loaded and app.impact.com mapped to the replica.
//   npm start                 Chromium, replica family "semantic"
//   npm start -- --firefox    Firefox ESR (needs port 443 free; run as root or with CAP_NET_BIND_SERVICE)
//   npm start -- --family uicl|hashed
//   npm start -- --family fuzz --seed 7    the seeded markup fuzzer (tests/replica/fuzz), seed 7
//   npm run dev / npm run dev:firefox      the same replica, but WXT's dev server builds and opens
//                                          the browser (through web-ext) and reloads on each edit
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startReplica, urlsFor } from '../tests/replica/server.mjs';

const args = process.argv.slice(2);
const firefox = args.includes('--firefox');
const dev = args.includes('--dev');
const familyIndex = args.indexOf('--family');
const family = familyIndex >= 0 ? (args[familyIndex + 1] ?? 'semantic') : 'semantic';
const seedIndex = args.indexOf('--seed');
const seed = seedIndex >= 0 ? Number(args[seedIndex + 1] ?? 0) : 0;
if (family === 'fuzz' && !(Number.isInteger(seed) && seed >= 0)) {
  console.error('--seed must be an integer >= 0');
  process.exit(2);
}
const root = path.resolve(import.meta.dirname, '..');
const build = path.join(root, '.output', firefox ? 'firefox-mv3' : 'chrome-mv3');
const home =
  family === 'fuzz'
    ? `https://app.impact.com${urlsFor({ family, seed }).home}`
    : `https://app.impact.com/secure/mediapartner/home/pview.ihtml?family=${family}`;

if (!dev) {
  const built = spawnSync('npx', ['wxt', 'build', ...(firefox ? ['-b', 'firefox'] : [])], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

// fuzz: pages opened without ?family= (e.g. by the extension itself) show the same seed
const replica = await startReplica({ port: firefox ? 443 : 8443, config: family === 'fuzz' ? { family, fuzzSeed: seed } : undefined });
console.log(`\nReplica of impact.com serving at ${replica.origin} (family "${family}"${family === 'fuzz' ? `, seed ${seed}` : ''}).`);
if (family === 'fuzz') console.log(`Markup of this seed: ${urlsFor({ family, seed }).describe}`);

const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
if (dev) {
  // WXT's own loop (`wxt` / `wxt -b firefox`): it builds into .output/*-dev, opens the browser
  // through web-ext with the same host mapping as below, and rebuilds and reloads on each edit.
  const { createServer } = await import('wxt');
  const server = await createServer({
    root,
    browser: firefox ? 'firefox' : 'chrome',
    webExt: {
      disabled: !hasDisplay,
      binaries: { chrome: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', firefox: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr' },
      chromiumArgs: [
        `--host-resolver-rules=MAP app.impact.com:443 127.0.0.1:${replica.port}`,
        `--ignore-certificate-errors-spki-list=${replica.certSpki}`,
        '--no-first-run',
        // Chromium refuses to start as root with its sandbox (Playwright adds this itself below).
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      ],
      // Firefox has no flag to trust one key: accept the replica's certificate once on first load.
      firefoxPref: { 'network.dns.localDomains': 'app.impact.com' },
      startUrls: [home],
    },
  });
  await server.start();
  if (!hasDisplay) console.log(`\nNo display here, so WXT opened no browser; it rebuilds .output/${firefox ? 'firefox-mv3-dev' : 'chrome-mv3-dev'} on each edit. Press Ctrl+C to stop.`);
  const stop = () => Promise.allSettled([server.stop(), replica.close()]).then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} else if (!hasDisplay) {
  console.log(`
No display here, so no browser was opened. To try the extension by hand on a desktop:
  Chrome/Chromium: open chrome://extensions, turn on Developer mode, "Load unpacked" → ${build}
    and start the browser with  --host-resolver-rules="MAP app.impact.com:443 127.0.0.1:${replica.port}" --ignore-certificate-errors-spki-list=${replica.certSpki}
  Firefox: npm run build:firefox, then about:debugging → This Firefox → "Load Temporary Add-on…"
    → ${path.join(root, '.output/firefox-mv3/manifest.json')}, with about:config
    network.dns.localDomains = app.impact.com and the replica on port 443 (npm start -- --firefox)
Then open ${home}
Press Ctrl+C to stop the replica.`);
} else if (firefox) {
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    headless: false,
    acceptInsecureCerts: true,
    extraPrefsFirefox: { 'network.dns.localDomains': 'app.impact.com' },
  });
  await browser.installExtension(build);
  const page = await browser.newPage();
  await page.goto(home);
  browser.on('disconnected', () => replica.close().then(() => process.exit(0)));
} else {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(path.join(tmpdir(), 'impact-ext-'));
  const executablePath = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/google-chrome'].find(existsSync);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: false,
    ignoreHTTPSErrors: true,
    viewport: null,
    args: [
      `--disable-extensions-except=${build}`,
      `--load-extension=${build}`,
      `--host-resolver-rules=MAP app.impact.com:443 127.0.0.1:${replica.port}`,
      // Tabs the worker opens get no CDP certificate override: trust the replica's key itself.
      `--ignore-certificate-errors-spki-list=${replica.certSpki}`,
      '--no-first-run',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(home);
  context.on('close', () => replica.close().then(() => process.exit(0)));
}
