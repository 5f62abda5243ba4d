/**
 * What the overlay found on the current page, for the popup: so a creator can tell
 * "the site changed and detection failed" from "there is nothing here".
 */
import type { Diagnostics } from '../messages';
import { noteKey, type DiagnosticNote, type PageKind } from './diagnostic-notes';
import { findCampaignTiles } from './tiles';
import { findTtcmSections, readTtcm } from './ttcm';
import { findTaskRows } from './retrieve';

/** Which of impact.com's pages this is (worded by the popup: diagnostic-notes.ts pageKindWords). */
export function pageKind(url: string): PageKind {
  const u = new URL(url);
  const path = u.pathname.toLowerCase();
  if (path.includes('marketplace') || path.includes('campaign-marketplace')) return 'findCampaigns';
  if (path.includes('task')) return 'tasks';
  if (path.includes('home')) return 'home';
  return 'other';
}

/** What the page shows, as counts and codes (the popup words them in the interface language). */
export function collectDiagnostics(doc: Document, url: string, extraProblems: DiagnosticNote[] = []): Diagnostics {
  const tiles = findCampaignTiles(doc);
  const tiktokTiles = tiles.filter((t) => t.hasTikTok);
  const sections = findTtcmSections(doc);
  let valid = 0;
  let invalid = 0;
  let codes = 0;
  const problems: DiagnosticNote[] = [...extraProblems];
  for (const section of sections) {
    const r = readTtcm(section);
    if (r.inviteLink.state === 'valid') valid++;
    if (r.inviteLink.state === 'invalid') {
      invalid++;
      problems.push({ code: 'linkRefused', value: r.inviteLink.reason });
    }
    if (r.campaignCode.state === 'valid') codes++;
    if (r.campaignCode.state === 'invalid') problems.push({ code: 'codeRefused', value: r.campaignCode.reason });
    if (!r.contentPresent) problems.push({ code: 'collapsed' });
  }
  const page = pageKind(url);
  if (page === 'findCampaigns' && tiles.length === 0) problems.push({ code: 'noTiles' });
  if (page === 'tasks' && findTaskRows(doc).length === 0 && sections.length === 0) problems.push({ code: 'noTasks' });
  for (const t of tiktokTiles) if (!t.campaignName) problems.push({ code: 'tileNoName' });
  return {
    url,
    page,
    tiles: tiles.length,
    tiktokTiles: tiktokTiles.length,
    ttcmSections: sections.length,
    inviteLinks: { valid, invalid },
    campaignCodes: codes,
    problems: [...new Map(problems.map((p) => [noteKey(p), p])).values()].slice(0, 20),
  };
}
