/**
 * Random trackers for the head's tests (tracker-head.test.ts, tracker-head-index.test.ts).
 */
import { HEAD_SLOT_NAMES } from '@/utils/storage-keys';
import { TRACKER_STATES } from '@/utils/tracker/machine';
import type { TrackedTask, TrackerData } from '@/utils/tracker/schema';

export const IMPACT = 'https://app.impact.com';
export const FLOW = `${IMPACT}/secure/mediapartner/campaigns/tasks-flow.ihtml`;

/** Small deterministic PRNG, so a failing case can be rebuilt from its seed. */
export function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!, int: (n: number) => Math.floor(next() * n) };
}

const DUE = [undefined, 'Dec 5, 2026', 'Dec 15, 2026', 'Dec 15, 2026', '2026-12-01', 'Nov 28, 2026', 'soon', '12/24/2026'];
const TASK_NAMES = ['TikTok Video', 'TikTok Video – Unboxing', 'Story', 'tiktok video'];

/**
 * A tracker with the variety the head must cope with: several accounts, campaigns known by id
 * or by name only, shared campaign names, due-date ties, every state, addresses that name the
 * campaign id (query, fragment) or do not, equal update times, retrieve history.
 */
export function buildTracker(seed: number, count: number, campaigns: number, accounts: number): TrackerData {
  const r = random(seed);
  const tasks: Record<string, TrackedTask> = {};
  for (let i = 0; i < count; i++) {
    const c = r.int(campaigns);
    const account = r.int(accounts);
    const byId = r.next() < 0.85;
    const campaignId = byId ? String(41000 + c) : undefined;
    const taskId = r.next() < 0.8 ? String(880000 + i) : undefined;
    const form = r.int(4);
    const url =
      form === 0
        ? `${FLOW}?execution=e${r.int(9)}s1&campaignId=${41000 + c}&taskId=${880000 + i}`
        : form === 1
          ? `${IMPACT}/secure/mediapartner/marketplace/new-campaign-marketplace-flow.ihtml?execution=e1s1#/joined/campaigns/${41000 + c}/tasks/${880000 + i}`
          : form === 2
            ? `${IMPACT}/secure/task-details?ref=${i}`
            : `${FLOW}?execution=e1s1&campaignId=${41000 + c}`;
    const state = r.pick(TRACKER_STATES);
    const attempted = r.next() < 0.3;
    const history = [{ at: 1000, event: 'discovered' }, ...(attempted ? [{ at: 2000 + i, event: r.pick(['startRetrieve', 'retrieveNotYet', 'step:linkCopied']) }] : []), { at: 3000, event: 'step:videoPosted' }];
    const key = `k${i}`;
    tasks[key] = {
      key,
      accountId: account ? `acc${account}` : undefined,
      accountName: account ? undefined : 'Maya Creates',
      campaignId,
      campaignName: `Campaign ${c % 9}`,
      brand: `Brand ${c % 4}`,
      taskId,
      taskName: r.pick(TASK_NAMES),
      dueDate: r.pick(DUE),
      taskUrl: url,
      state,
      path: 'inviteLink',
      steps: {},
      retrieve: { attempts: attempted ? 1 : 0, ...(attempted && r.next() < 0.5 ? { lastAttemptAt: 5000 + i } : {}), ...(r.next() < 0.05 ? { openedTabId: 100 + r.int(5) } : {}) },
      history,
      firstSeenAt: 1000,
      updatedAt: 1000 + r.int(Math.max(1, count >> 2)),
    };
    for (const k of Object.keys(tasks[key]!) as (keyof TrackedTask)[]) if (tasks[key]![k] === undefined) delete tasks[key]![k];
  }
  return { tasks };
}


/**
 * The stored head with its filter and tasks put back inline, as computeHead makes it (head.ts
 * stores the filter apart and the tasks in slots, under the revisions the head names):
 * comparable with computeHead's output. A part of another revision is left out, so the
 * comparison fails.
 */
export function storedWholeHead(headRaw: unknown, filterRaw: unknown, slotsRaw: readonly unknown[] = []): Record<string, unknown> | undefined {
  const parse = (raw: unknown) => (typeof raw === 'string' ? (JSON.parse(raw) as Record<string, unknown>) : (raw as Record<string, unknown> | undefined));
  const head = parse(headRaw);
  if (!head) return head;
  const filter = parse(filterRaw);
  const { filterRev, slotRevs, ...rest } = head;
  const whole: Record<string, unknown> = filter && filter.rev === filterRev ? { ...rest, filter: filter.filter } : { ...rest, filterRev };
  if (!Array.isArray(slotRevs)) return { ...whole, slotRevs };
  const slots = slotRevs.map((rev, i) => parse(slotsRaw[i]) as { rev: number; tasks: { key: string }[]; complete: string[]; completeGroups: string[] } | undefined);
  if (slots.some((slot, i) => slot?.rev !== slotRevs[i])) return { ...whole, slotRevs };
  const all = slots as { tasks: { key: string }[]; complete: string[]; completeGroups: string[] }[];
  return {
    ...whole,
    tasks: all.flatMap((slot) => slot.tasks).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
    complete: [...new Set(all.flatMap((slot) => slot.complete))].sort(),
    completeGroups: [...new Set(all.flatMap((slot) => slot.completeGroups))].sort(),
  };
}

/** The head's slots of tasks as stored (storage-keys.ts HEAD_SLOT_NAMES), from a storage.local.get result. */
export function storedSlots(got: Record<string, unknown>): unknown[] {
  return HEAD_SLOT_NAMES.map((name) => got[name]);
}
