/**
 * The task around a TTCM section: its slide-out (View Task Details), and what it says about
 * the task (name, status, due date), its campaign (name, brand, id) and the account.
 * Produces the DiscoveredTask the tracker records.
 */
import type { DiscoveredTask } from '../tracker/schema';
import { DiscoveredTaskSchema } from './content-schemas';
import { accessibleName, composedClosest, deepQueryAll, deepText, elementsWithText, isHiddenByPage } from './dom';
import { ACCOUNT_LABEL, DETAILS_PANEL, DUE_INLINE, MENU, NAME_SEPARATOR, ROW_ID_ATTRIBUTES, TASK_STATUS, URL_ID_PATTERNS } from './selectors';
import { idFrom } from './tiles';
import { fold, isWord, words } from './text';
import { findTtcmSections, readTtcm, type TtcmSection } from './ttcm';

/** The slide-out (or page) holding a task's details. */
export function detailsPanelOf(el: Element): Element {
  return composedClosest(el, DETAILS_PANEL) ?? el.ownerDocument.body;
}

/** The task's name: the panel's accessible name, else its first heading. */
export function taskNameIn(panel: Element): string {
  if (panel.matches(DETAILS_PANEL) && (panel.hasAttribute('aria-labelledby') || panel.hasAttribute('aria-label'))) {
    const name = accessibleName(panel);
    if (name && name.length <= 300) return name;
  }
  const heading = deepQueryAll(panel, 'h1, h2, h3, [role="heading"]')[0];
  return heading ? deepText(heading) : '';
}

/** A labelled value ("Status: …", <dt>Due date</dt><dd>…</dd>, a label cell and its neighbour). */
export function labelledValue(scope: Element, kind: 'status' | 'dueDate' | 'campaign' | 'brand' | 'taskName'): string | undefined {
  const labels = elementsWithText(scope, words(kind), (t) => isWord(t, kind) || isWord(t.split(':')[0], kind));
  for (const label of labels) {
    const own = deepText(label);
    const colon = own.indexOf(':');
    if (colon >= 0 && isWord(own.slice(0, colon), kind) && own.slice(colon + 1).trim()) return own.slice(colon + 1).trim();
    let next: Element | null = label.nextElementSibling;
    if (label.localName === 'dt') while (next && next.localName !== 'dd') next = next.nextElementSibling;
    if (next) {
      const text = deepText(next);
      if (text) return text;
    }
    // "Status: <span>…</span>": the label is a text node in the same parent.
    const parent = label.parentElement;
    if (parent) {
      const rest = deepText(parent).slice(deepText(label).length).replace(/^\s*:?\s*/, '');
      if (rest && rest.length < 200) return rest;
    }
  }
  // "Status:" as a bare text node next to the value element.
  if (kind === 'status') {
    for (const el of elementsWithText(scope, words('status'), (t) => /^[^:]{1,30}:\s*\S/.test(t) && isWord(t.split(':')[0], 'status'))) {
      const rest = deepText(el).split(':').slice(1).join(':').trim();
      if (rest) return rest;
    }
  }
  return undefined;
}

/** The first element (document order) whose whole text is an impact.com task status. */
function statusBadgeIn(panel: Element): string | undefined {
  const candidates = deepQueryAll(panel, 'span, div, p, strong, em, [role="status"]');
  for (const el of candidates) {
    if (el.children.length > 1) continue;
    const text = deepText(el);
    if (text.length < 3 || text.length > 200) continue;
    if (TASK_STATUS.some((re) => re.test(text))) {
      // "Draft approved" (or "clip.mp4 · Draft approved") belongs to the draft, not the task.
      if (/\bdraft\b/i.test(text)) continue;
      return text;
    }
  }
  return undefined;
}

function dueInline(panel: Element): string | undefined {
  for (const el of elementsWithText(panel, ['due'], (t) => DUE_INLINE.test(t))) {
    const m = deepText(el).match(DUE_INLINE);
    if (m?.[1]) return m[1].trim();
  }
  return undefined;
}

/** "Campaign · Brand" in the panel header or the tasks page header. */
export function campaignLine(scope: ParentNode): { campaignName: string; brand: string } | undefined {
  for (const el of deepQueryAll(scope, 'p, div, span, h2, h3, h4')) {
    if (isHiddenByPage(el) || el.children.length > 3) continue;
    const text = deepText(el);
    if (text.length > 700) continue;
    const parts = text.split(NAME_SEPARATOR);
    if (parts.length !== 2) continue;
    const [a, b] = parts.map((p) => p.trim()) as [string, string];
    if (!a || !b || /^due\b/i.test(b) || words('tiktok').includes(fold(a)) || /^\d/.test(b)) continue;
    if (/\d+ of \d+ tasks?/i.test(b)) continue;
    return { campaignName: a, brand: b };
  }
  return undefined;
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
  // The light DOM first (the top bar, usually): the page's components are searched only
  // when it has no account label (a label in the light DOM came first anyway).
  for (const lightOnly of [true, false]) {
    for (const label of elementsWithText(doc, ['acct', 'account'], (t) => ACCOUNT_LABEL.test(t), { lightOnly })) {
      const account = readAccountLabel(label);
      if (account) return { label, account };
    }
  }
  return null;
}

/**
 * currentAccount for a page read again and again (every tile of a re-rendered list): the
 * label found last time is re-read while it is still shown, so the whole page is searched
 * only when the top bar changed.
 */
export function accountReader(doc: Document): () => Account {
  let label: WeakRef<Element> | null = null;
  return () => {
    const known = label?.deref();
    const account = known ? readAccountLabel(known) : null;
    if (account) return account;
    const found = findAccountLabel(doc);
    label = found ? new WeakRef(found.label) : null;
    return found?.account ?? {};
  };
}

/** Ids from the address (query, path or fragment) and from data attributes on the panel. */
export function idsFrom(url: string, panel?: Element): { campaignId?: string; taskId?: string } {
  let decoded = url;
  try {
    decoded = decodeURIComponent(url);
  } catch {
    /* keep raw */
  }
  const campaignId = panel?.getAttribute('data-campaign-id') ?? idFrom(decoded, URL_ID_PATTERNS.campaign);
  let taskId = idFrom(decoded, URL_ID_PATTERNS.task);
  for (const attr of ROW_ID_ATTRIBUTES.filter((a) => a !== 'id')) {
    const v = panel?.getAttribute(attr);
    if (v && /^\d+$/.test(v)) taskId = v;
  }
  return { ...(campaignId ? { campaignId } : {}), ...(taskId ? { taskId } : {}) };
}

function stripTaskIdFromUrl(url: string): string {
  let out = url;
  for (const re of URL_ID_PATTERNS.task) out = out.replace(re, (m, id: string) => m.replace(id, ''));
  return out;
}

export interface TaskReading {
  task?: DiscoveredTask;
  /** Why no task could be produced (for diagnostics). */
  problem?: string;
}

/** Everything the tracker wants to know about the task showing this TTCM section. */
export function readDiscoveredTask(section: TtcmSection, url: string): TaskReading {
  const doc = section.toggle.ownerDocument;
  const panel = detailsPanelOf(section.toggle);
  const ttcm = readTtcm(section);
  // A slide-out is named after its task; a full page has a "Task name" field instead.
  const taskName = panel === doc.body ? (labelledValue(panel, 'taskName') ?? '') : taskNameIn(panel);
  const line = campaignLine(panel) ?? campaignLine(doc);
  const campaignName = labelledValue(panel, 'campaign') ?? line?.campaignName ?? '';
  const brand = labelledValue(panel, 'brand') ?? line?.brand ?? '';
  // The address names one task; with several TTCM sections on the page it cannot say which
  // one, so its task id is given to none of them (ids on the panel itself still count).
  const shared = idFrom(url, URL_ID_PATTERNS.task) !== undefined && findTtcmSections(doc).length > 1;
  const ids = idsFrom(shared ? stripTaskIdFromUrl(url) : url, panel);
  const account = currentAccount(doc);
  const raw = {
    ...account,
    ...ids,
    campaignName,
    brand,
    taskName,
    impactStatus: labelledValue(panel, 'status') ?? statusBadgeIn(panel),
    dueDate: labelledValue(panel, 'dueDate') ?? dueInline(panel),
    ...(ttcm.inviteLink.state === 'valid' ? { inviteLink: ttcm.inviteLink.value } : {}),
    ...(ttcm.inviteLink.state === 'invalid' ? { inviteLinkProblem: ttcm.inviteLink.reason.slice(0, 300) } : {}),
    ...(ttcm.campaignCode.state === 'valid' ? { campaignCode: ttcm.campaignCode.value } : {}),
    ...(ttcm.authorizationDays ? { authorizationDays: ttcm.authorizationDays } : {}),
    taskUrl: url,
  };
  for (const k of Object.keys(raw) as (keyof typeof raw)[]) if (raw[k] === undefined) delete raw[k];
  const parsed = DiscoveredTaskSchema.safeParse(raw);
  if (parsed.success) return { task: parsed.data };
  return { problem: `Task details not readable: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` };
}
