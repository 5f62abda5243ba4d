/**
 * Our controls never crowd impact.com's own (issue 12), in Firefox on the production build, on
 * every hand-written replica family: the scenarios of placement-scenario.ts, one browser per
 * family. `PLACEMENT_SHOTS=<folder>` keeps screenshots of what was measured.
 */
import { describe, it } from 'vitest';
import { firefoxSuite } from './extension-driver';
import { FAMILIES } from './overlay-shared';
import { detailsPlacementScenario, tilesPlacementScenario } from './placement-scenario';

const options = { shots: process.env.PLACEMENT_SHOTS };

describe.each(FAMILIES)('placement in Firefox, %s family', (family) => {
  // The overview is opened when a scenario first needs it: the scenarios start on the family's own pages.
  const suite = firefoxSuite({ open: 'none' });

  it("task details: impact.com's copy field, Copy button and code keep their boxes; our controls are rows of their own", async () => {
    await detailsPlacementScenario(suite.driver, family, options);
  });

  it("tiles: every tile keeps its width and place, impact.com's parts of it keep their boxes; one line of ours per task", async () => {
    // At the browser's own window size, not 1280×900: there, Firefox's Participating page of the
    // semantic family is within a scrollbar of fitting (Firefox's scrollbars take 12 px, headless
    // Chromium's none), so taking our lines out of the layout removes the scrollbar and every
    // element of the page "widens" by 12 px, which is no squeeze. At its own size the page
    // scrolls either way.
    await tilesPlacementScenario(suite.driver, family, { ...options, viewport: null });
  });
});
