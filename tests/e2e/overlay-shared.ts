/**
 * Shared pieces of the overlay e2e tests (Chromium and Firefox): scenario facts, QR decoding
 * of a screenshot, and an in-page deep query that sees through open shadow roots.
 */
import jsQR from 'jsqr';
// @ts-expect-error pngjs ships no types; only PNG.sync.read is used
import { PNG } from 'pngjs';
import * as S from '../replica/scenario.mjs';

export { S };
export const FAMILIES = ['semantic', 'uicl', 'hashed'] as const;
export type Family = (typeof FAMILIES)[number];

export function task(taskId: string): { campaign: S.Campaign; task: S.Task } {
  const hit = S.findTask(taskId);
  if (!hit) throw new Error(`no task ${taskId} in the scenario`);
  return hit;
}

export function decodeQr(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  const result = jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength), image.width, image.height);
  return result?.data ?? null;
}

/**
 * Source of an in-page function `__deep(selector)` that returns every element matching the
 * selector in the document and all open shadow roots. Injected with evaluate/addInitScript.
 */
export const DEEP_QUERY_SOURCE = `
window.__deep = (selector) => {
  const out = [];
  const visit = (root) => {
    out.push(...root.querySelectorAll(selector));
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) visit(el.shadowRoot);
  };
  visit(document);
  return out;
};
window.__buttons = (name) => window.__deep('button').filter((b) => (b.getAttribute('aria-label') || b.textContent || '').trim().toLowerCase() === name.toLowerCase());
window.__activeName = () => {
  let el = document.activeElement;
  while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
  return el ? (el.getAttribute('aria-label') || el.textContent || '').trim() : '';
};
`;
