/**
 * A QR code drawn locally as SVG (utils/qr.ts, uqr): the invite link never leaves the
 * browser, and the SVG is React elements, never markup built from strings.
 */
import { useMemo } from 'react';
import { qrModel } from '@/utils/qr';

export function QrCode({ text, label }: { text: string; label: string }) {
  const { size, path } = useMemo(() => qrModel(text), [text]);
  return (
    <svg
      className="qr-code"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${size} ${size}`}
      shapeRendering="crispEdges"
      xmlns="http://www.w3.org/2000/svg"
    >
      <rect width={size} height={size} fill="#ffffff" />
      <path d={path} fill="#000000" />
    </svg>
  );
}
