/**
 * The real browser behind HostScriptDeps: thin on purpose, every decision lives in
 * host-scripts.ts, which tests/unit/host-scripts.test.ts drives with a fake.
 */
import { browser } from 'wxt/browser';
import { IMPACT_ORIGIN, originPattern } from '../page/hosts';
import type { HostScriptDeps } from './host-scripts';
import { injectIntoOpenTabs } from './reinject';
import { browserReinjectDeps, manifestContentScripts } from './reinject-browser';

export function browserHostScriptDeps(): HostScriptDeps {
  return {
    grantedPatterns: async () => (await browser.permissions.getAll()).origins ?? [],
    registered: () => browser.scripting.getRegisteredContentScripts(),
    register: (script) => browser.scripting.registerContentScripts([script]),
    unregister: (ids) => browser.scripting.unregisterContentScripts({ ids }),
    contentScriptFiles() {
      // The manifest's own content script (the one on app.impact.com): the very file it runs there.
      const declared = manifestContentScripts();
      return (declared.find((cs) => cs.matches.includes(originPattern(IMPACT_ORIGIN))) ?? declared[0])?.js ?? [];
    },
    async injectOpenTabs(patterns, files) {
      // No browser puts a newly registered script into open tabs, Firefox included: take them
      // over as after a Chrome update (a tab with a live copy is left alone).
      await injectIntoOpenTabs({ ...browserReinjectDeps(), contentScripts: () => [{ matches: patterns, js: files, allFrames: true }] });
    },
  };
}
