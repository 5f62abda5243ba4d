/* global chrome -- code passed to addInitScript() runs in the extension page, where chrome exists */
/**
 * A popup opened as a page (a tab of its own) is its own active tab, so it would never be
 * "over" an impact.com task page. Before the page's scripts run, `chrome.tabs.query` is made to
 * answer an `active` query with one tab at `url`; every other query is the browser's. Shared by
 * the e2e tests (a11y-chromium.test.ts) and the bench (scripts/bench/extension-pages.mjs).
 * Which tab is "current" is unit-tested (tracker-head).
 *
 * @param {import('playwright-core').Page} page  before its goto()
 * @param {string} url  the address of the tab the page is opened over
 */
export function overActiveTab(page, url) {
  return page.addInitScript((activeUrl) => {
    const query = chrome.tabs.query.bind(chrome.tabs);
    chrome.tabs.query = (info) => (info.active ? Promise.resolve([{ id: 1, url: activeUrl }]) : query(info));
  }, url);
}
