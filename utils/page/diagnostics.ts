/**
 * What the overlay found on the current page, for the popup: so a creator can tell
 * "the site changed and detection failed" from "there is nothing here".
 */
import type { Diagnostics } from '../messages';
import { findCampaignTiles } from './tiles';
import { findTtcmSections, readTtcm } from './ttcm';
import { findTaskRows } from './retrieve';

export function pageKind(url: string): string {
  const u = new URL(url);
  const path = u.pathname.toLowerCase();
  if (path.includes('marketplace') || path.includes('campaign-marketplace')) return 'Find Campaigns';
  if (path.includes('task')) return 'My Campaign Tasks';
  if (path.includes('home')) return 'Home';
  return 'Other impact.com page';
}

export function collectDiagnostics(doc: Document, url: string, extraProblems: string[] = []): Diagnostics {
  const tiles = findCampaignTiles(doc);
  const tiktokTiles = tiles.filter((t) => t.hasTikTok);
  const sections = findTtcmSections(doc);
  let valid = 0;
  let invalid = 0;
  let codes = 0;
  const problems: string[] = [...extraProblems];
  for (const section of sections) {
    const r = readTtcm(section);
    if (r.inviteLink.state === 'valid') valid++;
    if (r.inviteLink.state === 'invalid') {
      invalid++;
      problems.push(r.inviteLink.reason);
    }
    if (r.campaignCode.state === 'valid') codes++;
    if (r.campaignCode.state === 'invalid') problems.push(r.campaignCode.reason);
    if (!r.contentPresent) problems.push('A TTCM Branded Content Details section is collapsed: open it to read the invite link and campaign code.');
  }
  const page = pageKind(url);
  if (page === 'Find Campaigns' && tiles.length === 0) problems.push('No campaign tiles were recognised on this page (it may still be loading, or the site changed).');
  if (page === 'My Campaign Tasks' && findTaskRows(doc).length === 0 && sections.length === 0)
    problems.push('No tasks were recognised on this page (it may still be loading, or the site changed).');
  for (const t of tiktokTiles) if (!t.campaignName) problems.push('A TikTok campaign tile has no readable campaign name.');
  return {
    url,
    page,
    tiles: tiles.length,
    tiktokTiles: tiktokTiles.length,
    ttcmSections: sections.length,
    inviteLinks: { valid, invalid },
    campaignCodes: codes,
    problems: Array.from(new Set(problems)).slice(0, 20),
  };
}
