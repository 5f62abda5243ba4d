/**
 * The browser's tabs as the worker's background jobs use them ("Retrieve my post", Refresh
 * all): thin, with every decision in the jobs' own modules (driven with fakes in unit tests).
 */
import { browser } from 'wxt/browser';
import { PAGE_ACTION_COMMANDS } from '../messages';
import { tabPost, type Post } from '../messaging';
import type { TabSnapshot } from '../page/urls';
import { holdsInPlace, PAGE_ACTIONS_KEY, QR_DIALOG_KEY } from '../content/page-actions';

export function tabSnapshot(tab: { id?: number; url?: string; status?: string; active?: boolean }): TabSnapshot {
  return { id: tab.id ?? -1, url: tab.url, status: tab.status, active: tab.active };
}

export const browserTabs = {
  /** The tab now; undefined once it is closed. */
  async get(tabId: number): Promise<TabSnapshot | undefined> {
    try {
      return tabSnapshot(await browser.tabs.get(tabId));
    } catch {
      return undefined;
    }
  },
  async openInBackground(url: string): Promise<TabSnapshot> {
    return tabSnapshot(await browser.tabs.create({ url, active: false }));
  },
  async close(tabId: number): Promise<void> {
    await browser.tabs.remove(tabId);
  },
  post: pageActionsPost,
};

const PAGE_ACTIONS: ReadonlySet<unknown> = new Set(PAGE_ACTION_COMMANDS);

/**
 * Sends to the tab's content script (its top frame, messaging.ts tabPost). Before a retrieve,
 * a Refresh all step, diagnostics or a keyboard copy, puts the page actions into that frame (entrypoints/page-actions.ts,
 * the extension's own file; the tab is on app.impact.com or an address the creator allowed, or
 * the browser refuses): the content script of every page does not carry them. Asked for
 * before each such command (the page may have reloaded): a small probe first, so the file
 * (~77 KB) is evaluated only where this content script holds no actions yet, not again at
 * each step of a walk (utils/content/page-actions.ts). When the browser refuses, the command
 * is not delivered.
 */
export function pageActionsPost(tabId: number): Post {
  const post = tabPost(tabId);
  return async (message) => {
    if (PAGE_ACTIONS.has((message as { type?: unknown } | null)?.type)) await injectOnce(tabId, 0, PAGE_ACTIONS_KEY, '/page-actions.js');
    return post(message);
  };
}

/**
 * The QR dialog's script (entrypoints/qr-dialog.ts) into the frame whose "Show QR code" was
 * pressed, unless its content script holds it already (it is asked on every press).
 */
export function injectQrDialog(tabId: number, frameId: number): Promise<void> {
  return injectOnce(tabId, frameId, QR_DIALOG_KEY, '/qr-dialog.js');
}

/** The extension's file into one frame, unless that frame's content script holds what it leaves under `key` (a small probe first). */
async function injectOnce(tabId: number, frameId: number, key: string, file: '/page-actions.js' | '/qr-dialog.js'): Promise<void> {
  const target = { tabId, frameIds: [frameId] };
  const [probe] = await browser.scripting.executeScript({ target, func: holdsInPlace, args: [key] });
  if (probe?.result !== true) await browser.scripting.executeScript({ target, files: [file] });
}
