/**
 * Running detection over the markup fuzzer's seeds: fast-check settings, and one page per
 * seed that is gone before the next seed and described (its markup choices) when a seed fails.
 * Shared by tests/unit/fuzz-detection.test.ts (Participating) and fuzz-details.test.ts (details, retrieve, task rows).
 */
import fc from 'fast-check';
import { afterEach } from 'vitest';
import type { FuzzPage } from '../replica/fuzz/generate.mjs';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const ONLY = process.env.FUZZ_ONLY_SEED;

/** FUZZ_RUNS=<n> runs fewer or more seeds; FUZZ_ONLY_SEED=<seed> replays one; FUZZ_DRAW=<n> draws another set of seeds (the default set is fixed, so CI is repeatable). */
export const FC = { numRuns: ONLY ? 1 : RUNS, seed: Number(process.env.FUZZ_DRAW ?? 20261205), endOnFailure: true };
export const seeds = ONLY ? fc.constant(Number(ONLY)) : fc.integer({ min: 0, max: 5_000_000 });
/** Hundreds of seeds, each a page of its own: minutes on a loaded two-core machine, not seconds. */
export const LONG = { timeout: 300_000 };

export function seedRunner() {
  let page: FuzzPage | undefined;
  const clear = () => {
    page?.destroy();
    page = undefined;
    document.body.replaceChildren();
  };
  afterEach(clear);
  return {
    /** The page of the seed under test. */
    current: (): FuzzPage | undefined => page,
    /** Keep a seed's page, so that it is removed afterwards and described if the seed fails. */
    keep<P extends FuzzPage>(p: P): P {
      page = p;
      return p;
    },
    /** Run one seed on a page of its own; on failure, say which seed and what markup it chose. */
    async withSeed<T>(seed: number, run: () => Promise<T>): Promise<T> {
      clear();
      try {
        return await run();
      } catch (error) {
        const described = page?.describe() ?? String(seed);
        clear();
        throw new Error(`seed ${seed} (replay: FUZZ_ONLY_SEED=${seed}) — ${described}\n${(error as Error).message}`, { cause: error });
      }
    },
  };
}
