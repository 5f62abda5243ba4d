/**
 * Detection on markup it was not written against: the seeded markup fuzzer
 * (tests/replica/fuzz, written from the anatomy doc, never from utils/page/) renders the
 * Participating tab, My Campaign Tasks and the task details in random markup, and says what a
 * person sees there (its truth). Over hundreds of seeds per page kind, detection must find
 * exactly the TikTok tiles, with their names and the ids they show. (The task details, retrieve
 * and task-row properties are in fuzz-details.test.ts.)
 *
 * A failing seed prints itself; replay it with FUZZ_ONLY_SEED=<seed>.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FC, LONG, seedRunner, seeds } from './fuzz-harness';
import { generatePage, type ParticipatingTruth } from '../replica/fuzz/generate.mjs';
import { findCampaignTiles, findTikTokTiles } from '@/utils/page/tiles';
import { fold } from '@/utils/page/text';

const fuzz = seedRunner();

/** Does the element (shadow roots included) hold this string in an attribute or text? */
function shows(root: Node, value: string): boolean {
  const visit = (n: Node): boolean => {
    if (n.nodeType === 3) return n.nodeValue?.includes(value) ?? false;
    if (n.nodeType === 1) {
      const e = n as Element;
      if (Array.from(e.attributes).some((a) => a.value.includes(value))) return true;
      if (e.shadowRoot && visit(e.shadowRoot)) return true;
    }
    return Array.from(n.childNodes).some(visit);
  };
  return visit(root);
}

describe('markup fuzzer: Participating tab', () => {
  it('flags exactly the tiles with a TikTok icon, with their names and the ids they show', LONG, async () => {
    await fc.assert(
      fc.asyncProperty(seeds, async (seed) =>
        fuzz.withSeed(seed, async () => {
          const page = fuzz.keep(generatePage({ seed, kind: 'participating', doc: document }));
          await page.ready;
          const truth = page.truth as ParticipatingTruth;
          const tiles = findCampaignTiles(document);
          const flagged = tiles.filter((t) => t.hasTikTok).map((t) => fold(t.campaignName)).sort();
          expect(flagged).toEqual(truth.tiles.filter((t) => t.hasTikTok).map((t) => fold(t.campaignName)).sort());
          // Ids the tile shows now (an id only in a hover-inserted Manage Tasks link is not shown yet).
          for (const t of truth.tiles.filter((x) => x.hasTikTok && (x.idVisible === 'data-attr' || x.idVisible === 'link') && x.campaignId && shows(x.element, x.campaignId))) {
            expect(tiles.find((x) => fold(x.campaignName) === fold(t.campaignName))?.campaignId).toBe(t.campaignId);
          }
          // One tile each: never the whole list, never two tiles in one.
          const elements = tiles.filter((t) => t.hasTikTok).map((t) => t.element);
          for (const el of elements) expect(elements.filter((o) => o !== el && o.contains(el))).toEqual([]);
          // Re-rendered: the same tiles again.
          page.rerender();
          await page.idle();
          expect(findTikTokTiles(document).length + findCampaignTiles(document).filter((t) => t.hasTikTok && !t.participating).length).toBe(truth.tiles.filter((t) => t.hasTikTok).length);
        }),
      ),
      FC,
    );
  });
});
