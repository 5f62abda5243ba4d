/**
 * The QR dialog is not in the content script: the worker puts it into the frame whose "Show QR
 * code" was pressed (entrypoints/qr-dialog.ts). The fuzz flows open it in an iframe modal that
 * is a page of its own; here the modal is drawn by script into an about:blank frame (the other
 * kind the content script runs in: matchAboutBlank), which the worker must reach too.
 */

/** Runs in the page: moves the open task details into a new about:blank frame, drawn by script. */
export function detailsIntoBlankFrame(): void {
  const html = document.body.innerHTML;
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width:900px;height:900px;border:0';
  document.body.replaceChildren(frame);
  const doc = frame.contentDocument!;
  doc.open();
  doc.write(`<!doctype html><html><body>${html}</body></html>`);
  doc.close();
  // Our controls came along as markup without their shadow roots: the frame's content script draws its own.
  for (const host of Array.from(doc.querySelectorAll('[data-tiktok-helper]'))) host.remove();
}

/** Runs in the frame: presses our "Show QR code"; false while it is not there yet. */
export function pressShowQr(): boolean {
  for (const host of Array.from(document.querySelectorAll('[data-tiktok-helper]'))) {
    const button = Array.from(host.shadowRoot?.querySelectorAll('button') ?? []).find((b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === 'Show QR code');
    if (button) {
      button.click();
      return true;
    }
  }
  return false;
}

/** Runs in the frame: the name of the open QR dialog with its drawn code, or null. */
export function openQrDialogName(): string | null {
  for (const host of Array.from(document.querySelectorAll('[data-tiktok-helper="qr-dialog"]'))) {
    const dialog = host.shadowRoot?.querySelector('dialog[open]');
    const title = dialog?.getAttribute('aria-labelledby');
    if (dialog?.querySelector('svg[role="img"]') && title) return host.shadowRoot!.getElementById(title)?.textContent ?? null;
  }
  return null;
}
