import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleMessage } from '../../utils/background/router';
import { readRecovery, readSettings, readTracker, settingsItem, trackerItem } from '../../utils/tracker/storage';
import { taskKey } from '../../utils/tracker/schema';
import { glowVideo } from './glow-video';
import { OWN_ID, OWN_ORIGIN, fromImpactTab, fromPopup, routerDeps } from './router-fixtures';
import { qrModel } from '../../utils/qr';
import { CONTENT_SCRIPT_REPLIES } from '../../utils/messages';
import { SeenTasks } from '../../utils/content/seen-tasks';
import { noteWords } from '../../utils/page/diagnostic-notes';

/** Settings stored without reminders read with every kind on. */
const REMINDERS_ON = { dueSoon: true, dueToday: true, postedNotSubmitted: true, authorizationEnds: true };
const DAILY_OFF = { enabled: false, time: '08:00' };

const seen = glowVideo({ inviteLink: 'https://vt.tiktok.com/ZSabc123/' });
const key = taskKey(seen);

describe('background router', () => {
  it('records a task seen by the content script on app.impact.com', async () => {
    const reply = await handleMessage({ type: 'taskSeen', task: seen }, fromImpactTab, routerDeps());
    expect(reply.ok).toBe(true);
    expect((await readTracker()).data.tasks[key]?.campaignName).toBe('Glow Serum Launch');
  });

  it.each([
    ['another extension', { id: 'someone-else', url: 'chrome-extension://someone-else/x.html' }],
    ['a content script on another site', { id: OWN_ID, url: 'https://evil.example/', tab: { id: 9 } }],
    ['a look-alike host', { id: OWN_ID, url: 'https://app.impact.com.evil.example/', tab: { id: 9 } }],
    ['no url at all', { id: OWN_ID }],
  ])('refuses messages from %s and changes nothing', async (_, sender) => {
    const reply = await handleMessage({ type: 'taskSeen', task: seen }, sender, routerDeps());
    expect(reply).toEqual({ ok: false, error: 'Message refused: unknown sender.' });
    expect((await readTracker()).data.tasks).toEqual({});
  });

  describe('a task read off a page: parsed here, not in the content script', () => {
    /** The content script's reporting (SeenTasks) talking to this router, from an impact.com tab. */
    const page = () => new SeenTasks((m) => handleMessage(m, fromImpactTab, routerDeps()));

    it('a good read is recorded, and the page has no refusal for it', async () => {
      const tasks = page();
      const k = tasks.report(seen);
      expect(await tasks.ready(k)).toMatchObject({ ok: true });
      expect(tasks.refusal(k)).toBeUndefined();
      expect((await readTracker()).data.tasks[k]?.taskName).toBe('TikTok Video');
    });

    it.each([
      ['a campaign name too long to be real', { campaignName: 'Glow '.repeat(120) }, /^campaignName: /],
      ['an empty campaign name', { campaignName: '' }, /^campaignName: /],
      ['a task address that is no address', { taskUrl: 'javascript:alert(1)' }, /^taskUrl: /],
      ['an authorization window out of range', { authorizationDays: 9999 }, /^authorizationDays: /],
    ])('%s: nothing is recorded, and the page gets the reason in the task’s own terms', async (_what, change, reason) => {
      const tasks = page();
      const k = tasks.report({ ...seen, ...change });
      const reply = (await tasks.ready(k)) as { ok: boolean; code?: string; params?: { issues?: string }; error?: string };
      expect(reply).toMatchObject({ ok: false, code: 'detailsNotReadable' });
      expect(reply.params?.issues).toMatch(reason);
      expect(reply.error).toBe(`Task details not readable: ${reply.params?.issues}`);
      // What the page strip shows in place of the task's controls.
      expect(noteWords(tasks.refusal(k)!)).toBe(`Task details not readable: ${reply.params?.issues}`);
      expect((await readTracker()).data.tasks).toEqual({});
    });

    it('the sender is checked first: a malformed read from another site gets no reason', async () => {
      const reply = await handleMessage({ type: 'taskSeen', task: { ...seen, campaignName: '' } }, { id: OWN_ID, url: 'https://evil.example/', tab: { id: 9 } }, routerDeps());
      expect(reply).toEqual({ ok: false, error: 'Message refused: unknown sender.' });
    });
  });

  it('refuses malformed messages with the reason', async () => {
    const reply = await handleMessage({ type: 'setStep', key, step: 'flyToTheMoon', done: true }, fromPopup, routerDeps());
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error).toContain('step');
    const reply2 = await handleMessage({ type: 'taskSeen', task: { ...seen, taskUrl: 'https://evil.example/' } }, fromImpactTab, routerDeps());
    expect(reply2.ok).toBe(false);
  });

  it('marking posted ticks "posted" and hands the task to the retrieve flow', async () => {
    const onReadyToRetrieve = vi.fn();
    await handleMessage({ type: 'taskSeen', task: seen }, fromImpactTab, routerDeps());
    const reply = await handleMessage({ type: 'markPosted', key }, fromPopup, routerDeps({ onReadyToRetrieve }));
    expect(reply.ok).toBe(true);
    const task = (await readTracker()).data.tasks[key]!;
    expect(task.state).toBe('posted');
    expect(task.steps.videoPosted).toBeTypeOf('number');
    expect(onReadyToRetrieve).toHaveBeenCalledWith(key, 'markPosted');
  });

  it('an illegal move is refused and does not start a retrieve', async () => {
    const onReadyToRetrieve = vi.fn();
    await handleMessage({ type: 'taskSeen', task: seen }, fromImpactTab, routerDeps());
    const reply = await handleMessage({ type: 'retryNow', key }, fromPopup, routerDeps({ onReadyToRetrieve }));
    expect(reply).toEqual({ ok: false, error: expect.stringContaining('Not started'), code: 'cannotRetryNow', params: { state: 'notStarted' } });
    expect(onReadyToRetrieve).not.toHaveBeenCalled();
  });

  it('concurrent writers lose no update', async () => {
    await handleMessage({ type: 'taskSeen', task: seen }, fromImpactTab, routerDeps());
    const other = { ...seen, taskId: '5002', taskName: 'TikTok Video #2' };
    await Promise.all([
      handleMessage({ type: 'setStep', key, step: 'linkCopied', done: true }, fromImpactTab, routerDeps()),
      handleMessage({ type: 'setStep', key, step: 'joinedCampaign', done: true }, fromPopup, routerDeps()),
      handleMessage({ type: 'taskSeen', task: other }, fromImpactTab, routerDeps()),
      handleMessage({ type: 'setStep', key, step: 'adAuthorizationSet', done: true }, fromPopup, routerDeps()),
      handleMessage({ type: 'choosePath', key, path: 'campaignCode' }, fromPopup, routerDeps()),
    ]);
    const { tasks } = (await readTracker()).data;
    expect(Object.keys(tasks)).toHaveLength(2);
    expect(Object.keys(tasks[key]!.steps).sort()).toEqual(['adAuthorizationSet', 'joinedCampaign', 'linkCopied']);
    expect(tasks[key]!.path).toBe('campaignCode');
  });

  it('corrupted records are set aside for recovery while valid ones keep working', async () => {
    await handleMessage({ type: 'taskSeen', task: seen }, fromImpactTab, routerDeps());
    // A damaged record under a task key (written by something else than the worker).
    await fakeBrowser.storage.local.set({ 'task:broken': { key: 'broken', state: 'exploded' } });
    const reply = await handleMessage({ type: 'setStep', key, step: 'linkCopied', done: true }, fromPopup, routerDeps());
    expect(reply.ok).toBe(true);
    expect(Object.keys((await readTracker()).data.tasks)).toEqual([key]);
    expect(await fakeBrowser.storage.local.get('task:broken')).toEqual({});
    const recovery = await readRecovery();
    expect(recovery).toHaveLength(1);
    expect(recovery[0]!.raw).toEqual({ key: 'broken', state: 'exploded' });
  });

  it('imports a backup: valid tasks merge, invalid ones are set aside', async () => {
    await handleMessage({ type: 'taskSeen', task: seen }, fromImpactTab, routerDeps());
    const mine = (await readTracker()).data.tasks[key]!;
    const foreign = { ...mine, key: 'a:-|c:9|t:9', campaignId: '9', taskId: '9', campaignName: 'Imported', updatedAt: mine.updatedAt + 1 };
    const reply = await handleMessage({ type: 'importBackup', tasks: [foreign, { nonsense: true }] }, fromPopup, routerDeps());
    expect(reply).toEqual({ ok: true, value: { added: 1, updated: 0, kept: 0, rejected: 1, setAside: 1 } });
    expect(Object.keys((await readTracker()).data.tasks).sort()).toEqual([key, 'a:-|c:9|t:9'].sort());
    expect(await readRecovery()).toEqual([{ at: expect.any(Number), source: 'import', reason: expect.stringMatching(/^A task sent for import is damaged: /), raw: { nonsense: true } }]);
  });

  it('two settings updates at once: both survive (one writer, one after the other)', async () => {
    await settingsItem.setValue({ autoRetrieve: true, retry: { delaysMinutes: [2, 5], giveUpAfterHours: 24 } });
    const replies = await Promise.all([
      handleMessage({ type: 'updateSettings', settings: { autoRetrieve: false } }, fromPopup, routerDeps()),
      handleMessage({ type: 'updateSettings', settings: { retry: { delaysMinutes: [1, 10], giveUpAfterHours: 6 } } }, fromPopup, routerDeps()),
    ]);
    expect(replies.map((r) => r.ok)).toEqual([true, true]);
    expect(await readSettings()).toEqual({ autoRetrieve: false, retry: { delaysMinutes: [1, 10], giveUpAfterHours: 6 }, reminders: REMINDERS_ON, dailyRefresh: DAILY_OFF, archiveAfterDays: 30 });
  });

  it('a settings update alongside tracker writes: neither is lost', async () => {
    await handleMessage({ type: 'taskSeen', task: seen }, fromImpactTab, routerDeps());
    await Promise.all([
      handleMessage({ type: 'setStep', key, step: 'linkCopied', done: true }, fromImpactTab, routerDeps()),
      handleMessage({ type: 'updateSettings', settings: { autoRetrieve: false } }, fromPopup, routerDeps()),
      handleMessage({ type: 'updateSettings', settings: { retry: { delaysMinutes: [3], giveUpAfterHours: 12 } } }, fromPopup, routerDeps()),
      handleMessage({ type: 'setStep', key, step: 'joinedCampaign', done: true }, fromPopup, routerDeps()),
    ]);
    expect(await readSettings()).toEqual({ autoRetrieve: false, retry: { delaysMinutes: [3], giveUpAfterHours: 12 }, reminders: REMINDERS_ON, dailyRefresh: DAILY_OFF, archiveAfterDays: 30 });
    expect(Object.keys((await readTracker()).data.tasks[key]!.steps).sort()).toEqual(['joinedCampaign', 'linkCopied']);
  });

  it('a refused settings update changes nothing, and the next one still goes through', async () => {
    await settingsItem.setValue({ autoRetrieve: true, retry: { delaysMinutes: [2], giveUpAfterHours: 24 } });
    const [bad, good] = await Promise.all([
      handleMessage({ type: 'updateSettings', settings: { retry: { delaysMinutes: [], giveUpAfterHours: 24 } } }, fromPopup, routerDeps()),
      handleMessage({ type: 'updateSettings', settings: { autoRetrieve: false } }, fromPopup, routerDeps()),
    ]);
    expect(bad).toEqual({ ok: false, error: expect.stringContaining('Settings refused'), code: 'settingsRefused', params: { problems: expect.any(String) } });
    expect(good.ok).toBe(true);
    expect(await readSettings()).toEqual({ autoRetrieve: false, retry: { delaysMinutes: [2], giveUpAfterHours: 24 }, reminders: REMINDERS_ON, dailyRefresh: DAILY_OFF, archiveAfterDays: 30 });
  });

  it('marking posted hands the task over as a "Mark as posted", Retry now as a "Retry now"', async () => {
    const onReadyToRetrieve = vi.fn();
    await handleMessage({ type: 'taskSeen', task: seen }, fromImpactTab, routerDeps());
    await handleMessage({ type: 'markPosted', key }, fromPopup, routerDeps({ onReadyToRetrieve }));
    expect(onReadyToRetrieve).toHaveBeenLastCalledWith(key, 'markPosted');
    // Posted → Needs attention, as a run of failed tries leaves it.
    const posted = (await readTracker()).data.tasks[key]!;
    await trackerItem.setValue({ tasks: { [key]: { ...posted, state: 'needsAttention' } } });
    await handleMessage({ type: 'retryNow', key }, fromPopup, routerDeps({ onReadyToRetrieve }));
    expect(onReadyToRetrieve).toHaveBeenLastCalledWith(key, 'retryNow');
  });

  it('Mark as posted stores the first try as due now, even with automatic retrieving off', async () => {
    await settingsItem.setValue({ autoRetrieve: false });
    await handleMessage({ type: 'taskSeen', task: seen }, fromImpactTab, routerDeps());
    await handleMessage({ type: 'markPosted', key }, fromPopup, routerDeps());
    const task = (await readTracker()).data.tasks[key]!;
    expect(task.state).toBe('posted');
    expect(task.retrieve.nextAttemptAt).toBe(task.updatedAt);
  });

  it('sets aside, under recovery, what the page found damaged in a backup, with its reason; an unreadable file brings only that', async () => {
    const reply = await handleMessage(
      { type: 'importBackup', tasks: [], setAside: [{ reason: 'An imported backup file could not be read: it is not complete JSON.', raw: '{"format":"tiktok-deliverable-helper-backup","ta' }] },
      fromPopup,
      routerDeps(),
    );
    expect(reply).toEqual({ ok: true, value: { added: 0, updated: 0, kept: 0, rejected: 1, setAside: 1 } });
    expect(await trackerItem.getValue()).toEqual({ tasks: {} });
    expect(await readRecovery()).toEqual([
      { at: expect.any(Number), source: 'import', reason: 'An imported backup file could not be read: it is not complete JSON.', raw: '{"format":"tiktok-deliverable-helper-backup","ta' },
    ]);
  });

  it('opens the overview for the content script (which cannot open extension pages itself)', async () => {
    const openPage = vi.fn(async () => {});
    await handleMessage({ type: 'openOverview' }, fromImpactTab, routerDeps({ openPage }));
    expect(openPage).toHaveBeenCalledWith(`${OWN_ORIGIN}overview.html`);
  });

  it("makes the QR code of an invite link for the content script (which carries no encoder), one that reads back as the link", async () => {
    const reply = await handleMessage({ type: 'qrCode', text: seen.inviteLink }, fromImpactTab, routerDeps());
    expect(reply).toEqual({ ok: true, value: qrModel(seen.inviteLink!) });
    // The content script checks the reply the same way: a model of the right shape passes.
    expect(CONTENT_SCRIPT_REPLIES.qrCode.safeParse(reply.ok && reply.value).success).toBe(true);
    expect(CONTENT_SCRIPT_REPLIES.qrCode.safeParse({ size: 29, path: 'M0 0h1"/><script>', version: 1 }).success).toBe(false);
    // Anyone else, and an empty text, are refused; nothing is stored.
    expect(await handleMessage({ type: 'qrCode', text: seen.inviteLink }, { id: 'other', url: 'https://app.impact.com/x', tab: { id: 3 } }, routerDeps())).toMatchObject({ ok: false });
    expect(await handleMessage({ type: 'qrCode', text: '' }, fromImpactTab, routerDeps())).toMatchObject({ ok: false });
    expect(await fakeBrowser.storage.local.get()).toEqual({});
  });

  it('uses the fake browser storage (sanity of the test set-up)', async () => {
    expect(await fakeBrowser.storage.local.get()).toEqual({});
  });
});
