/**
 * "Retrieve my post": the outcome reader on every family's real answers (fixtures saved after
 * pressing the button with the replica set to not-found, error and success), and the flow's
 * promises: the right task or nothing, one click per attempt, no click when already submitted.
 */
import { describe, expect, it, vi } from 'vitest';
import * as S from '../replica/scenario.mjs';
import { FAMILIES, loadFixture } from './fixtures/load-fixture';
import { alreadySubmitted, findOpenDetails, findRetrieveButton, readRetrieveOutcome, retrievePost, type RetrieveDeps } from '@/utils/page/retrieve';
import type { TaskIdentity } from '@/utils/messages';

const glow = S.findTask(S.ids.tiktokOnly.taskId)!;
const identity = (hit = glow, withIds = true): TaskIdentity => ({
  key: 'k',
  campaignName: hit.campaign.name,
  taskName: hit.task.name,
  ...(withIds ? { campaignId: hit.campaign.id, taskId: hit.task.id } : {}),
});

function deps(url: string, clicks = new Map<string, string>()): RetrieveDeps {
  let now = 0;
  return {
    doc: document,
    url: () => url,
    now: () => now,
    sleep: async (ms) => {
      now += ms;
      await Promise.resolve();
    },
    clicks: { getItem: (k) => clicks.get(k) ?? null, setItem: (k, v) => void clicks.set(k, v) },
    timeouts: { open: 2000, answer: 5000 },
  };
}

describe.each(FAMILIES)('%s family', (family) => {
  it.each([
    ['notFound', 'notYet', S.messages.retrieveNotFound],
    ['error', 'error', S.messages.retrieveError],
    ['success', 'submitted', S.messages.retrieveSuccess],
  ] as const)('reads the page’s answer after a %s', (fixture, outcome, detail) => {
    const { url } = loadFixture(`${family}-retrieve-${fixture}`);
    const panel = findOpenDetails(document, url, identity())!;
    expect(panel).not.toBeNull();
    expect(readRetrieveOutcome(panel, { texts: new Set() }, true)).toEqual({ outcome, detail });
  });

  it('knows a task that is already submitted, and one that is not', () => {
    let { url } = loadFixture(`${family}-details-submitted`);
    expect(alreadySubmitted(findOpenDetails(document, url, identity(S.findTask(S.ids.alreadySubmitted.taskId)!))!)).toBe(true);
    ({ url } = loadFixture(`${family}-details-expanded`));
    const panel = findOpenDetails(document, url, identity())!;
    expect(alreadySubmitted(panel)).toBe(false);
    expect(findRetrieveButton(panel)?.textContent).toContain('Retrieve my post');
  });

  it('does not click when the task is already submitted', async () => {
    const hit = S.findTask(S.ids.alreadySubmitted.taskId)!;
    const { url } = loadFixture(`${family}-details-submitted`);
    const clicked = vi.fn();
    document.addEventListener('click', clicked, true);
    await expect(retrievePost(identity(hit), 'a1', deps(url))).resolves.toMatchObject({ outcome: 'submitted' });
    document.removeEventListener('click', clicked, true);
    expect(clicked).not.toHaveBeenCalled();
  });

  it('clicks once per attempt and reads the answer the click brings', async () => {
    const { url } = loadFixture(`${family}-details-expanded`);
    const clicks = new Map<string, string>();
    const button = findRetrieveButton(findOpenDetails(document, url, identity())!)!;
    let presses = 0;
    // The page answers the click the way the replica does: an alert in the slide-out.
    button.addEventListener('click', () => {
      presses++;
      const alert = document.createElement('div');
      alert.setAttribute('role', 'alert');
      alert.textContent = S.messages.retrieveNotFound;
      button.closest('[role="dialog"], aside')!.append(alert);
    });
    await expect(retrievePost(identity(), 'attempt-1', deps(url, clicks))).resolves.toEqual({ outcome: 'notYet', detail: S.messages.retrieveNotFound });
    // Asked again for the same attempt (say the reply was lost): it reads, it does not press again.
    await expect(retrievePost(identity(), 'attempt-1', deps(url, clicks))).resolves.toMatchObject({ outcome: 'notYet' });
    expect(presses).toBe(1);
  });

  it('answers notHere for another campaign or a task that is not listed', async () => {
    const { url } = loadFixture(`${family}-tasks-two-tiktok`);
    await expect(retrievePost(identity(glow), 'a2', deps(url))).resolves.toMatchObject({ outcome: 'notHere' });
    const kicks = S.findTask(S.ids.twoTikTokTasks.taskIds[0]!)!;
    await expect(retrievePost({ ...identity(kicks, false), taskName: 'TikTok Video – Dancing' }, 'a3', deps(url))).resolves.toMatchObject({ outcome: 'notHere' });
  });
});
