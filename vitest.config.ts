import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

/**
 * The e2e runs as two streams at once (scripts/test-e2e.mjs). Their heaviest files (50,000
 * tasks each, CPU-bound) go first in the Chromium stream and last in the Firefox one, so the
 * two never run together on a two-core machine.
 */
class StreamOrder extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const heavy = (f: TestSpecification) => f.moduleId.includes('storage-scale');
    const [first, last] = process.env.E2E_STREAM === 'firefox' ? [false, true] : [true, false];
    return [...sorted.filter((f) => heavy(f) === first), ...sorted.filter((f) => heavy(f) === last)];
  }
}

/**
 * Two projects, one runner:
 * - unit: pure modules, DOM fixtures and React components in jsdom, with WXT's fake browser.
 * - e2e: the production build in real Chromium and Firefox against the replica, one file at
 *   a time per process; scripts/test-e2e.mjs runs a Chromium and a Firefox process at once.
 */
export default defineConfig({
  test: {
    sequence: { sequencer: StreamOrder },
    projects: [
      {
        plugins: [WxtVitest()],
        test: {
          name: 'unit',
          environment: 'jsdom',
          globals: true,
          include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/replica/**/*.test.{ts,mjs}'],
          setupFiles: ['tests/unit/setup.ts'],
          // The page controls take their design tokens from theme.css as text (components/overlay/styles.ts).
          css: { include: [/components[\\/]theme\.css/] },
          restoreMocks: true,
          // Some component tests render 5,000 tasks in jsdom: seconds on a loaded two-core machine.
          testTimeout: 15_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          // Prints the error of every failed try, also of one its retry passes.
          setupFiles: ['tests/e2e/print-failed-attempts.ts'],
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 90_000,
          // One more try for an e2e test that fails: real browsers on a loaded two-core CI
          // machine have rare timing failures, and a failing CI lands nothing. A broken
          // feature still fails both tries; a test that needed the retry is shown as retried
          // in the output (look for "retry" there) and gets investigated all the same.
          retry: 1,
          // expect.poll waits for what a person would wait for (controls appearing on a page
          // that re-renders every 25 ms, on a loaded machine): up to 10 s, not vitest's 1 s.
          // How fast they appear is a figure of `npm run bench`, never a test.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
