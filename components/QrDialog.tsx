/**
 * The popup's "Invite link QR code" dialog is the page's (overlay/qr-dialog.ts): one native
 * modal <dialog> in its own shadow root, with the same QR rendering, words, keys (Escape,
 * Close, a click outside) and focus return. This component only opens it and says when the
 * creator closed it.
 */
import { useEffect, useEffectEvent } from 'react';
import { openQrDialog } from './overlay/qr-dialog';
import { qrModel } from '@/utils/qr';

export function QrDialog({ link, subject, onClose }: { link: string; subject?: string; onClose: () => void }) {
  const closed = useEffectEvent(onClose);
  useEffect(() => {
    let unmounting = false;
    const dialog = openQrDialog({ doc: document, inviteLink: link, qr: qrModel, taskName: subject, onClose: () => !unmounting && closed() });
    return () => {
      unmounting = true;
      dialog.close();
    };
  }, [link, subject]);
  return null;
}
