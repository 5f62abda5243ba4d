/**
 * Faults in a real browser (Chromium, production build, replica): two windows marking the
 * same task at once press "Retrieve my post" once; and a browser quit while a retry is
 * pending picks the schedule up after the restart — exactly one more press, then Submitted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type ChromiumSession } from './harness';
import { SUMMER_GLOW, TWO_VIDEOS, pageUrls, resetReplica, retrieveRequests, waitFor } from './retrieve-data';
import { storedTasks } from './chromium-pages';
import { liveRegionText } from './page-scripts';

declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<{ ok: boolean; error?: string }> };
  storage: { local: { get(key: string | null): Promise<Record<string, unknown>>; clear(): Promise<void> } };
  alarms: { clearAll(): Promise<boolean>; getAll(): Promise<unknown[]> };
};

let session: ChromiumSession;

beforeAll(async () => {
  session = await launchChromium();
});
afterAll(async () => {
  await session?.close();
});

async function extPage(): Promise<Page> {
  return session.extensionPage('popup.html');
}

async function markButton(tab: Page) {
  const toggle = tab.getByText('TTCM Branded Content Details');
  await toggle.waitFor();
  const button = tab.getByRole('button', { name: 'Mark as posted' });
  if (!(await button.isVisible())) await toggle.click();
  await button.waitFor();
  return button;
}

describe('faults (Chromium)', () => {
  it('two windows press Mark as posted on the same task at once: one retrieve, and the second is told why', async () => {
    const ext = await extPage();
    await ext.evaluate(() => chrome.storage.local.clear());
    await resetReplica(session.replica, { retrieve: { delayMs: 300 } });
    const url = pageUrls('semantic', SUMMER_GLOW.campaignId, SUMMER_GLOW.taskId).task;
    const a = await session.newPage(url);
    const b = await session.newPage(url);
    const [buttonA, buttonB] = [await markButton(a), await markButton(b)];
    await waitFor('the task to be recorded', async () => (await storedTasks(ext)).length === 1);
    // Both clicks land before either window hears of the other (a click from each page's own task).
    await Promise.all([buttonA.evaluate((el) => (el as HTMLButtonElement).click()), buttonB.evaluate((el) => (el as HTMLButtonElement).click())]);
    const done = await waitFor('Submitted', async () => (await storedTasks(ext)).find((t) => t.state === 'submitted'), 60_000);
    expect(done.retrieve.attempts).toBe(1);
    expect(done.history.filter((h) => h.event === 'markPosted')).toHaveLength(1);
    expect((await retrieveRequests(session.replica)).map((r) => [r.taskId, r.outcome])).toEqual([[SUMMER_GLOW.taskId, 'success']]);
    // One window says "Marked as posted"; the other explains it was already marked, or had
    // already switched its button off when the first window's change reached it.
    const said = (page: Page) => page.evaluate(liveRegionText);
    const messages = await waitFor('the first window to confirm', async () => {
      const both = [await said(a), await said(b)];
      return both.some((m) => m.includes('Marked as posted')) ? both : null;
    });
    expect(messages.filter((m) => m.includes('Marked as posted'))).toHaveLength(1);
    const other = messages[0]!.includes('Marked as posted') ? b : a;
    const otherSaid = messages[0]!.includes('Marked as posted') ? messages[1]! : messages[0]!;
    // Switched off: no longer offered once the task is posted (issue 12), or disabled.
    const otherButton = other.getByRole('button', { name: 'Mark as posted' });
    const switchedOff = async () => (await otherButton.count()) === 0 || (await otherButton.isDisabled());
    expect(/Cannot mark posted while the task is "(Posted|Retrieving|Submitted)"/.test(otherSaid) || (await switchedOff())).toBe(true);
    await a.close();
    await b.close();
    await ext.close();
  });

  it('the browser quits with a retry pending: after the restart it retries once and the task is Submitted', async () => {
    let ext = await extPage();
    await ext.evaluate(async () => {
      await chrome.storage.local.clear();
      await chrome.alarms.clearAll();
    });
    const task = TWO_VIDEOS.unboxing;
    await resetReplica(session.replica, { retrieve: { delayMs: 50, tasks: { [task.taskId]: { mode: 'notFound', notFoundTimes: 1 } } } });
    // A short schedule so the retry is due soon after the restart (unpacked builds have no alarm floor).
    expect((await ext.evaluate(() => chrome.runtime.sendMessage({ type: 'updateSettings', settings: { retry: { delaysMinutes: [0.5], giveUpAfterHours: 1 } } }))).ok).toBe(true);
    const tab = await session.newPage(pageUrls('semantic', TWO_VIDEOS.campaignId, task.taskId).task);
    await (await markButton(tab)).click();
    const scheduled = await waitFor('Retry scheduled', async () => (await storedTasks(ext)).find((t) => t.state === 'retryScheduled'), 60_000);
    expect((await retrieveRequests(session.replica)).map((r) => r.outcome)).toEqual(['notFound']);
    expect(scheduled.retrieve.nextAttemptAt! - Date.now()).toBeGreaterThan(3_000);

    const quitAt = Date.now();
    await session.restart();
    ext = await extPage();
    // On a timeout, say where the task stood and what reached the replica (a rare CI failure here).
    let seen: unknown;
    const done = await waitFor(
      'Submitted after the restart',
      async () => {
        const t = (await storedTasks(ext)).find((x) => x.key === scheduled.key);
        seen = t && { state: t.state, retrieve: t.retrieve, history: t.history.slice(-6) };
        return t?.state === 'submitted' ? t : undefined;
      },
      120_000,
    ).catch(async (error: Error) => {
      const alarms = await ext.evaluate(() => chrome.alarms.getAll()).catch((e: Error) => e.message);
      const tabs = await Promise.all(
        session.context.pages().map(async (p) => ({
          url: p.url(),
          page: await p.evaluate(() => ({ readyState: document.readyState, ourControls: document.querySelectorAll('[data-tiktok-helper]').length, text: document.body?.innerText.slice(0, 300) })).catch((e: Error) => e.message),
        })),
      );
      throw new Error(`${error.message}; task: ${JSON.stringify(seen)}; alarms: ${JSON.stringify(alarms)}; tabs: ${JSON.stringify(tabs)}; now: ${Date.now()}; requests: ${JSON.stringify(await retrieveRequests(session.replica))}`);
    });
    const requests = await retrieveRequests(session.replica);
    expect(requests.map((r) => [r.taskId, r.outcome])).toEqual([
      [task.taskId, 'notFound'],
      [task.taskId, 'success'],
    ]);
    expect(Date.parse(String((requests[1] as { at?: unknown }).at))).toBeGreaterThan(quitAt);
    expect(done.retrieve.attempts, JSON.stringify(done.history.slice(-8))).toBe(2);
    expect(done.history.map((h) => h.event).filter((e) => e.startsWith('retrieve') || e === 'startRetrieve')).toEqual([
      'startRetrieve',
      'retrieveNotYet',
      'startRetrieve',
      'retrieveSucceeded',
    ]);
    // The tab the worker opened for the retry is closed again.
    await waitFor('the retry tab to close', async () => session.context.pages().every((p) => !p.url().startsWith('https://app.impact.com/')));
  }, 180_000);
});
