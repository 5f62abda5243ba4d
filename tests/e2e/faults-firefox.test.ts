/**
 * Faults in Firefox (production build, replica): two windows marking the same task at once
 * press "Retrieve my post" once, and the second window says why it did nothing; and Firefox
 * quit while a retry is pending picks the schedule up after the restart, exactly one more
 * press, then Submitted.
 *
 * Firefox keeps no alarms across a restart (Chrome does): the worker rebuilds them from
 * storage when it starts (utils/background/retrieve-orchestrator.ts, resume). For the restart
 * the add-on is installed permanently (harness: `permanent`), as a creator's copy is: a
 * temporary add-on is uninstalled when Firefox quits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchFirefox, type FirefoxSession } from './harness';
import { openOverview, openPage, pressInTtcm, showsOnPage, trackedTasks, ttcmControl } from './firefox-pages';
import { SUMMER_GLOW, TWO_VIDEOS, pageUrls, resetReplica, retrieveRequests, waitFor } from './retrieve-data';
import { alarmNameFor } from '../../utils/background/retrieve-decisions';
import { liveRegionText } from './page-scripts';

/** The extension APIs the overview-side callbacks below use. */
declare const browser: {
  runtime: { sendMessage(message: unknown): Promise<{ ok: boolean; error?: string }> };
  storage: { local: { clear(): Promise<void> } };
  alarms: {
    clearAll(): Promise<boolean>;
    create(name: string, info: { when: number }): void;
    getAll(): Promise<{ name: string; scheduledTime: number }[]>;
  };
};

let session: FirefoxSession;
/** The overview page, opened by the extension itself from the overlay's Open overview. */
let overview: Page;

beforeAll(async () => {
  session = await launchFirefox({ permanent: true });
  overview = await openOverview(session);
});
afterAll(async () => {
  await session?.close();
});

async function clearExtension(): Promise<void> {
  await overview.evaluate(async () => {
    await browser.storage.local.clear();
    await browser.alarms.clearAll();
  });
}

/** What the page's live regions (ours included, in shadow roots) say now. */
const said = (page: Page) => page.evaluate(liveRegionText);

describe('faults (Firefox)', () => {
  it('two windows press Mark as posted on the same task at once: one retrieve, and the second is told why', async () => {
    await clearExtension();
    await resetReplica(session.replica, { retrieve: { delayMs: 300 } });
    const url = pageUrls('semantic', SUMMER_GLOW.campaignId, SUMMER_GLOW.taskId).task;
    const a = await openPage(session, url, { window: true });
    const b = await openPage(session, url, { window: true });
    const [buttonA, buttonB] = [await ttcmControl(a, 'Mark as posted'), await ttcmControl(b, 'Mark as posted')];
    await waitFor('the task to be recorded', async () => Object.keys(await trackedTasks(overview)).length === 1);
    await waitFor('both buttons to be enabled', async () => !(await buttonA.evaluate((el) => (el as HTMLButtonElement).disabled)) && !(await buttonB.evaluate((el) => (el as HTMLButtonElement).disabled)));

    // Both clicks land before either window hears of the other (a click from each page's own task).
    await Promise.all([buttonA.evaluate((el) => (el as HTMLButtonElement).click()), buttonB.evaluate((el) => (el as HTMLButtonElement).click())]);
    // One window says "Marked as posted" (for 4 s); the other explains it was already marked,
    // or had already switched its button off when the first window's change reached it.
    const messages = await waitFor('a window to confirm', async () => {
      const both = [await said(a), await said(b)];
      return both.some((m) => m.includes('Marked as posted')) ? both : null;
    });
    expect(messages.filter((m) => m.includes('Marked as posted')), JSON.stringify(messages)).toHaveLength(1);
    const [other, otherButton] = messages[0]!.includes('Marked as posted') ? [b, buttonB] : [a, buttonA];
    const told = await waitFor('the other window to say why', async () => {
      const text = await said(other);
      const disabled = await otherButton.evaluate((el) => (el as HTMLButtonElement).disabled);
      return /Cannot mark posted while the task is "(Posted|Retrieving|Submitted)"/.test(text) || disabled ? { text, disabled } : null;
    });
    expect(told.text.includes('Marked as posted')).toBe(false);

    const done = await waitFor('Submitted', async () => Object.values(await trackedTasks(overview)).find((t) => t.state === 'submitted'), 60_000);
    expect(done.retrieve.attempts).toBe(1);
    expect(done.history.filter((h) => h.event === 'markPosted')).toHaveLength(1);
    expect((await retrieveRequests(session.replica)).map((r) => [r.taskId, r.outcome])).toEqual([[SUMMER_GLOW.taskId, 'success']]);
    // Both windows end up showing the same, true state.
    await showsOnPage(a, 'Tracker: Submitted');
    await showsOnPage(b, 'Tracker: Submitted');
    await a.close();
    await b.close();
  });

  it('Firefox quits with a retry pending: after the restart it retries once and the task is Submitted', async () => {
    await clearExtension();
    const task = TWO_VIDEOS.unboxing;
    await resetReplica(session.replica, { retrieve: { delayMs: 50, tasks: { [task.taskId]: { mode: 'notFound', notFoundTimes: 1 } } } });
    // A short schedule so the retry is due soon after the restart.
    expect((await overview.evaluate(() => browser.runtime.sendMessage({ type: 'updateSettings', settings: { retry: { delaysMinutes: [0.25], giveUpAfterHours: 1 } } }))).ok).toBe(true);
    const tab = await openPage(session, pageUrls('semantic', TWO_VIDEOS.campaignId, task.taskId).task);
    await pressInTtcm(tab, 'Mark as posted');
    const scheduled = await waitFor('Retry scheduled', async () => Object.values(await trackedTasks(overview)).find((t) => t.state === 'retryScheduled'), 60_000);
    await showsOnPage(tab, 'Tracker: Retry scheduled');
    expect((await retrieveRequests(session.replica)).map((r) => r.outcome)).toEqual(['notFound']);
    const due = scheduled.retrieve.nextAttemptAt!;
    expect(due - Date.now()).toBeGreaterThan(8_000);
    // An alarm of no meaning to the worker: shows whether Firefox kept alarms across the restart.
    await overview.evaluate(() => browser.alarms.create('e2e-probe', { when: Date.now() + 3_600_000 }));

    const quitAt = Date.now();
    await session.restart();
    // The creator comes back to impact.com (another campaign) and opens the overview.
    overview = await openOverview(session);
    const alarms = await overview.evaluate(() => browser.alarms.getAll());
    // Firefox forgot the alarms; the worker set the task's again from storage.
    expect(alarms.map((a) => a.name)).not.toContain('e2e-probe');
    expect(alarms, `restart and overview took ${Date.now() - quitAt} ms`).toContainEqual(expect.objectContaining({ name: alarmNameFor(scheduled.key), scheduledTime: due }));

    const done = await waitFor('Submitted after the restart', async () => {
      const t = (await trackedTasks(overview))[scheduled.key];
      return t?.state === 'submitted' ? t : undefined;
    }, 60_000);
    const requests = await retrieveRequests(session.replica);
    expect(requests.map((r) => [r.taskId, r.outcome])).toEqual([
      [task.taskId, 'notFound'],
      [task.taskId, 'success'],
    ]);
    expect(Date.parse(String((requests[1] as { at?: unknown }).at))).toBeGreaterThanOrEqual(due);
    expect(done.retrieve.attempts).toBe(2);
    // The second attempt began after the restart and ended the task. The retry tab is a
    // background tab, where Firefox slows the content script's timers, so its report of the
    // page's new status ("… pending approval", observedSubmitted) often reaches the worker
    // before the attempt's own answer (retrieveSucceeded); either way the answer then
    // completes the attempt: its outcome is recorded and nothing is left running.
    const events = done.history.map((h) => h.event).filter((e) => e.startsWith('retrieve') || e === 'startRetrieve' || e === 'observedSubmitted');
    expect(events.slice(0, 3), JSON.stringify(done.history.slice(-8))).toEqual(['startRetrieve', 'retrieveNotYet', 'startRetrieve']);
    expect(events.slice(3), JSON.stringify(done.history.slice(-8))).toHaveLength(1);
    expect(['retrieveSucceeded', 'observedSubmitted']).toContain(events[3]);
    expect(done.history.find((h) => h.event === 'startRetrieve' && h.detail === 'Attempt 2')!.at).toBeGreaterThanOrEqual(due);
    await waitFor('the attempt to be completed', async () => {
      const t = (await trackedTasks(overview))[scheduled.key];
      return t && t.retrieve.attemptId === undefined && t.retrieve.outcome?.end === 'submitted' ? t : undefined;
    });
    // The tab the worker opened for the retry is closed again; the overview shows the task done.
    await waitFor('the retry tab to close', async () => {
      const hrefs = await Promise.all((await session.browser.pages()).map((p) => p.evaluate(() => location.href).catch(() => '')));
      return hrefs.every((href) => href !== done.taskUrl);
    });
    await waitFor('the overview to show the task Submitted', () =>
      overview.evaluate((name) => Array.from(document.querySelectorAll('tbody tr')).some((tr) => tr.textContent!.includes(name) && tr.textContent!.includes('Submitted')), task.taskName),
    );
  }, 120_000);
});
