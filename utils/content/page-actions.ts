/**
 * The page actions the worker asks for now and then ("Retrieve my post", Refresh all's
 * steps) live in a script of their own, entrypoints/page-actions.ts, which the worker puts
 * into the tab's top frame just before it asks (utils/background/tabs-browser.ts): the
 * content script that every impact.com page loads carries none of their code (issue 10).
 *
 * Commands still reach the content script's one listener (entrypoints/content/commands.ts:
 * the sender checked); it hands these four to the actions that script left here, which parse
 * them first (`refuse`: messages.ts ContentMessageSchema; that script carries zod anyway).
 * Both run in the extension's isolated world of the page, which the page cannot see. Each
 * start of the content script opens a fresh, empty place, so actions left by an older copy (before an update) are never used.
 */
import type { RetrieveResult, TaskIdentity } from '../messages';
import type { CampaignsAnswer, OpenCampaignAnswer, RefreshCampaign, TasksAnswer } from '../page/refresh';
import type { OverlayContext } from '@/entrypoints/content/context';

export interface PageActions {
  /** Why a command cannot be carried out as it came (it does not parse); undefined when it can. */
  refuse?(command: unknown): string | undefined;
  retrievePost(ctx: OverlayContext, task: TaskIdentity, attemptId: string): Promise<RetrieveResult>;
  refreshCampaigns(ctx: OverlayContext): Promise<CampaignsAnswer>;
  refreshOpenCampaign(ctx: OverlayContext, campaign: RefreshCampaign): Promise<OpenCampaignAnswer>;
  refreshTasks(ctx: OverlayContext, runId: string, campaign: RefreshCampaign): Promise<TasksAnswer>;
}

interface Place {
  actions?: PageActions;
}

export const PAGE_ACTIONS_KEY = '__tiktokDeliverableHelperPageActions';
type Holder = { [PAGE_ACTIONS_KEY]?: Place };

/** The content script's start: an empty place (a newer copy replaces an older one's). */
export function openPageActions(global: object = globalThis): () => PageActions | undefined {
  const place: Place = {};
  (global as Holder)[PAGE_ACTIONS_KEY] = place;
  return () => place.actions;
}

/**
 * Whether this copy's content script already holds the actions (the worker asks before it
 * injects the file again, utils/background/tabs-browser.ts). Self-contained: the worker runs
 * it in the page with `scripting.executeScript({ func, args: [PAGE_ACTIONS_KEY] })`.
 */
export function holdsPageActions(key: string, global: object = globalThis): boolean {
  const place = (global as Record<string, { actions?: unknown } | undefined>)[key];
  return place?.actions !== undefined;
}

/**
 * The page-actions script: leave the actions for the content script. The first to arrive
 * stays (the worker injects the script before each command; one retrieve at a time per
 * page needs the one queue). False when no content script of this copy is there.
 */
export function leavePageActions(actions: PageActions, global: object = globalThis): boolean {
  const place = (global as Holder)[PAGE_ACTIONS_KEY];
  if (!place) return false;
  place.actions ??= actions;
  return true;
}
