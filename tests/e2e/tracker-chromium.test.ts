/**
 * The tracker pages in Chromium on the production build: the scenarios of tracker-scenario.ts,
 * in order, on one browser (each builds on the tasks and ticks of the one before).
 */
import { describe } from 'vitest';
import { chromiumSuite } from './extension-driver';
import { trackerTests } from './tracker-scenario';

const suite = chromiumSuite();

describe('tracker pages (Chromium)', () => {
  trackerTests(suite, { darkMode: true, firstPage: true, background: 'worker' });
});
