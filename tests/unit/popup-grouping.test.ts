import { describe, expect, it } from 'vitest';
import { orderForPopup } from '../../utils/tracker/grouping';
import { tabShowsTask } from '../../utils/page/urls';
import { scenario, tasksOf, taskUrl } from './popup-overview-fixtures';

describe('tabShowsTask', () => {
  const task = { taskUrl: taskUrl('41207', '880101'), campaignId: '41207' };

  it('matches the page the task was found on, whatever its Web Flow execution step', () => {
    expect(tabShowsTask(taskUrl('41207', '880101').replace('e2s1', 'e5s3'), task)).toBe(true);
  });

  it('matches a page naming the campaign id in the fragment (single-page routes)', () => {
    const url = 'https://app.impact.com/secure/mediapartner/marketplace/new-campaign-marketplace-flow.ihtml?execution=e1s1#/joined/campaigns/41207/tasks';
    expect(tabShowsTask(url, task)).toBe(true);
  });

  it('does not match a longer id that merely contains it, another site, or no tab', () => {
    expect(tabShowsTask('https://app.impact.com/x?campaignId=412070', task)).toBe(false);
    expect(tabShowsTask('https://app.impact.com.evil.example/x?campaignId=41207', task)).toBe(false);
    expect(tabShowsTask('https://example.com/41207', task)).toBe(false);
    expect(tabShowsTask(undefined, task)).toBe(false);
    expect(tabShowsTask('not a url', task)).toBe(false);
  });

  it('without a campaign id, only the task page itself matches', () => {
    const byName = { taskUrl: taskUrl('41207', '880101') };
    expect(tabShowsTask(taskUrl('41207', '880101'), byName)).toBe(true);
    expect(tabShowsTask('https://app.impact.com/x?campaignId=41207', byName)).toBe(false);
  });
});

describe('orderForPopup', () => {
  const { data, keys } = scenario();
  const tasks = tasksOf(data);

  it('groups by account and campaign, open work first, earliest due first', () => {
    const order = orderForPopup(tasks, undefined);
    expect(order.current).toEqual([]);
    expect(order.groups.map((g) => [g.campaignName, g.accountName, g.tasks.map((t) => t.taskName)])).toEqual([
      ['Back to School Drop: Two Videos', 'Maya Creates', ['TikTok Video – Unboxing', 'TikTok Video – Styling']],
      ['Summer Glow Serum Launch', 'Maya Creates', ['TikTok Video']],
      ['Holiday Gift Guide 2026', 'Maya Creates', ['TikTok Video']],
      // Same campaign name, other account, already submitted: its own group, last.
      ['Summer Glow Serum Launch', 'Maya Creates UK', ['TikTok Video']],
    ]);
  });

  it("puts the active tab's campaign first and leaves it out of the groups", () => {
    const order = orderForPopup(tasks, 'https://app.impact.com/secure/mediapartner/campaigns/tasks-flow.ihtml?execution=e9s1&campaignId=41288');
    expect(order.current.map((t) => t.key)).toEqual([keys.giftGuide]);
    expect(order.groups.flatMap((g) => g.tasks).map((t) => t.key)).not.toContain(keys.giftGuide);
    expect(order.groups.flatMap((g) => g.tasks)).toHaveLength(4);
  });
});
