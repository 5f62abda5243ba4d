/**
 * "Retrieve my post" on behalf of the creator: find THE task (by id, or by name within the
 * right campaign — never by position), open its View Task Details, press its "Retrieve my
 * post" exactly once per attempt, and read what the page answered.
 */
import type { RetrieveResult, TaskIdentity } from '../messages';
import { composedAncestors, controlsNamed, deepQueryAll, deepText, isOwn } from './dom';
import { ALERT, DETAILS_PANEL, PAGE_FRAME, ROW_ID_ATTRIBUTES, TASK_STATUS, TIKTOK_VIDEO_LINK, URL_ID_PATTERNS } from './selectors';
import { campaignLine, idsFrom, labelledValue, taskNameIn } from './task';
import { idFrom, repeatedAmongSiblings } from './tiles';
import { fold, matchesAny, patterns, words } from './text';

export interface TaskRow {
  element: Element;
  /** The row's "View Task Details" control (may be revealed on hover only). */
  viewDetails: HTMLElement | null;
  taskId?: string;
}

const ROW_HINTS = 'tr, [role="row"], li, [role="listitem"], [data-testid*="row" i], [data-testid*="task" i]';

/** The row around a task's "View Task Details" control. */
function rowAround(control: Element): Element | null {
  const chain: Element[] = [];
  for (const a of composedAncestors(control)) {
    if (a.matches(PAGE_FRAME) || a.matches('table, tbody, thead, [role="table"], [role="rowgroup"], ul, ol, body')) break;
    chain.push(a);
  }
  const many = (a: Element) => controlsNamed(a, words('viewTaskDetails')).length > 1;
  const usable = chain.filter((a) => !many(a));
  return usable.find((a) => a.matches(ROW_HINTS)) ?? usable.find((a) => repeatedAmongSiblings(a)) ?? usable.at(-1) ?? null;
}

function rowTaskId(row: Element): string | undefined {
  for (const attr of ROW_ID_ATTRIBUTES) {
    const v = row.getAttribute(attr);
    const m = v?.match(/(\d{3,})/);
    if (m?.[1]) return m[1];
  }
  for (const a of deepQueryAll(row, 'a[href]')) {
    const id = idFrom(a.getAttribute('href') ?? '', URL_ID_PATTERNS.task);
    if (id) return id;
  }
  return undefined;
}

export function findTaskRows(root: ParentNode): TaskRow[] {
  const rows: TaskRow[] = [];
  for (const control of controlsNamed(root, words('viewTaskDetails'))) {
    const row = rowAround(control);
    if (!row || rows.some((r) => r.element === row)) continue;
    const taskId = rowTaskId(row);
    rows.push({ element: row, viewDetails: control, ...(taskId ? { taskId } : {}) });
  }
  return rows;
}

/** The page shows this task's campaign (never guess: unknown means no). */
export function pageShowsCampaign(doc: Document, url: string, task: TaskIdentity): boolean {
  const ids = idsFrom(url);
  if (task.campaignId && ids.campaignId) return task.campaignId === ids.campaignId;
  const want = fold(task.campaignName);
  const line = campaignLine(doc);
  if (line) return fold(line.campaignName) === want;
  return deepQueryAll(doc, 'h1, h2, h3, strong, [title]').some((e) => fold(e.getAttribute('title') || deepText(e)) === want);
}

function rowHasName(row: Element, name: string): boolean {
  const want = fold(name);
  return deepQueryAll(row, '*').some((e) => e.children.length === 0 || e.matches('th, td, [role="cell"], [role="rowheader"]') ? fold(deepText(e)) === want : false);
}

/** The row of THIS task: by id when both sides know it, else by exact name. */
export function findTaskRow(doc: Document, task: TaskIdentity): TaskRow | null {
  const rows = findTaskRows(doc);
  if (task.taskId) {
    const byId = rows.find((r) => r.taskId === task.taskId);
    if (byId) return byId;
    if (rows.some((r) => r.taskId)) return null;
  }
  const byName = rows.filter((r) => rowHasName(r.element, task.taskName));
  return byName.length === 1 ? byName[0]! : null;
}

/** An open details panel showing THIS task. */
export function findOpenDetails(doc: Document, url: string, task: TaskIdentity): Element | null {
  const want = fold(task.taskName);
  for (const panel of deepQueryAll(doc, DETAILS_PANEL)) {
    if (fold(taskNameIn(panel)) !== want) continue;
    const ids = idsFrom(url, panel);
    if (task.taskId && ids.taskId && ids.taskId !== task.taskId) continue;
    return panel;
  }
  return null;
}

export function findRetrieveButton(panel: Element): HTMLElement | null {
  return controlsNamed(panel, words('retrieveMyPost')).find((b) => !(b as HTMLButtonElement).disabled && b.getAttribute('aria-disabled') !== 'true') ?? null;
}

function panelStatus(panel: Element): string | undefined {
  const labelled = labelledValue(panel, 'status');
  if (labelled) return labelled;
  for (const el of deepQueryAll(panel, 'span, div, p, strong')) {
    if (el.children.length > 1) continue;
    const text = deepText(el);
    if (text.length >= 3 && text.length <= 200 && !/\bdraft\b/i.test(text) && TASK_STATUS.some((re) => re.test(text))) return text;
  }
  return undefined;
}

/** The deliverable is with impact.com already: a posted TikTok video is shown, or the status says so. */
export function alreadySubmitted(panel: Element): boolean {
  if (deepQueryAll(panel, 'a[href]').some((a) => TIKTOK_VIDEO_LINK.test(a.getAttribute('href') ?? ''))) return true;
  const status = panelStatus(panel);
  return !!status && matchesAny(status, patterns('submittedStatus'));
}

export interface AlertSnapshot {
  texts: Set<string>;
}

export function snapshotAlerts(panel: Element | null): AlertSnapshot {
  return { texts: new Set(panel ? alertsIn(panel).map((a) => a.text) : []) };
}

function alertsIn(panel: Element): { text: string; isAlert: boolean }[] {
  return deepQueryAll(panel, ALERT)
    .filter((e) => !isOwn(e))
    .map((e) => ({ text: deepText(e), isAlert: e.getAttribute('role') === 'alert' || e.getAttribute('aria-live') === 'assertive' }))
    .filter((a) => a.text.length > 0);
}

/**
 * What the page says now, compared with before the click. null: no answer yet.
 * `cleared` = the alerts from before the click have gone, so any alert now is new.
 */
export function readRetrieveOutcome(panel: Element, before: AlertSnapshot, cleared: boolean): RetrieveResult | null {
  const fresh = alertsIn(panel).filter((a) => cleared || !before.texts.has(a.text));
  for (const a of fresh) if (matchesAny(a.text, patterns('notFoundYet'))) return { outcome: 'notYet', detail: a.text.slice(0, 500) };
  for (const a of fresh) if (matchesAny(a.text, patterns('retrieved'))) return { outcome: 'submitted', detail: a.text.slice(0, 500) };
  if (alreadySubmitted(panel)) return { outcome: 'submitted', detail: panelStatus(panel) ?? 'The post is shown as the deliverable.' };
  for (const a of fresh) if (a.isAlert || matchesAny(a.text, patterns('error'))) return { outcome: 'error', detail: a.text.slice(0, 500) };
  return null;
}

export interface RetrieveDeps {
  doc: Document;
  url(): string;
  sleep(ms: number): Promise<void>;
  now(): number;
  /** Remembers which attempts already clicked (survives a page reload within the tab). */
  clicks: Pick<Storage, 'getItem' | 'setItem'> | null;
  signal?: AbortSignal;
  /** How long to wait for the task, its details and the answer (ms). */
  timeouts?: { open: number; answer: number };
}

const CLICK_KEY = 'tiktok-deliverable-helper:retrieve-click:';

async function poll<T>(deps: RetrieveDeps, ms: number, read: () => T | null | undefined): Promise<T | null> {
  const until = deps.now() + ms;
  for (;;) {
    if (deps.signal?.aborted) return null;
    const v = read();
    if (v) return v;
    if (deps.now() >= until) return null;
    await deps.sleep(150);
  }
}

function hover(el: Element): void {
  const view = el.ownerDocument.defaultView;
  if (!view) return;
  for (const type of ['pointerover', 'pointerenter', 'mouseover', 'mouseenter', 'mousemove']) {
    const Ctor = type.startsWith('pointer') && 'PointerEvent' in view ? view.PointerEvent : view.MouseEvent;
    el.dispatchEvent(new Ctor(type, { bubbles: type !== 'mouseenter' && type !== 'pointerenter', composed: true }));
  }
}

/** The whole flow. Clicks "Retrieve my post" at most once per attemptId. */
export async function retrievePost(task: TaskIdentity, attemptId: string, deps: RetrieveDeps): Promise<RetrieveResult> {
  const { doc } = deps;
  const timeouts = deps.timeouts ?? { open: 10_000, answer: 30_000 };
  const clickedBefore = deps.clicks?.getItem(CLICK_KEY + attemptId) != null;

  let panel = findOpenDetails(doc, deps.url(), task);
  if (!panel) {
    if (!pageShowsCampaign(doc, deps.url(), task)) return { outcome: 'notHere', detail: 'This page does not show the task’s campaign.' };
    const row = await poll(deps, timeouts.open, () => findTaskRow(doc, task));
    if (!row) return { outcome: 'notHere', detail: `The task “${task.taskName}” is not listed on this page.` };
    hover(row.element);
    const control = (await poll(deps, 2000, () => findTaskRow(doc, task)?.viewDetails ?? null)) ?? row.viewDetails;
    if (!control) return { outcome: 'notHere', detail: 'The task has no View Task Details button.' };
    control.click();
    panel = await poll(deps, timeouts.open, () => findOpenDetails(doc, deps.url(), task));
    if (!panel) return { outcome: 'notHere', detail: 'View Task Details did not open.' };
  }

  // Wait for the panel's content (it loads after opening) before deciding anything.
  const ready = await poll(deps, timeouts.open, () => {
    const p = findOpenDetails(doc, deps.url(), task);
    return p && (findRetrieveButton(p) || alreadySubmitted(p) || clickedBefore) ? p : null;
  });
  if (!ready) return { outcome: 'notHere', detail: 'No “Retrieve my post” button in the task details.' };
  panel = ready;

  if (!clickedBefore) {
    if (alreadySubmitted(panel)) return { outcome: 'submitted', detail: panelStatus(panel) ?? 'Already submitted.' };
    const button = findRetrieveButton(panel);
    if (!button) return { outcome: 'notHere', detail: 'No “Retrieve my post” button in the task details.' };
    const before = snapshotAlerts(panel);
    deps.clicks?.setItem(CLICK_KEY + attemptId, String(deps.now()));
    button.click();
    return waitForAnswer(task, deps, before, false, timeouts.answer);
  }
  // Clicked already for this attempt (the page reloaded since): only read the answer.
  return waitForAnswer(task, deps, { texts: new Set() }, true, timeouts.answer);
}

async function waitForAnswer(task: TaskIdentity, deps: RetrieveDeps, before: AlertSnapshot, clearedAtStart: boolean, ms: number): Promise<RetrieveResult> {
  let cleared = clearedAtStart;
  const answer = await poll(deps, ms, () => {
    const panel = findOpenDetails(deps.doc, deps.url(), task);
    if (!panel) return null;
    if (!cleared && !alertsIn(panel).some((a) => before.texts.has(a.text))) cleared = true;
    return readRetrieveOutcome(panel, before, cleared);
  });
  return answer ?? { outcome: 'error', detail: 'The page gave no answer after “Retrieve my post”.' };
}
