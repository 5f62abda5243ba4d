/**
 * A "Retrieve my post" outcome is stored as codes (utils/retrieve-reason.ts) and worded when
 * shown: every code in English (the words of earlier versions, exactly) and in French, with
 * impact.com's own words kept verbatim; records of older versions (English text only) still
 * show; a code this version does not know reads as a generic reason.
 */
import { describe, expect, it } from 'vitest';
import { installFakeI18n } from './fake-i18n';
import { RETRIEVE_REASONS, retrieveReasonText, type RetrieveOutcome } from '../../utils/retrieve-reason';
import { afterFailedRetrieve, attentionKind } from '../../components/attention';
import { decideAfterAttempt, outcomeData, type AttemptResult } from '../../utils/background/retrieve-decisions';
import { retrieveNotice } from '../../utils/background/retrieve-notice';
import { RetrieveStateSchema, type TrackedTask } from '../../utils/tracker/schema';

const VALUES: Partial<Record<string, string>> = { taskNotListed: 'TikTok Video', openFailed: 'net::ERR_FAILED', notOpenable: 'member.impactradius.com', didNotLoad: '60', wentAway: 'tab closed', refused: 'Command refused', unexpected: 'boom', timedOut: '5' };
const outcome = (code: string, more: Partial<RetrieveOutcome> = {}): RetrieveOutcome => ({ code, ...(VALUES[code] ? { value: VALUES[code] } : {}), ...more });

/** English as earlier versions stored it (retrieve-decisions.ts, retrieve-tabs.ts, page/retrieve.ts). */
const ENGLISH: Record<(typeof RETRIEVE_REASONS)[number], string> = {
  notYet: 'TikTok has not shown the post to impact.com yet.',
  impactError: 'impact.com showed an error.',
  submitted: 'The post is shown as the deliverable.',
  postShown: 'The post is shown as the deliverable.',
  alreadySubmitted: 'Already submitted.',
  campaignNotShown: 'This page does not show the task’s campaign.',
  taskNotListed: 'The task “TikTok Video” is not listed on this page.',
  noViewDetails: 'The task has no View Task Details button.',
  detailsDidNotOpen: 'View Task Details did not open.',
  noRetrieveButton: 'No “Retrieve my post” button in the task details.',
  noAnswer: 'The page gave no answer after “Retrieve my post”.',
  notOnPage: 'The task or its "Retrieve my post" button is not on the page.',
  noButton: 'The task page has no "Retrieve my post" button for this task.',
  unreachable: 'The task page could not be reached.',
  openFailed: 'Could not open the task page (net::ERR_FAILED).',
  notOpenable: "Could not open the task page (This task's page is on member.impactradius.com, which is not allowed. Allow it in the overview's Settings (Other impact.com addresses) to open it.).",
  superseded: 'The attempt was superseded.',
  didNotLoad: 'The task page did not load within 60 seconds.',
  wentAway: 'The task page went away before it answered (tab closed).',
  wentAwayNoAnswer: 'The task page went away before it answered (no answer).',
  notUnderstood: 'The page gave an answer we do not understand.',
  refused: 'The page did not carry out the request (Command refused).',
  unexpected: 'Unexpected problem: boom',
  timedOut: 'The attempt did not finish within 5 minutes (the browser, the worker or the page stopped).',
  timedOutBare: 'The attempt did not finish in time.',
};

const task = (over: Partial<TrackedTask> = {}): TrackedTask => ({
  key: 'k',
  campaignName: 'Summer Glow',
  brand: '',
  taskName: 'TikTok Video',
  taskUrl: 'https://app.impact.com/x',
  state: 'retrieving',
  path: 'inviteLink',
  steps: {},
  retrieve: { attempts: 3, firstAttemptAt: 0, lastAttemptAt: 0 },
  history: [],
  firstSeenAt: 0,
  updatedAt: 0,
  ...over,
});

describe('each reason code', () => {
  it('in English: the words earlier versions stored', () => {
    for (const code of RETRIEVE_REASONS) expect(retrieveReasonText({ outcome: outcome(code) }), code).toBe(ENGLISH[code]);
  });

  it('in French: its own words, none of them the English ones', () => {
    installFakeI18n('fr');
    const seen = new Set<string>();
    for (const code of RETRIEVE_REASONS) {
      const words = retrieveReasonText({ outcome: outcome(code) })!;
      expect(words, code).toBeTruthy();
      expect(words, code).not.toBe(ENGLISH[code]);
      if (VALUES[code]) expect(words, code).toContain(VALUES[code]);
      seen.add(words);
    }
    expect(retrieveReasonText({ outcome: outcome('timedOut') })).toBe('L’essai ne s’est pas terminé en 5 minutes (le navigateur, l’extension ou la page s’est arrêté).');
    // Distinct reasons read differently (postShown is submitted's reason without impact.com's words).
    expect(seen.size).toBe(RETRIEVE_REASONS.length - 1);
  });

  it('how the tries ended, in both languages, with plurals and the time they took', () => {
    const ended = (end: string, more: Partial<RetrieveOutcome> = {}) => retrieveReasonText({ outcome: outcome('unreachable', { end, ...more }) });
    expect(ended('notOnPage')).toBe('Could not press "Retrieve my post": The task page could not be reached.');
    expect(ended('unreachable', { tries: 1 })).toBe('Could not press "Retrieve my post" after 1 try: The task page could not be reached.');
    expect(ended('unreachable', { tries: 3 })).toBe('Could not press "Retrieve my post" after 3 tries: The task page could not be reached.');
    expect(retrieveReasonText({ outcome: { code: 'notYet', impact: 'Post not found.', end: 'notFound', tries: 9, minutes: 1440 } })).toBe(
      'impact.com still did not find the TikTok post after 9 tries over 24 h: Post not found.',
    );
    expect(retrieveReasonText({ outcome: { code: 'notYet', end: 'notFound', tries: 2, minutes: 7 } })).toBe(
      'impact.com still did not find the TikTok post after 2 tries over 7 min: TikTok has not shown the post to impact.com yet.',
    );
    expect(retrieveReasonText({ outcome: { code: 'submitted', impact: 'Submitted for approval', end: 'submitted' } })).toBe('Submitted. Submitted for approval');
    installFakeI18n('fr');
    expect(ended('unreachable', { tries: 3 })).toBe('Impossible de cliquer sur « Retrieve my post » après 3 essais : La page de la tâche n’a pas pu être atteinte.');
    expect(ended('notOnPage')).toBe('Impossible de cliquer sur « Retrieve my post » : La page de la tâche n’a pas pu être atteinte.');
    expect(retrieveReasonText({ outcome: { code: 'notYet', end: 'notFound', tries: 1, minutes: 180 } })).toBe(
      'impact.com ne trouve toujours pas la vidéo TikTok après 1 essai en 3 h : TikTok n’a pas encore transmis la vidéo à impact.com.',
    );
  });
});

describe('impact.com’s own words', () => {
  it('stay verbatim, in English as before and quoted as impact.com’s in French', () => {
    const notYet = { outcome: { code: 'notYet', impact: "We couldn't find your TikTok post yet." } };
    const error = { outcome: { code: 'impactError', impact: 'Something went wrong.' } };
    expect(retrieveReasonText(notYet)).toBe("We couldn't find your TikTok post yet.");
    expect(retrieveReasonText(error)).toBe('impact.com showed an error: Something went wrong.');
    installFakeI18n('fr');
    expect(retrieveReasonText(notYet)).toBe("impact.com indique : « We couldn't find your TikTok post yet. »");
    expect(retrieveReasonText(error)).toBe('impact.com a affiché une erreur : « Something went wrong. »');
  });

  it('are stored apart from our codes by the worker, with no words of ours', () => {
    const decide = (result: AttemptResult, retrieve: Partial<TrackedTask['retrieve']> = {}) =>
      decideAfterAttempt(task({ retrieve: { ...task().retrieve, ...retrieve } }), result, 60_000 * 30, { delaysMinutes: [2], giveUpAfterHours: 0 });
    const error = decide({ kind: 'error', detail: 'Something went wrong.' });
    expect(error.retrieve.outcome).toEqual({ code: 'impactError', impact: 'Something went wrong.', end: 'notFound', tries: 3, minutes: 30 });
    expect(error.detail).toBe('notFound/impactError [tries=3, minutes=30]: Something went wrong.');
    const listed = decide({ kind: 'notOnPage', detail: '', reason: 'taskNotListed', value: 'TikTok Video' });
    expect(listed.retrieve.outcome).toEqual({ code: 'taskNotListed', value: 'TikTok Video', end: 'notOnPage' });
    expect(outcomeData(listed.retrieve.outcome!)).toBe('notOnPage/taskNotListed (TikTok Video)');
    // A new outcome replaces an older version's English one.
    expect(decide({ kind: 'notYet', detail: '' }, { lastOutcome: 'old words' }).retrieve.lastOutcome).toBeUndefined();
  });
});

describe('records of older versions and unknown codes', () => {
  it('an older record (English text only) still loads and shows its words, and its action', () => {
    const legacy = RetrieveStateSchema.parse({ attempts: 3, lastOutcome: 'Could not press "Retrieve my post": No "Retrieve my post" button for TikTok Video.' });
    expect(retrieveReasonText(legacy)).toBe('Could not press "Retrieve my post": No "Retrieve my post" button for TikTok Video.');
    expect(attentionKind(legacy)).toBe('notOnPage');
    expect(afterFailedRetrieve({ state: 'needsAttention', retrieve: legacy }, 0)!.reason).toBe(legacy.lastOutcome);
    installFakeI18n('fr');
    // Its words are all there is: shown as they are.
    expect(retrieveReasonText(legacy)).toBe(legacy.lastOutcome);
  });

  it('a code this version does not know (or a damaged one) reads as a generic reason, in the language', () => {
    const odd = RetrieveStateSchema.parse({ attempts: 1, outcome: { code: 'fromTheFuture', end: 'somethingNew' } });
    expect(retrieveReasonText(odd)).toBe('The last try did not get the post to impact.com.');
    expect(attentionKind(odd)).toBe('unknown');
    expect(retrieveReasonText({ outcome: { code: '' } })).toBe('The last try did not get the post to impact.com.');
    // …keeping impact.com's words when it has some.
    expect(retrieveReasonText({ outcome: { code: 'fromTheFuture', impact: 'Nope.' } })).toBe('Nope.');
    installFakeI18n('fr');
    expect(retrieveReasonText(odd)).toBe('Le dernier essai n’a pas transmis la vidéo à impact.com.');
  });

  it('the notification says the reason in the language too', () => {
    installFakeI18n('fr');
    const t = task({ state: 'needsAttention', retrieve: { attempts: 1, outcome: { code: 'noRetrieveButton', end: 'notOnPage' } } });
    const notice = retrieveNotice(t, 'needsAttention', retrieveReasonText(t.retrieve));
    expect(notice.message).toContain('Impossible de cliquer sur « Retrieve my post » : Pas de bouton « Retrieve my post » dans les détails de la tâche.');
  });
});
