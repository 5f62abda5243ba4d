/**
 * Small DOM builders for the injected controls (no framework: the content script stays
 * light). Every control group lives in its own OPEN shadow root, so the page's CSS cannot
 * touch it while tests and assistive tech still reach it. Page text is only set as text.
 */
import { OWN_ATTR } from '@/utils/page/dom';
import { copyShortcut, copyText, type CopyMethod } from '@/utils/page/clipboard';
import { OVERLAY_CSS } from './styles';
import { t } from '@/utils/i18n';

export interface Host {
  host: HTMLElement;
  root: ShadowRoot;
  /** Where the group's content goes. */
  box: HTMLElement;
}

/**
 * A host element for one control group; `kind` names it in the DOM for debugging and cleanup.
 * `css`: rules of its own after the shared ones (the toast's, the QR dialog's).
 */
export function createHost(doc: Document, kind: string, inline = false, css = ''): Host {
  const host = doc.createElement(inline ? 'span' : 'div');
  host.setAttribute(OWN_ATTR, kind);
  if (inline) host.setAttribute('data-inline', '');
  const root = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = OVERLAY_CSS + css;
  const box = doc.createElement('div');
  box.className = 'box';
  root.append(style, box);
  // Our clicks and keys are ours: a tile that opens on click, or a slide-out that closes on
  // Escape, must not react to them.
  for (const type of ['click', 'mousedown', 'mouseup', 'pointerdown', 'pointerup', 'keydown', 'keyup']) {
    host.addEventListener(type, (event) => event.stopPropagation());
  }
  return { host, root, box };
}

export function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  props: Partial<Record<string, string>> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  for (const [k, v] of Object.entries(props)) if (v !== undefined) node.setAttribute(k, v);
  for (const child of children) node.append(typeof child === 'string' ? doc.createTextNode(child) : child);
  return node;
}

/** Icons drawn here (no network, no font): 24×24 strokes. */
const ICONS = {
  copy: 'M9 9h10v11H9zM5 15V4h10',
  qr: 'M4 4h6v6H4zM14 4h6v6h-6zM4 14h6v6H4zM14 14h2v2h-2zM18 18h2v2h-2zM14 18h2M18 14h2',
  check: 'M5 12.5l4.5 4.5L19 7.5',
  external: 'M14 4h6v6M20 4l-9 9M18 14v6H4V6h6',
  retry: 'M20 12a8 8 0 1 1-2.34-5.66M20 4v5h-5',
} as const;
export type IconName = keyof typeof ICONS;

export function icon(doc: Document, name: IconName): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = doc.createElementNS(ns, 'svg');
  svg.setAttribute('class', 'icon');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('fill', 'none');
  svg.setAttribute('stroke', 'currentColor');
  svg.setAttribute('stroke-width', '2');
  svg.setAttribute('stroke-linecap', 'round');
  svg.setAttribute('stroke-linejoin', 'round');
  const path = doc.createElementNS(ns, 'path');
  path.setAttribute('d', ICONS[name]);
  svg.append(path);
  return svg;
}

export interface ButtonLook {
  icon?: IconName;
  /** Icon only: the label stays the accessible name (hidden text) and the tooltip. */
  iconOnly?: boolean;
}

export function button(
  doc: Document,
  label: string,
  onClick: (event: MouseEvent) => void,
  props: Partial<Record<string, string>> = {},
  look: ButtonLook = {},
): HTMLButtonElement {
  const b = el(doc, 'button', { type: 'button', ...props });
  if (look.icon) b.append(icon(doc, look.icon));
  if (look.iconOnly) {
    b.classList.add('icon-only');
    b.title = label;
    b.append(el(doc, 'span', { class: 'sr' }, label));
  } else b.append(label);
  b.addEventListener('click', onClick);
  return b;
}

/** Our mark at the start of a row: tells our controls from impact.com's at a glance. */
export function mark(doc: Document): HTMLElement {
  return el(doc, 'span', { class: 'mark', 'aria-hidden': 'true', title: t('manifest.name') });
}

/** A polite live region: announces "Copied" without moving focus. */
export function liveRegion(doc: Document): HTMLElement {
  return el(doc, 'span', { class: 'live', 'aria-live': 'polite', 'aria-atomic': 'true' });
}

export function announce(region: HTMLElement, text: string, clearAfterMs = 4000): void {
  // Clear first so the same words are announced again on a second copy.
  region.textContent = '';
  const view = region.ownerDocument.defaultView;
  view?.setTimeout(() => {
    region.textContent = text;
    if (clearAfterMs > 0) view.setTimeout(() => region.textContent === text && (region.textContent = ''), clearAfterMs);
  }, 30);
}

export interface CopyButtonOptions {
  doc: Document;
  label: string;
  /** Read at click time, so a re-read value is never stale. */
  value: () => string;
  live: HTMLElement;
  /** Where the manual fallback (selected text + shortcut hint) appears. */
  fallbackArea: HTMLElement;
  scratch: ParentNode & Node;
  onCopied?: (method: CopyMethod) => void;
  props?: Partial<Record<string, string>>;
  look?: ButtonLook;
}

const ANNOUNCE_MS = 4000;
/**
 * Announcements that outlive the control that made them, by what they are about (a copy of
 * one value, Mark as posted of one task). impact.com may re-render the section (and with it
 * our controls) right after: the rebuilt region says it for the rest of the time instead of
 * losing it.
 */
const lasting = new Map<string, { text: string; until: number }>();

/** announce(), remembered under `about` so that a rebuilt region can say it again (restoreAnnouncement). */
export function announceLasting(region: HTMLElement, about: string, text: string, ms = ANNOUNCE_MS): void {
  const now = Date.now();
  for (const [k, a] of lasting) if (a.until <= now) lasting.delete(k);
  lasting.set(about, { text, until: now + ms });
  announce(region, text, ms);
}

/** Say again, for the rest of its time, what was announced under `about` before a re-render. */
export function restoreAnnouncement(region: HTMLElement, about: string): void {
  const a = lasting.get(about);
  const left = a ? a.until - Date.now() : 0;
  if (a && left > 0) announce(region, a.text, left);
}

/** A button that copies exactly `value()` and says so. */
export function copyButton(o: CopyButtonOptions): HTMLButtonElement {
  restoreAnnouncement(o.live, `copy\n${o.label}\n${o.value()}`);
  return button(
    o.doc,
    o.label,
    () => {
      const value = o.value();
      o.fallbackArea.replaceChildren();
      void copyText(value, { clipboard: o.doc.defaultView?.navigator.clipboard, scratch: o.scratch, doc: o.doc }).then((method) => {
        if (method === 'manual') {
          showManualCopy(o.doc, o.fallbackArea, value);
          announce(o.live, '', 0);
          return;
        }
        // Only the latest copy is "Copied".
        for (const about of lasting.keys()) if (about.startsWith('copy\n')) lasting.delete(about);
        announceLasting(o.live, `copy\n${o.label}\n${value}`, t('action.copied'));
        o.onCopied?.(method);
      });
    },
    o.props,
    { icon: 'copy', ...o.look },
  );
}

/**
 * One value offered to copy, the same on the TTCM section and on a tile: its Copy button, the
 * Show QR code button beside it when there is a QR to show, the live region that says
 * "Copied", and the area where the manual fallback appears. The caller lays the parts out.
 */
export interface CopyGroup {
  copy: HTMLButtonElement;
  qr?: HTMLButtonElement;
  live: HTMLElement;
  fallback: HTMLElement;
}

export interface CopyGroupOptions {
  doc: Document;
  label: string;
  value: string;
  scratch: ParentNode & Node;
  onCopied: () => void;
  /** With it, a Show QR code button; it gets the button back (focus returns there on close). */
  onShowQr?: (qr: HTMLButtonElement) => void;
  iconOnly?: boolean;
}

export function copyGroup(o: CopyGroupOptions & Required<Pick<CopyGroupOptions, 'onShowQr'>>): CopyGroup & { qr: HTMLButtonElement };
export function copyGroup(o: CopyGroupOptions): CopyGroup;
export function copyGroup(o: CopyGroupOptions): CopyGroup {
  const { doc, onShowQr } = o;
  const live = liveRegion(doc);
  const fallback = el(doc, 'div');
  const look: ButtonLook = o.iconOnly ? { iconOnly: true } : {};
  const copy = copyButton({ doc, label: o.label, value: () => o.value, live, fallbackArea: fallback, scratch: o.scratch, onCopied: o.onCopied, look });
  const qr = onShowQr ? button(doc, t('action.showQr'), () => onShowQr(qr!), {}, { icon: 'qr', ...look }) : undefined;
  return { copy, qr, live, fallback };
}

/** Clipboard refused everywhere: select the text and tell the creator which keys to press. */
function showManualCopy(doc: Document, area: HTMLElement, value: string): void {
  const input = el(doc, 'input', { type: 'text', readonly: '', 'aria-label': t('page.textToCopy'), spellcheck: 'false' });
  input.value = value;
  const hint = el(doc, 'span', { 'aria-live': 'polite' }, t('page.blocked', { keys: copyShortcut(doc.defaultView?.navigator ?? navigator) }));
  area.replaceChildren(el(doc, 'div', { class: 'manual' }, input, hint));
  input.focus();
  input.select();
}
