/**
 * Who may command whom. The content script obeys only the extension itself (never a tab,
 * another extension or the page) and only well-formed commands; the background takes from a
 * web page's context only what our content script sends; and the page's window messages
 * (or a forged WXT start-up event) reach nothing — checked on the real content script entry.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { waitFor } from '@testing-library/dom';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import * as S from '../replica/scenario.mjs';
import { loadFixture } from './fixtures/load-fixture';
import { groups, mountOverlay, ourHosts, settled, type Mounted } from './overlay-hostile-fixtures';
import { handleCommand } from '@/entrypoints/content/commands';
import { refusePageCommand } from '@/utils/content/page-command';
import { handleGetDiagnostics } from '@/entrypoints/content/features/diagnostics';
import type { PageActions } from '@/utils/content/page-actions';
import { readImportCounts } from '@/utils/backup';
import { readReply } from '@/utils/messaging';
import { handleMessage, type RouterDeps } from '@/utils/background/router';
import { readTracker, settingsItem } from '@/utils/tracker/storage';
import { updateTracker } from '@/utils/background/tracker-owner';
import { applyEvent } from '@/utils/tracker/reducer';
import { taskKey, type DiscoveredTask } from '@/utils/tracker/schema';

const OWN_ID = fakeBrowser.runtime.id;
const OWN_ORIGIN = `chrome-extension://${OWN_ID}/`;
const glow = S.findTask(S.ids.tiktokOnly.taskId)!;
const identity = { key: 'k', campaignId: glow.campaign.id, campaignName: glow.campaign.name, taskId: glow.task.id, taskName: glow.task.name };

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.controller.abort();
  mounted = undefined;
});

/** Count presses of the page's "Retrieve my post". */
function countRetrievePresses(): { count: () => number } {
  let n = 0;
  document.addEventListener('click', (e) => void (/retrieve my post/i.test((e.target as Element).textContent ?? '') && n++), true);
  return { count: () => n };
}

describe('content script: commands only from the extension itself', () => {
  it.each([
    ['another extension', { id: 'some-other-extension' }],
    ['our own content script in another tab', { id: OWN_ID, url: 'https://app.impact.com/x', tab: { id: 7 } }],
    ['a web page (no extension id)', { url: 'https://evil.example/' }],
    ['nobody at all', {}],
  ])('refuses a retrieve command from %s, and presses nothing', async (_who, sender) => {
    const { url } = loadFixture('semantic-details-expanded');
    mounted = mountOverlay(url);
    await settled();
    const presses = countRetrievePresses();
    const reply = await handleCommand(mounted.ctx, { type: 'retrievePost', attemptId: 'a1', task: identity }, sender, OWN_ID);
    expect(reply).toEqual({ ok: false, error: 'Command refused: unknown sender.' });
    expect(await handleCommand(mounted.ctx, { type: 'getDiagnostics' }, sender, OWN_ID)).toMatchObject({ ok: false });
    expect(presses.count()).toBe(0);
  });

  it.each([
    ['an unknown command', { type: 'clickAnything', selector: 'button' }],
    ['no attempt id', { type: 'retrievePost', task: identity }],
    ['an empty attempt id', { type: 'retrievePost', attemptId: '', task: identity }],
    ['a task without a key', { type: 'retrievePost', attemptId: 'a1', task: { ...identity, key: '' } }],
    ['a huge task name', { type: 'retrievePost', attemptId: 'a1', task: { ...identity, taskName: 'x'.repeat(10_000) } }],
    ['a string', JSON.stringify({ type: 'retrievePost', attemptId: 'a1', task: identity })],
    ['null', null],
  ])('refuses %s from the extension itself, with the reason', async (_what, message) => {
    const { url } = loadFixture('semantic-details-expanded');
    mounted = mountOverlay(url);
    await settled();
    const presses = countRetrievePresses();
    const reply = await handleCommand(mounted.ctx, message, { id: OWN_ID }, OWN_ID);
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error).toMatch(/^Command refused: /);
    expect(presses.count()).toBe(0);
  });

  it('answers ping from the extension itself at once, and refuses it from anyone else', async () => {
    const { url } = loadFixture('semantic-details-expanded');
    mounted = mountOverlay(url);
    await settled();
    expect(await handleCommand(mounted.ctx, { type: 'ping' }, { id: OWN_ID }, OWN_ID)).toEqual({ ok: true, value: true });
    expect(await handleCommand(mounted.ctx, { type: 'ping' }, { id: OWN_ID, url: 'https://app.impact.com/x', tab: { id: 7 } }, OWN_ID)).toMatchObject({ ok: false });
  });

  it('a prototype-polluting payload changes no object', async () => {
    const { url } = loadFixture('semantic-details-expanded');
    mounted = mountOverlay(url);
    await settled();
    const payload = JSON.parse('{"type":"getDiagnostics","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}');
    // The page actions the worker injects first (entrypoints/page-actions.ts): their parse, then the diagnostics.
    const actions = { refuse: refusePageCommand, getDiagnostics: handleGetDiagnostics } as unknown as PageActions;
    const reply = await handleCommand(mounted.ctx, payload, { id: OWN_ID }, OWN_ID, () => actions);
    expect(reply.ok).toBe(true);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});

describe('background: what a web page context may ask for', () => {
  const fromTab = { id: OWN_ID, url: 'https://app.impact.com/secure/mediapartner/x.ihtml', tab: { id: 3 } };
  const fromPopup = { id: OWN_ID, url: `${OWN_ORIGIN}popup.html` };
  const deps = (extra: Partial<RouterDeps> = {}): RouterDeps => ({ ownId: OWN_ID, ownOrigin: OWN_ORIGIN, overviewUrl: `${OWN_ORIGIN}overview.html`, openPage: vi.fn(async () => {}), ...extra });
  const seen: DiscoveredTask = {
    campaignId: glow.campaign.id,
    campaignName: glow.campaign.name,
    taskId: glow.task.id,
    taskName: glow.task.name,
    brand: '',
    taskUrl: 'https://app.impact.com/secure/mediapartner/campaigns/tasks-flow.ihtml?campaignId=41207&taskId=880101',
  };
  const key = taskKey(seen);

  it.each([
    ['a look-alike extension origin', { id: OWN_ID, url: `chrome-extension://${OWN_ID}.evil/popup.html` }],
    ['http: impact.com', { id: OWN_ID, url: 'http://app.impact.com/x', tab: { id: 3 } }],
    ['an iframe on about:blank', { id: OWN_ID, url: 'about:blank', tab: { id: 3 } }],
    ['impact.com without a tab (not a content script)', { id: OWN_ID, url: 'https://app.impact.com/x' }],
    ['another extension’s page', { id: 'other', url: 'chrome-extension://other/popup.html' }],
  ])('refuses everything from %s', async (_who, sender) => {
    expect(await handleMessage({ type: 'taskSeen', task: seen }, sender, deps())).toEqual({ ok: false, error: 'Message refused: unknown sender.' });
    expect((await readTracker()).data.tasks).toEqual({});
  });

  it.each([
    ['importBackup', { type: 'importBackup', tasks: [] }],
    ['updateSettings', { type: 'updateSettings', settings: { autoRetrieve: false } }],
    ['removeTask', { type: 'removeTask', key }],
    ['unarchive', { type: 'unarchive', key }],
    ['undoPosted', { type: 'undoPosted', key }],
    ['openTask', { type: 'openTask', key }],
    ['choosePath', { type: 'choosePath', key, path: 'campaignCode' }],
  ])('refuses %s from an impact.com tab (only our own pages may send it)', async (type, message) => {
    await handleMessage({ type: 'taskSeen', task: seen }, fromTab, deps());
    const before = await readTracker();
    const reply = await handleMessage(message, fromTab, deps());
    expect(reply).toEqual({ ok: false, error: `Message refused: "${type}" is not accepted from a web page.` });
    expect(await readTracker()).toEqual(before);
    expect(await settingsItem.getValue()).toEqual({});
    // The same message from the popup is accepted.
    expect((await handleMessage(message, fromPopup, deps())).ok || type === 'undoPosted').toBe(true);
  });

  it.each([
    ['taskSeen', { type: 'taskSeen', task: seen }],
    ['setStep', { type: 'setStep', key, step: 'linkCopied', done: true }],
    ['markPosted', { type: 'markPosted', key }],
    ['openOverview', { type: 'openOverview' }],
  ])('accepts %s from an impact.com tab (what the content script sends)', async (_type, message) => {
    await handleMessage({ type: 'taskSeen', task: seen }, fromTab, deps());
    expect((await handleMessage(message, fromTab, deps())).ok).toBe(true);
  });

  it('accepts Retry now from an impact.com tab only where the tracker allows it (after a failed retrieve)', async () => {
    await handleMessage({ type: 'taskSeen', task: seen }, fromTab, deps());
    // Not started: nothing to retry, nothing changes.
    const before = await readTracker();
    expect((await handleMessage({ type: 'retryNow', key }, fromTab, deps())).ok).toBe(false);
    expect(await readTracker()).toEqual(before);
    // Posted, then the worker's try failed and gave up: Retry now from the page starts a new try.
    expect((await handleMessage({ type: 'markPosted', key }, fromTab, deps())).ok).toBe(true);
    expect((await handleMessage({ type: 'retryNow', key }, fromTab, deps())).ok).toBe(false);
    await updateTracker((data, now) => {
      let d = data;
      for (const event of ['startRetrieve', 'retrieveFailed'] as const) {
        const out = applyEvent(d, key, event, now);
        if (!out.ok) throw new Error(out.reason);
        d = out.value.data;
      }
      return { data: d, result: undefined };
    });
    expect((await readTracker()).data.tasks[key]!.state).toBe('needsAttention');
    const onReadyToRetrieve = vi.fn();
    expect((await handleMessage({ type: 'retryNow', key }, fromTab, deps({ onReadyToRetrieve }))).ok).toBe(true);
    expect(onReadyToRetrieve).toHaveBeenCalledWith(key, 'retryNow');
  });
});

describe('the page’s own messages reach nothing (real content script entry)', () => {
  it('window.postMessage traffic and a forged WXT "newer script started" event leave the controls working', async () => {
    loadFixture('semantic-details-expanded');
    const sent: unknown[] = [];
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (m: unknown) => {
      sent.push(m);
      return { ok: true, value: undefined };
    }) as never);
    const { default: definition } = await import('@/entrypoints/content/index');
    const ctx = new ContentScriptContext('content', definition);
    await definition.main(ctx);
    try {
      await waitFor(() => expect(groups('ttcm-invite-link')).toHaveLength(1), { timeout: 3000 });
      await new Promise((r) => setTimeout(r, 50));
      const sentBefore = sent.length;
      const presses = countRetrievePresses();
      const before = ourHosts().length;
      const started = (ContentScriptContext as unknown as { SCRIPT_STARTED_MESSAGE_TYPE: string }).SCRIPT_STARTED_MESSAGE_TYPE;
      for (const m of [
        { type: 'retrievePost', attemptId: 'evil', task: identity },
        { type: 'getDiagnostics' },
        { type: started, contentScriptName: 'content', messageId: 'evil' },
        'retrievePost',
      ]) {
        window.postMessage(m, '*');
      }
      document.dispatchEvent(new CustomEvent(started, { detail: { contentScriptName: 'content', messageId: 'evil' } }));
      await new Promise((r) => setTimeout(r, 50));
      expect(ctx.isValid).toBe(true);
      expect(ourHosts()).toHaveLength(before);
      expect(presses.count()).toBe(0);
      expect(sent).toHaveLength(sentBefore);
      // And a genuine update (this copy's extension context gone) still stops it cleanly.
      vi.spyOn(fakeBrowser.runtime, 'id', 'get').mockReturnValue(undefined as never);
      document.dispatchEvent(new CustomEvent(started, { detail: { contentScriptName: 'content', messageId: 'newer' } }));
      expect(ctx.isValid).toBe(false);
      await waitFor(() => expect(ourHosts()).toHaveLength(0));
    } finally {
      ctx.abort();
    }
  });
});

describe('replies are checked too', () => {
  const missing = 'The extension did not answer.';

  it('takes a well-formed reply, and turns anything else into a clear error', () => {
    expect(readReply({ ok: true, value: 3 }, missing)).toEqual({ ok: true, value: 3 });
    expect(readReply({ ok: false, error: 'Unknown task.' }, missing)).toEqual({ ok: false, error: 'Unknown task.' });
    expect(readReply(undefined, missing)).toEqual({ ok: false, error: missing });
    for (const odd of ['ok', 42, [], { ok: 'yes' }, { ok: false }, { ok: false, error: { html: '<b>' } }, { value: 1 }]) {
      expect(readReply(odd, missing), JSON.stringify(odd)).toEqual({ ok: false, error: expect.stringContaining('not understood') });
    }
    expect((readReply({ ok: false, error: 'x'.repeat(5000) }, missing) as { error: string }).error).toHaveLength(1000);
  });

  it('a value of the wrong shape is refused, not shown', () => {
    const counts = { added: 1, updated: 0, kept: 2, rejected: 0, setAside: 0 };
    expect(readReply({ ok: true, value: counts }, missing, readImportCounts)).toEqual({ ok: true, value: counts });
    for (const odd of [{ ...counts, added: -1 }, { ...counts, kept: '2' }, { added: 1 }, null, 'all of them']) {
      expect(readReply({ ok: true, value: odd }, missing, readImportCounts).ok, JSON.stringify(odd)).toBe(false);
    }
  });
});
