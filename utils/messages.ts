/**
 * The one message protocol between content scripts, the background worker and the
 * extension pages. Every message the worker and the pages receive is parsed with zod on
 * arrival and every sender checked, so a web page, another extension or a stale content script
 * cannot drive us. zod/mini, on the one schema set (tracker/schema.ts). The content script
 * imports only types from here: it checks senders, and the worker parses for it (README
 * "Boundaries").
 */
import * as z from 'zod/mini';
import { count, DELIVERY_PATHS, DiscoveredTaskSchema, SettingsSchema, STEP_IDS, text, TrackedTaskSchema } from './tracker/schema';
import { isImpactOrigin } from './page/hosts';
import { RefreshCampaignSchema, RefreshStateSchema } from './refresh-state';
import { BACKGROUND, inTab, send, tabPost, type ReplySchemas, type ReplyValue, type Sent } from './messaging';
import type { Reply } from './messaging';
import type { SenderInfo } from './page/guards';

const key = z.string().check(z.minLength(1), z.maxLength(800));

const short = (max: number) => z.optional(text(max));
const PathCampaignSchema = z.object({ name: short(500), brand: short(500), id: short(100) });
const PathTaskSchema = z.object({ name: short(500), id: short(100), status: short(200), dueDate: short(100) });
/** What the creator pressed on the way to a task (utils/page/path.ts). */
export const PathStepSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('campaign'), campaign: PathCampaignSchema }),
  z.object({ kind: z.literal('task'), task: PathTaskSchema, campaign: z.optional(PathCampaignSchema) }),
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
  /** The overview's "Unarchive": the task is active again (tracker/archive.ts). */
  z.object({ type: z.literal('unarchive'), key }),
  z.object({
    type: z.literal('importBackup'),
    tasks: z.array(z.unknown()).check(z.maxLength(100_000)),
    /** Damaged tasks of the file, or the text of a file of ours that could not be read: set aside with the reason. */
    setAside: z._default(z.array(z.object({ reason: text(2000), raw: z.unknown() })).check(z.maxLength(100_000)), []),
  }),
  z.object({ type: z.literal('openOverview') }),
  z.object({ type: z.literal('openTask'), key }),
  z.object({ type: z.literal('updateSettings'), settings: z.record(z.string(), z.unknown()) }),
  /** The overview's settings granted or removed another impact.com address: run the content script there, or stop. */
  z.object({ type: z.literal('hostsChanged') }),
  /** This tab shows the creator's Participating campaigns (Refresh all starts from the last one seen). */
  z.object({ type: z.literal('participatingSeen'), url: text(4096) }),
  /** The popup's or the overview's Refresh all: walk every TikTok campaign in a background tab. */
  z.object({ type: z.literal('refreshAll') }),
  z.object({ type: z.literal('cancelRefresh') }),
  /** The QR code of a text (an invite link), for a dialog on impact.com: the content script has no encoder (utils/qr-svg.ts). */
  z.object({ type: z.literal('qrCode'), text: z.string().check(z.minLength(1), z.maxLength(4096)) }),
  /**
   * The creator pressed "Show QR code": put the QR dialog's code into the frame that sent this
   * (entrypoints/qr-dialog.ts), once per content script; the content script carries none of it.
   */
  z.object({ type: z.literal('qrDialog') }),
]);
export type BackgroundMessage = z.infer<typeof BackgroundMessageSchema>;

/** What the task page needs to find the right task again: never its position. */
export const TaskIdentitySchema = z.object({
  key,
  campaignId: z.optional(text(100)),
  campaignName: text(500),
  taskId: z.optional(text(100)),
  taskName: text(500),
});
export type TaskIdentity = z.infer<typeof TaskIdentitySchema>;

/** Sent to a content script on app.impact.com, only by the extension's own contexts. */
export const ContentMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('retrievePost'), attemptId: z.string().check(z.minLength(1), z.maxLength(100)), task: TaskIdentitySchema }),
  z.object({ type: z.literal('getDiagnostics') }),
  /** "Is a live copy of the content script here?": answered at once, nothing scanned. */
  z.object({ type: z.literal('ping') }),
  /**
   * The "copy-invite-link" keyboard command: copy the invite link of the task this tab shows
   * (the tracker's keys of the tasks the worker found for the tab, best first; the page reads
   * and checks the link itself, never a text sent to it) and say so on the page.
   */
  z.object({ type: z.literal('copyInviteLink'), keys: z.array(key).check(z.maxLength(50)) }),
  /** Refresh all, on Participating: the TikTok campaigns listed (the whole list, scrolled or paged). */
  z.object({ type: z.literal('refreshCampaigns') }),
  /** Refresh all, on Participating: press this campaign's Manage Tasks. */
  z.object({ type: z.literal('refreshOpenCampaign'), campaign: RefreshCampaignSchema }),
  /** Refresh all, on a campaign's tasks: read every TikTok task's details (asked again after a page load). */
  z.object({ type: z.literal('refreshTasks'), runId: z.string().check(z.minLength(1), z.maxLength(100)), campaign: RefreshCampaignSchema }),
]);
export type ContentMessage = z.infer<typeof ContentMessageSchema>;

/**
 * The commands the content script hands to the page actions (entrypoints/page-actions.ts),
 * which the sender injects into the tab before sending one (utils/background/tabs-browser.ts).
 */
export const PAGE_ACTION_COMMANDS = ['retrievePost', 'refreshCampaigns', 'refreshOpenCampaign', 'refreshTasks', 'getDiagnostics', 'copyInviteLink'] as const satisfies readonly ContentMessage['type'][];

/** What the page did with the copy-invite-link command. */
export const COPY_COMMAND_OUTCOMES = ['copied', 'manual', 'none', 'several'] as const;
export type CopyCommandOutcome = (typeof COPY_COMMAND_OUTCOMES)[number];

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
  /** The page's own words (impact.com's answer), verbatim; '' when it showed none. */
  detail: z._default(text(500), ''),
  /** The task's impact.com status the details showed after the answer (utils/page/retrieve.ts statusAfter). */
  impactStatus: z.optional(text(200)),
  /** Our reason, when the page did not get that far (utils/retrieve-reason.ts RETRIEVE_REASONS). */
  reason: z.optional(text(60)),
  /** The one value the reason names (the task's name). */
  value: z.optional(text(300)),
});
export type RetrieveResult = z.infer<typeof RetrieveResultSchema>;

const TaskFailureSchema = z.object({ task: text(500), reason: text(500) });
const PageTroubleSchema = z.object({ kind: z.enum(['login', 'error']), detail: text(500) });

/** utils/page/refresh.ts CampaignsAnswer. */
export const RefreshCampaignsAnswerSchema = z.object({
  trouble: z.optional(PageTroubleSchema),
  participating: z.boolean(),
  campaigns: z.array(RefreshCampaignSchema).check(z.maxLength(20_000)),
});
/** utils/page/refresh.ts OpenCampaignAnswer. */
export const RefreshOpenAnswerSchema = z.object({ outcome: z.enum(['pressed', 'notFound', 'stop']), detail: text(500) });
/** utils/page/refresh.ts TasksAnswer. */
export const RefreshTasksAnswerSchema = z.object({
  outcome: z.enum(['done', 'failed', 'stop']),
  detail: text(500),
  found: count(),
  recorded: z.array(key).check(z.maxLength(5000)),
  failures: z.array(TaskFailureSchema).check(z.maxLength(5000)),
});

export const DiagnosticsSchema = z.object({
  url: z.string(),
  /** utils/page/diagnostic-notes.ts PageKind (an older content script: the page's name). */
  page: z.string(),
  tiles: z.number(),
  tiktokTiles: z.number(),
  ttcmSections: z.number(),
  inviteLinks: z.object({ valid: z.number(), invalid: z.number() }),
  campaignCodes: z.number(),
  /** utils/page/diagnostic-notes.ts: codes the popup words; plain text from an older content script is shown as it is. */
  problems: z.array(z.union([text(2000), z.object({ code: text(60), value: z.optional(text(2000)) })])).check(z.maxLength(100)),
});
export type Diagnostics = z.infer<typeof DiagnosticsSchema>;

export const BackupFileSchema = z.object({
  format: z.literal('tiktok-deliverable-helper-backup'),
  version: z.literal(1),
  exportedAt: z.string(),
  tasks: z.array(z.unknown()),
});
export { DiscoveredTaskSchema, TrackedTaskSchema };

export type { SenderInfo } from './page/guards';

/** What the background answers importBackup with. */
export const ImportCountsSchema = z.object({
  added: count(),
  updated: count(),
  kept: count(),
  /** Damaged: tasks of the file, or the whole file when it could not be read. */
  rejected: count(),
  /** How many of the rejected ones the recovery list holds now (fewer only if it is full or could not be written). */
  setAside: count(),
});

/** What the background answers hostsChanged with (background/host-scripts.ts syncHostScripts). */
export const HostSyncResultSchema = z.object({
  /** Origins with a registration after this run. */
  active: z.array(z.string()),
  /** Origins registered by this run. */
  added: z.array(z.string()),
  /** Origins unregistered by this run (permission gone, or a stale registration). */
  removed: z.array(z.string()),
  problems: z.array(z.string()),
});

/** The creator's path in a tab as the background keeps it (utils/page/path.ts CreatorPath). */
const CreatorPathSchema = z.object({ at: z.number(), campaign: z.optional(PathCampaignSchema), task: z.optional(PathTaskSchema) });

/** utils/qr-svg.ts QrModel: the path is only moves and lines (it becomes an SVG path's `d`). */
const QrModelSchema = z.object({
  size: count(),
  path: z.string().check(z.maxLength(1_000_000), z.regex(/^[Mhvz0-9 -]*$/)),
  version: count(),
});

/** The task a tracker change touched, when there is one. */
const changedTask = z.optional(TrackedTaskSchema);

/**
 * The replies to what the content script sends (CONTENT_SCRIPT_MESSAGES): BACKGROUND_REPLIES'
 * own. The content script reads them without parsing (the worker built them from what it
 * parsed; utils/messaging.ts deliver): they type its replies.
 */
export const CONTENT_SCRIPT_REPLIES = {
  taskSeen: changedTask,
  pathStep: z.nullable(CreatorPathSchema),
  pathContext: z.nullable(CreatorPathSchema),
  setStep: changedTask,
  markPosted: changedTask,
  retryNow: changedTask,
  openOverview: z.undefined(),
  participatingSeen: z.boolean(),
  qrCode: QrModelSchema,
  qrDialog: z.boolean(),
} satisfies ReplySchemas<ContentScriptMessage>;

/** The value each message to the background is answered with. */
export const BACKGROUND_REPLIES = {
  ...CONTENT_SCRIPT_REPLIES,
  choosePath: changedTask,
  undoPosted: changedTask,
  removeTask: changedTask,
  unarchive: changedTask,
  importBackup: ImportCountsSchema,
  openTask: changedTask,
  updateSettings: SettingsSchema,
  hostsChanged: z.nullable(HostSyncResultSchema),
  refreshAll: RefreshStateSchema,
  cancelRefresh: z.nullable(RefreshStateSchema),
} satisfies ReplySchemas<BackgroundMessage>;

/** The value each command to a content script is answered with. */
export const CONTENT_REPLIES = {
  retrievePost: RetrieveResultSchema,
  getDiagnostics: DiagnosticsSchema,
  ping: z.literal(true),
  copyInviteLink: z.enum(COPY_COMMAND_OUTCOMES),
  refreshCampaigns: RefreshCampaignsAnswerSchema,
  refreshOpenCampaign: RefreshOpenAnswerSchema,
  refreshTasks: RefreshTasksAnswerSchema,
} satisfies ReplySchemas<ContentMessage>;

export type BackgroundReply<K extends BackgroundMessage['type']> = ReplyValue<typeof BACKGROUND_REPLIES, K>;
export type ContentReply<K extends ContentMessage['type']> = ReplyValue<typeof CONTENT_REPLIES, K>;

/** Send to the background worker; the reply is checked with the message's reply schema. */
export function sendToBackground<M extends BackgroundMessage>(message: M): Promise<Sent<BackgroundReply<M['type']>>> {
  return send(BACKGROUND, BACKGROUND_REPLIES, message);
}

/** Send a command to a tab's content script (its top frame); the reply is checked likewise. */
export function sendToTab<M extends ContentMessage>(tabId: number, message: M, post = tabPost(tabId)): Promise<Sent<ContentReply<M['type']>>> {
  return send(inTab(post), CONTENT_REPLIES, message);
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
export const CONTENT_SCRIPT_MESSAGES = ['taskSeen', 'pathStep', 'pathContext', 'setStep', 'markPosted', 'retryNow', 'openOverview', 'participatingSeen', 'qrCode', 'qrDialog'] as const satisfies readonly BackgroundMessage['type'][];
/** What a content script may send. */
export type ContentScriptMessage = Extract<BackgroundMessage, { type: (typeof CONTENT_SCRIPT_MESSAGES)[number] }>;
/** How a content script talks to the background. */
export type ContentScriptSend = (message: ContentScriptMessage) => Promise<Reply>;

// The content script's guards live in a module that imports nothing (page/guards.ts).
export { isTrustedContentSender, refuseForgedScriptStarts } from './page/guards';
