/**
 * What our controls do to impact.com's own layout, measured in the page: every box of
 * impact.com's (also inside the open shadow roots of its components) with our controls
 * shown, then — in the same synchronous run, before the page or the extension can react —
 * with our controls taken out of the layout. Runs in the page (self-contained: no imports).
 */
/** impact.com's own elements showing the TTCM values on View Task Details, per replica family (their boxes must not change). */
export const VALUE_ELEMENTS: Record<'semantic' | 'uicl' | 'hashed', string[]> = {
  semantic: ['dd a[href^="https://"]', 'dl'],
  uicl: ['[data-testid="uicl-input"]', '[data-testid="uicl-button"] button', '[data-testid="uicl-text"]', 'iui-copy-field'],
  hashed: ['[role="dialog"] span[title], [role="dialog"] span'],
};

export interface LayoutChange {
  /** impact.com elements whose width or left edge changed (a squeezed input, a wrapped row). */
  moved: string[];
  /** impact.com elements, holding none of our controls, whose height changed. */
  grown: string[];
  /**
   * Of those, items of a grid or flex row beside an item that holds our controls: impact.com's
   * own layout stretches a row's items to its tallest (its choice, not a squeeze).
   */
  stretched: string[];
  /** impact.com elements that moved up (our rows only ever add lines below them or above). */
  movedUp: string[];
  /** The named elements (selectors given), with their boxes before → after. */
  named: { selector: string; before: number[]; after: number[] }[];
  /** Heights of each of our control rows (px). */
  ownRowHeights: number[];
  ownHosts: number;
}

export function measureLayoutChange(args: { named: string[]; ignoreHeightOf?: string }): LayoutChange {
  const OWN = '[data-tiktok-helper]';
  const all: Element[] = [];
  const own: HTMLElement[] = [];
  const visit = (root: Document | ShadowRoot) => {
    for (const el of Array.from(root.querySelectorAll('*'))) {
      if (el.matches(OWN)) {
        own.push(el as HTMLElement);
        continue;
      }
      if (el.closest(OWN)) continue;
      all.push(el);
      if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  visit(document);
  const deepFind = (selector: string): Element | null => all.find((el) => el.matches(selector)) ?? null;
  const contains = (outer: Element, inner: Node) => {
    for (let n: Node | null = inner; n; n = n.parentNode ?? (n instanceof ShadowRoot ? n.host : null)) if (n === outer) return true;
    return false;
  };
  const box = (el: Element) => {
    const r = el.getBoundingClientRect();
    return [r.x + scrollX, r.y + scrollY, r.width, r.height].map((v) => Math.round(v * 2) / 2);
  };
  const name = (el: Element) => {
    const id = el.getAttribute('data-testid') ?? el.id;
    return `${el.localName}${id ? `#${id}` : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : ''} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
  };
  const shown = (el: Element) => el.getClientRects().length > 0;
  const visible = all.filter(shown);
  const ownRowHeights = own.filter((h) => h.getAttribute('data-tiktok-helper') !== 'qr-dialog').flatMap((h) => Array.from(h.shadowRoot?.querySelectorAll('.row, .group') ?? []).map((r) => Math.round(r.getBoundingClientRect().height)));
  const after = new Map(visible.map((el) => [el, box(el)]));
  const namedEls = args.named.map((s) => [s, deepFind(s)] as const);
  const namedAfter = namedEls.map(([, el]) => (el ? box(el) : []));
  const saved = own.map((h) => h.style.getPropertyValue('display'));
  for (const h of own) h.style.setProperty('display', 'none', 'important');
  const before = new Map(visible.map((el) => [el, box(el)]));
  const namedBefore = namedEls.map(([, el]) => (el ? box(el) : []));
  own.forEach((h, i) => (saved[i] ? h.style.setProperty('display', saved[i]!) : h.style.removeProperty('display')));
  const moved: string[] = [];
  const grown: string[] = [];
  const stretched: string[] = [];
  const movedUp: string[] = [];
  const holdsOurs = (el: Element) => own.some((h) => contains(el, h));
  const stretchedBySiblings = (el: Element) => {
    const parent = el.parentElement;
    if (!parent || !/grid|flex/.test(getComputedStyle(parent).display)) return false;
    return Array.from(parent.children).some((c) => c !== el && holdsOurs(c));
  };
  for (const el of visible) {
    const [bx, by, bw, bh] = before.get(el)!;
    const [ax, ay, aw, ah] = after.get(el)!;
    if (bx !== ax || bw !== aw) moved.push(`${name(el)}: x ${bx}→${ax}, width ${bw}→${aw}`);
    if (ay! < by!) movedUp.push(`${name(el)}: y ${by}→${ay}`);
    if (holdsOurs(el) || bh === ah) continue;
    if (stretchedBySiblings(el)) stretched.push(`${name(el)}: height ${bh}→${ah}`);
    else if (!(args.ignoreHeightOf && el.matches(args.ignoreHeightOf))) grown.push(`${name(el)}: height ${bh}→${ah}`);
  }
  return {
    moved,
    grown,
    stretched,
    movedUp,
    named: namedEls.map(([selector], i) => ({ selector, before: namedBefore[i]!, after: namedAfter[i]! })),
    ownRowHeights,
    ownHosts: own.length,
  };
}
