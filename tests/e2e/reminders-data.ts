/**
 * Shared pieces of the reminder e2e tests (reminders-chromium / reminders-firefox): two tasks
 * to seed into storage, one due tomorrow (its "due soon" reminder is due at once) and one posted
 * almost 24 h ago and still not submitted (its reminder falls due a few seconds after seeding,
 * through the worker's alarm), and the ids and times the worker should use for them.
 */
import type { TrackedTask } from '../../utils/tracker/schema';

const HOUR = 3_600_000;

function isoLocalDay(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** `seconds` until the posted task's "not submitted" reminder falls due. */
export function reminderTasks(now: number, seconds: number) {
  const tomorrow = new Date(now);
  tomorrow.setDate(tomorrow.getDate() + 1);
  const dueDay = isoLocalDay(tomorrow);
  const base: Pick<TrackedTask, 'brand' | 'campaignId' | 'path' | 'steps' | 'retrieve' | 'history' | 'firstSeenAt' | 'updatedAt'> = {
    brand: 'Lumière',
    campaignId: '41207',
    path: 'inviteLink',
    steps: {},
    retrieve: { attempts: 0 },
    history: [],
    firstSeenAt: now - 48 * HOUR,
    updatedAt: now - 24 * HOUR,
  };
  const dueSoon: TrackedTask = {
    ...base,
    key: 'a:1|c:41207|t:990001',
    campaignName: 'Summer Glow Serum Launch',
    taskId: '990001',
    taskName: 'TikTok Video (due tomorrow)',
    taskUrl: 'https://app.impact.com/secure/mediapartner/campaigns/tasks-flow.ihtml?campaignId=41207&taskId=990001',
    dueDate: dueDay,
    state: 'notStarted',
  };
  const postedAt = now - 24 * HOUR + seconds * 1000;
  const posted: TrackedTask = {
    ...base,
    key: 'a:1|c:41207|t:990002',
    campaignName: 'Summer Glow Serum Launch',
    taskId: '990002',
    taskName: 'TikTok Video (posted)',
    taskUrl: 'https://app.impact.com/secure/mediapartner/campaigns/tasks-flow.ihtml?campaignId=41207&taskId=990002',
    // Posted, and the tries ran out: the worker does not try again by itself (no tab opens).
    state: 'needsAttention',
    steps: { videoPosted: postedAt },
  };
  const postedDay = isoLocalDay(new Date(postedAt));
  return {
    tasks: [dueSoon, posted],
    /** What storage.local.set takes: one key per task. */
    stored: { [`task:${dueSoon.key}`]: dueSoon, [`task:${posted.key}`]: posted },
    dueSoonNotice: `reminder:dueSoon|${dueDay}|${dueSoon.key}`,
    postedNotice: `reminder:postedNotSubmitted|${postedDay}|${posted.key}`,
    /** When the posted task's reminder falls due (the alarm's time). */
    postedReminderAt: postedAt + 24 * HOUR,
    /** After both: "due today", on tomorrow's morning at 9 (local). */
    dueTodayAt: new Date(tomorrow.getFullYear(), tomorrow.getMonth(), tomorrow.getDate(), 9).getTime(),
  };
}
