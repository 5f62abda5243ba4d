/**
 * The build-time removal of eval and innerHTML paths from dependencies (wxt.config.ts), on the
 * dependencies' real files: each rule finds exactly the text it expects and removes it, and a
 * changed dependency stops the build instead of shipping silently. (The built bundles are
 * checked in tests/e2e/manifest.test.ts.)
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { HARDEN_RULES, hardenModule } from '../../wxt.config';

const require = createRequire(import.meta.url);
const zodCore = path.join(path.dirname(require.resolve('zod/package.json')), 'v4', 'core');
const reactDom = path.join(path.dirname(require.resolve('react-dom/package.json')), 'cjs', 'react-dom-client.production.js');
const files = {
  util: path.join(zodCore, 'util.js'),
  doc: path.join(zodCore, 'doc.js'),
  reactDom,
};
const read = (f: string) => readFileSync(f, 'utf8');

describe('harden-bundles', () => {
  it('zod: the eval probe answers "no" and the parser compiler cannot run', () => {
    const util = hardenModule(read(files.util), files.util)!;
    expect(util).not.toMatch(/new F\(/);
    expect(util).toMatch(/allowsEval = \/\* @__PURE__\*\/ cached\(\(\) => \{[\s\S]*?try \{\s*return false;/);
    const doc = hardenModule(read(files.doc), files.doc)!;
    expect(doc).not.toMatch(/=\s*Function\b/);
    // The compiler now throws instead of evaluating a string.
    const F = runInNewContext(`${doc.match(/const F = function \(\) \{[^}]*\};/)![0]} F`) as new () => unknown;
    expect(() => new F()).toThrow(/no eval/);
  });

  it('react-dom: dangerouslySetInnerHTML throws instead of assigning innerHTML', () => {
    const before = read(files.reactDom);
    const after = hardenModule(before, files.reactDom)!;
    expect(before.match(/domElement\.innerHTML = key/g)).toHaveLength(2);
    expect(after).not.toMatch(/domElement\.innerHTML = key/);
    expect(after.match(/dangerouslySetInnerHTML is disabled in this extension/g)).toHaveLength(2);
  });

  it('leaves every other module alone', () => {
    expect(hardenModule('const F = Function; new F("");', '/x/node_modules/other/util.js')).toBeNull();
    expect(hardenModule('domElement.innerHTML = key', '/work/main/utils/page/dom.ts')).toBeNull();
  });

  it('stops the build when a dependency no longer has the expected text', () => {
    for (const rule of HARDEN_RULES) {
      const id = rule.name.startsWith('react') ? files.reactDom : rule.name.includes('probe') ? files.util : files.doc;
      expect(() => hardenModule('/* changed upstream */', id)).toThrow(/expected \d+ match/);
    }
  });
});
