import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

/**
 * Two projects, one runner:
 * - unit: pure modules, DOM fixtures and React components in jsdom, with WXT's fake browser.
 * - e2e: the production build in real Chromium and Firefox against the replica (serial:
 *   Firefox needs port 443 and the machine has two cores).
 */
export default defineConfig({
  test: {
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
