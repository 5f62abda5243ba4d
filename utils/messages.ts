/**
 * The one message protocol between content scripts, the background worker and the
 * extension pages. Every message is parsed with zod on arrival and every sender checked,
 * so a web page, another extension or a stale content script cannot drive us.
 */
import { z } from 'zod';
import { DELIVERY_PATHS, DiscoveredTaskSchema, STEP_IDS, TrackedTaskSchema } from './tracker/schema';
import { isImpactOrigin } from './page/hosts';

const key = z.string().min(1).max(800);

const short = (max: number) => z.string().max(max).optional();
const PathCampaignSchema = z.object({ name: short(500), brand: short(500), id: short(100) });
const PathTaskSchema = z.object({ name: short(500), id: short(100), status: short(200), dueDate: short(100) });
/** What the creator pressed on the way to a task (utils/page/path.ts). */
export const PathStepSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('campaign'), campaign: PathCampaignSchema }),
  z.object({ kind: z.literal('task'), task: PathTaskSchema, campaign: PathCampaignSchema.optional() }),
]);

/** Sent to the background worker (the tracker's only writer). */
export const BackgroundMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('taskSeen'), task: DiscoveredTaskSchema }),
  /** The creator pressed Manage Tasks or View Task Details in this tab. */
  z.object({ type: z.literal('pathStep'), step: PathStepSchema }),
  /** What this tab's creator pressed last (a frame, or the next page, asks). */
  z.object({ type: z.literal('pathContext') }),
  z.object({ type: z.literal('setStep'), key, step: z.enum(STEP_IDS), done: z.boolean() }),
  z.object({ type: z.literal('choosePath'), key, path: z.enum(DELIVERY_PATHS) }),
  z.object({ type: z.literal('markPosted'), key }),
  z.object({ type: z.literal('undoPosted'), key }),
  z.object({ type: z.literal('retryNow'), key }),
  z.object({ type: z.literal('removeTask'), key }),
  z.object({
    type: z.literal('importBackup'),
    tasks: z.array(z.unknown()).max(100_000),
    /** Damaged tasks of the file, or the text of a file of ours that could not be read: set aside with the reason. */
    setAside: z.array(z.object({ reason: z.string().max(2000), raw: z.unknown() })).max(100_000).default([]),
  }),
  z.object({ type: z.literal('openOverview') }),
  z.object({ type: z.literal('openTask'), key }),
  z.object({ type: z.literal('updateSettings'), settings: z.record(z.string(), z.unknown()) }),
  /** The overview's settings granted or removed another impact.com address: run the content script there, or stop. */
  z.object({ type: z.literal('hostsChanged') }),
]);
export type BackgroundMessage = z.infer<typeof BackgroundMessageSchema>;

/** What the task page needs to find the right task again: never its position. */
export const TaskIdentitySchema = z.object({
  key,
  campaignId: z.string().max(100).optional(),
  campaignName: z.string().max(500),
  taskId: z.string().max(100).optional(),
  taskName: z.string().max(500),
});
export type TaskIdentity = z.infer<typeof TaskIdentitySchema>;

/** Sent to a content script on app.impact.com, only by the extension's own contexts. */
export const ContentMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('retrievePost'), attemptId: z.string().min(1).max(100), task: TaskIdentitySchema }),
  z.object({ type: z.literal('getDiagnostics') }),
]);
export type ContentMessage = z.infer<typeof ContentMessageSchema>;

export const RETRIEVE_OUTCOMES = [
  /** impact.com took the post (or already had it). */
  'submitted',
  /** The page said TikTok has not got the post yet: retry later. */
  'notYet',
  /** The page showed an error: retry later. */
  'error',
  /** The task or its "Retrieve my post" button is not on this page (yet). */
  'notHere',
] as const;
export const RetrieveResultSchema = z.object({
  outcome: z.enum(RETRIEVE_OUTCOMES),
  detail: z.string().max(500).default(''),
});
export type RetrieveResult = z.infer<typeof RetrieveResultSchema>;

export const DiagnosticsSchema = z.object({
  url: z.string(),
  page: z.string(),
  tiles: z.number(),
  tiktokTiles: z.number(),
  ttcmSections: z.number(),
  inviteLinks: z.object({ valid: z.number(), invalid: z.number() }),
  campaignCodes: z.number(),
  problems: z.array(z.string()),
});
export type Diagnostics = z.infer<typeof DiagnosticsSchema>;

export const BackupFileSchema = z.object({
  format: z.literal('tiktok-deliverable-helper-backup'),
  version: z.literal(1),
  exportedAt: z.string(),
  tasks: z.array(z.unknown()),
});
export { TrackedTaskSchema };

export type Reply<T = unknown> = { ok: true; value: T } | { ok: false; error: string };

/** The parts of runtime.MessageSender we look at (kept structural for unit tests). */
export interface SenderInfo {
  id?: string;
  url?: string;
  /** The sending frame's origin (Chrome). */
  origin?: string;
  frameId?: number;
  tab?: { id?: number; url?: string };
}

/**
 * Who may talk to the background: our own extension pages, and our own content script
 * running on app.impact.com or on a host the creator granted (`granted`: origins, from
 * utils/page/hosts.ts grantedOrigins). Nothing else (other extensions, web pages, our content
 * script left running on a host whose permission was removed) is listened to.
 */
export function isTrustedBackgroundSender(sender: SenderInfo, ownId: string, ownOrigin: string, granted: readonly string[] = []): boolean {
  if (sender.id !== ownId) return false;
  if (!sender.url) return false;
  if (sender.url.startsWith(ownOrigin)) return true;
  return sender.tab !== undefined && isImpactOrigin(senderOrigin(sender), granted);
}

/**
 * The origin of the page or frame that sent a message. An about:blank or srcdoc frame of an
 * impact.com page (a modal drawn by script) has no address of its own: it is its creator's,
 * which the browser reports as `origin` (Chrome) or, failing that, the tab's.
 */
export function senderOrigin(sender: SenderInfo): string {
  const own = safeOrigin(sender.url);
  if (own !== 'null') return own;
  if (!/^about:(blank|srcdoc)/.test(sender.url ?? '')) return 'null';
  return sender.origin ?? safeOrigin(sender.tab?.url);
}

function safeOrigin(url: string | undefined): string {
  try {
    return url ? new URL(url).origin : 'null';
  } catch {
    return 'null';
  }
}

/** The extension's own pages and worker (not a content script in a web page). */
export function isExtensionPageSender(sender: SenderInfo, ownId: string, ownOrigin: string): boolean {
  return sender.id === ownId && !!sender.url && sender.url.startsWith(ownOrigin);
}

/**
 * What our content script sends. A message from a web page's context may ask for nothing
 * else: importing backups, settings, removing tasks or "Retry now" come only from our pages,
 * so even a content script subverted by the page could not change them.
 */
export const CONTENT_SCRIPT_MESSAGES: readonly BackgroundMessage['type'][] = ['taskSeen', 'pathStep', 'pathContext', 'setStep', 'markPosted', 'openOverview'];

// The content script's guards live in a zod-free module (it keeps the content script small).
export { isTrustedContentSender, refuseForgedScriptStarts } from './page/guards';
