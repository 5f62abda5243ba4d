/**
 * One schema for everything the tracker stores. Every value read from storage, a backup
 * file or a message is parsed with these, so a corrupted or foreign record is caught at the
 * boundary instead of breaking a page later.
 */
import { z } from 'zod';
import { TRACKER_STATES } from './machine';
import { AUTHORIZATION_DAYS, DELIVERY_PATHS, STEP_IDS } from './keys';
import { TASK_URL_RULE } from '../page/hosts';
import { isTimeOfDay } from '../daily-time';

// The vocabulary and the task key live in keys.ts (no zod, for the content script).
export { AUTHORIZATION_DAYS, COMMON_AUTHORIZATION_WINDOWS, DELIVERY_PATHS, STEP_IDS, fold, isAuthorizationDays, taskKey } from './keys';
export type { AuthorizationDays, DeliveryPath, StepId } from './keys';

const text = (max: number) => z.string().max(max);
const name = text(500);

/** What the content script reads off a TikTok task's View Task Details. */
export const DiscoveredTaskSchema = z.object({
  accountId: text(100).optional(),
  accountName: name.optional(),
  campaignId: text(100).optional(),
  campaignName: name.min(1),
  brand: name.default(''),
  taskId: text(100).optional(),
  /** '' when the page shows only the task's id: named at display time (utils/tracker/names.ts taskLabel). */
  taskName: name,
  impactStatus: text(200).optional(),
  dueDate: text(100).optional(),
  /** Only a link that passed checkInviteLink. */
  inviteLink: text(2048).optional(),
  /** Why the link on the page was refused, when it was. */
  inviteLinkProblem: text(300).optional(),
  campaignCode: text(64).optional(),
  authorizationDays: z.number().int().min(AUTHORIZATION_DAYS.min).max(AUTHORIZATION_DAYS.max).optional(),
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
  detail: text(500).optional(),
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
  value: text(300).optional(),
  /** impact.com's own words, verbatim (never translated). */
  impact: text(500).optional(),
  /** How the series of tries ended, when it did. */
  end: text(60).optional(),
  tries: z.number().int().min(0).optional(),
  minutes: z.number().int().min(0).optional(),
});
export type RetrieveOutcome = z.infer<typeof RetrieveOutcomeSchema>;

export const RetrieveStateSchema = z.object({
  attempts: z.number().int().min(0).default(0),
  firstAttemptAt: z.number().optional(),
  lastAttemptAt: z.number().optional(),
  nextAttemptAt: z.number().optional(),
  /** Older versions' outcome, in English words: shown as it is when there is no `outcome`. */
  lastOutcome: text(300).optional(),
  outcome: RetrieveOutcomeSchema.optional(),
  /** The attempt under way; a report for any other attempt is stale and ignored. */
  attemptId: text(100).optional(),
  /** A tab the worker opened for the attempt, closed again afterwards. */
  openedTabId: z.number().int().optional(),
  /** Attempts in a row that could not reach the task's page (no tab, no button, no answer). */
  unreachableAttempts: z.number().int().min(0).optional(),
});
export type RetrieveState = z.infer<typeof RetrieveStateSchema>;

export const TrackedTaskSchema = DiscoveredTaskSchema.extend({
  key: text(800).min(1),
  state: z.enum(TRACKER_STATES),
  path: z.enum(DELIVERY_PATHS).default('inviteLink'),
  /** Step id → when it was ticked. */
  steps: z.partialRecord(z.enum(STEP_IDS), z.number()).default({}),
  retrieve: RetrieveStateSchema.default({ attempts: 0 }),
  history: z.array(HistoryEntrySchema).max(200).default([]),
  firstSeenAt: z.number(),
  updatedAt: z.number(),
});
export type TrackedTask = z.infer<typeof TrackedTaskSchema>;

export const HISTORY_LIMIT = 100;

export interface TrackerData {
  tasks: Record<string, TrackedTask>;
}

/** One switch per reminder kind (utils/reminders.ts REMINDER_KINDS). */
export const ReminderSwitchesSchema = z.object({
  dueSoon: z.boolean().default(true),
  dueToday: z.boolean().default(true),
  postedNotSubmitted: z.boolean().default(true),
  authorizationEnds: z.boolean().default(true),
});

/** Refresh all every day at a local time the creator picks ("HH:MM"); off by default. */
export const DailyRefreshSchema = z.object({
  enabled: z.boolean().default(false),
  time: z.string().refine(isTimeOfDay).default('08:00'),
});
export type DailyRefresh = z.infer<typeof DailyRefreshSchema>;

export const SettingsSchema = z.object({
  /** Press "Retrieve my post" automatically after "Mark as posted". */
  autoRetrieve: z.boolean().default(true),
  retry: z
    .object({
      delaysMinutes: z.array(z.number().positive().max(24 * 60)).min(1).max(50),
      giveUpAfterHours: z.number().positive().max(24 * 14),
    })
    .default({ delaysMinutes: [2, 5, 15, 30, 60], giveUpAfterHours: 24 }),
  /**
   * Which reminders the worker shows (utils/reminders.ts), each on unless switched off. Every
   * switch has its default, so settings stored before reminders existed (or with a kind added
   * since) load with the missing ones on.
   */
  reminders: ReminderSwitchesSchema.prefault({}),
  dailyRefresh: DailyRefreshSchema.prefault({}),
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
