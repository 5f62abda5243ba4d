// Self-checks of the markup fuzzer (not of the extension): the truth each seed reports matches the DOM it built.
// A failing seed prints its choices (describeSeed) so it can be replayed: generatePage({ seed, kind, doc: document }).
// FUZZ_FC_SEED=<n> changes fast-check's own seed (default fixed, so CI runs are repeatable).
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  generatePage,
  describeSeed,
  optionsFor,
  OPTION_SPACE,
  scenarioData,
  randomData,
  isTikTokInviteLink,
  parseFuzzLocation,
  viewUrl,
  composedContains,
  type FuzzPage,
  type Kind,
  type DetailsTruth,
  type TasksTruth,
} from './generate.mjs';
import { WORDS } from './words.mjs';
import { ids, messages } from '../scenario.mjs';

const RUNS = 300;
const LONG = { timeout: 120_000 }; // 300 jsdom pages per property
const FC = { numRuns: RUNS, seed: Number(process.env.FUZZ_FC_SEED ?? 20260115), endOnFailure: true };
const seedArb = fc.integer({ min: 0, max: 2_000_000 });

afterEach(() => {
  document.body.replaceChildren();
  document.head.querySelectorAll('style[data-fuzz]').forEach((s) => s.remove());
});

// ---------------------------------------------------------------- composed-tree helpers (shadow roots and same-origin frames)
/** Every node under root, through open shadow roots and same-origin frames (iterative: this runs for 900+ pages). */
function walk(root: Node): Node[] {
  const out: Node[] = [];
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    out.push(n);
    const kids = n.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    if (n.nodeType === 1) {
      const el = n as Element;
      if (el.shadowRoot) stack.push(el.shadowRoot);
      if (el.tagName === 'IFRAME') {
        const d = (el as HTMLIFrameElement).contentDocument;
        if (d?.documentElement) stack.push(d.documentElement);
      }
    }
  }
  return out;
}
const elements = (root: Node) => walk(root).filter((n): n is Element => n.nodeType === 1);
const textNodes = (root: Node) => walk(root).filter((n) => n.nodeType === 3);
const textOf = (root: Node) => textNodes(root).map((n) => n.nodeValue).join('\u0001');
function shown(el: Element) {
  let n: Node | null = el;
  while (n) {
    if (n.nodeType === 1) {
      const e = n as HTMLElement;
      if (e.hasAttribute('hidden') || e.style?.display === 'none') return false;
    }
    n = n.parentNode ?? null;
    if (n && n.nodeType === 11) n = (n as ShadowRoot).host;
  }
  return true;
}
/** Elements whose own text node reads exactly `label` (the innermost: a wrapper around a button does not count twice). */
const withLabel = (root: Node, label: string) =>
  textNodes(root)
    .filter((n) => n.nodeValue!.trim() === label && n.parentNode?.nodeType === 1)
    .map((n) => n.parentNode as Element);
const shownWithLabel = (root: Node, label: string) => withLabel(root, label).filter(shown);
const iconName = (e: Element) =>
  [e.getAttribute('alt'), e.getAttribute('title'), e.getAttribute('aria-label'), e.getAttribute('data-testid'), e.tagName.toLowerCase() === 'svg' ? e.querySelector('title')?.textContent : null]
    .filter(Boolean)
    .join(' ');
const hasIcon = (root: Node, re: RegExp) => elements(root).some((e) => re.test(iconName(e)));
/** Is this exact string somewhere a person or a script can read it: an attribute value, a text node, an input's value? */
function reachable(root: Node, value: string) {
  for (const n of walk(root)) {
    if (n.nodeType === 3 && n.nodeValue?.includes(value)) return true;
    if (n.nodeType === 1) {
      const e = n as Element;
      for (const a of Array.from(e.attributes)) if (a.value === value) return true;
      if ((e as HTMLInputElement).value === value) return true;
    }
  }
  return false;
}
const attrsWith = (root: Node, value: string) =>
  elements(root).flatMap((e) => Array.from(e.attributes).filter((a) => a.value.includes(value)).map((a) => a.name));

async function make<K extends Kind>(seed: number, kind: K, extra: Record<string, unknown> = {}): Promise<FuzzPage<K>> {
  const page = generatePage<K>({ seed, kind, doc: document, ...extra });
  await page.ready;
  expect(page.errors).toEqual([]);
  return page;
}
/** Run a check for one seed; on failure say which seed and its choices. */
async function forSeed(seed: number, kind: string, check: () => Promise<void>) {
  try {
    await check();
  } catch (e) {
    const err = e as Error;
    err.message = `${kind} ${describeSeed(seed)}\n${err.message}`;
    throw err;
  } finally {
    document.body.replaceChildren();
    document.head.querySelectorAll('style[data-fuzz]').forEach((s) => s.remove());
  }
}

// ---------------------------------------------------------------- seeds and options
describe('seeds and options', () => {
  it('300 seeds cover every value of every option, and English is the usual language', () => {
    const seen: Record<string, Set<string>> = Object.fromEntries(Object.keys(OPTION_SPACE).map((k) => [k, new Set<string>()]));
    let en = 0;
    for (let seed = 0; seed < RUNS; seed++) {
      const o = optionsFor(seed);
      for (const k of Object.keys(OPTION_SPACE)) seen[k]!.add(String(o[k]));
      if (o.language === 'en') en++;
    }
    const missing = Object.entries(OPTION_SPACE).flatMap(([k, pairs]) => pairs.map(([v]) => String(v)).filter((v) => !seen[k]!.has(v)).map((v) => `${k}=${v}`));
    expect(missing).toEqual([]);
    expect(en / RUNS).toBeGreaterThanOrEqual(0.7);
  });

  it('different seeds make different choices; one seed always the same', () => {
    const lines = new Set(Array.from({ length: RUNS }, (_, s) => describeSeed(s)));
    expect(lines.size).toBe(RUNS);
    expect(describeSeed(7)).toBe(describeSeed(7));
    expect(describeSeed(7)).toMatch(/^seed=7 language=\w+ /);
    expect(optionsFor(7, { language: 'ja' }).language).toBe('ja');
  });

  it('the same seed renders the same markup (hashed class names change with the seed)', async () => {
    const html = async (seed: number) => {
      const p = await make(seed, 'participating', { look: 'full' });
      const out = elements(p.root).map((e) => `${e.tagName}.${e.getAttribute('class') ?? ''}`).join(' ');
      p.destroy();
      return out;
    };
    const seed = Array.from({ length: 50 }, (_, s) => s).find((s) => optionsFor(s).classNames === 'hashed')!;
    const other = Array.from({ length: 50 }, (_, s) => s).find((s) => s !== seed && optionsFor(s).classNames === 'hashed')!;
    const a = await html(seed);
    expect(await html(seed)).toBe(a);
    expect(a).toMatch(/\._[0-9a-z]{5}/);
    expect(await html(other)).not.toBe(a);
  });

  it('random data: 3–12 campaigns, TikTok and non-TikTok tiles, 1–4 tasks, numeric ids, decoys, invalid and missing links', () => {
    let decoys = 0;
    let invalid = 0;
    let noLink = 0;
    let noCode = 0;
    for (let seed = 0; seed < RUNS; seed++) {
      const d = randomData(seed);
      expect(d.campaigns.length).toBeGreaterThanOrEqual(3);
      expect(d.campaigns.length).toBeLessThanOrEqual(12);
      expect(d.campaigns.some((c) => c.platforms.includes('tiktok'))).toBe(true);
      expect(d.campaigns.some((c) => !c.platforms.includes('tiktok'))).toBe(true);
      for (const c of d.campaigns) {
        expect(c.id).toMatch(/^\d+$/);
        expect(c.tasks.length).toBeGreaterThanOrEqual(1);
        expect(c.tasks.length).toBeLessThanOrEqual(4);
        expect(c.platforms.includes('tiktok')).toBe(c.tasks.some((t) => t.platform === 'tiktok'));
        if (!c.platforms.includes('tiktok') && /tiktok/i.test(c.name + c.description)) decoys++;
        for (const t of c.tasks) {
          expect(t.id).toMatch(/^\d+$/);
          if (!t.ttcm) continue;
          if (t.ttcm.inviteLink === null) noLink++;
          else if (!isTikTokInviteLink(t.ttcm.inviteLink)) invalid++;
          if (t.ttcm.campaignCode === null) noCode++;
          else expect(t.ttcm.campaignCode).toMatch(/^[A-Z0-9-]{6,16}$/);
          expect(t.ttcm.inviteLink ?? t.ttcm.campaignCode).not.toBeNull();
        }
      }
    }
    expect(decoys).toBeGreaterThan(10);
    expect(invalid).toBeGreaterThan(10);
    expect(noLink).toBeGreaterThan(5);
    expect(noCode).toBeGreaterThan(5);
  });

  it('scenarioData() is the replica scenario in the fuzzer shape', () => {
    const d = scenarioData();
    expect(d.campaigns.map((c) => c.id)).toContain(ids.tiktokOnly.campaignId);
    const find = (id: string) => d.campaigns.flatMap((c) => c.tasks).find((t) => t.id === id)!;
    expect(find(ids.tiktokOnly.taskId).ttcm?.inviteLink).toBe('https://www.tiktok.com/t/ZT8abc123/');
    expect(isTikTokInviteLink(find(ids.htmlLookingNames.taskId).ttcm!.inviteLink)).toBe(false);
    expect(isTikTokInviteLink(find(ids.longName.taskId).ttcm!.inviteLink)).toBe(false);
    expect(find(ids.noInviteLink.taskId).ttcm?.inviteLink).toBeNull();
    expect(find(ids.alreadySubmitted.taskId).deliverable?.postUrl).toMatch(/^https:\/\/www\.tiktok\.com\//);
    expect(find(ids.alreadySubmitted.taskId).status).toEqual({ key: 'pendingApproval', task: 'TikTok Video' });
  });

  it('URLs: every style parses back to its view; the opaque style holds no id; execution changes per visit', () => {
    for (const urlStyle of ['query', 'path', 'hash', 'none']) {
      const o = { ...optionsFor(3), urlStyle };
      const u = viewUrl({ kind: 'details', campaignId: '41207', taskId: '880101' }, o, { replica: { seed: 3 } });
      expect(parseFuzzLocation(u)).toMatchObject({ kind: 'details', campaignId: '41207', taskId: '880101', seed: 3 });
      if (urlStyle === 'none') expect(u).not.toMatch(/41207|880101/);
      if (urlStyle === 'hash') expect(u).toMatch(/#\/c\/41207\/t\/880101$/);
      const t = viewUrl({ kind: 'tasks', campaignId: '41207' }, o);
      expect(parseFuzzLocation(t)).toMatchObject({ kind: 'tasks', campaignId: '41207', taskId: null });
    }
  });

  it('?tiles=N (benchmarks): the first N generated campaigns, every third with TikTok; kept on the URLs; absent by default', () => {
    const u = viewUrl({ kind: 'participating', tab: 'joined' }, optionsFor(30), { replica: { seed: 30, extra: { tiles: '30' } } });
    expect(parseFuzzLocation(u)).toMatchObject({ kind: 'participating', seed: 30, tiles: 30 });
    expect(parseFuzzLocation(viewUrl({ kind: 'participating', tab: 'joined' }, optionsFor(30), { replica: { seed: 30 } })).tiles).toBeNull();
    const d = scenarioData({}, undefined, { tiles: 30 });
    expect(d.campaigns.map((c) => c.id)).toEqual(Array.from({ length: 30 }, (_, i) => String(700000 + i)));
    expect(d.campaigns.map((c) => c.platforms.includes('tiktok'))).toEqual(Array.from({ length: 30 }, (_, i) => i % 3 === 0));
    expect(scenarioData().campaigns.length).toBeLessThan(30);
  });
});

// ---------------------------------------------------------------- Participating
describe('participating', () => {
  it(`${RUNS} seeds: tiles, icons, ids, hover-only actions and re-render match the truth`, LONG, async () => {
    const seenId = new Set<string>();
    const seenIcon = new Set<string>();
    await fc.assert(
      fc.asyncProperty(seedArb, async (seed) =>
        forSeed(seed, 'participating', async () => {
          const page = await make(seed, 'participating');
          const o = page.options;
          const w = WORDS[o.language];
          const t = page.truth;
          seenIcon.add(o.tileIcon);
          expect(t.tiles).toHaveLength(page.data.campaigns.length);
          expect(textOf(document.body)).not.toMatch(/\[object |undefined|NaN/);
          expect(t.tikTokCampaignNames).toEqual(t.tiles.filter((x) => x.hasTikTok).map((x) => x.campaignName));
          expect(parseFuzzLocation(t.url)).toMatchObject({ kind: 'participating', tab: 'joined' });
          for (const [i, tile] of t.tiles.entries()) {
            const c = page.data.campaigns[i]!;
            seenId.add(tile.idVisible);
            expect(tile.element.isConnected).toBe(true);
            expect(composedContains(page.root, tile.element)).toBe(true);
            const text = textOf(tile.element);
            expect(text).toContain(c.name);
            expect(text).toContain(c.brand);
            expect(tile.hasTikTok).toBe(c.platforms.includes('tiktok'));
            expect(hasIcon(tile.element, /tiktok/i)).toBe(tile.hasTikTok);
            for (const p of tile.platforms) expect(hasIcon(tile.element, new RegExp(p, 'i'))).toBe(true);
            // ids: where the truth says, and nowhere else in the tile
            expect('campaignId' in tile).toBe(tile.idVisible !== 'none');
            if (tile.idVisible === 'url') expect(o.urlStyle).not.toBe('none');
            if (i > 3) continue; // hover checks on the first tiles only (jsdom events are slow)
            // actions: hover-only ones appear on hover
            const before = shownWithLabel(tile.element, w.manageTasks).length;
            if (o.tileActions === 'always') expect(before).toBe(1);
            else expect(before).toBe(0);
            if (o.tileActions === 'inserted-on-hover') expect(withLabel(tile.element, w.manageTasks)).toHaveLength(0);
            page.hover(tile.element);
            expect(shownWithLabel(tile.element, w.manageTasks)).toHaveLength(1);
            // (a link that holds the id may be the hover-only action itself)
            const holders = attrsWith(tile.element, c.id);
            if (tile.idVisible === 'data-attr') expect(holders.some((a) => a.startsWith('data-'))).toBe(true);
            else if (tile.idVisible === 'link') expect(holders).toContain('href');
            else expect(holders).toEqual([]);
          }
          // decoy tiles: TikTok in the text, no TikTok icon, not counted
          for (const tile of t.tiles.filter((x) => !x.hasTikTok)) expect(t.tikTokCampaignNames).not.toContain(tile.campaignName);
          // SPA re-render: same names, new nodes
          const old = t.tiles.map((x) => x.element);
          const names = t.tiles.map((x) => x.campaignName);
          page.rerender();
          expect(page.truth.tiles.map((x) => x.campaignName)).toEqual(names);
          page.truth.tiles.forEach((x, i) => {
            expect(x.element).not.toBe(old[i]);
            expect(old[i]!.isConnected).toBe(false);
            expect(x.element.isConnected).toBe(true);
          });
          page.destroy();
          expect(document.body.childNodes).toHaveLength(0);
        }),
      ),
      FC,
    );
    expect([...seenId].sort()).toEqual(['data-attr', 'link', 'none', 'url']);
    expect(seenIcon.size).toBe(OPTION_SPACE.tileIcon!.length);
  });

  it('pressing Manage Tasks (after hovering the tile) opens My Campaign Tasks of that campaign', async () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      await forSeed(seed, 'participating', async () => {
        const page = await make(seed, 'participating');
        const w = WORDS[page.options.language];
        const tile = page.truth.tiles.find((x) => x.hasTikTok)!;
        page.hover(tile.element);
        const btn = shownWithLabel(tile.element, w.manageTasks)[0] as HTMLElement;
        (btn.matches('button, a, [role="button"]') ? btn : (btn.querySelector('button') ?? btn)).click();
        await page.idle();
        expect(page.kind).toBe('tasks');
        expect((page.truth as unknown as TasksTruth).campaign?.name).toBe(tile.campaignName);
        page.destroy();
      });
    }
  });
});

// ---------------------------------------------------------------- My Campaign Tasks
describe('tasks', () => {
  it(`${RUNS} seeds: rows, ids, statuses, hover-only actions and re-render match the truth`, LONG, async () => {
    const seenId = new Set<string>();
    await fc.assert(
      fc.asyncProperty(seedArb, async (seed) =>
        forSeed(seed, 'tasks', async () => {
          const page = await make(seed, 'tasks');
          const o = page.options;
          const w = WORDS[o.language];
          const t = page.truth;
          const c = page.data.campaigns.find((x) => x.name === t.campaign!.name)!;
          expect(t.campaign!.brand).toBe(c.brand);
          expect(textOf(page.root)).toContain(c.name);
          expect(textOf(document.body)).not.toMatch(/\[object |undefined|NaN/);
          expect('id' in t.campaign!).toBe(t.campaignIdsIn!.length > 0);
          expect(t.tasks.map((x) => x.name)).toEqual(c.tasks.map((x) => x.name));
          expect(parseFuzzLocation(t.url)).toMatchObject({ kind: 'tasks', campaignId: c.id });
          if (o.urlStyle === 'none') expect(t.url).not.toContain(c.id);
          else expect(t.campaignIdsIn).toContain('url');
          for (const [i, row] of t.tasks.entries()) {
            const task = c.tasks[i]!;
            seenId.add(row.idVisible);
            expect(row.rowElement.isConnected).toBe(true);
            const text = textOf(row.rowElement);
            expect(text).toContain(task.name);
            expect(text).toContain(row.status);
            expect(row.platform).toBe(task.platform);
            if (o.dueFormat === 'hidden') expect(row.dueDate).toBeUndefined();
            else expect(text).toContain(row.dueText);
            expect('id' in row).toBe(row.idVisible !== 'none');
            if (i > 3) continue; // hover checks on the first rows only
            if (o.rowActions === 'always') expect(shownWithLabel(row.rowElement, w.viewTaskDetails)).toHaveLength(1);
            else expect(shownWithLabel(row.rowElement, w.viewTaskDetails)).toHaveLength(0);
            page.hover(row.rowElement);
            expect(shownWithLabel(row.rowElement, w.viewTaskDetails)).toHaveLength(1);
            const holders = attrsWith(row.rowElement, task.id);
            if (row.idVisible === 'data-attr') expect(holders.some((a) => a.startsWith('data-'))).toBe(true);
            else if (row.idVisible === 'link') expect(holders).toContain('href');
            else expect(holders).toEqual([]);
          }
          const old = t.tasks.map((x) => x.rowElement);
          page.rerender();
          expect(page.truth.tasks.map((x) => x.name)).toEqual(c.tasks.map((x) => x.name));
          page.truth.tasks.forEach((x, i) => {
            expect(x.rowElement).not.toBe(old[i]);
            expect(old[i]!.isConnected).toBe(false);
          });
          // the person's path: hover the row, press View Task Details
          const target = c.tasks[seed % c.tasks.length]!;
          await page.pressRow(target.id);
          expect(page.kind).toBe('details');
          const d = page.truth as unknown as DetailsTruth;
          expect(d.task.name).toBe(target.name);
          expect(d.openedVia).toBe('row-click');
          page.destroy();
        }),
      ),
      FC,
    );
    expect([...seenId].sort()).toEqual(['data-attr', 'link', 'none', 'url']);
  });
});

// ---------------------------------------------------------------- View Task Details
describe('details', () => {
  it(`${RUNS} seeds: containers, TTCM drop-down, values, ids and Retrieve my post match the truth`, LONG, async () => {
    const seen: Record<string, Set<string>> = { container: new Set(), ttcmToggle: new Set(), valueShape: new Set(), validity: new Set(), outcome: new Set(), idsIn: new Set() };
    await fc.assert(
      fc.asyncProperty(seedArb, fc.constantFrom('success', 'notFound', 'error'), async (seed, outcome) =>
        forSeed(seed, 'details', async () => {
          const calls: string[] = [];
          const page = await make(seed, 'details', { retrieve: (id: string) => (calls.push(id), Promise.resolve(outcome)) });
          const o = page.options;
          const w = WORDS[o.language];
          const t = page.truth;
          const hit = page.data.campaigns.flatMap((c) => c.tasks.map((task) => ({ c, task }))).find((x) => x.task.name === t.task!.name && x.c.name === t.campaign!.name)!;
          expect(hit).toBeTruthy();
          const { c, task } = hit;
          seen.container!.add(t.container!);
          seen.ttcmToggle!.add(t.ttcmToggle!);
          seen.valueShape!.add(t.valueShape!);
          t.idsIn!.forEach((x) => seen.idsIn!.add(x));
          expect(t.campaign!.brand).toBe(c.brand);
          expect(task.platform).toBe('tiktok');
          const scope = page.detailsElement!;
          expect(scope.isConnected).toBe(true);
          expect(textOf(document.body)).not.toMatch(/\[object |undefined|NaN/);
          const text = textOf(scope);
          const exact = (s: string) => withLabel(scope, s).length > 0;
          if (t.nameShownInDetails) expect(exact(task.name)).toBe(true);
          if (t.campaignShownInDetails) expect(text).toContain(c.name);
          if (!t.nameShownInDetails || !t.campaignShownInDetails) expect(t.openedVia).toBe('row-click');
          // ids the page has, and only those
          expect('id' in t.task!).toBe(t.idsIn!.some((x) => ['url', 'frame-url', 'data-attr', 'link', 'text', 'row'].includes(x)));
          if (t.idsIn!.includes('url')) expect(parseFuzzLocation(t.url!)).toMatchObject({ campaignId: c.id, taskId: task.id });
          if (o.urlStyle === 'none') expect(t.url).not.toContain(task.id);
          if (o.urlStyle !== 'path') expect(t.url).toMatch(/execution=e\d+s\d+/);
          // the container the seed chose
          const roleDialog = elements(document.body).filter((e) => e.getAttribute('role') === 'dialog');
          if (t.container === 'dialog') expect(scope.getAttribute('role')).toBe('dialog');
          else expect(roleDialog).toHaveLength(0);
          if (t.container === 'custom-element-no-role') {
            expect(scope.shadowRoot).toBeTruthy();
            expect(scope.tagName).toMatch(/-/);
            for (const a of ['role', 'data-testid', 'aria-label', 'aria-labelledby']) expect(scope.hasAttribute(a)).toBe(false);
          }
          if (t.container === 'iframe-modal') {
            const frame = elements(scope).find((e) => e.tagName === 'IFRAME') as HTMLIFrameElement;
            expect(frame.getAttribute('data-testid') === 'uicl-modal-iframe-content').toBe(o.frameTestId);
            expect(textOf(frame.contentDocument!.body)).toContain(w.draft);
          }
          if (t.container === 'page') {
            expect(composedContains(page.root, scope)).toBe(true);
            expect(withLabel(scope, task.name).some((e) => /^H\d$/.test(e.tagName))).toBe(false);
            expect(withLabel(scope, w.taskName)).toHaveLength(0);
          }
          // the TTCM drop-down and its values
          expect(t.ttcmTitle).toBe(o.ttcmAcronym ? w.ttcm : w.ttcmNoAcronym);
          expect(text).toContain(t.ttcmTitle);
          if (o.language === 'en') expect(t.ttcmAcronymInTitle).toBe(true);
          const ttcm = task.ttcm!;
          expect(t.inviteLink).toBe(ttcm.inviteLink);
          expect(t.campaignCode).toBe(ttcm.campaignCode);
          expect(t.inviteLinkValid).toBe(ttcm.inviteLink != null && isTikTokInviteLink(ttcm.inviteLink));
          seen.validity!.add(t.inviteLink == null ? 'none' : String(t.inviteLinkValid));
          const probe = t.inviteLink ?? t.campaignCode!;
          if (t.collapsedContent === 'absent' && !o.ttcmInitiallyOpen) expect(reachable(scope, probe)).toBe(false);
          if (t.collapsedContent === 'present') expect(reachable(scope, probe)).toBe(true);
          await page.expandTtcm();
          const scope2 = page.detailsElement!;
          if (t.inviteLink) expect(reachable(scope2, t.inviteLink)).toBe(true);
          if (t.campaignCode) expect(reachable(scope2, t.campaignCode)).toBe(true);
          if (t.authorizationDays) expect(textOf(scope2)).toContain(w.days(t.authorizationDays).split(' ')[0]);
          if (t.valueShape === 'truncated' && t.inviteLink && t.inviteLink.length > 24) expect(textOf(scope2)).not.toContain(t.inviteLink);
          // re-render: same task, new nodes
          const oldButton = t.retrieveButton;
          page.rerender();
          expect(page.truth.task!.name).toBe(task.name);
          if (oldButton) expect(oldButton.isConnected).toBe(false);
          // Retrieve my post
          expect(t.canRetrieve).toBe(!task.deliverable && !['approved', 'completed', 'pendingApproval'].includes(String(task.status.key)));
          if (!t.canRetrieve) {
            expect(page.truth.retrieveButton).toBeNull();
            return;
          }
          if (t.retrieveVisibility !== 'always') page.hover(page.truth.retrieveHoverTarget!);
          const btn = page.truth.retrieveButton as HTMLElement;
          expect(btn).toBeTruthy();
          expect(shown(btn)).toBe(true);
          expect(btn.textContent!.trim()).toBe(w.retrieve);
          if (t.container === 'iframe-modal') expect(btn.ownerDocument).not.toBe(document);
          btn.click();
          await page.idle();
          expect(calls).toEqual([task.id]);
          const out = page.truth.lastOutcome!;
          seen.outcome!.add(`${out.outcome}:${out.role}:${out.placement}`);
          expect(out.outcome).toBe(outcome);
          const docText = textOf(btn.ownerDocument.documentElement);
          if (out.text) expect(docText).toContain(out.text);
          if (outcome === 'success') {
            expect(out.status).toBe((o.statusWords === 'brand-portal' ? w.portalStatus : w.status).pendingApproval(task.name));
            expect(reachable(page.detailsElement!, out.postUrl!)).toBe(true);
            expect(textOf(page.detailsElement!)).toContain(out.status);
            expect(page.truth.retrieveButton).toBeNull();
          } else {
            expect(out.text).toBeTruthy();
            if (o.language === 'en') expect(out.text).toMatch(outcome === 'notFound' ? /couldn't find your TikTok post yet.*try again later/is : /^Something went wrong/);
            if (o.language === 'en' && o.outcomeWording === 'scenario') expect(out.text).toBe(outcome === 'notFound' ? messages.retrieveNotFound : messages.retrieveError);
          }
          page.destroy();
          expect(document.body.childNodes).toHaveLength(0);
        }),
      ),
      FC,
    );
    expect([...seen.container!].sort()).toEqual([...OPTION_SPACE.container!.map(([v]) => v)].sort());
    expect([...seen.ttcmToggle!].sort()).toEqual(['accordion-button', 'custom-element', 'details-summary']);
    expect(seen.valueShape!.size).toBe(5);
    expect([...seen.validity!].sort()).toEqual(['false', 'none', 'true']);
    for (const x of ['url', 'data-attr', 'link', 'text', 'row']) expect(seen.idsIn).toContain(x);
  });

  it('the issue-15 cases: custom element with no role, a page of its own with a short route, an iframe modal', async () => {
    const find = (pred: (o: ReturnType<typeof optionsFor>) => boolean) => Array.from({ length: 2000 }, (_, s) => s).find((s) => pred(optionsFor(s)))!;
    // 1. a custom element with an open shadow root, no role, no test id, no label
    const s1 = find((o) => o.container === 'custom-element-no-role');
    await forSeed(s1, 'details', async () => {
      const p = await make(s1, 'details');
      expect(p.detailsElement!.shadowRoot).toBeTruthy();
      expect(p.detailsElement!.getAttributeNames().filter((a) => a !== 'style' && a !== 'class')).toEqual([]);
    });
    // 2. a page of its own: name in a styled div, campaign only in a breadcrumb link, ids in #/c/<id>/t/<id>
    const s2 = find((o) => o.container === 'page' && o.urlStyle === 'hash' && o.language === 'en' && o.detailIds === 'none');
    await forSeed(s2, 'details', async () => {
      const p = await make(s2, 'details');
      const t = p.truth;
      expect(t.url).toMatch(new RegExp(`#/c/${t.campaign!.id}/t/${t.task!.id}$`));
      const links = withLabel(p.detailsElement!, t.campaign!.name).filter((e) => e.tagName === 'A');
      expect(links).toHaveLength(1);
      expect(elements(p.root).some((e) => e.getAttribute('role') === 'dialog')).toBe(false);
    });
    // 3. a UICL modal whose content is a same-origin iframe
    const s3 = find((o) => o.container === 'iframe-modal' && o.frameTestId && o.testIds === 'uicl');
    await forSeed(s3, 'details', async () => {
      const p = await make(s3, 'details');
      const frame = p.detailsElement!.querySelector('iframe[data-testid="uicl-modal-iframe-content"]') as HTMLIFrameElement;
      expect(frame).toBeTruthy();
      expect(p.detailsElement!.getAttribute('data-testid')).toBe('uicl-modal-screen');
      expect(textOf(frame.contentDocument!.body)).toContain(p.truth.ttcmTitle);
    });
  });

  it('scenario data: the replica ids, an invalid link refused by the truth, a non-English seed keeps the link', async () => {
    const s = 11;
    await forSeed(s, 'details', async () => {
      const p = await make(s, 'details', { data: scenarioData(), taskId: ids.htmlLookingNames.taskId });
      expect(p.truth.inviteLinkValid).toBe(false);
      expect(p.truth.campaign!.name).toBe('<img src=x onerror=alert(1)>');
      expect(document.querySelector('img[src="x"]')).toBeNull();
    });
    await forSeed(s, 'details', async () => {
      const p = await make(s, 'details', { data: scenarioData(), taskId: ids.tiktokOnly.taskId, language: 'ja' });
      expect(p.truth.language).toBe('ja');
      expect(p.truth.inviteLinkValid).toBe(true);
      await p.expandTtcm();
      expect(reachable(p.detailsElement!, 'https://www.tiktok.com/t/ZT8abc123/')).toBe(true);
      expect(textOf(p.detailsElement!)).toContain(WORDS.ja.retrieve);
    });
  });
});

// ---------------------------------------------------------------- the replica server serves the fuzz family
describe('replica server: fuzz family', () => {
  it('serves the shell on every creator path of a seed, the browser modules, and fuzz URLs', async () => {
    const { startReplica, urlsFor } = await import('../server.mjs');
    const https = await import('node:https');
    const replica = await startReplica({ port: 0 });
    const get = (path: string) =>
      new Promise<{ status: number; text: string }>((resolve, reject) => {
        https
          .get({ host: '127.0.0.1', port: replica.port, path, rejectUnauthorized: false, headers: { Host: 'app.impact.com' } }, (res) => {
            let text = '';
            res.on('data', (c) => (text += c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
          })
          .on('error', reject);
      });
    try {
      for (const seed of [0, 3, 11, 15]) {
        const u = urlsFor({ family: 'fuzz', seed, campaignId: ids.tiktokOnly.campaignId, taskId: ids.tiktokOnly.taskId });
        expect(u.describe).toBe(describeSeed(seed));
        for (const path of [u.home, u.findCampaigns, u.manageTasks, u.taskDetails!]) {
          const r = await get(path.split('#')[0]!);
          expect(r.status).toBe(200);
          expect(r.text).toContain('/assets/replica/client/fuzz.mjs');
          expect(parseFuzzLocation(path).seed).toBe(seed);
        }
        expect(parseFuzzLocation(u.taskDetails!)).toMatchObject({ kind: 'details', campaignId: ids.tiktokOnly.campaignId, taskId: ids.tiktokOnly.taskId });
      }
      for (const m of ['client/fuzz', 'client/icons', 'fuzz/generate', 'fuzz/dom', 'fuzz/data', 'fuzz/words', 'fuzz/options', 'fuzz/urls', 'fuzz/rng', 'scenario']) {
        const r = await get(`/assets/replica/${m}.mjs`);
        expect(r.status, m).toBe(200);
      }
      // a page without ?family= follows the configured family and seed
      replica.setConfig({ family: 'fuzz', fuzzSeed: 42 });
      expect((await get('/secure/mediapartner/home/pview.ihtml')).text).toContain('"seed":42');
      expect(() => replica.setConfig({ fuzzSeed: -1 })).toThrow(/fuzzSeed/);
    } finally {
      await replica.close();
    }
  });
});
