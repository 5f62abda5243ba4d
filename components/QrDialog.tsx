/**
 * The popup's "Invite link QR code" dialog is the page's (overlay/qr-dialog.ts): one native
 * modal <dialog> in its own shadow root, with the same QR rendering, words, keys (Escape,
 * Close, a click outside) and focus return. This component only opens it and says when the
 * creator closed it. The encoder (utils/qr.ts, uqr) loads when a dialog first opens: the popup
 * opens without it, and the dialog shows at once with the code following (a few ms).
 */
import { useEffect, useEffectEvent } from 'react';
import { openQrDialog } from './overlay/qr-dialog';

// (Not destructured: WXT's auto-imports would take a bare `qrModel` for utils/qr.ts's and import it statically.)
const qrModelLater = (text: string) => import('@/utils/qr').then((qr) => qr.qrModel(text));

export function QrDialog({ link, subject, onClose }: { link: string; subject?: string; onClose: () => void }) {
  const closed = useEffectEvent(onClose);
  useEffect(() => {
    let unmounting = false;
    const dialog = openQrDialog({ doc: document, inviteLink: link, qr: qrModelLater, taskName: subject, onClose: () => !unmounting && closed() });
    return () => {
      unmounting = true;
      dialog.close();
    };
  }, [link, subject]);
  return null;
}
