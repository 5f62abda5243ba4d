/**
 * Why a message was refused, as a code the pages word in the interface language.
 *
 * A refusal (`{ ok: false, error, code?, params? }`, utils/messaging.ts) keeps its English
 * `error` (logs, and any page of an older version), and carries a code with the values it
 * names. The page that shows it words it here (`replyErrorText`); a refusal without a code this
 * version knows shows its `error` as it is. Small and zod-free: the content script carries it.
 */
import { t } from './i18n';
import { STATE_LABELS, TRACKER_STATES, type TrackerState } from './tracker/machine';

export const REPLY_ERRORS = [
  /** The task is not in the tracker (removed meanwhile). */
  'taskGone',
  /** The state machine refuses the command in the task's state (`state`: a TrackerState). */
  'cannotMarkPosted',
  'cannotUndoPosted',
  'cannotRetryNow',
  'cannotChange',
  /** The task's address is on a host that is not allowed (`host`), or not an impact.com page at all. */
  'notOpenable',
  'notOpenableAddress',
  'refreshUnavailable',
  /** The settings were refused (`problems`: the checker's words). */
  'settingsRefused',
  /** Anything the worker did not expect (`error`: what went wrong). */
  'unexpected',
  /**
   * A task read off a page that the worker's parse refuses (`issues`: the schema's words): the
   * page shows it in place of the task's controls (utils/content/seen-tasks.ts).
   */
  'detailsNotReadable',
  /** Sending: nothing answered, or the answer made no sense (`cause`: the browser's words). */
  'extensionNoAnswer',
  'extensionUnreachable',
  'pageNoAnswer',
  'pageUnreachable',
  'notUnderstood',
] as const;
export type ReplyErrorCode = (typeof REPLY_ERRORS)[number];
export type ReplyParams = Record<string, string>;

/** A refusal's code and values (spread into `{ ok: false, error }`). */
export interface ReplyWhy {
  code?: ReplyErrorCode;
  params?: ReplyParams;
}

const CODES = new Set<string>(REPLY_ERRORS);

/** A state's name in the interface language; anything else as it is. */
function stateName(state: string | undefined): string {
  return state && (TRACKER_STATES as readonly string[]).includes(state) ? STATE_LABELS[state as TrackerState] : (state ?? '');
}

/** A refusal in the creator's words: its code worded in the interface language, else its `error` as it came. */
export function replyErrorText(reply: { error: string; code?: string; params?: ReplyParams }): string {
  if (!reply.code || !CODES.has(reply.code)) return reply.error;
  const p = reply.params ?? {};
  // Each code's words are its own key (one of diagnostics'), with the values it names; a value
  // not given reads as empty ('unexpected': the worker's English error).
  const key = reply.code === 'detailsNotReadable' ? 'diagnostics.detailsNotReadable' : `replyError.${reply.code}`;
  return words(key, { host: '', problems: '', issues: '', cause: '', error: reply.error, ...p, state: stateName(p.state) });
}

/** Any key of ours, by name (@wxt-dev/i18n fills only the placeholders a message has). */
const words = t as unknown as (key: string, substitutions: Record<string, string>) => string;

export function readReplyWhy(raw: { code?: unknown; params?: unknown }): ReplyWhy {
  const code = typeof raw.code === 'string' && CODES.has(raw.code) ? (raw.code as ReplyErrorCode) : undefined;
  if (!code) return {};
  const params: ReplyParams = {};
  const given = raw.params;
  if (given && typeof given === 'object' && !Array.isArray(given)) {
    for (const [k, v] of Object.entries(given).slice(0, 10)) if (/^[A-Za-z]{1,40}$/.test(k) && typeof v === 'string') params[k] = v.slice(0, 1000);
  }
  return Object.keys(params).length ? { code, params } : { code };
}
