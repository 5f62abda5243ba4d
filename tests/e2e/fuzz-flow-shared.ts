/**
 * The whole creator flow on one markup-fuzzer seed (tests/replica/fuzz, served by the replica at
 * `?family=fuzz&seed=N`), written once for Chromium and Firefox against the ExtensionDriver
 * (extension-driver.ts: tabs driven frame by frame, the extension's storage).
 *
 * What it checks is what a creator notices, on the replica's campaign with two TikTok tasks:
 * 1. the sibling task is opened the way a person opens it (My Campaign Tasks, hover its row, View
 *    Task Details, open the TTCM drop-down) and the extension records it;
 * 2. the same for the task itself, in another tab (both stay open): our controls appear once each,
 *    in the page or in the frame that holds the details (an iframe modal);
 * 3. Copy invite link / Copy campaign code put exactly the scenario's values on the clipboard;
 * 4. Show QR code opens the "Invite link QR code" dialog whose image decodes to exactly the link;
 * 5. the popup lists the task with its campaign; Mark as posted there leads to exactly one
 *    "Retrieve my post" request, for that task and none for its sibling, and the task is Submitted;
 * 6. on the Participating page the campaign's tile offers copy and QR for the sibling (still to post),
 *    copying and encoding exactly its link, and shows the submitted task as Submitted with nothing to press.
 *
 * A failure names the seed, the step and the seed's markup (describeSeed), with what the tracker
 * had recorded, so detection can be fixed for it. A failed check that later steps do not need
 * (a wrong name, a copy, a QR code, the retrieve count) does not stop the flow: every failed
 * step of the seed is reported at once. Waits poll a condition; nothing sleeps. The page's own test object (`window.__fuzz`, the fuzzer's truth) is read only to
 * find what a person sees (the row of a task, the tile of a campaign, whether the drop-down is open).
 */
import { expect } from 'vitest';
import { describeSeed, optionsFor } from '../replica/fuzz/generate.mjs';
import { findCampaign, findTask } from '../replica/scenario.mjs';
import { urlsFor } from '../replica/server.mjs';
import type { TrackedTask } from '../../utils/tracker/schema';
import { IMPACT } from './harness';
import type { DriverElement, DriverFrame, DriverTab, ExtensionDriver } from './extension-driver';
import { storedTasks } from './network-and-page-input-scenario';
import { decodeQr } from './overlay-shared';
import { measureLayoutChange, type LayoutChange } from './placement-shared';
import { retrieveRequests, waitFor } from './retrieve-data';
import { FUZZ_FLOW_CAMPAIGN_ID, type FuzzFlowSeed } from './fuzz-seeds';

// ---------------------------------------------------------------- the browser, through the driver

/** One frame of a tab, asked one IN_PAGE operation at a time. */
interface FlowFrame {
  /** Runs one operation of IN_PAGE in the frame and returns its (serialisable) result. */
  run<T>(op: Op, arg?: unknown): Promise<T>;
  /** Runs one operation of IN_PAGE that returns an element; null when it returns none. */
  element(op: Op, arg?: unknown): Promise<DriverElement | null>;
}

interface FlowTab {
  top(): FlowFrame;
  /** The top frame first, then every child frame. */
  frames(): Promise<FlowFrame[]>;
  press(key: string): Promise<void>;
  screenshot(file: string): Promise<void>;
  close(): Promise<void>;
}

function flowFrame(frame: DriverFrame): FlowFrame {
  return {
    run: <T,>(op: Op, arg?: unknown) => frame.evaluate<T>(inPage(op, arg)),
    element: (op, arg) => frame.element(inPage(op, arg)),
  };
}

function flowTab(tab: DriverTab): FlowTab {
  return {
    top: () => flowFrame(tab.top()),
    frames: async () => (await tab.frames()).map(flowFrame),
    press: (key) => tab.press(key),
    screenshot: (file) => tab.screenshot(file),
    close: () => tab.close(),
  };
}

// ---------------------------------------------------------------- in-page operations

type Op = 'row' | 'rowAction' | 'details' | 'ttcmToggle' | 'count' | 'control' | 'tile' | 'scrollTile' | 'groupStates' | 'tileGroups' | 'hiddenControls' | 'qr' | 'qrText' | 'cardName' | 'cardButton' | 'clipboard' | 'setClipboard' | 'layout';

/**
 * Plain JavaScript, run in a page or frame as `(IN_PAGE)(op, arg)`: the test transform would give a
 * TypeScript function helpers the page does not have. Looks into open shadow roots everywhere.
 */
const IN_PAGE = String.raw`(op, arg) => {
  const fold = (s) => String(s == null ? '' : s).replace(/[\u2190-\u21FF\u25A0-\u25FF]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
  const all = (root, out = []) => {
    for (const el of root.querySelectorAll('*')) {
      out.push(el);
      if (el.shadowRoot) all(el.shadowRoot, out);
    }
    return out;
  };
  const up = (n) => (n.parentNode && n.parentNode.nodeType === 11 ? n.parentNode.host : n.parentNode);
  const within = (outer, inner) => {
    for (let n = inner; n; n = up(n)) if (n === outer) return true;
    return false;
  };
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && (!el.checkVisibility || el.checkVisibility({ visibilityProperty: true }));
  };
  const labelOf = (el) => {
    const by = el.getAttribute('aria-labelledby');
    if (by) {
      const root = el.getRootNode();
      const text = by.split(/\s+/).map((id) => (root.getElementById && root.getElementById(id) ? root.getElementById(id).textContent : '')).join(' ');
      if (text.trim()) return text;
    }
    return el.getAttribute('aria-label') || el.textContent || '';
  };
  const controls = (name, hidden) => all(document).filter((el) => el.matches('button, [role="button"], a[href], summary') && fold(labelOf(el)) === fold(name) && (hidden || visible(el)));
  const fuzz = window.__fuzz;
  const truth = fuzz ? fuzz.truth : null;
  const row = (name) => {
    const hit = truth && truth.kind === 'tasks' && truth.tasks ? truth.tasks.find((t) => t.name === name) : null;
    return hit && hit.rowElement.isConnected ? hit.rowElement : null;
  };
  const tile = (name) => {
    const hit = truth && truth.kind === 'participating' && truth.tiles ? truth.tiles.find((t) => t.campaignName === name) : null;
    return hit && hit.element.isConnected ? hit.element : null;
  };
  const refs = () => {
    const r = fuzz ? fuzz.detailsRefs : null;
    return r && r.ttcmToggle && r.ttcmToggle.isConnected ? r : null;
  };
  const qrDialog = () => all(document).find((el) => el.localName === 'dialog' && el.open && fold(labelOf(el)) === fold('Invite link QR code')) || null;
  // A task's card in the popup: by its name, or (to go on when the name is wrong) by its tracker key.
  const card = () =>
    all(document).find((el) => el.localName === 'article' && fold(labelOf(el)) === fold(arg.task + ' ' + arg.campaign)) ||
    all(document).find((el) => el.localName === 'article' && el.getAttribute('data-task-key') === arg.key) ||
    null;
  switch (op) {
    case 'row':
      return row(arg);
    case 'rowAction': {
      // The innermost visible element of the row that reads the action's words (a person clicks the words).
      const r = row(arg.task);
      if (!r) return null;
      const hits = all(document).filter((el) => within(r, el) && fold(el.textContent) === fold(arg.label) && visible(el));
      return hits.find((el) => !hits.some((other) => other !== el && within(el, other))) || null;
    }
    case 'details': {
      const r = refs();
      return r ? { open: Boolean(r.isOpen()) } : null;
    }
    case 'ttcmToggle': {
      const r = refs();
      return r ? r.ttcmToggle : null;
    }
    case 'count':
      return controls(arg).length;
    case 'control':
    case 'hiddenControls': {
      // hiddenControls: how many such controls the scope holds that a person cannot see.
      let list = controls(arg.name, op === 'hiddenControls');
      if (arg.tile) {
        const t = tile(arg.tile);
        list = list.filter((el) => t && within(t, el));
      }
      if (arg.group)
        list = list.filter((el) => {
          for (let n = el; n; n = up(n)) if (n.getAttribute && n.getAttribute('role') === 'group') return fold(n.getAttribute('aria-label')) === fold(arg.group);
          return false;
        });
      if (op === 'hiddenControls') return list.filter((el) => !visible(el)).length;
      return list[0] || null;
    }
    case 'tile':
      return tile(arg);
    case 'scrollTile': {
      const t = tile(arg);
      if (t) t.scrollIntoView({ block: 'center' });
      return Boolean(t);
    }
    case 'tileGroups': {
      const t = tile(arg);
      return t ? all(document).filter((el) => el.getAttribute('role') === 'group' && within(t, el)).map((el) => el.getAttribute('aria-label')) : null;
    }
    case 'groupStates': {
      const t = tile(arg.tile);
      if (!t) return null;
      const group = all(document).find((el) => el.getAttribute('role') === 'group' && fold(el.getAttribute('aria-label')) === fold(arg.group) && within(t, el));
      return group ? Array.from(group.querySelectorAll('[role="status"]')).map((s) => s.textContent.trim()) : null;
    }
    case 'qr': {
      const d = qrDialog();
      return d ? d.querySelector('svg[role="img"]') : null;
    }
    case 'qrText': {
      const d = qrDialog();
      return d ? d.textContent : null;
    }
    case 'cardName': {
      const c = card();
      return c ? labelOf(c).replace(/\s+/g, ' ').trim() : null;
    }
    case 'cardButton': {
      const c = card();
      if (!c) return null;
      // One line per task: a person opens the card (a click on its line) to reach its buttons.
      const line = c.querySelector('button[aria-expanded="false"]');
      if (line) line.click();
      return Array.from(c.querySelectorAll('button')).find((b) => fold(b.textContent) === fold(arg.name) && visible(b)) || null;
    }
    case 'layout':
      return (${measureLayoutChange.toString()})(arg);
    case 'clipboard':
      return navigator.clipboard.readText();
    case 'setClipboard':
      return navigator.clipboard.writeText(arg).then(() => true);
  }
  throw new Error('unknown operation ' + op);
}`;

/** The expression a frame evaluates for one operation. */
export function inPage(op: Op, arg?: unknown): string {
  return `(${IN_PAGE})(${JSON.stringify(op)}, ${JSON.stringify(arg ?? null)})`;
}

// ---------------------------------------------------------------- waiting

/** The flow's waits (retrieve-data.ts's waitFor): 15 s each, so that a run with several soft failures still reports them all within the test's time. */
const until = <T>(what: string, read: () => Promise<T | null | undefined | false>, ms = 15_000): Promise<T> => waitFor(what, read, ms);

/** Polls until `read` gives exactly `expected`; the error shows the last value. */
async function untilEqual<T>(what: string, read: () => Promise<T>, expected: T, ms = 10_000): Promise<void> {
  let last: T | undefined;
  await until(
    `${what} to be ${JSON.stringify(expected)}`,
    async () => {
      last = await read();
      return last === expected;
    },
    ms,
  ).catch((error: Error) => {
    throw new Error(`${error.message}; it was ${JSON.stringify(last)}`);
  });
}

/** The first frame of the tab where `op` finds an element. */
async function inAnyFrame(tab: FlowTab, op: Op, arg?: unknown): Promise<{ frame: FlowFrame; el: DriverElement } | null> {
  for (const frame of await tab.frames()) {
    const el = await frame.element(op, arg).catch(() => null);
    if (el) return { frame, el };
  }
  return null;
}

async function countInFrames(tab: FlowTab, name: string): Promise<number> {
  let n = 0;
  for (const frame of await tab.frames()) n += await frame.run<number>('count', name).catch(() => 0);
  return n;
}

// ---------------------------------------------------------------- the flow

const OUR_TTCM_CONTROLS = ['Copy invite link', 'Show QR code', 'Copy campaign code', 'Mark as posted'];

interface Named {
  id: string;
  name: string;
  link: string;
  code: string;
}

/** What the seed's pages show, from the replica's scenario (the fuzz family renders it). */
export function flowFacts(entry: FuzzFlowSeed) {
  const campaign = findCampaign(FUZZ_FLOW_CAMPAIGN_ID)!;
  const named = (id: string): Named => {
    const t = findTask(id)!.task;
    return { id, name: t.name, link: t.ttcm!.inviteLink!, code: t.ttcm!.campaignCode };
  };
  const sibling = campaign.tasks.find((t) => t.platform === 'tiktok' && t.id !== entry.taskId)!;
  const urls = urlsFor({ family: 'fuzz', seed: entry.seed, campaignId: campaign.id });
  return {
    campaignName: campaign.name,
    task: named(entry.taskId),
    sibling: named(sibling.id),
    manageTasks: IMPACT + urls.manageTasks,
    findCampaigns: IMPACT + urls.findCampaigns,
  };
}

function trackedOf(tasks: TrackedTask[], campaignName: string, task: Named): TrackedTask | undefined {
  return tasks.find((t) => t.taskId === task.id || (t.taskId === undefined && t.taskName === task.name && t.campaignName === campaignName));
}

/** Hover the task's row, press its View Task Details, open the TTCM drop-down, wait for our controls. */
async function openDetails(tab: FlowTab, taskName: string): Promise<void> {
  const row = await until(`the row of "${taskName}"`, () => tab.top().element('row', taskName));
  await row.hover();
  const view = await until('View Task Details on the hovered row', () => tab.top().element('rowAction', { task: taskName, label: 'View Task Details' }));
  await view.click();
  // The details: in the page, in an iframe modal, or a page of their own (maybe after a page load).
  const { frame } = await until('the task details', async () => {
    for (const f of await tab.frames()) if (await f.run('details').catch(() => null)) return { frame: f };
    return null;
  });
  const state = await frame.run<{ open: boolean }>('details');
  if (!state.open) {
    await (await until('the TTCM drop-down', () => frame.element('ttcmToggle'))).click();
    await until('the TTCM drop-down to open on the click', async () => (await frame.run<{ open: boolean } | null>('details'))?.open, 5000);
  }
  for (const name of OUR_TTCM_CONTROLS) await untilEqual(`the number of "${name}" controls`, () => countInFrames(tab, name), 1, 15_000);
}

async function copies(tab: FlowTab, control: { name: string; tile?: string; group?: string }, expected: string): Promise<void> {
  const { frame, el } = await until(`"${control.name}"`, () => inAnyFrame(tab, 'control', control));
  await frame.run('setClipboard', 'something else');
  await el.click();
  await untilEqual('the clipboard', () => frame.run<string>('clipboard'), expected);
}

/** Opens the QR dialog, decodes its image, checks the link under it, and closes it with Escape. */
async function qrDecodes(tab: FlowTab, control: { name: string; tile?: string; group?: string }, expected: string, screenshot?: string): Promise<void> {
  const { el } = await until('"Show QR code"', () => inAnyFrame(tab, 'control', control));
  await el.click();
  const { frame, el: svg } = await until('the "Invite link QR code" dialog', () => inAnyFrame(tab, 'qr'));
  expect(decodeQr(await svg.screenshot()), 'the QR code decodes to the invite link').toBe(expected);
  expect(await frame.run<string>('qrText'), 'the link is shown under the QR code').toContain(expected);
  if (screenshot) await tab.screenshot(screenshot);
  await tab.press('Escape');
  await until('the QR dialog to close', async () => !(await inAnyFrame(tab, 'qr')));
}

export async function runFuzzFlow(driver: ExtensionDriver, entry: FuzzFlowSeed, options: { qrScreenshot?: string } = {}): Promise<void> {
  const b = {
    name: driver.browserName === 'chromium' ? 'Chromium' : 'Firefox',
    open: async (url: string) => flowTab(await driver.openTab(url)),
    openPopup: async () => flowTab(await driver.openPopupTab()),
    trackedTasks: () => storedTasks(driver),
  };
  const { seed } = entry;
  const facts = flowFacts(entry);
  const { task, sibling, campaignName } = facts;
  const tracked = async (t: Named) => trackedOf(await b.trackedTasks(), campaignName, t);
  /** Steps that failed without stopping the flow (what a later step needs was still there). */
  const failed: string[] = [];
  const report = async () => {
    // What the extension had recorded by then: often says what detection read instead.
    const seen = await b
      .trackedTasks()
      .then((tasks) => JSON.stringify(tasks.map((t) => ({ task: t.taskName, campaign: t.campaignName, id: t.taskId, state: t.state }))))
      .catch(() => '(unreadable)');
    return new Error(`${b.name}, seed ${seed} (${entry.covers}): ${failed.length} step(s) failed:\n${failed.join('\n')}\n  tracker: ${seen}\n  ${describeSeed(seed)}`);
  };
  /** A step; a failed hard step ends the flow, a failed soft one is reported at the end. */
  const step = async <T>(name: string, fn: () => Promise<T>, soft = false): Promise<T | undefined> => {
    try {
      return await fn();
    } catch (error) {
      failed.push(`  - "${name}": ${error instanceof Error ? error.message : String(error)}`);
      if (!soft) throw await report();
      return undefined;
    }
  };
  const SOFT = true;

  await step('the seed still makes the markup it was chosen for', async () => expect(optionsFor(seed)).toMatchObject(entry.options));
  // Before a seed: the tabs of the last one closed, the extension's storage and alarms cleared, the replica reset.
  await driver.startClean();

  // Each task in a tab of its own, both left open: the worker must press in the right one.
  await step(`open the sibling "${sibling.name}" (My Campaign Tasks, hover the row, View Task Details, TTCM drop-down): our controls, and the task recorded`, async () => {
    const siblingTab = await b.open(facts.manageTasks);
    await openDetails(siblingTab, sibling.name);
    await until(`the tracker to record "${sibling.name}"`, () => tracked(sibling));
  });
  const tab = (await step(`open "${task.name}" the same way in another tab: our controls, and the task recorded`, async () => {
    const taskTab = await b.open(facts.manageTasks);
    await openDetails(taskTab, task.name);
    await until(`the tracker to record "${task.name}"`, () => tracked(task));
    return taskTab;
  }))!;
  await step("impact.com's own elements keep their width and left edge, and none moves up, with our controls in (placement)", async () => {
    const { frame } = await until('"Copy invite link"', () => inAnyFrame(tab, 'control', { name: 'Copy invite link' }));
    const change = await frame.run<LayoutChange>('layout', { named: [] });
    expect(change.ownHosts, 'our control rows measured').toBeGreaterThanOrEqual(2);
    expect(change.moved, "impact.com's elements whose width or left edge changed").toEqual([]);
    expect(change.movedUp, "impact.com's elements that moved up").toEqual([]);
  }, SOFT);
  await step('Copy invite link copies exactly the link', () => copies(tab, { name: 'Copy invite link' }, task.link), SOFT);
  await step('Copy campaign code copies exactly the code', () => copies(tab, { name: 'Copy campaign code' }, task.code), SOFT);
  await step('Show QR code: the image decodes to exactly the link', () => qrDecodes(tab, { name: 'Show QR code' }, task.link, options.qrScreenshot), SOFT);

  const siblingBefore = (await tracked(sibling))!.state;
  const popup = (await step('open the popup', () => b.openPopup()))!;
  const key = (await tracked(task))!.key;
  const card = { task: task.name, campaign: campaignName, key };
  await step('the popup lists the task with its campaign', async () => {
    await until("the task's card in the popup", () => popup.top().run<string | null>('cardName', card));
    expect(await popup.top().run('cardName', card), "the card's name (task, campaign)").toBe(`${task.name} ${campaignName}`);
  }, SOFT);
  await step('Mark as posted on its card', async () => {
    const before = (await tracked(task))!.state;
    await (await until('Mark as posted on the card', () => popup.top().element('cardButton', { ...card, name: 'Mark as posted' }))).click();
    await until('the tracker to take the press', async () => (await tracked(task))?.state !== before);
    await popup.close();
  });
  const settled = (await step('the extension presses Retrieve my post (the try ends)', () =>
    until('the try to finish', async () => {
      const t = await tracked(task);
      return t && !['posted', 'retrieving'].includes(t.state) ? t : null;
    }, 45_000),
  ))!;
  await step('exactly one retrieve request, for that task; none for its sibling', async () => {
    const requests = await retrieveRequests(driver.replica);
    expect(requests.map((r) => r.taskId), `retrieve requests (the tracker says ${settled.state}: ${JSON.stringify(settled.retrieve.outcome ?? {})})`).toEqual([task.id]);
    expect((await tracked(sibling))?.state, 'the sibling task').toBe(siblingBefore);
  }, SOFT);
  await step('the tracker shows Submitted', async () => {
    expect(settled.state, `the tracker's reading of the outcome: ${JSON.stringify(settled.retrieve.outcome ?? {})}`).toBe('submitted');
  }, SOFT);

  const tiles = (await step('open Participating', () => b.open(facts.findCampaigns)))!;
  const onTile = { tile: campaignName, group: task.name };
  const onSiblingTile = { tile: campaignName, group: sibling.name };
  await step("the campaign's tile gets copy and QR controls for the task still to post", async () => {
    await until(`the tile of "${campaignName}"`, () => tiles.top().run<boolean>('scrollTile', campaignName));
    // One group per tracked TikTok task of the campaign, named after it (drawn together).
    const groups = await until("the tile's task groups", () => tiles.top().run<string[] | null>('tileGroups', campaignName).then((g) => (g?.length ? g : null)));
    expect(groups, "the tile's task groups").toEqual(expect.arrayContaining([task.name, sibling.name]));
    for (const name of ['Copy invite link', 'Show QR code'])
      await until(`"${name}" in the sibling's group`, () => tiles.top().element('control', { name, ...onSiblingTile })).catch(async (error: Error) => {
        const hidden = await tiles.top().run<number>('hiddenControls', { name, ...onSiblingTile });
        throw new Error(`${error.message}${hidden ? `; the group holds ${hidden} such control(s) that are not rendered (no size or hidden)` : ''}`);
      });
  });
  await step("the submitted task's group on the tile says Submitted and offers no copy or QR (nothing left to do)", async () => {
    expect(await tiles.top().run('groupStates', onTile)).toEqual(['Submitted']);
    for (const name of ['Copy invite link', 'Show QR code']) expect(await tiles.top().element('control', { name, ...onTile }), name).toBeNull();
  }, SOFT);
  await step("the tile copies exactly the sibling's link", () => copies(tiles, { name: 'Copy invite link', ...onSiblingTile }, sibling.link), SOFT);
  await step("the tile's QR code decodes to exactly the sibling's link", () => qrDecodes(tiles, { name: 'Show QR code', ...onSiblingTile }, sibling.link), SOFT);
  if (failed.length) throw await report();
}
