/**
 * "Does the active tab show this task?" for many tasks at once. The rule is
 * grouping.ts tabShowsTask (background/tab-match.ts isSameTaskPage || isOnCampaign), but the
 * tab's address is parsed once and each task address once per page lifetime (cached), instead
 * of four URL parses per task and call. tests/unit/tracker-head.test.ts checks that both agree.
 *
 * The same two keys drive the head's "could another task match this tab?" filter (head.ts):
 * - pageKey: what isSameTaskPage compares (origin, path, query without the volatile
 *   `execution`, fragment without trailing slashes);
 * - urlTokens: what isOnCampaign looks for the campaign id in (path and fragment segments,
 *   query values).
 */
import type { TrackedTask } from './schema';

/** Spring Web Flow's per-visit key: not part of "the same page" (see background/tab-match.ts). */
const VOLATILE_PARAMS = new Set(['execution']);

export function parseUrl(url: string | undefined): URL | null {
  if (!url) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Equal for two addresses exactly when isSameTaskPage says they are the same page. */
export function pageKey(url: URL): string {
  const params = [...url.searchParams.entries()].filter(([name]) => !VOLATILE_PARAMS.has(name));
  params.sort(([a, av], [b, bv]) => (a === b ? av.localeCompare(bv) : a.localeCompare(b)));
  return JSON.stringify([url.origin, url.pathname, params.map(([k, v]) => `${k}=${v}`).join('&'), url.hash.replace(/\/+$/, '')]);
}

/** A segment as isOnCampaign decodes it; a malformed escape is kept as written instead of throwing. */
function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** Every whole token of an address, as isOnCampaign looks for a campaign id in it. */
export function urlTokens(url: URL): Set<string> {
  const out = new Set<string>();
  for (const part of url.pathname.split('/')) if (part) out.add(decode(part));
  for (const value of url.searchParams.values()) out.add(value);
  for (const part of url.hash.replace(/^#/, '').split(/[/?&=]/)) if (part) out.add(decode(part));
  return out;
}

export interface ParsedTaskUrl {
  origin: string;
  page: string;
  tokens: Set<string>;
}

// Task addresses never change for a task, and a page sees the same ones on every storage
// update: parse each once. Bounded so a long-lived overview cannot grow it without limit.
const taskUrls = new Map<string, ParsedTaskUrl | null>();
const TASK_URL_CACHE_LIMIT = 50_000;

export function parsedTaskUrl(taskUrl: string): ParsedTaskUrl | null {
  let parsed = taskUrls.get(taskUrl);
  if (parsed === undefined) {
    const url = parseUrl(taskUrl);
    parsed = url ? { origin: url.origin, page: pageKey(url), tokens: urlTokens(url) } : null;
    if (taskUrls.size >= TASK_URL_CACHE_LIMIT) taskUrls.clear();
    taskUrls.set(taskUrl, parsed);
  }
  return parsed;
}

export type TabMatcher = (task: Pick<TrackedTask, 'taskUrl' | 'campaignId'>) => boolean;

const NOTHING: TabMatcher = () => false;

/** tabShowsTask(tabUrl, ·) with the tab's address parsed once. */
export function createTabMatcher(tabUrl: string | undefined): TabMatcher {
  const tab = parseUrl(tabUrl);
  if (!tab) return NOTHING;
  const origin = tab.origin;
  const page = pageKey(tab);
  const tokens = urlTokens(tab);
  return (task) => {
    const home = parsedTaskUrl(task.taskUrl);
    if (!home || home.origin !== origin) return false;
    return home.page === page || (!!task.campaignId && tokens.has(task.campaignId));
  };
}
