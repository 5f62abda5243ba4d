/**
 * Conventions of the code base, in the spirit of refined-github's build/features.test.ts:
 * - every content feature (entrypoints/content/features/) is wired in by the entry, the command
 *   table or the page actions the worker injects (entrypoints/page-actions.ts) only (one import
 *   each), is named in the README, and is exercised on replica pages by a test that says so;
 * - no selector string about impact.com's markup outside utils/page/ (the one place to fix when
 *   the site changes); elsewhere a selector may only name our own elements;
 * - one schema set, in zod/mini (utils/tracker/schema.ts): no shipped module imports zod's classic API.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OWN_ATTR } from '../../utils/page/dom';

const ROOT = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
}

const FEATURES_DIR = 'entrypoints/content/features';
const features = readdirSync(path.join(ROOT, FEATURES_DIR))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.replace(/\.ts$/, ''));

/**
 * Which replica test exercises each feature on pages written from the anatomy doc (the real
 * content script on the replica in both browsers, or the feature mounted on a replica
 * snapshot). A new feature fails this test until it has one.
 */
const REPLICA_CASES: Record<string, { test: string; shows: string }> = {
  'ttcm-controls': { test: 'tests/e2e/overlay-chromium.test.ts', shows: 'adds the TTCM controls' },
  'tile-controls': { test: 'tests/e2e/overlay-chromium.test.ts', shows: 'status chip on every TikTok tile' },
  'copy-command': { test: 'tests/unit/copy-command.test.ts', shows: 'handleCopyInviteLink' },
  diagnostics: { test: 'tests/e2e/diagnostics-chromium.test.ts', shows: 'Diagnostics' },
  'retrieve-post': { test: 'tests/e2e/retrieve-chromium.test.ts', shows: 'Retrieve my post' },
  refresh: { test: 'tests/e2e/refresh-chromium.test.ts', shows: 'Refresh all' },
};

describe('content features', () => {
  // The page actions the worker injects when it asks (entrypoints/page-actions.ts) wire
  // the features it needs from the entry's folder: './content/features/…'.
  const PAGE_ACTIONS = 'entrypoints/page-actions.ts';
  const wiring = [...sourceFiles('entrypoints/content').filter((f) => !f.startsWith(FEATURES_DIR)), PAGE_ACTIONS];
  const importPath = (file: string, feature: string) => (file === PAGE_ACTIONS ? `from './content/features/${feature}'` : `from './features/${feature}'`);

  it('are found', () => {
    expect(features.length).toBeGreaterThanOrEqual(5);
  });

  for (const feature of features) {
    it(`${feature}: wired in once, named in the README, exercised on the replica`, () => {
      // Wired from the entry (what runs on the page), the command table (what the worker
      // asks) and/or the page actions (what the worker injects to ask), one import in each.
      const importers = wiring.filter((f) => read(f).includes(importPath(f, feature)));
      expect(importers.length, 'files importing it').toBeGreaterThanOrEqual(1);
      for (const file of importers) {
        expect(['entrypoints/content/index.ts', 'entrypoints/content/commands.ts', PAGE_ACTIONS]).toContain(file);
        expect(read(file).split(importPath(file, feature)), file).toHaveLength(2);
      }

      expect(read('README.md')).toContain(`features/${feature}.ts`);

      const replicaCase = REPLICA_CASES[feature];
      expect(replicaCase, `add ${feature} to REPLICA_CASES with the test that runs it on the replica`).toBeDefined();
      const test = read(replicaCase!.test);
      expect(test).toMatch(/replica|fixtures\/load-fixture/);
      expect(test).toContain(replicaCase!.shows);
    });
  }
});

describe('selectors', () => {
  /** A selector argument written in the code: querySelector(All), closest, matches. */
  const SELECTOR_CALL = /\.(?:querySelectorAll|querySelector|closest|matches)\(\s*(['"`])((?:(?!\1).)*)\1/g;

  it('about impact.com live only in utils/page/; elsewhere they name our own elements', () => {
    const outside = [...sourceFiles('entrypoints'), ...sourceFiles('components'), ...sourceFiles('utils')].filter((f) => !f.startsWith('utils/page/'));
    const found: string[] = [];
    for (const file of outside) {
      for (const [, , selector] of read(file).matchAll(SELECTOR_CALL)) {
        if (selector!.includes(OWN_ATTR) || selector!.includes('${OWN_ATTR}')) continue;
        found.push(`${file}: ${selector}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('the check sees a selector call', () => {
    // The pattern itself, on the kinds of calls it must catch (so an empty list above means something).
    const sample = `el.querySelector('[data-testid="x"]'); a.closest("li"); b.matches(\`[\${OWN_ATTR}]\`)`;
    expect([...sample.matchAll(SELECTOR_CALL)].map((m) => m[2])).toEqual(['[data-testid="x"]', 'li', '[${OWN_ATTR}]']);
  });
});

describe('schemas', () => {
  /** An import or re-export from a module: its specifier. */
  const IMPORT_FROM = /\bfrom\s+(['"])([^'"]+)\1/g;

  it("one set, in zod/mini: no shipped module imports zod's classic API", () => {
    // Full zod would come back into every bundle that imports the module (~60 KB minified for
    // the pages' shared chunk and the worker): utils/tracker/schema.ts explains.
    const shipped = [...sourceFiles('entrypoints'), ...sourceFiles('components'), ...sourceFiles('utils')];
    const found: string[] = [];
    for (const file of shipped) {
      for (const [, , from] of read(file).matchAll(IMPORT_FROM)) if (from === 'zod' || from === 'zod/v4' || from === 'zod/v4/classic') found.push(`${file}: ${from}`);
    }
    expect(found).toEqual([]);
  });

  it('the check sees an import', () => {
    const sample = `import { z } from 'zod';\nimport * as m from "zod/mini";\nexport { x } from './x';`;
    expect([...sample.matchAll(IMPORT_FROM)].map((m) => m[2])).toEqual(['zod', 'zod/mini', './x']);
  });
});
