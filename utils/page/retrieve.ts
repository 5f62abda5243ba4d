/**
 * "Retrieve my post" on behalf of the creator: find THE task (by id, or by name within the
 * right campaign — never by position), open its View Task Details, press its "Retrieve my
 * post" exactly once per attempt, and read what the page answered.
 */
import type { RetrieveResult, TaskIdentity } from '../messages';
import { composedAncestors, controlsNamed, deepQueryAll, deepText, hasText, isOwn } from './dom';
import { ALERT, PAGE_FRAME, ROW_ID_ATTRIBUTES, TASK_STATUS, TIKTOK_VIDEO_LINK, URL_ID_PATTERNS } from './selectors';
import { campaignLine, detailsScopeOf, pairValue, taskNameIn } from './task';
import { dataAttributes, idFrom, idsFrom, idsInAttributes } from './ids';
import { repeatedAmongSiblings } from './tiles';
import { findTtcmSections } from './ttcm';
import { readScope } from './reading';
import { fold, matchesAny, patterns, words } from './text';

export interface TaskRow {
  element: Element;
  /** The row's "View Task Details" control (may be revealed on hover only). */
  viewDetails: HTMLElement | null;
  taskId?: string;
}

const ROW_HINTS = 'tr, [role="row"], li, [role="listitem"], [data-testid*="row" i], [data-testid*="task" i]';

/** The row around a task's "View Task Details" control. */
export function rowAround(control: Element): Element | null {
  const chain: Element[] = [];
  for (const a of composedAncestors(control)) {
    if (a.matches(PAGE_FRAME) || a.matches('table, tbody, thead, [role="table"], [role="rowgroup"], ul, ol, body')) break;
    chain.push(a);
  }
  const many = (a: Element) => controlsNamed(a, words('viewTaskDetails')).length > 1;
  const usable = chain.filter((a) => !many(a));
  // A row is an item of the list: the first ancestor that its siblings repeat (same tag and
  // class, with text of their own), not a cell that its neighbour cells repeat.
  const item = usable.find((a) => hasText(a) && repeatedAmongSiblings(a) && holdsRowContent(a));
  return usable.find((a) => a.matches(ROW_HINTS) && holdsRowContent(a)) ?? item ?? usable.at(-1) ?? null;
}

/** More than the action itself: a name, a status (a cell holds one of these at most). */
function holdsRowContent(row: Element): boolean {
  const reading = readScope(row);
  const controls = reading.controls.map((c) => c.el as Element);
  return reading.lines.filter((l) => !controls.some((c) => c === l.el || c.contains(l.el))).length >= 2;
}

export function rowTaskId(row: Element): string | undefined {
  for (const attr of ROW_ID_ATTRIBUTES) {
    const v = row.getAttribute(attr);
    const m = v?.match(/(\d{3,})/);
    if (m?.[1]) return m[1];
  }
  const fromData = idsInAttributes([...dataAttributes(row), ...deepQueryAll(row, '*').flatMap(dataAttributes)]).taskId;
  if (fromData) return fromData;
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

/**
 * Same-origin frames of the page (impact.com's modals may be pages of their own in a frame):
 * their documents, so the flow can find the task, press and read the answer there.
 */
export function frameDocuments(doc: Document): Document[] {
  const out: Document[] = [doc];
  for (let i = 0; i < out.length && out.length < 20; i++) {
    for (const frame of deepQueryAll<HTMLIFrameElement>(out[i]!, 'iframe, frame')) {
      try {
        const inner = frame.contentDocument;
        if (inner?.body && !out.includes(inner)) out.push(inner);
      } catch {
        /* another origin: not ours to read */
      }
    }
  }
  return out;
}

/** Every task details scope open on the page and its frames (anchored on TTCM sections and Retrieve my post buttons). */
export function openDetailsScopes(doc: Document): Element[] {
  const scopes: Element[] = [];
  for (const d of frameDocuments(doc)) {
    const anchors = [...findTtcmSections(d).map((s) => s.toggle), ...controlsNamed(d, words('retrieveMyPost'))];
    for (const anchor of anchors) {
      const scope = detailsScopeOf(anchor);
      if (!scopes.some((s) => s === scope || s.contains(scope))) scopes.push(scope);
    }
  }
  return scopes.filter((s) => !scopes.some((o) => o !== s && o.contains(s)));
}

/**
 * An open details scope showing THIS task: by id where both know it, else by its name (a
 * heading or a line of the details). Details that name neither (no id, no name of any task)
 * are taken only when `openedSince` is given — the scopes open before the flow pressed this
 * task's own View Task Details — and they are the only details, and new since then: never a
 * panel that was already open, whose task we cannot tell.
 */
export function findOpenDetails(doc: Document, url: string, task: TaskIdentity, openedSince?: ReadonlySet<Element>): Element | null {
  const want = fold(task.taskName);
  const scopes = openDetailsScopes(doc);
  const unnamed: Element[] = [];
  for (const scope of scopes) {
    const reading = readScope(scope);
    const frameUrl = scope.ownerDocument !== doc ? scope.ownerDocument.URL : undefined;
    const ids = { ...idsFrom(url), ...(frameUrl ? idsFrom(frameUrl) : {}), ...idsInAttributes(reading.dataAttributes) };
    if (task.taskId && ids.taskId) {
      if (ids.taskId === task.taskId) return scope;
      continue;
    }
    const name = taskNameIn(scope, reading)?.name;
    if (name) {
      if (fold(name) === want) return scope;
      continue;
    }
    if (reading.lines.some((l) => fold(l.text) === want)) return scope;
    unnamed.push(scope);
  }
  const fresh = unnamed.filter((s) => openedSince && !openedSince.has(s));
  return scopes.length === 1 && fresh.length === 1 ? fresh[0]! : null;
}

export function findRetrieveButton(panel: Element): HTMLElement | null {
  return controlsNamed(panel, words('retrieveMyPost')).find((b) => !(b as HTMLButtonElement).disabled && b.getAttribute('aria-disabled') !== 'true') ?? null;
}

function panelStatus(panel: Element): string | undefined {
  const labelled = pairValue(readScope(panel), 'status');
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
  let openedBefore: Set<Element> | undefined;
  if (!panel) {
    if (!pageShowsCampaign(doc, deps.url(), task)) return { outcome: 'notHere', detail: 'This page does not show the task’s campaign.' };
    const row = await poll(deps, timeouts.open, () => findTaskRow(doc, task));
    if (!row) return { outcome: 'notHere', detail: `The task “${task.taskName}” is not listed on this page.` };
    hover(row.element);
    const control = (await poll(deps, 2000, () => findTaskRow(doc, task)?.viewDetails ?? null)) ?? row.viewDetails;
    if (!control) return { outcome: 'notHere', detail: 'The task has no View Task Details button.' };
    openedBefore = new Set(openDetailsScopes(doc));
    control.click();
    panel = await poll(deps, timeouts.open, () => findOpenDetails(doc, deps.url(), task, openedBefore));
    if (!panel) return { outcome: 'notHere', detail: 'View Task Details did not open.' };
  }

  // Wait for the panel's content (it loads after opening) before deciding anything.
  const ready = await poll(deps, timeouts.open, () => {
    const p = findOpenDetails(doc, deps.url(), task, openedBefore);
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
    return waitForAnswer(task, deps, before, false, timeouts.answer, openedBefore);
  }
  // Clicked already for this attempt (the page reloaded since): only read the answer.
  return waitForAnswer(task, deps, { texts: new Set() }, true, timeouts.answer);
}

async function waitForAnswer(task: TaskIdentity, deps: RetrieveDeps, before: AlertSnapshot, clearedAtStart: boolean, ms: number, openedBefore?: ReadonlySet<Element>): Promise<RetrieveResult> {
  let cleared = clearedAtStart;
  const answer = await poll(deps, ms, () => {
    const panel = findOpenDetails(deps.doc, deps.url(), task, openedBefore);
    if (!panel) return null;
    if (!cleared && !alertsIn(panel).some((a) => before.texts.has(a.text))) cleared = true;
    return readRetrieveOutcome(panel, before, cleared);
  });
  return answer ?? { outcome: 'error', detail: 'The page gave no answer after “Retrieve my post”.' };
}
