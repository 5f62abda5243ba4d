/**
 * "Refresh all" on impact.com's pages: what the content script does in the background tab the
 * worker walks (utils/background/refresh-*.ts drives it, one command per page).
 *
 * - Participating: the TikTok campaigns the page lists (following infinite scroll and "Load
 *   more"), and pressing one campaign's Manage Tasks the way the creator would (hover first).
 * - A campaign's tasks: every TikTok task's View Task Details (hover-only actions, shadow
 *   roots, a details frame, the next page of the list), each task read and recorded through the
 *   same path as details the creator opens by hand (readDiscoveredTask → taskSeen).
 *
 * It only reads: it presses Manage Tasks, View Task Details, the TTCM drop-down, Close and the
 * list's next page, never "Retrieve my post" nor anything that submits. The tasks-page walk
 * keeps its progress in the tab's sessionStorage, so a View Task Details that loads a page of
 * its own (the script starts again there) carries on where it was, without doing a task twice.
 */
import type { DiscoveredTask } from '../tracker/schema';
import { accessibleName, controlsNamed, deepQueryAll, deepText, isGone, isOwn } from './dom';
import { leafLines, readScope } from './reading';
import { findOpenDetails, findTaskRows, hover, openDetailsScopes, rowAround, sweepPointer } from './retrieve';
import { ERROR_PAGE_TITLE, OTHER_PLATFORM_NAMES, ROW_CANDIDATES, SIGN_IN_PATH, TASK_STATUS } from './selectors';
import { findCampaignTiles, findTikTokIcons, isParticipatingPage, type CampaignTile } from './tiles';
import { findTtcmSections, readTtcm, type TtcmSection } from './ttcm';
import { readDiscoveredTask, type TaskContext } from './task';
import { readRow, type CreatorPath } from './path';
import { actionWords, fold, isActionWord, isWord, words as wordsOf } from './text';
import { poll } from './poll';
import { t } from '../i18n';
import { noteWords } from './diagnostic-notes';


/** At least this long between two presses that may load a page (polite to impact.com). */
export const POLITE_MS = 1000;
/** Pages of a task list followed at most (a list that never ends is a loop). */
const MAX_PAGES = 50;
/** Rounds of scrolling or "Load more" on Participating at most. */
const MAX_LOAD_ROUNDS = 40;

export interface RefreshCampaign {
  name: string;
  brand: string;
  id?: string;
}

export type PageTrouble = { kind: 'login' | 'error'; detail: string };

/** A sign-in page or an error page: the walk stops and says so. */
export function pageTrouble(doc: Document, url: string): PageTrouble | undefined {
  let path = '';
  try {
    const u = new URL(url);
    path = u.pathname + u.hash;
  } catch {
    /* no address to read */
  }
  if (SIGN_IN_PATH.test(path)) return { kind: 'login', detail: t('refresh.signInPage') };
  if (deepQueryAll(doc, 'input[type="password"]').some((i) => !isOwn(i))) return { kind: 'login', detail: t('refresh.passwordField') };
  const titles = [doc.title, ...deepQueryAll(doc, 'h1, [role="heading"][aria-level="1"]').map(deepText)].map((t) => t.trim()).filter(Boolean);
  const signIn = deepQueryAll(doc, 'h1, h2, button, input[type="submit"]').some((e) => isActionWord(accessibleName(e) || deepText(e), 'signIn'));
  const busy = findCampaignTiles(doc).length > 0 || findTaskRows(doc).length > 0;
  if (signIn && !busy && deepQueryAll(doc, 'input').length > 0) return { kind: 'login', detail: t('refresh.signInPage') };
  const error = titles.find((t) => ERROR_PAGE_TITLE.test(t));
  if (error && !busy) return { kind: 'error', detail: t('refresh.errorPage', { title: error.slice(0, 120) }) };
  return undefined;
}

// The content script asks isParticipatingPage on every page: it lives in tiles.ts, so that it
// does not carry this module (the worker injects it only for Refresh all: entrypoints/page-actions.ts).
export { isParticipatingPage };

const campaignRef = (c: { name: string; id?: string }) => (c.id ? `id:${c.id}` : `name:${fold(c.name)}`);

/** The joined campaigns with a TikTok icon the page shows now, once each. */
export function tikTokCampaignsOn(doc: Document): RefreshCampaign[] {
  const out: RefreshCampaign[] = [];
  const refs = new Set<string>();
  for (const tile of findCampaignTiles(doc)) {
    if (!tile.hasTikTok || !tile.participating || !tile.campaignName) continue;
    const campaign: RefreshCampaign = { name: tile.campaignName.slice(0, 500), brand: tile.brand.slice(0, 500), ...(tile.campaignId ? { id: tile.campaignId.slice(0, 100) } : {}) };
    const ref = campaignRef(campaign);
    if (refs.has(ref)) continue;
    refs.add(ref);
    out.push(campaign);
  }
  return out;
}

/** The tile of this campaign: by id where both know it, else by its exact name (and brand, when known). */
export function tileOf(doc: Document, campaign: RefreshCampaign): CampaignTile | null {
  const tiles = findCampaignTiles(doc).filter((t) => t.hasTikTok);
  if (campaign.id) {
    const byId = tiles.find((t) => t.campaignId === campaign.id);
    if (byId) return byId;
  }
  const named = tiles.filter((t) => fold(t.campaignName) === fold(campaign.name) && (!campaign.brand || !t.brand || fold(t.brand) === fold(campaign.brand)));
  return named.length === 1 ? named[0]! : null;
}

/** "Next", "Load more": the list's control for more of it, when it can be pressed. */
export function moreControl(doc: Document, scope: ParentNode = doc): HTMLElement | null {
  const openDetails = openDetailsScopes(doc);
  return (
    controlsNamed(scope, actionWords('nextPage')).find(
      (c) => !isOwn(c) && !(c as HTMLButtonElement).disabled && c.getAttribute('aria-disabled') !== 'true' && !openDetails.some((d) => d.contains(c)),
    ) ?? null
  );
}

export type RowPlatform = 'tiktok' | 'other' | 'unknown';

export interface TaskRowRead {
  element: Element;
  ref: string;
  name?: string;
  id?: string;
  platform: RowPlatform;
}

/** What a row says about its platform: a TikTok icon or word, another platform's, or nothing. */
export function rowPlatform(row: Element): RowPlatform {
  if (findTikTokIcons(row).length) return 'tiktok';
  const lines = leafLines(readScope(row)).map((l) => fold(l.text));
  if (lines.some((t) => isWord(t, 'tiktok') || wordsOf('tiktok').some((w) => t.includes(w)))) return 'tiktok';
  if (lines.some((t) => OTHER_PLATFORM_NAMES.includes(t.replace(/ (icon|logo)$/, '')))) return 'other';
  return 'unknown';
}

/**
 * The task rows of the page (not inside open details): the rows around each View Task
 * Details, and, for actions shown on hover only, the rows around each task status after the
 * pointer passed over the row-like elements.
 */
export function taskRowsOn(doc: Document): TaskRowRead[] {
  const details = openDetailsScopes(doc);
  const outside = (el: Element) => !isOwn(el) && !details.some((d) => d.contains(el));
  let rows = findTaskRows(doc).map((r) => r.element).filter(outside);
  if (!rows.length) {
    for (const candidate of deepQueryAll(doc.body ?? doc, ROW_CANDIDATES).slice(0, 500)) if (outside(candidate)) hover(candidate);
    rows = findTaskRows(doc).map((r) => r.element).filter(outside);
  }
  if (!rows.length) {
    const statuses = deepQueryAll(doc.body ?? doc, 'span, div, td, p, strong, [role="cell"]').filter(
      (e) => e.children.length === 0 && outside(e) && TASK_STATUS.some((re) => re.test(deepText(e))),
    );
    for (const status of statuses) {
      const row = rowAround(status, true);
      if (row && outside(row) && !rows.some((r) => r === row || r.contains(row) || row.contains(r))) rows.push(row);
    }
  }
  const out: TaskRowRead[] = [];
  for (const element of rows) {
    const task = readRow(element);
    const ref = task.id ? `id:${task.id}` : task.name ? `name:${fold(task.name)}` : undefined;
    if (!ref || out.some((r) => r.ref === ref)) continue;
    out.push({ element, ref, ...(task.name ? { name: task.name } : {}), ...(task.id ? { id: task.id } : {}), platform: rowPlatform(element) });
  }
  return out;
}

/** The TTCM sections inside these details (the details may be in a frame, or behind shadow roots). */
function sectionsIn(details: Element): TtcmSection[] {
  return findTtcmSections(details);
}

export interface TaskFailure {
  task: string;
  reason: string;
}

/** What the tasks-page walk has done, kept in the tab's sessionStorage across page loads. */
export interface TasksWalkMemory {
  runId: string;
  campaign: string;
  done: string[];
  /** The row whose View Task Details was pressed last, not read yet (the page may have loaded anew). */
  pending?: { ref: string; name?: string; id?: string; platform: RowPlatform };
  recorded: string[];
  found: number;
  failures: TaskFailure[];
  pages: number;
  /** When the last press that may load a page happened (ms since the epoch). */
  pressedAt?: number;
}

export interface RecordOutcome {
  key?: string;
  error?: string;
}

export interface RefreshPageDeps {
  doc: Document;
  url(): string;
  /** What the creator (here: the walk) pressed on the way, for details that do not name their task. */
  path(): CreatorPath | undefined;
  sleep(ms: number): Promise<void>;
  now(): number;
  memory: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  /** Records the task through the tracker's writer (the same `taskSeen` as details opened by hand). */
  record(task: DiscoveredTask): Promise<RecordOutcome>;
  signal?: AbortSignal;
  timeouts?: { appear: number; details: number };
}

const MEMORY_KEY = 'tiktok-deliverable-helper:refresh-tasks';

/** Waits until POLITE_MS have passed since the last press that may have loaded a page. */
async function politely(deps: RefreshPageDeps, memory: { pressedAt?: number }): Promise<void> {
  const wait = (memory.pressedAt ?? 0) + POLITE_MS - deps.now();
  if (wait > 0) await deps.sleep(Math.min(wait, POLITE_MS));
}

export interface CampaignsAnswer {
  trouble?: PageTrouble;
  participating: boolean;
  campaigns: RefreshCampaign[];
}

/** Participating: every TikTok campaign, after loading the whole list (scroll, Load more). */
export async function listCampaigns(deps: RefreshPageDeps): Promise<CampaignsAnswer> {
  const { doc } = deps;
  const timeouts = deps.timeouts ?? { appear: 10_000, details: 10_000 };
  const trouble = pageTrouble(doc, deps.url());
  if (trouble) return { trouble, participating: false, campaigns: [] };
  await poll(deps, timeouts.appear, () => findCampaignTiles(doc).length > 0);
  const late = pageTrouble(doc, deps.url());
  if (late) return { trouble: late, participating: false, campaigns: [] };
  const participating = isParticipatingPage(doc) || findCampaignTiles(doc).some((t) => t.participating);
  if (!participating) return { participating, campaigns: [] };
  let count = findCampaignTiles(doc).length;
  const memory: { pressedAt?: number } = {};
  for (let round = 0, still = 0; round < MAX_LOAD_ROUNDS && still < 2; round++) {
    const tiles = findCampaignTiles(doc);
    tiles.at(-1)?.element.scrollIntoView?.({ block: 'end' });
    doc.defaultView?.scrollTo?.(0, doc.documentElement.scrollHeight);
    doc.defaultView?.dispatchEvent(new Event('scroll'));
    await deps.sleep(600);
    let now = findCampaignTiles(doc).length;
    if (now === count) {
      const more = moreControl(doc);
      if (more && !isActionWord(accessibleName(more), 'nextPage')) break;
      if (more) {
        await politely(deps, memory);
        memory.pressedAt = deps.now();
        more.click();
        await poll(deps, timeouts.appear, () => findCampaignTiles(doc).length > count);
        now = findCampaignTiles(doc).length;
      }
    }
    still = now === count ? still + 1 : 0;
    count = now;
  }
  return { participating, campaigns: tikTokCampaignsOn(doc) };
}

export type OpenCampaignAnswer = { outcome: 'pressed' | 'notFound' | 'stop'; detail: string };

/** Participating: hover the campaign's tile and press its Manage Tasks. */
export async function openCampaign(campaign: RefreshCampaign, deps: RefreshPageDeps): Promise<OpenCampaignAnswer> {
  const { doc } = deps;
  const timeouts = deps.timeouts ?? { appear: 10_000, details: 10_000 };
  const trouble = pageTrouble(doc, deps.url());
  if (trouble) return { outcome: 'stop', detail: trouble.detail };
  let tile = await poll(deps, timeouts.appear, () => tileOf(doc, campaign));
  if (!tile) {
    // Further down a list that loads on scroll.
    await listCampaigns(deps);
    tile = tileOf(doc, campaign);
  }
  if (!tile) return { outcome: 'notFound', detail: pageTrouble(doc, deps.url())?.detail ?? t('refresh.tileGone') };
  tile.element.scrollIntoView?.({ block: 'center' });
  hover(tile.element);
  const control = await poll(deps, 3000, () => {
    const now = tileOf(doc, campaign);
    if (now) hover(now.element);
    return now && controlsNamed(now.element, wordsOf('manageTasks'))[0];
  });
  if (!control) return { outcome: 'notFound', detail: t('refresh.noManageTasks') };
  control.click();
  return { outcome: 'pressed', detail: '' };
}

export interface TasksAnswer {
  /** stop: a sign-in or error page (the walk stops); failed: this campaign's page could not be read. */
  outcome: 'done' | 'failed' | 'stop';
  detail: string;
  found: number;
  recorded: string[];
  failures: TaskFailure[];
}

function loadMemory(deps: RefreshPageDeps, runId: string, campaign: string): TasksWalkMemory {
  const fresh: TasksWalkMemory = { runId, campaign, done: [], recorded: [], found: 0, failures: [], pages: 0 };
  try {
    const raw = deps.memory?.getItem(MEMORY_KEY);
    const stored = raw ? (JSON.parse(raw) as TasksWalkMemory) : undefined;
    if (stored && stored.runId === runId && stored.campaign === campaign && Array.isArray(stored.done)) return stored;
  } catch {
    /* damaged or blocked: start the campaign afresh (recording twice changes nothing) */
  }
  return fresh;
}

function saveMemory(deps: RefreshPageDeps, memory: TasksWalkMemory): void {
  try {
    deps.memory?.setItem(MEMORY_KEY, JSON.stringify(memory));
  } catch {
    /* storage blocked: the walk still works within one page */
  }
}

/**
 * Press Escape, then the details' own Close button (never a link: that loads a page). Details
 * in a frame may take their frame with them when they close (isGone).
 */
async function closeDetails(deps: RefreshPageDeps, details: Element): Promise<void> {
  for (const target of [details, details.ownerDocument]) {
    target.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', code: 'Escape', bubbles: true, composed: true }));
  }
  await deps.sleep(200);
  if (isGone(details)) return;
  const close = controlsNamed(details, actionWords('close')).find((c) => !c.matches('a[href]') && !isOwn(c));
  close?.click();
  await deps.sleep(200);
}

/** Open the drop-down when its content is not on the page (reading only: the creator would). */
async function expandTtcm(deps: RefreshPageDeps, section: TtcmSection): Promise<void> {
  if (readTtcm(section).contentPresent) return;
  const toggle = section.toggle as HTMLElement;
  const open = toggle.getAttribute('aria-expanded') === 'true' || (toggle.localName === 'summary' && (toggle.parentElement as HTMLDetailsElement | null)?.open);
  if (!open) toggle.click();
  await poll(deps, 3000, () => {
    const again = findTtcmSections(section.toggle.getRootNode() as ParentNode).find((s) => s.toggle === section.toggle) ?? section;
    return readTtcm(again).contentPresent;
  });
}

/**
 * A campaign's tasks page: read every TikTok task (where no row names a platform, every row is
 * opened, and recorded only when its details have a TTCM section). Rows done are remembered per walk
 * and campaign, so a View Task Details that loads a page continues here when asked again.
 */
export async function readCampaignTasks(runId: string, campaign: RefreshCampaign, deps: RefreshPageDeps): Promise<TasksAnswer> {
  const { doc } = deps;
  const timeouts = deps.timeouts ?? { appear: 10_000, details: 10_000 };
  const memory = loadMemory(deps, runId, campaignRef(campaign));
  const answer = (outcome: TasksAnswer['outcome'], detail = ''): TasksAnswer => ({ outcome, detail, found: memory.found, recorded: memory.recorded, failures: memory.failures });
  const trouble = pageTrouble(doc, deps.url());
  if (trouble) return answer('stop', trouble.detail);

  const identity = (row: { ref: string; name?: string; id?: string }) => ({
    key: row.ref,
    campaignName: campaign.name,
    ...(campaign.id ? { campaignId: campaign.id } : {}),
    taskName: row.name ?? '',
    ...(row.id ? { taskId: row.id } : {}),
  });
  const fail = (row: { name?: string; ref: string }, reason: string) => memory.failures.push({ task: row.name ?? row.ref.replace(/^\w+:/, ''), reason });

  /**
   * Read the details of the row pressed last: record its task, then close the details.
   * `pressAgain` presses the row's View Task Details once more (false when it cannot).
   */
  async function readPending(openedBefore?: Set<Element>, pressAgain?: () => boolean): Promise<void> {
    const row = memory.pending!;
    const shown = () =>
      poll(deps, timeouts.details, () => {
        const found = findOpenDetails(doc, deps.url(), identity(row), openedBefore);
        if (found && !sectionsIn(found).length) sweepPointer(found);
        return found && sectionsIn(found).length ? found : null;
      });
    let details = await shown();
    // A TikTok task's details that did not come (a slow machine: the details still loading, or
    // the press lost to a row drawn anew) are asked for once more, and waited for as long again,
    // before the task is listed as having none.
    if (!details && row.platform === 'tiktok' && pressAgain?.()) details = await shown();
    if (!details) {
      if (row.platform === 'tiktok') fail(row, t('refresh.noTtcm'));
    } else {
      memory.found++;
      const section = sectionsIn(details)[0]!;
      await expandTtcm(deps, section);
      const fresh = sectionsIn(details)[0] ?? section;
      const own = fresh.toggle.ownerDocument;
      const context: TaskContext = { url: deps.url(), ...(own !== doc && own.URL.startsWith('https:') ? { frameUrl: own.URL } : {}), ...(deps.path() ? { path: deps.path() } : {}) };
      const read = readDiscoveredTask(fresh, context);
      if (read.task) {
        const out = await deps.record(read.task);
        if (out.key && !memory.recorded.includes(out.key)) memory.recorded.push(out.key);
        if (out.error) fail(row, t('refresh.notRecorded', { why: out.error }));
      } else fail(row, t('refresh.notRecorded', { why: read.problem ? noteWords(read.problem) : '' }));
    }
    // Done before closing: closing may load a page (a Close link, Escape bound to one).
    memory.done.push(row.ref);
    delete memory.pending;
    saveMemory(deps, memory);
    if (details) {
      await politely(deps, memory);
      memory.pressedAt = deps.now();
      saveMemory(deps, memory);
      await closeDetails(deps, details);
    }
  }

  if (memory.pending) await readPending();
  await poll(deps, timeouts.appear, () => taskRowsOn(doc).length > 0 || (memory.done.length > 0 && doc.readyState === 'complete'));

  for (let guard = 0; guard < 1000; guard++) {
    if (deps.signal?.aborted) return answer('failed', 'Stopped.');
    const rows = taskRowsOn(doc);
    // A list that names platforms: a row naming none is no TikTok task (a brief sign-off).
    const namesPlatforms = rows.some((r) => r.platform !== 'unknown');
    const next = rows.find((r) => (r.platform === 'tiktok' || (r.platform === 'unknown' && !namesPlatforms)) && !memory.done.includes(r.ref));
    if (!next) {
      const more = memory.pages < MAX_PAGES ? moreControl(doc) : null;
      if (!more) break;
      memory.pages++;
      await politely(deps, memory);
      memory.pressedAt = deps.now();
      saveMemory(deps, memory);
      const before = rows.map((r) => r.ref).join('|');
      more.click();
      const moved = await poll(deps, timeouts.appear, () => taskRowsOn(doc).map((r) => r.ref).join('|') !== before);
      if (!moved) break;
      continue;
    }
    memory.pending = { ref: next.ref, platform: next.platform, ...(next.name ? { name: next.name } : {}), ...(next.id ? { id: next.id } : {}) };
    await politely(deps, memory);
    // The row may have been drawn anew meanwhile: find it again, show its actions, press.
    const row = taskRowsOn(doc).find((r) => r.ref === next.ref) ?? next;
    row.element.scrollIntoView?.({ block: 'center' });
    hover(row.element);
    const control = await poll(deps, 3000, () => {
      const again = taskRowsOn(doc).find((r) => r.ref === next.ref);
      if (again) hover(again.element);
      return again && controlsNamed(again.element, wordsOf('viewTaskDetails'))[0];
    });
    if (!control) {
      if (next.platform === 'tiktok') fail(next, t('refresh.noViewDetails'));
      memory.done.push(next.ref);
      delete memory.pending;
      saveMemory(deps, memory);
      continue;
    }
    const openedBefore = new Set(openDetailsScopes(doc));
    memory.pressedAt = deps.now();
    saveMemory(deps, memory);
    control.click();
    await readPending(openedBefore, () => {
      const again = taskRowsOn(doc).find((r) => r.ref === next.ref);
      if (again) hover(again.element);
      const press = again && controlsNamed(again.element, wordsOf('viewTaskDetails'))[0];
      if (!press) return false;
      memory.pressedAt = deps.now();
      saveMemory(deps, memory);
      press.click();
      return true;
    });
  }
  if (!memory.done.length && !taskRowsOn(doc).length) {
    const late = pageTrouble(doc, deps.url());
    return late ? answer('stop', late.detail) : answer('failed', t('refresh.noRows'));
  }
  const done = answer('done');
  try {
    deps.memory?.removeItem(MEMORY_KEY);
  } catch {
    /* nothing kept */
  }
  return done;
}

