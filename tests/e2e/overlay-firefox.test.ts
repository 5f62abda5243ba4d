/**
 * The overlay in Firefox (puppeteer over WebDriver BiDi) on the production build, on every
 * replica markup family: the scenarios of overlay-scenario.ts, one browser (and tracker) per
 * family, each family standing for the whole site. The hashed family's browser then runs the
 * tiles' re-renders, last (they change the replica's pace).
 */
import { describe, it } from 'vitest';
import { firefoxSuite } from './extension-driver';
import { FAMILIES } from './overlay-shared';
import { refusedLinksScenario, tileChipsScenario, tileRerendersScenario, ttcmControlsScenario } from './overlay-scenario';

describe.each(FAMILIES)('overlay in Firefox, %s family', (family) => {
  // The overview is opened when a scenario first needs it: the scenarios start on the family's own pages.
  const suite = firefoxSuite({ open: 'none' });

  it('adds the TTCM controls once, copies exactly, and shows a scannable QR code, by mouse and by keyboard', async () => {
    await ttcmControlsScenario(suite.driver, family);
  });
  it('refuses malicious invite links with an alert and offers no copy or QR code', async () => {
    await refusedLinksScenario(suite.driver, family);
  });
  it('puts a status chip on every TikTok tile and none elsewhere; tile copy once the task was seen', async () => {
    await tileChipsScenario(suite.driver, family);
  });
  if (family === 'hashed') {
    it('keeps exactly one chip per TikTok tile through 100+ re-renders', async () => {
      await tileRerendersScenario(suite.driver);
    });
  }
  // Chromium only, for the e2e time (the Firefox stream is the longer one in CI; the content
  // script is the same code): slideOutRerendersScenario and longPageScenario (both pass in
  // Firefox too: about 14 s together on a loaded machine).
  // Not here: extensionReloadScenario. Firefox injects a reloaded add-on's content script into
  // the tabs already open (Chromium does not), so the page is decorated again by the new copy
  // and there is no "every control gone" to see (one run saw 3 of our elements back, the next
  // none yet: a race); Firefox's side of an update is update-firefox's.
});
