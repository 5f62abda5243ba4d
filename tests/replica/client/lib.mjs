// Tiny DOM helpers shared by the browser-side families. Text always goes in as text nodes.
export { iconElement } from './icons.mjs';

export function h(tag, props, ...kids) {
  const el = document.createElement(tag);
  setProps(el, props);
  append(el, kids);
  return el;
}

export function setProps(el, props) {
  for (const [k, v] of Object.entries(props ?? {})) {
    if (v == null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2).toLowerCase(), v);
    else if (k === 'ref') v(el);
    else if (k === 'value') {
      el.setAttribute('value', String(v));
      el.value = String(v);
    } else el.setAttribute(k, v === true ? '' : String(v));
  }
}

export function append(el, kids) {
  for (const k of [kids].flat(Infinity)) {
    if (k == null || k === false) continue;
    el.append(k instanceof Node ? k : document.createTextNode(String(k)));
  }
}

export const boot = (() => {
  const el = document.getElementById('initial-state');
  return el ? JSON.parse(el.textContent) : null;
})();

/** Keep a forced ?family= on every URL the page builds. */
export function keepFamily(url) {
  const forced = new URLSearchParams(location.search).get('family');
  if (!forced) return url;
  const u = new URL(url, location.origin);
  u.searchParams.set('family', forced);
  return u.pathname + u.search + u.hash;
}

export async function api(path, opts = {}) {
  const res = await fetch(path, {
    ...opts,
    headers: { Accept: 'application/json', ...(opts.body ? { 'Content-Type': 'application/json' } : {}), ...opts.headers },
  });
  const body = await res.json().catch(() => null);
  return { ok: res.ok, status: res.status, body };
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function initials(name) {
  const words = String(name).replace(/[^\p{L}\p{N} ]/gu, ' ').trim().split(/\s+/).filter(Boolean);
  return (words.slice(0, 2).map((w) => [...w][0]).join('') || '?').toUpperCase();
}

/** Visual tone for a status word. */
export function statusTone(s) {
  if (/approved|completed/i.test(s)) return 'ok';
  if (/rejected/i.test(s)) return 'err';
  if (/pending approval|awaiting review/i.test(s)) return 'info';
  if (/awaiting|waiting|in progress/i.test(s)) return 'warn';
  return 'muted';
}

/** Colour for a brand avatar (stable per text). */
export function avatarColor(text) {
  let x = 0;
  for (const ch of String(text)) x = (x * 31 + ch.codePointAt(0)) >>> 0;
  return ['#6c5ce7', '#00a3a3', '#e17055', '#0984e3', '#d63384', '#2d9d5c', '#b8860b', '#5f6caf'][x % 8];
}
