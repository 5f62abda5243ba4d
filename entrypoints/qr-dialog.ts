/**
 * The "Invite link QR code" dialog on impact.com (components/overlay/qr-dialog.ts, its
 * stylesheet and QR drawing). Not part of the content script that every impact.com page
 * loads: when the creator presses "Show QR code", the content script asks the worker, which
 * injects this file into that frame (utils/background/tabs-browser.ts injectQrDialog: the
 * frame whose content script asked, with `scripting.executeScript`, no other permission) once
 * per content script, and it leaves the dialog for that content script
 * (entrypoints/content/qr.ts). It runs in the extension's isolated world, like the content script.
 */
import { openQrDialog } from '@/components/overlay/qr-dialog';
import { leaveInPlace, QR_DIALOG_KEY } from '@/utils/content/page-actions';

export default defineUnlistedScript(() => {
  leaveInPlace(QR_DIALOG_KEY, openQrDialog);
});
