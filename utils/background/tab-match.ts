/**
 * Which open tab to use for "Retrieve my post": pure, so the choice is tested without a
 * browser. A tab on the task itself is best; a tab on the campaign's task list is next (the
 * content script opens the task's View Task Details there, matched by name, not position).
 */
import type { TrackedTask } from '../tracker/schema';
import { hostOf, isImpactUrl, originOf } from '../hosts';

/** The parts of a browser tab the choice looks at. */
export interface TabSnapshot {
  id: number;
  url?: string;
  status?: string;
  active?: boolean;
}

export type TabChoice = { tab: TabSnapshot; match: 'task' | 'campaign' };

/**
 * impact.com's `*.ihtml` flows carry a Spring Web Flow key (`execution=e1s1`) that changes on
 * every visit; it says nothing about which page is shown, so it is left out of comparisons.
 */
const VOLATILE_PARAMS = new Set(['execution']);

function parse(url: string | undefined): URL | null {
  if (!url) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function stableSearch(url: URL): string {
  const params = [...url.searchParams.entries()].filter(([name]) => !VOLATILE_PARAMS.has(name));
  params.sort(([a, av], [b, bv]) => (a === b ? av.localeCompare(bv) : a.localeCompare(b)));
  return params.map(([k, v]) => `${k}=${v}`).join('&');
}

/** Same page as the recorded task address (the fragment counts: the app routes by it). */
export function isSameTaskPage(tabUrl: string | undefined, taskUrl: string): boolean {
  const tab = parse(tabUrl);
  const task = parse(taskUrl);
  if (!tab || !task || tab.origin !== task.origin) return false;
  return tab.pathname === task.pathname && stableSearch(tab) === stableSearch(task) && normalHash(tab) === normalHash(task);
}

function normalHash(url: URL): string {
  return url.hash.replace(/\/+$/, '');
}

/** A segment as the page meant it; one with a malformed escape ("%E0%A4%A") as it stands. */
function decoded(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** Every whole token of an address: path and fragment segments, query values. */
function tokens(url: URL): Set<string> {
  const out = new Set<string>();
  for (const part of url.pathname.split('/')) if (part) out.add(decoded(part));
  for (const value of url.searchParams.values()) out.add(value);
  for (const part of url.hash.replace(/^#/, '').split(/[/?&=]/)) if (part) out.add(decoded(part));
  return out;
}

/** A page of the same impact.com app that names the task's campaign by id. */
export function isOnCampaign(tabUrl: string | undefined, task: Pick<TrackedTask, 'campaignId' | 'taskUrl'>): boolean {
  if (!task.campaignId) return false;
  const tab = parse(tabUrl);
  const home = parse(task.taskUrl);
  if (!tab || !home || tab.origin !== home.origin) return false;
  return tokens(tab).has(task.campaignId);
}

/** The best open tab for this task, or null when a tab has to be opened. */
export function chooseTab(tabs: readonly TabSnapshot[], task: Pick<TrackedTask, 'campaignId' | 'taskUrl'>): TabChoice | null {
  const onTask = tabs.find((t) => isSameTaskPage(t.url, task.taskUrl));
  if (onTask) return { tab: onTask, match: 'task' };
  const onCampaign = tabs.find((t) => isOnCampaign(t.url, task));
  if (onCampaign) return { tab: onCampaign, match: 'campaign' };
  return null;
}

/**
 * The tabs "Retrieve my post" may use: on app.impact.com or a host the creator granted
 * (`granted`: origins, utils/hosts.ts grantedOrigins). A tab on any other host, even one that
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
