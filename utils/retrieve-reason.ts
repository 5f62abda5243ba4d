/**
 * What a "Retrieve my post" attempt came to, as the worker stores it and as the creator reads it.
 *
 * The worker stores a reason code (`retrieve.outcome.code`), the one value that reason names
 * (a task's name, a browser's error, a number of seconds), impact.com's own words verbatim when
 * the page showed some (`impact`: never translated), and how the series of tries ended (`end`).
 * The words are made here at display time, in the interface language (locales/*.yml
 * `retrieveReason.*`): the popup, the page strip and the notification read the same record.
 *
 * Records of older versions hold English text only (`retrieve.lastOutcome`): shown as they are.
 * A code this version does not know (a newer version's, a damaged record) reads as a generic
 * reason. Small and zod-free: the content script carries it.
 */
import { formatNumber, t } from './i18n';

/** Our reasons. The page's (utils/page/retrieve.ts), then the worker's (utils/background/retrieve-*.ts). */
export const RETRIEVE_REASONS = [
  // TikTok has not given the post to impact.com yet (impact.com's words in `impact`, when shown).
  'notYet',
  // impact.com showed an error (its words in `impact`).
  'impactError',
  // impact.com took the post (its words in `impact`), or shows it already.
  'submitted',
  'postShown',
  'alreadySubmitted',
  // The page (the content script) could not get to the button.
  'campaignNotShown',
  'taskNotListed',
  'noViewDetails',
  'detailsDidNotOpen',
  'noRetrieveButton',
  'noAnswer',
  // The worker could not get an answer from a page.
  'notOnPage',
  'noButton',
  'unreachable',
  'openFailed',
  // The task's address is on a host that is not (or no longer) allowed (`value`: the host; '' when not an https address).
  'notOpenable',
  'superseded',
  'didNotLoad',
  'wentAway',
  'wentAwayNoAnswer',
  'notUnderstood',
  'refused',
  'unexpected',
  'timedOut',
  'timedOutBare',
] as const;
export type RetrieveReason = (typeof RETRIEVE_REASONS)[number];

/** How a series of tries ended: impact.com has the post, or the worker stopped and asks the creator. */
export const RETRIEVE_ENDS = ['submitted', 'notOnPage', 'unreachable', 'notFound'] as const;
export type RetrieveEnd = (typeof RETRIEVE_ENDS)[number];

/** The stored outcome (schema.ts RetrieveOutcomeSchema): codes and values, no words of ours. */
export interface RetrieveOutcome {
  /** A RetrieveReason; anything else reads as a generic reason. */
  code: string;
  /** The one value the reason names. */
  value?: string;
  /** impact.com's own words, verbatim. */
  impact?: string;
  /** A RetrieveEnd, when the series ended. */
  end?: string;
  /** Tries of the series, when it ended unreachable or not found. */
  tries?: number;
  /** Minutes from the first try to the last, when it ended not found. */
  minutes?: number;
}

const REASONS = new Set<string>(RETRIEVE_REASONS);
export const isRetrieveReason = (code: string): code is RetrieveReason => REASONS.has(code);

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** impact.com's words, verbatim, said to be theirs (English: as they are, as before). */
const said = (message: string) => t('retrieveReason.impactSaid', { message });

/** Reasons whose words are impact.com's own when the page showed some. */
const SAID_WHEN_SHOWN = new Set<string>(['notYet', 'submitted', 'notOnPage', 'noButton', 'unreachable']);
/** Reasons whose words name their value, and the placeholder that takes it. */
const VALUE_NAMES: Partial<Record<RetrieveReason, string>> = { taskNotListed: 'task', openFailed: 'error', wentAway: 'cause', refused: 'error', unexpected: 'error' };
/** Any `retrieveReason.*` key: each reason without its own case below has words of its own name. */
const words = t as unknown as (key: string, substitutions?: Record<string, string>) => string;

/** The reason alone (what happened on the last try). */
export function reasonWords(outcome: Pick<RetrieveOutcome, 'code' | 'value' | 'impact'>): string {
  const impact = outcome.impact?.trim() ?? '';
  const value = outcome.value ?? '';
  const code = outcome.code;
  if (!isRetrieveReason(code)) return impact ? said(impact) : t('retrieveReason.unknown');
  if (impact && SAID_WHEN_SHOWN.has(code)) return said(impact);
  switch (code) {
    case 'impactError':
      return impact ? t('retrieveReason.impactError', { message: impact }) : t('retrieveReason.impactErrorBare');
    case 'submitted':
      return t('retrieveReason.postShown');
    case 'notOpenable':
      return t('retrieveReason.openFailed', { error: value ? t('replyError.notOpenable', { host: value }) : t('replyError.notOpenableAddress') });
    case 'didNotLoad':
      return t('retrieveReason.didNotLoad', { seconds: formatNumber(Number(value) || 0) });
    case 'timedOut':
      return t('retrieveReason.timedOut', { minutes: formatNumber(Number(value) || 0) });
  }
  const name = VALUE_NAMES[code];
  return words(`retrieveReason.${code}`, name ? { [name]: value } : undefined);
}

/** "12 min" / "3 h": how long the tries went on. */
function duration(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  return m < 120 ? t('retrieveReason.minutes', { n: formatNumber(m) }) : t('retrieveReason.hours', { n: formatNumber(Math.round(m / 60)) });
}

/** The whole outcome in words: the reason, and how the series ended. */
export function outcomeWords(outcome: RetrieveOutcome): string {
  const reason = clip(reasonWords(outcome), 300);
  const tries = outcome.tries ?? 0;
  switch (outcome.end) {
    case 'submitted':
      return clip(t('retrieveReason.endSubmitted', { reason }), 300);
    case 'notOnPage':
      return clip(t('retrieveReason.endNotOnPage', { reason }), 300);
    case 'unreachable':
      return clip(t('retrieveReason.endUnreachable', tries, { count: formatNumber(tries), reason }), 300);
    case 'notFound':
      return clip(t('retrieveReason.endNotFound', tries, { count: formatNumber(tries), duration: duration(outcome.minutes ?? 0), reason }), 300);
    default:
      return reason;
  }
}

/**
 * The last attempt's outcome in words, or undefined when there is none: the stored codes in the
 * interface language, else an older version's text as it was stored.
 */
export function retrieveReasonText(retrieve: { outcome?: RetrieveOutcome; lastOutcome?: string }): string | undefined {
  if (retrieve.outcome) return outcomeWords(retrieve.outcome);
  return retrieve.lastOutcome || undefined;
}
