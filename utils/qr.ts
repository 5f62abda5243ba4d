/**
 * QR codes for invite links, made locally with uqr (no network, no third-party service).
 * Error correction Q and a 4-module quiet zone: the code is scanned from a laptop screen by
 * a phone camera, often at an angle and with glare, and the spec's quiet zone is 4 modules.
 * The SVG is built with DOM calls (no markup parsing), so the link can never inject anything.
 */
import { encode } from 'uqr';

export interface QrModel {
  /** Modules per side, quiet zone included. */
  size: number;
  /** One SVG path (unit = one module) drawing every dark module. */
  path: string;
  version: number;
}

export const QR_QUIET_ZONE = 4;
export const QR_ERROR_CORRECTION = 'Q' as const;

export function qrModel(text: string, ecc: 'L' | 'M' | 'Q' | 'H' = QR_ERROR_CORRECTION): QrModel {
  const qr = encode(text, { ecc, border: QR_QUIET_ZONE });
  let path = '';
  qr.data.forEach((row, y) => {
    // Merge horizontal runs: a short path renders fast and without hairline seams.
    let x = 0;
    while (x < row.length) {
      if (!row[x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < row.length && row[x]) x++;
      path += `M${start} ${y}h${x - start}v1h${start - x}z`;
    }
  });
  return { size: qr.size, path, version: qr.version };
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A crisp, scalable QR code of `text` as an <svg role="img"> named `label`. */
export function createQrSvg(doc: Document, text: string, label: string, pixels = 232): SVGSVGElement {
  const { size, path } = qrModel(text);
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
