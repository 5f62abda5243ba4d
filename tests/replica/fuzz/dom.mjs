// DOM building blocks for the fuzzer: element helper, class decoration (hashed or inline), shadow hosts,
// platform icons. Text always goes in as text nodes; nothing is parsed as HTML.
import { hash32 } from './rng.mjs';
import { ICONS, iconSvgString } from '../client/icons.mjs';
import { PLATFORM_LABELS } from './data.mjs';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Element with attributes, listeners (onClick…), and children (strings become text nodes). */
export function h(doc, tag, attrs, ...kids) {
  const el = doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v == null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2).toLowerCase(), v);
    else if (k === 'value') {
      el.setAttribute('value', String(v));
      if ('value' in el) el.value = String(v);
    } else el.setAttribute(k, v === true ? '' : String(v));
  }
  add(el, kids);
  return el;
}
export function add(el, kids) {
  for (const k of [kids].flat(Infinity)) {
    if (k == null || k === false) continue;
    el.append(typeof k === 'object' ? k : el.ownerDocument.createTextNode(String(k)));
  }
  return el;
}

// ------------------------------------------------------------------ look (decoration only)
const RULES = {
  app: 'font:14px/1.45 -apple-system,"Segoe UI",Roboto,Arial,"Noto Sans","Noto Sans CJK JP",sans-serif;color:#1d2433;background:#f5f6fa;min-height:100vh;display:block',
  header: 'display:flex;align-items:center;gap:16px;height:52px;padding:0 20px;background:#141b2d;color:#fff',
  logo: 'color:#fff;font-weight:700;text-decoration:none;margin-right:12px',
  navItem: 'position:relative;display:inline-flex',
  navBtn: 'background:none;border:0;color:#d7dbe6;font:inherit;padding:6px 10px;cursor:pointer;text-decoration:none',
  menu: 'position:absolute;top:100%;left:0;background:#fff;color:#1d2433;border:1px solid #e3e6ee;border-radius:8px;padding:6px;min-width:190px;z-index:30;box-shadow:0 8px 24px rgba(0,0,0,.15);list-style:none;margin:0',
  menuItem: 'display:block;padding:6px 10px;color:#1d2433;text-decoration:none;cursor:pointer',
  account: 'margin-left:auto;color:#d7dbe6',
  main: 'display:block;padding:20px 28px;max-width:1200px',
  title: 'display:block;font-size:22px;font-weight:700;margin:4px 0 12px',
  sub: 'color:#5b6478;margin:0 0 12px',
  tabs: 'display:flex;gap:4px;border-bottom:1px solid #e3e6ee;margin-bottom:16px',
  tab: 'padding:8px 14px;cursor:pointer;color:#5b6478;text-decoration:none;border:0;border-bottom:2px solid transparent;background:none;font:inherit',
  tabOn: 'color:#1d2433;border-bottom:2px solid #f0553a;font-weight:600',
  grid: 'display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:14px;list-style:none;padding:0;margin:0',
  tile: 'display:block;position:relative;background:#fff;border:1px solid #e3e6ee;border-radius:10px;padding:14px 14px 48px;min-height:150px',
  tileName: 'display:block;font-weight:600;font-size:15px;margin:0 0 4px;color:#1d2433;text-decoration:none;overflow-wrap:anywhere',
  muted: 'color:#5b6478;font-size:13px',
  actions: 'display:flex;gap:8px;margin-top:10px;min-height:0',
  icons: 'position:absolute;right:12px;bottom:12px;display:flex;gap:6px;align-items:center',
  icon: 'display:inline-flex;width:22px;height:22px',
  btn: 'display:inline-flex;align-items:center;gap:6px;padding:6px 12px;border:1px solid #d5d9e3;border-radius:6px;background:#fff;color:#1d2433;font:inherit;font-weight:600;cursor:pointer;text-decoration:none',
  primary: 'display:inline-flex;align-items:center;gap:6px;padding:6px 12px;border:1px solid #f0553a;border-radius:6px;background:#f0553a;color:#fff;font:inherit;font-weight:600;cursor:pointer;text-decoration:none',
  list: 'display:block;background:#fff;border:1px solid #e3e6ee;border-radius:10px;list-style:none;padding:0;margin:0',
  table: 'background:#fff;border:1px solid #e3e6ee;border-radius:10px;width:100%;border-collapse:collapse',
  row: 'display:flex;align-items:center;gap:12px;padding:10px 14px;border-top:1px solid #eef0f4;min-height:44px',
  cell: 'padding:10px 12px;text-align:left;border-top:1px solid #eef0f4',
  grow: 'flex:1;min-width:0;font-weight:600',
  chip: 'display:inline-block;padding:2px 8px;border-radius:10px;background:#eef1f7;font-size:12px;font-weight:600',
  overlay: 'position:fixed;inset:0;background:rgba(20,27,45,.45);z-index:40',
  panel: 'display:block;position:fixed;top:0;right:0;bottom:0;width:min(560px,100%);background:#fff;z-index:41;overflow:auto;box-shadow:-8px 0 24px rgba(0,0,0,.2);padding:18px 22px',
  frame: 'position:fixed;top:0;right:0;bottom:0;width:min(580px,100%);height:100%;border:0;background:#fff;z-index:41',
  card: 'display:block;background:#fff;border:1px solid #e3e6ee;border-radius:10px;padding:18px 22px',
  panelTitle: 'display:block;font-size:19px;font-weight:700;margin:6px 0',
  close: 'position:absolute;top:10px;right:12px;border:0;background:none;font-size:22px;cursor:pointer;z-index:42',
  section: 'display:block;border-top:1px solid #eef0f4;padding:12px 0',
  sectionTitle: 'display:block;font-weight:700;margin-bottom:8px',
  toggle: 'display:flex;justify-content:space-between;align-items:center;width:100%;padding:8px 10px;border:1px solid #e3e6ee;border-radius:8px;background:#f7f8fb;font:inherit;font-weight:600;cursor:pointer;text-align:left;list-style:none',
  toggleBody: 'display:block;padding:10px 4px',
  kv: 'display:grid;grid-template-columns:minmax(110px,auto) 1fr;gap:6px 12px;align-items:center;margin:6px 0',
  kvRow: 'display:block;margin:6px 0',
  kvKey: 'color:#5b6478;font-size:13px;font-weight:400;text-align:left',
  value: 'font:13px/1.4 ui-monospace,Menlo,Consolas,monospace;overflow-wrap:anywhere',
  input: 'font:13px ui-monospace,Menlo,monospace;padding:6px 8px;border:1px solid #e3e6ee;border-radius:6px;background:#f7f8fb;width:70%;min-width:0',
  copyBtn: 'border:1px solid #e3e6ee;background:#fff;border-radius:6px;padding:3px;margin-left:6px;cursor:pointer;display:inline-flex;vertical-align:middle',
  widget: 'display:inline-block;border:1px dashed #b9c0cf;border-radius:6px;padding:3px 8px;cursor:pointer;font:13px ui-monospace,Menlo,monospace',
  alert: 'display:block;margin:8px 0;padding:8px 12px;border-radius:8px;background:#fff4e5;border:1px solid #f5c98a',
  toast: 'position:fixed;left:50%;bottom:24px;transform:translateX(-50%);background:#141b2d;color:#fff;padding:10px 16px;border-radius:8px;z-index:60;max-width:90vw',
  crumbs: 'display:flex;flex-wrap:wrap;gap:6px;color:#5b6478;font-size:13px;margin-bottom:8px',
  styledName: 'display:block;font-size:20px;font-weight:700;letter-spacing:-.2px;margin:4px 0',
  plain: 'display:block',
};
export const ROLES = Object.keys(RULES);
const LITE = { icons: 'position:absolute;right:12px;bottom:12px', panel: 'position:fixed;top:0;right:0', frame: 'position:fixed;top:0;right:0', overlay: 'position:fixed', toast: 'position:fixed;bottom:24px' };

export function classMap(salt) {
  const map = {};
  const used = new Set();
  for (const r of ROLES) {
    let n = 0;
    let name;
    do name = '_' + (hash32(`${salt}:${r}:${n++}`) % 60466176).toString(36).padStart(5, 'a').slice(-5);
    while (used.has(name));
    used.add(name);
    map[r] = name;
  }
  return map;
}
export function cssText(map) {
  return ROLES.map((r) => `.${map[r]}{${RULES[r]}}`).join('\n') + '\n[hidden]{display:none!important}';
}

/**
 * Give an element its look: a hashed class (per seed), or an inline style; plus UICL markers when the seed has them.
 * @param {any} ctx @param {Element} el @param {string} role @param {string} [uicl] iui-* classes added when testIds = uicl
 */
export function deco(ctx, el, role, uicl) {
  if (ctx.o.classNames === 'hashed') el.classList.add(ctx.classes[role]);
  else if (ctx.lite) {
    // jsdom: parsing every inline style is slow; keep only what says where things are
    if (LITE[role]) el.setAttribute('style', LITE[role] + (el.getAttribute('style') ? ';' + el.getAttribute('style') : ''));
  } else {
    const prev = el.getAttribute('style');
    el.setAttribute('style', RULES[role] + (prev ? ';' + prev : ''));
  }
  if (uicl && ctx.o.testIds === 'uicl') for (const c of uicl.split(' ')) el.classList.add(c);
  return el;
}
export function testId(ctx, el, id) {
  if (ctx.o.testIds === 'uicl') el.setAttribute('data-testid', id);
  return el;
}

/** An autonomous custom element with an open shadow root holding `content` (and the seed's styles). */
export function shadowHost(ctx, tagKey, content, { display = 'contents' } = {}) {
  const doc = content?.ownerDocument ?? ctx.doc;
  const host = doc.createElement(ctx.o.tags[tagKey] ?? ctx.o.tags.box);
  if (display && !ctx.lite) host.setAttribute('style', `display:${display}`);
  const root = host.attachShadow({ mode: 'open' });
  if (ctx.o.classNames === 'hashed' && !ctx.lite) {
    const st = doc.createElement('style');
    st.textContent = ctx.css;
    root.append(st);
  }
  if (content) root.append(content);
  ctx.stats.shadowRoots++;
  return host;
}

/** Wrap a node into 0–2 nested shadow hosts, depending on the seed's shadow setting. */
export function maybeShadow(ctx, rng, node, weight = 1) {
  const p = { none: 0, some: 0.22, many: 0.55 }[ctx.o.shadow] * weight;
  let out = node;
  if (rng.chance(p)) {
    out = shadowHost(ctx, 'box', out);
    if (rng.chance(p / 2)) out = shadowHost(ctx, 'box', out);
  }
  return out;
}

// ------------------------------------------------------------------ icons
const FACEBOOK = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24"><rect width="24" height="24" rx="6" fill="#1877F2"/><path d="M13.4 19v-6h2l.3-2.4h-2.3V9.1c0-.7.2-1.2 1.2-1.2h1.2V5.8c-.2 0-1-.1-1.8-.1-1.8 0-3 1.1-3 3.1v1.8H9v2.4h2v6z" fill="#fff"/></svg>';
export function iconSvgText(p) {
  return ICONS[p] ? iconSvgString(p) : FACEBOOK;
}
export function iconDataUri(p) {
  return 'data:image/svg+xml,' + encodeURIComponent(iconSvgText(p));
}
/** Inline svg glyph (no accessible name unless a title is given). */
export function glyph(doc, p, { title, attrs = {}, lite = false } = {}) {
  const svg = doc.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '22');
  svg.setAttribute('height', '22');
  svg.setAttribute('focusable', 'false');
  for (const [k, v] of Object.entries(attrs)) svg.setAttribute(k, v);
  if (title) {
    const t = doc.createElementNS(SVG_NS, 'title');
    t.textContent = title;
    svg.append(t);
  }
  if (lite) return svg; // jsdom: the accessible name is what matters, not the drawing
  const ic = ICONS[p];
  const rect = doc.createElementNS(SVG_NS, 'rect');
  for (const [k, v] of Object.entries({ width: '24', height: '24', rx: '6', fill: ic ? (ic.bg.gradient ? ic.bg.gradient[2] : ic.bg.fill) : '#1877F2' })) rect.setAttribute(k, v);
  svg.append(rect);
  const parts = ic ? ic.parts : [{ d: 'M13.4 19v-6h2l.3-2.4h-2.3V9.1c0-.7.2-1.2 1.2-1.2h1.2V5.8c-.2 0-1-.1-1.8-.1-1.8 0-3 1.1-3 3.1v1.8H9v2.4h2v6z', fill: '#fff' }];
  for (const part of parts) {
    const path = doc.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', part.d);
    path.setAttribute('fill', part.fill);
    if (part.stroke) {
      path.setAttribute('stroke', part.stroke);
      path.setAttribute('stroke-width', String(part.sw));
    }
    if (part.dx) path.setAttribute('transform', `translate(${part.dx} ${part.dy})`);
    svg.append(path);
  }
  return svg;
}
/** A copy glyph (two squares), icon only. */
export function copyGlyph(doc) {
  const svg = doc.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '14');
  svg.setAttribute('height', '14');
  svg.setAttribute('aria-hidden', 'true');
  const p = doc.createElementNS(SVG_NS, 'path');
  p.setAttribute('d', 'M5 1h8a2 2 0 0 1 2 2v8h-2V3H5zM1 5a2 2 0 0 1 2-2h7a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H3a2 2 0 0 1-2-2zm2 0v8h7V5z');
  p.setAttribute('fill', '#5b6478');
  svg.append(p);
  return svg;
}

/**
 * A platform icon in the seed's style: img alt, svg > title, aria-label, title, data-testid, role=img.
 * @returns {Element}
 */
export function platformIcon(ctx, p, style = ctx.o.tileIcon) {
  const doc = ctx.doc;
  const label = PLATFORM_LABELS[p];
  switch (style) {
    case 'img-alt':
      return deco(ctx, h(doc, 'img', { src: iconDataUri(p), alt: label, width: '22', height: '22' }), 'icon');
    case 'svg-title':
      return glyph(doc, p, { title: label, attrs: ctx.iconSvgRole ? { role: 'img' } : {}, lite: ctx.lite });
    case 'aria-label':
      return deco(ctx, h(doc, 'i', { 'aria-label': label }, glyph(doc, p, { attrs: { 'aria-hidden': 'true' }, lite: ctx.lite })), 'icon');
    case 'title':
      return deco(ctx, h(doc, 'span', { title: label }, glyph(doc, p, { attrs: { 'aria-hidden': 'true' }, lite: ctx.lite })), 'icon');
    case 'testid':
      return deco(ctx, h(doc, 'span', { 'data-testid': ctx.iconTestId(p) }, glyph(doc, p, { attrs: { 'aria-hidden': 'true' }, lite: ctx.lite })), 'icon');
    default:
      return deco(ctx, h(doc, 'span', { role: 'img', 'aria-label': label }, glyph(doc, p, { attrs: { 'aria-hidden': 'true' }, lite: ctx.lite })), 'icon');
  }
}

/** Composed (shadow-crossing) ancestors of a node, itself first. */
export function composedAncestors(node) {
  const out = [];
  let n = node;
  while (n) {
    if (n.nodeType === 1) out.push(n);
    n = n.parentNode ?? null;
    if (n && n.nodeType === 11 && n.host) n = n.host;
  }
  return out;
}
/** Does `outer` contain `inner`, looking through open shadow roots? */
export function composedContains(outer, inner) {
  return composedAncestors(inner).includes(outer);
}
