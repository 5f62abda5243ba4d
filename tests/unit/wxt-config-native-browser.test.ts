/**
 * The content script and the extension pages call the browser's own extension API, not
 * webextension-polyfill (wxt.config.ts nativeBrowser): only their builds are redirected, not
 * the worker's, and what they get is what WXT's `browser` is without the polyfill (Firefox's
 * `browser`, else Chrome's `chrome`).
 */
import { describe, expect, it } from 'vitest';
import { nativeBrowser, NATIVE_BROWSER_ID, pickNativeBrowser, type BuildEntries } from '../../wxt.config';

function pluginFor(build: BuildEntries) {
  const plugin = nativeBrowser();
  plugin.configResolved({ build });
  return plugin;
}
const script = (entry: string) => pluginFor({ lib: { entry } });

describe('content script and pages without webextension-polyfill', () => {
  it('redirects the polyfill in the content script and injected scripts, not in the worker', () => {
    expect(script('/x/entrypoints/content/index.ts').resolveId('webextension-polyfill')).toBe(NATIVE_BROWSER_ID);
    expect(script('C:\\x\\entrypoints\\content\\index.ts').resolveId('webextension-polyfill')).toBe(NATIVE_BROWSER_ID);
    expect(script('/x/entrypoints/content/index.ts').resolveId('zod/mini')).toBeNull();
    // The page actions the worker injects into impact.com pages (entrypoints/page-actions.ts).
    expect(script('/x/entrypoints/page-actions.ts').resolveId('webextension-polyfill')).toBe(NATIVE_BROWSER_ID);
    // The QR dialog the worker injects into the frame whose button was pressed (entrypoints/qr-dialog.ts).
    expect(script('/x/entrypoints/qr-dialog.ts').resolveId('webextension-polyfill')).toBe(NATIVE_BROWSER_ID);
    expect(script('/x/entrypoints/background.ts').resolveId('webextension-polyfill')).toBeNull();
  });

  it("redirects it in the pages' multi-page build, not in one that also holds a script (a module worker)", () => {
    const pages = { popup: '/x/entrypoints/popup/index.html', overview: '/x/entrypoints/overview/index.html' };
    expect(pluginFor({ lib: false, rollupOptions: { input: pages } }).resolveId('webextension-polyfill')).toBe(NATIVE_BROWSER_ID);
    expect(pluginFor({ rollupOptions: { input: Object.values(pages) } }).resolveId('webextension-polyfill')).toBe(NATIVE_BROWSER_ID);
    const withWorker = { ...pages, background: 'virtual:wxt-background-entrypoint?/x/entrypoints/background.ts' };
    expect(pluginFor({ lib: false, rollupOptions: { input: withWorker } }).resolveId('webextension-polyfill')).toBeNull();
    expect(pluginFor({ lib: false }).resolveId('webextension-polyfill')).toBeNull();
  });

  it("hands it Firefox's browser where there is one, Chrome's chrome otherwise", () => {
    expect(script('/x/entrypoints/content/index.ts').load(NATIVE_BROWSER_ID)).toBe(`export default (${pickNativeBrowser.toString()})(globalThis);`);
    const firefox = { runtime: { id: 'x' } };
    const chrome = { runtime: { id: 'y' } };
    expect(pickNativeBrowser({ browser: firefox, chrome })).toBe(firefox);
    expect(pickNativeBrowser({ chrome })).toBe(chrome);
    // A page's own `browser` global without our runtime is not taken for the API.
    expect(pickNativeBrowser({ browser: {}, chrome })).toBe(chrome);
  });
});
