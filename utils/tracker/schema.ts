/**
 * One schema for everything the tracker stores. Every value read from storage, a backup
 * file or a message is parsed with these, so a corrupted or foreign record is caught at the
 * boundary instead of breaking a page later.
 *
 * The one schema set of the extension: the worker, the popup, the overview and the content
 * script all import it (and utils/messages.ts, built on it). It is written in zod/mini, zod's
 * core (the same checks and results as its classic API) without the method-chaining layer,
 * which alone made the pages' shared chunk and the worker ~60 KB (minified) bigger each:
 * `z.optional(x)` for `x.optional()`, `z._default(x, v)` for `x.default(v)`,
 * `.check(z.maxLength(n))` for `.max(n)` and so on.
 */
import * as z from 'zod/mini';
import { TRACKER_STATES } from './machine';
import { AUTHORIZATION_DAYS, DELIVERY_PATHS, STEP_IDS } from './keys';
import { TASK_URL_RULE } from '../page/hosts';
import { isTimeOfDay } from '../daily-time';

// The English messages of the issues: utils/zod-messages.ts (the worker and the pages load them).

// The vocabulary and the task key live in keys.ts (no zod).
export { AUTHORIZATION_DAYS, COMMON_AUTHORIZATION_WINDOWS, DELIVERY_PATHS, STEP_IDS, fold, isAuthorizationDays, taskKey } from './keys';
export type { AuthorizationDays, DeliveryPath, StepId } from './keys';

/** Text of at most `max` characters. */
export const text = (max: number) => z.string().check(z.maxLength(max));
/** Text of 1 to `max` characters. */
export const nonEmpty = (max: number) => z.string().check(z.maxLength(max), z.minLength(1));
/** A whole number (a safe integer). */
export const int = () => z.number().check(z.int());
/** A whole number ≥ 0. */
export const count = () => z.number().check(z.int(), z.gte(0));
const name = text(500);

/** What the content script reads off a TikTok task's View Task Details. */
export const DiscoveredTaskSchema = z.object({
  accountId: z.optional(text(100)),
  accountName: z.optional(name),
  campaignId: z.optional(text(100)),
  campaignName: nonEmpty(500),
  brand: z._default(name, ''),
  taskId: z.optional(text(100)),
  /** '' when the page shows only the task's id: named at display time (utils/tracker/names.ts taskLabel). */
  taskName: name,
  impactStatus: z.optional(text(200)),
  dueDate: z.optional(text(100)),
  /** Only a link that passed checkInviteLink. */
  inviteLink: z.optional(text(2048)),
  /** Why the link on the page was refused, when it was. */
  inviteLinkProblem: z.optional(text(300)),
  campaignCode: z.optional(text(64)),
  authorizationDays: z.optional(z.number().check(z.int(), z.gte(AUTHORIZATION_DAYS.min), z.lte(AUTHORIZATION_DAYS.max))),
  /**
   * Where the task lives: the address of the page that showed its details. Any https host
   * with a plain name (app.impact.com, or another impact.com address the creator allowed:
   * the background takes a task only from a page of the same site, and opens or presses
   * only on allowed hosts; utils/page/hosts.ts).
   */
  taskUrl: z.url(TASK_URL_RULE),
});
export type DiscoveredTask = z.infer<typeof DiscoveredTaskSchema>;

export const HistoryEntrySchema = z.object({
  at: z.number(),
  event: text(60),
  detail: z.optional(text(500)),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

/**
 * What the last attempt came to (utils/retrieve-reason.ts): codes and values, worded at display
 * time in the interface language. `code` and `end` are plain text, not an enum: a code this
 * version does not know (a newer version's) reads as a generic reason instead of setting the
 * whole task aside.
 */
export const RetrieveOutcomeSchema = z.object({
  code: text(60),
  /** The one value the reason names (a task's name, a browser's error, a number). */
  value: z.optional(text(300)),
  /** impact.com's own words, verbatim (never translated). */
  impact: z.optional(text(500)),
  /** How the series of tries ended, when it did. */
  end: z.optional(text(60)),
  tries: z.optional(count()),
  minutes: z.optional(count()),
});
export type RetrieveOutcome = z.infer<typeof RetrieveOutcomeSchema>;

export const RetrieveStateSchema = z.object({
  attempts: z._default(count(), 0),
  firstAttemptAt: z.optional(z.number()),
  lastAttemptAt: z.optional(z.number()),
  nextAttemptAt: z.optional(z.number()),
  /** Older versions' outcome, in English words: shown as it is when there is no `outcome`. */
  lastOutcome: z.optional(text(300)),
  outcome: z.optional(RetrieveOutcomeSchema),
  /** The attempt under way; a report for any other attempt is stale and ignored. */
  attemptId: z.optional(text(100)),
  /** A tab the worker opened for the attempt, closed again afterwards. */
  openedTabId: z.optional(int()),
  /**
   * How that tab was last shown: true, the creator went to it from a tab still open; false, the
   * browser showed it by itself (the tab before it was closed). Absent: not seen shown. At the
   * end it is closed unless it is shown then and not by the browser alone.
   */
  openedTabChosen: z.optional(z.boolean()),
  /** Attempts in a row that could not reach the task's page (no tab, no button, no answer). */
  unreachableAttempts: z.optional(count()),
});
export type RetrieveState = z.infer<typeof RetrieveStateSchema>;

export const TrackedTaskSchema = z.extend(DiscoveredTaskSchema, {
  key: nonEmpty(800),
  state: z.enum(TRACKER_STATES),
  path: z._default(z.enum(DELIVERY_PATHS), 'inviteLink'),
  /** Step id → when it was ticked. */
  steps: z._default(z.partialRecord(z.enum(STEP_IDS), z.number()), {}),
  retrieve: z._default(RetrieveStateSchema, { attempts: 0 }),
  history: z._default(z.array(HistoryEntrySchema).check(z.maxLength(200)), []),
  firstSeenAt: z.number(),
  updatedAt: z.number(),
  /** When the worker archived it (tracker/archive.ts: Submitted for longer than the setting); absent: active. */
  archivedAt: z.optional(z.number()),
});
export type TrackedTask = z.infer<typeof TrackedTaskSchema>;

export const HISTORY_LIMIT = 100;

export interface TrackerData {
  tasks: Record<string, TrackedTask>;
}

/** One switch per reminder kind (utils/reminders.ts REMINDER_KINDS). */
export const ReminderSwitchesSchema = z.object({
  dueSoon: z._default(z.boolean(), true),
  dueToday: z._default(z.boolean(), true),
  postedNotSubmitted: z._default(z.boolean(), true),
  authorizationEnds: z._default(z.boolean(), true),
});

/** Refresh all every day at a local time the creator picks ("HH:MM"); off by default. */
export const DailyRefreshSchema = z.object({
  enabled: z._default(z.boolean(), false),
  time: z._default(z.string().check(z.refine(isTimeOfDay)), '08:00'),
});
export type DailyRefresh = z.infer<typeof DailyRefreshSchema>;

export const SettingsSchema = z.object({
  /** Press "Retrieve my post" automatically after "Mark as posted". */
  autoRetrieve: z._default(z.boolean(), true),
  retry: z._default(
    z.object({
      delaysMinutes: z.array(z.number().check(z.positive(), z.lte(24 * 60))).check(z.minLength(1), z.maxLength(50)),
      giveUpAfterHours: z.number().check(z.positive(), z.lte(24 * 14)),
    }),
    { delaysMinutes: [2, 5, 15, 30, 60], giveUpAfterHours: 24 },
  ),
  /**
   * Which reminders the worker shows (utils/reminders.ts), each on unless switched off. Every
   * switch has its default, so settings stored before reminders existed (or with a kind added
   * since) load with the missing ones on.
   */
  reminders: z.prefault(ReminderSwitchesSchema, {}),
  dailyRefresh: z.prefault(DailyRefreshSchema, {}),
  /** Archive Submitted tasks this many days after their last change (tracker/archive.ts); null: never. */
  archiveAfterDays: z._default(z.nullable(z.number().check(z.int(), z.gte(1), z.lte(3650))), 30),
});
export type Settings = z.infer<typeof SettingsSchema>;

/** A record that failed validation, kept so that nothing is silently thrown away. */
export const RecoveredRecordSchema = z.object({
  at: z.number(),
  source: text(100),
  reason: text(2000),
  raw: z.unknown(),
});
export type RecoveredRecord = z.infer<typeof RecoveredRecordSchema>;

/** A failed parse's problems in one line, "path: message; …", for the first five. */
export function summarizeIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}
