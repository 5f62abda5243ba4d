/**
 * A QR code's drawing, from its model (utils/qr.ts qrModel): no encoder here, so the content
 * script, which gets the model from the background worker, does not carry one. The SVG is
 * built with DOM calls (no markup parsing), so the link can never inject anything.
 */
export interface QrModel {
  /** Modules per side, quiet zone included. */
  size: number;
  /** One SVG path (unit = one module) drawing every dark module. */
  path: string;
  version: number;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A crisp, scalable QR code as an <svg role="img"> named `label`. */
export function qrSvg(doc: Document, { size, path }: QrModel, label: string, pixels = 232): SVGSVGElement {
  const svg = doc.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', `0 0 ${size} ${size}`);
  svg.setAttribute('width', String(pixels));
  svg.setAttribute('height', String(pixels));
  svg.setAttribute('shape-rendering', 'crispEdges');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  const bg = doc.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('width', String(size));
  bg.setAttribute('height', String(size));
  bg.setAttribute('fill', '#ffffff');
  const dark = doc.createElementNS(SVG_NS, 'path');
  dark.setAttribute('d', path);
  dark.setAttribute('fill', '#000000');
  svg.append(bg, dark);
  return svg;
}
