/**
 * "Retrieve my post" and Refresh all's steps are not in the content script every page loads:
 * the worker injects entrypoints/page-actions.ts before it asks, and the content script's one
 * listener hands those commands to what that script left (utils/content/page-actions.ts),
 * after the same sender check as every other command; the injected script parses them.
 * The QR dialog is put the same way into the frame whose button was pressed.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import * as S from '../replica/scenario.mjs';
import { loadFixture } from './fixtures/load-fixture';
import { mountOverlay, settled, type Mounted } from './overlay-hostile-fixtures';
import { handleCommand } from '@/entrypoints/content/commands';
import { injectQrDialog, pageActionsPost } from '@/utils/background/tabs-browser';
import { holdsInPlace, leaveInPlace, leavePageActions, openPageActions, openPlace, PAGE_ACTIONS_KEY, QR_DIALOG_KEY, type PageActions } from '@/utils/content/page-actions';
import { openQrDialog, type OpenQrDialog } from '@/components/overlay/qr-dialog';
import { loadQrDialog } from '@/entrypoints/content/qr';
import { handleMessage } from '@/utils/background/router';
import { fromImpactTab, OWN_ID as ROUTER_OWN_ID, routerDeps } from './router-fixtures';
import { PAGE_ACTION_COMMANDS } from '@/utils/messages';
import { refusePageCommand } from '@/utils/content/page-command';

const OWN_ID = fakeBrowser.runtime.id;
const glow = S.findTask(S.ids.tiktokOnly.taskId)!;
const identity = { key: 'k', campaignId: glow.campaign.id, campaignName: glow.campaign.name, taskId: glow.task.id, taskName: glow.task.name };
const campaign = { name: glow.campaign.name, brand: '' };

function fakeActions(): PageActions & { [K in keyof PageActions]: ReturnType<typeof vi.fn> } {
  return {
    // The injected script's own check (entrypoints/page-actions.ts), the real one.
    refuse: vi.fn(refusePageCommand),
    retrievePost: vi.fn(async () => ({ outcome: 'submitted' as const, detail: 'Post retrieved' })),
    refreshCampaigns: vi.fn(async () => ({ participating: true, campaigns: [] })),
    refreshOpenCampaign: vi.fn(async () => ({ outcome: 'pressed' as const, detail: '' })),
    refreshTasks: vi.fn(async () => ({ outcome: 'done' as const, detail: '', found: 0, recorded: [], failures: [] })),
    getDiagnostics: vi.fn(() => ({ pageKind: 'other' }) as never),
    copyInviteLink: vi.fn(async () => 'copied' as const),
  };
}

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.controller.abort();
  mounted = undefined;
});

/** The content script on a task's open details, settled; its context. */
async function mountDetails() {
  const { url } = loadFixture('semantic-details-expanded');
  mounted = mountOverlay(url);
  await settled();
  return mounted.ctx;
}

/** A content script's fresh place, and fake actions the injected script left there. */
function injected() {
  const global = {};
  const found = openPageActions(global);
  const actions = fakeActions();
  expect(leavePageActions(actions, global)).toBe(true);
  return { found, actions };
}

describe('page actions injected by the worker', () => {
  it('the page commands go to the actions the injected script left, with their arguments', async () => {
    const ctx = await mountDetails();
    const { found, actions } = injected();
    expect(await handleCommand(ctx, { type: 'retrievePost', attemptId: 'a1', task: identity }, { id: OWN_ID }, OWN_ID, found)).toEqual({ ok: true, value: { outcome: 'submitted', detail: 'Post retrieved' } });
    expect(actions.retrievePost).toHaveBeenCalledWith(ctx, identity, 'a1');
    expect(await handleCommand(ctx, { type: 'refreshCampaigns' }, { id: OWN_ID }, OWN_ID, found)).toMatchObject({ ok: true, value: { participating: true } });
    expect(await handleCommand(ctx, { type: 'refreshOpenCampaign', campaign }, { id: OWN_ID }, OWN_ID, found)).toMatchObject({ ok: true, value: { outcome: 'pressed' } });
    expect(actions.refreshOpenCampaign).toHaveBeenCalledWith(ctx, campaign);
    expect(await handleCommand(ctx, { type: 'refreshTasks', runId: 'r1', campaign }, { id: OWN_ID }, OWN_ID, found)).toMatchObject({ ok: true, value: { outcome: 'done' } });
    expect(actions.refreshTasks).toHaveBeenCalledWith(ctx, 'r1', campaign);
    // The popup's Diagnostics and the keyboard copy too: the content script of every page carries neither.
    expect(await handleCommand(ctx, { type: 'getDiagnostics' }, { id: OWN_ID }, OWN_ID, found)).toEqual({ ok: true, value: { pageKind: 'other' } });
    expect(actions.getDiagnostics).toHaveBeenCalledWith(ctx);
    expect(await handleCommand(ctx, { type: 'copyInviteLink', keys: ['k'] }, { id: OWN_ID }, OWN_ID, found)).toEqual({ ok: true, value: 'copied' });
    expect(actions.copyInviteLink).toHaveBeenCalledWith(ctx, ['k']);
    // ping needs nothing injected.
    expect(await handleCommand(ctx, { type: 'ping' }, { id: OWN_ID }, OWN_ID, openPageActions({}))).toEqual({ ok: true, value: true });
  });

  it('a command from anyone else, or malformed, reaches no action', async () => {
    const ctx = await mountDetails();
    const { found, actions } = injected();
    const other = await handleCommand(ctx, { type: 'retrievePost', attemptId: 'a1', task: identity }, { id: 'another-extension' }, OWN_ID, found);
    expect(other).toEqual({ ok: false, error: 'Command refused: unknown sender.' });
    const malformed = await handleCommand(ctx, { type: 'retrievePost', attemptId: '', task: identity }, { id: OWN_ID }, OWN_ID, found);
    expect(malformed).toMatchObject({ ok: false, error: expect.stringMatching(/^Command refused: /) });
    expect(actions.retrievePost).not.toHaveBeenCalled();
  });

  it('without the injected script the command is refused, not half done', async () => {
    const ctx = await mountDetails();
    const found = openPageActions({});
    for (const message of [{ type: 'retrievePost', attemptId: 'a1', task: identity }, { type: 'refreshCampaigns' }, { type: 'getDiagnostics' }, { type: 'copyInviteLink', keys: ['k'] }]) {
      const reply = await handleCommand(ctx, message, { id: OWN_ID }, OWN_ID, found);
      expect(reply).toEqual({ ok: false, error: 'Command refused: the page actions are not loaded in this page.' });
    }
  });

  it('a newer content script starts empty: actions left for an older copy are never used; the first injected copy stays', () => {
    const global = {};
    const older = openPageActions(global);
    const first = fakeActions();
    leavePageActions(first, global);
    expect(older()).toBe(first);
    leavePageActions(fakeActions(), global); // injected again before the next command
    expect(older()).toBe(first); // one queue: one retrieve at a time per page
    const newer = openPageActions(global);
    expect(newer()).toBeUndefined();
    // Injected with no content script of this copy there: nothing is left.
    expect(leavePageActions(fakeActions(), {})).toBe(false);
  });

  it('the worker evaluates the page-actions file once per content script, not before every step of a walk', async () => {
    const page = {}; // the isolated world of the tab's top frame
    const files: string[] = [];
    fakeBrowser.scripting.executeScript = vi.fn(async (injection: { func?: (...a: unknown[]) => unknown; args?: unknown[]; files?: string[] }) => {
      if (injection.func) return [{ frameId: 0, result: injection.func(...(injection.args ?? []), page) }];
      files.push(...(injection.files ?? []));
      leavePageActions(fakeActions(), page); // what entrypoints/page-actions.ts does
      return [{ frameId: 0, result: undefined }];
    }) as never;
    fakeBrowser.tabs.sendMessage = vi.fn(async () => ({ ok: true, value: null })) as never;
    openPageActions(page); // the content script's start
    const post = pageActionsPost(7);
    for (const type of ['refreshCampaigns', 'refreshOpenCampaign', 'refreshTasks', 'refreshTasks']) await post({ type });
    expect(files).toEqual(['/page-actions.js']);
    await post({ type: 'ping' }); // not a page action: nothing injected
    expect(files).toHaveLength(1);
    openPageActions(page); // the page reloaded or the extension was updated: a new, empty copy
    await post({ type: 'retrievePost' });
    expect(files).toEqual(['/page-actions.js', '/page-actions.js']);
    expect(holdsInPlace(PAGE_ACTIONS_KEY, {})).toBe(false);
  });

  it('the worker injects before exactly the commands the content script hands on', () => {
    expect([...PAGE_ACTION_COMMANDS].sort()).toEqual(['copyInviteLink', 'getDiagnostics', 'refreshCampaigns', 'refreshOpenCampaign', 'refreshTasks', 'retrievePost']);
  });
});

describe('the QR dialog, put into the frame whose "Show QR code" was pressed', () => {
  it('the content script asks the worker once, then opens what the injected script left; a failure says why', async () => {
    const frame = {}; // a frame's isolated world
    const held = openPlace<OpenQrDialog>(QR_DIALOG_KEY, frame);
    const send = vi.fn(async (m: { type: string }) => {
      expect(m).toEqual({ type: 'qrDialog' });
      leaveInPlace(QR_DIALOG_KEY, openQrDialog, frame); // what entrypoints/qr-dialog.ts does once injected
      return { ok: true as const, value: true };
    });
    expect(await loadQrDialog(held, send)).toBe(openQrDialog);
    expect(await loadQrDialog(held, send)).toBe(openQrDialog);
    expect(send).toHaveBeenCalledTimes(1);
    // The worker could not inject it (e.g. the extension was just updated): the reason, no dialog.
    const empty = openPlace<OpenQrDialog>(QR_DIALOG_KEY, {});
    await expect(loadQrDialog(empty, async () => ({ ok: false as const, error: 'Message refused: unknown sender.' }))).rejects.toThrow('Message refused: unknown sender.');
  });

  it('the worker injects it into the frame that asked, once per content script, and only for our content script', async () => {
    const frames: Record<number, object> = { 0: {}, 5: {} };
    const injected: { frameIds?: number[]; files?: string[] }[] = [];
    fakeBrowser.scripting.executeScript = vi.fn(async (injection: { target: { frameIds: number[] }; func?: (...a: unknown[]) => unknown; args?: unknown[]; files?: string[] }) => {
      const world = frames[injection.target.frameIds[0]!]!;
      if (injection.func) return [{ frameId: 0, result: injection.func(...(injection.args ?? []), world) }];
      injected.push({ frameIds: injection.target.frameIds, files: injection.files });
      leaveInPlace(QR_DIALOG_KEY, openQrDialog, world);
      return [{ frameId: 0, result: undefined }];
    }) as never;
    openPlace(QR_DIALOG_KEY, frames[5]!); // the content script of an iframe modal
    const deps = routerDeps({ injectQrDialog });
    const fromFrame = { ...fromImpactTab, tab: { id: 7 }, frameId: 5 };
    expect(await handleMessage({ type: 'qrDialog' }, fromFrame, deps)).toEqual({ ok: true, value: true });
    expect(await handleMessage({ type: 'qrDialog' }, fromFrame, deps)).toEqual({ ok: true, value: true });
    expect(injected).toEqual([{ frameIds: [5], files: ['/qr-dialog.js'] }]);
    expect(holdsInPlace(QR_DIALOG_KEY, frames[0]!)).toBe(false);
    // Anyone but our content script on impact.com is refused before anything is injected.
    expect(await handleMessage({ type: 'qrDialog' }, { id: 'another-extension', url: 'https://app.impact.com/x', tab: { id: 7 }, frameId: 0 }, deps)).toMatchObject({ ok: false });
    expect(await handleMessage({ type: 'qrDialog' }, { id: ROUTER_OWN_ID, url: 'https://evil.example/', tab: { id: 7 }, frameId: 0 }, deps)).toMatchObject({ ok: false });
    expect(injected).toHaveLength(1);
  });
});
