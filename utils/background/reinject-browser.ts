/**
 * The real browser behind ReinjectDeps: thin on purpose, every decision lives in
 * reinject.ts, which tests/unit/background-reinject.test.ts drives with a fake.
 */
import { browser } from 'wxt/browser';
import type { ScriptPublicPath } from 'wxt/utils/inject-script';
import { sendToTab } from '../messages';
import { delivered } from '../messaging';
import type { ContentScriptEntry, ReinjectDeps } from './reinject';

/** The content scripts of the built manifest (WXT names the files at build time). */
export function manifestContentScripts(): ContentScriptEntry[] {
  const declared = browser.runtime.getManifest().content_scripts ?? [];
  return declared.map((cs) => ({ matches: cs.matches ?? [], js: cs.js ?? [], allFrames: cs.all_frames ?? false }));
}

export function browserReinjectDeps(): ReinjectDeps {
  return {
    // Firefox puts manifest content scripts into open tabs itself on install and update;
    // Chrome does not (tests/e2e/update-*.test.ts).
    browserReinjects: import.meta.env.FIREFOX,
    contentScripts: manifestContentScripts,
    queryTabs: (matches) => browser.tabs.query({ url: matches }),
    async getTab(tabId) {
      try {
        return await browser.tabs.get(tabId);
      } catch {
        return undefined;
      }
    },
    async hasLiveCopy(tabId) {
      // Only a content script of the running extension can answer: an orphaned one cannot.
      return delivered(await sendToTab(tabId, { type: 'ping' }));
    },
    async injectFiles(tabId, files, allFrames) {
      // Paths read from the built manifest: the very files the browser would inject itself.
      await browser.scripting.executeScript({ target: { tabId, allFrames }, files: files as ScriptPublicPath[] });
    },
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}
