/**
 * Refresh all's commands in this page (utils/page/refresh.ts does the reading and pressing):
 * the worker asks, one page at a time. Tasks are recorded with `taskSeen`, like details the
 * creator opens by hand. The commands' handlers are wired by the page actions the worker
 * injects (entrypoints/page-actions.ts); the content script itself takes only
 * reportParticipating from here.
 */
import type { DiscoveredTask } from '@/utils/tracker/schema';
import type { Reply } from '@/utils/messaging';
import { replyErrorText } from '@/utils/reply-error';
import { listCampaigns, openCampaign, readCampaignTasks, type CampaignsAnswer, type OpenCampaignAnswer, type RefreshCampaign, type RefreshPageDeps, type TasksAnswer } from '@/utils/page/refresh';
import { isParticipatingPage } from '@/utils/page/tiles';
import type { OverlayContext } from '../context';

/** One Refresh all command at a time per page. */
let queue: Promise<unknown> = Promise.resolve();

function deps(ctx: OverlayContext): RefreshPageDeps {
  return {
    doc: ctx.doc,
    url: ctx.url,
    path: ctx.path,
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    memory: sessionStorageOrNull(ctx.doc),
    signal: ctx.signal,
    async record(task: DiscoveredTask) {
      const key = ctx.seen.report(task);
      // The worker parses the read: a refusal's reason, in the creator's words ("Task details not readable: …").
      const reply = (await ctx.seen.ready(key)) as Reply | undefined;
      return reply && !reply.ok ? { key, error: replyErrorText(reply) } : { key };
    },
  };
}

function serially<T>(run: () => Promise<T>): Promise<T> {
  const next = queue.then(run);
  queue = next.catch(() => undefined);
  return next;
}

export const handleRefreshCampaigns = (ctx: OverlayContext): Promise<CampaignsAnswer> => serially(() => listCampaigns(deps(ctx)));
export const handleRefreshOpenCampaign = (ctx: OverlayContext, campaign: RefreshCampaign): Promise<OpenCampaignAnswer> =>
  serially(() => openCampaign(campaign, deps(ctx)));
export const handleRefreshTasks = (ctx: OverlayContext, runId: string, campaign: RefreshCampaign): Promise<TasksAnswer> =>
  serially(() => readCampaignTasks(runId, campaign, deps(ctx)));

/**
 * The top page shows the creator's Participating campaigns: the worker remembers its address
 * (Refresh all starts there). Once per address.
 */
export function reportParticipating(ctx: OverlayContext): void {
  let last = '';
  const check = () => {
    const url = ctx.url();
    if (url === last || !isParticipatingPage(ctx.doc)) return;
    last = url;
    void ctx.send({ type: 'participatingSeen', url });
  };
  check();
  // Content and the address may come late (a single-page app).
  for (const ms of [1000, 3000, 8000]) setTimeout(() => !ctx.signal.aborted && check(), ms);
  window.addEventListener('wxt:locationchange', () => setTimeout(check, 1000), { signal: ctx.signal });
}

function sessionStorageOrNull(doc: Document): Storage | null {
  try {
    return doc.defaultView?.sessionStorage ?? null;
  } catch {
    return null;
  }
}
