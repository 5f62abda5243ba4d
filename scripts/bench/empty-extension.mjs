/**
 * The floor for the popup's first paint (issue 10: "popup first paint at 5,000 tasks ≤ 1.5 × the
 * first paint of an empty extension page measured in the same run"): a tiny extension of the
 * bench's own, generated into a temporary folder and loaded into the same browser beside the
 * measured build. It has one static page, no script, no permission, nothing else: what any
 * extension page costs this machine (process, navigation commit, parse, style, layout, paint).
 * Never a page of the product, never a change to the product's manifest.
 *
 * Its id is fixed by a `key` in its manifest (Chromium derives an extension's id from its public
 * key: the first 16 bytes of the key's SHA-256, written with the letters a–p), so the bench knows
 * where the page is without a service worker to find it by.
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The page's file, and the element the bench waits for (as it waits for the popup's first card). */
export const EMPTY_PAGE = 'empty.html';
export const EMPTY_PAGE_SELECTOR = 'main';

/** Writes the extension; returns its folder, its id and a function that removes it. */
export async function makeEmptyExtension() {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-empty-extension-'));
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const der = publicKey.export({ type: 'spki', format: 'der' });
  const id = [...createHash('sha256').update(der).digest('hex').slice(0, 32)].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
  const manifest = { manifest_version: 3, name: 'bench: empty page', version: '1.0', key: der.toString('base64') };
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  // The popup's document less its script: same doctype, charset and viewport, one empty element.
  await writeFile(
    path.join(dir, EMPTY_PAGE),
    '<!doctype html>\n<html lang="en">\n  <head>\n    <meta charset="UTF-8" />\n    <meta name="viewport" content="width=device-width, initial-scale=1.0" />\n    <title>Empty</title>\n  </head>\n  <body>\n    <main></main>\n  </body>\n</html>\n',
  );
  return { dir, id, remove: () => rm(dir, { recursive: true, force: true }) };
}
