/**
 * The QR dialog's codes on impact.com come from the background worker (the `qrCode` message,
 * its reply typed by CONTENT_SCRIPT_REPLIES): the encoder is not in the content script,
 * which runs on every page, and is needed only when the creator opens a QR dialog.
 */
import type { QrMaker } from '@/components/overlay/qr-dialog';
import type { ContentScriptSend } from '@/utils/messages';
import type { QrModel } from '@/utils/qr-svg';
import { replyErrorText } from '@/utils/reply-error';

export function backgroundQr(send: ContentScriptSend): QrMaker {
  return async (text) => {
    const reply = await send({ type: 'qrCode', text });
    return reply.ok ? (reply.value as QrModel) : { error: replyErrorText(reply) };
  };
}
