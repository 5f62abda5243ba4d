/**
 * The QR dialog on impact.com. Neither its code nor the QR encoder is in the content script,
 * which runs on every page: on the first "Show QR code" of this frame the worker puts the
 * dialog into it (the `qrDialog` message; entrypoints/qr-dialog.ts), and every code comes from
 * the worker (the `qrCode` message, its reply typed by CONTENT_SCRIPT_REPLIES). The dialog
 * opens as soon as it is here, and the code follows.
 */
import type { OpenQrDialog, QrDialogOptions, QrMaker } from '@/components/overlay/qr-dialog';
import type { ContentScriptSend } from '@/utils/messages';
import type { QrModel } from '@/utils/qr-svg';
import { replyErrorText } from '@/utils/reply-error';
import type { OverlayContext } from './context';

export function backgroundQr(send: ContentScriptSend): QrMaker {
  return async (text) => {
    const reply = await send({ type: 'qrCode', text });
    return reply.ok ? (reply.value as QrModel) : { error: replyErrorText(reply) };
  };
}

/**
 * The dialog, from what the injected script left in this frame (`held`: utils/content/page-actions.ts
 * openPlace); asks the worker to inject it when it is not here yet. Rejects with the reason
 * when it could not be loaded.
 */
export async function loadQrDialog(held: () => OpenQrDialog | undefined, send: ContentScriptSend): Promise<OpenQrDialog> {
  const open = held();
  if (open) return open;
  const reply = await send({ type: 'qrDialog' });
  const loaded = held();
  if (loaded) return loaded;
  throw new Error(reply.ok ? 'The QR dialog did not load.' : replyErrorText(reply));
}

/** "Show QR code": the dialog with the worker's code; `failed` says why it could not open. */
export function showQrDialog(ctx: OverlayContext, options: Omit<QrDialogOptions, 'doc' | 'qr' | 'signal'>, failed: (why: string) => void): void {
  ctx.qrDialog().then(
    (open) => {
      if (!ctx.signal.aborted) open({ ...options, doc: ctx.doc, qr: backgroundQr(ctx.send), signal: ctx.signal });
    },
    (error: unknown) => failed(String((error as Error)?.message ?? error)),
  );
}
