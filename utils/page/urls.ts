/**
 * impact.com's addresses as the extension compares them, in one place: "is this tab on the
 * task's page, or on its campaign?" for the popup ("On this tab"), the head's filter
 * (tracker/head.ts) and "Retrieve my post"'s choice of tab, and which tabs and task addresses
 * the worker may use at all (host rules: hosts.ts). Pure: no browser, no zod.
 *
 * Two keys carry the rules:
 * - pageKey: the same page (origin, path, query without the volatile `execution`, fragment
 *   without trailing slashes; the fragment counts: the app routes by it);
 * - urlTokens: where a campaign id is looked for (path and fragment segments, query values).
 * A tab's address is parsed once per question, each task address once per page lifetime.
 */
import type { TrackedTask } from '../tracker/schema';
import { hostOf, isImpactUrl, originOf } from './hosts';

/**
 * impact.com's `*.ihtml` flows carry a Spring Web Flow key (`execution=e1s1`) that changes on
 * every visit; it says nothing about which page is shown, so it is left out of comparisons.
 */
const VOLATILE_PARAMS = new Set(['execution']);

export function parseUrl(url: string | undefined): URL | null {
  if (!url) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Equal for two addresses exactly when they show the same page (isSameTaskPage). */
export function pageKey(url: URL): string {
  const params = [...url.searchParams.entries()].filter(([name]) => !VOLATILE_PARAMS.has(name));
  params.sort(([a, av], [b, bv]) => (a === b ? av.localeCompare(bv) : a.localeCompare(b)));
  return JSON.stringify([url.origin, url.pathname, params.map(([k, v]) => `${k}=${v}`).join('&'), url.hash.replace(/\/+$/, '')]);
}

/** A segment as the page meant it; one with a malformed escape ("%E0%A4%A") as it stands. */
function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** Every whole token of an address: path and fragment segments, query values. */
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

/** Same page as the recorded task address (the fragment counts: the app routes by it). */
export function isSameTaskPage(tabUrl: string | undefined, taskUrl: string): boolean {
  const tab = parseUrl(tabUrl);
  const task = parsedTaskUrl(taskUrl);
  return !!tab && !!task && pageKey(tab) === task.page;
}

/** A page of the same impact.com app that names the task's campaign by id. */
export function isOnCampaign(tabUrl: string | undefined, task: Pick<TrackedTask, 'campaignId' | 'taskUrl'>): boolean {
  if (!task.campaignId) return false;
  const tab = parseUrl(tabUrl);
  const home = parsedTaskUrl(task.taskUrl);
  if (!tab || !home || tab.origin !== home.origin) return false;
  return urlTokens(tab).has(task.campaignId);
}

export type TabMatcher = (task: Pick<TrackedTask, 'taskUrl' | 'campaignId'>) => boolean;

const NOTHING: TabMatcher = () => false;

/** tabShowsTask(tabUrl, ·) for many tasks, with the tab's address parsed once. */
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

/**
 * Does the tab show this task? Either it is the page the task was found on, or the address
 * names the task's campaign id. The popup's "On this tab" and the worker's tab for "Retrieve
 * my post" (chooseTab) use the same rules, so they agree on what "this tab" is.
 */
export function tabShowsTask(tabUrl: string | undefined, task: Pick<TrackedTask, 'taskUrl' | 'campaignId'>): boolean {
  return isSameTaskPage(tabUrl, task.taskUrl) || isOnCampaign(tabUrl, task);
}

/** The parts of a browser tab the choice looks at. */
export interface TabSnapshot {
  id: number;
  url?: string;
  status?: string;
  active?: boolean;
}

export type TabChoice = { tab: TabSnapshot; match: 'task' | 'campaign' };

/**
 * Which open tab to use for "Retrieve my post", or null when a tab has to be opened. A tab on
 * the task itself is best; a tab on the campaign's task list is next (the content script
 * opens the task's View Task Details there, matched by name, not position).
 */
export function chooseTab(tabs: readonly TabSnapshot[], task: Pick<TrackedTask, 'campaignId' | 'taskUrl'>): TabChoice | null {
  const onTask = tabs.find((t) => isSameTaskPage(t.url, task.taskUrl));
  if (onTask) return { tab: onTask, match: 'task' };
  const onCampaign = tabs.find((t) => isOnCampaign(t.url, task));
  if (onCampaign) return { tab: onCampaign, match: 'campaign' };
  return null;
}

/**
 * The tabs "Retrieve my post" may use: on app.impact.com or a host the creator granted
 * (`granted`: origins, hosts.ts grantedOrigins). A tab on any other host, even one that
 * shows the same address as a task's, is never asked or pressed in.
 */
export function onImpactHosts<T extends { url?: string }>(tabs: readonly T[], granted: readonly string[]): T[] {
  return tabs.filter((t) => isImpactUrl(t.url, granted));
}

/**
 * Why a task's recorded page may not be opened (by "Retrieve my post", a notification or the
 * Open button), or undefined when it may: only on app.impact.com or a host still granted.
 * A task address from a backup, or from a host whose permission was removed, stays unopened.
 */
export function whyNotOpenable(taskUrl: string, granted: readonly string[]): string | undefined {
  if (isImpactUrl(taskUrl, granted)) return undefined;
  const origin = originOf(taskUrl);
  const where = origin?.startsWith('https://') ? hostOf(origin) : 'an address that is not an impact.com page';
  return `This task's page is on ${where}, which is not allowed. Allow it in the overview's Settings (Other impact.com addresses) to open it.`;
}

/**
 * whyNotOpenable as an Error for the retrieve flow, naming the host (`notOpenableHost`; '' when
 * the address is not an https one) so that the reason is worded in the interface language.
 */
export function notOpenableError(taskUrl: string, granted: readonly string[]): (Error & { notOpenableHost: string }) | undefined {
  const refused = whyNotOpenable(taskUrl, granted);
  if (!refused) return undefined;
  const origin = originOf(taskUrl);
  return Object.assign(new Error(refused), { notOpenableHost: origin?.startsWith('https://') ? hostOf(origin) : '' });
}
