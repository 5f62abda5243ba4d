/**
 * Every visible word the overlay looks for on impact.com, in tables keyed by language (WORDS
 * for detection, ACTION_WORDS for the actions alone). English first; a new interface language
 * is one more entry, not a rewrite. Matching is case-insensitive and whitespace-folded (see
 * `fold`), so entries are written plainly.
 */

export interface PageWords {
  /** Find Campaigns tab holding the creator's joined campaigns. */
  participating: string[];
  /** Tile action that opens "My Campaign Tasks". */
  manageTasks: string[];
  /** Task action that opens the slide-out. */
  viewTaskDetails: string[];
  /** Title of the drop-down holding the invite link and campaign code. */
  ttcmSection: string[];
  /** Field labels inside the TTCM section. */
  inviteLink: string[];
  campaignCode: string[];
  /** Labels in the task details. */
  taskName: string[];
  status: string[];
  dueDate: string[];
  campaign: string[];
  brand: string[];
  account: string[];
  /** Titles of the task details' own sections (never a task's name). */
  detailsSections: string[];
  /** Statement of Work text that names the Spark Ads authorization window. */
  authorizationWindow: RegExp[];
  /** Visible platform names on icons (the TikTok one is the one that matters). */
  tiktok: string[];
}

/**
 * The words only the actions read (pressing "Retrieve my post", refreshing the tasks list:
 * utils/page/retrieve.ts, refresh.ts), never the detection that runs on every impact.com page.
 * A table of their own, keyed by language like WORDS, so the content script does not carry
 * them (issue 10's size target).
 */
export interface ActionWords {
  /** The button that makes impact.com fetch the TikTok post. */
  retrieveMyPost: string[];
  /** A list's control that shows its next page or loads more of it. */
  nextPage: string[];
  /** The control that closes task details. */
  close: string[];
  /** A sign-in page's own words (its title or button). */
  signIn: string[];
  /** What the page says after "Retrieve my post" when TikTok has not got the post yet. */
  notFoundYet: RegExp[];
  /** What the page says after a successful retrieve. */
  retrieved: RegExp[];
  /** A task status meaning the deliverable is already with the brand. */
  submittedStatus: RegExp[];
  /** Words of an error alert. */
  error: RegExp[];
}

export const WORDS: Record<string, PageWords> = {
  en: {
    participating: ['Participating'],
    manageTasks: ['Manage Tasks'],
    viewTaskDetails: ['View Task Details', 'View Details'],
    ttcmSection: ['TTCM Branded Content Details'],
    inviteLink: ['Invite link', 'Invitation link', 'TikTok invite link', 'Campaign invite link'],
    campaignCode: ['Campaign code', 'TikTok campaign code'],
    taskName: ['Task', 'Task name'],
    status: ['Status', 'Task status'],
    dueDate: ['Due date', 'Due', 'Deadline'],
    campaign: ['Campaign', 'Campaign name'],
    brand: ['Brand', 'Advertiser'],
    account: ['Account'],
    detailsSections: ['Task details', 'View Task Details', 'Draft', 'Drafts', 'Deliverable', 'Deliverables', 'Metrics', 'Activity', 'Activity log', 'Brief', 'Statement of Work', 'Details', 'Overview', 'Instructions', 'Requirements', 'Content', 'Branded content', 'Ad authorization', 'Spark Ads'],
    authorizationWindow: [
      /(?:spark ads?|ads?)\s+authori[sz]ation(?:\s+window)?\s*[:\-–]?\s*(\d{1,3})\s*days?/i,
      /authori[sz]ation\s+window\s*(?:of|:)?\s*(\d{1,3})\s*days?/i,
      /authori[sz]e\b[^.]{0,80}?\b(\d{1,3})\s*days?/i,
    ],
    tiktok: ['TikTok', 'Tik Tok', 'TikTok icon', 'TikTok logo'],
  },
};

export const ACTION_WORDS: Record<string, ActionWords> = {
  en: {
    retrieveMyPost: ['Retrieve my post', 'Retrieve post'],
    nextPage: ['Next', 'Next page', 'Go to next page', 'Load more', 'Show more', 'More tasks'],
    close: ['Close', 'Close panel', 'Close details', '×', '✕'],
    signIn: ['Sign in', 'Log in', 'Login', 'Sign in to impact.com', 'Forgot password?'],
    notFoundYet: [
      /couldn.?t find (?:your|the) (?:tiktok )?post/i,
      /could not find (?:your|the) (?:tiktok )?post/i,
      /post (?:was )?not found/i,
      /not (?:been )?(?:available|indexed) yet/i,
      /try again later/i,
    ],
    retrieved: [/retrieved and submitted/i, /submitted for approval/i, /post (?:was )?retrieved/i],
    submittedStatus: [/pending approval$/i, /\bapproved$/i, /^completed$/i],
    error: [/something went wrong/i, /\berror\b/i, /failed/i, /try again/i],
  },
};

export const LANGUAGES = Object.keys(WORDS);

// Every 7-bit character, control characters included: such text is already in NFKC form.
// eslint-disable-next-line no-control-regex
const ASCII = /^[\x00-\x7f]*$/;
/** Plain ASCII text: its own NFKC form (fold needs no normalize()). */
export const isAscii = (text: string): boolean => ASCII.test(text);

/** Case-insensitive, whitespace-folded comparison form of visible text. */
export function fold(text: string | null | undefined): string {
  const t = text ?? '';
  // ASCII is its own NFKC form: skip normalize() for it (most of a page's text).
  return (ASCII.test(t) ? t : t.normalize('NFKC')).replace(/[\s\u00A0]+/g, ' ').trim().toLowerCase();
}

/** The kinds of plain words (not patterns) in the tables. */
export type WordKind = Exclude<keyof PageWords, 'authorizationWindow'>;
export type ActionWordKind = Exclude<keyof ActionWords, ActionPatternKind>;
type ActionPatternKind = 'notFoundYet' | 'retrieved' | 'submittedStatus' | 'error';

/** Folded once: detection asks for the same few lists for every tile, icon and line. */
const foldedWords = new Map<WordKind, string[]>();

/** All entries of one kind, over every language (the page may be in any of them). Do not modify the list. */
export function words(kind: WordKind): string[] {
  let list = foldedWords.get(kind);
  if (!list) foldedWords.set(kind, (list = LANGUAGES.flatMap((lang) => WORDS[lang]![kind]).map(fold)));
  return list;
}

const foldedActionWords = new Map<ActionWordKind, string[]>();

/** As `words`, from the actions' table. Do not modify the list. */
export function actionWords(kind: ActionWordKind): string[] {
  let list = foldedActionWords.get(kind);
  if (!list) foldedActionWords.set(kind, (list = Object.keys(ACTION_WORDS).flatMap((lang) => ACTION_WORDS[lang]![kind]).map(fold)));
  return list;
}

export function patterns(kind: 'authorizationWindow'): RegExp[] {
  return LANGUAGES.flatMap((lang) => WORDS[lang]![kind]);
}

/** As `patterns`, from the actions' table. */
export function actionPatterns(kind: ActionPatternKind): RegExp[] {
  return Object.keys(ACTION_WORDS).flatMap((lang) => ACTION_WORDS[lang]![kind]);
}

/** The text is exactly one of the (folded) words `list` (after folding, ignoring a trailing colon). */
function isOneOf(text: string | null | undefined, list: string[]): boolean {
  const t = fold(text).replace(/\s*:$/, '');
  return t.length > 0 && list.includes(t);
}

/** The text is exactly one of the words (after folding, ignoring a trailing colon). */
export const isWord = (text: string | null | undefined, kind: WordKind): boolean => isOneOf(text, words(kind));
/** As `isWord`, from the actions' table. */
export const isActionWord = (text: string | null | undefined, kind: ActionWordKind): boolean => isOneOf(text, actionWords(kind));

/** The text starts with one of the words (labels like "TTCM Branded Content Details ▾"). */
export function startsWithWord(text: string | null | undefined, kind: Parameters<typeof words>[0]): boolean {
  const t = fold(text);
  return words(kind).some((w) => t === w || (t.startsWith(w) && !/[\p{L}\p{N}]/u.test(t.charAt(w.length))));
}

export function matchesAny(text: string | null | undefined, list: RegExp[]): boolean {
  const t = (text ?? '').replace(/\s+/g, ' ').trim();
  return list.some((re) => re.test(t));
}
