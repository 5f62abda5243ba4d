/**
 * The words of the "Invite link QR code" dialog, used by the one dialog (overlay/qr-dialog.ts, also
 * the popup's through QrDialog.tsx) and by what names the task elsewhere: its name (ui-contract.md), which campaign and task the code is
 * for, and how to use it.
 */
import { t } from '@/utils/i18n';

/** The dialog's name ("Invite link QR code" in English, ui-contract.md). */
export const qrDialogName = () => t('qr.dialogName');
/** How to use the code. */
export const qrHint = () => t('qr.hint');

/** The line under the title: "Campaign · Task", so two tasks of a campaign are not confused. */
export function qrSubject(campaignName: string | undefined, taskName: string | undefined): string {
  return [campaignName, taskName].filter(Boolean).join(' · ');
}
