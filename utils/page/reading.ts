/**
 * Read a scope once. One walk over a scope's composed tree (light DOM and open shadow roots)
 * builds what it says: headings, label → value pairs, links, controls with their accessible
 * names, lines of text, values held in attributes (copy widgets), and ids in data attributes.
 * Each field of a task is then picked from this reading, never by searching the page again.
 *
 * Nothing here knows impact.com's words: pairs are found by structure (`<label for>`,
 * `dt/dd`, `th/td`, `aria-labelledby`, "Label: value", a short line and the element after it),
 * so a page in a language we have no table for still yields its pairs; text.ts names them.
 */
import { accessibleName, CONTROL_SELECTOR, deepText, elementByIdNear, isNamed, isPlainTextAction, OWN_ATTR } from './dom';
import { fold } from './text';

export interface Line {
  el: Element;
  /** The element's text as shown, whitespace-folded. */
  text: string;
}

export interface Pair {
  label: string;
  labelEl: Element;
  value: string;
  valueEl: Element;
  /** Marked up as a pair (label for, dt/dd, th/td, aria-labelledby, "Label: value"), or merely a line and the element after it. */
  adjacent?: true;
}

export interface AttributeValue {
  el: Element;
  /** The attribute (`href`, `value`, `data-clipboard-text`, …) or `text`. */
  source: string;
  value: string;
}

export interface ScopeReading {
  root: Node;
  headings: (Line & { level: number })[];
  /** Made on first use (a tile's reading never asks for them). */
  readonly pairs: Pair[];
  links: (Line & { href: string })[];
  controls: (Line & { name: string })[];
  lines: Line[];
  /** Every URL-like or token-like value the scope holds (links, inputs, copy widgets, text). */
  values: AttributeValue[];
  /** data-* attributes (name → value) of the elements, in document order. */
  dataAttributes: { el: Element; name: string; value: string }[];
}

const SKIP = new Set(['script', 'style', 'template', 'noscript', 'svg', 'head', 'title', 'meta', 'link']);
const INLINE = new Set(['span', 'a', 'b', 'strong', 'em', 'i', 'u', 'small', 'code', 'kbd', 'samp', 'time', 'mark', 'abbr', 'sup', 'sub', 'bdi', 'bdo', 'label', 'img', 'br', 'wbr', 'slot']);
/** Attributes that may carry the whole of a value the page shows truncated, or only copies. */
const VALUE_ATTRIBUTES = new Set(['href', 'value', 'data-clipboard-text', 'data-clipboard', 'data-copy', 'data-copy-text', 'data-value', 'data-url', 'data-link', 'data-href', 'title', 'aria-label', 'content']);
const HEADING = /^h([1-6])$/;
/** A line this long is prose, not a label or a value. */
const MAX_LINE = 1200;
/** The longest single value read (longer ones are refused as values, with a reason). */
const MAX_VALUE = 8192;

/** A short line that ends in a colon, or is written like a field label. */
const COLON_PAIR = /^([^:]{1,48}?)\s*[:：]\s*(\S.*)$/s;

/** Short enough to be a line or a value: prose up to MAX_LINE, one word (a link, a code) up to MAX_VALUE. */
function readable(text: string): boolean {
  return text.length <= MAX_LINE || (text.length <= MAX_VALUE && !/\s/.test(text));
}

function folded(text: string): string {
  return text.replace(/[\s\u00A0]+/g, ' ').trim();
}

/** Text of the element's own text nodes (not its children's). */
function ownText(el: Element | ShadowRoot): string {
  let out = '';
  for (let c = el.firstChild; c; c = c.nextSibling) if (c.nodeType === 3) out += c.nodeValue ?? '';
  return out && folded(out);
}

function allInline(el: Element): boolean {
  for (let c = el.firstElementChild; c; c = c.nextElementSibling) {
    if (!INLINE.has(c.localName) || c.shadowRoot) return false;
    // A slot is as inline as what is assigned to it.
    if (c.localName === 'slot' && !(c as HTMLSlotElement).assignedElements({ flatten: true }).every((a) => INLINE.has(a.localName) && !a.shadowRoot)) return false;
  }
  return true;
}

/** The value a form field, a link or a plain element shows. */
export function shownValue(el: Element): string {
  if (el.localName === 'input' || el.localName === 'textarea' || el.localName === 'select') return folded((el as HTMLInputElement).value ?? '');
  return deepText(el);
}

/** The lines that hold no other line (a name, a status, a date each on its own). */
export function leafLines(reading: ScopeReading): Line[] {
  return reading.lines.filter((l) => !reading.lines.some((o) => o !== l && l.el.contains(o.el)));
}

/**
 * The scope's actions named one of `names` (folded), as controlsNamed finds them on a live page:
 * its controls so named, else, where there is none, the innermost lines reading exactly a name
 * that are no control (an action drawn as plain text).
 */
export function actionsNamed(reading: ScopeReading, names: string[]): Element[] {
  const controls = reading.controls.filter((c) => c.el.matches(CONTROL_SELECTOR) && isNamed(c.text, names));
  if (controls.length) return controls.map((c) => c.el);
  const named = reading.lines.filter((l) => names.includes(fold(l.text)));
  return named.filter((l) => !named.some((o) => o !== l && l.el.contains(o.el)) && isPlainTextAction(l.el)).map((l) => l.el);
}

/**
 * Each child element `node` renders, as the flat tree has them: a shadow host's are its shadow
 * root's (its light children appear through the root's slots), a slot's those assigned to it.
 */
function eachRenderedChild(node: Node, each: (el: Element) => void): void {
  const el = node as Element;
  if (el.localName === 'slot' && !el.shadowRoot) {
    const assigned = (el as HTMLSlotElement).assignedElements({ flatten: true });
    if (assigned.length) return assigned.forEach(each);
  }
  for (let c = (el.shadowRoot ?? (node as ParentNode)).firstElementChild; c; c = c.nextElementSibling) each(c);
}

/** Read a scope (an element, a shadow root or a document) in one walk. */
export function readScope(root: Node): ScopeReading {
  const labelFor: Element[] = [];
  const labelledBy: Element[] = [];
  let pairs: Pair[] | undefined;
  const reading: ScopeReading = {
    root,
    headings: [],
    get pairs() {
      return (pairs ??= pairsOf(reading, labelFor, labelledBy));
    },
    links: [],
    controls: [],
    lines: [],
    values: [],
    dataAttributes: [],
  };
  // An element's text is read once per reading, however many of its roles need it (a heading that is a line, a link that is one).
  const texts = new Map<Element, string>();
  const textOf = (el: Element) => {
    let text = texts.get(el);
    if (text === undefined) texts.set(el, (text = deepText(el)));
    return text;
  };
  const visit = (node: Node) =>
    eachRenderedChild(node, (el) => {
      const tag = el.localName;
      if (SKIP.has(tag) || el.hasAttribute(OWN_ATTR)) return;
      collect(el, tag);
      if (tag !== 'iframe') visit(el);
    });
  const collect = (el: Element, tag: string) => {
    const h = HEADING.exec(tag);
    const role = el.getAttribute('role');
    if (h || role === 'heading') {
      const text = textOf(el);
      if (text) reading.headings.push({ el, text, level: h ? Number(h[1]) : Number(el.getAttribute('aria-level') ?? 2) });
    }
    if (el.matches(CONTROL_SELECTOR) || el.getAttribute('data-testid')?.includes('button')) {
      const name = accessibleName(el);
      if (name) reading.controls.push({ el: el as HTMLElement, text: name, name: name.toLowerCase() });
    }
    if (tag === 'a' && el.hasAttribute('href')) reading.links.push({ el, text: textOf(el), href: el.getAttribute('href') ?? '' });
    if (tag === 'label' && el.hasAttribute('for')) labelFor.push(el);
    if (el.hasAttribute('aria-labelledby') && !el.matches(CONTROL_SELECTOR)) labelledBy.push(el);
    const attributes = el.attributes;
    for (let i = 0; i < attributes.length; i++) {
      const { name, value } = attributes[i]!;
      if (!value) continue;
      if (name.startsWith('data-') && name !== 'data-testid' && value.length <= 200) reading.dataAttributes.push({ el, name, value });
      if (VALUE_ATTRIBUTES.has(name) && value.length <= MAX_VALUE) reading.values.push({ el, source: name, value: value.trim() });
    }
    if ((tag === 'input' || tag === 'textarea') && (el as HTMLInputElement).value) reading.values.push({ el, source: 'value', value: (el as HTMLInputElement).value.trim() });
    // A line: an element showing text of its own (with inline markup inside, read whole).
    const own = ownText(el);
    const inline = allInline(el);
    if (own || (el.firstElementChild && inline && !INLINE.has(tag))) {
      const text = inline ? textOf(el) : own;
      // A long value (a link, a code) is one word; long prose is not a line.
      if (text && readable(text)) {
        reading.lines.push({ el, text });
        reading.values.push({ el, source: 'text', value: text });
      }
    }
  };
  visit(root);
  if (root.nodeType === 1) collect(root as Element, (root as Element).localName);
  return reading;
}

function pairsOf(reading: ScopeReading, labelFor: Element[], labelledBy: Element[]): Pair[] {
  const pairs: Pair[] = [];
  const add = (labelEl: Element, label: string, valueEl: Element, value: string, adjacent = false) => {
    const l = folded(label).replace(/\s*[:：]$/, '');
    const v = folded(value);
    if (l && v && l.length <= 60 && v !== l) pairs.push({ label: l, labelEl, value: v, valueEl, ...(adjacent ? { adjacent: true as const } : {}) });
  };
  for (const label of labelFor) {
    const target = elementByIdNear(label, label.getAttribute('for') ?? '');
    if (target) add(label, deepText(label), target, shownValue(target));
  }
  for (const el of labelledBy) {
    const ids = (el.getAttribute('aria-labelledby') ?? '').split(/\s+/);
    const label = ids.map((id) => elementByIdNear(el, id)).find((x) => x);
    if (label) add(label, deepText(label), el, shownValue(el));
  }
  for (const { el, text } of reading.lines) {
    const tag = el.localName;
    if (tag === 'dt') {
      let dd = el.nextElementSibling;
      while (dd && dd.localName !== 'dd') dd = dd.nextElementSibling;
      if (dd) add(el, text, dd, shownValue(dd));
      continue;
    }
    if (tag === 'th' || el.getAttribute('role') === 'rowheader') {
      const td = el.nextElementSibling;
      if (td) add(el, text, td, shownValue(td));
      continue;
    }
    // "Label: value" in one element.
    const m = COLON_PAIR.exec(text);
    // ("https://…" is a value, not a label.)
    if (m && !m[2]!.startsWith('//')) add(el, m[1]!, el, m[2]!);
    // A short line followed by the element holding its value (label above or beside it).
    if (text.length <= 60) {
      let next = el.nextElementSibling;
      while (next && next.hasAttribute(OWN_ATTR)) next = next.nextElementSibling;
      if (!next && el.parentElement && el.parentElement.children.length === 1) {
        next = el.parentElement.nextElementSibling;
      }
      if (next) {
        const value = shownValue(next);
        if (value && readable(value)) add(el, text, next, value, !/[:：]$/.test(text));
      }
    }
  }
  return pairs;
}
