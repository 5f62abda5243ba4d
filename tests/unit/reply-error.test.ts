/**
 * The background's refusals carry a code the pages word in the interface language
 * (utils/reply-error.ts): every code in English (the worker's English `error`, exactly) and in
 * French; a refusal without a code this version knows shows its `error` as it came; the pages
 * (useBackground, the Diagnostics panel, the page strip) show the worded one.
 */
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { installFakeI18n } from './fake-i18n';
import { REPLY_ERRORS, readReplyWhy, replyErrorText, type ReplyErrorCode } from '../../utils/reply-error';
import { transition, TRACKER_STATES, type TrackerEvent } from '../../utils/tracker/machine';
import { sendToBackground, sendToTab } from '../../utils/messages';
import { useBackground } from '../../components/use-background';

const PARAMS: Partial<Record<ReplyErrorCode, Record<string, string>>> = {
  cannotMarkPosted: { state: 'posted' },
  cannotUndoPosted: { state: 'submitted' },
  cannotRetryNow: { state: 'notStarted' },
  cannotChange: { state: 'retrieving' },
  notOpenable: { host: 'member.impactradius.com' },
  settingsRefused: { problems: 'retry.delaysMinutes: Too small' },
  unexpected: { error: 'QuotaExceededError' },
  detailsNotReadable: { issues: 'taskUrl: Invalid URL' },
  extensionUnreachable: { cause: 'Could not establish connection.' },
  pageUnreachable: { cause: 'No tab with id: 7.' },
};

/** The worker's English for each (router.ts, reducer.ts, machine.ts, urls.ts, messaging.ts). */
const ENGLISH: Record<ReplyErrorCode, string> = {
  taskGone: 'That task is no longer tracked.',
  cannotMarkPosted: 'Cannot mark posted while the task is "Posted".',
  cannotUndoPosted: 'Cannot undo posted while the task is "Submitted".',
  cannotRetryNow: 'Cannot retry now while the task is "Not started".',
  cannotChange: 'Cannot do that while the task is "Retrieving".',
  notOpenable: "This task's page is on member.impactradius.com, which is not allowed. Allow it in the overview's Settings (Other impact.com addresses) to open it.",
  notOpenableAddress: "This task's page is on an address that is not an impact.com page, which is not allowed. Allow it in the overview's Settings (Other impact.com addresses) to open it.",
  refreshUnavailable: 'Refresh all is not available.',
  settingsRefused: 'Settings refused: retry.delaysMinutes: Too small',
  unexpected: 'QuotaExceededError',
  detailsNotReadable: 'Task details not readable: taskUrl: Invalid URL',
  extensionNoAnswer: 'The extension did not answer. Reload the page and try again.',
  extensionUnreachable: 'The extension could not be reached (Could not establish connection.).',
  pageNoAnswer: 'The page did not answer.',
  pageUnreachable: 'The page could not be reached (No tab with id: 7.).',
  notUnderstood: 'The answer was not understood. Reload the page and try again.',
};

const reply = (code: string, params?: Record<string, string>) => ({ error: 'english words', code, ...(params ? { params } : {}) });

describe('each refusal code', () => {
  it('in English: the words the worker answers with', () => {
    for (const code of REPLY_ERRORS) expect(replyErrorText(reply(code, PARAMS[code])), code).toBe(ENGLISH[code]);
  });

  it('in French: its own words, with the values it names (a state by its French name)', () => {
    installFakeI18n('fr');
    for (const code of REPLY_ERRORS) {
      const words = replyErrorText(reply(code, PARAMS[code]));
      expect(words, code).not.toBe(ENGLISH[code]);
      expect(words.length, code).toBeGreaterThan(5);
      for (const [name, value] of Object.entries(PARAMS[code] ?? {})) if (name !== 'state') expect(words, code).toContain(value);
    }
    expect(replyErrorText(reply('cannotMarkPosted', { state: 'posted' }))).toBe('Impossible de marquer comme publiée tant que la tâche est « Publiée ».');
  });

  it('the state machine refuses with the code of the command and the state, worded as its English reason', () => {
    for (const event of ['markPosted', 'undoPosted', 'retryNow'] as TrackerEvent[]) {
      for (const state of TRACKER_STATES) {
        const out = transition(state, event);
        if (out.ok) continue;
        expect(replyErrorText({ error: '', code: out.code, params: out.params }), `${event} in ${state}`).toBe(out.reason);
      }
    }
  });
});

describe('refusals without a code this version knows', () => {
  it('show their error as it came', () => {
    installFakeI18n('fr');
    expect(replyErrorText({ error: 'Message refused: unknown sender.' })).toBe('Message refused: unknown sender.');
    expect(replyErrorText(reply('fromTheFuture'))).toBe('english words');
  });

  it('a code or values of the wrong shape are dropped as the reply arrives', () => {
    expect(readReplyWhy({ code: 'taskGone', params: { state: 'x', 'bad key': 'y', n: 3 } })).toEqual({ code: 'taskGone', params: { state: 'x' } });
    expect(readReplyWhy({ code: 'nope' })).toEqual({});
    expect(readReplyWhy({ code: 7, params: 'x' })).toEqual({});
    expect(readReplyWhy({ code: 'refreshUnavailable', params: [1] })).toEqual({ code: 'refreshUnavailable' });
  });
});

describe('the pages show refusals in the interface language', () => {
  it('useBackground (popup, overview) keeps the worded refusal', async () => {
    installFakeI18n('fr');
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue({ ok: false, error: 'Cannot mark posted while the task is "Posted".', code: 'cannotMarkPosted', params: { state: 'posted' } } as never);
    const { result } = renderHook(() => useBackground());
    await act(async () => void (await result.current.send({ type: 'markPosted', key: 'k' })));
    expect(result.current.error).toBe('Impossible de marquer comme publiée tant que la tâche est « Publiée ».');
  });

  it('sending: no answer, or nothing listening, is coded too', async () => {
    installFakeI18n('fr');
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(undefined as never);
    const none = await sendToBackground({ type: 'openOverview' });
    expect(!none.ok && replyErrorText(none)).toBe('L’extension n’a pas répondu. Rechargez la page et réessayez.');
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockRejectedValue(new Error('No tab with id: 7.'));
    const gone = await sendToTab(7, { type: 'ping' });
    expect(!gone.ok && replyErrorText(gone)).toBe('La page n’a pas pu être jointe (No tab with id: 7.).');
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue({ ok: 'maybe' } as never);
    const odd = await sendToBackground({ type: 'openOverview' });
    expect(!odd.ok && replyErrorText(odd)).toBe('La réponse n’a pas été comprise. Rechargez la page et réessayez.');
  });
});
