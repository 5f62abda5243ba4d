/**
 * The page actions the extension asks for now and then ("Retrieve my post", Refresh all's
 * steps, the popup's Diagnostics, the copy-invite-link keyboard command) live in a script of
 * their own, entrypoints/page-actions.ts, which the worker or the popup puts into the tab's
 * top frame just before it asks (utils/background/tabs-browser.ts pageActionsPost): the
 * content script that every impact.com page loads carries none of their code (issue 10).
 * The QR dialog is left the same way, in the frame whose button opened it
 * (entrypoints/qr-dialog.ts, `openPlace` under QR_DIALOG_KEY).
 *
 * Commands still reach the content script's one listener (entrypoints/content/commands.ts:
 * the sender checked); it hands these to the actions that script left here, which parse
 * them first (`refuse`: messages.ts ContentMessageSchema; that script carries zod anyway).
 * Both run in the extension's isolated world of the page, which the page cannot see. Each
 * start of the content script opens a fresh, empty place, so actions left by an older copy (before an update) are never used.
 */
import type { CopyCommandOutcome, Diagnostics, RetrieveResult, TaskIdentity } from '../messages';
import type { CampaignsAnswer, OpenCampaignAnswer, RefreshCampaign, TasksAnswer } from '../page/refresh';
import type { OverlayContext } from '@/entrypoints/content/context';

export interface PageActions {
  /** Why a command cannot be carried out as it came (it does not parse); undefined when it can. */
  refuse?(command: unknown): string | undefined;
  retrievePost(ctx: OverlayContext, task: TaskIdentity, attemptId: string): Promise<RetrieveResult>;
  refreshCampaigns(ctx: OverlayContext): Promise<CampaignsAnswer>;
  refreshOpenCampaign(ctx: OverlayContext, campaign: RefreshCampaign): Promise<OpenCampaignAnswer>;
  refreshTasks(ctx: OverlayContext, runId: string, campaign: RefreshCampaign): Promise<TasksAnswer>;
  /** The popup's Diagnostics (it injects the script before it asks). */
  getDiagnostics(ctx: OverlayContext): Diagnostics;
  /** The copy-invite-link keyboard command. */
  copyInviteLink(ctx: OverlayContext, keys: readonly string[]): Promise<CopyCommandOutcome>;
}

/** What an injected script leaves for the content script of its frame. */
interface Place<T> {
  actions?: T;
}

export const PAGE_ACTIONS_KEY = '__tiktokDeliverableHelperPageActions';
/** Where entrypoints/qr-dialog.ts leaves the QR dialog's `openQrDialog`, in the frame that asked. */
export const QR_DIALOG_KEY = '__tiktokDeliverableHelperQrDialog';

/**
 * The content script's start: an empty place under `key` (a newer copy replaces an older
 * one's). Returns what an injected script left there, when it has.
 */
export function openPlace<T>(key: string, global: object = globalThis): () => T | undefined {
  const place: Place<T> = {};
  (global as Record<string, Place<T>>)[key] = place;
  return () => place.actions;
}

/** The content script's place for the page actions. */
export function openPageActions(global: object = globalThis): () => PageActions | undefined {
  return openPlace<PageActions>(PAGE_ACTIONS_KEY, global);
}

/**
 * Whether this copy's content script already holds what the script of `key` leaves (the worker
 * asks before it injects the file again, utils/background/tabs-browser.ts). Self-contained: the
 * worker runs it in the page with `scripting.executeScript({ func, args: [key] })`.
 */
export function holdsInPlace(key: string, global: object = globalThis): boolean {
  const place = (global as Record<string, { actions?: unknown } | undefined>)[key];
  return place?.actions !== undefined;
}

/**
 * An injected script: leave its actions for the content script. The first to arrive stays
 * (the worker injects the page actions before each command; one retrieve at a time per page
 * needs the one queue). False when no content script of this copy is there.
 */
export function leaveInPlace<T>(key: string, actions: T, global: object = globalThis): boolean {
  const place = (global as Record<string, Place<T> | undefined>)[key];
  if (!place) return false;
  place.actions ??= actions;
  return true;
}

/** The page-actions script: leave the actions for the content script. */
export function leavePageActions(actions: PageActions, global: object = globalThis): boolean {
  return leaveInPlace(PAGE_ACTIONS_KEY, actions, global);
}
