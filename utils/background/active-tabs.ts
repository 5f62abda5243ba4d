/**
 * Which tab each window showed before the one it shows now: a background job asks it to tell
 * the creator going to its tab (from a tab still open) from the browser showing a neighbour
 * because the shown tab was closed. Firefox says so itself (`previousTabId`, absent when that
 * tab was closed); Chrome does not, so the tab this worker last saw shown in the window stands in
 * (seeded with the tabs shown when the worker started).
 */
export interface Activation {
  tabId: number;
  windowId: number;
  previousTabId?: number;
}

export interface ActiveTabs {
  /** A tab shown when the worker started (kept only if no activation came first). */
  seed(tab: { id?: number; windowId?: number }): void;
  /** Records the activation; returns the tab the window showed before, if known. */
  activated(activation: Activation): number | undefined;
}

export function createActiveTabs(): ActiveTabs {
  const shown = new Map<number, number>();
  return {
    seed(tab) {
      if (tab.id !== undefined && tab.windowId !== undefined && !shown.has(tab.windowId)) shown.set(tab.windowId, tab.id);
    },
    activated({ tabId, windowId, previousTabId }) {
      const before = previousTabId ?? shown.get(windowId);
      shown.set(windowId, tabId);
      return before;
    },
  };
}

/**
 * Did the creator go to `tabId`? Yes when the window showed another tab before, still open: a
 * switch from it. No when no tab before is known, or it is gone (the browser showed `tabId`
 * because the tab before was closed). Shared by Refresh all's tab and a retrieve's tab.
 */
export async function creatorWentTo(tabId: number, previousTabId: number | undefined, getTab: (id: number) => Promise<unknown>): Promise<boolean> {
  if (previousTabId === undefined || previousTabId === tabId) return false;
  return (await getTab(previousTabId).catch(() => undefined)) !== undefined;
}
