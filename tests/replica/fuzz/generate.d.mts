// Types for generate.mjs (the seeded markup fuzzer). Plain ESM, no build step.
export type Kind = 'participating' | 'tasks' | 'details';
export type Language = 'en' | 'fr' | 'de' | 'es' | 'pt' | 'ja';
export type Platform = 'tiktok' | 'instagram' | 'youtube' | 'facebook';
export type StatusKey = 'notStarted' | 'inProgress' | 'awaitingSubmission' | 'awaitingReview' | 'completed' | 'waitingFor' | 'pendingApproval' | 'approved' | 'rejected';
export type StatusSpec = { key: StatusKey; task?: string; text?: undefined } | { text: string; key?: undefined };

export interface FuzzTask {
  id: string;
  name: string;
  platform: Platform | null;
  status: StatusSpec;
  dueDate: string;
  brief: string;
  /** TikTok tasks only. inviteLink may be invalid on purpose (http, look-alike host, javascript:) or absent. */
  ttcm: { inviteLink: string | null; campaignCode: string | null; authorizationDays: number } | null;
  deliverable: { postUrl: string } | null;
}
export interface FuzzCampaign {
  id: string;
  name: string;
  brand: string;
  description: string;
  endDate: string;
  /** icons on the tile (lower-right corner) */
  platforms: Platform[];
  tasks: FuzzTask[];
}
export interface FuzzData {
  account: { id: string; name: string; handle: string };
  campaigns: FuzzCampaign[];
}

export type RetrieveOutcome = 'success' | 'notFound' | 'error';
export type RetrieveResult = RetrieveOutcome | { outcome: RetrieveOutcome | 'notApplicable' | 'unknownTask'; message?: string | null; postUrl?: string | null };
export type RetrieveFn = (taskId: string) => RetrieveResult | Promise<RetrieveResult>;

export interface FuzzRoute {
  kind: Kind | 'home';
  campaignId: string | null;
  taskId: string | null;
  tab: string | null;
  /** the page is the content of a src iframe modal (?frame=details) */
  frame: boolean;
  seed: number | null;
  lang: string | null;
  /** ?tiles=N (benchmarks): the pages show the first N generated campaigns (generateLargeScenario) instead of the scenario's */
  tiles?: number | null;
}

export interface GenerateArgs {
  seed: number;
  /** default 'participating' */
  kind?: Kind;
  /** the Document to build in (jsdom's or the browser's) */
  doc: Document;
  /** default: randomData(seed) */
  data?: FuzzData;
  /** 'inline' (default): an iframe modal's document is written with DOM APIs; 'src': it loads a same-origin replica URL */
  frameMode?: 'inline' | 'src';
  /** overrides the seed's language */
  language?: Language;
  /** Retrieve my post calls this (jsdom). Without it: the replica API in a browser, the seed's defaultOutcome in jsdom. */
  retrieve?: RetrieveFn;
  /** tasks kind: which campaign (default: picked by the seed) */
  campaignId?: string;
  /** details kind: which task (default: a TikTok task picked by the seed) */
  taskId?: string;
  /** browser client: the view parsed from location (parseFuzzLocation); implies updateLocation */
  route?: FuzzRoute;
  /** change location (pushState / location.assign) on navigation; default: only with route */
  updateLocation?: boolean;
  /** extra query parameters kept on every replica URL (e.g. rerenderMs) */
  replicaExtra?: Record<string, string>;
  /** 'lite' (default in jsdom): no per-shadow-root style sheets and few inline styles; 'full' (browser) */
  look?: 'full' | 'lite';
}

/** The choices of one seed (see OPTION_SPACE for every key and value). */
export interface FuzzOptions {
  seed: number;
  language: Language;
  classNames: 'hashed' | 'inline-styles';
  testIds: 'uicl' | 'none';
  shadow: 'none' | 'some' | 'many';
  urlStyle: 'query' | 'path' | 'hash' | 'none';
  navMode: 'spa' | 'full-load';
  late: 'none' | 'short' | 'staggered';
  rerenderScope: 'items' | 'list' | 'view';
  modalMount: 'body' | 'app';
  tabRole: 'tab' | 'link' | 'plain';
  tileTag: 'div' | 'section' | 'li' | 'article' | 'custom';
  tileName: 'h3' | 'div' | 'strong' | 'a';
  tileIcon: 'img-alt' | 'svg-title' | 'aria-label' | 'title' | 'testid' | 'role-img';
  iconsInShadow: boolean;
  tileActions: 'always' | 'hidden-until-hover' | 'inserted-on-hover';
  actionTag: 'button' | 'a' | 'span-role-button' | 'div' | 'uicl-button';
  tileIds: 'url' | 'data-attr' | 'link' | 'none' | 'mixed';
  rowLayout: 'table' | 'ul' | 'divs' | 'articles' | 'custom';
  rowActions: 'always' | 'hidden-until-hover' | 'inserted-on-hover';
  rowIds: 'data-attr' | 'link' | 'none' | 'mixed';
  rowPlatform: 'icon' | 'text' | 'both';
  dueFormat: 'short' | 'iso' | 'long' | 'hidden';
  tasksHeader: 'heading' | 'breadcrumb' | 'both';
  container: DetailsTruth['container'];
  dialogLabel: 'labelledby' | 'label' | 'none';
  frameTestId: boolean;
  openedVia: 'row-click' | 'direct';
  taskNameStyle: 'heading' | 'styled-div' | 'labelled' | 'hidden';
  campaignInDetails: 'subtitle' | 'breadcrumb' | 'labelled' | 'hidden';
  ttcmToggle: DetailsTruth['ttcmToggle'];
  ttcmToggleRole: 'button' | 'none';
  ttcmAriaControls: boolean;
  collapsedContent: 'present' | 'absent';
  ttcmInitiallyOpen: boolean;
  ttcmAcronym: boolean;
  labelStyle: 'label-for' | 'dt-dd' | 'table' | 'inline-text' | 'aria-labelledby' | 'stacked-divs';
  valueShape: DetailsTruth['valueShape'];
  anchorText: 'url' | 'words';
  codeShape: 'text' | 'code' | 'input' | 'copy-widget';
  pageCopyButton: 'aria-label' | 'title' | 'unlabelled' | 'none';
  sectionOrder: 'ttcm-first' | 'deliverable-first';
  authShown: 'sow-text' | 'kv' | 'none';
  detailIds: 'data-attr' | 'link' | 'text' | 'none';
  retrieveTag: 'button' | 'uicl-button' | 'span-role-button' | 'a';
  retrieveVisibility: 'always' | 'hover-only' | 'inserted-on-hover';
  outcomeRole: 'alert' | 'status' | 'aria-live' | 'none';
  outcomePlacement: 'inline' | 'toast';
  outcomeWording: 'scenario' | 'variant';
  successMessage: boolean;
  statusWords: 'impact' | 'brand-portal';
  defaultOutcome: RetrieveOutcome;
  hashSalt: string;
  tags: Record<'card' | 'icons' | 'row' | 'list' | 'panel' | 'section' | 'accordion' | 'field' | 'box' | 'button', string>;
  execution: string;
  [k: string]: unknown;
}

export type IdVisible = 'url' | 'data-attr' | 'link' | 'none';

export interface TileTruth {
  campaignName: string;
  brand: string;
  /** present when the page has it (idVisible !== 'none') */
  campaignId?: string;
  /** where the id is: a data-* attribute or a link in the tile (the link may be the hover-only Manage Tasks itself), only in the URL Manage Tasks leads to, or nowhere */
  idVisible: IdVisible;
  /** icons on the tile */
  platforms: Platform[];
  /** a TikTok icon on the tile (TikTok in the name or description does not count) */
  hasTikTok: boolean;
  element: Element;
}
export interface ParticipatingTruth {
  kind: 'participating';
  language: Language;
  url: string;
  tiles: TileTruth[];
  tikTokCampaignNames: string[];
}

export interface RowTruth {
  name: string;
  id?: string;
  idVisible: IdVisible;
  platform: Platform | null;
  /** the status text shown */
  status: string;
  /** ISO date, when the row shows a due date */
  dueDate?: string;
  /** the due date as shown */
  dueText?: string;
  rowElement: Element;
}
export interface TasksTruth {
  kind: 'tasks';
  language: Language;
  url: string;
  campaign: { name: string; brand: string; id?: string } | null;
  /** where the campaign id is: 'url', 'breadcrumb', 'data-attr' */
  campaignIdsIn: string[];
  tasks: RowTruth[];
}

export interface OutcomeTruth {
  outcome: RetrieveOutcome | 'notApplicable' | 'unknownTask';
  /** the exact message shown, or null (success without a message) */
  text: string | null;
  /** success: the new status text ("<task> pending approval" in the seed's wording) */
  status: string | null;
  /** success: the TikTok video link that appeared */
  postUrl: string | null;
  role: 'alert' | 'status' | null;
  live: 'polite' | null;
  placement: 'inline' | 'toast';
}

export interface DetailsTruth {
  kind: 'details';
  language: Language;
  campaign: { name: string; brand: string; id?: string };
  task: { name: string; id?: string; status: string; dueDate?: string; platform: Platform | null };
  nameShownInDetails: boolean;
  campaignShownInDetails: boolean;
  /** how the details were opened: the person pressed the row's View Task Details, or the page loaded with them open */
  openedVia: 'row-click' | 'direct';
  inviteLink: string | null;
  /** an https URL on a TikTok host (anatomy doc); false for http, look-alike hosts, javascript: … */
  inviteLinkValid: boolean;
  campaignCode: string | null;
  /** present when the page shows the Spark Ads authorization window */
  authorizationDays?: number;
  container: 'dialog' | 'plain' | 'custom-element-no-role' | 'iframe-modal' | 'page';
  ttcmToggle: 'details-summary' | 'accordion-button' | 'custom-element';
  ttcmTitle: string;
  ttcmAcronymInTitle: boolean;
  collapsedContent: 'present' | 'absent';
  valueShape: 'anchor' | 'input' | 'text' | 'copy-widget' | 'truncated';
  codeShape: 'text' | 'code' | 'input' | 'copy-widget';
  /** where ids are: 'url', 'frame-url', 'data-attr', 'link', 'text' (task id only), 'breadcrumb' (campaign id only), 'row' (the pressed row) */
  idsIn: string[];
  /** the location a real page would have (in a browser: location.href) */
  url: string;
  /** src iframe modal: the frame's URL */
  frameUrl?: string;
  canRetrieve: boolean;
  retrieveVisibility: 'always' | 'hover-only' | 'inserted-on-hover';
  /** the page's own Retrieve my post control (inside the frame document for an iframe modal); null when hover-inserted and not hovered, or when the task cannot be retrieved */
  readonly retrieveButton: HTMLElement | null;
  /** what to hover to reveal retrieveButton (null when always shown) */
  readonly retrieveHoverTarget: Element | null;
  /** set after Retrieve my post was pressed and the page showed the outcome */
  lastOutcome: OutcomeTruth | null;
}

export interface HomeTruth {
  kind: 'home';
  language: Language;
}
export type Truth = ParticipatingTruth | TasksTruth | DetailsTruth | HomeTruth;
export type TruthOf<K extends Kind> = K extends 'participating' ? ParticipatingTruth : K extends 'tasks' ? TasksTruth : DetailsTruth;

export interface FuzzPage<K extends Kind = Kind> {
  /** the app root, appended to doc.body */
  readonly root: Element;
  /** what a person sees on the current view (live: kept valid by rerender; changes kind when the page navigates) */
  readonly truth: TruthOf<K>;
  /** the current view's kind ('details' once a task's details are open) */
  readonly kind: Kind | 'home' | null;
  readonly options: FuzzOptions;
  readonly seed: number;
  /** the data shown (a copy; Retrieve my post updates statuses and deliverables in it) */
  readonly data: FuzzData;
  /** resolves when everything async (late content, iframes, the row press of openedVia row-click) is rendered */
  readonly ready: Promise<void>;
  readonly stats: { shadowRoots: number };
  /** errors thrown inside the page's own async work (should stay empty) */
  readonly errors: unknown[];
  /** the element around the task details (dialog, plain container, custom element host, iframe screen, page card) */
  readonly detailsElement: Element | null;
  describe(): string;
  /** simulate the creator hovering el (pointer/mouse over + enter on newly entered ancestors, leave on the rest) */
  hover(el: Element): void;
  /** replace nodes the way an SPA re-render does (same content, new nodes); truth stays valid */
  rerender(): void;
  /** wait for pending async work (retrieve calls, late content) */
  idle(): Promise<void>;
  /** click the TTCM drop-down open (if closed), as the creator does */
  expandTtcm(): Promise<boolean>;
  /** hover a task row and press its View Task Details */
  pressRow(taskId: string): Promise<void>;
  /** close the task details (as the page's Close button does) */
  closeDetails(): void;
  navigate(view: { kind: Kind | 'home'; campaignId?: string | null; taskId?: string | null; tab?: string }): Promise<void>;
  /** remove everything the page added (root, modal, toasts, style, listeners) */
  destroy(): void;
}

export function generatePage<K extends Kind = 'participating'>(args: GenerateArgs & { kind?: K }): FuzzPage<K>;
export function hoverElement(el: Element): void;
export function describeSeed(seed: number, extra?: { language?: Language }): string;
export function optionsFor(seed: number, extra?: { language?: Language }): FuzzOptions;
export const OPTION_SPACE: Record<string, [unknown, number][]>;
export function randomData(seed: number): FuzzData;
export function scenarioData(state?: { submitted?: Record<string, { postUrl: string }>; status?: Record<string, string> }, accountId?: string, more?: { tiles?: number }): FuzzData;
export function isTikTokInviteLink(value: unknown): boolean;
export const fuzzPaths: { home: string; marketplace: string; tasksFlow: string; manageFlow: string; campaigns: string };
export function viewUrl(
  view: { kind: Kind | 'home' | 'participating'; campaignId?: string | null; taskId?: string | null; tab?: string },
  o: { urlStyle: string; execution: string; seed: number },
  more?: { replica?: { seed: number; lang?: string; extra?: Record<string, string> } | null; frame?: boolean; execution?: string },
): string;
export function parseFuzzLocation(href: string | URL | Location): FuzzRoute;
export function composedContains(outer: Node, inner: Node): boolean;
export function composedAncestors(node: Node): Element[];
