// Simple stand-in platform glyphs (not the real logos). Shared by the server (semantic <img> files)
// and the browser families (inline SVG built with createElementNS).
export const ICONS = {
  tiktok: {
    bg: { fill: '#010101' },
    parts: [
      { d: 'M13.2 4.8h2.3c.2 1.8 1.5 3.2 3.3 3.4v2.4c-1.2 0-2.4-.4-3.4-1.1v5.4a4.4 4.4 0 1 1-4.4-4.4l.6.1v2.4l-.6-.1a2 2 0 1 0 2.2 2V4.8z', fill: '#25F4EE', dx: -0.7, dy: -0.5 },
      { d: 'M13.2 4.8h2.3c.2 1.8 1.5 3.2 3.3 3.4v2.4c-1.2 0-2.4-.4-3.4-1.1v5.4a4.4 4.4 0 1 1-4.4-4.4l.6.1v2.4l-.6-.1a2 2 0 1 0 2.2 2V4.8z', fill: '#FE2C55', dx: 0.7, dy: 0.5 },
      { d: 'M13.2 4.8h2.3c.2 1.8 1.5 3.2 3.3 3.4v2.4c-1.2 0-2.4-.4-3.4-1.1v5.4a4.4 4.4 0 1 1-4.4-4.4l.6.1v2.4l-.6-.1a2 2 0 1 0 2.2 2V4.8z', fill: '#FFFFFF' },
    ],
  },
  instagram: {
    bg: { fill: '#d62976', gradient: ['#feda75', '#fa7e1e', '#d62976', '#962fbf', '#4f5bd5'] },
    parts: [
      { d: 'M8 5.5h8A2.5 2.5 0 0 1 18.5 8v8a2.5 2.5 0 0 1-2.5 2.5H8A2.5 2.5 0 0 1 5.5 16V8A2.5 2.5 0 0 1 8 5.5z', fill: 'none', stroke: '#fff', sw: 1.6 },
      { d: 'M12 8.7a3.3 3.3 0 1 1 0 6.6 3.3 3.3 0 0 1 0-6.6z', fill: 'none', stroke: '#fff', sw: 1.6 },
      { d: 'M16 7.2a.9.9 0 1 1 0 1.8.9.9 0 0 1 0-1.8z', fill: '#fff' },
    ],
  },
  youtube: {
    bg: { fill: '#FF0000' },
    parts: [{ d: 'M9.8 8.3l6 3.7-6 3.7z', fill: '#fff' }],
  },
};

/** Standalone SVG document (served as /assets/replica/icons/NAME.svg). */
export function iconSvgString(name) {
  const ic = ICONS[name];
  const grad = ic.bg.gradient
    ? `<defs><linearGradient id="g" x1="0" y1="1" x2="1" y2="0">${ic.bg.gradient
        .map((c, i, a) => `<stop offset="${i / (a.length - 1)}" stop-color="${c}"/>`)
        .join('')}</linearGradient></defs>`
    : '';
  const parts = ic.parts
    .map(
      (p) =>
        `<path d="${p.d}" fill="${p.fill}"${p.stroke ? ` stroke="${p.stroke}" stroke-width="${p.sw}"` : ''}${
          p.dx ? ` transform="translate(${p.dx} ${p.dy})"` : ''
        }/>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24">${grad}<rect width="24" height="24" rx="6" fill="${
    ic.bg.gradient ? 'url(#g)' : ic.bg.fill
  }"/>${parts}</svg>`;
}

let gradSeq = 0;
/** Inline SVG element for the browser. opts.title adds an SVG <title>. */
export function iconElement(doc, name, opts = {}) {
  const NS = 'http://www.w3.org/2000/svg';
  const ic = ICONS[name];
  const svg = doc.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '22');
  svg.setAttribute('height', '22');
  svg.setAttribute('focusable', 'false');
  for (const [k, v] of Object.entries(opts.attrs ?? {})) svg.setAttribute(k, v);
  if (opts.title) {
    const t = doc.createElementNS(NS, 'title');
    t.textContent = opts.title;
    svg.append(t);
  }
  let fill = ic.bg.fill;
  if (ic.bg.gradient) {
    const id = `ig-grad-${++gradSeq}`;
    const defs = doc.createElementNS(NS, 'defs');
    const lg = doc.createElementNS(NS, 'linearGradient');
    Object.entries({ id, x1: '0', y1: '1', x2: '1', y2: '0' }).forEach(([k, v]) => lg.setAttribute(k, v));
    ic.bg.gradient.forEach((c, i, a) => {
      const s = doc.createElementNS(NS, 'stop');
      s.setAttribute('offset', String(i / (a.length - 1)));
      s.setAttribute('stop-color', c);
      lg.append(s);
    });
    defs.append(lg);
    svg.append(defs);
    fill = `url(#${id})`;
  }
  const rect = doc.createElementNS(NS, 'rect');
  Object.entries({ width: '24', height: '24', rx: '6', fill }).forEach(([k, v]) => rect.setAttribute(k, v));
  svg.append(rect);
  for (const p of ic.parts) {
    const path = doc.createElementNS(NS, 'path');
    path.setAttribute('d', p.d);
    path.setAttribute('fill', p.fill);
    if (p.stroke) {
      path.setAttribute('stroke', p.stroke);
      path.setAttribute('stroke-width', String(p.sw));
    }
    if (p.dx) path.setAttribute('transform', `translate(${p.dx} ${p.dy})`);
    svg.append(path);
  }
  return svg;
}
