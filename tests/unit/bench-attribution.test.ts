/**
 * The bench's reading of a CPU profile (scripts/bench/profile.mjs attribute): how long the
 * extension held the page's main thread in one go. Its "work only" figure leaves out what is
 * not the extension's work: collections of the page's heap, and gaps where the thread did not
 * run at all (the profiler samples every 100 µs; a 30 ms gap is the OS, not a function).
 */
// @vitest-environment node
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain ESM script of the bench, without types
import { attribute } from '../../scripts/bench/profile.mjs';

const EXT = 'chrome-extension://abcdefghijklmnop/content-scripts/content.js';
const frame = (functionName: string, url = '') => ({ functionName, url, lineNumber: 0, columnNumber: 0, scriptId: '0' });
const nodes = [
  { id: 1, callFrame: frame('(root)'), children: [2, 3, 4, 5] },
  { id: 2, callFrame: frame('find', EXT) },
  { id: 3, callFrame: frame('render', 'https://app.impact.com/app.js') },
  { id: 4, callFrame: frame('(garbage collector)') },
  { id: 5, callFrame: frame('(idle)') },
];

/** A profile from [node id, µs until the next sample] pairs. */
function profile(samples: [number, number][]) {
  return { nodes, startTime: 0, endTime: samples.reduce((t, [, d]) => t + d, 0), samples: samples.map(([id]) => id), timeDeltas: [0, ...samples.slice(0, -1).map(([, d]) => d)] };
}

describe('the longest slice of extension work in a profile', () => {
  it('counts every sample in a row of extension code, collections between them included; work only counts the samples alone', () => {
    const ext = Array.from({ length: 50 }, (): [number, number] => [2, 100]);
    const got = attribute(profile([[3, 100], ...ext, [4, 20_000], ...ext, [3, 100], [5, 100]]));
    expect(got.longestSliceMs).toBeCloseTo(30, 5); // 5 ms + a 20 ms collection + 5 ms
    expect(got.longestWorkSliceMs).toBeCloseTo(10, 5);
  });

  it('takes a gap between two samples as the thread not running, not as work', () => {
    const got = attribute(profile([[2, 100], [2, 30_000], [2, 100], [3, 100]]));
    expect(got.longestSliceMs).toBeCloseTo(30.2, 5);
    expect(got.longestWorkSliceMs).toBeCloseTo(0.4, 5); // three samples, the gap counted as two intervals
  });

  it('ends a slice where the page runs its own code', () => {
    const got = attribute(profile([[2, 100], [2, 100], [3, 100], [2, 100], [5, 100]]));
    expect(got.longestSliceMs).toBeCloseTo(0.2, 5);
    expect(got.longestWorkSliceMs).toBeCloseTo(0.2, 5);
  });
});
