/**
 * Functions that run inside a replica page, shared by the Chromium (Playwright) and Firefox
 * (Puppeteer) tests: both take them as `page.evaluate(fn, arg)` with one argument. They are
 * serialized, so each is self-contained (no imports, no outside names).
 */

/** What the page's live regions (ours included, inside open shadow roots) say now. */
export function liveRegionText(): string {
  const out: string[] = [];
  const visit = (root: Document | ShadowRoot) => {
    for (const el of Array.from(root.querySelectorAll('[aria-live]'))) if (el.textContent) out.push(el.textContent);
    for (const el of Array.from(root.querySelectorAll('*'))) if (el.shadowRoot) visit(el.shadowRoot);
  };
  visit(document);
  return out.join(' | ');
}

/**
 * `count` navigations without page loads, the way the app moves: hash changes between two
 * tabs, and every tenth a pushState to a campaign's task list and back. Ends on #/joined.
 */
export async function spaNavigations({ count, tasksPath }: { count: number; tasksPath: string }): Promise<void> {
  const home = location.pathname + location.search;
  for (let i = 0; i < count; i++) {
    if (i % 10 === 9) {
      history.pushState({}, '', tasksPath);
      dispatchEvent(new PopStateEvent('popstate'));
      await new Promise((r) => setTimeout(r, 40));
      history.pushState({}, '', `${home}#/joined`);
      dispatchEvent(new PopStateEvent('popstate'));
    } else {
      location.hash = i % 2 ? '#/all' : '#/joined';
    }
    await new Promise((r) => setTimeout(r, 40));
  }
  location.hash = '#/joined';
}

/**
 * Participating page that re-renders: counts the re-renders (nodes swapped in and out) in
 * `window.swaps` and, on every frame, the most tile chips of ours seen at once in `window.most`.
 */
export function watchTileSwaps(): void {
  const w = window as unknown as { swaps: number; most: number };
  w.swaps = 0;
  w.most = 0;
  new MutationObserver((records) => {
    for (const r of records) if (r.addedNodes.length && r.removedNodes.length) w.swaps++;
  }).observe(document.body, { childList: true, subtree: true });
  const sample = () => {
    w.most = Math.max(w.most, document.querySelectorAll('[data-tiktok-helper="tile"]').length);
    requestAnimationFrame(sample);
  };
  sample();
}

/**
 * Popup: the button named `name` on the card of `task` of `campaign` (found by its accessible
 * name), or null while it is not there. A card is one line until opened: a person clicks the
 * line first, and so does this (the next call then finds the button).
 */
export function popupCardButton({ task, campaign, name }: { task: string; campaign: string; name: string }): HTMLButtonElement | null {
  const nameOf = (el: Element) =>
    (el.getAttribute('aria-labelledby') ?? '')
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' ')
      .trim();
  const card = Array.from(document.querySelectorAll('article')).find((a) => nameOf(a) === `${task} ${campaign}`);
  if (!card) return null;
  const line = card.querySelector<HTMLButtonElement>('button[aria-expanded="false"]');
  if (line) line.click();
  return Array.from(card.querySelectorAll('button')).find((b) => b.textContent!.trim() === name) ?? null;
}
