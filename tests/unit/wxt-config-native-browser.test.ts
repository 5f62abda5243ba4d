/**
 * The content script calls the browser's own extension API, not webextension-polyfill
 * (wxt.config.ts contentScriptNativeBrowser): only its build is redirected, and what it gets
 * is what WXT's `browser` is without the polyfill (Firefox's `browser`, else Chrome's `chrome`).
 */
import { describe, expect, it } from 'vitest';
import { contentScriptNativeBrowser, NATIVE_BROWSER_ID, pickNativeBrowser } from '../../wxt.config';

function pluginFor(entry: string | undefined) {
  const plugin = contentScriptNativeBrowser();
  plugin.configResolved({ build: { lib: entry === undefined ? false : { entry } } });
  return plugin;
}

describe('content script without webextension-polyfill', () => {
  it('redirects the polyfill in the content script build only', () => {
    expect(pluginFor('/x/entrypoints/content/index.ts').resolveId('webextension-polyfill')).toBe(NATIVE_BROWSER_ID);
    expect(pluginFor('C:\\x\\entrypoints\\content\\index.ts').resolveId('webextension-polyfill')).toBe(NATIVE_BROWSER_ID);
    expect(pluginFor('/x/entrypoints/content/index.ts').resolveId('zod/mini')).toBeNull();
    // The page actions the worker injects into impact.com pages (entrypoints/page-actions.ts).
    expect(pluginFor('/x/entrypoints/page-actions.ts').resolveId('webextension-polyfill')).toBe(NATIVE_BROWSER_ID);
    // The QR dialog the worker injects into the frame whose button was pressed (entrypoints/qr-dialog.ts).
    expect(pluginFor('/x/entrypoints/qr-dialog.ts').resolveId('webextension-polyfill')).toBe(NATIVE_BROWSER_ID);
    expect(pluginFor('/x/entrypoints/background.ts').resolveId('webextension-polyfill')).toBeNull();
    expect(pluginFor(undefined).resolveId('webextension-polyfill')).toBeNull(); // the pages' multi-page build
  });

  it("hands it Firefox's browser where there is one, Chrome's chrome otherwise", () => {
    expect(pluginFor('/x/entrypoints/content/index.ts').load(NATIVE_BROWSER_ID)).toBe(`export default (${pickNativeBrowser.toString()})(globalThis);`);
    const firefox = { runtime: { id: 'x' } };
    const chrome = { runtime: { id: 'y' } };
    expect(pickNativeBrowser({ browser: firefox, chrome })).toBe(firefox);
    expect(pickNativeBrowser({ chrome })).toBe(chrome);
    // A page's own `browser` global without our runtime is not taken for the API.
    expect(pickNativeBrowser({ browser: {}, chrome })).toBe(chrome);
  });
});
