/**
 * The "TTCM Branded Content Details" drop-down of a TikTok task: where it is, whether its
 * content is on the page (it may exist while collapsed, or only after expanding), and the
 * invite link, campaign code and Spark Ads authorization window it shows.
 */
import { isAuthorizationDays, type AuthorizationDays } from '../tracker/keys';
import { checkCampaignCode, checkInviteLink, cleanValue, saysNotTikTokLink } from '../invite-link';
import { t } from '../i18n';
import { composedClosest, composedParentElement, deepQueryAll, deepText, drain, elementsWithTextStepwise, isOwn, elementByIdNear } from './dom';
import { readScope, type ScopeReading } from './reading';
import { DISCLOSURE_TOGGLE, TIKTOK_VIDEO_LINK, VALUE_FIELD } from './selectors';
import { isWord, patterns, startsWithWord, words } from './text';

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

/** "TTCM" as a word of a short line: the section's title in any language keeps the acronym. */
const TTCM_ACRONYM = /(?:^|[^\p{L}\p{N}])TTCM(?:$|[^\p{L}\p{N}])/u;

/** The section's title: its words in a language we know, or a short line naming TTCM. */
function isTtcmTitle(text: string): boolean {
  return startsWithWord(text, 'ttcmSection') || (text.length <= 80 && TTCM_ACRONYM.test(text));
}

/** Every TTCM section on the page (shadow roots included). */
export function findTtcmSections(root: ParentNode): TtcmSection[] {
  return drain(findTtcmSectionsStepwise(root));
}

/**
 * findTtcmSections a step at a time (a `null` per shadow root looked through): on a page of
 * thousands of components the search spreads over frames instead of one long task.
 */
export function* findTtcmSectionsStepwise(root: ParentNode): Generator<null, TtcmSection[]> {
  // A task's details hold the section, never a campaign tile of a list.
  const labels = yield* elementsWithTextStepwise(root, [...words('ttcmSection'), 'ttcm'], isTtcmTitle, { notInTiles: true });
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
  if (body?.isConnected && hasValues(readScope(body))) return body;
  // A toggle that says it is closed, with no values in its body: the content is not drawn yet
  // (what is around it, such as the posted video, is not the section's).
  if (section.toggle.getAttribute('aria-expanded') === 'false') return null;
  // No body of its own in sight: the nearest container around the toggle holding a value.
  let scope: Element | null = section.anchor;
  for (let depth = 0; scope && depth < 3; depth++) {
    scope = composedParentElement(scope);
    if (!scope || scope.localName === 'body') break;
    if (findTtcmSections(scope).length > 1) break;
    if (hasValues(readScope(scope))) return scope;
  }
  return null;
}

function hasValues(reading: ScopeReading): boolean {
  return fieldOf(reading, 'inviteLink') !== null || fieldOf(reading, 'campaignCode') !== null;
}

/** A URL as written (any scheme), or something written to look like one. */
const URL_LIKE = /^(?:[a-z][a-z0-9+.-]*:|www\.)\S*$|tik-?tok\.[a-z]/i;
/** What a truncated display of a value ends with. */
const TRUNCATED = /(?:…|\.\.\.)$/;
/** A field's value that is a code by its shape alone: one token of capitals (and digits). */
const PAIRED_CODE = /^[A-Z0-9][A-Z0-9-]{3,31}$/;
/** A campaign code as shown when no label names it: one token of capitals and digits. */
const CODE_TOKEN = /^(?=[A-Z0-9-]*\d|[A-Z-]{8,})[A-Z0-9][A-Z0-9-]{4,31}$/;

/**
 * A field of the TTCM section as a person sees it: the value named by its label (in any
 * language the table knows), else — with no label we can read — the value's own shape: the
 * section's one link (an invite link is a URL; a TikTok one wins over help links), or its
 * one code-like token. A value shown truncated is read whole from the attribute that holds
 * it (a copy widget's `data-clipboard-text`, `title`, `value`, a link's `href`).
 */
function fieldOf(reading: ScopeReading, kind: 'inviteLink' | 'campaignCode'): FieldValue | null {
  const pair = reading.pairs.find((p) => isWord(p.label, kind));
  if (pair) {
    // "Invite link: <value>" in one element: the value is what follows the label, read from
    // the link, field or copy widget inside when there is one.
    const inner = pair.valueEl === pair.labelEl ? pair.valueEl.querySelector('a[href], input, textarea, [data-clipboard-text], [data-copy], [data-value]') : null;
    const raw = inner ? readValue(inner) : pair.valueEl === pair.labelEl ? cleanValue(pair.value) : readValue(pair.valueEl);
    if (raw) return { element: inner ?? pair.valueEl, raw: wholeValue(reading, raw) };
  }
  const named = reading.values.find((v) => v.source === 'value' && isWord(v.el.getAttribute('aria-label'), kind));
  if (named) return { element: named.el, raw: named.value };
  const other = kind === 'inviteLink' ? 'campaignCode' : 'inviteLink';
  const labelledOther = reading.pairs.find((p) => isWord(p.label, other));
  const candidates = reading.values.filter(
    (v) => !isOwn(v.el) && !(labelledOther && (labelledOther.valueEl === v.el || labelledOther.valueEl.contains(v.el))) && !reading.controls.some((c) => c.el === v.el && v.source === 'text'),
  );
  if (kind === 'inviteLink') {
    // A link shown truncated counts with its whole value (held in an attribute), or not at all.
    const urls = candidates
      .map((v) => (TRUNCATED.test(v.value) ? { ...v, value: wholeValue(reading, v.value) } : v))
      .filter((v) => URL_LIKE.test(v.value) && !/\s/.test(v.value) && !TRUNCATED.test(v.value) && v.source !== 'aria-label' && !TIKTOK_VIDEO_LINK.test(v.value));
    const distinct = Array.from(new Set(urls.map((u) => u.value)));
    const tiktok = distinct.filter((u) => /tik-?tok/i.test(u));
    const chosen = tiktok.length >= 1 ? tiktok : distinct.length === 1 ? distinct : [];
    if (chosen.length === 0) return null;
    const el = urls.find((u) => u.value === chosen[0])!.el;
    // Two different TikTok-looking links: hand both on, so the check refuses them (never pick one).
    return { element: el, raw: chosen.join(' ') };
  }
  const token = candidates.find((v) => CODE_TOKEN.test(v.value) && !startsWithWord(v.value, 'ttcmSection') && v.value !== 'TTCM' && !/^https?/i.test(v.value));
  if (token) return { element: token.el, raw: token.value };
  // A field whose label we cannot read (another language) holding one short token of capitals: "ABCDEF".
  const field = reading.pairs.find((p) => PAIRED_CODE.test(p.value) && p.value !== 'TTCM' && candidates.some((v) => v.el === p.valueEl || p.valueEl.contains(v.el)));
  return field ? { element: field.valueEl, raw: field.value } : null;
}

/** The whole value when the one shown is truncated ("https://vt.tiktok.com/ZS…"). */
function wholeValue(reading: ScopeReading, raw: string): string {
  if (!TRUNCATED.test(raw)) return raw;
  const prefix = raw.replace(TRUNCATED, '');
  // In an attribute we know (a copy widget's, a title) or any data-* one (`data-full`).
  const held = [...reading.values, ...reading.dataAttributes].map((v) => v.value.trim());
  return held.find((v) => v.length > prefix.length && v.startsWith(prefix) && !TRUNCATED.test(v)) ?? raw;
}

/** The value as shown: a form field's value, a link (its text, checked against its target), a copy widget's attribute, or text. */
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
    if (text && /^[a-z][a-z0-9+.-]*:/i.test(text) && !TRUNCATED.test(text) && href && text !== href) return `${text} ${href}`;
    return href || text || null;
  }
  // A copy widget holds the whole value in an attribute.
  const widget = [el, ...deepQueryAll(el, '[data-clipboard-text], [data-copy], [data-value]')].find((w) => w.getAttribute('data-clipboard-text') || w.getAttribute('data-copy') || w.getAttribute('data-value'));
  const held = widget && (widget.getAttribute('data-clipboard-text') || widget.getAttribute('data-copy') || widget.getAttribute('data-value'));
  const text = cleanValue(deepText(el));
  if (held && (!text || TRUNCATED.test(text) || held.startsWith(text.replace(TRUNCATED, '')))) return cleanValue(held);
  return text || null;
}

/** A sentence ("No campaign code for this task.") in a code's place: there is no code. */
function isProse(raw: string): boolean {
  return raw.trim().split(/\s+/).length >= 3 && /\p{Ll}{2,}/u.test(raw);
}

/** Prose ("Not available. The brand has not shared…") means no value, not a bad one. */
function looksLikeValue(raw: string): boolean {
  return !/\s/.test(raw) || /^[a-z][a-z0-9+.-]*:/i.test(raw);
}

export function readTtcm(section: TtcmSection): TtcmReading {
  const body = contentOf(section);
  if (!body) return { contentPresent: false, inviteLink: { state: 'absent' }, campaignCode: { state: 'absent' } };
  const reading = readScope(body);
  const linkField = fieldOf(reading, 'inviteLink');
  const codeField = fieldOf(reading, 'campaignCode');
  const days = authorizationDaysIn(reading.lines.map((l) => l.text).join(' '));
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
  if (!field || !field.raw || isProse(field.raw)) return { state: 'absent' };
  const checked = checkCampaignCode(field.raw);
  return checked.ok ? { state: 'valid', value: checked.value, field } : { state: 'invalid', reason: checked.reason, raw: field.raw, field };
}

/** The Statement of Work's Spark Ads authorization window: the number of days it names (any, not a fixed list). */
export function authorizationDaysIn(text: string): AuthorizationDays | undefined {
  for (const re of patterns('authorizationWindow')) {
    const m = text.match(re);
    const n = m?.[1] ? Number(m[1]) : NaN;
    if (isAuthorizationDays(n)) return n;
  }
  return undefined;
}

/** The alert text for a refused invite link: always says it is "not a TikTok link". */
export function refusedLinkMessage(reason: string): string {
  return saysNotTikTokLink(reason) ? reason : t('linkCheck.refused', { reason });
}
