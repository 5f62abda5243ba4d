/**
 * "Needs attention" and "Retry scheduled" in words the creator can act on (components/attention.ts),
 * and the same words on the page strip: its Retry now sends what the popup's sends.
 */
import { describe, expect, it } from 'vitest';
import { waitFor, within } from '@testing-library/dom';
import { ATTENTION_ACTIONS, afterFailedRetrieve, attentionKind, type AttentionKind } from '../../components/attention';
import { decideAfterAttempt, type AttemptResult } from '../../utils/background/retrieve-decisions';
import type { TrackedTask } from '../../utils/tracker/schema';
import { loadFixture } from './fixtures/load-fixture';
import { groups, mountOverlay } from './overlay-hostile-fixtures';
import { trackedTask } from './tracked-task';

const NOW = new Date(2026, 11, 3, 10, 0).getTime();

const task = (over: Partial<TrackedTask> = {}): TrackedTask =>
  trackedTask({ state: 'retrieving', retrieve: { attempts: 1, firstAttemptAt: NOW - 60_000, lastAttemptAt: NOW - 60_000 }, ...over });

/** The record the worker leaves when it gives up after `result` (the real decision, not a copy of its words). */
function givenUp(result: AttemptResult, retrieve: Partial<TrackedTask['retrieve']> = {}): TrackedTask['retrieve'] {
  const decision = decideAfterAttempt(task({ retrieve: { ...task().retrieve, ...retrieve } }), result, NOW, { delaysMinutes: [2], giveUpAfterHours: 0 });
  expect(decision.event).toBe('retrieveFailed');
  return decision.retrieve;
}

describe('the reason → action table', () => {
  it('tells each way the worker gives up apart, and gives each its own action', () => {
    const cases: [AttemptResult, Partial<TrackedTask['retrieve']>, AttentionKind][] = [
      [{ kind: 'notOnPage', detail: 'No “Retrieve my post” button in the task details.' }, {}, 'notOnPage'],
      [{ kind: 'unreachable', detail: 'The page did not load.' }, { unreachableAttempts: 2 }, 'unreachable'],
      [{ kind: 'timedOut', detail: '' }, { unreachableAttempts: 2 }, 'unreachable'],
      [{ kind: 'notYet', detail: 'TikTok has not got the post yet' }, { attempts: 9 }, 'notFound'],
      [{ kind: 'error', detail: 'Something went wrong' }, { attempts: 9 }, 'notFound'],
    ];
    for (const [result, retrieve, kind] of cases) expect(attentionKind(givenUp(result, retrieve)), result.kind).toBe(kind);
    expect(attentionKind({ lastOutcome: 'Imported from a backup.' })).toBe('unknown');
    expect(attentionKind({})).toBe('unknown');
    // Every action is different, and each ends in something the creator can press.
    expect(new Set(Object.values(ATTENTION_ACTIONS)).size).toBe(4);
    for (const action of Object.values(ATTENTION_ACTIONS)) expect(action).toMatch(/Retry now|Retrieve my post/);
  });

  it('Needs attention: the reason, then what to do; Retry scheduled: the reason and the next try; nothing otherwise', () => {
    const retrieve = givenUp({ kind: 'notOnPage', detail: 'The task “TikTok Video” is not listed on this page.' });
    expect(afterFailedRetrieve({ state: 'needsAttention', retrieve }, NOW)).toEqual({
      reason: 'Could not press "Retrieve my post": The task “TikTok Video” is not listed on this page.',
      action: ATTENTION_ACTIONS.notOnPage,
    });
    const later = new Date(2026, 11, 3, 14, 5).getTime();
    const scheduled = afterFailedRetrieve({ state: 'retryScheduled', retrieve: { lastOutcome: 'TikTok has not got the post yet', nextAttemptAt: later } }, NOW);
    expect(scheduled!.reason).toBe('TikTok has not got the post yet');
    expect(scheduled!.action).toMatch(/^Nothing: the helper presses "Retrieve my post" again at 0?2:05\s?PM|at 14:05/);
    expect(scheduled!.action).toContain('Press Retry now to try at once.');
    const tomorrow = afterFailedRetrieve({ state: 'retryScheduled', retrieve: { nextAttemptAt: later + 24 * 3600_000 } }, NOW);
    expect(tomorrow!.action).toMatch(/again on Dec 4 at /);
    expect(tomorrow!.reason).toBe('impact.com did not show the post yet.');
    for (const state of ['notStarted', 'inProgress', 'posted', 'retrieving', 'submitted']) expect(afterFailedRetrieve({ state, retrieve: {} }, NOW)).toBeNull();
  });
});

describe('the page strip after a failed retrieve', () => {
  it('Retry scheduled: the next try and a filled Retry now that sends the popup’s message; no Mark as posted', async () => {
    const { url } = loadFixture('hashed-details-expanded');
    const next = NOW + 4 * 3600_000;
    const t = task({ state: 'retryScheduled', retrieve: { attempts: 1, lastOutcome: 'TikTok has not got the post yet', nextAttemptAt: next } });
    const { sent, controller } = mountOverlay(url, [t]);
    await waitFor(() => expect(groups('ttcm-task')).toHaveLength(1));
    const strip = within(groups('ttcm-task')[0]!);
    await waitFor(() => expect(strip.getByText('Tracker: Retry scheduled')).toBeInTheDocument());
    const retry = strip.getByRole('button', { name: 'Retry now' });
    expect(retry).toBeVisible();
    expect(retry).toHaveClass('primary');
    // Mark as posted is not offered (hidden, not just disabled): Retry now takes its place.
    expect(strip.queryByRole('button', { name: 'Mark as posted' })).toBeNull();
    expect(strip.getByText(/^TikTok has not got the post yet/)).toHaveTextContent(
      `TikTok has not got the post yet What to do: ${afterFailedRetrieve(t, Date.now())!.action}`,
    );
    retry.click();
    await waitFor(() => expect(sent.at(-1)).toEqual({ type: 'retryNow', key: t.key }));
    controller.abort();
  });

  it('Needs attention: the reason and the creator’s next action from the table', async () => {
    const { url } = loadFixture('hashed-details-expanded');
    const retrieve = givenUp({ kind: 'unreachable', detail: 'The page did not load.' }, { unreachableAttempts: 2 });
    const { controller } = mountOverlay(url, [task({ state: 'needsAttention', retrieve })]);
    await waitFor(() => expect(groups('ttcm-task')).toHaveLength(1));
    const strip = within(groups('ttcm-task')[0]!);
    await waitFor(() => expect(strip.getByText('Tracker: Needs attention')).toBeInTheDocument());
    expect(strip.getByText(/^Could not press "Retrieve my post" after 3 tries/)).toHaveTextContent(`What to do: ${ATTENTION_ACTIONS.unreachable}`);
    expect(strip.getByRole('button', { name: 'Retry now' })).toHaveClass('primary');
    controller.abort();
  });

  it('before any retrieve: no Retry now and no note', async () => {
    const { url } = loadFixture('hashed-details-expanded');
    const { controller } = mountOverlay(url, [task({ state: 'inProgress', retrieve: { attempts: 0 } })]);
    await waitFor(() => expect(groups('ttcm-task')).toHaveLength(1));
    const strip = within(groups('ttcm-task')[0]!);
    await waitFor(() => expect(strip.getByText('Tracker: In progress')).toBeInTheDocument());
    expect(strip.queryByRole('button', { name: 'Retry now' })).toBeNull();
    expect(strip.getByRole('button', { name: 'Mark as posted' })).toBeVisible();
    expect(strip.queryByText(/What to do/)).toBeNull();
    controller.abort();
  });
});
