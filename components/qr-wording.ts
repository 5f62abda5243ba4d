/**
 * The words of the "Invite link QR code" dialog, one set for the popup (QrDialog.tsx) and the
 * page (overlay/qr-dialog.ts): its name (ui-contract.md), which campaign and task the code is
 * for, and how to use it.
 */
export const QR_DIALOG_NAME = 'Invite link QR code';
export const QR_HINT = "Scan with your phone's camera to open TikTok";

/** The line under the title: "Campaign · Task", so two tasks of a campaign are not confused. */
export function qrSubject(campaignName: string | undefined, taskName: string | undefined): string {
  return [campaignName, taskName].filter(Boolean).join(' · ');
}
