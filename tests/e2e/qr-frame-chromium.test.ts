/** The QR dialog in an about:blank frame drawn by script, in Chromium (qr-frame-shared.ts). */
import { expect, it } from 'vitest';
import { chromiumSuite } from './extension-driver';
import { openTaskDetails } from './chromium-pages';
import { detailsIntoBlankFrame, openQrDialogName, pressShowQr } from './qr-frame-shared';
import * as S from '../replica/scenario.mjs';

const suite = chromiumSuite();

it('opens the QR dialog, with its code, in the about:blank frame whose button was pressed', async () => {
  const page = await openTaskDetails(suite.session, 'semantic', S.ids.tiktokOnly.taskId);
  await page.evaluate(detailsIntoBlankFrame);
  const frame = page.frames().find((f) => f !== page.mainFrame())!;
  expect(frame.url()).toBe('about:blank');
  await expect.poll(() => frame.evaluate(pressShowQr), { timeout: 20_000 }).toBe(true);
  await expect.poll(() => frame.evaluate(openQrDialogName), { timeout: 10_000 }).toBe('Invite link QR code');
  expect(await page.mainFrame().evaluate(() => document.querySelectorAll('[data-tiktok-helper="qr-dialog"]').length)).toBe(0);
});
