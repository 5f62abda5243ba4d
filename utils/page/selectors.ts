/**
 * EVERY assumption about impact.com's markup, in one place. When the real site changes,
 * this is the file to fix. The rules follow docs/dashboard-anatomy.md: key on what a
 * person sees (visible text, accessible names, roles) and on data-testid, never on a
 * class name alone; look inside open shadow roots; expect late and re-rendered content.
 * Visible words themselves live in text.ts (one table per language).
 */

/**
 * Where open shadow roots are looked for: custom elements (a hyphen in the tag name), which
 * is how impact.com's UICL components (iui-*) come. Built-in elements that could host one
 * (a plain div or span) are not searched: doing so means touching every element of a page
 * of thousands of tiles from the content script, at every re-render.
 */
export const SHADOW_HOST_XPATH = 'descendant-or-self::*[contains(local-name(), "-")]';
export const isShadowHostCandidate = (el: Element): boolean => el.localName.includes('-');

/** Elements that can carry a platform icon's accessible name. */
export const ICON_CANDIDATES = 'img[alt], svg, [role="img"], [aria-label], [title], [data-testid]';

/** data-testid values naming a TikTok icon (e.g. "uicl-social-icon-tiktok", "platform-tiktok"). */
export const TIKTOK_TESTID = /(^|[-_:/\s])tik-?tok($|[-_:/\s])/i;

/** Other platforms' names, so a tile's icon strip is recognised even without TikTok (diagnostics). */
export const OTHER_PLATFORM_NAMES = ['instagram', 'youtube', 'facebook', 'pinterest', 'twitter', 'x', 'twitch', 'snapchat', 'linkedin', 'threads', 'blog'];

/**
 * Elements that may name a platform (TikTok, Instagram, …), for the browser's own first cut:
 * aria-label, title, alt or data-testid naming one, and every SVG <title>.
 */
export const PLATFORM_NAMED = ['tik', 'insta', 'youtube', 'facebook', 'pinterest', 'twitter', 'twitch', 'snapchat', 'linkedin', 'threads']
  .flatMap((p) => [`[aria-label*="${p}" i]`, `[title*="${p}" i]`, `img[alt*="${p}" i]`, `[data-testid*="${p}" i]`])
  .concat(['svg > title'])
  .join(', ');

/** A tile never contains these: they belong to the page frame, not to one campaign. */
export const PAGE_FRAME = 'h1, [role="tablist"], nav, header, main, [role="main"], [role="tabpanel"], [role="dialog"], dialog, table, form';

/** The task-details slide-out (or a page-level details view). */
export const DETAILS_PANEL = '[role="dialog"], dialog, aside, [aria-modal="true"], [data-testid*="slideout" i], [data-testid*="slide-out" i], [data-testid*="drawer" i]';

/** Disclosure toggles: the TTCM drop-down is one of these. */
export const DISCLOSURE_TOGGLE = 'summary, button, [role="button"], [aria-expanded]';

/** Where a form value can be read from. */
export const VALUE_FIELD = 'input, textarea';

/** A task row's own id, when the page puts one on it. */
export const ROW_ID_ATTRIBUTES = ['data-task-id', 'data-taskid', 'data-task', 'data-id', 'id'];

/** Where campaign and task ids appear in URLs (query, path or fragment). */
export const URL_ID_PATTERNS = {
  campaign: [/[?&#]campaign_?id=(\d+)/i, /\/campaigns?\/(\d+)(?:\/|$|\?|#)/i, /[#/]c\/(\d+)(?:\/|$|\?)/i, /[?&#](?:cid|program_?id)=(\d+)/i],
  task: [/[?&#]task_?id=(\d+)/i, /\/tasks?\/(\d+)(?:\/|$|\?|#)/i, /\/t\/(\d+)(?:\/|$|\?)/i, /[?&#]tid=(\d+)/i],
};

/** Ids written in the page's text ("Task #927039", "Task ID: 927039"). */
export const TEXT_ID_PATTERNS = {
  task: [/\btask\s*(?:#|id\s*:?|no\.?)\s*(\d{3,18})\b/i],
};

/**
 * The current account as the top bar shows it, e.g. "Maya Creates (Acct 1234567)".
 * Group 1: name, group 2: id.
 */
export const ACCOUNT_LABEL = /^(.*?)\s*\((?:acct|account|account id)\.?\s*#?\s*(\d{3,})\)\s*▾?$/i;

/** Menus hold other accounts; the current one is shown outside them. */
export const MENU = '[role="menu"], [role="listbox"], [hidden]';

/** Status words impact.com uses for tasks (anatomy doc; "Complete" and "Awaiting Deliverable Submission" as the mobile app words them). */
export const TASK_STATUS = [
  /^not started$/i,
  /^in progress$/i,
  /^awaiting (?:deliverable )?submission$/i,
  /^awaiting review$/i,
  /^waiting for .{1,200}$/i,
  /^.{1,200} pending approval$/i,
  /^.{1,200} approved$/i,
  /^.{1,200} rejected$/i,
  /^completed?$/i,
];

/** "Due Dec 15, 2026" / "Due date: 2026-12-15" inside a line of text. */
export const DUE_INLINE = /\bdue(?:\s+date)?\s*:?\s+([^·|•]{4,40}?)\s*(?:[·|•]|$)/i;

/** A date on its own ("May 6, 2027", "2027-05-06", "06.05.2027"): a due date, never a name. */
export const DATE_ONLY = /^(?:[\p{L}]{3,10}\.? \d{1,2},? \d{4}|\d{1,2}\.? [\p{L}]{3,10}\.? \d{4}|\d{4}-\d{2}-\d{2}(?:T[\d:.]+Z?)?|\d{1,2}[./-]\d{1,2}[./-]\d{2,4})$/u;

/** "Campaign name · Brand" lines (the usual header of a task slide-out or the tasks page). */
export const NAME_SEPARATOR = /\s+[·•|]\s+/;

/** A link that is a posted TikTok video: the deliverable is on the page. */
export const TIKTOK_VIDEO_LINK = /^https:\/\/(?:www\.|m\.)?tiktok\.com\/@[^/]+\/video\/\d+/i;

/** Alerts and status messages the page shows after an action. */
export const ALERT = '[role="alert"], [role="status"], [aria-live="assertive"], [aria-live="polite"], [data-testid*="alert" i], [data-testid*="toast" i], [data-testid*="notification" i]';

/** An address of a sign-in page (impact.com's own, or a single sign-on's). */
export const SIGN_IN_PATH = /\/(?:login|log-in|signin|sign-in|sso|oauth|auth)(?:[/.?#]|$)/i;

/** The title or main heading of an error page. */
export const ERROR_PAGE_TITLE = /^(?:(?:error\s*)?[45]\d\d\b|error\b|page not found\b|not found\b|something went wrong\b|access denied\b|forbidden\b|service unavailable\b|bad gateway\b)/i;

/** Task rows may be any of these (a hint: actions revealed on hover are looked for in them). */
export const ROW_CANDIDATES = 'tr, [role="row"], li, [role="listitem"], [data-testid*="row" i], [data-testid*="task" i]';
