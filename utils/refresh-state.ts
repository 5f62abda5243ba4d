/**
 * "Refresh all": the walk's state as stored (`local:refreshAll`, storage-keys.ts) and the pure
 * steps that change it. The worker (background/refresh-all.ts) is its only writer; the popup,
 * the overview and the badge read it. Everything a new worker needs to carry on is here: the
 * campaigns listed, the next one to visit, the tab, the counts and the failures.
 */
import * as z from 'zod/mini';
import { formatNumber, t } from './i18n';
import { count, int, nonEmpty, text } from './tracker/schema';

export const REFRESH_STATUSES = ['running', 'done', 'stopped', 'cancelled'] as const;
export type RefreshStatus = (typeof REFRESH_STATUSES)[number];

export const RefreshCampaignSchema = z.object({ name: nonEmpty(500), brand: z._default(text(500), ''), id: z.optional(text(100)) });
export type RefreshCampaign = z.infer<typeof RefreshCampaignSchema>;

export const RefreshFailureSchema = z.object({ campaign: z.optional(text(500)), task: z.optional(text(500)), reason: text(500) });
export type RefreshFailure = z.infer<typeof RefreshFailureSchema>;

export const RefreshStateSchema = z.object({
  runId: nonEmpty(100),
  status: z.enum(REFRESH_STATUSES),
  startUrl: text(4096),
  startedAt: z.number(),
  updatedAt: z.number(),
  finishedAt: z.optional(z.number()),
  /** The campaigns were read off the Participating page. */
  listed: z.boolean(),
  campaigns: z.array(RefreshCampaignSchema).check(z.maxLength(20_000)),
  /** The campaign being visited (or the next one): campaigns before it are done. */
  next: count(),
  tabId: z.optional(int()),
  /**
   * The creator went to the walk's tab (from a tab still open): it stays open at the end. A tab
   * the browser showed because the one before it was closed is not the creator's choice.
   */
  tabChosen: z.optional(z.boolean()),
  /** When the walk last loaded a page in its tab: the next load waits POLITE_MS after it. */
  lastNavigationAt: z.optional(z.number()),
  visited: count(),
  found: count(),
  added: count(),
  changed: count(),
  failures: z.array(RefreshFailureSchema).check(z.maxLength(2000)),
  stopReason: z.optional(text(500)),
});
export type RefreshState = z.infer<typeof RefreshStateSchema>;

/** The Participating page the creator last visited: where the walk starts. */
export const RefreshStartSchema = z.object({ url: text(4096), at: z.number() });
export type RefreshStart = z.infer<typeof RefreshStartSchema>;

export function parseRefreshState(value: unknown): RefreshState | undefined {
  const parsed = RefreshStateSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

export function newRun(runId: string, startUrl: string, now: number): RefreshState {
  return { runId, status: 'running', startUrl, startedAt: now, updatedAt: now, listed: false, campaigns: [], next: 0, visited: 0, found: 0, added: 0, changed: 0, failures: [] };
}

/** The Participating page was read: these campaigns are walked, once each, in the page's order. */
export function withCampaigns(state: RefreshState, campaigns: readonly RefreshCampaign[], now: number): RefreshState {
  const seen = new Set<string>();
  const list = campaigns.filter((c) => {
    const ref = c.id ? `id:${c.id}` : `name:${c.name.toLowerCase()}`;
    if (seen.has(ref)) return false;
    seen.add(ref);
    return true;
  });
  return { ...state, listed: true, campaigns: list, next: 0, updatedAt: now };
}

export interface CampaignResult {
  found: number;
  added: number;
  changed: number;
  failures: RefreshFailure[];
}

const MAX_FAILURES = 2000;

/** One campaign was visited (or failed): its counts are added and the walk moves on. */
export function afterCampaign(state: RefreshState, index: number, result: CampaignResult, now: number): RefreshState {
  // A campaign already counted (a late answer after a resume) changes nothing.
  if (index !== state.next || state.status !== 'running') return state;
  return {
    ...state,
    next: index + 1,
    visited: state.visited + 1,
    found: state.found + result.found,
    added: state.added + result.added,
    changed: state.changed + result.changed,
    failures: [...state.failures, ...result.failures].slice(0, MAX_FAILURES),
    updatedAt: now,
  };
}

export function finished(state: RefreshState, status: Exclude<RefreshStatus, 'running'>, now: number, stopReason?: string): RefreshState {
  if (state.status !== 'running') return state;
  const { tabId: _tab, ...rest } = state;
  return { ...rest, status, finishedAt: now, updatedAt: now, ...(stopReason ? { stopReason: stopReason.slice(0, 500) } : {}) };
}

/** What a task's tracker entry was before and after: new, or its link or code changed. */
export function compareRecorded(
  keys: readonly string[],
  before: ReadonlyMap<string, { inviteLink?: string; campaignCode?: string }>,
  after: ReadonlyMap<string, { inviteLink?: string; campaignCode?: string }>,
): { added: number; changed: number } {
  let added = 0;
  let changed = 0;
  for (const key of new Set(keys)) {
    const was = before.get(key);
    const now = after.get(key);
    if (!was) added++;
    else if (now && ((now.inviteLink ?? '') !== (was.inviteLink ?? '') || (now.campaignCode ?? '') !== (was.campaignCode ?? ''))) changed++;
  }
  return { added, changed };
}

/** "3 of 12 campaigns": campaigns finished so far, and the one being visited counts once it is done. */
export function progressText(state: RefreshState): string {
  if (!state.listed) return t('refresh.listing');
  const done = Math.min(state.next, state.campaigns.length);
  return t('refresh.progress', { n: formatNumber(done), total: formatNumber(state.campaigns.length) });
}

export function currentCampaign(state: RefreshState): string | undefined {
  return state.status === 'running' && state.listed ? state.campaigns[state.next]?.name : undefined;
}

export function summaryText(state: RefreshState): string {
  const failures = state.failures.length;
  return t('refresh.summary', {
    campaigns: t('refresh.campaigns', state.visited, { count: formatNumber(state.visited) }),
    tasks: t('refresh.tasks', state.found, { count: formatNumber(state.found) }),
    added: formatNumber(state.added),
    changed: formatNumber(state.changed),
    failures: t('refresh.failureCount', failures, { count: formatNumber(failures) }),
  });
}

export function endText(state: RefreshState): string {
  if (state.status === 'cancelled') return t('refresh.cancelled');
  if (state.status === 'stopped') return t('refresh.stopped', { why: state.stopReason ?? '' });
  return t('refresh.done');
}

/** The toolbar badge while the walk runs: "3/12", or a percentage where that would not fit. */
export function refreshBadgeText(state: RefreshState | undefined): string | undefined {
  if (!state || state.status !== 'running') return undefined;
  if (!state.listed || state.campaigns.length === 0) return '…';
  const n = Math.min(state.next, state.campaigns.length);
  const full = `${n}/${state.campaigns.length}`;
  return full.length <= 5 ? full : `${Math.floor((n * 100) / state.campaigns.length)}%`;
}

/** How long until the next page load may happen (politeness: at least `gapMs` between two). */
export function waitBeforeNavigation(lastNavigationAt: number | undefined, now: number, gapMs: number): number {
  if (lastNavigationAt === undefined || lastNavigationAt > now) return lastNavigationAt === undefined ? 0 : gapMs;
  return Math.max(0, lastNavigationAt + gapMs - now);
}
