/**
 * The schemas the content script validates with, written in zod/mini: the same zod core
 * (same checks, same results) as utils/tracker/schema.ts and utils/messages.ts, without
 * zod's method-chaining layer, which alone made the content script too big to load on
 * every impact.com page (about 25 KB of gzip). tests/unit/content-schemas.test.ts checks,
 * for generated and damaged records, that every schema here accepts and returns exactly
 * what its counterpart does. Change both together.
 */
import * as z from 'zod/mini';
import { TRACKER_STATES } from '../tracker/machine';
import { AUTHORIZATION_DAYS, DELIVERY_PATHS, STEP_IDS } from '../tracker/keys';
import { TASK_URL_RULE } from './hosts';
import type { ContentScriptMessage } from '../messages';
import type { ReplySchemas } from '../messaging';

const text = (max: number) => z.string().check(z.maxLength(max));
const name = text(500);
const nonEmpty = (max: number) => z.string().check(z.maxLength(max), z.minLength(1));

/** schema.ts DiscoveredTaskSchema. */
export const DiscoveredTaskSchema = z.object({
  accountId: z.optional(text(100)),
  accountName: z.optional(name),
  campaignId: z.optional(text(100)),
  campaignName: nonEmpty(500),
  brand: z._default(name, ''),
  taskId: z.optional(text(100)),
  taskName: name,
  impactStatus: z.optional(text(200)),
  dueDate: z.optional(text(100)),
  inviteLink: z.optional(text(2048)),
  inviteLinkProblem: z.optional(text(300)),
  campaignCode: z.optional(text(64)),
  authorizationDays: z.optional(z.int().check(z.minimum(AUTHORIZATION_DAYS.min), z.maximum(AUTHORIZATION_DAYS.max))),
  taskUrl: z.url(TASK_URL_RULE),
});

const HistoryEntrySchema = z.object({
  at: z.number(),
  event: text(60),
  detail: z.optional(text(500)),
});

const int = () => z.number().check(z.int());

/** schema.ts RetrieveOutcomeSchema. */
const RetrieveOutcomeSchema = z.object({
  code: text(60),
  value: z.optional(text(300)),
  impact: z.optional(text(500)),
  end: z.optional(text(60)),
  tries: z.optional(int().check(z.minimum(0))),
  minutes: z.optional(int().check(z.minimum(0))),
});

const RetrieveStateSchema = z.object({
  attempts: z._default(int().check(z.minimum(0)), 0),
  firstAttemptAt: z.optional(z.number()),
  lastAttemptAt: z.optional(z.number()),
  nextAttemptAt: z.optional(z.number()),
  lastOutcome: z.optional(text(300)),
  outcome: z.optional(RetrieveOutcomeSchema),
  attemptId: z.optional(text(100)),
  openedTabId: z.optional(int()),
  unreachableAttempts: z.optional(int().check(z.minimum(0))),
});

/** schema.ts TrackedTaskSchema. */
export const TrackedTaskSchema = z.extend(DiscoveredTaskSchema, {
  key: nonEmpty(800),
  state: z.enum(TRACKER_STATES),
  path: z._default(z.enum(DELIVERY_PATHS), 'inviteLink'),
  steps: z._default(z.partialRecord(z.enum(STEP_IDS), z.number()), {}),
  retrieve: z._default(RetrieveStateSchema, { attempts: 0 }),
  history: z._default(z.array(HistoryEntrySchema).check(z.maxLength(200)), []),
  firstSeenAt: z.number(),
  updatedAt: z.number(),
  archivedAt: z.optional(z.number()),
});

const key = nonEmpty(800);

/** messages.ts TaskIdentitySchema. */
const TaskIdentitySchema = z.object({
  key,
  campaignId: z.optional(text(100)),
  campaignName: text(500),
  taskId: z.optional(text(100)),
  taskName: text(500),
});

/** refresh-state.ts RefreshCampaignSchema. */
const RefreshCampaignSchema = z.object({ name: nonEmpty(500), brand: z._default(name, ''), id: z.optional(text(100)) });

/** messages.ts ContentMessageSchema: the commands a content script obeys. */
export const ContentMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('retrievePost'), attemptId: nonEmpty(100), task: TaskIdentitySchema }),
  z.object({ type: z.literal('getDiagnostics') }),
  z.object({ type: z.literal('ping') }),
  z.object({ type: z.literal('copyInviteLink'), keys: z.array(nonEmpty(800)).check(z.maxLength(50)) }),
  z.object({ type: z.literal('refreshCampaigns') }),
  z.object({ type: z.literal('refreshOpenCampaign'), campaign: RefreshCampaignSchema }),
  z.object({ type: z.literal('refreshTasks'), runId: nonEmpty(100), campaign: RefreshCampaignSchema }),
]);

const shortText = (max: number) => z.optional(text(max));
/** messages.ts CreatorPathSchema: the creator's path in a tab, as the background keeps it. */
const CreatorPathSchema = z.object({
  at: z.number(),
  campaign: z.optional(z.object({ name: shortText(500), brand: shortText(500), id: shortText(100) })),
  task: z.optional(z.object({ name: shortText(500), id: shortText(100), status: shortText(200), dueDate: shortText(100) })),
});
const changedTask = z.optional(TrackedTaskSchema);

/** messages.ts BACKGROUND_REPLIES, for the messages the content script sends (CONTENT_SCRIPT_MESSAGES). */
export const CONTENT_SCRIPT_REPLIES = {
  taskSeen: changedTask,
  pathStep: z.nullable(CreatorPathSchema),
  pathContext: z.nullable(CreatorPathSchema),
  setStep: changedTask,
  markPosted: changedTask,
  retryNow: changedTask,
  openOverview: z.undefined(),
  participatingSeen: z.boolean(),
} satisfies ReplySchemas<ContentScriptMessage>;

/** Like storage.ts summarizeIssues: "path: message; …" for the first five problems. */
export function summarizeIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}
