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
