import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { badgeText, creatorWaitCount, showBadge } from '../../utils/background/badge';
import { retrieveNotice } from '../../utils/background/retrieve-notice';
import type { TrackerState } from '../../utils/tracker/machine';
import type { TrackedTask, TrackerData } from '../../utils/tracker/schema';

function taskIn(state: TrackerState, n: number): TrackedTask {
  return {
    key: `k${n}`,
    state,
    campaignName: `Campaign ${n}`,
    brand: 'Brand',
    taskName: `TikTok Video ${n}`,
    taskUrl: 'https://app.impact.com/secure/mediapartner/campaigns/tasks-flow.ihtml',
    path: 'inviteLink',
    steps: {},
    retrieve: { attempts: 0 },
    history: [],
    firstSeenAt: 0,
    updatedAt: 0,
  };
}

function data(...states: TrackerState[]): TrackerData {
  return { tasks: Object.fromEntries(states.map((s, i) => [`k${i}`, taskIn(s, i)])) };
}

describe('toolbar badge', () => {
  it('counts the tasks that wait for the creator, not those the extension is handling or that are done', () => {
    const d = data('notStarted', 'inProgress', 'posted', 'retrieving', 'retryScheduled', 'submitted', 'needsAttention');
    expect(creatorWaitCount(d)).toBe(3);
  });

  it('is empty when nothing waits, and short when a lot does', () => {
    expect(badgeText(0)).toBe('');
    expect(badgeText(7)).toBe('7');
    expect(badgeText(150)).toBe('99+');
  });

  it('is shown on the toolbar button', async () => {
    await showBadge(fakeBrowser.action as never, data('needsAttention', 'submitted', 'notStarted'));
    expect(await fakeBrowser.action.getBadgeText({})).toBe('2');
    await showBadge(fakeBrowser.action as never, data('submitted'));
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
  });
});

describe('notifications', () => {
  it('say which task, in plain words, one per task', () => {
    const task = { ...taskIn('submitted', 1), taskName: '<b>TikTok</b>\n  Video' };
    const done = retrieveNotice(task, 'submitted');
    expect(done).toEqual({ id: 'retrieve-notice:k1', title: 'TikTok post submitted', message: '<b>TikTok</b> Video · Campaign 1: impact.com has your post.' });
    const stuck = retrieveNotice(task, 'needsAttention', 'No "Retrieve my post" button.');
    expect(stuck.id).toBe(done.id);
    expect(stuck.message).toContain('No "Retrieve my post" button.');
    expect(stuck.message).toContain('Retry now');
  });
});
