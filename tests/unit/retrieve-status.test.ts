/**
 * After "Retrieve my post", the task's impact.com status is read back from the page and stored
 * with the attempt's result (seen before: "Submitted · impact.com: Not started" after a
 * successful retrieve). The page side on every replica family's details, the worker side with
 * the fake browser of the orchestrator tests.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as S from '../replica/scenario.mjs';
import { FAMILIES, loadFixture } from './fixtures/load-fixture';
import { FakeBrowser } from './background-retrieve-fakes';
import { glowVideo } from './glow-video';
import { handleMessage } from '../../utils/background/router';
import { createRetrieveOrchestrator, type RetrieveOrchestrator } from '../../utils/background/retrieve-orchestrator';
import type { TaskIdentity } from '../../utils/messages';
import { deepQueryAll, deepText } from '../../utils/page/dom';
import { findOpenDetails, findRetrieveButton, retrievePost, STATUS_SETTLE_MS, type RetrieveDeps } from '../../utils/page/retrieve';
import { readTracker } from '../../utils/tracker/storage';
import { taskKey } from '../../utils/tracker/schema';

const glow = S.findTask(S.ids.tiktokOnly.taskId)!;
const identity: TaskIdentity = { key: 'k', campaignName: glow.campaign.name, taskName: glow.task.name, campaignId: glow.campaign.id, taskId: glow.task.id };
const PENDING = S.statusWords.pendingApproval(glow.task.name);

/** A clock that moves only when the flow sleeps; `onSleep` runs at each sleep (the page changing meanwhile). */
function deps(url: string, onSleep: (slept: number) => void = () => {}): RetrieveDeps & { elapsed(): number } {
  let now = 0;
  let sleeps = 0;
  return {
    doc: document,
    url: () => url,
    now: () => now,
    sleep: async (ms) => {
      now += ms;
      onSleep(++sleeps);
      await Promise.resolve();
    },
    clicks: null,
    timeouts: { open: 2000, answer: 5000 },
    elapsed: () => now,
  };
}

/** The elements of the open details that show the task's status. */
function statusElements(url: string): Element[] {
  const panel = findOpenDetails(document, url, identity)!;
  return deepQueryAll(panel, '*').filter((e) => e.children.length === 0 && deepText(e) === 'Awaiting submission');
}

/** The page's answer to the click: the replica's success message in the details. */
function answerSuccess(button: HTMLElement) {
  const alert = document.createElement('div');
  alert.setAttribute('role', 'alert');
  alert.textContent = S.messages.retrieveSuccess;
  (button.closest('[role="dialog"], aside') ?? button.parentElement!).append(alert);
}

describe.each(FAMILIES)('%s family: the status after the answer', (family) => {
  it('is read back with the answer when the page shows it with the message', async () => {
    const { url } = loadFixture(`${family}-details-expanded`);
    const status = statusElements(url);
    expect(status.length).toBeGreaterThan(0);
    const button = findRetrieveButton(findOpenDetails(document, url, identity)!)!;
    button.addEventListener('click', () => {
      answerSuccess(button);
      for (const el of status) el.textContent = PENDING;
    });
    await expect(retrievePost(identity, 'a1', deps(url))).resolves.toEqual({ outcome: 'submitted', detail: S.messages.retrieveSuccess, impactStatus: PENDING });
  });

  it('is waited for a moment when the status changes after the message', async () => {
    const { url } = loadFixture(`${family}-details-expanded`);
    const status = statusElements(url);
    const button = findRetrieveButton(findOpenDetails(document, url, identity)!)!;
    let clicked = false;
    button.addEventListener('click', () => {
      clicked = true;
      answerSuccess(button);
    });
    let sleepsAfterClick = 0;
    const flow = deps(url, () => {
      if (clicked && ++sleepsAfterClick === 4) for (const el of status) el.textContent = PENDING;
    });
    await expect(retrievePost(identity, 'a2', flow)).resolves.toMatchObject({ outcome: 'submitted', impactStatus: PENDING });
  });

  it('is not reported when it did not change (the tracker keeps what it knows), after a short wait only', async () => {
    const { url } = loadFixture(`${family}-details-expanded`);
    const button = findRetrieveButton(findOpenDetails(document, url, identity)!)!;
    button.addEventListener('click', () => answerSuccess(button));
    const flow = deps(url);
    const result = await retrievePost(identity, 'a3', flow);
    expect(result).toEqual({ outcome: 'submitted', detail: S.messages.retrieveSuccess });
    expect(flow.elapsed()).toBeLessThanOrEqual(STATUS_SETTLE_MS + 2000);
  });
});

describe('the worker stores the status the page read back', () => {
  const OWN = { id: 'own', url: 'chrome-extension://own/popup.html' };
  const video = glowVideo({ impactStatus: 'Not started' });
  const key = taskKey(video);
  let fake: FakeBrowser;
  let retrieve: RetrieveOrchestrator;
  const send = (message: unknown, sender: object = OWN) =>
    handleMessage(message, sender, { ownId: 'own', ownOrigin: 'chrome-extension://own/', overviewUrl: 'chrome-extension://own/overview.html', openPage: async () => {}, onReadyToRetrieve: (k, r) => retrieve.start(k, r) });
  const stored = async () => (await readTracker()).data.tasks[key]!;

  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2025-03-01T10:00:00Z') });
    fake = new FakeBrowser();
    retrieve = createRetrieveOrchestrator(fake.deps());
    await send({ type: 'taskSeen', task: video }, { ...OWN, url: 'https://app.impact.com/secure/mediapartner/x.ihtml', tab: { id: 3 } });
    fake.addTab(video.taskUrl);
  });
  afterEach(() => vi.useRealTimers());

  it('Submitted, with the status impact.com shows now, not "Not started"', async () => {
    fake.answers = [{ outcome: 'submitted', detail: 'Your TikTok post was retrieved.', impactStatus: 'TikTok Video pending approval' }];
    expect((await send({ type: 'markPosted', key })).ok).toBe(true);
    await retrieve.idle();
    expect(await stored()).toMatchObject({ state: 'submitted', impactStatus: 'TikTok Video pending approval' });
  });

  it('a retry scheduled takes the status too; an answer without one keeps the status known', async () => {
    fake.answers = [{ outcome: 'notYet', detail: 'Not found yet.', impactStatus: 'Overdue' }];
    await send({ type: 'markPosted', key });
    await retrieve.idle();
    expect(await stored()).toMatchObject({ state: 'retryScheduled', impactStatus: 'Overdue' });

    fake.answers = [{ outcome: 'submitted', detail: 'Deliverable pending approval' }];
    await send({ type: 'retryNow', key });
    await retrieve.idle();
    expect(await stored()).toMatchObject({ state: 'submitted', impactStatus: 'Overdue' });
  });
});
