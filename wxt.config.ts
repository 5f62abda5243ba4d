import { defineConfig } from 'wxt';
import { OPTIONAL_HOST_PATTERNS } from './utils/page/hosts';

/**
 * Build-time removal of the two code paths in our dependencies that could turn a string into
 * code or markup. Neither is ever used by the extension; removing them makes that a property
 * of the shipped files (web-ext lint: 0 warnings) instead of a promise.
 *
 * - zod 4 probes `new Function("")` to decide whether to compile fast parsers at run time, and
 *   compiles them with `new Function(...)`. Extension pages and content scripts run under a
 *   CSP without 'unsafe-eval', so the probe fails there anyway and zod uses its interpreter;
 *   we make that the only path (`z.config({ jitless: true })` would skip the probe at run time
 *   but leave the code in the bundle).
 * - react-dom's `dangerouslySetInnerHTML` is the one place React assigns `innerHTML`. We never
 *   use it (ESLint forbids it); the assignment is replaced by an error, so page text can
 *   never become markup through React either.
 *
 * Every rule names the exact file and text it replaces, and the build fails when a loaded
 * file no longer contains that text (a dependency update changed it): re-check, then update.
 */
export interface HardenRule {
  name: string;
  file: RegExp;
  find: RegExp;
  replace: string;
  /** How many times the text occurs in the file. */
  count: number;
}

export const HARDEN_RULES: readonly HardenRule[] = [
  {
    name: 'zod allowsEval probe',
    file: /[\\/]node_modules[\\/]zod[\\/]v4[\\/]core[\\/]util\.js$/,
    find: /const F = Function;\s*new F\(""\);\s*return true;/g,
    replace: 'return false; // no eval: see wxt.config.ts',
    count: 1,
  },
  {
    name: 'zod run-time parser compiler',
    file: /[\\/]node_modules[\\/]zod[\\/]v4[\\/]core[\\/]doc\.js$/,
    find: /const F = Function;/g,
    replace: 'const F = function () { throw new Error("zod code generation is disabled in this extension (no eval)"); };',
    count: 1,
  },
  {
    name: 'react-dom dangerouslySetInnerHTML',
    file: /[\\/]node_modules[\\/]react-dom[\\/]cjs[\\/]react-dom-client\.production\.js$/,
    find: /\(domElement\.innerHTML = key\)/g,
    replace: '(function () { throw Error("dangerouslySetInnerHTML is disabled in this extension: page text is only inserted as text."); })()',
    count: 2,
  },
];

/** Apply the rules to one module; throws when a rule's file is found without its text. */
export function hardenModule(code: string, id: string): string | null {
  let out: string | null = null;
  for (const rule of HARDEN_RULES) {
    if (!rule.file.test(id.split('?')[0]!)) continue;
    const found = (out ?? code).match(rule.find)?.length ?? 0;
    if (found !== rule.count) {
      throw new Error(`harden-bundles: "${rule.name}" expected ${rule.count} match(es) in ${id}, found ${found}. A dependency changed: review wxt.config.ts.`);
    }
    out = (out ?? code).replace(rule.find, rule.replace);
  }
  return out;
}

export function hardenBundles() {
  return {
    name: 'harden-bundles',
    enforce: 'pre' as const,
    transform(code: string, id: string) {
      const out = hardenModule(code, id);
      return out === null ? null : { code: out, map: null };
    },
  };
}

/**
 * The page controls read only the design tokens of components/theme.css, as text
 * (components/overlay/styles.ts tokensFor): the content script, which runs on every
 * impact.com page, ships that block alone, its comments and spaces left out, and its light
 * values only: the controls sit on impact.com's own light page in either system scheme
 * (styles.ts `tokensFor(…, { light: true })`), so the dark block would never be read there.
 * With `used`, only the tokens named there (those the controls' stylesheets read, styles.ts).
 * The tokens marks stay (tokensFor finds the block by them).
 */
export function themeTokensOnly(css: string, used?: ReadonlySet<string>): string {
  const start = css.indexOf('/* tokens:start */');
  const end = css.indexOf('/* tokens:end */');
  if (start < 0 || end < start) throw new Error('components/theme.css lost its tokens marks');
  const block = css.slice(start + '/* tokens:start */'.length, end).replace(/\/\*[\s\S]*?\*\//g, '');
  const dark = block.indexOf('@media (prefers-color-scheme: dark)');
  const light = dark < 0 ? block : block.slice(0, dark);
  const open = light.indexOf('{');
  const close = light.lastIndexOf('}');
  if (open < 0 || close < open) throw new Error('components/theme.css: the tokens block is not one rule');
  const declarations = light
    .slice(open + 1, close)
    .split(';')
    .map((d) => d.replace(/\s+/g, ' ').trim())
    .filter((d) => d !== '')
    .map((d) => [d.slice(0, d.indexOf(':')).trim(), d.slice(d.indexOf(':') + 1).trim()] as const)
    .filter(([name]) => !used || !name.startsWith('--') || used.has(name));
  return `/* tokens:start */\n${light.slice(0, open).replace(/\s+/g, '')}{${declarations.map(([name, value]) => `${name}:${value};`).join('')}}\n/* tokens:end */`;
}

/** The tokens a stylesheet's text reads (`var(--name`). */
export function tokensRead(css: string): Set<string> {
  return new Set(Array.from(css.matchAll(/var\((--[a-z0-9-]+)/g), (m) => m[1]!));
}

export function themeTokensRaw() {
  return {
    name: 'theme-tokens-raw',
    enforce: 'pre' as const,
    async load(id: string) {
      if (!/[\\/]components[\\/]theme\.css\?raw$/.test(id)) return null;
      const { readFile } = await import('node:fs/promises');
      const file = id.split('?')[0]!;
      // The page controls' stylesheets (their only reader): components/overlay/styles.ts.
      const styles = await readFile(file.replace(/theme\.css$/, 'overlay/styles.ts'), 'utf8');
      return `export default ${JSON.stringify(themeTokensOnly(await readFile(file, 'utf8'), tokensRead(styles)))};`;
    },
  };
}

/**
 * The content script, which runs on every impact.com page, and the extension pages (popup,
 * overview) call the browser's own extension API instead of webextension-polyfill (~10 KB
 * minified): what WXT's own `browser` is without the polyfill (`browser` in Firefox, `chrome`
 * in Chrome, whose MV3 calls return promises). The one thing the polyfill adds that they
 * would use, a promise returned by an `onMessage` listener becoming the reply, they do without:
 * the content script's listener answers through `sendResponse` (entrypoints/content/index.ts),
 * which every browser and the polyfill take, and the pages listen to no message. (A message
 * no listener answers rejects natively where the polyfill resolved it empty; the worker
 * answers every message the pages send.)
 * The scripts the worker injects now and then (entrypoints/page-actions.ts, entrypoints/qr-dialog.ts) call it too.
 * The worker keeps the polyfill (its `onMessage` listener returns its reply as a promise).
 */
export const NATIVE_BROWSER_ID = '\0native-browser';
/** WXT's own choice (@wxt-dev/browser): Firefox's `browser`, else Chrome's `chrome`. */
export function pickNativeBrowser(g: { browser?: { runtime?: { id?: unknown } }; chrome?: unknown }): unknown {
  return g.browser?.runtime?.id ? g.browser : g.chrome;
}
/** What WXT gives a build: one script (`lib.entry`), or several entry points (`rollupOptions.input`). */
export interface BuildEntries {
  lib?: false | { entry?: unknown };
  rollupOptions?: { input?: unknown };
}
/**
 * Whether a build calls the native API: the content script's and injected scripts' builds, and
 * the pages' (a multi-page build of HTML entry points only); not the worker's.
 */
export function usesNativeBrowser(build: BuildEntries): boolean {
  const entry = build.lib ? build.lib.entry : undefined;
  if (entry !== undefined) return typeof entry === 'string' && /[\\/]entrypoints[\\/](?:content[\\/]index|page-actions|qr-dialog)\.ts$/.test(entry);
  const input = build.rollupOptions?.input;
  const inputs: unknown[] = typeof input === 'string' ? [input] : Array.isArray(input) ? input : input && typeof input === 'object' ? Object.values(input) : [];
  return inputs.length > 0 && inputs.every((i) => typeof i === 'string' && i.endsWith('.html'));
}
export function nativeBrowser() {
  let native = false;
  return {
    name: 'native-browser',
    enforce: 'pre' as const,
    configResolved(config: { build: BuildEntries }) {
      native = usesNativeBrowser(config.build);
    },
    resolveId(source: string) {
      return native && source === 'webextension-polyfill' ? NATIVE_BROWSER_ID : null;
    },
    load(id: string) {
      if (id !== NATIVE_BROWSER_ID) return null;
      return `export default (${pickNativeBrowser.toString()})(globalThis);`;
    },
  };
}

/**
 * One manifest for both browsers. Firefox gets Manifest V3 as well (not WXT's MV2 default):
 * the same `action`, `alarms` and non-persistent background model as Chrome, so the
 * "the worker can stop at any time" design is exercised in both browsers.
 */
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill', '@wxt-dev/i18n/module'],
  manifestVersion: 3,
  // Only app.impact.com, and other impact.com addresses the creator grants; see README "Security and privacy".
  manifest: ({ browser }) => ({
    // Every word the creator reads comes from locales/<lang>.yml (@wxt-dev/i18n; README "Languages").
    name: '__MSG_manifest_name__',
    description: '__MSG_manifest_description__',
    default_locale: 'en',
    // `scripting` registers the content script on the other impact.com addresses the creator
    // grants (utils/background/host-scripts.ts), in both browsers, and in Chrome also
    // re-injects it into open tabs after an update (Firefox does that itself for the
    // manifest's script: utils/background/reinject-browser.ts).
    // `unlimitedStorage` in Chrome only: its storage.local stops at 10 MB (~12,000 tasks)
    // without it; it shows no install warning there. Firefox's storage.local has no such limit
    // (checked with 50,000 tasks by tests/e2e/storage-scale-*.test.ts) and would ask the creator.
    permissions: ['storage', 'alarms', 'notifications', 'scripting', ...(browser === 'firefox' ? [] : ['unlimitedStorage'])],
    host_permissions: ['https://app.impact.com/*'],
    // Requested only when the creator presses "Allow …" in the overview's settings, one exact
    // host at a time (utils/page/hosts.ts OPTIONAL_HOST_PATTERNS): impact.com's older name, and any
    // https host, because white-label partner hosts cannot be listed in advance and a browser
    // grants only what the manifest declares as optional. The wildcard itself is never asked for.
    optional_host_permissions: [...OPTIONAL_HOST_PATTERNS],
    // Keyboard shortcuts, shown in the popup and rebindable in the browser's shortcut settings
    // (utils/background/copy-command.ts). Alt+Shift+D and Alt+Shift+C are taken by neither
    // browser (Alt+Shift+T would be: Chrome's "focus the toolbar").
    commands: {
      _execute_action: { suggested_key: { default: 'Alt+Shift+D' }, description: '__MSG_manifest_commandPopup__' },
      'copy-invite-link': { suggested_key: { default: 'Alt+Shift+C' }, description: '__MSG_manifest_commandCopy__' },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'tiktok-deliverable-helper@creators.example',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            // Firefox for Android reads data_collection_permissions from 142 on; desktop from 140
            // (the ESR Debian ships).
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
  hooks: {
    // WXT takes the toolbar button's title from popup.html's <title>, which cannot be localized:
    // the manifest's title comes from the locale files like its name.
    'build:manifestGenerated': (_wxt, manifest) => {
      if (manifest.action) manifest.action.default_title = '__MSG_manifest_actionTitle__';
    },
  },
  vite: () => ({
    plugins: [hardenBundles(), themeTokensRaw(), nativeBrowser()],
    // Extension pages load their chunks from the package itself; Vite's modulepreload
    // polyfill (a `fetch` of each chunk) is not needed by any browser we support.
    build: { modulePreload: { polyfill: false } },
  }),
  outDir: process.env.WXT_OUT_DIR ?? '.output',
  zip: {
    artifactTemplate: '{{name}}-{{version}}-{{browser}}.zip',
    sourcesTemplate: '{{name}}-{{version}}-sources.zip',
  },
});
