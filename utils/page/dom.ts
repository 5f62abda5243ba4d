/**
 * DOM helpers that see the page the way a person does: through OPEN shadow roots
 * (impact.com mounts some UICL components as custom elements), by visible text and by
 * accessible name. Nothing here knows impact.com's markup; that is selectors.ts.
 */
import { fold } from './text';
import { SHADOW_HOST_XPATH, isShadowHostCandidate } from './selectors';

/** Attribute marking everything the extension injects, so detection and the observer skip it. */
export const OWN_ATTR = 'data-tiktok-helper';

const OWN_SELECTOR = `[${OWN_ATTR}]`;

/**
 * Node kinds by nodeType, never by `instanceof`: the flow that retrieves a post reads
 * same-origin frames from the top frame, whose nodes belong to another window's classes.
 */
export const isElement = (n: unknown): n is Element => (n as Node | null)?.nodeType === 1;
export const isShadowRoot = (n: unknown): n is ShadowRoot => (n as Node | null)?.nodeType === 11 && !!(n as ShadowRoot).host;
const isFragment = (n: unknown): n is DocumentFragment => (n as Node | null)?.nodeType === 11;

/**
 * Whether a node has left the page. A node of a frame that was removed or navigated (an
 * iframe modal closed) is a "dead object" in a Firefox content script: touching it throws,
 * which also means it is gone.
 */
export function isGone(node: Node): boolean {
  try {
    return !node.isConnected;
  } catch {
    return true;
  }
}

export function isOwn(node: Node | null | undefined): boolean {
  // Native closest() within each tree scope, then on to the shadow host: cheap on deep pages.
  for (let n: Node | null | undefined = node; n; ) {
    if (isElement(n)) {
      if (n.closest(OWN_SELECTOR)) return true;
      const root = n.getRootNode();
      n = isShadowRoot(root) ? root.host : null;
    } else n = composedParent(n);
  }
  return false;
}

/** Parent in the composed tree: across a shadow root to its host. */
export function composedParent(node: Node): Node | null {
  if (isShadowRoot(node.parentNode)) return node.parentNode.host;
  return node.parentNode;
}

export function composedParentElement(node: Node): Element | null {
  const parent = composedParent(node);
  return isElement(parent) ? parent : null;
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

/**
 * Shadow roots found during one detection pass (see withStableDom): a pass asks again and
 * again about the same subtrees (a tile, then the parts of that tile).
 */
let shadowMemo: WeakMap<Node, ShadowRoot[]> | null = null;
/** Whether an element shows text, during the same pass (a tile's climb asks again and again). */
let shownMemo: WeakMap<Element, boolean> | null = null;
/** Whether a node's text may hold a word of a text search, per set of words, during the same pass. */
let wordsMemo: Map<string, WeakMap<Node, boolean | null>> | null = null;
/** Told of every open shadow root found, before anything inside it is read (DomMemo.found). */
let shadowFound: ((sr: ShadowRoot) => void) | null = null;
/** A known list this short is filtered for a subtree instead of walking the subtree again. */
const SHORT_LIST = 16;

/**
 * What withStableDom remembers. Keep one while the page's DOM does not change, or keep it
 * across changes and tell it what changed (forgetChanged): everything it knows is about a
 * node's subtree, so a change invalidates the changed node and the nodes around it only.
 */
export interface DomMemo {
  shadowRoots: WeakMap<Node, ShadowRoot[]>;
  shows: WeakMap<Element, boolean>;
  /** Per set of words: whether a node's text may hold one; null once its subtree changed (see forgetChanged). */
  words: Map<string, WeakMap<Node, boolean | null>>;
  /**
   * Called with each open shadow root found, before anything inside it is read: the observer
   * watches it there, so nothing remembered of its insides can miss a change (a memo kept
   * across changes needs every root it reads to be watched).
   */
  found?: (sr: ShadowRoot) => void;
}

export const newDomMemo = (found?: (sr: ShadowRoot) => void): DomMemo => ({ shadowRoots: new WeakMap(), shows: new WeakMap(), words: new Map(), ...(found ? { found } : {}) });

/**
 * Forget what `memo` knows of the subtrees a change at `target` (a node whose children or
 * text changed) is part of: `target` and every node around it in the composed tree (across
 * shadow roots to their hosts). `done` holds the nodes already forgotten in this round of
 * changes: a climb stops there, so a thousand changes in one list cost the list's ancestors once.
 * Whether a node's text may hold a word is kept as "changed" (null), not forgotten: it is
 * then worked out from its children, most of which are still known, instead of reading the
 * whole subtree's text again (a page's list of 20,000 tiles where ten were added).
 */
export function forgetChanged(memo: DomMemo, target: Node, done: Set<Node>): void {
  for (let n: Node | null = target; n && !done.has(n); n = isShadowRoot(n) ? n.host : n.parentNode) {
    done.add(n);
    memo.shadowRoots.delete(n);
    memo.shows.delete(n as Element);
    for (const known of memo.words.values()) if (known.has(n)) known.set(n, null);
  }
}

/**
 * Run detection with the page's DOM taken as unchanged meanwhile (one synchronous pass, or
 * several while no mutation happened in between, with the same `memo`): shadow-root lookups
 * are remembered and reused for the subtrees below.
 */
export function withStableDom<T>(run: () => T, memo: DomMemo = newDomMemo()): T {
  const outer = shadowMemo;
  const outerShown = shownMemo;
  const outerWords = wordsMemo;
  const outerFound = shadowFound;
  if (!outer) shadowFound = memo.found ?? null;
  shadowMemo ??= memo.shadowRoots;
  shownMemo ??= memo.shows;
  wordsMemo ??= memo.words;
  try {
    return run();
  } finally {
    shadowMemo = outer;
    shownMemo = outerShown;
    wordsMemo = outerWords;
    shadowFound = outerFound;
  }
}

/** Every open shadow root at or below `root`. */
export function openShadowRoots(root: ParentNode): ShadowRoot[] {
  const leaf = leafShadowRoots(root);
  if (leaf) return leaf;
  if (!shadowMemo) return collectShadowRoots(root);
  const known = knownShadowRoots(shadowMemo, root);
  if (known) return known;
  const found = collectShadowRoots(root);
  shadowMemo.set(root as Node, found);
  return found;
}

/** What the memo already says of `root`'s shadow roots, itself or from a subtree's. */
function knownShadowRoots(memo: WeakMap<Node, ShadowRoot[]>, root: ParentNode): ShadowRoot[] | undefined {
  const known = memo.get(root as Node);
  if (known) return known;
  // A subtree of one already looked at: none there means none here; a few are filtered, and
  // a long list (a page of tiles, a component each) is handed out once to the nodes on the
  // way to its hosts, so the tiles below ask the memo instead of walking again.
  let depth = 0;
  // Through each shadow root on the way (not only its host): what is known of a component's
  // insides answers for everything inside it, without a page-wide list.
  const up = (n: Node): Node | null => (isShadowRoot(n) ? n.host : n.parentNode);
  // (A shadow root's own list is looked for, not filtered from its host's.)
  for (let a = isShadowRoot(root) ? null : up(root as Node); a && depth < 32; a = up(a), depth++) {
    const above = memo.get(a);
    if (!above) continue;
    if (above.length === 0) return [];
    if (above.length <= SHORT_LIST) {
      const here = above.filter((sr) => composedContains(root as Node, sr.host) && !(root as Node).isSameNode(sr));
      memo.set(root as Node, here);
      return here;
    }
    if (!distributed.has(above)) distribute(memo, a, above);
    // Every node holding one of them has its list now: any other holds none.
    return memo.get(root as Node) ?? [];
  }
  return undefined;
}

/** Lists of shadow roots already handed out to the nodes below (see distribute). */
const distributed = new WeakSet<ShadowRoot[]>();

/**
 * Remember, for every node between `top` and the hosts of its shadow roots `roots`, the ones
 * it holds (in the same order). A change below `top` forgets `top`'s list too (forgetChanged),
 * and the list found then is a new one, handed out again when asked.
 */
function distribute(memo: WeakMap<Node, ShadowRoot[]>, top: Node, roots: ShadowRoot[]): void {
  const lists = new Map<Node, ShadowRoot[]>();
  for (const sr of roots) {
    for (let n: Node | null = sr.host; n && n !== top; n = isShadowRoot(n) ? n.host : n.parentNode) {
      const list = lists.get(n);
      if (list) list.push(sr);
      else lists.set(n, [sr]);
    }
  }
  for (const [n, list] of lists) memo.set(n, list);
  distributed.add(roots);
}

const ORDERED_SNAPSHOT = 7; // XPathResult.ORDERED_NODE_SNAPSHOT_TYPE

/**
 * Nodes an XPath expression selects under `root`, in document order; null where the DOM
 * cannot evaluate it (then callers walk the nodes themselves, with the same result). On
 * big pages the browser's own evaluation is far cheaper than touching every node from a
 * content script.
 */
export function xpathNodes(root: Node, expression: string): Node[] | null {
  // Shadow roots are small (a component each) and many: walking them is cheaper.
  if (root.nodeType === Node.DOCUMENT_FRAGMENT_NODE) return null;
  const doc = root.ownerDocument ?? (root as Document);
  if (!hasNativeXPath(doc)) return null;
  try {
    let compiled = compiledXPath.get(expression);
    if (!compiled) compiledXPath.set(expression, (compiled = doc.createExpression(expression)));
    const result = compiled.evaluate(root, ORDERED_SNAPSHOT, null);
    const out: Node[] = [];
    for (let i = 0; i < result.snapshotLength; i++) out.push(result.snapshotItem(i)!);
    return out;
  } catch {
    return null;
  }
}

const nativeXPath = new WeakMap<Document, boolean>();
/** Parsed once: the same few expressions run on every pass. */
const compiledXPath = new Map<string, XPathExpression>();
/** A browser's own XPath (a script implementation, as in test DOMs, would be slower than walking). */
function hasNativeXPath(doc: Document): boolean {
  let known = nativeXPath.get(doc);
  if (known === undefined) {
    known = typeof doc.evaluate === 'function' && /\[native code\]/.test(Function.prototype.toString.call(doc.evaluate));
    nativeXPath.set(doc, known);
  }
  return known;
}

/** Elements that may carry an open shadow root, at or below `root` (see SHADOW_HOST_XPATH). */
function shadowHostCandidates(root: ParentNode): Element[] {
  // The browser's XPath for a document or an element's subtree (a re-rendered list of
  // thousands of tiles): a content script touching an element makes the element a wrapper of
  // its own, and the XPath hands over only the few elements it selects. (Subtrees of a list
  // already looked at are answered from the memo without a search: knownShadowRoots.)
  const found = xpathNodes(root as Node, SHADOW_HOST_XPATH);
  if (found) return found as Element[];
  const out: Element[] = isElement(root) && isShadowHostCandidate(root) ? [root] : [];
  const all = (root as Element | Document | ShadowRoot).querySelectorAll('*');
  for (let i = 0; i < all.length; i++) if (isShadowHostCandidate(all[i]!)) out.push(all[i]!);
  return out;
}

/** An element with more children than this is a list (of tiles, rows…): big pages are big through their lists. */
const LIST_CHILDREN = 64;
/**
 * Matches an element that is a list's item past LIST_CHILDREN (querySelector stops at the first):
 * LIST_CHILDREN steps back over its siblings at most, not `:nth-child(65)`, for which the browser
 * numbers every item of the list first (3–8 ms for a list of 20,000 tiles, each time it is asked).
 */
const PAST_A_LIST = pastSiblings(LIST_CHILDREN);

/** Matches an element with at least `n` element siblings before it (n steps back at most). */
function pastSiblings(n: number): string {
  return '*' + '+*'.repeat(n);
}

/**
 * Whether `node` is or holds a list of more than LIST_CHILDREN children: the page's spine above
 * its lists of tiles, or one of those lists. One native look that stops at the first such list
 * (after its first LIST_CHILDREN items); a subtree without one is looked through whole, which
 * costs what reading its text once does, without building the string.
 */
export function holdsAList(node: Element | Document | ShadowRoot): boolean {
  return isList(node) || node.querySelector(PAST_A_LIST) !== null;
}

/** A piece of a subtree: `node` with its whole subtree, or (`whole` false) the node alone. */
export interface Piece {
  node: Element | Document | ShadowRoot;
  whole: boolean;
}

/**
 * `root`'s subtree cut into pieces without a list of more than LIST_CHILDREN children, in
 * document order: such a subtree is one piece; one holding a list is its root alone, then its
 * children's pieces (a list's items each one piece, not looked into for a list of their own).
 * A query over a page of 20,000 tiles is then many short native steps, not one of a few hundred
 * milliseconds. A shadow root whose children are a list is cut as an element is (a component
 * may draw the whole list straight into its own root). Children are taken one at a time as
 * the page has them (childrenOneByOne): a child no longer on the page is skipped, what
 * replaced it is a change of its own.
 */
export function* subtreePieces(root: Element | Document | ShadowRoot): Generator<Piece> {
  // A shadow root is cut when it is the list itself (its children counted, no look inside):
  // a page may hold tens of thousands of small ones, each looked through by several searches.
  if (isFragment(root) ? !isList(root) : !holdsAList(root)) {
    yield { node: root, whole: true };
    return;
  }
  yield { node: root, whole: false };
  // Depth first, in document order; a level per element entered (the spine above a list and
  // the list), its items handed out one at a time, not taken as one array on entry.
  const stack = [{ children: childrenOneByOne(root), list: isList(root) }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const next = top.children.next();
    if (next.done) {
      stack.pop();
      continue;
    }
    const node = next.value;
    // Under a part the page took away meanwhile (what replaced it is a change of its own).
    if (!node.isConnected && root.isConnected) continue;
    if (top.list || !holdsAList(node)) {
      yield { node, whole: true };
      continue;
    }
    yield { node, whole: false };
    stack.push({ children: childrenOneByOne(node), list: isList(node) });
  }
}

/**
 * The element children of `parent` (with `nodes`, its text nodes too), one at a time, each the
 * next sibling of the one before as the page has them when it is asked for (a list of 20,000
 * tiles is not taken as one array in one step). When the page removed the last one handed out
 * meanwhile, the walk goes on after the last one handed out that is still there (or from the
 * first child): none of the children it had is left out; one the page put in meanwhile may be
 * handed out too.
 */
export function childrenOneByOne(parent: ParentNode): Generator<Element>;
export function childrenOneByOne(parent: ParentNode, nodes: 'nodes'): Generator<ChildNode>;
export function* childrenOneByOne(parent: ParentNode, nodes?: 'nodes'): Generator<ChildNode> {
  const first = (): ChildNode | null => (nodes ? parent.firstChild : parent.firstElementChild);
  const after = (n: ChildNode): ChildNode | null => (nodes ? n.nextSibling : (n as Element).nextElementSibling);
  const given: ChildNode[] = [];
  for (let child = first(); child; ) {
    given.push(child);
    yield child;
    if (child.parentNode === parent) {
      child = after(child);
      continue;
    }
    let i = given.length - 2;
    while (i >= 0 && given[i]!.parentNode !== parent) i--;
    child = i >= 0 ? after(given[i]!) : first();
  }
}

/**
 * Whether `node` has more than `n` element children: its last child has `n` before it, n steps
 * back at most. `childElementCount` counts them all, each time (1–6 ms for a list of 20,000
 * tiles); a walk over them would make a wrapper of each child for the content script. (Not
 * `children.item(…)`: that makes the browser keep a collection object per element asked.)
 */
export function hasMoreChildrenThan(node: ParentNode, n: number): boolean {
  return node.lastElementChild?.matches(pastSiblings(n)) ?? false;
}

/**
 * Whether `node`'s subtree holds more than `n` elements, counted up to n + 1 (a subtree holding a
 * page's list of tiles is not counted whole).
 */
export function hasMoreElementsThan(node: Node, n: number): boolean {
  const walker = (node.ownerDocument ?? (node as Document)).createTreeWalker(node, NodeFilter.SHOW_ELEMENT);
  let count = 0;
  while (count <= n && walker.nextNode()) count++;
  return count > n;
}

/** An element (or root) with more than LIST_CHILDREN children. */
const isList = (node: ParentNode): boolean => hasMoreChildrenThan(node, LIST_CHILDREN);

/**
 * `root` (when it matches) and root.querySelectorAll(selector), in document order, a piece at a
 * time (subtreePieces): a `null` after each piece, for a caller that spreads the work over frames.
 * A shadow root without a list (a component: small) is queried at once, within the caller's step.
 */
export function* querySelectorAllStepwise(root: ParentNode, selector: string): Generator<Element | null> {
  let small = 0;
  for (const { node, whole } of subtreePieces(root as Element | Document | ShadowRoot)) {
    if (isElement(node) && node.matches(selector)) yield node;
    if (whole && node.firstElementChild) {
      yield* Array.from(node.querySelectorAll(selector));
      if (node !== root || !isFragment(root)) yield null;
    } else if (++small % SMALL_PIECES_PER_STEP === 0) yield null;
  }
}

/** Pieces of a single element (a list's items without children of their own) looked at between two steps. */
const SMALL_PIECES_PER_STEP = 32;

/** shadowHostCandidates a piece at a time (subtreePieces), a `null` after each piece looked through. */
function* shadowHostCandidatesStepwise(root: ParentNode): Generator<Element | null> {
  let small = 0;
  for (const { node, whole } of subtreePieces(root as Element | Document | ShadowRoot)) {
    if (whole && node.firstElementChild) {
      yield* shadowHostCandidates(node);
      // A shadow root without a list (a component: small) is within the caller's step.
      if (node !== root || !isFragment(root)) yield null;
    } else {
      if (isElement(node) && isShadowHostCandidate(node)) yield node;
      if (++small % SMALL_PIECES_PER_STEP === 0) yield null;
    }
  }
}

function collectShadowRoots(root: ParentNode): ShadowRoot[] {
  const out: ShadowRoot[] = [];
  for (const el of shadowHostCandidates(root)) {
    const sr = el.shadowRoot;
    if (sr && !el.hasAttribute(OWN_ATTR)) {
      shadowFound?.(sr);
      out.push(sr, ...rootsInside(sr));
    }
  }
  return out;
}

/**
 * The open shadow roots inside a shadow root, remembered per root (inside withStableDom): a
 * look at a whole page again after a change (its list of hosts is a new one) takes what it
 * knew of each component's insides instead of touching every element of every component
 * again; a change inside a root forgets its list (forgetChanged climbs through it).
 */
function rootsInside(sr: ShadowRoot): ShadowRoot[] {
  const known = shadowMemo?.get(sr);
  if (known) return known;
  const found = collectShadowRoots(sr);
  shadowMemo?.set(sr, found);
  return found;
}

/**
 * An element without element children holds no shadow root but its own (an icon, an empty
 * custom element drawing a tile): answered at once, without climbing to a page-wide list.
 * Undefined for anything else.
 */
function leafShadowRoots(root: ParentNode): ShadowRoot[] | undefined {
  if (!isElement(root) || root.firstElementChild) return undefined;
  const sr = isShadowHostCandidate(root) ? root.shadowRoot : null;
  if (!sr || root.hasAttribute(OWN_ATTR)) return [];
  shadowFound?.(sr);
  return [sr, ...rootsInside(sr)];
}

/** Shadow hosts openShadowRootsStepwise looks at in one step. */
const HOSTS_PER_STEP = 16;

/**
 * openShadowRoots a few shadow hosts at a time (a step per HOSTS_PER_STEP hosts), for a caller that spreads a
 * page of thousands of components over several frames; the result is remembered as
 * openShadowRoots' is (inside withStableDom).
 */
export function* openShadowRootsStepwise(root: ParentNode): Generator<null, ShadowRoot[]> {
  const leaf = leafShadowRoots(root);
  if (leaf) return leaf;
  const known = shadowMemo && knownShadowRoots(shadowMemo, root);
  if (known) return known;
  const out: ShadowRoot[] = [];
  let looked = 0;
  let steps = 0;
  function* visit(r: ParentNode): Generator<null> {
    for (const el of shadowHostCandidatesStepwise(r)) {
      if (!el) {
        steps++;
        yield null;
        continue;
      }
      const sr = el.shadowRoot;
      if (sr && !el.hasAttribute(OWN_ATTR)) {
        shadowFound?.(sr);
        out.push(sr);
        const known = shadowMemo?.get(sr);
        if (known) out.push(...known);
        else {
          const from = out.length;
          const stepsBefore = steps;
          yield* visit(sr);
          // Remembered per root as rootsInside does, unless the page had a frame to change it meanwhile.
          if (steps === stepsBefore) shadowMemo?.set(sr, out.slice(from));
        }
      }
      // A step every few hosts (a step per host costs more than looking at one).
      if (++looked % HOSTS_PER_STEP === 0) {
        steps++;
        yield null;
      }
    }
  }
  yield* visit(root);
  shadowMemo?.set(root as Node, out);
  return out;
}

/** querySelectorAll over `root` and every open shadow root below it, skipping our own UI. */
export function deepQueryAll<E extends Element = Element>(root: ParentNode, selector: string): E[] {
  const out: E[] = [];
  const scopes: ParentNode[] = [root, ...openShadowRoots(root)];
  for (const scope of scopes) {
    if (isElement(scope) && scope.matches(selector) && !isOwn(scope)) out.push(scope as unknown as E);
    for (const el of scope.querySelectorAll<E>(selector)) if (!isOwn(el)) out.push(el);
  }
  return out;
}

/**
 * Text as rendered: light DOM, the contents of open shadow roots (with slotted children in
 * their slots), no <script>/<style>, no hidden elements, no text we injected ourselves.
 * With `max`, reading stops once the text is surely longer than `max` characters: what is
 * returned is then only its beginning, but longer than `max` (a caller that wants a short
 * line does not read a whole page to learn it is not one).
 */
export function deepText(node: Node, max = Infinity): string {
  const parts: string[] = [];
  /** Characters collected, and the count at which to look again whether the text is over `max`. */
  let raw = 0;
  let nextCheck = max;
  let over = false;
  const push = (s: string) => {
    parts.push(s);
    raw += s.length;
    // Whitespace runs become one space, so the raw length may exceed the text's: measure then.
    if (raw > nextCheck) {
      if (normalized(parts).length > max) over = true;
      else nextCheck = raw * 2;
    }
  };
  const visit = (n: Node) => {
    if (over) return;
    if (n.nodeType === Node.TEXT_NODE) {
      push(n.nodeValue ?? '');
      return;
    }
    if (!isElement(n) && !isFragment(n)) return;
    if (isElement(n)) {
      // Our own UI, and decoration hidden from assistive tech (avatars, carets).
      if (n.hasAttribute(OWN_ATTR) || n.getAttribute('aria-hidden') === 'true') return;
      const tag = n.localName;
      if (tag === 'script' || tag === 'style' || tag === 'template' || tag === 'noscript' || tag === 'svg') return;
      if (tag === 'input' || tag === 'textarea') {
        push(` ${(n as HTMLInputElement).value} `);
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
    for (let c = n.firstChild; c && !over; c = c.nextSibling) visit(c);
    if (isElement(n) && BLOCK.has(n.localName)) parts.push(' ');
  };
  visit(node);
  return normalized(parts);
}

const normalized = (parts: string[]) => parts.join('').replace(/[\s\u00A0]+/g, ' ').trim();

const BLOCK = new Set(['div', 'p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'header', 'footer', 'br', 'ul', 'ol', 'dl', 'summary', 'details', 'label', 'button', 'a']);

/** Does the element show any text (stops at the first)? Cheaper than deepText on big subtrees. */
export function hasText(el: Element): boolean {
  const doc = el.ownerDocument;
  const shows = (scope: Node) => {
    const walker = doc.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.nodeValue?.trim()) continue;
      const parent = n.parentElement;
      if (parent && (parent.closest('svg, script, style, template, [aria-hidden="true"]') || isOwn(parent))) continue;
      return true;
    }
    return false;
  };
  const known = shownMemo?.get(el);
  if (known !== undefined) return known;
  // Light DOM first: shadow roots are looked for only when it shows nothing, below this
  // element alone (an icon's few nodes), not through the page-wide list of roots the memo may
  // hold above it (handing out a list of tens of thousands of roots, on a page of components).
  const answer = shows(el) || collectShadowRoots(el).some(shows);
  shownMemo?.set(el, answer);
  return answer;
}

/**
 * The element an id reference (aria-labelledby, aria-controls, a label's `for`) points at,
 * from the referring element's own tree scope. A page that repeats an id would make
 * getElementById answer with the first one, possibly another task's; the one sharing the
 * closest ancestor with the referrer is the one it means. Cheap when ids are unique.
 */
export function elementByIdNear(from: Element, id: string): Element | null {
  if (!id) return null;
  const first = (from.getRootNode() as Document | ShadowRoot).getElementById?.(id) ?? null;
  if (!first) return null;
  // An attribute selector, not `#id`: some engines answer `#id` from the (first) id entry only.
  const selector = `[id="${CSS.escape(id)}"]`;
  for (let a: Element | null = from, depth = 0; a && depth < 8; a = a.parentElement, depth++) {
    if (a.contains(first)) return first;
    const near = a.querySelector(selector);
    if (near) return near;
  }
  return first;
}

/** Text of an element looked up by id from the element's own tree scope. */
function textById(el: Element, ids: string): string {
  return ids
    .split(/\s+/)
    .map((id) => elementByIdNear(el, id))
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

/**
 * Controls under `root` (shadow roots included) whose accessible name is one of `names`
 * (folded). Where none is, an action drawn as plain text (a `div` with a click handler and no
 * role): the element reading exactly the name, with no control around or inside it.
 */
export function controlsNamed(root: ParentNode, names: string[]): HTMLElement[] {
  const controls = deepQueryAll<HTMLElement>(root, CONTROL_SELECTOR).filter((el) => isNamed(accessibleName(el), names));
  // A page draws its actions one way: plain-text ones are looked for only where no control is named so.
  if (controls.length) return controls;
  return elementsWithText(root, names, (t) => names.includes(fold(t))).filter((el): el is HTMLElement => isPlainTextAction(el));
}

/** A control's accessible name is one of `names` (folded), alone or beside other words ("Manage Tasks ›"). */
export function isNamed(name: string, names: string[]): boolean {
  const folded = fold(name);
  return names.some((n) => folded === n || folded.startsWith(n + ' ') || folded.endsWith(' ' + n));
}

/** An element reading an action's name that is neither a control, nor inside or around one, nor a title. */
export function isPlainTextAction(el: Element): boolean {
  return !composedClosest(el, CONTROL_SELECTOR) && !el.querySelector(CONTROL_SELECTOR) && !isTitle(el);
}

/**
 * Where a child appended to `el` is drawn: a shadow host draws its shadow tree, and a light
 * child only through a slot. A custom element whose shadow root has no default slot gets
 * our controls inside that root, or they would never show.
 */
export function renderedContainer(el: Element): Element | ShadowRoot {
  const root = el.shadowRoot;
  return root && !root.querySelector('slot:not([name])') ? root : el;
}

/** A heading, or the element a dialog is labelled by ("View Task Details" as a modal's title is no action). */
function isTitle(el: Element): boolean {
  if (/^h[1-6]$/.test(el.localName) || el.getAttribute('role') === 'heading' || el.localName === 'title') return true;
  const root = el.getRootNode() as ParentNode;
  return !!el.id && !!root.querySelector?.(`[aria-labelledby~="${CSS.escape(el.id)}"]`);
}

/** Hidden by the page (attribute, inline display:none, closed <details>): not yet shown. */
export function isHiddenByPage(el: Element): boolean {
  for (let n: Element | null = el; n; n = composedParentElement(n)) {
    if (n.hasAttribute('hidden') || n.getAttribute('aria-hidden') === 'true') return true;
    if ((n as HTMLElement).style?.display === 'none') return true;
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
  return drain(elementsWithTextStepwise(root, needles, test));
}

/** Run a stepwise search (a `null` per step) to its end, in one go. */
export function drain<T>(steps: Generator<null, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * elementsWithText a step at a time: a `null` after each shadow host found and each scope
 * (the document, each open shadow root) looked through, for a caller that spreads a page of
 * thousands of components over several frames (the content script's observer).
 */
export function* elementsWithTextStepwise(
  root: ParentNode,
  needles: string[],
  test: (text: string) => boolean,
  { lightOnly = false, notInTiles = false } = {},
): Generator<null, Element[]> {
  const out: Element[] = [];
  const scopes: ParentNode[] = lightOnly ? [root] : [root, ...(yield* openShadowRootsStepwise(root))];
  /**
   * notInTiles: the words are never on a tile (the TTCM section's title is in a task's details,
   * the account label in the top bar), so an item of a list (more than MANY_CHILDREN children,
   * not the body) shaped like its neighbour (tag and class), as a tile of a page's list is, is not
   * read, nor any component inside one: a page of 20,000 tiles costs such a search a look per
   * tile, not a read of each tile's text and of every component in it. Known per node for this search.
   */
  const lists = new WeakMap<Node, boolean>();
  const inItem = new WeakMap<Node, boolean>();
  const isLongListItem = (el: Element): boolean => {
    const list = el.parentNode as Element | null;
    let isList = list && lists.get(list);
    if (list && isList === undefined) lists.set(list, (isList = list.localName !== 'body' && hasMoreChildrenThan(list, MANY_CHILDREN)));
    const other = isList && (el.previousElementSibling ?? el.nextElementSibling);
    return !!other && other.localName === el.localName && other.getAttribute('class') === el.getAttribute('class');
  };
  /** `node` is or sits in such an item (isLongListItem), across shadow roots. */
  const inLongListItem = (node: Node | null): boolean => {
    let answer = node ? inItem.get(node) : false;
    if (answer === undefined) inItem.set(node!, (answer = (isElement(node) && isLongListItem(node)) || inLongListItem(isShadowRoot(node) ? node.host : node!.parentNode)));
    return answer;
  };
  // Cheap first test: the text must contain a needle's first word, in any letter case.
  const words = wordProbe(needles.map((n) => n.split(' ')[0] ?? n));
  let known = wordsMemo?.get(words.key);
  if (wordsMemo && !known) wordsMemo.set(words.key, (known = new WeakMap()));
  /** The work done since the last step: an element looked at is 1, a text read its length ÷ TEXT_PER_UNIT more. */
  const walk = { work: 0 };
  /**
   * Whether a node's text may hold a word: one native read of its text, remembered for the
   * pass (and after, until it changes: then from its children, see forgetChanged).
   */
  const mayHold = (node: Node): boolean => {
    const hit = known?.get(node);
    if (hit === true || hit === false) return hit;
    if (notInTiles && isElement(node) && isLongListItem(node)) return false;
    // A list of thousands of tiles is not read whole (one native read of a whole page's text,
    // a quarter of a second in one step, then again after every change): the walk looks at
    // its children instead, each read once and remembered, a step every few hundred.
    // Nor is a subtree holding such a list (the spine of a page above its lists, a component
    // holding a whole page): a text read stays a short native step. (A list's items are not
    // looked into for one: a tile at a time.)
    // (A shadow root whose children are the list, too.)
    if ((isElement(node) || isFragment(node)) && hasMoreChildrenThan(node as ParentNode, MANY_CHILDREN)) {
      textLists.add(node);
      return true;
    }
    if (isElement(node) && !isListItem(node) && holdsAList(node)) return true;
    // A shadow root's own text would include its stylesheet (thousands of copies on a page): its children's instead.
    if (hit === null || isFragment(node)) {
      const answer = childrenMayHold(node);
      known?.set(node, answer);
      return answer;
    }
    const text = node.textContent ?? '';
    walk.work += text.length / TEXT_PER_UNIT;
    const answer = words.test(text);
    known?.set(node, answer);
    // The other searches the page gets (the TTCM section's words, the account label's) learn
    // from the same read: each new subtree's text is read once, not once per search.
    if (wordsMemo) {
      for (const [key, other] of wordsMemo) {
        if (other === known || other.has(node)) continue;
        const probe = probes.get(key);
        if (probe) other.set(node, probe.test(text));
      }
    }
    return answer;
  };
  const childrenMayHold = (node: Node): boolean => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === Node.TEXT_NODE) {
        if (words.test((child as Text).data)) return true;
      } else if (child.nodeType === Node.ELEMENT_NODE && !UNSHOWN_TEXT.has((child as Element).localName) && mayHold(child)) return true;
    }
    return false;
  };
  for (const scope of scopes) {
    // One look at the scope's whole text (one native string, one regular-expression scan)
    // decides whether to look closer: most scopes (a Participating page, a re-rendered list
    // of tiles, a tile's component) hold none of the words.
    // A shadow root's text is not read whole: components often carry their stylesheet in a
    // <style> of their own (thousands of copies of it on a page); its children are.
    const start = (scope as Node).nodeType === Node.DOCUMENT_NODE ? (scope as Document).documentElement : (scope as Node);
    const fragment = isFragment(start);
    // A scope known to hold none of the words (unchanged since it was read) costs one look-up:
    // a step only every few of them.
    if (!start || (notInTiles && isShadowRoot(scope) && inLongListItem(scope.host)) || !mayHold(start)) {
      walk.work += WALK_STEP / SCOPES_PER_STEP;
      if (walk.work >= WALK_STEP) {
        walk.work = 0;
        yield null;
      }
      continue;
    }
    for (const node of textNodesWith(start, !fragment, mayHold, words.test, walk)) {
      // A step of the walk: a page of thousands of tiles is looked through over several frames.
      if (!node) {
        yield null;
        continue;
      }
      const value = fold(node.nodeValue);
      if (!value || !needles.some((n) => value.includes(n))) continue;
      let el: Element | null = node.parentElement;
      if (!el || isOwn(el)) continue;
      for (let depth = 0; el && depth < 4; depth++, el = composedParentElement(el)) {
        const tag = el.localName;
        if (tag === 'script' || tag === 'style' || tag === 'body') break;
        // Read no further than a line's length: the ancestors of a word may be a whole page.
        const text = deepText(el, MAX_LINE);
        if (text.length > MAX_LINE) break;
        if (test(text)) {
          if (!out.includes(el)) out.push(el);
          break;
        }
      }
    }
    walk.work = 0;
    yield null;
  }
  return out.filter((el) => !out.some((other) => other !== el && composedContains(el, other)));
}

/**
 * Lists of more than MANY_CHILDREN children a text search went through (their items are tiles,
 * read one at a time). Remembered rather than counted again: `childElementCount` counts the
 * children each time it is read, and asking it of a 20,000-tile list once per tile is quadratic.
 */
const textLists = new WeakSet<Node>();
/** An item of a list a text search went through (a tile of a page's list): not looked into for a list of its own. */
const isListItem = (el: Element): boolean => !!el.parentNode && textLists.has(el.parentNode);

/** Elements whose text is never shown: a text search does not go into them. */
const UNSHOWN_TEXT = new Set(['script', 'style', 'template']);
/** The longest text elementsWithText takes for one element's (a line, a label, a title). */
const MAX_LINE = 300;
/** The work a text search does between two steps: elements looked at, plus their text read (TEXT_PER_UNIT). */
const WALK_STEP = 256;
/**
 * Characters of text read that count as one element looked at: a step reads no more than a
 * few tens of thousands of characters (256 tiles' text read in one step was 30–90 ms).
 */
const TEXT_PER_UNIT = 64;
/** An element with more children than this (a list) is not read whole by a text search: its children are. */
const MANY_CHILDREN = 64;
/** Scopes (shadow roots) holding none of the words a text search passes between two steps. */
const SCOPES_PER_STEP = 32;

/** Characters NFKC turns into others (fullwidth forms, ligatures, letterlike and CJK compatibility symbols). */
const COMPATIBILITY = /[\u2100-\u214f\u3300-\u33ff\ufb00-\ufb4f\uff00-\uffef]/;
/** Characters Unicode case folding turns into ASCII letters (long s, Kelvin sign). */
const FOLDS_TO_ASCII = /[\u017f\u212a]/;
const probes = new Map<string, { key: string; test: (text: string) => boolean }>();

/**
 * A test whether fold(text) could contain one of `heads` (single folded words): a
 * case-insensitive scan of the text as it stands; normalized first only when it holds
 * compatibility characters (a fullwidth "ＴＴＣＭ" is "ttcm" to fold()). No lowering or
 * normalizing of a whole page's text. Words in ASCII are looked for without the Unicode flag
 * (several times faster on a page's text), and with it only in a text holding one of the
 * two characters whose case folding is an ASCII letter.
 */
function wordProbe(heads: string[]): { key: string; test: (text: string) => boolean } {
  const key = heads.join('\n');
  let probe = probes.get(key);
  if (probe) return probe;
  const source = heads.map((h) => h.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const unicode = new RegExp(source, 'iu');
  const ascii = heads.every(isAsciiWord) ? new RegExp(source, 'i') : null;
  const test = ascii
    ? (text: string) => ascii.test(text) || (FOLDS_TO_ASCII.test(text) && unicode.test(text)) || (COMPATIBILITY.test(text) && unicode.test(text.normalize('NFKC')))
    : (text: string) => unicode.test(text) || (COMPATIBILITY.test(text) && unicode.test(text.normalize('NFKC')));
  probes.set(key, (probe = { key, test }));
  return probe;
}

const isAsciiWord = (word: string) => /^[\x20-\x7e]*$/.test(word);

/**
 * The text nodes below `node` that may hold a word, found by descending only into children
 * whose text may hold it: a page's other thousands of elements cost one text read at the
 * level where they part from the words' path, and no script per text node. (The browser's
 * XPath over every text node took over a second on a page of 20,000 tiles.) An only child's
 * text is its parent's: not read again (when the parent's was read: `holds`). A `null` after WALK_STEP of work (elements looked
 * at, text read) is a step (the caller may let the page have a frame); the children of an
 * element are taken one at a time (childrenOneByOne), so a page changing meanwhile cannot cut
 * the walk short.
 */
function* textNodesWith(
  node: Node,
  holds: boolean,
  mayHold: (node: Node) => boolean,
  mayHoldText: (text: string) => boolean,
  walk: { work: number },
): Generator<Text | null> {
  // `holds`: the node's own text was read and may hold a word (its only child's text is the same).
  const only = holds && node.firstChild !== null && node.firstChild === node.lastChild;
  const children = only ? [node.firstChild!] : childrenOneByOne(node as ParentNode, 'nodes');
  for (const child of children) {
    if (child.nodeType === Node.TEXT_NODE) {
      if (mayHoldText((child as Text).data)) yield child as Text;
    } else if (child.nodeType === Node.ELEMENT_NODE) {
      if (UNSHOWN_TEXT.has((child as Element).localName)) continue;
      if (++walk.work >= WALK_STEP) {
        walk.work = 0;
        yield null;
      }
      if (only || mayHold(child)) yield* textNodesWith(child, true, mayHold, mayHoldText, walk);
    }
  }
}
