/**
 * Where our control rows go on impact.com's pages: in a row of their own, below the element
 * showing a value, never inside impact.com's own rows. Putting a block into a flex row (the
 * UICL copy field: input + Copy) shrinks impact.com's input; putting it into a grid (a
 * label/value list) takes a cell of its own. So the row goes after the value's outermost
 * box whose parent lays its children out one under the other, outside impact.com's own
 * components (a shadow root is the component's private layout).
 */
import { OWN_ATTR } from '@/utils/page/dom';

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

/** The parent element, or the shadow host when `el` is at the top of a shadow root. */
function composedParent(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const root = el.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

/**
 * The element after which a row of our own goes, for controls about `value`: leaves
 * impact.com's shadow roots, then climbs while `value`'s box is inline or its parent is a
 * row, a grid or a table; stops at `limit` (the section's body) when given.
 */
export function ownRowAnchor(value: Element, limit?: Element | null): Element {
  const view = value.ownerDocument.defaultView;
  let el: Element = value;
  // Out of every shadow root: the component re-renders its inside and owns its layout.
  for (let root = el.getRootNode(); root instanceof ShadowRoot; root = el.getRootNode()) el = root.host;
  if (!view) return el;
  for (;;) {
    const parent = composedParent(el);
    if (!parent || el === limit || parent === el.ownerDocument.body) return el;
    const own = view.getComputedStyle(el);
    if (!isInlineLevel(own) && stacksChildren(view.getComputedStyle(parent))) return el;
    if (parent === limit) return el;
    el = parent;
  }
}

/** Put `host` in a row of its own right after the box showing `value` (see ownRowAnchor). */
export function placeOwnRow(value: Element, host: HTMLElement, limit?: Element | null): void {
  // After our rows already there (the link's row, then the code's, when both values share a box).
  let after = ownRowAnchor(value, limit);
  while (after.nextElementSibling && after.nextElementSibling !== host && after.nextElementSibling.hasAttribute(OWN_ATTR)) after = after.nextElementSibling;
  after.after(host);
}

/** True when `host` is (still) where placeOwnRow put it for `value`. */
export function isOwnRowOf(host: Element, value: Element, limit?: Element | null): boolean {
  let before = host.previousElementSibling;
  while (before?.hasAttribute(OWN_ATTR)) before = before.previousElementSibling;
  return before === ownRowAnchor(value, limit);
}
