/**
 * Campaign tiles on Find Campaigns → Participating: which tiles exist, which carry a TikTok
 * icon (by accessible name, alt, title, SVG <title> or data-testid — never a class alone),
 * and what the tile says about its campaign.
 */
import {
  accessibleName,
  composedAncestors,
  composedContains,
  composedParentElement,
  controlsNamed,
  deepQueryAll,
  deepText,
  elementByIdNear,
  hasMoreChildrenThan,
  hasMoreElementsThan,
  hasText,
  isElement,
  isOwn,
  openShadowRoots,
  openShadowRootsStepwise,
  querySelectorAllStepwise,
} from './dom';
import { ICON_CANDIDATES, OTHER_PLATFORM_NAMES, PAGE_FRAME, PLATFORM_NAMED, TIKTOK_TESTID, URL_ID_PATTERNS } from './selectors';
import { fold, isAscii, isWord, words } from './text';
import { actionsNamed, readScope, type ScopeReading } from './reading';
import { idFrom, idsInAttributes } from './ids';
export { idFrom } from './ids';

export interface CampaignTile {
  element: Element;
  hasTikTok: boolean;
  /** Has a "Manage Tasks" action, or sits under the selected "Participating" tab. */
  participating: boolean;
  campaignName: string;
  brand: string;
  campaignId?: string;
}

/**
 * The platform an icon names ('tiktok', 'instagram', …), or '' for anything else. The name is
 * checked first: only an element naming a platform by aria-label or title is then asked
 * whether it shows text (a walk of its insides, shadow roots included), never every element
 * whose label merely contains "tik".
 */
function iconPlatform(el: Element): string {
  const testid = el.getAttribute('data-testid') ?? '';
  if (TIKTOK_TESTID.test(testid)) return 'tiktok';
  if (el.localName === 'img') return platformNamed(fold(el.getAttribute('alt') || el.getAttribute('title')));
  if (el.localName === 'svg') {
    const title = Array.from(el.children).find((c) => c.localName === 'title');
    return platformNamed(fold(el.getAttribute('aria-label') || title?.textContent || el.getAttribute('title')));
  }
  const name = fold(el.getAttribute('aria-label') || el.getAttribute('title'));
  if (!name || name.length > 30) return '';
  const platform = platformNamed(name);
  // Icon-sized elements only: a whole card titled "TikTok …" is not an icon.
  return platform && !hasText(el) ? platform : '';
}

/** The platform a folded icon name says ('tiktok', another platform's name), or ''. */
function platformNamed(name: string): string {
  if (!name) return '';
  const bare = name.replace(/ (icon|logo)$/, '');
  if (words('tiktok').some((word) => word === name || word === bare) || bare === 'tiktok') return 'tiktok';
  return OTHER_PLATFORM_NAMES.includes(bare) ? bare : '';
}

export function isTikTokIcon(el: Element): boolean {
  return iconPlatform(el) === 'tiktok';
}

function isPlatformIcon(el: Element): boolean {
  return iconPlatform(el) !== '';
}

/**
 * The browser's own first cut at TikTok icons (native selector matching, no script per
 * element): whatever names "tik" in an aria-label, title, alt or data-testid, in any letter
 * case, plus the <title> of every SVG. isTikTokIcon then decides, as for any candidate.
 */
const TIKTOK_NAMED = '[aria-label*="tik" i], [title*="tik" i], img[alt*="tik" i], [data-testid*="tik" i], svg > title';

export function findTikTokIcons(root: ParentNode): Element[] {
  return Array.from(iterateTikTokIcons(root)).filter((el): el is Element => el !== null);
}

/** Could fold(text) be one of words('tiktok')? (Plain ASCII must contain "tik".) */
function mayNameTikTok(text: string): boolean {
  return !isAscii(text) || /tik/i.test(text);
}

/**
 * findTikTokIcons a step at a time (a `null` per step): the light DOM a piece at a time (a page
 * of 20,000 tiles is no one long query), then the open shadow roots, found a few at a time and
 * looked through one at a time (a page may have thousands).
 */
function* iterateTikTokIcons(root: ParentNode): Generator<Element | null> {
  const seen = new Set<Element>();
  function* inScope(scope: ParentNode): Generator<Element | null> {
    for (const hit of querySelectorAllStepwise(scope, TIKTOK_NAMED)) {
      if (!hit) {
        yield null;
        continue;
      }
      // An SVG's <title>: only one that could say TikTok makes its SVG a candidate.
      if (hit.localName === 'title' && !mayNameTikTok(hit.textContent ?? '')) continue;
      const el = hit.localName === 'title' ? hit.parentElement : hit;
      if (!el || seen.has(el)) continue;
      seen.add(el);
      if (el.matches(ICON_CANDIDATES) && !isOwn(el) && isTikTokIcon(el)) yield el;
    }
  }
  yield* inScope(root);
  const roots = yield* openShadowRootsStepwise(root);
  for (const sr of roots) {
    yield* inScope(sr);
    yield null;
  }
}

/**
 * Lists already recognised as lists of tiles: their children are tiles, so a climb from
 * any other icon stops there at once (a page of thousands of tiles is not compared again
 * and again).
 */
const tileLists = new WeakSet<Element>();

/**
 * Do two elements look like items of one list: same tag and same class (hashed classes are
 * shared by a list's items), or — without classes — the same kind and number of children?
 */
function sameShape(a: Element, b: Element): boolean {
  if (a.localName !== b.localName) return false;
  const ca = a.getAttribute('class') ?? '';
  if (ca) return ca === (b.getAttribute('class') ?? '');
  return a.childElementCount === b.childElementCount && a.firstElementChild?.localName === b.firstElementChild?.localName;
}

/** A platform icon somewhere in `el`, its open shadow roots included (the browser's own matching first). */
function holdsPlatformIcon(el: Element): boolean {
  for (const scope of [el, ...openShadowRoots(el)]) {
    for (const candidate of Array.from(scope.querySelectorAll(PLATFORM_NAMED))) {
      const icon = candidate.localName === 'title' ? candidate.parentElement : candidate;
      if (icon && isPlatformIcon(icon)) return true;
    }
  }
  return false;
}

const HEADINGS = 'h1, h2, h3, h4, h5, h6, [role="heading"]';

/** Icons inside these are in a task table or a slide-out, not on a campaign tile. */
const NOT_ON_A_TILE = 'table, [role="table"], [role="grid"], [role="dialog"], dialog, [aria-modal="true"]';

/** Siblings looked at for another tile (a list's first few items say what the list is). */
const SIBLINGS_LOOKED_AT = 4;

/** Do `el`'s siblings hold another campaign (a tile like it, another icon strip, another name)? */
function siblingsHoldAnotherTile(el: Element, parent: Element): boolean {
  const named = el.matches(HEADINGS) || el.querySelector(HEADINGS) !== null;
  let looked = 0;
  for (let sib = parent.firstElementChild; sib && looked < SIBLINGS_LOOKED_AT; sib = sib.nextElementSibling) {
    if (sib === el || isOwn(sib)) continue;
    looked++;
    if (sameShape(sib, el) && hasText(sib) && hasText(el)) return true;
    if (holdsPlatformIcon(sib) || (named && (sib.matches(HEADINGS) || sib.querySelector(HEADINGS) !== null))) return true;
  }
  return false;
}

/**
 * The tile around an icon or action, derived from it: the largest ancestor that holds this
 * one campaign and no other (the climb stops below a container whose other children are
 * tiles too, hold another icon strip or another name). Never the page frame (main, tab
 * panel, dialog, table…). Semantic elements and test ids are not required.
 */
export function tileAround(start: Element): Element | null {
  const item = itemOfKnownList(start);
  if (item) return item;
  let tile: Element | null = null;
  let depth = 0;
  for (const a of composedAncestors(start)) {
    if (a.localName === 'body' || a.localName === 'html') break;
    // Icons in a task table or a slide-out are not on a campaign tile.
    if (a.matches(NOT_ON_A_TILE)) return null;
    if (a.matches(PAGE_FRAME)) break;
    if (tile && tileLists.has(a)) break;
    // Above the tiles: the page's own frame (its heading, its tabs) is no tile's.
    if (tile && a.querySelector(PAGE_FRAME)) break;
    if (++depth > 14) break;
    tile = a;
    const parent = composedParentElement(a);
    if (!parent || parent.localName === 'body' || parent.matches(PAGE_FRAME)) break;
    if (tileLists.has(parent)) break;
    if (hasMoreChildrenThan(parent, LIST_SIZE)) {
      tileLists.add(parent);
      break;
    }
    if (siblingsHoldAnotherTile(a, parent) && hasText(a)) {
      tileLists.add(parent);
      break;
    }
  }
  return tile && hasText(tile) && !tile.querySelector(PAGE_FRAME) ? tile : null;
}

/**
 * The item of a list already recognised as a list of tiles that holds `start`: a re-rendered
 * list's new tiles are found by walking up to it, without comparing siblings again. Null
 * when there is no such list (or the item is not a tile after all): then the full climb.
 */
function itemOfKnownList(start: Element): Element | null {
  let depth = 0;
  for (const a of composedAncestors(start)) {
    if (a.localName === 'body' || a.localName === 'html' || ++depth > 14) return null;
    if (a.matches(NOT_ON_A_TILE) || a.matches(PAGE_FRAME)) return null;
    const parent = composedParentElement(a);
    if (parent && tileLists.has(parent)) return hasText(a) && !a.querySelector(PAGE_FRAME) ? a : null;
  }
  return null;
}

export function repeatedAmongSiblings(el: Element): boolean {
  const parent = el.parentElement;
  if (!parent) return false;
  const cls = el.getAttribute('class') ?? '';
  for (let sib = parent.firstElementChild; sib; sib = sib.nextElementSibling) {
    if (sib === el || sib.localName !== el.localName || (sib.getAttribute('class') ?? '') !== cls) continue;
    if (hasText(sib)) return true;
  }
  return false;
}

/** What a tile says, from one reading of it (its composed tree, read once). */
function readTile(tile: Element, hasTikTok: boolean, selectedTabIsParticipating: () => boolean): CampaignTile {
  const reading = readScope(tile);
  const manage = actionsNamed(reading, words('manageTasks'));
  // The campaign's name: a heading, the element the tile is labelled by, or the first
  // line of text with a title tooltip (long names are truncated and carry the full title).
  const heading = labelledBy(tile) ?? campaignNameElement(reading);
  const campaignName = heading ? heading.getAttribute('title') || deepText(heading) : '';
  let brand = '';
  if (heading) {
    const next = heading.nextElementSibling ?? heading.parentElement?.nextElementSibling ?? null;
    brand = next ? deepText(next) : '';
  }
  // The campaign's id: in the Manage Tasks link, the tile's data attributes (its own first), or a link to it.
  const link = manage[0]?.getAttribute('href') ?? '';
  const own = reading.dataAttributes.filter((d) => d.el === tile);
  const campaignId =
    idFrom(link, URL_ID_PATTERNS.campaign) ??
    idsInAttributes([...own, ...reading.dataAttributes.filter((d) => d.el !== tile)], 'campaign').campaignId ??
    reading.links.map((l) => idFrom(l.href, URL_ID_PATTERNS.campaign)).find(Boolean);
  return {
    element: tile,
    hasTikTok,
    participating: manage.length > 0 || selectedTabIsParticipating(),
    campaignName: campaignName.trim(),
    brand: brand.trim(),
    ...(campaignId ? { campaignId } : {}),
  };
}

/**
 * The campaign's name: a heading, a text with its full text as tooltip (how truncated tile
 * names are shown), else the tile's first line of text that is not an action, a platform
 * name, a status or a date.
 */
function campaignNameElement(reading: ScopeReading): Element | null {
  const named =
    reading.headings[0]?.el ??
    reading.values.find(({ el, source, value }) => source === 'title' && value.length > 1 && value === deepText(el))?.el;
  if (named) return named;
  // A link may be the campaign's name; buttons and known actions are not.
  const actions = reading.controls.filter((c) => c.el.localName !== 'a' || isWord(c.text, 'manageTasks') || isWord(c.text, 'viewTaskDetails'));
  const inControl = (el: Element) => actions.some((c) => c.el === el || c.el.contains(el));
  return (
    reading.lines.find(
      ({ el, text }) => text.length > 1 && text.length <= 200 && !inControl(el) && !isPlatformWord(text) && !/^(ends?|due|starts?)\b/i.test(text) && !/^\d/.test(text),
    )?.el ?? null
  );
}

function isPlatformWord(text: string): boolean {
  return platformNamed(fold(text)) !== '';
}

/** The tile around a control the creator pressed (Manage Tasks), read. */
export function readTileAt(control: Element): CampaignTile | null {
  const tile = tileAround(control);
  if (!tile) return null;
  return readTile(tile, findTikTokIcons(tile).length > 0, () => true);
}

function labelledBy(tile: Element): Element | null {
  const id = tile.getAttribute('aria-labelledby');
  if (!id) return null;
  return elementByIdNear(tile, id.split(/\s+/)[0] ?? '');
}

/** The page shows the creator's Participating campaigns (the worker remembers its address). */
export function isParticipatingPage(doc: Document): boolean {
  return participatingTabSelected(doc);
}

/**
 * The page shows the creator's joined campaigns: the address says so (the marketplace's
 * `#/joined` route, anatomy doc), or the selected tab (role=tab with aria-selected, or a
 * current link) says "Participating".
 */
export function participatingTabSelected(root: ParentNode): boolean {
  const doc = (root as Node).ownerDocument ?? (root as Document);
  if (/#\/?(?:joined|participating)\b/i.test(doc.defaultView?.location.href ?? '')) return true;
  const tabs = deepQueryAll(root, '[role="tab"][aria-selected="true"], [role="tab"][aria-current], [aria-current="page"]');
  return tabs.some((t) => words('participating').includes(fold(accessibleName(t))));
}

/** A list or grid holds many children; a tile does not (stops the climb in enclosingTile). */
const LIST_SIZE = 50;
/** More elements than any one tile has (impact.com's tiles have a few dozen). */
const TILE_SIZE = 400;

/**
 * The tile that `el` sits in, found from a platform icon or action in the few ancestors
 * below the list: for content a tile receives after its icons (late text, a re-rendered
 * part). Never climbs into the list itself, so it stays cheap on big pages.
 */
function enclosingTile(el: Element): Element | null {
  let depth = 0;
  for (const a of composedAncestors(el)) {
    if (++depth > 8 || a.localName === 'body' || a.matches(PAGE_FRAME) || hasMoreChildrenThan(a, LIST_SIZE)) return null;
    // Above the tiles: a subtree this big holds a list of them (counted no further than that).
    if (hasMoreElementsThan(a, TILE_SIZE)) return null;
    const icon = deepQueryAll(a, ICON_CANDIDATES).find(isPlatformIcon);
    if (icon) return tileAround(icon);
  }
  return null;
}

/** The nearest found tile holding `el` (icons of one tile are seen several times). */
function knownTileOf(el: Element, tiles: Map<Element, boolean>): Element | undefined {
  let depth = 0;
  for (const a of composedAncestors(el)) {
    if (tiles.has(a)) return a;
    if (++depth >= 12) break;
  }
  return undefined;
}

/**
 * Every campaign tile at or around `root` (with or without a TikTok icon): the whole page
 * when `root` is the document, else the tiles a just-added subtree holds or sits in.
 */
export function findCampaignTiles(root: ParentNode): CampaignTile[] {
  const tiles = new Map<Element, boolean>();
  for (const icon of deepQueryAll(root, ICON_CANDIDATES)) {
    if (!isPlatformIcon(icon)) continue;
    const tile = knownTileOf(icon, tiles) ?? tileAround(icon);
    if (tile) tiles.set(tile, (tiles.get(tile) ?? false) || isTikTokIcon(icon));
  }
  // Tiles without any platform icon are still tiles (diagnostics counts them).
  for (const action of controlsNamed(root, words('manageTasks'))) {
    const tile = knownTileOf(action, tiles) ?? tileAround(action);
    if (tile && !tiles.has(tile)) tiles.set(tile, false);
  }
  const whole = (root as Node).nodeType === Node.DOCUMENT_NODE;
  if (!whole && isElement(root) && tiles.size === 0) {
    const tile = enclosingTile(root);
    if (tile) tiles.set(tile, false);
  }
  // A tile found twice at different depths: keep the outer one (and what the inner one had).
  const all = Array.from(tiles.keys());
  const list = all.filter((t) => {
    let outer: Element | undefined;
    for (const a of composedAncestors(t)) if (tiles.has(a)) outer = a;
    if (outer && tiles.get(t)) tiles.set(outer, true);
    return !outer;
  });
  // A tile reaching outside the subtree: its icons may be outside it too.
  if (!whole) for (const t of list) if (!composedContains(root as Node, t)) tiles.set(t, findTikTokIcons(t).length > 0);
  // Read only when a tile has no Manage Tasks of its own (it is a whole-page query).
  const doc = (root as Node).ownerDocument ?? (root as Document);
  let onParticipating: boolean | undefined;
  const tabSaysParticipating = () => (onParticipating ??= participatingTabSelected(doc));
  return list.map((t) => readTile(t, tiles.get(t) ?? false, tabSaysParticipating));
}

/**
 * The tiles the overlay decorates: TikTok icon and joined (Participating). Starts from the
 * TikTok icons only, so a page of thousands of tiles costs little more than its TikTok ones.
 */
export function findTikTokTiles(root: ParentNode): CampaignTile[] {
  return Array.from(iterateTikTokTiles(root));
}

/**
 * findTikTokTiles one tile at a time, so a caller can spread thousands of tiles over several
 * frames (the page may change meanwhile: icons no longer on the page are skipped).
 */
export function* iterateTikTokTiles(root: ParentNode): Generator<CampaignTile> {
  for (const candidate of iterateTikTokTileCandidates(root)) {
    const read = candidate?.read();
    if (read) yield read;
  }
}

/** A tile with a TikTok icon, found but not read yet (reading is most of a tile's cost). */
export interface TikTokTileCandidate {
  element: Element;
  /** Name, brand, id and Manage Tasks, read once; null when the tile is not a joined campaign's. */
  read(): CampaignTile | null;
}

/**
 * The tiles of iterateTikTokTiles before they are read, for a caller that reads only those
 * it needs now (the overlay: tiles near the screen). A `null` is a step of the search with no
 * tile found yet (the caller may give the page a frame there).
 */
export function* iterateTikTokTileCandidates(root: ParentNode): Generator<TikTokTileCandidate | null> {
  const doc = (root as Node).ownerDocument ?? (root as Document);
  let onParticipating: boolean | undefined;
  const tabSaysParticipating = () => (onParticipating ??= participatingTabSelected(doc));
  const tiles = new Set<Element>();
  const inFound = (el: Element) => {
    for (const a of composedAncestors(el)) if (tiles.has(a)) return true;
    return false;
  };
  const consider = (tile: Element | null): TikTokTileCandidate | null => {
    // A tile inside one already found is part of it (the outer one is the tile).
    if (!tile || tiles.has(tile) || inFound(tile)) return null;
    tiles.add(tile);
    let read: CampaignTile | null | undefined;
    return {
      element: tile,
      read() {
        if (read === undefined) {
          const tileRead = readTile(tile, true, tabSaysParticipating);
          read = tileRead.participating ? tileRead : null;
        }
        return read;
      },
    };
  };
  let icons = 0;
  for (const icon of iterateTikTokIcons(root)) {
    if (!icon) {
      yield null;
      continue;
    }
    icons++;
    // The page may have moved on since this started; an icon of a tile already found adds nothing.
    if (!icon.isConnected || inFound(icon)) continue;
    const candidate = consider(tileAround(icon));
    if (candidate) yield candidate;
  }
  // Late content inside a tile whose icons were there before.
  if (icons === 0 && (root as Node).nodeType !== Node.DOCUMENT_NODE && isElement(root)) {
    const tile = enclosingTile(root);
    const candidate = tile && findTikTokIcons(tile).length > 0 ? consider(tile) : null;
    if (candidate) yield candidate;
  }
}
