/**
 * The "TTCM Branded Content Details" drop-down of a TikTok task: where it is, whether its
 * content is on the page (it may exist while collapsed, or only after expanding), and the
 * invite link, campaign code and Spark Ads authorization window it shows.
 */
import { AUTHORIZATION_WINDOWS, type AuthorizationDays } from '../tracker/keys';
import { checkCampaignCode, checkInviteLink, cleanValue } from '../invite-link';
import { composedClosest, composedParentElement, deepQueryAll, deepText, elementsWithText, isOwn, elementByIdNear } from './dom';
import { DISCLOSURE_TOGGLE, VALUE_FIELD } from './selectors';
import { fold, isWord, patterns, startsWithWord, words } from './text';

export interface TtcmSection {
  /** The drop-down's toggle (summary, button, role=button…). */
  toggle: Element;
  /** Where the content is (or will be): details element, aria-controls target, or the toggle's next sibling. */
  body: Element | null;
  /** Decorations anchor: the toggle's outermost single-child wrapper. */
  anchor: Element;
}

export interface FieldValue {
  /** The element showing the value (a control group goes right after it). */
  element: Element;
  /** The text as shown (trimmed), or null when the field says there is none. */
  raw: string | null;
}

export type InviteLinkReading =
  | { state: 'absent' }
  | { state: 'valid'; value: string; field: FieldValue }
  | { state: 'invalid'; reason: string; raw: string; field: FieldValue };

export type CampaignCodeReading =
  | { state: 'absent' }
  | { state: 'valid'; value: string; field: FieldValue }
  | { state: 'invalid'; reason: string; raw: string; field: FieldValue };

export interface TtcmReading {
  /** The content is on the page (expanded, or rendered while collapsed). */
  contentPresent: boolean;
  inviteLink: InviteLinkReading;
  campaignCode: CampaignCodeReading;
  authorizationDays?: AuthorizationDays;
}

/** Every TTCM section on the page (shadow roots included). */
export function findTtcmSections(root: ParentNode): TtcmSection[] {
  const labels = elementsWithText(root, words('ttcmSection'), (t) => startsWithWord(t, 'ttcmSection'));
  const out: TtcmSection[] = [];
  for (const label of labels) {
    if (isOwn(label)) continue;
    const toggle = composedClosest(label, DISCLOSURE_TOGGLE) ?? label;
    if (out.some((s) => s.toggle === toggle)) continue;
    out.push({ toggle, body: bodyOf(toggle), anchor: outerWrapper(toggle) });
  }
  return out;
}

/** Climb single-child wrappers (e.g. `<div data-testid="uicl-button"><button>`). */
function outerWrapper(el: Element): Element {
  let cur = el;
  for (let p = composedParentElement(cur); p && p.children.length === 1 && p.localName !== 'details' && p.localName !== 'body'; p = composedParentElement(cur)) cur = p;
  return cur;
}

function bodyOf(toggle: Element): Element | null {
  if (toggle.localName === 'summary') return toggle.parentElement?.localName === 'details' ? toggle.parentElement : null;
  const controls = toggle.getAttribute('aria-controls');
  if (controls) {
    const target = elementByIdNear(toggle, controls.split(/\s+/)[0] ?? '');
    return target ?? null; // not rendered while collapsed
  }
  const next = outerWrapper(toggle).nextElementSibling;
  if (next && !next.matches(DISCLOSURE_TOGGLE) && !isOwn(next)) return next;
  return null;
}

/** Is the section's content in the DOM right now (whether or not it is shown)? */
export function contentOf(section: TtcmSection): Element | null {
  // Re-resolve: the body may have been (re)rendered since the section was found.
  const body = bodyOf(section.toggle) ?? section.body;
  if (!body || !body.isConnected) return null;
  return findField(body, 'inviteLink') || findField(body, 'campaignCode') ? body : null;
}

/** A label ("Invite link") and the element holding its value. */
function findField(scope: Element, kind: 'inviteLink' | 'campaignCode'): FieldValue | null {
  const labels = elementsWithText(scope, words(kind), (t) => isWord(t, kind));
  for (const label of labels) {
    const valueEl = valueElementFor(label);
    if (valueEl) return { element: valueEl, raw: readValue(valueEl) };
  }
  // Inputs named by aria-label only.
  const named = deepQueryAll(scope, VALUE_FIELD).find((i) => isWord(i.getAttribute('aria-label'), kind));
  return named ? { element: named, raw: readValue(named) } : null;
}

function valueElementFor(label: Element): Element | null {
  const root = label.getRootNode() as Document | ShadowRoot;
  if (label.localName === 'label') {
    const forId = label.getAttribute('for');
    const target = forId ? elementByIdNear(label, forId) : label.querySelector(VALUE_FIELD);
    if (target) return target;
  }
  if (label.id) {
    const byLabel = deepQueryAll(root, `[aria-labelledby~="${CSS.escape(label.id)}"]`)[0];
    if (byLabel) return byLabel;
  }
  if (label.localName === 'dt') {
    let n = label.nextElementSibling;
    while (n && n.localName !== 'dd') n = n.nextElementSibling;
    return n;
  }
  if (label.localName === 'th') {
    return label.nextElementSibling;
  }
  // A label followed by its value (possibly after our own controls).
  let next = label.nextElementSibling;
  while (next && isOwn(next)) next = next.nextElementSibling;
  if (next) return next;
  // The label is wrapped: the wrapper's next sibling holds the value.
  const parent = composedParentElement(label);
  let sib = parent?.nextElementSibling ?? null;
  while (sib && isOwn(sib)) sib = sib.nextElementSibling;
  return sib && deepText(sib).length < 2100 ? sib : null;
}

/** The value as shown: a form field's value, a link (its text, checked against its target), or text. */
function readValue(el: Element): string | null {
  const field = el.matches(VALUE_FIELD) ? el : deepQueryAll(el, VALUE_FIELD)[0];
  if (field) return cleanValue((field as HTMLInputElement).value ?? '') || null;
  const anchors = el.localName === 'a' ? [el] : deepQueryAll(el, 'a[href]');
  // Two different links in one field: hand both on, so the check refuses them (never pick one).
  const targets = new Set(anchors.map((a) => cleanValue(a.getAttribute('href') ?? '')).filter(Boolean));
  if (targets.size > 1) return Array.from(targets).join(' ');
  const anchor = anchors[0];
  if (anchor) {
    const text = cleanValue(deepText(anchor));
    const href = cleanValue(anchor.getAttribute('href') ?? '');
    // A link whose text and target differ is not offered: the creator sees one, the phone opens the other.
    if (text && /^[a-z][a-z0-9+.-]*:/i.test(text) && href && text !== href) return `${text} ${href}`;
    return href || text || null;
  }
  const text = cleanValue(deepText(el));
  return text || null;
}

/** Prose ("Not available. The brand has not shared…") means no value, not a bad one. */
function looksLikeValue(raw: string): boolean {
  return !/\s/.test(raw) || /^[a-z][a-z0-9+.-]*:/i.test(raw);
}

export function readTtcm(section: TtcmSection): TtcmReading {
  const body = contentOf(section);
  if (!body) return { contentPresent: false, inviteLink: { state: 'absent' }, campaignCode: { state: 'absent' } };
  const linkField = findField(body, 'inviteLink');
  const codeField = findField(body, 'campaignCode');
  const days = authorizationDaysIn(deepText(body));
  return {
    contentPresent: true,
    inviteLink: readInviteLink(linkField),
    campaignCode: readCampaignCode(codeField),
    ...(days ? { authorizationDays: days } : {}),
  };
}

function readInviteLink(field: FieldValue | null): InviteLinkReading {
  if (!field || !field.raw || !looksLikeValue(field.raw)) return { state: 'absent' };
  const checked = checkInviteLink(field.raw);
  return checked.ok ? { state: 'valid', value: checked.value, field } : { state: 'invalid', reason: checked.reason, raw: field.raw, field };
}

function readCampaignCode(field: FieldValue | null): CampaignCodeReading {
  if (!field || !field.raw) return { state: 'absent' };
  const checked = checkCampaignCode(field.raw);
  return checked.ok ? { state: 'valid', value: checked.value, field } : { state: 'invalid', reason: checked.reason, raw: field.raw, field };
}

/** The Statement of Work's Spark Ads authorization window, when it names one of 7/30/60/365 days. */
export function authorizationDaysIn(text: string): AuthorizationDays | undefined {
  for (const re of patterns('authorizationWindow')) {
    const m = text.match(re);
    const n = m?.[1] ? Number(m[1]) : NaN;
    if ((AUTHORIZATION_WINDOWS as readonly number[]).includes(n)) return n as AuthorizationDays;
  }
  return undefined;
}

/** The alert text for a refused invite link: always says it is "not a TikTok link". */
export function refusedLinkMessage(reason: string): string {
  return fold(reason).includes('not a tiktok link') ? reason : `This is not a TikTok link we can offer. ${reason}`;
}
