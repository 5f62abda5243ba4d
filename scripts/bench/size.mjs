/** Gzip size of the shipped content script(s): what every impact.com page loads and parses. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export async function contentScriptSize(extensionDir) {
  const dir = path.join(extensionDir, 'content-scripts');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.js'));
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const code = await readFile(path.join(dir, f));
    raw += code.length;
    gzip += gzipSync(code, { level: 9 }).length;
  }
  return { files, rawKB: raw / 1024, gzipKB: gzip / 1024 };
}

/**
 * What an extension page loads before its first render: the scripts its HTML names (the entry
 * and its modulepreload chunks, which the entry imports statically), raw and gzip. Chunks it
 * loads later (the CSV writer on the first export) are not counted.
 */
export async function pageBundleSize(extensionDir, page) {
  const html = await readFile(path.join(extensionDir, page), 'utf8');
  const files = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/?([^"]+\.js)"/g)].map((m) => m[1]);
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const code = await readFile(path.join(extensionDir, f));
    raw += code.length;
    gzip += gzipSync(code, { level: 9 }).length;
  }
  return { files, rawKB: raw / 1024, gzipKB: gzip / 1024 };
}
