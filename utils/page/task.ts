/**
 * The task around a TTCM section: where its details are (derived from the section itself,
 * never from a required container), and what they say about the task (name, status, due
 * date), its campaign (name, brand, id) and the account. Produces the DiscoveredTask the
 * tracker records.
 *
 * Every field comes from a ranked list of sources, best first; the first that answers
 * wins, and the reading says which source that was (diagnostics). A task is recorded as
 * soon as it has a stable key — campaign id or name, and task id or name — from any source:
 * the details, the rest of the page, the address, or the creator's own path to it (the tile
 * whose Manage Tasks and the row whose View Task Details were pressed).
 */
import type { DiscoveredTask } from '../tracker/schema';
import { composedContains, composedParentElement, controlsNamed, deepText, drain, elementByIdNear, elementsWithText, elementsWithTextStepwise, isHiddenByPage } from './dom';
import { leafLines, readScope, type ScopeReading } from './reading';
import { ACCOUNT_LABEL, DATE_ONLY, DETAILS_PANEL, DUE_INLINE, MENU, NAME_SEPARATOR, TASK_STATUS, TEXT_ID_PATTERNS, URL_ID_PATTERNS } from './selectors';
export { idsFrom } from './ids';
import { dataAttributes, idFrom, idsFrom, idsInAttributes, type Ids } from './ids';
import { fold, isWord, startsWithWord, words, type WordKind } from './text';
import { findTtcmSections, readTtcm, type TtcmSection } from './ttcm';
import type { CreatorPath } from './path';
import type { DiagnosticNote } from './diagnostic-notes';

/**
 * The scope of a task's details, derived from its TTCM section: climb the composed tree
 * (out of shadow roots) while the next container holds nothing of another task — no View
 * Task Details or Manage Tasks control, no second TTCM section, no list of task statuses —
 * nor the site's own bar, and stop at a dialog-like container (a hint, not a condition) or
 * the frame's body.
 */
export function detailsScopeOf(toggle: Element): Element {
  const others = otherTaskAnchors(toggle);
  let scope: Element = toggle;
  for (let parent = composedParentElement(scope); parent; parent = composedParentElement(scope)) {
    // A child of the body is a layer of its own: the app, or a modal mounted beside it.
    if (parent.localName === 'html' || (parent.localName === 'body' && scope.localName !== 'body')) break;
    if (holdsOtherTasks(parent, scope, others)) break;
    scope = parent;
    if (scope.localName === 'body' || scope.matches(DETAILS_PANEL)) break;
  }
  return scope;
}

/** What may belong to other tasks, found once on the section's page (not again at every step of the climb). */
interface OtherTaskAnchors {
  manageTasks: Element[];
  viewTaskDetails: Element[];
  ttcmToggles: Element[];
  statuses: Element[];
  /** The site's own bar (the account, the Discover menu): never part of a task's details. */
  siteBar: Element[];
}

/** A page-wide bar: a banner or menubar, or a header holding navigation (a dialog's header holds a title and a close button). */
function isSiteBar(el: Element): boolean {
  if (el.localName !== 'header') return true;
  return !!el.querySelector('nav, [role="navigation"], [role="menu"], [aria-haspopup]') || el.querySelectorAll('a[href], button').length >= 3;
}

function otherTaskAnchors(toggle: Element): OtherTaskAnchors {
  const page = toggle.ownerDocument;
  return {
    manageTasks: controlsNamed(page, words('manageTasks')),
    viewTaskDetails: controlsNamed(page, words('viewTaskDetails')),
    ttcmToggles: findTtcmSections(page).map((s) => s.toggle).filter((t) => t !== toggle),
    statuses: elementsWithText(page, ['not started', 'in progress', 'awaiting', 'waiting', 'pending', 'approved', 'rejected', 'complete'], isStatus),
    siteBar: Array.from(page.querySelectorAll('header, [role="banner"], [role="menubar"]')).filter(isSiteBar),
  };
}

/** Does `container` hold, outside `inner`, something that belongs to another task? */
function holdsOtherTasks(container: Element, inner: Element, others: OtherTaskAnchors): boolean {
  const beside = (list: Element[]) => list.filter((el) => composedContains(container, el) && !composedContains(inner, el)).length;
  // A tile's Manage Tasks is never part of a task's details; one View Task Details may be
  // (a link to the task's own page), a list of them is other tasks'.
  if (beside(others.manageTasks) > 0 || beside(others.ttcmToggles) > 0 || beside(others.siteBar) > 0) return true;
  if (beside(others.viewTaskDetails) >= 2) return true;
  // A list of tasks: two or more status lines beside the details.
  return beside(others.statuses) >= 2;
}

function isStatus(text: string): boolean {
  return text.length >= 3 && text.length <= 200 && TASK_STATUS.some((re) => re.test(text)) && !/\bdraft\b/i.test(text);
}

/** The first pair whose label is one of `kind`'s words. */
export function pairValue(reading: ScopeReading, kind: WordKind): string | undefined {
  return reading.pairs.find((p) => isWord(p.label, kind))?.value;
}

/** "Campaign name · Brand" (the usual header of a task slide-out or the tasks page). */
export function campaignLineIn(reading: ScopeReading): { campaignName: string; brand: string } | undefined {
  for (const { el, text } of reading.lines) {
    if (isHiddenByPage(el)) continue;
    const parts = text.split(NAME_SEPARATOR);
    if (parts.length !== 2) continue;
    const [a, b] = parts.map((p) => p.trim()) as [string, string];
    if (!a || !b || /^due\b/i.test(b) || words('tiktok').includes(fold(a)) || /^\d/.test(b)) continue;
    if (/\d+ of \d+ tasks?/i.test(b) || isStatus(b) || DATE_ONLY.test(b)) continue;
    // "<status badge> TikTok · <date>": the task's own line, not its campaign's.
    if (Array.from(el.children).some((c) => isStatus(deepText(c)))) continue;
    return { campaignName: a, brand: b };
  }
  return undefined;
}

/** Every name the page gives its campaign: a "Campaign" field, a "Campaign · Brand" line, a link to the campaign. */
export function campaignNamesOn(reading: ScopeReading): string[] {
  return [pairValue(reading, 'campaign'), campaignLineIn(reading)?.campaignName, campaignLinkIn(reading, undefined)?.name].filter((n): n is string => !!n);
}

/** The account the page is showing (top bar), when it says so. */
export function currentAccount(doc: Document): { accountId?: string; accountName?: string } {
  return findAccountLabel(doc)?.account ?? {};
}

type Account = { accountId?: string; accountName?: string };

/** What a shown account label says, or null when it is not (or no longer) one. */
function readAccountLabel(el: Element): Account | null {
  if (!el.isConnected || el.closest(MENU) || isHiddenByPage(el)) return null;
  const m = deepText(el).match(ACCOUNT_LABEL);
  if (!m) return null;
  // "(Acct 1234567)" on its own: the name is next to it, in the same parent.
  const name = m[1]?.trim() || (el.parentElement ? deepText(el.parentElement).match(ACCOUNT_LABEL)?.[1]?.trim() : undefined);
  return { ...(name ? { accountName: name } : {}), accountId: m[2] };
}

function findAccountLabel(doc: Document): { label: Element; account: Account } | null {
  return drain(findAccountLabelStepwise(doc));
}

/** findAccountLabel a step at a time (a `null` per step: see elementsWithTextStepwise). */
function* findAccountLabelStepwise(doc: Document): Generator<null, { label: Element; account: Account } | null> {
  // The light DOM first (the top bar, usually): the page's components are searched only
  // when it has no account label (a label in the light DOM came first anyway; and the list of
  // a page's shadow roots, which a page's change makes stale, is not made for nothing).
  for (const lightOnly of [true, false]) {
    for (const label of yield* elementsWithTextStepwise(doc, ['acct', 'account'], (t) => ACCOUNT_LABEL.test(t), { lightOnly, notInTiles: true })) {
      const account = readAccountLabel(label);
      if (account) return { label, account };
    }
  }
  return null;
}

/**
 * currentAccount for a page read again and again (every tile of a re-rendered list): the
 * label found last time is re-read while it is still shown, so the whole page is searched
 * only when the top bar changed, and on a page without one at most once a second. Reading
 * searches when a search is due; `known()` never does (it answers from the last search), and
 * `search()` does a due search a step at a time, for a caller that spreads its work over
 * frames (the overlay: before the tiles it decorates, which then read `known()`).
 */
export interface AccountReader {
  (): Account;
  known(): Account;
  search(): Generator<null, void>;
}

export function accountReader(doc: Document, now: () => number = () => (doc.defaultView ?? globalThis).performance.now()): AccountReader {
  let label: WeakRef<Element> | null = null;
  let missedAt = -Infinity;
  let wait = ACCOUNT_SEARCH_FIRST_WAIT_MS;
  /** The label found last time, still shown: what it says now. */
  const reread = (): Account | null => {
    const known = label?.deref();
    return known ? readAccountLabel(known) : null;
  };
  // A page that shows no account label is searched again after a wait that doubles up to
  // half a minute: a page of thousands of tiles asks for every tile, and each search reads
  // the whole page's text (a top bar drawn late is still found).
  const due = () => !!label?.deref() || now() - missedAt >= wait;
  const found = (result: { label: Element; account: Account } | null): Account => {
    label = result ? new WeakRef(result.label) : null;
    if (result) {
      missedAt = -Infinity;
      wait = ACCOUNT_SEARCH_FIRST_WAIT_MS;
    } else {
      if (missedAt > -Infinity) wait = Math.min(wait * 2, ACCOUNT_SEARCH_LONGEST_WAIT_MS);
      missedAt = now();
    }
    return result?.account ?? {};
  };
  const read = (): Account => {
    const account = reread();
    if (account) return account;
    if (!due()) return {};
    return found(findAccountLabel(doc));
  };
  return Object.assign(read, {
    known: () => reread() ?? {},
    *search() {
      if (reread() || !due()) return;
      found(yield* findAccountLabelStepwise(doc));
    },
  });
}

const ACCOUNT_SEARCH_FIRST_WAIT_MS = 1000;
const ACCOUNT_SEARCH_LONGEST_WAIT_MS = 30_000;

/** Words of the details' own sections: never a task's name. */
function isSectionTitle(text: string): boolean {
  return startsWithWord(text, 'ttcmSection') || isWord(text, 'detailsSections') || isStatus(text);
}

/** The task's name as the details show it, best source first. */
/** A task name and where it came from; `weak` when the details themselves did not name the task. */
export interface NameReading {
  name: string;
  /** Where it came from (diagnostics): a weak one is said in a note. */
  source: 'field' | 'label' | 'heading' | 'pressedRow' | 'firstLine';
  weak?: true;
}

export function taskNameIn(scope: Element, reading: ScopeReading = readScope(scope), before?: Element): NameReading | undefined {
  const labelled = pairValue(reading, 'taskName');
  if (labelled) return { name: labelled, source: 'field' };
  if (scope.matches(DETAILS_PANEL) && (scope.hasAttribute('aria-label') || scope.hasAttribute('aria-labelledby'))) {
    const labelledBy = (scope.getAttribute('aria-labelledby') ?? '').split(/\s+/).map((id) => elementByIdNear(scope, id)).filter((x): x is Element => !!x);
    const name = scope.getAttribute('aria-label')?.trim() || labelledBy.map((x) => deepText(x)).join(' ').trim();
    if (name && name.length <= 300 && !isSectionTitle(name)) return { name, source: 'label' };
  }
  // The most prominent heading that comes before the TTCM section: the details' title.
  const headings = reading.headings.filter((h) => !isSectionTitle(h.text) && h.text.length <= 300 && (!before || precedes(h.el, before)));
  const top = Math.min(...headings.map((h) => h.level));
  const heading = headings.find((h) => h.level === top);
  return heading ? { name: heading.text, source: 'heading' } : undefined;
}

/**
 * The details' first line of its own, before the TTCM section: how a task's name is shown
 * in a styled block with no heading or label. Not an action, a label or a labelled value,
 * a status, a date, a "Campaign · Brand" line or a breadcrumb.
 */
function firstLineIn(reading: ScopeReading, before: Element): string | undefined {
  const controls = reading.controls.map((c) => c.el as Element);
  const paired = new Set<Element>(reading.pairs.filter((p) => !p.adjacent || isKnownLabel(p.label)).flatMap((p) => [p.labelEl, p.valueEl]));
  for (const { el, text } of leafLines(reading)) {
    if (!precedes(el, before) || el.contains(before)) continue;
    if (text.length < 2 || text.length > 200 || paired.has(el) || controls.some((c) => c === el || c.contains(el) || el.contains(c))) continue;
    if (el.closest('nav, ol, [aria-label*="breadcrumb" i]') || isStatus(text) || DUE_INLINE.test(text) || DATE_ONLY.test(text) || NAME_SEPARATOR.test(text) || isSectionTitle(text)) continue;
    if (words('tiktok').includes(fold(text)) || /^[\W\d]+$/u.test(text) || /[:：]$/.test(text)) continue;
    return text;
  }
  return undefined;
}

/** A label the word table knows (any field of the details). */
function isKnownLabel(label: string): boolean {
  return (['taskName', 'status', 'dueDate', 'campaign', 'brand', 'inviteLink', 'campaignCode', 'account'] as const).some((k) => isWord(label, k));
}

/** `a` comes before `b` in document order (same tree), or lies in another tree. */
function precedes(a: Element, b: Element): boolean {
  if (a.getRootNode() !== b.getRootNode()) return true;
  return (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
}

/** A link to the campaign: a breadcrumb, or any link whose address names the campaign id. Its name, and the id its address holds. */
function campaignLinkIn(reading: ScopeReading, campaignId: string | undefined, taskName?: string): { name: string; id?: string } | undefined {
  const named = reading.links.filter((l) => l.text && l.text.length <= 300 && !isWord(l.text, 'campaign'));
  const toCampaign = (l: { href: string }) => idFrom(l.href, URL_ID_PATTERNS.campaign);
  const found = (l: { text: string; href: string }) => ({ name: l.text, ...(toCampaign(l) ? { id: toCampaign(l) } : {}) });
  if (campaignId) {
    const link = named.find((l) => toCampaign(l) === campaignId && !idFrom(l.href, URL_ID_PATTERNS.task));
    if (link) return found(link);
  }
  const crumbs = named.filter((l) => l.el.closest(BREADCRUMB));
  // The breadcrumb before the task itself: the campaign (the first ones are the app's sections).
  const link = crumbs.filter((l) => toCampaign(l) && !idFrom(l.href, URL_ID_PATTERNS.task)).at(-1);
  if (link) return found(link);
  // A trail without ids ("Participating › <campaign>", the last crumb a link or plain text):
  // its last crumb after the app's section, unless that is the task itself.
  const nav = crumbs[0]?.el.closest(BREADCRUMB);
  if (!nav) return undefined;
  const trail = leafLines(reading).filter((l) => nav.contains(l.el) && /[\p{L}\p{N}]/u.test(l.text) && !l.el.closest('[aria-hidden="true"]'));
  const end = taskName && fold(trail.at(-1)?.text) === fold(taskName) ? trail.slice(0, -1) : trail;
  const last = end.at(-1);
  return end.length >= 2 && last && !(last.el.matches('a[href]') && idFrom(last.el.getAttribute('href') ?? '', URL_ID_PATTERNS.task)) ? { name: last.text } : undefined;
}

const BREADCRUMB = 'nav, [aria-label*="breadcrumb" i], [data-testid*="breadcrumb" i], ol';

export interface TaskContext {
  /** The top page's address (a frame's own is in frameUrl). */
  url: string;
  frameUrl?: string;
  /** What the creator pressed on the way here, when known. */
  path?: CreatorPath;
}

export interface TaskReading {
  /** The details' scope the reading came from (a later change outside it does not concern it). */
  scope: Element;
  /** The task as read, before the worker parses it (a read it refuses is answered with the reason). */
  task?: DiscoveredTask;
  /** Why no task could be produced (the page strip and diagnostics word it: diagnostic-notes.ts). */
  problem?: DiagnosticNote;
  /** Which source answered for a field that the details themselves did not show. */
  notes: DiagnosticNote[];
}

/** Everything the tracker wants to know about the task showing this TTCM section. */
export function readDiscoveredTask(section: TtcmSection, urlOrContext: string | TaskContext): TaskReading {
  const context: TaskContext = typeof urlOrContext === 'string' ? { url: urlOrContext } : urlOrContext;
  const doc = section.toggle.ownerDocument;
  const scope = detailsScopeOf(section.toggle);
  const reading = readScope(scope);
  // The rest of the page is read only when the details do not say what is needed.
  let pageReadingMemo: ScopeReading | undefined;
  const pageReading = () => (pageReadingMemo ??= scope.localName === 'body' ? reading : readScope(doc.body ?? doc));
  const notes: DiagnosticNote[] = [];
  const ttcm = readTtcm(section);

  // Ids: the address (top page and frame), the details' data attributes, a link inside them.
  const sections = findTtcmSections(doc);
  const onlySection = sections.length <= 1;
  const fromUrl = { ...idsFrom(context.url), ...(context.frameUrl ? idsFrom(context.frameUrl) : {}) };
  const fromAttributes = idsInDetails(scope, reading, section.toggle);
  // An id that other task details on the page show as well cannot say which task is which.
  if (!onlySection && fromAttributes.taskId) {
    for (const other of sections) {
      if (other.toggle === section.toggle) continue;
      const otherScope = detailsScopeOf(other.toggle);
      if (otherScope !== scope && idsInDetails(otherScope, readScope(otherScope), other.toggle).taskId === fromAttributes.taskId) delete fromAttributes.taskId;
    }
  }
  // The address names one task: with several TTCM sections on the page it cannot say which.
  const taskId = fromAttributes.taskId ?? (onlySection ? fromUrl.taskId : undefined);
  const campaignId = fromAttributes.campaignId ?? fromUrl.campaignId;

  // The path is used only where it agrees with what the page says.
  const path = compatiblePath(context.path, campaignId, taskId);

  let taskName = taskNameIn(scope, reading, section.toggle);
  if (path?.task?.name && (!taskName || (fold(taskName.name) !== fold(path.task.name) && reading.lines.some((l) => fold(l.text) === fold(path.task!.name))))) {
    taskName = { name: path.task.name, source: 'pressedRow', weak: true };
  }
  if (!taskName) {
    const line = firstLineIn(reading, section.toggle);
    if (line) taskName = { name: line, source: 'firstLine', weak: true };
  }
  // Diagnostics say where a name came from when the details did not name their task.
  if (taskName?.weak) notes.push({ code: taskName.source === 'pressedRow' ? 'nameFromRow' : 'nameFromFirstLine' });

  const line = campaignLineIn(reading) ?? (scope.localName !== 'body' ? campaignLineIn(pageReading()) : undefined);
  let campaignName = pairValue(reading, 'campaign') ?? line?.campaignName;
  let brand = pairValue(reading, 'brand') ?? line?.brand;
  // A link to the campaign (a breadcrumb) names it, and its address holds its id.
  const campaignLink = !campaignName || !campaignId ? campaignLinkIn(pageReading(), campaignId, taskName?.name) : undefined;
  if (!campaignName && campaignLink) {
    campaignName = campaignLink.name;
    notes.push({ code: 'campaignFromLink' });
  }
  const linkedCampaignId = campaignLink && fold(campaignLink.name) === fold(campaignName) ? campaignLink.id : undefined;
  if (!campaignName && path?.campaign?.name) {
    campaignName = path.campaign.name;
    notes.push({ code: 'campaignFromTile' });
  }
  brand ||= path?.campaign?.brand;

  const finalTaskId = taskId ?? path?.task?.id;
  const finalCampaignId = campaignId ?? linkedCampaignId ?? path?.campaign?.id;
  // A task known only by its id is stored with no name: named where shown (tracker/names.ts taskLabel).
  const name = taskName?.name ?? '';
  const knownTask = !!name || !!finalTaskId;
  const campaign = campaignName || (finalCampaignId ? `Campaign ${finalCampaignId}` : '');
  if (!knownTask || !campaign) {
    // Said on the page and in diagnostics (worded there: locales/*.yml `page.notRecorded*`).
    const problem: DiagnosticNote = { code: !campaign && !knownTask ? 'notRecordedBoth' : !campaign ? 'notRecordedCampaign' : 'notRecordedTask' };
    return { scope, problem, notes };
  }

  const raw = {
    ...currentAccount(doc.defaultView?.top?.document ?? doc),
    ...(finalCampaignId ? { campaignId: finalCampaignId } : {}),
    ...(finalTaskId ? { taskId: finalTaskId } : {}),
    campaignName: campaign,
    brand: brand ?? '',
    taskName: name,
    impactStatus: pairValue(reading, 'status') ?? statusLine(reading, section) ?? path?.task?.status,
    dueDate: pairValue(reading, 'dueDate') ?? dueInline(reading) ?? path?.task?.dueDate,
    ...(ttcm.inviteLink.state === 'valid' ? { inviteLink: ttcm.inviteLink.value } : {}),
    ...(ttcm.inviteLink.state === 'invalid' ? { inviteLinkProblem: ttcm.inviteLink.reason.slice(0, 300) } : {}),
    ...(ttcm.campaignCode.state === 'valid' ? { campaignCode: ttcm.campaignCode.value } : {}),
    ...(ttcm.authorizationDays ? { authorizationDays: ttcm.authorizationDays } : {}),
    taskUrl: context.url,
  };
  for (const k of Object.keys(raw) as (keyof typeof raw)[]) if (raw[k] === undefined) delete raw[k];
  // Not parsed here: the worker parses every reported task with DiscoveredTaskSchema and answers a
  // read it refuses with the reason (detailsNotReadable), which the page shows instead of the
  // task's controls (utils/content/seen-tasks.ts; README "Boundaries"). Keeps zod off every page.
  return { scope, task: raw, notes };
}

/** The first line that is a task status as a whole (the innermost, not a line around it). */
function statusLine(reading: ScopeReading, section: TtcmSection): string | undefined {
  const matches = reading.lines.filter((l) => isStatus(l.text) && !insideToggle(l.el, section));
  return matches.find((m) => !matches.some((o) => o !== m && m.el.contains(o.el)))?.text;
}

function insideToggle(el: Element, section: TtcmSection): boolean {
  return section.toggle.contains(el);
}

/**
 * Ids the details show: in their data attributes (a bare `data-id` only on the details' own
 * element), else in a link to the task itself inside them (an "open in a new tab" icon), else
 * written in a line ("Task #927039").
 */
export function idsInDetails(scope: Element, reading: ScopeReading, toggle?: Element): Ids {
  const fromAttributes = { ...idsInAttributes(reading.dataAttributes.filter((d) => !toggle?.contains(d.el))), ...idsInAttributes(ancestorData(scope), 'task') };
  if (fromAttributes.taskId) return fromAttributes;
  const linked = reading.links.map((l) => idsFrom(l.href)).find((ids) => ids.taskId);
  if (linked) return { ...linked, ...fromAttributes, taskId: linked.taskId };
  // "Task #927039" in a line of the details.
  const written = reading.lines.map((l) => idFrom(l.text, TEXT_ID_PATTERNS.task)).find((id) => id);
  return written ? { ...fromAttributes, taskId: written } : fromAttributes;
}

/** data-* attributes of the scope's own element and its few nearest ancestors. */
function ancestorData(scope: Element): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  for (let n: Element | null = scope, depth = 0; n && depth < 4 && n.localName !== 'body'; n = composedParentElement(n), depth++) {
    out.push(...dataAttributes(n));
    if (n.matches(DETAILS_PANEL)) break;
  }
  return out;
}

function dueInline(reading: ScopeReading): string | undefined {
  for (const { text } of reading.lines) {
    const m = DUE_INLINE.exec(text);
    if (m?.[1]) return m[1].trim();
  }
  return undefined;
}

/** The creator's path, without the parts that contradict the page's own ids. */
function compatiblePath(path: CreatorPath | undefined, campaignId: string | undefined, taskId: string | undefined): CreatorPath | undefined {
  if (!path) return undefined;
  const campaignOk = !(path.campaign?.id && campaignId && path.campaign.id !== campaignId);
  if (!campaignOk) return undefined;
  const taskOk = !(path.task?.id && taskId && path.task.id !== taskId);
  return taskOk ? path : { ...(path.campaign ? { campaign: path.campaign } : {}), at: path.at };
}

