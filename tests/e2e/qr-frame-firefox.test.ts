/** The QR dialog in an about:blank frame drawn by script, in Firefox (qr-frame-shared.ts). */
import { expect, it } from 'vitest';
import { firefoxSuite } from './extension-driver';
import { openTaskDetails, until } from './firefox-pages';
import { detailsIntoBlankFrame, openQrDialogName, pressShowQr } from './qr-frame-shared';
import * as S from '../replica/scenario.mjs';

const suite = firefoxSuite({ open: 'none' });

it('opens the QR dialog, with its code, in the about:blank frame whose button was pressed', async () => {
  const page = await openTaskDetails(suite.session, 'semantic', S.ids.tiktokOnly.taskId);
  await page.evaluate(detailsIntoBlankFrame);
  const frame = page.frames().find((f) => f !== page.mainFrame())!;
  await until(() => frame.evaluate(pressShowQr), (pressed) => pressed, 'our Show QR code in the frame');
  expect(await until(() => frame.evaluate(openQrDialogName), (name) => name !== null, 'the QR dialog in the frame', 10_000)).toBe('Invite link QR code');
  expect(await page.evaluate(() => document.querySelectorAll('[data-tiktok-helper="qr-dialog"]').length)).toBe(0);
});
