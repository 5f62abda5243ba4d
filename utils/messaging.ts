/**
 * Thin typed wrappers over runtime messaging; the protocol itself is utils/messages.ts.
 * Replies are checked too: the envelope always (no zod here, the content script imports
 * this), and the value by the caller's `readValue` where the caller relies on its shape.
 */
import { browser } from 'wxt/browser';
import type { BackgroundMessage, ContentMessage, Reply } from './messages';

/** Turns a value into T, or undefined when it is not one. */
export type ValueReader<T> = (value: unknown) => T | undefined;

const NOT_UNDERSTOOD = 'The answer was not understood. Reload the page and try again.';

/** `{ ok: true, value }` or `{ ok: false, error: string }`; anything else is refused. */
export function readReply<T>(raw: unknown, missing: string, readValue?: ValueReader<T>): Reply<T> {
  if (raw === undefined || raw === null) return { ok: false, error: missing };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, error: NOT_UNDERSTOOD };
  const reply = raw as { ok?: unknown; value?: unknown; error?: unknown };
  if (reply.ok === false) return { ok: false, error: typeof reply.error === 'string' && reply.error ? reply.error.slice(0, 1000) : NOT_UNDERSTOOD };
  if (reply.ok !== true) return { ok: false, error: NOT_UNDERSTOOD };
  if (!readValue) return { ok: true, value: reply.value as T };
  const value = readValue(reply.value);
  return value === undefined ? { ok: false, error: NOT_UNDERSTOOD } : { ok: true, value };
}

export async function sendToBackground<T = unknown>(message: BackgroundMessage, readValue?: ValueReader<T>): Promise<Reply<T>> {
  try {
    return readReply(await browser.runtime.sendMessage(message), 'The extension did not answer. Reload the page and try again.', readValue);
  } catch (error) {
    return { ok: false, error: `The extension could not be reached (${String((error as Error)?.message ?? error)}).` };
  }
}

export async function sendToTab<T = unknown>(tabId: number, message: ContentMessage, readValue?: ValueReader<T>): Promise<Reply<T>> {
  try {
    // The top frame answers for the whole page: it reaches into same-origin frames itself, and
    // every frame answering would let the first (possibly the wrong one) win.
    return readReply(await browser.tabs.sendMessage(tabId, message, { frameId: 0 }), 'The page did not answer.', readValue);
  } catch (error) {
    return { ok: false, error: `The page could not be reached (${String((error as Error)?.message ?? error)}).` };
  }
}
