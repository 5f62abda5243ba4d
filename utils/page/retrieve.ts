/**
 * "Retrieve my post" on behalf of the creator: find THE task (by id, or by name within the
 * right campaign — never by position), open its View Task Details, press its "Retrieve my
 * post" exactly once per attempt, and read what the page answered: impact.com's own words
 * verbatim (`detail`), or our reason code when there are none (worded where it is shown:
 * utils/retrieve-reason.ts).
 */
import type { RetrieveResult, TaskIdentity } from '../messages';
import { composedAncestors, controlsNamed, deepQueryAll, deepText, hasText, isOwn } from './dom';
import { ALERT, PAGE_FRAME, ROW_ID_ATTRIBUTES, TASK_STATUS, TIKTOK_VIDEO_LINK, URL_ID_PATTERNS } from './selectors';
import { campaignNamesOn, detailsScopeOf, idsInDetails, pairValue, taskNameIn } from './task';
import { dataAttributes, idFrom, idsFrom, idsInAttributes } from './ids';
import { repeatedAmongSiblings } from './tiles';
import { findTtcmSections } from './ttcm';
import { leafLines, readScope } from './reading';
import { actionPatterns, actionWords, fold, matchesAny, words } from './text';
import { poll } from './poll';
import type { RetrieveReason } from '../retrieve-reason';

export interface TaskRow {
  element: Element;
  /** The row's "View Task Details" control (may be revealed on hover only). */
  viewDetails: HTMLElement | null;
  taskId?: string;
}

const ROW_HINTS = 'tr, [role="row"], li, [role="listitem"], [data-testid*="row" i], [data-testid*="task" i]';

/**
 * The row around a task's "View Task Details" control, or around another anchor of the task
 * (its name, an element carrying its id) when the actions appear on hover only. `strict`: only
 * a recognisable row (a row hint, an item its siblings repeat, else the nearest ancestor with a
 * row's content), never the outermost container.
 */
export function rowAround(anchor: Element, strict = false): Element | null {
  const chain: Element[] = [];
  for (const a of [anchor, ...composedAncestors(anchor)]) {
    if (a.matches(PAGE_FRAME) || a.matches('table, tbody, thead, [role="table"], [role="rowgroup"], ul, ol, body')) break;
    chain.push(a);
  }
  const many = (a: Element) => controlsNamed(a, words('viewTaskDetails')).length > 1;
  const usable = chain.filter((a) => !many(a));
  // A row is an item of the list: the first ancestor that its siblings repeat (same tag and
  // class, with text of their own), not a cell that its neighbour cells repeat.
  const item = usable.find((a) => hasText(a) && repeatedAmongSiblings(a) && holdsRowContent(a));
  const hinted = usable.find((a) => a.matches(ROW_HINTS) && holdsRowContent(a));
  // A list of one repeats nothing: the nearest ancestor with a row's content.
  return hinted ?? item ?? usable.find(holdsRowContent) ?? (strict ? null : usable.at(-1) ?? null);
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
  // A row's bare data-id / data-key / data-entity is its task's.
  const fromData = idsInAttributes([...dataAttributes(row), ...deepQueryAll(row, '*').flatMap(dataAttributes)], 'task').taskId;
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
  const names = campaignNamesOn(readScope(doc.body ?? doc));
  if (names.length) return names.some((n) => fold(n) === want);
  return deepQueryAll(doc, 'h1, h2, h3, strong, [title]').some((e) => fold(e.getAttribute('title') || deepText(e)) === want);
}

function rowHasName(row: Element, name: string): boolean {
  const want = fold(name);
  return deepQueryAll(row, '*').some((e) => e.children.length === 0 || e.matches('th, td, [role="cell"], [role="rowheader"]') ? fold(deepText(e)) === want : false);
}

/**
 * Rows of THIS task found from the task itself when no row shows its View Task Details yet
 * (actions inserted on hover): an element carrying its id, else a line reading its exact name.
 */
function rowsShowing(doc: Document, task: TaskIdentity): TaskRow[] {
  const want = fold(task.taskName);
  const all = deepQueryAll(doc.body ?? doc, '*').filter((e) => !isOwn(e));
  const byId = task.taskId
    ? all.filter((e) => idsInAttributes(dataAttributes(e), 'task').taskId === task.taskId || (e.matches('a[href]') && idFrom(e.getAttribute('href') ?? '', URL_ID_PATTERNS.task) === task.taskId))
    : [];
  // A task known only by its id has no name to look for.
  const anchors = byId.length || !want ? byId : all.filter((e) => e.children.length === 0 && fold(deepText(e)) === want);
  const rows: TaskRow[] = [];
  for (const anchor of anchors) {
    const row = rowAround(anchor, true);
    if (!row || rows.some((r) => r.element === row)) continue;
    const taskId = rowTaskId(row);
    rows.push({ element: row, viewDetails: controlsNamed(row, words('viewTaskDetails'))[0] ?? null, ...(taskId ? { taskId } : {}) });
  }
  return rows;
}

/** The row of THIS task: by id when both sides know it, else by exact name. */
export function findTaskRow(doc: Document, task: TaskIdentity): TaskRow | null {
  return rowOf(findTaskRows(doc), task) ?? rowOf(rowsShowing(doc, task), task);
}

function rowOf(rows: TaskRow[], task: TaskIdentity): TaskRow | null {
  if (task.taskId) {
    const byId = rows.find((r) => r.taskId === task.taskId);
    if (byId) return byId;
    if (rows.some((r) => r.taskId)) return null;
  }
  const byName = fold(task.taskName) ? rows.filter((r) => rowHasName(r.element, task.taskName)) : [];
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
    const anchors = [...findTtcmSections(d).map((s) => s.toggle), ...controlsNamed(d, actionWords('retrieveMyPost'))];
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
    const ids = { ...idsFrom(url), ...(frameUrl ? idsFrom(frameUrl) : {}), ...idsInDetails(scope, reading) };
    if (task.taskId && ids.taskId) {
      if (ids.taskId === task.taskId) return scope;
      continue;
    }
    const name = taskNameIn(scope, reading)?.name;
    if (name) {
      if (want && fold(name) === want) return scope;
      continue;
    }
    if (want && reading.lines.some((l) => fold(l.text) === want)) return scope;
    unnamed.push(scope);
  }
  const fresh = unnamed.filter((s) => openedSince && !openedSince.has(s));
  return scopes.length === 1 && fresh.length === 1 ? fresh[0]! : null;
}

export function findRetrieveButton(panel: Element): HTMLElement | null {
  return controlsNamed(panel, actionWords('retrieveMyPost')).find((b) => !(b as HTMLButtonElement).disabled && b.getAttribute('aria-disabled') !== 'true') ?? null;
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
  return !!status && matchesAny(status, actionPatterns('submittedStatus'));
}

export interface AlertSnapshot {
  texts: Set<string>;
  /** Every line the details showed before the click: a line not among them is new. */
  lines?: Set<string>;
  /** The task's impact.com status before the click. */
  status?: string;
}

export function snapshotAlerts(panel: Element | null): AlertSnapshot {
  return {
    texts: new Set(panel ? alertsIn(panel).map((a) => a.text) : []),
    lines: new Set(panel ? readScope(panel).lines.map((l) => l.text) : []),
    status: panel ? panelStatus(panel) : undefined,
  };
}

interface Message {
  text: string;
  isAlert: boolean;
}

const isAlertElement = (e: Element) => e.getAttribute('role') === 'alert' || e.getAttribute('aria-live') === 'assertive';

function alertsIn(panel: Element): Message[] {
  return deepQueryAll(panel, ALERT)
    .filter((e) => !isOwn(e))
    .map((e) => ({ text: deepText(e), isAlert: isAlertElement(e) }))
    .filter((a) => a.text.length > 0);
}

/**
 * What was added to the page after the click: the answer may be a toast mounted on the
 * document's body, or a line put into the details, with no alert role either way.
 */
export function watchAppearing(docs: Document[]): { added: Element[]; stop(): void } {
  const added: Element[] = [];
  const observers = docs.map((d) => {
    const o = new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) if (n.nodeType === Node.ELEMENT_NODE && !isOwn(n)) added.push(n as Element);
    });
    o.observe(d.documentElement, { childList: true, subtree: true });
    return o;
  });
  return { added, stop: () => observers.forEach((o) => o.disconnect()) };
}

/**
 * Short lines the details did not show before the click: new in the details themselves
 * (shadow roots included), or in what was added to the page since (a toast on the body).
 */
function messagesAppeared(panel: Element, appeared: readonly Element[], before: AlertSnapshot): Message[] {
  const out: Message[] = [];
  if (!before.lines) return out;
  for (const el of [panel, ...appeared]) {
    if (!el.isConnected) continue;
    for (const line of leafLines(readScope(el))) {
      if (line.text.length > 300 || before.lines.has(line.text) || out.some((m) => m.text === line.text)) continue;
      out.push({ text: line.text, isAlert: [line.el, ...composedAncestors(line.el)].some(isAlertElement) });
    }
  }
  return out;
}

/**
 * What the page says now, compared with before the click. null: no answer yet.
 * `cleared` = the alerts from before the click have gone, so any alert now is new.
 * `appeared`: elements added since the click (see watchAppearing).
 */
export function readRetrieveOutcome(panel: Element, before: AlertSnapshot, cleared: boolean, appeared: readonly Element[] = []): RetrieveResult | null {
  const fresh = [...alertsIn(panel).filter((a) => cleared || !before.texts.has(a.text)), ...messagesAppeared(panel, appeared, before)];
  for (const a of fresh) if (matchesAny(a.text, actionPatterns('notFoundYet'))) return { outcome: 'notYet', detail: a.text.slice(0, 500) };
  for (const a of fresh) if (matchesAny(a.text, actionPatterns('retrieved'))) return { outcome: 'submitted', detail: a.text.slice(0, 500) };
  if (alreadySubmitted(panel)) return submittedAnswer(panel, 'postShown');
  for (const a of fresh) if (a.isAlert || matchesAny(a.text, actionPatterns('error'))) return { outcome: 'error', detail: a.text.slice(0, 500) };
  return null;
}

/** Submitted: the status impact.com shows (its words), else why we know (our reason). */
function submittedAnswer(panel: Element, reason: RetrieveReason): RetrieveResult {
  const status = panelStatus(panel);
  // Already submitted: the status it shows is the task's impact.com status now.
  return status ? { outcome: 'submitted', detail: status, impactStatus: status } : { outcome: 'submitted', detail: '', reason };
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

/** The pointer entering `el`: over it, and entering it and each of its (composed) ancestors. */
export function hover(el: Element): void {
  const view = el.ownerDocument.defaultView;
  if (!view) return;
  const event = (type: string, bubbles: boolean) => new (type.startsWith('pointer') && 'PointerEvent' in view ? view.PointerEvent : view.MouseEvent)(type, { bubbles, composed: true });
  for (const type of ['pointerover', 'mouseover', 'mousemove']) el.dispatchEvent(event(type, true));
  for (const a of [el, ...composedAncestors(el)]) for (const type of ['pointerenter', 'mouseenter']) a.dispatchEvent(event(type, false));
}

/**
 * Actions shown only under the pointer (a section's "Retrieve my post" inserted on hover): the
 * pointer passes over each part of the details, as a person's would looking for the button.
 */
export function sweepPointer(scope: Element): void {
  hover(scope);
  for (const el of deepQueryAll(scope, '*').slice(0, 400)) {
    if (!isOwn(el) && !el.closest('svg') && hasText(el)) for (const type of ['pointerenter', 'mouseenter']) el.dispatchEvent(new MouseEvent(type, { bubbles: false, composed: true }));
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
    if (!pageShowsCampaign(doc, deps.url(), task)) return { outcome: 'notHere', detail: '', reason: 'campaignNotShown' };
    const row = await poll(deps, timeouts.open, () => findTaskRow(doc, task));
    if (!row) return { outcome: 'notHere', detail: '', reason: 'taskNotListed', value: task.taskName || task.taskId || '' };
    hover(row.element);
    const control = (await poll(deps, 2000, () => findTaskRow(doc, task)?.viewDetails ?? null)) ?? row.viewDetails;
    if (!control) return { outcome: 'notHere', detail: '', reason: 'noViewDetails' };
    openedBefore = new Set(openDetailsScopes(doc));
    control.click();
    panel = await poll(deps, timeouts.open, () => findOpenDetails(doc, deps.url(), task, openedBefore));
    if (!panel) return { outcome: 'notHere', detail: '', reason: 'detailsDidNotOpen' };
  }

  // Wait for the panel's content (it loads after opening) before deciding anything.
  const ready = await poll(deps, timeouts.open, () => {
    const p = findOpenDetails(doc, deps.url(), task, openedBefore);
    if (p && !findRetrieveButton(p) && !alreadySubmitted(p)) sweepPointer(p);
    return p && (findRetrieveButton(p) || alreadySubmitted(p) || clickedBefore) ? p : null;
  });
  if (!ready) return { outcome: 'notHere', detail: '', reason: 'noRetrieveButton' };
  panel = ready;

  if (!clickedBefore) {
    if (alreadySubmitted(panel)) return submittedAnswer(panel, 'alreadySubmitted');
    const button = findRetrieveButton(panel);
    if (!button) return { outcome: 'notHere', detail: '', reason: 'noRetrieveButton' };
    const before = snapshotAlerts(panel);
    deps.clicks?.setItem(CLICK_KEY + attemptId, String(deps.now()));
    const appearing = watchAppearing([...new Set([doc, panel.ownerDocument])]);
    button.click();
    try {
      return await waitForAnswer(task, deps, before, false, timeouts.answer, openedBefore, appearing.added);
    } finally {
      appearing.stop();
    }
  }
  // Clicked already for this attempt (the page reloaded since): only read the answer.
  return waitForAnswer(task, deps, { texts: new Set() }, true, timeouts.answer);
}

async function waitForAnswer(task: TaskIdentity, deps: RetrieveDeps, before: AlertSnapshot, clearedAtStart: boolean, ms: number, openedBefore?: ReadonlySet<Element>, appeared: readonly Element[] = []): Promise<RetrieveResult> {
  let cleared = clearedAtStart;
  const answer = await poll(deps, ms, () => {
    const panel = findOpenDetails(deps.doc, deps.url(), task, openedBefore);
    if (!panel) return null;
    if (!cleared && !alertsIn(panel).some((a) => before.texts.has(a.text))) cleared = true;
    return readRetrieveOutcome(panel, before, cleared, appeared);
  });
  if (!answer) return { outcome: 'error', detail: '', reason: 'noAnswer' };
  const status = await statusAfter(answer, task, deps, before, openedBefore);
  return status ? { ...answer, impactStatus: status } : answer;
}

/** How long the details may take to show the new status once the answer is there. */
export const STATUS_SETTLE_MS = 3000;

/**
 * The task's impact.com status read back after the answer, so that the tracker does not show
 * "Submitted" next to the status from before the click. Once the post is in, the status turns
 * to "… pending approval", sometimes a moment after the message: wait for that a little. Only
 * news is reported: a status unchanged since the click is undefined (keep what is known).
 */
async function statusAfter(answer: RetrieveResult, task: TaskIdentity, deps: RetrieveDeps, before: AlertSnapshot, openedBefore?: ReadonlySet<Element>): Promise<string | undefined> {
  const read = () => {
    const panel = findOpenDetails(deps.doc, deps.url(), task, openedBefore);
    return panel ? panelStatus(panel) : undefined;
  };
  const submitted = (s: string | undefined) => !!s && matchesAny(s, actionPatterns('submittedStatus'));
  let status = read();
  if (answer.outcome === 'submitted' && !submitted(status)) status = (await poll(deps, STATUS_SETTLE_MS, () => (submitted(read()) ? read() : null))) ?? read();
  return status !== undefined && status !== before.status ? status : undefined;
}
