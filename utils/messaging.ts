/** Thin typed wrappers over runtime messaging; the protocol itself is utils/messages.ts. */
import { browser } from 'wxt/browser';
import type { BackgroundMessage, ContentMessage, Reply } from './messages';

export async function sendToBackground<T = unknown>(message: BackgroundMessage): Promise<Reply<T>> {
  try {
    const reply = (await browser.runtime.sendMessage(message)) as Reply<T> | undefined;
    return reply ?? { ok: false, error: 'The extension did not answer. Reload the page and try again.' };
  } catch (error) {
    return { ok: false, error: `The extension could not be reached (${String((error as Error)?.message ?? error)}).` };
  }
}

export async function sendToTab<T = unknown>(tabId: number, message: ContentMessage): Promise<Reply<T>> {
  try {
    const reply = (await browser.tabs.sendMessage(tabId, message)) as Reply<T> | undefined;
    return reply ?? { ok: false, error: 'The page did not answer.' };
  } catch (error) {
    return { ok: false, error: `The page could not be reached (${String((error as Error)?.message ?? error)}).` };
  }
}
