/**
 * DOM helpers that see the page the way a person does: through OPEN shadow roots
 * (impact.com mounts some UICL components as custom elements), by visible text and by
 * accessible name. Nothing here knows impact.com's markup; that is selectors.ts.
 */
import { fold } from './text';

/** Attribute marking everything the extension injects, so detection and the observer skip it. */
export const OWN_ATTR = 'data-tiktok-helper';

export function isOwn(node: Node | null | undefined): boolean {
  for (let n: Node | null | undefined = node; n; n = composedParent(n)) {
    if (n instanceof Element && n.hasAttribute(OWN_ATTR)) return true;
  }
  return false;
}

/** Parent in the composed tree: across a shadow root to its host. */
export function composedParent(node: Node): Node | null {
  if (node.parentNode instanceof ShadowRoot) return node.parentNode.host;
  return node.parentNode;
}

export function composedParentElement(node: Node): Element | null {
  const parent = composedParent(node);
  return parent instanceof Element ? parent : null;
}

/** `a` contains `b` in the composed tree (shadow roots included). */
export function composedContains(a: Node, b: Node): boolean {
  for (let n: Node | null = b; n; n = composedParent(n)) if (n === a) return true;
  return false;
}

/** Like Element.closest, but climbing out of shadow roots. */
export function composedClosest(el: Element, selector: string): Element | null {
  for (let n: Element | null = el; n; n = composedParentElement(n)) if (n.matches(selector)) return n;
  return null;
}

/** Ancestors of `el` (excluding itself) in the composed tree, nearest first. */
export function* composedAncestors(el: Node): Generator<Element> {
  for (let n = composedParentElement(el); n; n = composedParentElement(n)) yield n;
}

/** Every open shadow root at or below `root`. */
export function openShadowRoots(root: ParentNode): ShadowRoot[] {
  const out: ShadowRoot[] = [];
  const visit = (r: ParentNode) => {
    for (const el of r.querySelectorAll('*')) {
      const sr = el.shadowRoot;
      if (sr && !el.hasAttribute(OWN_ATTR)) {
        out.push(sr);
        visit(sr);
      }
    }
  };
  if (root instanceof Element && root.shadowRoot && !root.hasAttribute(OWN_ATTR)) {
    out.push(root.shadowRoot);
    visit(root.shadowRoot);
  }
  visit(root);
  return out;
}

/** querySelectorAll over `root` and every open shadow root below it, skipping our own UI. */
export function deepQueryAll<E extends Element = Element>(root: ParentNode, selector: string): E[] {
  const out: E[] = [];
  const scopes: ParentNode[] = [root, ...openShadowRoots(root)];
  for (const scope of scopes) {
    if (scope instanceof Element && scope.matches(selector) && !isOwn(scope)) out.push(scope as unknown as E);
    for (const el of scope.querySelectorAll<E>(selector)) if (!isOwn(el)) out.push(el);
  }
  return out;
}

/**
 * Text as rendered: light DOM, the contents of open shadow roots (with slotted children in
 * their slots), no <script>/<style>, no hidden elements, no text we injected ourselves.
 */
export function deepText(node: Node): string {
  const parts: string[] = [];
  const visit = (n: Node) => {
    if (n.nodeType === Node.TEXT_NODE) {
      parts.push(n.nodeValue ?? '');
      return;
    }
    if (!(n instanceof Element) && !(n instanceof DocumentFragment)) return;
    if (n instanceof Element) {
      // Our own UI, and decoration hidden from assistive tech (avatars, carets).
      if (n.hasAttribute(OWN_ATTR) || n.getAttribute('aria-hidden') === 'true') return;
      const tag = n.localName;
      if (tag === 'script' || tag === 'style' || tag === 'template' || tag === 'noscript' || tag === 'svg') return;
      if (tag === 'input' || tag === 'textarea') {
        parts.push(' ', (n as HTMLInputElement).value, ' ');
        return;
      }
      if (tag === 'slot') {
        const assigned = (n as HTMLSlotElement).assignedNodes({ flatten: true });
        for (const a of assigned.length ? assigned : Array.from(n.childNodes)) visit(a);
        return;
      }
      if (n.shadowRoot) {
        parts.push(' ');
        visit(n.shadowRoot);
        parts.push(' ');
        return;
      }
      if (BLOCK.has(tag)) parts.push(' ');
    }
    for (const c of Array.from(n.childNodes)) visit(c);
    if (n instanceof Element && BLOCK.has(n.localName)) parts.push(' ');
  };
  visit(node);
  return parts.join('').replace(/[\s\u00A0]+/g, ' ').trim();
}

const BLOCK = new Set(['div', 'p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'header', 'footer', 'br', 'ul', 'ol', 'dl', 'summary', 'details', 'label', 'button', 'a']);

/** Does the element show any text (stops at the first)? Cheaper than deepText on big subtrees. */
export function hasText(el: Element): boolean {
  const doc = el.ownerDocument;
  const scopes: Node[] = [el, ...openShadowRoots(el)];
  for (const scope of scopes) {
    const walker = doc.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.nodeValue?.trim()) continue;
      const parent = n.parentElement;
      if (parent && (parent.closest('svg, script, style, template, [aria-hidden="true"]') || isOwn(parent))) continue;
      return true;
    }
  }
  return false;
}

/** Text of an element looked up by id from the element's own tree scope. */
function textById(el: Element, ids: string): string {
  const scope = el.getRootNode() as Document | ShadowRoot;
  return ids
    .split(/\s+/)
    .map((id) => (id ? scope.getElementById?.(id) : null))
    .filter((x): x is HTMLElement => !!x)
    .map((x) => deepText(x))
    .join(' ');
}

/**
 * A simplified accessible name: aria-labelledby, aria-label, alt, title, an SVG's <title>,
 * then the visible text. Good enough to tell "TikTok" from "Instagram" and "Manage Tasks"
 * from "View Campaign"; not a full accname implementation.
 */
export function accessibleName(el: Element): string {
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy) {
    const t = textById(el, labelledBy);
    if (t.trim()) return t.trim();
  }
  const label = el.getAttribute('aria-label');
  if (label?.trim()) return label.trim();
  if (el.localName === 'img' || el.localName === 'area' || (el.localName === 'input' && el.getAttribute('type') === 'image')) {
    const alt = el.getAttribute('alt');
    if (alt?.trim()) return alt.trim();
  }
  if (el.localName === 'svg') {
    const title = Array.from(el.children).find((c) => c.localName === 'title');
    if (title?.textContent?.trim()) return title.textContent.trim();
  }
  const text = deepText(el);
  if (text) return text;
  const title = el.getAttribute('title');
  if (title?.trim()) return title.trim();
  // An icon-only control named by the icon inside it.
  const img = el.querySelector('img[alt], svg > title, [aria-label]');
  if (img) return img.localName === 'title' ? (img.textContent ?? '').trim() : (img.getAttribute('alt') ?? img.getAttribute('aria-label') ?? '').trim();
  return '';
}

/**
 * Elements a person can activate: buttons, links, [role=button], summaries, and UICL-style
 * custom elements marked as buttons by data-testid.
 */
export const CONTROL_SELECTOR = 'button, a[href], [role="button"], [role="link"], [role="menuitem"], [role="tab"], summary, input[type="button"], input[type="submit"]';

/** Controls under `root` (shadow roots included) whose accessible name is one of `names` (folded). */
export function controlsNamed(root: ParentNode, names: string[]): HTMLElement[] {
  return deepQueryAll<HTMLElement>(root, CONTROL_SELECTOR).filter((el) => {
    const name = fold(accessibleName(el));
    return names.some((n) => name === n || name.startsWith(n + ' ') || name.endsWith(' ' + n));
  });
}

/** Hidden by the page (attribute, inline display:none, closed <details>): not yet shown. */
export function isHiddenByPage(el: Element): boolean {
  for (let n: Element | null = el; n; n = composedParentElement(n)) {
    if (n.hasAttribute('hidden') || n.getAttribute('aria-hidden') === 'true') return true;
    if (n instanceof HTMLElement && n.style.display === 'none') return true;
    if (n.localName === 'details' && !(n as HTMLDetailsElement).open && !el.matches('summary') && n !== el) {
      const summary = n.querySelector(':scope > summary');
      if (!summary || !composedContains(summary, el)) return true;
    }
  }
  return false;
}

/**
 * The innermost elements whose whole visible text passes `test`, found from text nodes that
 * contain one of `needles` (folded): cheap on big pages, and it sees into shadow roots.
 */
export function elementsWithText(root: ParentNode, needles: string[], test: (text: string) => boolean): Element[] {
  const out: Element[] = [];
  const scopes: ParentNode[] = [root, ...openShadowRoots(root)];
  for (const scope of scopes) {
    const doc = (scope as Node).ownerDocument ?? (scope as Document);
    const walker = doc.createTreeWalker(scope as Node, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const value = fold(node.nodeValue);
      if (!value || !needles.some((n) => value.includes(n))) continue;
      let el: Element | null = node.parentElement;
      if (!el || isOwn(el)) continue;
      for (let depth = 0; el && depth < 4; depth++, el = composedParentElement(el)) {
        const tag = el.localName;
        if (tag === 'script' || tag === 'style' || tag === 'body') break;
        const text = deepText(el);
        if (text.length > 300) break;
        if (test(text)) {
          if (!out.includes(el)) out.push(el);
          break;
        }
      }
    }
  }
  return out.filter((el) => !out.some((other) => other !== el && composedContains(el, other)));
}
