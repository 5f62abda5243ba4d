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
 *
 * `--with-unit` (what `npm test` uses) also runs the unit tests beside them, in one worker: the
 * e2e streams leave a core idle much of the time, and the unit phase (~250 s on two workers)
 * then costs the run ~100 s instead of ~250 s, which keeps CI well under its 20 minutes.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createInterface } from 'node:readline';

const withUnit = process.argv.includes('--with-unit');
const extra = process.argv.slice(2).filter((a) => a !== '--with-unit');
const base = ['vitest', 'run', '--project', 'e2e', '--reporter=verbose'];
const streams =
  process.env.E2E_STREAMS === '1'
    ? [{ name: 'e2e', filters: [] }]
    : [
        // File-name filters (vitest matches them as substrings of the path).
        { name: 'chromium', filters: ['chromium.test.ts', 'hardening-manifest.test.ts'] },
        { name: 'firefox', filters: ['firefox.test.ts'] },
      ];

// A test file no stream would run is an error, not a silent skip.
const files = readdirSync(new URL('../tests/e2e/', import.meta.url)).filter((f) => f.endsWith('.test.ts'));
const orphans = files.filter((f) => !streams.some(({ filters }) => filters.length === 0 || filters.some((x) => f.endsWith(x))));
if (orphans.length > 0) {
  console.error(`These e2e files belong to no stream (name them *-chromium.test.ts or *-firefox.test.ts): ${orphans.join(', ')}`);
  process.exit(1);
}

const runs = streams.map(({ name, filters }) => ({ name, args: [...base, ...filters, ...extra] }));
// At the lowest CPU priority (nice 19): the browsers' timings and garbage collections come first.
if (withUnit) runs.push({ name: 'unit', command: 'nice', args: ['-n', '19', 'npx', 'vitest', 'run', '--project', 'unit', '--maxWorkers=1'] });

const started = Date.now();
const results = await Promise.all(
  runs.map(
    ({ name, command, args }) =>
      new Promise((resolve) => {
        const child = spawn(command ?? 'npx', args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, E2E_STREAM: name } });
        const prefix = runs.length > 1 ? `[${name}] ` : '';
        for (const stream of [child.stdout, child.stderr]) {
          createInterface({ input: stream }).on('line', (line) => process.stdout.write(`${prefix}${line}\n`));
        }
        child.on('close', (code, signal) => resolve({ name, code: code ?? (signal ? 1 : 0) }));
      }),
  ),
);

const seconds = Math.round((Date.now() - started) / 1000);
for (const { name, code } of results) console.log(`== ${name === 'unit' ? 'unit' : `e2e ${name}`}: ${code === 0 ? 'passed' : `FAILED (exit ${code})`}`);
console.log(`== ${withUnit ? 'unit and e2e' : 'e2e'} finished in ${seconds} s`);
process.exit(results.some((r) => r.code !== 0) ? 1 : 0);
