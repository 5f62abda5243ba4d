/**
 * The content script's tracker view reads what the worker stored without a schema (the worker
 * parsed every task before it stored it; README "Boundaries"): it must show every task the
 * worker's check keeps, and no task for a record it cannot use (not its key's, an unknown
 * state, names that are not text). And the content script's command guards and reply schemas
 * are the ones messages.ts exports.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import * as messages from '@/utils/messages';
import { STEP_IDS } from '@/utils/tracker/schema';
import { parseTrackerData } from '@/utils/tracker/storage';
import { TRACKER_STATES } from '@/utils/tracker/machine';
import * as guards from '@/utils/page/guards';
import { createTrackerView } from '@/entrypoints/content/tracker-view';
import type { TrackerView } from '@/entrypoints/content/context';
import { num, text, url } from './task-arbitraries';
import { within } from '@testing-library/dom';
import * as S from '../replica/scenario.mjs';
import { loadFixture } from './fixtures/load-fixture';
import { mountOverlay, settled } from './overlay-hostile-fixtures';
import { trackedTask } from './tracked-task';

const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const extras = fc.dictionary(fc.constantFrom('extra', 'constructor', 'toString', '__x'), fc.anything(), { maxKeys: 2 });

const discovered = {
  accountId: optional(text(100)),
  accountName: optional(text(500)),
  campaignId: optional(text(100)),
  campaignName: text(500),
  brand: optional(text(500)),
  taskId: optional(text(100)),
  taskName: text(500),
  impactStatus: optional(text(200)),
  dueDate: optional(text(100)),
  inviteLink: optional(text(2048)),
  inviteLinkProblem: optional(text(300)),
  campaignCode: optional(text(64)),
  authorizationDays: optional(fc.constantFrom(7, 30, 60, 365, 8, '7', 0)),
  taskUrl: url,
};
const history = fc.record({ at: num, event: text(60), detail: optional(text(500)) }, { requiredKeys: [] });
const tracked = {
  ...discovered,
  key: text(800),
  state: fc.oneof(fc.constantFrom(...TRACKER_STATES), fc.constant('done'), fc.constant(3)),
  path: optional(fc.constantFrom('inviteLink', 'campaignCode', 'qr')),
  steps: optional(fc.oneof(fc.dictionary(fc.constantFrom(...STEP_IDS, 'other'), num, { maxKeys: 3 }), fc.constant([]), fc.constant('x'))),
  retrieve: optional(
    fc.oneof(
      fc.record(
        {
          attempts: optional(num),
          firstAttemptAt: optional(num),
          lastAttemptAt: optional(num),
          nextAttemptAt: optional(num),
          lastOutcome: optional(text(300)),
          outcome: optional(
            fc.oneof(
              fc.record({ code: text(60), value: optional(text(300)), impact: optional(text(500)), end: optional(text(60)), tries: optional(num), minutes: optional(num) }, { requiredKeys: [] }),
              fc.constant(null),
            ),
          ),
          attemptId: optional(text(100)),
          openedTabId: optional(num),
          unreachableAttempts: optional(num),
        },
        { requiredKeys: [] },
      ),
      fc.constant(null),
    ),
  ),
  history: optional(fc.oneof(fc.array(history, { maxLength: 3 }), fc.constant(Array.from({ length: 201 }, () => ({ at: 1, event: 'x' }))), fc.constant('x'))),
  firstSeenAt: num,
  updatedAt: num,
};
/**
 * A valid record with some of its fields replaced by generated values (valid or not) or
 * left out, plus unknown keys: both verdicts are common.
 */
const record = <T extends Record<string, fc.Arbitrary<unknown>>>(shape: T, base: () => Record<string, unknown>) =>
  fc.tuple(fc.subarray(Object.keys(shape), { maxLength: 3 }), fc.record(shape, { requiredKeys: [] }), extras).map(([fields, generated, e]) => {
    const out: Record<string, unknown> = { ...e, ...base() };
    for (const f of fields) {
      if (f in generated) out[f] = (generated as Record<string, unknown>)[f];
      else delete out[f];
    }
    return out;
  });

/** A valid tracked task, for tests that need one to damage. */
function validTask(key = 'a:1|c:2|t:3'): Record<string, unknown> {
  return {
    accountId: '1',
    campaignId: '2',
    campaignName: 'Summer Glow',
    taskId: '3',
    taskName: 'TikTok Video',
    taskUrl: 'https://app.impact.com/x?campaignId=2&taskId=3',
    inviteLink: 'https://www.tiktok.com/t/ZT123/',
    key,
    state: 'inProgress',
    steps: { linkCopied: 1 },
    history: [{ at: 1, event: 'discovered' }],
    firstSeenAt: 1,
    updatedAt: 2,
  };
}

describe("the content script's command guards", () => {
  it('the command guards: one copy, shared with messages.ts; commands only from the extension itself', () => {
    expect(messages.isTrustedContentSender).toBe(guards.isTrustedContentSender);
    expect(messages.refuseForgedScriptStarts).toBe(guards.refuseForgedScriptStarts);
    expect(guards.isTrustedContentSender({ id: 'own' }, 'own')).toBe(true);
    expect(guards.isTrustedContentSender({ id: 'own', tab: { id: 3 } }, 'own')).toBe(false);
    expect(guards.isTrustedContentSender({ id: 'other' }, 'own')).toBe(false);
    expect(guards.isTrustedContentSender({}, 'own')).toBe(false);
    for (const alive of [true, false]) {
      let reached = false;
      const controller = new AbortController();
      guards.refuseForgedScriptStarts(window, 'x:content:wxt:content-script-started', () => alive, controller.signal);
      window.addEventListener('x:content:wxt:content-script-started', () => (reached = true), { once: true });
      window.dispatchEvent(new CustomEvent('x:content:wxt:content-script-started'));
      controller.abort();
      // While the extension is alive the event can only be the page's: stopped.
      expect(reached).toBe(!alive);
    }
  });
});

describe('the replies the content script reads', () => {
  it("are messages.ts BACKGROUND_REPLIES' own, for exactly the messages it may send", () => {
    expect(Object.keys(messages.CONTENT_SCRIPT_REPLIES).sort()).toEqual([...messages.CONTENT_SCRIPT_MESSAGES].sort());
    for (const type of messages.CONTENT_SCRIPT_MESSAGES) expect(messages.CONTENT_SCRIPT_REPLIES[type]).toBe(messages.BACKGROUND_REPLIES[type]);
  });
});

describe("the content script's tracker view", () => {
  /** Every task the page can use: named by campaigns(), passing get's check. */
  const valid = (v: TrackerView) => v.campaigns().flatMap((c) => v.get(c.key) ?? []);

  async function view(raw: unknown) {
    await fakeBrowser.storage.local.set({ tracker: raw });
    const controller = new AbortController();
    const v = createTrackerView(controller.signal);
    await v.ready;
    return { v, stop: () => controller.abort() };
  }

  it("shows every task the worker's check keeps, and none for a record not its key's or in no known state", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(record(tracked, validTask), fc.constant(validTask('k1')), fc.constant(validTask('k2'))), { maxLength: 4 }), async (list) => {
        fakeBrowser.reset();
        // Stored under their own key mostly, sometimes under another one.
        const tasks = Object.fromEntries(list.map((t, i) => [i % 3 === 2 ? `other${i}` : typeof t.key === 'string' ? t.key : `k${i}`, t]));
        const { v, stop } = await view({ tasks });
        // What storage holds (a stored copy drops undefined values: `steps: { linkCopied: undefined }` is stored as `steps: {}`).
        const expected = parseTrackerData((await fakeBrowser.storage.local.get('tracker')).tracker, 0).data.tasks;
        for (const [key, kept] of Object.entries(expected)) expect(v.get(key)).toMatchObject({ key, state: kept.state, campaignName: kept.campaignName, taskName: kept.taskName });
        for (const [key, stored] of Object.entries(tasks)) {
          if (stored.key !== key || !(TRACKER_STATES as readonly unknown[]).includes(stored.state)) expect(v.get(key)).toBeUndefined();
        }
        // Every task shown is named by campaigns() (the tiles find it there).
        expect(valid(v).map((t) => t.key).sort()).toEqual(Object.keys(tasks).filter((k) => v.get(k)).sort());
        stop();
      }),
      { numRuns: 150 },
    );
  });

  it('follows changes: a changed task is re-validated, a removed one is gone', async () => {
    fakeBrowser.reset();
    // Tasks in a bucket, as the worker stores them (JSON text per task).
    const text = (task: object) => JSON.stringify(task);
    await fakeBrowser.storage.local.set({ 'tasks:7': { k1: text(validTask('k1')), k2: text(validTask('k2')) } });
    const { v, stop } = await view({ tasks: {} });
    expect(v.get('k1')?.state).toBe('inProgress');
    let told = 0;
    v.subscribe(() => told++);
    await fakeBrowser.storage.local.set({ 'tasks:7': { k1: text({ ...validTask('k1'), state: 'posted' }), k3: text({ ...validTask('k3'), state: 'bogus' }) } });
    await new Promise((r) => setTimeout(r, 20));
    expect(told).toBeGreaterThan(0);
    expect(v.get('k1')?.state).toBe('posted');
    expect(v.get('k2')).toBeUndefined();
    expect(v.get('k3')).toBeUndefined();
    expect(valid(v).map((t) => t.key)).toEqual(['k1']);
    stop();
  });

  it('names the campaign of every stored task without checking it; get still refuses a damaged one', async () => {
    fakeBrowser.reset();
    const text = (task: object) => JSON.stringify(task);
    const damaged = { ...validTask('k2'), campaignName: 'Holiday Gift Guide', state: 'bogus' };
    await fakeBrowser.storage.local.set({ 'tasks:1': { k1: text(validTask('k1')), k2: text(damaged), k3: '{"cut' } });
    const { v, stop } = await view({ tasks: {} });
    expect(v.campaigns().map((c) => [c.key, c.campaignName])).toEqual([
      ['k1', validTask('k1').campaignName],
      ['k2', 'Holiday Gift Guide'],
    ]);
    expect(v.get('k1')?.key).toBe('k1');
    expect(v.get('k2')).toBeUndefined();
    expect(v.get('k3')).toBeUndefined();
    stop();
  });

  it('shows a version 2 copy (an older build, a tool) and keeps the task when the worker moves it into a bucket', async () => {
    fakeBrowser.reset();
    const { v, stop } = await view({ tasks: {} });
    await fakeBrowser.storage.local.set({ 'task:k1': { ...validTask('k1'), state: 'posted' } });
    await new Promise((r) => setTimeout(r, 20));
    expect(v.get('k1')?.state).toBe('posted');
    // The worker's move: the bucket first, then the old key removed.
    await fakeBrowser.storage.local.set({ 'tasks:3': { k1: JSON.stringify({ ...validTask('k1'), state: 'posted' }) } });
    await fakeBrowser.storage.local.remove('task:k1');
    await new Promise((r) => setTimeout(r, 20));
    expect(valid(v).map((t) => [t.key, t.state])).toEqual([['k1', 'posted']]);
    stop();
  });
});

describe('the page on a stored record it cannot use', () => {
  const glowTile = () =>
    Array.from(document.querySelectorAll<HTMLElement>('[data-tiktok-helper="tile"]')).find((h) => (h.parentElement?.textContent ?? '').includes(trackedTask().campaignName))!;

  it.each([
    ['as the worker stored it', {}, true],
    ['with older fields missing (steps, retrieve, path)', { steps: undefined, retrieve: undefined, path: undefined }, true],
    ['in a state this version does not know', { state: 'bogus' }, false],
    ['stored under another task', { key: 'a:1|c:2|t:3' }, false],
    ['with a task name that is not text', { taskName: 42 }, false],
    ['with an invite link that is not text', { inviteLink: ['https://www.tiktok.com/t/ZT123/'] }, false],
  ])('a task %s: no crash; its tile offers its link only when the record is usable', async (_what, damage, offered) => {
    fakeBrowser.reset();
    const { url } = loadFixture('semantic-participating');
    const stored = { ...trackedTask({ inviteLink: 'https://www.tiktok.com/t/ZT123/' }), ...damage };
    await fakeBrowser.storage.local.set({ 'tasks:1': { [trackedTask().key]: JSON.stringify(stored) } });
    const controller = new AbortController();
    const view = createTrackerView(controller.signal);
    await view.ready;
    const errors: unknown[] = [];
    const m = mountOverlay(url, view, { onError: (error) => errors.push(error) });
    await settled('tile', S.campaignsForAccount().filter((c) => c.platforms.includes('tiktok')).length);
    const box = glowTile().shadowRoot!.querySelector('.box') as HTMLElement;
    expect(within(box).queryAllByRole('button', { name: 'Copy invite link' })).toHaveLength(offered ? 1 : 0);
    expect(within(box).getAllByRole('status')[0]).toHaveTextContent('Not started');
    expect(errors).toEqual([]);
    m.controller.abort();
    controller.abort();
  });
});
