/**
 * The "Invite link QR code" dialog: a modal <dialog> in our own open shadow root (top layer,
 * so it sits above impact.com's slide-out), a QR code made locally, the link as text under
 * it, and how to use it. Escape and "Close" close it; focus goes back to the button that
 * opened it. Only one is open at a time. The popup's dialog is this one too (QrDialog.tsx).
 * The code's name does not repeat the link: the link is the text right under it.
 * The code's model comes from `qr`: the popup makes it at once (utils/qr.ts); the content
 * script asks the background worker, so the dialog opens at once and the code follows.
 * On impact.com this module is not in the content script: the worker puts it into the frame
 * whose button was pressed (entrypoints/qr-dialog.ts, entrypoints/content/qr.ts).
 */
import { qrSvg, type QrModel } from '@/utils/qr-svg';
import { deepActiveElement } from '@/utils/page/clipboard';
import { qrDialogName, qrHint } from '../qr-wording';
import { t } from '@/utils/i18n';
import { button, createHost, el } from './controls';
import { QR_DIALOG_CSS } from './styles';

let current: { close(): void } | null = null;

/** A QR code's model for a text: at once, or later (then a failure is the words to show instead). */
export type QrMaker = (text: string) => QrModel | Promise<QrModel | { error: string }>;

export interface QrDialogOptions {
  doc: Document;
  inviteLink: string;
  qr: QrMaker;
  /** Task name shown under the title, so two tasks of a campaign are not confused. */
  taskName?: string;
  /**
   * The content script's lifetime, not the control's: a page re-render replaces the button
   * that opened the dialog, and the creator who is scanning must not lose the code for that.
   */
  signal?: AbortSignal;
  /** Where focus goes on close; by default the element that had it when the dialog opened. */
  returnFocus?: () => void;
  /** Told once the dialog has closed, however it closed. */
  onClose?: () => void;
}

export type OpenQrDialog = typeof openQrDialog;

export function openQrDialog({ doc, inviteLink, qr: makeQr, taskName, signal, returnFocus, onClose }: QrDialogOptions): { close(): void } {
  current?.close();
  const opener = deepActiveElement(doc);
  const { host, box } = createHost(doc, 'qr-dialog', false, QR_DIALOG_CSS);
  const titleId = 'tdh-qr-title';
  const dialog = el(doc, 'dialog', { 'aria-labelledby': titleId, 'aria-describedby': 'tdh-qr-hint' });
  const heading = el(doc, 'h2', { id: titleId }, qrDialogName());
  const qr = el(doc, 'div', { class: 'qr' });
  const made = makeQr(inviteLink);
  if ('then' in made) {
    qr.classList.add('waiting');
    void made.then(
      (model) => {
        if (closed) return;
        qr.classList.remove('waiting');
        qr.append('error' in model ? el(doc, 'p', { class: 'qr-error', role: 'alert' }, model.error) : qrSvg(doc, model, t('qr.codeLabel')));
      },
      (error: unknown) => {
        if (closed) return;
        qr.classList.remove('waiting');
        qr.append(el(doc, 'p', { class: 'qr-error', role: 'alert' }, String((error as Error)?.message ?? error)));
      },
    );
  } else qr.append(qrSvg(doc, made, t('qr.codeLabel')));
  const link = el(doc, 'p', { class: 'link' }, inviteLink);
  const hint = el(doc, 'p', { class: 'hint', id: 'tdh-qr-hint' }, qrHint());
  const closeButton = button(doc, t('action.close'), () => handle.close(), { class: 'primary' });
  const parts: Node[] = [heading];
  if (taskName) parts.push(el(doc, 'p', { class: 'note' }, taskName));
  parts.push(qr, link, hint, el(doc, 'div', { class: 'actions' }, closeButton));
  dialog.append(...parts);
  box.append(dialog);
  (doc.body ?? doc.documentElement).append(host);

  let closed = false;
  const handle = {
    close() {
      if (closed) return;
      closed = true;
      if (current === handle) current = null;
      if (dialog.open) dialog.close?.();
      host.remove();
      if (returnFocus) returnFocus();
      else if (opener instanceof HTMLElement && opener.isConnected) opener.focus({ preventScroll: true });
      onClose?.();
    },
  };
  dialog.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    // Ours alone: the page's slide-out must not close with it.
    event.preventDefault();
    event.stopPropagation();
    handle.close();
  });
  // The browser's own cancel (Escape via close watcher) and backdrop clicks.
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    handle.close();
  });
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) {
      const r = dialog.getBoundingClientRect();
      const inside = event.clientX >= r.left && event.clientX <= r.right && event.clientY >= r.top && event.clientY <= r.bottom;
      if (!inside) handle.close();
    }
  });
  signal?.addEventListener('abort', () => handle.close(), { once: true });

  if (typeof dialog.showModal === 'function') {
    try {
      dialog.showModal();
    } catch {
      dialog.setAttribute('open', '');
    }
  } else dialog.setAttribute('open', '');
  closeButton.focus({ preventScroll: true });
  current = handle;
  return handle;
}
