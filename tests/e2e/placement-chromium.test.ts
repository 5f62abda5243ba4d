/**
 * Our controls never crowd impact.com's own (issue 12), in Chromium on the production build, on
 * every hand-written replica family: the scenarios of placement-scenario.ts, one browser per
 * family. `PLACEMENT_SHOTS=<folder>` keeps screenshots of what was measured.
 */
import { describe, it } from 'vitest';
import { chromiumSuite } from './extension-driver';
import { FAMILIES } from './overlay-shared';
import { detailsPlacementScenario, tilesPlacementScenario } from './placement-scenario';

const options = { shots: process.env.PLACEMENT_SHOTS };

describe.each(FAMILIES)('placement in Chromium, %s family', (family) => {
  const suite = chromiumSuite();

  it("task details: impact.com's copy field, Copy button and code keep their boxes; our controls are rows of their own", async () => {
    await detailsPlacementScenario(suite.driver, family, options);
  });

  it("tiles: every tile keeps its width and place, impact.com's parts of it keep their boxes; one line of ours per task", async () => {
    await tilesPlacementScenario(suite.driver, family, options);
  });
});
