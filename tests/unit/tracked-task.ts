/**
 * One tracked task as stored, for the tests that need a task and not a whole tracker:
 * account 1234567's "TikTok Video" of Summer Glow Serum Launch, not started, nothing done
 * yet. `over` gives what the test is about (its state, its tries, another task's names).
 */
import type { TrackedTask } from '../../utils/tracker/schema';

export function trackedTask(over: Partial<TrackedTask> = {}): TrackedTask {
  return {
    key: 'a:1234567|c:41207|tn:tiktok video',
    accountId: '1234567',
    campaignId: '41207',
    campaignName: 'Summer Glow Serum Launch',
    brand: '',
    taskName: 'TikTok Video',
    taskUrl: 'https://app.impact.com/x',
    state: 'notStarted',
    path: 'inviteLink',
    steps: {},
    retrieve: { attempts: 0 },
    history: [],
    firstSeenAt: 1,
    updatedAt: 1,
    ...over,
  };
}
