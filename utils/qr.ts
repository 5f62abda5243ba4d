/**
 * QR codes for invite links, made locally with uqr (no network, no third-party service).
 * Error correction Q and a 4-module quiet zone: the code is scanned from a laptop screen by
 * a phone camera, often at an angle and with glare, and the spec's quiet zone is 4 modules.
 * The drawing is utils/qr-svg.ts. The content script has no encoder: the background worker
 * makes the model (the `qrCode` message) when the creator opens a QR dialog on impact.com.
 */
import { encode } from 'uqr';
import { qrSvg, type QrModel } from './qr-svg';


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

/** A crisp, scalable QR code of `text` as an <svg role="img"> named `label`. */
export function createQrSvg(doc: Document, text: string, label: string, pixels = 232): SVGSVGElement {
  return qrSvg(doc, qrModel(text), label, pixels);
}
