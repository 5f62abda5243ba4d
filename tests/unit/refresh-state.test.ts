/**
 * Refresh all's stored state (utils/refresh-state.ts): the pure steps, the counts of new and
 * changed tasks, the progress and summary wording, the badge, and the polite gap.
 */
import { describe, expect, it } from 'vitest';
import {
  afterCampaign,
  compareRecorded,
  currentCampaign,
  finished,
  newRun,
  parseRefreshState,
  progressText,
  refreshBadgeText,
  summaryText,
  waitBeforeNavigation,
  withCampaigns,
} from '../../utils/refresh-state';

const campaigns = [
  { name: 'Summer Glow', brand: 'Lumière', id: '41207' },
  { name: 'Gift Guide', brand: 'Hearth', id: '41288' },
  { name: 'Summer Glow', brand: 'Lumière', id: '41207' },
  { name: 'No id', brand: '' },
];

describe('refresh state', () => {
  it('a new run lists each campaign once, in the page order, and parses back from storage', () => {
    const run = withCampaigns(newRun('r1', 'https://app.impact.com/p#/joined', 1000), campaigns, 2000);
    expect(run.campaigns.map((c) => c.name)).toEqual(['Summer Glow', 'Gift Guide', 'No id']);
    expect(run.listed).toBe(true);
    expect(parseRefreshState(JSON.parse(JSON.stringify(run)))).toEqual(run);
    expect(parseRefreshState({ ...run, status: 'odd' })).toBeUndefined();
    expect(progressText(run)).toBe('0 of 3 campaigns');
    expect(currentCampaign(run)).toBe('Summer Glow');
  });

  it('each campaign is counted once: a late answer for a campaign already done changes nothing', () => {
    let run = withCampaigns(newRun('r1', 'u', 0), campaigns, 0);
    const result = { found: 2, added: 1, changed: 1, failures: [{ campaign: 'Summer Glow', task: 'T', reason: 'x' }] };
    run = afterCampaign(run, 0, result, 10);
    expect(run).toMatchObject({ next: 1, visited: 1, found: 2, added: 1, changed: 1 });
    expect(afterCampaign(run, 0, result, 11)).toBe(run);
    run = afterCampaign(run, 1, { found: 1, added: 1, changed: 0, failures: [] }, 12);
    expect(progressText(run)).toBe('2 of 3 campaigns');
    expect(currentCampaign(run)).toBe('No id');
    const end = finished(run, 'done', 20);
    expect(end.status).toBe('done');
    expect(currentCampaign(end)).toBeUndefined();
    expect(summaryText(end)).toBe('Visited 2 campaigns, found 3 TikTok tasks: 2 new, 1 with a changed link or code, 1 failure.');
    // A finished walk is not finished again, nor does it take campaigns.
    expect(finished(end, 'cancelled', 30)).toBe(end);
    expect(afterCampaign(end, 2, result, 31)).toBe(end);
  });

  it('new and changed tasks: by key, a changed link or code counts, the same values do not', () => {
    const before = new Map([
      ['a', { inviteLink: 'https://www.tiktok.com/t/1/', campaignCode: 'X' }],
      ['b', { inviteLink: 'https://www.tiktok.com/t/2/', campaignCode: 'Y' }],
      ['c', { campaignCode: 'Z' }],
    ]);
    const after = new Map([
      ['a', { inviteLink: 'https://www.tiktok.com/t/1/', campaignCode: 'X' }],
      ['b', { inviteLink: 'https://www.tiktok.com/t/3/', campaignCode: 'Y' }],
      ['c', { campaignCode: 'Q' }],
      ['d', { campaignCode: 'N' }],
    ]);
    expect(compareRecorded(['a', 'b', 'c', 'd', 'd'], before, after)).toEqual({ added: 1, changed: 2 });
  });

  it('the badge shows n/N while the walk runs, a percentage when that is too long, nothing after', () => {
    const run = withCampaigns(newRun('r', 'u', 0), campaigns, 0);
    expect(refreshBadgeText(newRun('r', 'u', 0))).toBe('…');
    expect(refreshBadgeText(run)).toBe('0/3');
    const many = withCampaigns(newRun('r', 'u', 0), Array.from({ length: 250 }, (_, i) => ({ name: `C${i}`, brand: '', id: String(i) })), 0);
    expect(refreshBadgeText({ ...many, next: 125 })).toBe('50%');
    expect(refreshBadgeText(finished(run, 'done', 1))).toBeUndefined();
    expect(refreshBadgeText(undefined)).toBeUndefined();
  });

  it('politeness: at least the gap between two page loads, whatever the clock did', () => {
    expect(waitBeforeNavigation(undefined, 5000, 1000)).toBe(0);
    expect(waitBeforeNavigation(5000, 5200, 1000)).toBe(800);
    expect(waitBeforeNavigation(5000, 7000, 1000)).toBe(0);
    // A clock that went back: wait the whole gap.
    expect(waitBeforeNavigation(9000, 5000, 1000)).toBe(1000);
  });
});
