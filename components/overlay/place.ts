/**
 * Where our control rows go on impact.com's pages: in a row of their own, below the element
 * showing a value, never inside impact.com's own rows. Putting a block into a flex row (the
 * UICL copy field: input + Copy) shrinks impact.com's input; putting it into a grid (a
 * label/value list) takes a cell of its own. So the row goes after the value's outermost
 * box whose parent lays its children out one under the other, and never leaves the section
 * (`limit`): a row placed beyond it can land outside a slide-out, under the page's backdrop.
 */
import { OWN_ATTR, composedContains } from '@/utils/page/dom';

/** Display values whose children are laid out one under the other (a new child only adds a line below). */
function stacksChildren(style: CSSStyleDeclaration): boolean {
  const d = style.display;
  if (d === 'block' || d === 'flow-root' || d === 'list-item' || d === 'inline-block' || d === 'table-cell') return true;
  if (d === 'flex' || d === 'inline-flex') return style.flexDirection.startsWith('column') && style.flexWrap === 'nowrap';
  return false;
}

function isInlineLevel(style: CSSStyleDeclaration): boolean {
  return style.display === 'inline' || style.display === 'contents' || style.display.startsWith('inline-') || style.display === 'inline-block';
}

/** A dialog or slide-out: our row stays inside it whatever its layout. */
function isDialog(el: Element): boolean {
  return el.localName === 'dialog' || el.getAttribute('role') === 'dialog' || el.getAttribute('role') === 'alertdialog' || el.getAttribute('aria-modal') === 'true';
}

/**
 * The host of the shadow root `el` is at the top of, when that root is a component drawn
 * inside the section (a copy field): its inside re-renders and is its own layout, so our row
 * goes beside the component. Null when the section itself lives in that root (a slide-out
 * drawn in a shadow root: outside it is the page behind the backdrop).
 */
function componentHost(el: Element, limit: Element | null): Element | null {
  const root = el.getRootNode();
  if (!(root instanceof ShadowRoot) || !limit || root === limit.getRootNode()) return null;
  return composedContains(limit, root.host) ? root.host : null;
}

/**
 * The element after which a row of our own goes, for controls about `value`: leaves the
 * shadow roots of components inside `limit` (the section), then climbs while `value`'s box is
 * inline or its parent is a row, a grid or a table; never past `limit`, a dialog, or the top
 * of a shadow root the section lives in.
 */
export function ownRowAnchor(value: Element, limit: Element | null): Element {
  const view = value.ownerDocument.defaultView;
  let el: Element = value;
  for (let host = componentHost(el, limit); host; host = componentHost(el, limit)) el = host;
  if (!view) return el;
  for (;;) {
    if (el === limit) return el;
    const parent = el.parentElement ?? componentHost(el, limit);
    if (!parent || parent === el.ownerDocument.body || isDialog(parent)) return el;
    const own = view.getComputedStyle(el);
    if (!isInlineLevel(own) && stacksChildren(view.getComputedStyle(parent))) return el;
    if (parent === limit) return el;
    el = parent;
  }
}

/** Put `host` in a row of its own right after the box showing `value` (see ownRowAnchor). */
export function placeOwnRow(value: Element, host: HTMLElement, limit: Element | null): void {
  // After our rows already there (the link's row, then the code's, when both values share a box).
  let after = ownRowAnchor(value, limit);
  while (after.nextElementSibling && after.nextElementSibling !== host && after.nextElementSibling.hasAttribute(OWN_ATTR)) after = after.nextElementSibling;
  after.after(host);
}

/** True when `host` is (still) where placeOwnRow put it for `value`. */
export function isOwnRowOf(host: Element, value: Element, limit: Element | null): boolean {
  let before = host.previousElementSibling;
  while (before?.hasAttribute(OWN_ATTR)) before = before.previousElementSibling;
  return before === ownRowAnchor(value, limit);
}
