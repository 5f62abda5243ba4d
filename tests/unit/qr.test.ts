/** QR codes are generated locally and decode back to exactly the invite link. */
import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { waitFor, within } from '@testing-library/dom';
import { QR_QUIET_ZONE, createQrSvg, qrModel } from '@/utils/qr';
import { openQrDialog } from '@/components/overlay/qr-dialog';

/** Rasterise the model's path the way an SVG renderer would (one module = `scale` pixels). */
function rasterise(text: string, scale = 4) {
  const { size, path } = qrModel(text);
  const dark = new Set<string>();
  for (const m of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    const [x, y, w] = [Number(m[1]), Number(m[2]), Number(m[3])];
    for (let i = 0; i < w; i++) dark.add(`${x + i},${y}`);
  }
  const px = size * scale;
  const data = new Uint8ClampedArray(px * px * 4);
  for (let y = 0; y < px; y++)
    for (let x = 0; x < px; x++) {
      const v = dark.has(`${Math.floor(x / scale)},${Math.floor(y / scale)}`) ? 0 : 255;
      data.set([v, v, v, 255], (y * px + x) * 4);
    }
  return { data, px, size, dark };
}

describe('QR code', () => {
  it.each(['https://www.tiktok.com/t/ZT8abc123/', 'https://vt.tiktok.com/ZSx7Lm2Qp/', 'https://www.tiktok.com/t/ZTRmd4Nq8wXy/?lang=ar'])('decodes to exactly %s', (link) => {
    const { data, px } = rasterise(link);
    expect(jsQR(data, px, px)?.data).toBe(link);
  });

  it('keeps a 4-module quiet zone around the code', () => {
    const { size, dark } = rasterise('https://www.tiktok.com/t/ZT8abc123/');
    for (const key of dark) {
      const [x, y] = key.split(',').map(Number) as [number, number];
      expect(x >= QR_QUIET_ZONE && y >= QR_QUIET_ZONE && x < size - QR_QUIET_ZONE && y < size - QR_QUIET_ZONE).toBe(true);
    }
  });

  it('builds an SVG image from DOM nodes only: a link full of markup stays an attribute value', () => {
    const link = 'https://www.tiktok.com/t/"><script>alert(1)</script>';
    const svg = createQrSvg(document, link, `QR code of ${link}`);
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe(`QR code of ${link}`);
    expect(svg.querySelectorAll('script')).toHaveLength(0);
    expect(svg.getAttribute('shape-rendering')).toBe('crispEdges');
  });
});

describe('QR dialog with a code made elsewhere (the content script asks the background)', () => {
  const dialogBox = () => document.querySelector('[data-tiktok-helper="qr-dialog"]')?.shadowRoot?.querySelector('.box') as HTMLElement;
  const link = 'https://vt.tiktok.com/ZSx7Lm2Qp/';

  it('opens at once with the link, then shows the code once it arrives', async () => {
    let answer!: (model: ReturnType<typeof qrModel>) => void;
    const dialog = openQrDialog({ doc: document, inviteLink: link, qr: () => new Promise((resolve) => (answer = resolve)) });
    const box = within(dialogBox());
    expect(box.getByText(link)).toBeInTheDocument();
    expect(box.queryByRole('img')).toBeNull();
    answer(qrModel(link));
    const svg = await box.findByRole('img', { name: 'QR code of the invite link' });
    expect(svg.querySelector('path')!.getAttribute('d')).toBe(qrModel(link).path);
    dialog.close();
  });

  it('says why when the code could not be made, in place of the code', async () => {
    const dialog = openQrDialog({ doc: document, inviteLink: link, qr: async () => ({ error: 'The extension could not be reached (gone).' }) });
    const box = within(dialogBox());
    expect((await box.findByRole('alert')).textContent).toBe('The extension could not be reached (gone).');
    expect(box.queryByRole('img')).toBeNull();
    dialog.close();
  });

  it('a code arriving after the dialog closed adds nothing', async () => {
    let answer!: (model: ReturnType<typeof qrModel>) => void;
    const dialog = openQrDialog({ doc: document, inviteLink: link, qr: () => new Promise((resolve) => (answer = resolve)) });
    dialog.close();
    answer(qrModel(link));
    await new Promise((r) => setTimeout(r, 10));
    await waitFor(() => expect(document.querySelectorAll('[data-tiktok-helper]')).toHaveLength(0));
  });
});
