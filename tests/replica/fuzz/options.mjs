// The markup choices of one seed. Every choice comes from the anatomy doc's unknowns and issue 15's list;
// none comes from the extension's detection code. optionsFor(seed) is pure: the same seed always gives
// the same choices (in Node, jsdom and browsers), and describeSeed(seed) prints them on one line.
import { Rng } from './rng.mjs';

/**
 * Every option and its values with weights. The self-test checks that 300 seeds cover every value.
 * @type {Record<string, [any, number][]>}
 */
export const OPTION_SPACE = {
  // ---- whole app
  language: [['en', 72], ['fr', 6], ['de', 5], ['es', 6], ['pt', 5], ['ja', 6]],
  classNames: [['hashed', 5], ['inline-styles', 2]], // class names are decoration only; never stable
  testIds: [['uicl', 5], ['none', 5]], // data-testid="uicl-…" and iui-* classes (anatomy doc markers)
  shadow: [['none', 3], ['some', 4], ['many', 3]], // open shadow roots on random hosts, nested
  urlStyle: [['query', 3], ['path', 3], ['hash', 3], ['none', 2]], // where the URL carries ids
  navMode: [['spa', 3], ['full-load', 2]], // browser only: how a click changes the page
  late: [['none', 3], ['short', 3], ['staggered', 2]], // content that arrives after the shell
  rerenderScope: [['items', 3], ['list', 3], ['view', 2]], // what an SPA re-render replaces
  modalMount: [['body', 3], ['app', 2]],
  // ---- Participating (Find Campaigns)
  tabRole: [['tab', 3], ['link', 2], ['plain', 2]],
  tileTag: [['div', 3], ['section', 2], ['li', 2], ['article', 2], ['custom', 3]],
  tileName: [['h3', 3], ['div', 3], ['strong', 2], ['a', 2]],
  tileIcon: [['img-alt', 3], ['svg-title', 3], ['aria-label', 2], ['title', 2], ['testid', 2], ['role-img', 2]],
  iconsInShadow: [[false, 3], [true, 2]],
  tileActions: [['always', 2], ['hidden-until-hover', 3], ['inserted-on-hover', 3]],
  actionTag: [['button', 3], ['a', 3], ['span-role-button', 2], ['div', 1], ['uicl-button', 2]],
  tileIds: [['url', 3], ['data-attr', 3], ['link', 2], ['none', 2], ['mixed', 2]],
  // ---- My Campaign Tasks
  rowLayout: [['table', 3], ['ul', 2], ['divs', 3], ['articles', 1], ['custom', 2]],
  rowActions: [['always', 2], ['hidden-until-hover', 3], ['inserted-on-hover', 3]],
  rowIds: [['data-attr', 3], ['link', 3], ['none', 2], ['mixed', 2]],
  rowPlatform: [['icon', 2], ['text', 2], ['both', 2]],
  dueFormat: [['short', 3], ['iso', 2], ['long', 2], ['hidden', 1]],
  tasksHeader: [['heading', 2], ['breadcrumb', 2], ['both', 2]],
  // ---- View Task Details
  container: [['dialog', 2], ['plain', 2], ['custom-element-no-role', 2], ['iframe-modal', 1.5], ['page', 2]], // (an iframe is costly in jsdom)
  dialogLabel: [['labelledby', 2], ['label', 2], ['none', 2]],
  frameTestId: [[true, 4], [false, 1]],
  openedVia: [['row-click', 3], ['direct', 2]],
  taskNameStyle: [['heading', 3], ['styled-div', 3], ['labelled', 2], ['hidden', 2]],
  campaignInDetails: [['subtitle', 3], ['breadcrumb', 2], ['labelled', 2], ['hidden', 2]],
  ttcmToggle: [['details-summary', 3], ['accordion-button', 3], ['custom-element', 3]],
  ttcmToggleRole: [['button', 3], ['none', 1]], // accordion / custom element header: role=button or a bare clickable div
  ttcmAriaControls: [[true, 1], [false, 1]],
  collapsedContent: [['present', 1], ['absent', 1]],
  ttcmInitiallyOpen: [[false, 5], [true, 1]],
  ttcmAcronym: [[true, 3], [false, 2]], // non-English only: does "TTCM" stay in the translated title?
  labelStyle: [['label-for', 2], ['dt-dd', 2], ['table', 2], ['inline-text', 2], ['aria-labelledby', 2], ['stacked-divs', 2]],
  valueShape: [['anchor', 2], ['input', 2], ['text', 2], ['copy-widget', 2], ['truncated', 2]],
  anchorText: [['url', 3], ['words', 1]],
  codeShape: [['text', 2], ['code', 2], ['input', 2], ['copy-widget', 2]],
  pageCopyButton: [['aria-label', 3], ['title', 2], ['unlabelled', 2], ['none', 2]],
  sectionOrder: [['ttcm-first', 3], ['deliverable-first', 1]],
  authShown: [['sow-text', 3], ['kv', 2], ['none', 1]],
  detailIds: [['data-attr', 3], ['link', 2], ['text', 2], ['none', 3]],
  retrieveTag: [['button', 3], ['uicl-button', 2], ['span-role-button', 2], ['a', 1]],
  retrieveVisibility: [['always', 4], ['hover-only', 2], ['inserted-on-hover', 1]],
  outcomeRole: [['alert', 3], ['status', 2], ['aria-live', 2], ['none', 2]],
  outcomePlacement: [['inline', 3], ['toast', 2]],
  outcomeWording: [['scenario', 2], ['variant', 2]],
  successMessage: [[true, 3], [false, 1]],
  statusWords: [['impact', 3], ['brand-portal', 1]],
  defaultOutcome: [['success', 2], ['notFound', 2], ['error', 1]], // jsdom, when no retrieve() is given
};

/**
 * The choices of one seed. `language` overrides the seed's language.
 * Constraints keep every page knowable the way a person knows it:
 * - container "page" (a route of its own, issue 15 case 2): task name in a styled div, campaign only in a breadcrumb link;
 * - a details view that does not name its task (or campaign) is opened from its row (the person pressed it).
 */
export function optionsFor(seed, { language } = {}) {
  const rng = new Rng(seed, 'options');
  /** @type {Record<string, any>} */
  const o = { seed };
  for (const [k, pairs] of Object.entries(OPTION_SPACE)) o[k] = rng.weighted(pairs);
  if (language) o.language = language;
  if (o.language === 'en') o.ttcmAcronym = true; // English keeps the article's wording
  if (o.container === 'page') {
    o.taskNameStyle = 'styled-div';
    o.campaignInDetails = 'breadcrumb';
  }
  if (o.taskNameStyle === 'hidden' || o.campaignInDetails === 'hidden') o.openedVia = 'row-click';
  if (o.container !== 'dialog') o.dialogLabel = 'none';
  o.hashSalt = rng.hex(3);
  // custom element names for this seed (autonomous, valid: lowercase, one hyphen at least)
  const tag = (base) => `x-${base}-${rng.hex(3)}`;
  o.tags = { card: tag('card'), icons: tag('icons'), row: tag('row'), list: tag('list'), panel: tag('panel'), section: tag('section'), accordion: tag('collapse'), field: tag('field'), box: tag('box'), button: tag('btn') };
  o.execution = `e${1 + (seed % 7)}s1`;
  return o;
}



/** One line: the seed's choices, for a failing property test to print (replay with the same seed). */
export function describeSeed(seed, extra = {}) {
  const o = optionsFor(seed, extra);
  return `seed=${seed} ` + Object.keys(OPTION_SPACE).map((k) => `${k}=${o[k]}`).join(' ');
}
