/**
 * The browser's tabs as the worker's background jobs use them ("Retrieve my post", Refresh
 * all): thin, with every decision in the jobs' own modules (driven with fakes in unit tests).
 */
import { browser } from 'wxt/browser';
import { tabPost } from '../messaging';
import type { TabSnapshot } from '../page/urls';

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
  post: tabPost,
};
