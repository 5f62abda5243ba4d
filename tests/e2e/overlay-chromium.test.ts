/**
 * The overlay in Chromium on the production build, on every replica markup family: the
 * scenarios of overlay-scenario.ts, one browser (and tracker) per family, each family standing
 * for the whole site. Each family's browser then runs one scenario that changes the replica or
 * the extension for good, last: the hashed family's re-renders, the uicl family's long page,
 * and the extension reloaded (semantic). The README's screenshots are taken here
 * (`UPDATE_SCREENSHOTS=1 npm run test:e2e`).
 */
import { describe, it } from 'vitest';
import { chromiumSuite } from './extension-driver';
import { FAMILIES } from './overlay-shared';
import { extensionReloadScenario, longPageScenario, refusedLinksScenario, slideOutRerendersScenario, tileChipsScenario, tileRerendersScenario, ttcmControlsScenario } from './overlay-scenario';

const screenshots = { screenshots: Boolean(process.env.UPDATE_SCREENSHOTS) };

describe.each(FAMILIES)('overlay in Chromium, %s family', (family) => {
  const suite = chromiumSuite();

  it('adds the TTCM controls once, copies exactly, and shows a scannable QR code, by mouse and by keyboard', async () => {
    await ttcmControlsScenario(suite.driver, family, screenshots);
  });
  it('refuses malicious invite links with an alert and offers no copy or QR code', async () => {
    await refusedLinksScenario(suite.driver, family);
  });
  it('puts a status chip on every TikTok tile and none elsewhere; tile copy once the task was seen', async () => {
    await tileChipsScenario(suite.driver, family, screenshots);
  });
  if (family === 'hashed') {
    it('keeps exactly one set of controls through 100+ re-renders of the slide-out and of the tiles', async () => {
      await slideOutRerendersScenario(suite.driver);
      await tileRerendersScenario(suite.driver);
    });
  }
  if (family === 'uicl') {
    it('gives every TikTok tile of a 600-campaign page its chip as the creator scrolls to it, and no tile two', async () => {
      await longPageScenario(suite.driver);
    });
  }
  if (family === 'semantic') {
    it('removes every injected control when the extension goes away', async () => {
      await extensionReloadScenario(suite.driver);
    });
  }
});
