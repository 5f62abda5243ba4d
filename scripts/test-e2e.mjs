#!/usr/bin/env node
/**
 * Runs the real-browser tests as two streams at once: the Chromium files (and the package
 * checks) in one, the Firefox files in the other. Each stream runs its files one after another.
 *
 * Why two: most of an e2e test's time is waiting (pages loading, the worker's alarms, polls),
 * not CPU, so the two browsers overlap well on two cores. Why not more: every Firefox session
 * needs the replica on port 443 (tests/e2e/harness.ts), and more browsers at once make a
 * loaded two-core machine miss its timings.
 *
 * `node scripts/test-e2e.mjs [vitest args…]` passes the arguments to both streams;
 * E2E_STREAMS=1 runs everything in one stream, one file at a time.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createInterface } from 'node:readline';

const extra = process.argv.slice(2);
const base = ['vitest', 'run', '--project', 'e2e', '--reporter=verbose'];
const streams =
  process.env.E2E_STREAMS === '1'
    ? [{ name: 'e2e', filters: [] }]
    : [
        // File-name filters (vitest matches them as substrings of the path).
        { name: 'chromium', filters: ['chromium.test.ts', 'manifest.test.ts'] },
        { name: 'firefox', filters: ['firefox.test.ts'] },
      ];

// A test file no stream would run is an error, not a silent skip.
const files = readdirSync(new URL('../tests/e2e/', import.meta.url)).filter((f) => f.endsWith('.test.ts'));
const orphans = files.filter((f) => !streams.some(({ filters }) => filters.length === 0 || filters.some((x) => f.endsWith(x))));
if (orphans.length > 0) {
  console.error(`These e2e files belong to no stream (name them *-chromium.test.ts or *-firefox.test.ts): ${orphans.join(', ')}`);
  process.exit(1);
}

const started = Date.now();
const results = await Promise.all(
  streams.map(
    ({ name, filters }) =>
      new Promise((resolve) => {
        const child = spawn('npx', [...base, ...filters, ...extra], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, E2E_STREAM: name } });
        const prefix = streams.length > 1 ? `[${name}] ` : '';
        for (const stream of [child.stdout, child.stderr]) {
          createInterface({ input: stream }).on('line', (line) => process.stdout.write(`${prefix}${line}\n`));
        }
        child.on('close', (code, signal) => resolve({ name, code: code ?? (signal ? 1 : 0) }));
      }),
  ),
);

const seconds = Math.round((Date.now() - started) / 1000);
for (const { name, code } of results) console.log(`== e2e ${name}: ${code === 0 ? 'passed' : `FAILED (exit ${code})`}`);
console.log(`== e2e finished in ${seconds} s`);
process.exit(results.some((r) => r.code !== 0) ? 1 : 0);
