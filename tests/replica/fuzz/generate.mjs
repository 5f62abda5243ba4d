// Seeded markup fuzzer for the impact.com creator pages (issue 15).
// Written from /work/shared/docs/dashboard-anatomy.md, the "Submit a TikTok Deliverable" help article and
// issue 15 only, never from the extension's detection code. Pure ES module: runs in jsdom and in browsers.
//
//   const page = generatePage({ seed, kind: 'participating' | 'tasks' | 'details', doc });
//   await page.ready;  page.truth …  page.hover(el)  page.rerender()  page.destroy()
//
// See generate.d.mts for the contract and tests/replica/README.md ("fuzz family") for the browser side.
import { Rng } from './rng.mjs';
import { WORDS, statusText } from './words.mjs';
import { randomData, scenarioData, isTikTokInviteLink, PLATFORM_LABELS } from './data.mjs';
import { optionsFor, describeSeed, OPTION_SPACE } from './options.mjs';
import { viewUrl, parseFuzzLocation, nextExecution, SITE_ORIGIN, fuzzPaths } from './urls.mjs';
import { h, add, deco, testId, shadowHost, maybeShadow, platformIcon, copyGlyph, classMap, cssText, composedAncestors, composedContains } from './dom.mjs';
import { postUrlFor } from '../scenario.mjs';

export { describeSeed, optionsFor, OPTION_SPACE, scenarioData, randomData, isTikTokInviteLink, viewUrl, parseFuzzLocation, fuzzPaths, composedContains, composedAncestors };

const clone = (x) => JSON.parse(JSON.stringify(x));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const CAN_RETRIEVE_BLOCK = new Set(['approved', 'completed', 'pendingApproval']);

/**
 * Render one of the scenario's pages in the seed's markup.
 * @param {import('./generate.d.mts').GenerateArgs} args
 * @returns {import('./generate.d.mts').FuzzPage}
 */
export function generatePage(args) {
  return new FuzzApp(args).api;
}

/** Simulate a person's pointer moving onto `el` (pointer/mouse over + enter on every newly entered ancestor, leave on the rest). */
const hoverChains = new WeakMap();
export function hoverElement(el) {
  const doc = el.ownerDocument;
  const win = doc.defaultView;
  const ME = win?.MouseEvent ?? MouseEvent;
  const PE = win?.PointerEvent ?? ME;
  const chain = composedAncestors(el);
  const prev = (hoverChains.get(doc) ?? []).filter((n) => n.isConnected);
  const fire = (n, type, bubbles, C = ME) => n.dispatchEvent(new C(type, { bubbles, composed: bubbles, cancelable: bubbles }));
  const prevTop = prev[0];
  if (prevTop && !chain.includes(prevTop)) {
    fire(prevTop, 'pointerout', true, PE);
    fire(prevTop, 'mouseout', true);
  }
  for (const n of prev) {
    if (chain.includes(n)) continue;
    fire(n, 'pointerleave', false, PE);
    fire(n, 'mouseleave', false);
  }
  fire(el, 'pointerover', true, PE);
  fire(el, 'mouseover', true);
  for (const n of [...chain].reverse()) {
    if (prev.includes(n)) continue;
    fire(n, 'pointerenter', false, PE);
    fire(n, 'mouseenter', false);
  }
  hoverChains.set(doc, chain);
}

class FuzzApp {
  constructor(args) {
    const { seed, kind = 'participating', doc, data, frameMode = 'inline', language, retrieve, campaignId, taskId, route, updateLocation, replicaExtra } = args;
    if (!doc) throw new Error('generatePage: doc is required');
    this.seed = seed;
    this.o = optionsFor(seed, { language });
    this.words = WORDS[this.o.language];
    this.doc = doc;
    this.win = doc.defaultView;
    // ?tiles=N (benchmarks): Participating shows the first N generated campaigns, like the hand-written families'
    // tileCount (statuses as generated: the server state of retrieved posts is not applied to them).
    const tiles = route?.tiles ?? 0;
    this.data = tiles > 0 ? scenarioData({}, data?.account?.id, { tiles }) : data ? clone(data) : randomData(seed);
    this.frameMode = frameMode;
    this.retrieveFn = retrieve ?? null;
    this.route = route ?? null;
    this.browser = Boolean(route) || frameMode === 'src';
    this.updateLocation = updateLocation ?? Boolean(route);
    this.replica = { seed, lang: language ?? route?.lang ?? undefined, extra: { ...(replicaExtra ?? {}), ...(tiles > 0 ? { tiles: String(tiles) } : {}) } };
    // jsdom: no per-shadow-root style sheets and few inline styles (the look is for people, not for tests)
    this.lite = args.look ? args.look === 'lite' : !this.browser;
    this.classes = classMap(`${this.o.hashSalt}:${seed}`);
    this.css = cssText(this.classes);
    this.stats = { shadowRoots: 0 };
    this.uidN = 0;
    this.pending = new Set();
    this.disposers = [];
    this.lateMs = this.browser ? { none: 0, short: 250, staggered: 450 }[this.o.late] : { none: 0, short: 2, staggered: 4 }[this.o.late];
    const pick = new Rng(seed, 'pick');
    this.iconSvgRole = pick.chance(0.5);
    const iconIdPattern = pick.pick(['uicl-social-icon-%', 'icon-%', 'platform-%']);
    this.iconTestId = (p) => iconIdPattern.replace('%', iconIdPattern === 'platform-%' ? PLATFORM_LABELS[p] : p);
    const urlExecution = route && this.win ? new URLSearchParams(this.win.location.search).get('execution') : null;
    this.state = { execution: urlExecution ?? this.o.execution, ttcmOpen: this.o.ttcmInitiallyOpen, busy: false, outcome: null, pressed: null, pressedTile: null };
    this.mainCur = null;
    this.modalCur = null;
    this.lastOutcome = null;
    this.frameChild = null; // src mode: the frame page's api
    this.api = this.makeApi();

    // what to show first
    let view;
    let via = 'direct';
    if (route) view = { kind: route.kind, campaignId: route.campaignId, taskId: route.taskId, tab: route.tab };
    else {
      view = { kind };
      if (kind === 'tasks') view.campaignId = campaignId ?? this.pickCampaign(pick);
      if (kind === 'details') {
        const hit = taskId ? this.findTask(taskId) : this.pickTikTokTask(pick);
        if (!hit) throw new Error(`generatePage: no task ${taskId ?? '(TikTok)'} in the data`);
        view.campaignId = hit.c.id;
        view.taskId = hit.t.id;
        via = this.o.openedVia;
      }
      if (kind === 'participating') view.tab = 'joined';
    }
    this.openedVia = view.kind === 'details' ? via : null;
    this.mount(route?.frame);
    if (route?.frame) this.ready = this.track(this.bootFrame(view));
    else this.ready = this.track(this.boot(view, via));
    if (this.updateLocation && !route?.frame && this.win) {
      const onPop = () => this.track(this.show(this.viewFromLocation()));
      this.win.addEventListener('popstate', onPop);
      this.disposers.push(() => this.win.removeEventListener('popstate', onPop));
    }
  }

  // ---------------------------------------------------------------- data
  pickCampaign(rng) {
    const withTT = this.data.campaigns.filter((c) => c.tasks.some((t) => t.platform === 'tiktok'));
    const pool = withTT.length && rng.chance(0.8) ? withTT : this.data.campaigns;
    return rng.pick(pool).id;
  }
  pickTikTokTask(rng) {
    const all = this.data.campaigns.flatMap((c) => c.tasks.filter((t) => t.platform === 'tiktok').map((t) => ({ c, t })));
    if (!all.length) return null;
    const open = all.filter(({ t }) => !t.deliverable);
    return rng.pick(open.length && rng.chance(0.9) ? open : all);
  }
  findCampaign(id) {
    return this.data.campaigns.find((c) => c.id === String(id)) ?? null;
  }
  findTask(id) {
    for (const c of this.data.campaigns) {
      const t = c.tasks.find((x) => x.id === String(id));
      if (t) return { c, t };
    }
    return null;
  }
  status(t) {
    return statusText(t.status, this.words, this.o.statusWords);
  }
  canRetrieve(t) {
    return t.platform === 'tiktok' && !t.deliverable && !CAN_RETRIEVE_BLOCK.has(t.status.key);
  }
  dueText(t) {
    const f = this.o.dueFormat;
    if (f === 'hidden') return null;
    if (f === 'iso') return t.dueDate;
    return this.words.date[f](t.dueDate);
  }

  // ---------------------------------------------------------------- infrastructure
  /** Inline style for people (browser); nothing in jsdom, where parsing styles is slow. */
  look(css) {
    return this.lite ? null : css;
  }
  uid(p) {
    return `${p}-${this.o.hashSalt}${(++this.uidN).toString(36)}`;
  }
  rng(key) {
    return new Rng(this.seed, `render:${key}`);
  }
  track(p) {
    const q = Promise.resolve(p).catch((e) => {
      this.errors ??= [];
      this.errors.push(e);
      if (typeof console !== 'undefined') console.error('[fuzz]', e);
    });
    this.pending.add(q);
    q.finally(() => this.pending.delete(q));
    return q;
  }
  async idle() {
    for (let i = 0; i < 200; i++) {
      if (this.pending.size) {
        await Promise.all([...this.pending]);
        continue;
      }
      for (let k = 0; k < 3; k++) await Promise.resolve();
      if (!this.pending.size) return;
    }
  }
  /**
   * Content that arrives late. Browser: real delays. jsdom: a few microtask turns (still after generatePage
   * returned, in separate mutation batches), so that tests stay fast and work under fake timers.
   */
  async late(ms = this.lateMs) {
    if (!ms) return;
    if (this.browser) return sleep(ms);
    for (let i = 0; i < ms * 2; i++) await Promise.resolve();
  }
  /** A context for building inside another document (iframe content): same seed, same state. */
  forDoc(doc) {
    if (doc === this.doc) return this;
    const ctx = Object.create(this);
    ctx.doc = doc;
    return ctx;
  }
  url(view, { frame = false, execution } = {}) {
    return viewUrl(view, this.o, { replica: this.updateLocation || frame ? this.replica : null, frame, execution: execution ?? this.state.execution });
  }
  /** Link URL holding the ids, even when the seed's URLs hide them (a link of its own). */
  idLink(view) {
    const o = this.o.urlStyle === 'none' ? { ...this.o, urlStyle: 'hash' } : this.o;
    return viewUrl(view, o, { replica: this.updateLocation ? this.replica : null, execution: this.state.execution });
  }
  currentUrl() {
    if (this.updateLocation && this.win) return this.win.location.href;
    const v = this.modalCur?.view ?? this.mainCur?.view ?? { kind: 'home' };
    return SITE_ORIGIN + viewUrl(v, this.o, { execution: this.state.execution });
  }
  viewFromLocation() {
    const r = parseFuzzLocation(this.win.location.href);
    return { kind: r.kind, campaignId: r.campaignId, taskId: r.taskId, tab: r.tab };
  }

  // ---------------------------------------------------------------- mount, header
  mount(frameOnly) {
    const doc = this.doc;
    const style = h(doc, 'style', null, this.lite ? '' : this.css);
    style.setAttribute('data-fuzz', String(this.seed));
    (doc.head ?? doc.documentElement).append(style);
    this.disposers.push(() => style.remove());
    const r = this.rng('app');
    this.root = h(doc, 'div', { id: frameOnly ? null : r.pick(['app', 'root', 'mp-app', null]), 'data-v-app': this.o.testIds === 'uicl' ? '' : null });
    deco(this, this.root, 'app');
    this.main = deco(this, h(doc, r.pick(['main', 'div']), {}), 'main');
    if (!frameOnly) this.root.append(this.header());
    this.root.append(this.main);
    doc.body.append(this.root);
    this.disposers.push(() => this.root.remove());
    const onKey = (e) => {
      if (e.key !== 'Escape') return;
      if (this.modalCur) this.closeDetails();
      else if (frameOnly) this.tellParent({ type: 'close' });
    };
    doc.addEventListener('keydown', onKey);
    this.disposers.push(() => doc.removeEventListener('keydown', onKey));
  }

  header() {
    const doc = this.doc;
    const w = this.words;
    const go = (view) => (e) => {
      e.preventDefault();
      this.navigate(view);
    };
    const menuId = this.uid('menu');
    const menu = h(doc, 'div', { id: menuId, role: 'menu', hidden: true },
      h(doc, 'a', { role: 'menuitem', href: this.url({ kind: 'participating', tab: 'joined' }), onClick: go({ kind: 'participating', tab: 'joined' }) }, w.findCampaigns),
      h(doc, 'a', { role: 'menuitem', href: '#', onClick: (e) => e.preventDefault() }, w.findBrands));
    deco(this, menu, 'menu');
    for (const a of menu.children) deco(this, a, 'menuItem');
    const btn = deco(this, h(doc, 'button', { type: 'button', 'aria-haspopup': 'menu', 'aria-expanded': 'false', 'aria-controls': menuId }, w.discover, ' ▾'), 'navBtn');
    const set = (open) => {
      menu.hidden = !open;
      btn.setAttribute('aria-expanded', String(open));
    };
    btn.addEventListener('click', () => set(menu.hidden));
    const item = deco(this, h(doc, 'div', null, btn, menu), 'navItem');
    item.addEventListener('mouseenter', () => set(true));
    item.addEventListener('mouseleave', () => set(false));
    const home = (label) => deco(this, h(doc, 'a', { href: this.url({ kind: 'home' }), onClick: go({ kind: 'home' }) }, label), 'navBtn');
    const bar = h(doc, 'header', null,
      deco(this, h(doc, 'a', { href: this.url({ kind: 'home' }), onClick: go({ kind: 'home' }) }, 'impact.com'), 'logo'),
      home(w.home), item,
      deco(this, h(doc, 'span', null, w.content), 'navBtn'),
      deco(this, h(doc, 'span', null, w.reports), 'navBtn'),
      deco(this, h(doc, 'span', null, this.data.account.name), 'account'));
    return deco(this, bar, 'header');
  }

  // ---------------------------------------------------------------- navigation
  async boot(view, via) {
    if (view.kind === 'details' && via === 'row-click') {
      await this.show({ kind: 'tasks', campaignId: view.campaignId });
      await this.pressRow(view.taskId);
    } else await this.show(view);
    if (this.updateLocation && this.win && !this.route) this.win.history.replaceState(null, '', this.url(this.modalCur?.view ?? this.mainCur.view));
  }

  /** Press the row's View Task Details the way a person does: hover the row, then click the action. */
  async pressRow(taskId) {
    const unit = this.mainCur?.units?.find((u) => u.key === taskId);
    if (!unit) throw new Error(`fuzz: no row for task ${taskId}`);
    hoverElement(unit.node);
    const act = unit.action();
    if (!act) throw new Error(`fuzz: row ${taskId} shows no View Task Details after hover`);
    const before = this.lastNav;
    act.click();
    if (this.lastNav !== before) await this.lastNav;
  }

  navigate(view) {
    const modal = (v) => v?.kind === 'details' && this.o.container !== 'page';
    const cur = this.modalCur?.view ?? this.mainCur?.view;
    const sameFlow = modal(view) || (modal(cur) && view.kind === 'tasks' && view.campaignId === cur.campaignId);
    if (this.updateLocation && this.win) {
      if (this.o.navMode === 'full-load' && !sameFlow) {
        this.win.location.assign(this.url(view, { execution: nextExecution(this.state.execution) }));
        return Promise.resolve();
      }
      this.win.history.pushState(null, '', this.url(view));
    } else if (!sameFlow) this.state.execution = nextExecution(this.state.execution);
    return (this.lastNav = this.track(this.show(view)));
  }

  async show(view) {
    if (view.kind === 'details' && this.o.container !== 'page') {
      const m = this.mainCur?.view;
      if (!(m?.kind === 'tasks' && m.campaignId === view.campaignId)) await this.renderMain({ kind: 'tasks', campaignId: view.campaignId });
      await this.openDetails(view);
      return;
    }
    this.removeModal();
    const m = this.mainCur?.view;
    if (m && m.kind === view.kind && m.campaignId === view.campaignId && m.taskId === view.taskId && m.tab === view.tab) return;
    await this.renderMain(view);
  }

  async renderMain(view) {
    const token = (this.mainToken = {});
    this.mainCur = { view, kind: view.kind, truth: { kind: view.kind, loading: true }, units: [] };
    if (this.lateMs) {
      this.main.replaceChildren(deco(this, h(this.doc, 'div', { 'aria-busy': 'true' }, this.words.loading), 'muted'));
      await this.late();
      if (token !== this.mainToken) return;
    }
    const built = this.buildView(view);
    this.main.replaceChildren(built.node);
    this.mainCur = { view, kind: view.kind, ...built };
    if (built.truth && 'url' in built.truth) built.truth.url = this.currentUrl();
    if (this.o.late === 'staggered' && built.units?.length > 2) {
      // the second half of a list arrives later (infinite-scroll-like)
      const later = built.units.slice(Math.ceil(built.units.length / 2));
      const marks = later.map((u) => {
        const mark = this.doc.createComment('later');
        u.node.replaceWith(mark);
        return [mark, u];
      });
      await this.late();
      if (token !== this.mainToken) return;
      for (const [mark, u] of marks) mark.replaceWith(u.node);
    }
    if (view.kind === 'participating') this.doc.title = `${this.words.findCampaigns} | impact.com`;
    else if (view.kind === 'tasks') this.doc.title = `${this.words.myCampaignTasks} | impact.com`;
  }

  buildView(view) {
    if (view.kind === 'participating') return this.buildParticipating(view);
    if (view.kind === 'tasks') return this.buildTasks(view);
    if (view.kind === 'details') return this.buildDetailsPage(view);
    return this.buildHome();
  }

  // ---------------------------------------------------------------- home
  buildHome() {
    const doc = this.doc;
    const node = h(doc, 'div', null,
      deco(this, h(doc, 'h1', null, this.words.welcome(this.data.account.name)), 'title'),
      deco(this, h(doc, 'p', null, `${this.words.discover} → ${this.words.findCampaigns} → ${this.words.tabs.joined}`), 'sub'));
    return { node, units: [], truth: { kind: 'home', language: this.o.language } };
  }

  // ---------------------------------------------------------------- action control (Manage Tasks, View Task Details, Retrieve)
  /**
   * @param {any} ctx @param {string} label @param {() => void} onPress
   * @param {{tag?: string, href?: string|null, primary?: boolean}} [opt]
   * @returns {{node: Element, target: HTMLElement}}
   */
  actionControl(ctx, label, onPress, { tag = this.o.actionTag, href = null, primary = false } = {}) {
    const doc = ctx.doc;
    if (href && tag !== 'a') tag = 'a';
    const look = primary ? 'primary' : 'btn';
    const press = (e) => {
      e.preventDefault();
      onPress();
    };
    const keys = (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        onPress();
      }
    };
    let target;
    let node;
    switch (tag) {
      case 'a':
        target = node = h(doc, 'a', { href: href ?? '#', onClick: press }, label);
        break;
      case 'span-role-button':
        target = node = h(doc, 'span', { role: 'button', tabindex: '0', onClick: press, onKeydown: keys }, label);
        break;
      case 'div':
        target = node = h(doc, 'div', { onClick: press, style: this.look('cursor:pointer') }, label);
        break;
      case 'uicl-button':
        target = h(doc, 'button', { type: 'button', onClick: press }, label);
        node = h(doc, 'div', { 'data-testid': this.o.testIds === 'uicl' ? 'uicl-button' : null }, target);
        if (this.o.testIds === 'uicl') node.classList.add('iui-button-wrapper');
        break;
      default:
        target = node = h(doc, 'button', { type: 'button', onClick: press }, label);
    }
    deco(ctx, target, look, primary ? 'iui-button iui-button--primary' : 'iui-button');
    return { node, target };
  }

  /**
   * Hover behaviour of a card/row's actions: always shown, display:none until hover, or inserted on hover.
   * @returns {() => HTMLElement|null} the current clickable action (after hover for the hover-only modes)
   */
  hoverActions(ctx, owner, slot, make, mode) {
    let current = null;
    if (mode === 'always') {
      current = make();
      slot.append(current.node);
      return () => current.target;
    }
    if (mode === 'hidden-until-hover') {
      current = make();
      slot.append(current.node);
      slot.style.display = 'none';
      owner.addEventListener('mouseenter', () => (slot.style.display = ''));
      owner.addEventListener('mouseleave', () => (slot.style.display = 'none'));
      owner.addEventListener('focusin', () => (slot.style.display = ''));
      return () => current.target;
    }
    owner.addEventListener('mouseenter', () => {
      if (current?.node.isConnected) return;
      current = make();
      slot.append(current.node);
    });
    owner.addEventListener('mouseleave', () => {
      current?.node.remove();
      current = null;
    });
    return () => (current?.node.isConnected ? current.target : null);
  }

  // ---------------------------------------------------------------- Participating
  buildParticipating(view) {
    const doc = this.doc;
    const w = this.words;
    const o = this.o;
    const r = this.rng('participating');
    const node = h(doc, 'div');
    node.append(deco(this, h(doc, r.pick(['h1', 'div']), null, w.findCampaigns), 'title'));
    // tabs
    const tabKeys = ['all', 'invitations', 'applied', 'joined'];
    const tabs = h(doc, o.tabRole === 'link' ? 'nav' : 'div', { role: o.tabRole === 'tab' ? 'tablist' : null });
    for (const k of tabKeys) {
      const on = k === (view.tab ?? 'joined');
      const go = (e) => {
        e.preventDefault();
        this.navigate({ kind: 'participating', tab: k });
      };
      let t;
      if (o.tabRole === 'tab') t = h(doc, 'button', { type: 'button', role: 'tab', 'aria-selected': String(on), tabindex: on ? '0' : '-1', onClick: go }, w.tabs[k]);
      else if (o.tabRole === 'link') t = h(doc, 'a', { href: this.url({ kind: 'participating', tab: k }), 'aria-current': on ? 'page' : null, onClick: go }, w.tabs[k]);
      else t = h(doc, 'span', { onClick: go, style: this.look('cursor:pointer') }, w.tabs[k]);
      deco(this, t, 'tab', 'iui-tabs__tab');
      if (on) deco(this, t, 'tabOn');
      tabs.append(t);
    }
    node.append(deco(this, tabs, 'tabs', 'iui-tabs'));
    const truth = { kind: 'participating', language: o.language, url: '', tiles: [], tikTokCampaignNames: [] };
    if ((view.tab ?? 'joined') !== 'joined') {
      node.append(deco(this, h(doc, 'div', null, w.empty), 'muted'));
      return { node, units: [], truth, refresh: () => this.buildParticipating(view) };
    }
    const grid = deco(this, h(doc, o.tileTag === 'li' ? 'ul' : 'div', { role: o.tileTag !== 'li' && r.chance(0.4) ? 'list' : null }), 'grid');
    const units = [];
    for (const c of this.data.campaigns) {
      const u = this.buildTile(c);
      units.push(u);
      grid.append(u.node);
      truth.tiles.push(u.entry);
      if (u.entry.hasTikTok) truth.tikTokCampaignNames.push(c.name);
    }
    node.append(maybeShadow(this, r, grid, 0.5));
    return { node, list: grid, units, truth };
  }

  buildTile(c) {
    const doc = this.doc;
    const o = this.o;
    const w = this.words;
    const r = this.rng(`tile:${c.id}`);
    const idMode = o.tileIds === 'mixed' ? r.pick(['url', 'data-attr', 'link', 'none']) : o.tileIds;
    const domId = idMode === 'data-attr' || idMode === 'link' ? idMode : null;
    const idVisible = domId ?? (o.urlStyle !== 'none' ? 'url' : 'none');
    const tasksView = { kind: 'tasks', campaignId: c.id };
    const content = [];
    // name
    const nameLinkHoldsId = domId === 'link' && o.tileName === 'a' && r.chance(0.5);
    const nameEl = o.tileName === 'a'
      ? h(doc, 'a', { href: nameLinkHoldsId ? this.idLink(tasksView) : '#', onClick: (e) => e.preventDefault() }, c.name)
      : h(doc, o.tileName, null, c.name);
    deco(this, nameEl, 'tileName');
    content.push(nameEl);
    content.push(deco(this, h(doc, 'div', null, c.brand), 'muted'));
    content.push(deco(this, h(doc, 'div', null, c.description), 'muted'));
    content.push(deco(this, h(doc, 'div', null, `${w.ends(w.date.short(c.endDate))} · ${w.tasksCount(c.tasks.length)}`), 'muted'));
    // actions
    const slot = deco(this, h(doc, 'div'), 'actions');
    content.push(maybeShadow(this, r, slot, 0.6));
    // icons, lower-right
    if (c.platforms.length) {
      const icons = deco(this, h(doc, 'div', { role: r.chance(0.3) ? 'list' : null }), 'icons');
      for (const p of c.platforms) icons.append(platformIcon(this, p));
      content.push(o.iconsInShadow ? shadowHost(this, 'icons', icons) : icons);
    }
    // the tile root
    let root;
    if (o.tileTag === 'custom') {
      root = deco(this, doc.createElement(o.tags.card), 'tile');
      const sr = root.attachShadow({ mode: 'open' });
      this.stats.shadowRoots++;
      if (o.classNames === 'hashed' && !this.lite) sr.append(h(doc, 'style', null, this.css));
      add(sr, content);
    } else {
      root = deco(this, h(doc, o.tileTag), 'tile', 'iui-card iui-campaign-card');
      testId(this, root, 'uicl-campaign-card');
      const inner = h(doc, 'div', { style: this.lite ? null : 'display:contents' });
      add(inner, content);
      root.append(maybeShadow(this, r, inner, 0.4));
    }
    if (domId === 'data-attr') {
      const [name, value] = r.pick([['data-cid', c.id], ['data-entity', `campaign:${c.id}`], ['data-key', `c-${c.id}`], ['data-campaign-id', c.id], ['data-id', c.id]]);
      r.pick([root, slot, nameEl]).setAttribute(name, value);
    }
    const manageHref = domId === 'link' && !nameLinkHoldsId ? this.idLink(tasksView) : null;
    const action = this.hoverActions(this, root, slot, () => this.actionControl(this, w.manageTasks, () => {
      this.state.pressedTile = c.id;
      this.navigate(tasksView);
    }, { href: manageHref, primary: true }), o.tileActions);
    const hasTikTok = c.platforms.includes('tiktok');
    const entry = { campaignName: c.name, brand: c.brand, idVisible, platforms: [...c.platforms], hasTikTok, element: root };
    if (idVisible !== 'none') entry.campaignId = c.id;
    return { key: c.id, node: root, entry, action, rebuild: () => this.buildTile(c) };
  }

  // ---------------------------------------------------------------- My Campaign Tasks
  buildTasks(view) {
    const doc = this.doc;
    const o = this.o;
    const w = this.words;
    const c = this.findCampaign(view.campaignId);
    const r = this.rng(`tasks:${view.campaignId}`);
    const node = h(doc, 'div');
    if (!c) {
      node.append(deco(this, h(doc, 'div', null, w.empty), 'muted'));
      return { node, units: [], truth: { kind: 'tasks', language: o.language, campaign: null, tasks: [] } };
    }
    const idsIn = [];
    if (o.urlStyle !== 'none') idsIn.push('url');
    if (o.tasksHeader !== 'heading') {
      const crumbLink = r.chance(0.5);
      if (crumbLink) idsIn.push('breadcrumb');
      const nav = deco(this, h(doc, 'nav', { 'aria-label': r.chance(0.5) ? 'Breadcrumb' : null },
        h(doc, 'a', { href: this.url({ kind: 'participating', tab: 'joined' }), onClick: (e) => { e.preventDefault(); this.navigate({ kind: 'participating', tab: 'joined' }); } }, w.tabs.joined),
        h(doc, 'span', { 'aria-hidden': 'true' }, '›'),
        crumbLink ? h(doc, 'a', { href: this.idLink({ kind: 'tasks', campaignId: c.id }) }, c.name) : h(doc, 'span', null, c.name)), 'crumbs');
      node.append(nav);
    }
    node.append(deco(this, h(doc, r.pick(['h1', 'div']), null, w.myCampaignTasks), 'title'));
    if (o.tasksHeader !== 'breadcrumb') node.append(deco(this, h(doc, 'p', null, h(doc, 'strong', null, c.name), ' · ', c.brand), 'sub'));
    else node.append(deco(this, h(doc, 'p', null, c.brand), 'sub'));
    let list;
    let listParent;
    const headCells = [w.task, w.platform, w.statusLabel, o.dueFormat === 'hidden' ? null : w.due, ''].filter((x) => x != null);
    if (o.rowLayout === 'table') {
      list = h(doc, 'tbody');
      listParent = deco(this, h(doc, 'table', null, h(doc, 'thead', null, h(doc, 'tr', null, headCells.map((x) => deco(this, h(doc, 'th', { scope: 'col' }, x), 'cell')))), list), 'table');
    } else if (o.rowLayout === 'ul') {
      list = listParent = deco(this, h(doc, 'ul'), 'list');
    } else {
      list = listParent = deco(this, h(doc, 'div', { role: r.chance(0.3) ? 'list' : null }), 'list');
    }
    if ((o.rowIds === 'data-attr' || o.rowIds === 'mixed') && r.chance(0.5)) {
      listParent.setAttribute(r.pick(['data-campaign', 'data-cid', 'data-parent-id']), c.id);
      idsIn.push('data-attr');
    }
    const units = c.tasks.map((t) => this.buildRow(c, t));
    for (const u of units) list.append(u.node);
    node.append(o.rowLayout === 'custom' ? shadowHost(this, 'list', listParent, { display: 'block' }) : maybeShadow(this, r, listParent, 0.5));
    const campaign = { name: c.name, brand: c.brand };
    if (idsIn.length) campaign.id = c.id;
    const truth = { kind: 'tasks', language: o.language, url: '', campaign, campaignIdsIn: idsIn, tasks: units.map((u) => u.entry) };
    return { node, list, units, truth };
  }

  buildRow(c, t) {
    const doc = this.doc;
    const o = this.o;
    const w = this.words;
    const r = this.rng(`row:${t.id}`);
    const idMode = o.rowIds === 'mixed' ? r.pick(['data-attr', 'link', 'none']) : o.rowIds;
    const idVisible = idMode !== 'none' ? idMode : o.urlStyle !== 'none' ? 'url' : 'none';
    const detailsView = { kind: 'details', campaignId: c.id, taskId: t.id };
    const status = this.status(t);
    const due = this.dueText(t);
    const nameHoldsLink = idMode === 'link' && r.chance(0.4);
    const nameEl = nameHoldsLink ? h(doc, 'a', { href: this.idLink(detailsView), onClick: (e) => e.preventDefault() }, t.name) : h(doc, 'span', null, t.name);
    const plat = h(doc, 'span');
    if (!t.platform) plat.append('—');
    else {
      if (o.rowPlatform !== 'text') plat.append(platformIcon(this, t.platform, o.rowPlatform === 'both' ? 'svg-title' : o.tileIcon));
      if (o.rowPlatform !== 'icon') plat.append(' ', PLATFORM_LABELS[t.platform]);
    }
    const chip = deco(this, h(doc, 'span', null, status), 'chip', 'iui-badge');
    const slot = h(doc, 'span', { style: this.look('display:inline-flex') });
    const cells = [nameEl, plat, chip, due == null ? null : h(doc, 'span', null, due), slot].filter(Boolean);
    let root;
    let inner;
    if (o.rowLayout === 'table') {
      root = h(doc, 'tr');
      for (const cell of cells) root.append(deco(this, h(doc, 'td', null, cell), 'cell'));
    } else {
      const tag = { ul: 'li', articles: 'article', divs: 'div', custom: 'div' }[o.rowLayout];
      inner = deco(this, h(doc, tag, { role: o.rowLayout === 'divs' && r.chance(0.3) ? 'listitem' : null }), 'row', 'iui-card iui-task-row');
      deco(this, nameEl, 'grow');
      for (const cell of cells) inner.append(cell);
      root = o.rowLayout === 'custom' ? shadowHost(this, 'row', inner, { display: 'block' }) : inner;
    }
    if (idMode === 'data-attr') {
      const [name, value] = r.pick([['data-key', `task-${t.id}`], ['data-entity', t.id], ['data-tid', t.id], ['data-row-id', `row_${t.id}`], ['data-task-id', t.id]]);
      root.setAttribute(name, value);
    }
    const viewHref = idMode === 'link' && !nameHoldsLink ? this.idLink(detailsView) : null;
    const action = this.hoverActions(this, root, slot, () => this.actionControl(this, w.viewTaskDetails, () => {
      this.state.pressed = { taskId: t.id, campaignId: c.id, idVisible, name: t.name };
      this.navigate(detailsView);
    }, { href: viewHref }), o.rowActions);
    const entry = { name: t.name, idVisible, platform: t.platform, status, rowElement: root };
    if (idVisible !== 'none') entry.id = t.id;
    if (due != null) {
      entry.dueDate = t.dueDate;
      entry.dueText = due;
    }
    return { key: t.id, node: root, entry, action, rebuild: () => this.buildRow(c, t) };
  }

  // ---------------------------------------------------------------- View Task Details: containers
  async openDetails(view) {
    this.removeModal();
    const hit = this.findTask(view.taskId);
    if (!hit) return;
    const { c, t } = hit;
    const doc = this.doc;
    const o = this.o;
    const r = this.rng(`modal:${t.id}`);
    const token = (this.modalToken = {});
    const cur = { view, kind: 'details', c, t, truth: { kind: 'details', loading: true } };
    this.modalCur = cur;
    const close = this.closeButton(this);
    const mountTo = o.modalMount === 'body' ? doc.body : this.root;
    if (o.container === 'iframe-modal') {
      const screen = deco(this, h(doc, 'div'), 'plain', 'iui-modal-screen');
      testId(this, screen, 'uicl-modal-screen');
      const overlay = deco(this, h(doc, 'div', { onClick: () => this.closeDetails() }), 'overlay');
      const frame = deco(this, h(doc, 'iframe', { title: r.chance(0.5) ? this.words.viewTaskDetails : null, 'data-testid': o.frameTestId ? 'uicl-modal-iframe-content' : null }), 'frame');
      screen.append(overlay, frame, close);
      cur.container = screen;
      cur.frame = frame;
      if (this.frameMode === 'src') {
        const src = this.url(view, { frame: true });
        cur.frameUrl = new URL(src, this.win?.location?.href ?? SITE_ORIGIN).href;
        frame.setAttribute('src', src);
        mountTo.append(screen);
        await this.waitForFrame(frame, token);
      } else {
        mountTo.append(screen);
        const fdoc = frame.contentDocument;
        if (!fdoc) throw new Error('fuzz: inline iframe has no contentDocument');
        if (!fdoc.body) fdoc.documentElement.append(fdoc.createElement('body'));
        const st = fdoc.createElement('style');
        st.textContent = this.css;
        (fdoc.head ?? fdoc.documentElement).append(st);
        const onKey = (e) => e.key === 'Escape' && this.closeDetails();
        fdoc.addEventListener('keydown', onKey);
        cur.frameDoc = fdoc;
        await this.late();
        if (token !== this.modalToken) return;
        this.fillDetails(cur, this.forDoc(fdoc), fdoc.body);
      }
    } else {
      let panel;
      let slot;
      if (o.container === 'custom-element-no-role') {
        slot = deco(this, h(doc, 'div'), 'panel');
        panel = shadowHost(this, 'panel', slot, { display: 'block' });
      } else {
        panel = slot = deco(this, h(doc, o.container === 'dialog' ? r.pick(['div', 'section']) : r.pick(['div', 'aside', 'section'])), 'panel', 'iui-modal iui-modal--slideout');
        if (o.container === 'dialog') {
          panel.setAttribute('role', 'dialog');
          if (r.chance(0.6)) panel.setAttribute('aria-modal', 'true');
        }
        if (o.container === 'plain' && panel.tagName === 'ASIDE') {
          // an <aside> has an implicit role; the "plain" container has none
          const div = deco(this, h(doc, 'div'), 'panel');
          panel = slot = div;
        }
      }
      slot.append(close);
      const screen = h(doc, 'div', null, deco(this, h(doc, 'div', { onClick: () => this.closeDetails() }), 'overlay'), panel);
      if (o.container === 'dialog') testId(this, screen, 'uicl-modal-screen');
      cur.container = panel;
      cur.screen = screen;
      cur.slot = slot;
      mountTo.append(screen);
      await this.late();
      if (token !== this.modalToken) return;
      this.fillDetails(cur, this, slot);
    }
  }

  closeButton(ctx) {
    const b = deco(ctx, h(ctx.doc, 'button', { type: 'button', onClick: () => this.closeDetails() }, '×'), 'close');
    const lab = this.rng('close').pick(['aria-label', 'title', 'text']);
    if (lab === 'text') b.textContent = this.words.close;
    else b.setAttribute(lab, this.words.close);
    return b;
  }

  /** src iframe: wait for the frame's page (its client sets __fuzzReady before anything async), then link its truth. */
  waitForFrame(frame, token) {
    return new Promise((resolve) => {
      const done = async () => {
        const win = frame.contentWindow;
        let href = '';
        try {
          href = win?.location.href ?? '';
        } catch {
          /* not same-origin: nothing to read */
        }
        if (!href || href === 'about:blank') return; // the initial about:blank document; the real load follows
        frame.removeEventListener('load', done);
        for (let i = 0; i < 100 && win && !win.__fuzzReady; i++) await sleep(50);
        try {
          await win?.__fuzzReady;
        } catch {
          /* the frame reports its own errors */
        }
        if (token !== this.modalToken) return resolve();
        this.frameChild = win?.__fuzz ?? null;
        this.updateDetailsTruth(this.modalCur);
        resolve();
      };
      frame.addEventListener('load', done);
    });
  }

  removeModal() {
    const cur = this.modalCur;
    if (!cur) return;
    (cur.screen ?? cur.container)?.remove();
    cur.toast?.remove();
    this.modalCur = null;
    this.modalToken = {};
    this.frameChild = null;
  }

  closeDetails() {
    const cur = this.modalCur;
    if (!cur) return;
    this.navigate({ kind: 'tasks', campaignId: cur.view.campaignId });
  }

  /** Put details content into a slot (panel, iframe body, page card) and compute the truth. */
  fillDetails(cur, ctx, slot) {
    const built = this.buildDetailsContent(ctx, cur.c, cur.t);
    if (cur.content?.isConnected) cur.content.replaceWith(built.node);
    else slot.append(built.node);
    cur.content = built.node;
    cur.refs = built.refs;
    cur.ctx = ctx;
    cur.slot = slot;
    this.updateDetailsTruth(cur);
  }

  /** Details as a page of its own (issue 15 case 2): a route, no dialog, name in a styled div, campaign in a breadcrumb. */
  buildDetailsPage(view, prev = null) {
    const doc = this.doc;
    const hit = this.findTask(view.taskId);
    const node = h(doc, 'div');
    if (!hit) {
      node.append(deco(this, h(doc, 'div', null, this.words.empty), 'muted'));
      return { node, units: [], truth: { kind: 'details', loading: false } };
    }
    const card = deco(this, h(doc, this.rng('page').pick(['div', 'main', 'section'])), 'card');
    node.append(card);
    const cur = prev ?? { view, kind: 'details', c: hit.c, t: hit.t, truth: {} };
    cur.container = card;
    cur.content = null;
    this.fillDetails(cur, this, card);
    return { node, units: [], cur, truth: cur.truth };
  }

  /** The live truth of a details view (kept valid across re-renders). */
  updateDetailsTruth(cur) {
    const { c, t } = cur;
    const o = this.o;
    const refs = cur.refs ?? this.frameChild?.detailsRefs ?? {};
    const idsIn = [];
    let campaignId = false;
    let taskId = false;
    const both = (where) => {
      idsIn.push(where);
      campaignId = taskId = true;
    };
    if (o.urlStyle !== 'none' && !this.route?.frame) both('url');
    if (cur.frameUrl && o.urlStyle !== 'none') both('frame-url');
    if (o.detailIds === 'data-attr' || o.detailIds === 'link') both(o.detailIds);
    if (o.detailIds === 'text') {
      idsIn.push('text');
      taskId = true;
    }
    if (refs.breadcrumbHoldsId) {
      idsIn.push('breadcrumb');
      campaignId = true;
    }
    const pressed = this.state.pressed;
    if (pressed && pressed.taskId === t.id && (pressed.idVisible === 'data-attr' || pressed.idVisible === 'link')) {
      idsIn.push('row');
      taskId = true;
      if (pressed.idVisible === 'link') campaignId = true;
    }
    const ttcm = t.ttcm;
    const due = this.dueText(t);
    const truth = {
      kind: 'details',
      language: o.language,
      campaign: { name: c.name, brand: c.brand },
      task: { name: t.name, status: this.status(t), platform: t.platform },
      nameShownInDetails: o.taskNameStyle !== 'hidden',
      campaignShownInDetails: o.campaignInDetails !== 'hidden',
      openedVia: pressed?.taskId === t.id ? 'row-click' : 'direct',
      inviteLink: ttcm?.inviteLink ?? null,
      inviteLinkValid: Boolean(ttcm?.inviteLink && isTikTokInviteLink(ttcm.inviteLink)),
      campaignCode: ttcm?.campaignCode ?? null,
      container: o.container,
      ttcmToggle: o.ttcmToggle,
      ttcmTitle: this.ttcmTitle(),
      ttcmAcronymInTitle: this.ttcmTitle().includes('TTCM'),
      collapsedContent: o.collapsedContent,
      valueShape: o.valueShape,
      codeShape: o.codeShape,
      idsIn,
      url: this.currentUrl(),
      canRetrieve: this.canRetrieve(t),
      retrieveVisibility: o.retrieveVisibility,
      lastOutcome: this.lastOutcome,
    };
    if (campaignId) truth.campaign.id = c.id;
    if (taskId) truth.task.id = t.id;
    if (due != null) truth.task.dueDate = t.dueDate;
    if (ttcm && o.authShown !== 'none') truth.authorizationDays = ttcm.authorizationDays;
    if (cur.frameUrl) truth.frameUrl = cur.frameUrl;
    const live = cur.truth ?? (cur.truth = {});
    for (const k of Object.keys(live)) if (!(k in truth) && k !== 'retrieveButton' && k !== 'retrieveHoverTarget') delete live[k];
    Object.assign(live, truth);
    const childRefs = () => (this.frameChild ? this.frameChild.detailsRefs ?? {} : cur.refs ?? {});
    if (!Object.getOwnPropertyDescriptor(live, 'retrieveButton')) {
      Object.defineProperty(live, 'retrieveButton', { enumerable: true, configurable: true, get: () => childRefs().retrieveButton?.() ?? null });
      Object.defineProperty(live, 'retrieveHoverTarget', { enumerable: true, configurable: true, get: () => childRefs().retrieveHoverTarget ?? null });
    }
    return live;
  }

  ttcmTitle() {
    return this.o.ttcmAcronym ? this.words.ttcm : this.words.ttcmNoAcronym;
  }

  // ---------------------------------------------------------------- View Task Details: content
  buildDetailsContent(ctx, c, t) {
    const doc = ctx.doc;
    const o = this.o;
    const w = this.words;
    const r = this.rng(`details:${t.id}`);
    const refs = {};
    const root = deco(ctx, h(doc, 'div'), 'plain');
    const detailsView = { kind: 'details', campaignId: c.id, taskId: t.id };
    if (o.detailIds === 'data-attr') {
      const [name, value] = r.pick([['data-key', `task-${t.id}`], ['data-entity', `${c.id}/${t.id}`], ['data-task', t.id]]);
      root.setAttribute(name, value);
      root.setAttribute(r.pick(['data-cid', 'data-campaign', 'data-parent']), c.id);
    }
    // ---- header: campaign, task name, status
    const head = h(doc, 'div');
    const kvPairs = [];
    if (o.campaignInDetails === 'subtitle') head.append(deco(ctx, h(doc, 'div', null, `${c.name} · ${c.brand}`), 'muted'));
    else if (o.campaignInDetails === 'breadcrumb') {
      refs.breadcrumbHoldsId = r.chance(0.6);
      const href = refs.breadcrumbHoldsId ? this.idLink({ kind: 'tasks', campaignId: c.id }) : '#';
      head.append(deco(ctx, h(doc, 'nav', null,
        h(doc, 'a', { href: this.url({ kind: 'participating', tab: 'joined' }), onClick: (e) => { e.preventDefault(); this.navigate({ kind: 'participating', tab: 'joined' }); } }, w.tabs.joined),
        h(doc, 'span', { 'aria-hidden': 'true' }, '/'),
        h(doc, 'a', { href, onClick: (e) => { e.preventDefault(); this.navigate({ kind: 'tasks', campaignId: c.id }); } }, c.name)), 'crumbs'));
    } else if (o.campaignInDetails === 'labelled') kvPairs.push({ label: w.campaign, value: h(doc, 'span', null, c.name) }, { label: w.brand, value: h(doc, 'span', null, c.brand) });
    let titleEl = null;
    if (o.taskNameStyle === 'heading') titleEl = deco(ctx, h(doc, 'h2', null, t.name), 'panelTitle');
    else if (o.taskNameStyle === 'styled-div') titleEl = deco(ctx, h(doc, 'div', null, t.name), 'styledName');
    else if (o.taskNameStyle === 'labelled') kvPairs.unshift({ label: w.taskName, value: h(doc, 'span', null, t.name) });
    if (titleEl) head.append(titleEl);
    if (kvPairs.length) head.append(this.kvGroup(ctx, r, kvPairs));
    const meta = deco(ctx, h(doc, 'div', null, deco(ctx, h(doc, 'span', null, this.status(t)), 'chip', 'iui-badge')), 'muted');
    if (t.platform) meta.append(' ', PLATFORM_LABELS[t.platform]);
    const due = this.dueText(t);
    if (due) meta.append(' · ', due);
    if (o.detailIds === 'text') meta.append(' · ', w.taskNumber(t.id));
    if (o.detailIds === 'link') meta.append(' ', h(doc, 'a', { href: this.idLink(detailsView), target: '_blank', rel: 'noopener', 'aria-label': w.viewTaskDetails }, '↗'));
    head.append(meta);
    root.append(head);
    // dialog label (the seed's choice; never the only place the name is)
    const dlg = this.modalCur?.container;
    if (o.container === 'dialog' && dlg && ctx === this) {
      if (o.dialogLabel === 'labelledby') {
        const target = titleEl ?? head.appendChild(deco(ctx, h(doc, 'div', null, w.viewTaskDetails), 'sectionTitle'));
        target.id ||= this.uid('dlg');
        dlg.setAttribute('aria-labelledby', target.id);
      } else if (o.dialogLabel === 'label') dlg.setAttribute('aria-label', o.taskNameStyle === 'hidden' ? w.viewTaskDetails : t.name);
    }
    // ---- sections
    const section = (title, ...kids) => {
      const s = deco(ctx, h(doc, r.pick(['section', 'div'])), 'section', 'iui-form-section');
      s.append(deco(ctx, h(doc, r.pick(['h3', 'div']), null, title), 'sectionTitle'), ...kids);
      return s;
    };
    const draft = section(w.draft, deco(ctx, h(doc, 'div', null, w.noDraft), 'muted'));
    const ttcm = t.ttcm ? this.ttcmSection(ctx, r, t, refs) : null;
    const deliverable = this.deliverableSection(ctx, r, c, t, refs, section);
    const metrics = section(w.metrics, this.kvGroup(ctx, r, [{ label: w.views, value: h(doc, 'span', null, t.deliverable ? '1,204' : '—') }, { label: w.likes, value: h(doc, 'span', null, t.deliverable ? '87' : '—') }]));
    const activity = section(w.activity, deco(ctx, h(doc, 'div', null, `${w.date.short(t.dueDate)} — ${c.brand}`), 'muted'));
    const order = o.sectionOrder === 'ttcm-first' ? [draft, ttcm, deliverable, metrics, activity] : [draft, deliverable, ttcm, metrics, activity];
    for (const s of order) if (s) root.append(maybeShadow(ctx, r, s, 0.7));
    return { node: root, refs };
  }

  /**
   * Label/value pairs in the seed's label style: <label for>, dt/dd, table th/td, "Label: value" in one element,
   * aria-labelledby, or label above value in sibling divs.
   */
  kvGroup(ctx, r, pairs) {
    const doc = ctx.doc;
    const style = this.o.labelStyle;
    if (style === 'dt-dd') {
      const dl = deco(ctx, h(doc, 'dl'), 'kv');
      for (const p of pairs) dl.append(deco(ctx, h(doc, 'dt', null, p.label), 'kvKey'), h(doc, 'dd', { style: this.look('margin:0') }, p.value));
      return dl;
    }
    if (style === 'table') {
      const tb = h(doc, 'tbody');
      for (const p of pairs) tb.append(h(doc, 'tr', null, deco(ctx, h(doc, 'th', { scope: 'row' }, p.label), 'kvKey'), h(doc, 'td', null, p.value)));
      return h(doc, 'table', { style: this.look('border-collapse:collapse;width:100%') }, tb);
    }
    const box = h(doc, 'div');
    for (const p of pairs) {
      const target = p.target ?? p.value;
      if (style === 'label-for') {
        target.id ||= this.uid('f');
        box.append(deco(ctx, h(doc, 'div', null, deco(ctx, h(doc, 'label', { for: target.id }, p.label), 'kvKey'), ' ', p.value), 'kvRow'));
      } else if (style === 'inline-text') {
        box.append(deco(ctx, h(doc, 'div', null, `${p.label}: `, p.value), 'kvRow'));
      } else if (style === 'aria-labelledby') {
        const id = this.uid('l');
        target.setAttribute('aria-labelledby', id);
        box.append(deco(ctx, h(doc, 'div', null, deco(ctx, h(doc, 'span', { id }, p.label), 'kvKey'), ' ', p.value), 'kvRow'));
      } else {
        box.append(h(doc, 'div', { style: this.look('margin:6px 0') }, deco(ctx, h(doc, 'div', null, p.label), 'kvKey'), h(doc, 'div', null, p.value)));
      }
    }
    return box;
  }

  /** The page's own icon-only copy button (labelled "Copy", titled, or not labelled at all). */
  pageCopyButton(ctx, value) {
    const kind = this.o.pageCopyButton;
    if (kind === 'none') return null;
    const doc = ctx.doc;
    const b = deco(ctx, h(doc, 'button', { type: 'button' }, copyGlyph(doc)), 'copyBtn');
    if (kind === 'aria-label') b.setAttribute('aria-label', this.words.copy);
    if (kind === 'title') b.setAttribute('title', this.words.copy);
    b.addEventListener('click', () => copyText(ctx.doc, value));
    return b;
  }

  /** A value (invite link or code) in one of the shapes a person may see. */
  valueNode(ctx, r, value, shape) {
    const doc = ctx.doc;
    const w = this.words;
    const short = truncate(value);
    switch (shape) {
      case 'anchor': {
        const a = h(doc, 'a', { href: value, target: '_blank', rel: 'noopener noreferrer' }, this.o.anchorText === 'words' ? w.openLink : value);
        return { node: deco(ctx, a, 'value'), target: a };
      }
      case 'input': {
        const i = deco(ctx, h(doc, 'input', { type: 'text', readonly: true, value }), 'input');
        return { node: i, target: i };
      }
      case 'code': {
        const c = deco(ctx, h(doc, 'code', null, value), 'value');
        return { node: c, target: c };
      }
      case 'copy-widget': {
        const attr = r.pick(['data-clipboard-text', 'title', 'value']);
        const tag = r.pick(['button', 'span', 'field']);
        const el = tag === 'field' ? doc.createElement(this.o.tags.field) : h(doc, tag, { type: tag === 'button' ? 'button' : null, role: tag === 'span' ? 'button' : null, tabindex: tag === 'span' ? '0' : null });
        el.setAttribute(attr, value);
        el.append(value.length > 24 ? short : value);
        el.addEventListener('click', () => copyText(doc, value));
        return { node: deco(ctx, el, 'widget'), target: el };
      }
      case 'truncated': {
        const attr = r.pick(['title', 'data-full', 'aria-label', 'data-value']);
        const s = h(doc, 'span', null, value.length > 24 ? short : value);
        s.setAttribute(attr, value);
        return { node: deco(ctx, s, 'value'), target: s };
      }
      default: {
        const s = deco(ctx, h(doc, 'span', null, value), 'value');
        return { node: s, target: s };
      }
    }
  }

  ttcmBody(ctx, r, t) {
    const doc = ctx.doc;
    const w = this.words;
    const o = this.o;
    const m = t.ttcm;
    const pairs = [];
    const withCopy = (v, value) => {
      const wrap = h(doc, 'span', { style: this.look('display:inline-flex;align-items:center;gap:4px;max-width:100%') }, v.node);
      const btn = this.pageCopyButton(ctx, value);
      if (btn) wrap.append(btn);
      return { label: null, value: wrap, target: v.target };
    };
    if (m.inviteLink) pairs.push({ ...withCopy(this.valueNode(ctx, r, m.inviteLink, o.valueShape), m.inviteLink), label: w.inviteLink });
    else pairs.push({ label: w.inviteLink, value: deco(ctx, h(doc, 'span', null, w.noInviteLink), 'muted') });
    if (m.campaignCode) pairs.push({ ...withCopy(this.valueNode(ctx, r, m.campaignCode, o.codeShape), m.campaignCode), label: w.campaignCode });
    else pairs.push({ label: w.campaignCode, value: deco(ctx, h(doc, 'span', null, w.noCode), 'muted') });
    if (o.authShown === 'kv') pairs.push({ label: w.authWindow, value: h(doc, 'span', null, w.days(m.authorizationDays)) });
    const body = deco(ctx, h(doc, 'div'), 'toggleBody');
    testId(ctx, body, 'uicl-accordion-content');
    body.append(maybeShadow(ctx, r, this.kvGroup(ctx, r, pairs), 0.5));
    const sow = o.authShown === 'sow-text' ? `${t.brief} ${w.sparkAds(m.authorizationDays)}.` : t.brief;
    body.append(deco(ctx, h(doc, 'div', null, deco(ctx, h(doc, 'div', null, w.sow), 'kvKey'), h(doc, 'div', null, sow)), 'kvRow'));
    return body;
  }

  /** The TTCM drop-down: details/summary, an accordion button[aria-expanded], or a custom element; body present or drawn on expand. */
  ttcmSection(ctx, r, t, refs) {
    const doc = ctx.doc;
    const o = this.o;
    const title = this.ttcmTitle();
    const present = o.collapsedContent === 'present';
    const state = this.state;
    const makeBody = () => this.ttcmBody(ctx, this.rng(`ttcm:${t.id}`), t);
    const caret = () => h(doc, 'span', { 'aria-hidden': 'true' }, '▾');
    if (o.ttcmToggle === 'details-summary') {
      const det = deco(ctx, h(doc, 'details', { open: state.ttcmOpen }), 'section', 'iui-form-section');
      const sum = deco(ctx, h(doc, 'summary', null, h(doc, 'span', null, title), caret()), 'toggle');
      det.append(sum);
      let body = null;
      const sync = () => {
        state.ttcmOpen = det.open;
        if (det.open && !body) det.append((body = makeBody()));
        if (!det.open && body && !present) {
          body.remove();
          body = null;
        }
      };
      if (present || state.ttcmOpen) det.append((body = makeBody()));
      det.addEventListener('toggle', sync);
      // a scripted click toggles `open` right after dispatch; a person's click before the toggle event (which also syncs)
      sum.addEventListener('click', () => this.track(Promise.resolve().then(() => Promise.resolve()).then(sync)));
      refs.ttcmToggle = sum;
      refs.isOpen = () => det.open;
      return det;
    }
    const bodyId = this.uid('ttcm');
    const box = deco(ctx, h(doc, 'div'), 'section', 'iui-form-section');
    let body = null;
    if (o.ttcmToggle === 'accordion-button') {
      const btn = o.ttcmToggleRole === 'button' ? h(doc, 'button', { type: 'button' }) : h(doc, 'div', { role: 'button', tabindex: '0' });
      btn.setAttribute('aria-expanded', String(state.ttcmOpen));
      if (o.ttcmAriaControls) btn.setAttribute('aria-controls', bodyId);
      testId(ctx, btn, 'uicl-accordion-toggle');
      add(btn, [h(doc, 'span', null, title), caret()]);
      deco(ctx, btn, 'toggle');
      const apply = () => {
        btn.setAttribute('aria-expanded', String(state.ttcmOpen));
        if (present) body.hidden = !state.ttcmOpen;
        else if (state.ttcmOpen && !body) {
          body = makeBody();
          body.id = bodyId;
          box.append(body);
        } else if (!state.ttcmOpen && body) {
          body.remove();
          body = null;
        }
      };
      const toggle = () => {
        state.ttcmOpen = !state.ttcmOpen;
        apply();
      };
      btn.addEventListener('click', toggle);
      btn.addEventListener('keydown', (e) => {
        if (btn.tagName !== 'BUTTON' && (e.key === 'Enter' || e.key === ' ')) {
          e.preventDefault();
          toggle();
        }
      });
      box.append(btn);
      if (present) {
        body = makeBody();
        body.id = bodyId;
        box.append(body);
      }
      apply();
      refs.ttcmToggle = btn;
      refs.isOpen = () => state.ttcmOpen;
      return box;
    }
    // custom element: an open shadow root holds the header; the body is slotted light DOM or inside the shadow
    const host = doc.createElement(o.tags.accordion);
    if (!this.lite) host.setAttribute('style', 'display:block');
    const sr = host.attachShadow({ mode: 'open' });
    this.stats.shadowRoots++;
    if (o.classNames === 'hashed' && !this.lite) sr.append(h(doc, 'style', null, this.css));
    const header = deco(ctx, h(doc, 'div', null, h(doc, 'span', null, title), caret()), 'toggle');
    if (o.ttcmToggleRole === 'button') {
      header.setAttribute('role', 'button');
      header.setAttribute('tabindex', '0');
      header.setAttribute('aria-expanded', String(state.ttcmOpen));
      if (o.ttcmAriaControls) header.setAttribute('aria-controls', bodyId);
    }
    const slotted = this.rng(`ttcm-slot:${t.id}`).chance(0.5);
    const bodyBox = h(doc, 'div', { id: bodyId });
    if (slotted) bodyBox.append(doc.createElement('slot'));
    sr.append(header, bodyBox);
    const bodyParent = slotted ? host : bodyBox;
    const apply = () => {
      if (o.ttcmToggleRole === 'button') header.setAttribute('aria-expanded', String(state.ttcmOpen));
      host.toggleAttribute('open', state.ttcmOpen);
      if (present) bodyBox.hidden = !state.ttcmOpen;
      else if (state.ttcmOpen && !body) bodyParent.append((body = makeBody()));
      else if (!state.ttcmOpen && body) {
        body.remove();
        body = null;
      }
    };
    if (present) bodyParent.append((body = makeBody()));
    const toggle = () => {
      state.ttcmOpen = !state.ttcmOpen;
      apply();
    };
    header.addEventListener('click', toggle);
    header.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        toggle();
      }
    });
    apply();
    box.append(host);
    refs.ttcmToggle = header;
    refs.isOpen = () => state.ttcmOpen;
    return box;
  }

  deliverableSection(ctx, r, c, t, refs, section) {
    const doc = ctx.doc;
    const o = this.o;
    const w = this.words;
    const s = section(w.deliverable);
    if (t.deliverable) {
      s.append(deco(ctx, h(doc, 'div', null, deco(ctx, h(doc, 'div', null, w.tiktokPost), 'kvKey'), h(doc, 'a', { href: t.deliverable.postUrl, target: '_blank', rel: 'noopener' }, t.deliverable.postUrl)), 'kvRow'));
    }
    const out = this.state.outcome;
    if (out && out.taskId === t.id && o.outcomePlacement === 'inline' && out.text) s.append(this.outcomeNode(ctx, out));
    if (this.canRetrieve(t)) {
      if (!t.deliverable) s.append(deco(ctx, h(doc, 'div', null, w.noPost), 'muted'));
      const slot = h(doc, 'div', { style: this.look('margin-top:8px') });
      s.append(slot);
      const make = () => {
        const a = this.actionControl(ctx, this.state.busy ? w.retrieving : w.retrieve, () => this.pressRetrieve(t.id), { tag: o.retrieveTag, primary: true });
        if (this.state.busy) {
          a.target.setAttribute('aria-disabled', 'true');
          if (a.target.tagName === 'BUTTON') a.target.disabled = true;
        }
        return { node: maybeShadow(ctx, r, a.node, 0.5), target: a.target };
      };
      const mode = o.retrieveVisibility === 'hover-only' ? 'hidden-until-hover' : o.retrieveVisibility === 'inserted-on-hover' ? 'inserted-on-hover' : 'always';
      refs.retrieveButton = this.hoverActions(ctx, s, slot, make, mode);
      refs.retrieveHoverTarget = mode === 'always' ? null : s;
    } else if (!t.platform || t.platform !== 'tiktok') s.append(deco(ctx, h(doc, 'div', null, '—'), 'muted'));
    return s;
  }

  outcomeNode(ctx, out) {
    const doc = ctx.doc;
    const el = deco(ctx, h(doc, 'div', null, out.text), out.placement === 'toast' ? 'toast' : 'alert', 'iui-alert');
    if (out.role === 'alert' || out.role === 'status') el.setAttribute('role', out.role);
    if (out.live) el.setAttribute('aria-live', out.live);
    return el;
  }

  // ---------------------------------------------------------------- Retrieve my post
  async pressRetrieve(taskId) {
    if (this.state.busy) return;
    const cur = this.modalCur ?? this.mainCur;
    const hit = this.findTask(taskId);
    if (!hit || !cur) return;
    this.state.busy = true;
    // the pressed control shows that it works (in place: a person's focus stays on it)
    const btn = (this.modalCur ?? this.mainCur?.cur)?.refs?.retrieveButton?.() ?? this.frameChild?.detailsRefs?.retrieveButton?.();
    if (btn) {
      btn.textContent = this.words.retrieving;
      btn.setAttribute('aria-disabled', 'true');
      if (btn.tagName === 'BUTTON') btn.disabled = true;
    }
    let res;
    try {
      res = await this.callRetrieve(taskId);
    } catch {
      res = { outcome: 'error', message: null };
    }
    this.state.busy = false;
    this.applyRetrieve(taskId, res);
  }

  applyRetrieve(taskId, res) {
    const hit = this.findTask(taskId);
    if (!hit) return;
    const { t } = hit;
    const o = this.o;
    const outcome = res.outcome === 'success' || res.outcome === 'notFound' ? res.outcome : 'error';
    let status = null;
    let postUrl = null;
    if (outcome === 'success') {
      postUrl = res.postUrl ?? postUrlFor(taskId, this.data.account.handle);
      t.deliverable = { postUrl };
      t.status = { key: 'pendingApproval', task: t.name };
      status = this.status(t);
    }
    const list = this.words.outcomes[outcome];
    let text;
    if (outcome === 'success' && !o.successMessage) text = null;
    else if (o.outcomeWording === 'scenario') text = o.language === 'en' && res.message ? res.message : list[0];
    else text = list.length > 1 ? list[1 + (this.seed % (list.length - 1))] : list[0];
    const role = o.outcomeRole === 'alert' || o.outcomeRole === 'status' ? o.outcomeRole : null;
    const live = o.outcomeRole === 'aria-live' ? 'polite' : null;
    const out = { taskId, outcome: res.outcome ?? outcome, text, status, postUrl, role, live, placement: o.outcomePlacement };
    this.state.outcome = out;
    this.lastOutcome = { outcome: out.outcome, text, status, postUrl, role, live, placement: out.placement };
    this.refreshDetails();
    // the toast goes to the document that shows the details
    const cur = this.modalCur ?? this.mainCur;
    const ctx = cur?.ctx ?? this;
    if (cur?.toast) cur.toast.remove();
    if (text && o.outcomePlacement === 'toast' && cur) {
      cur.toast = this.outcomeNode(ctx, out);
      ctx.doc.body.append(cur.toast);
      const toast = cur.toast;
      this.disposers.push(() => toast.remove());
    }
    if (cur?.truth) cur.truth.lastOutcome = this.lastOutcome;
    // rows behind the slide-out show the new status
    if (outcome === 'success' && this.mainCur?.kind === 'tasks') this.rebuildMain('list');
    // inside a src iframe: tell the page around it
    this.tellParent({ type: 'retrieved', taskId, res, lastOutcome: this.lastOutcome });
  }

  tellParent(msg) {
    if (!this.route?.frame || !this.win?.parent || this.win.parent === this.win) return;
    try {
      this.win.parent.__fuzz?._fromFrame?.(msg);
    } catch {
      /* cross-origin parent: nothing to tell */
    }
  }

  async callRetrieve(taskId) {
    if (this.retrieveFn) {
      const v = await this.retrieveFn(taskId);
      return typeof v === 'string' ? { outcome: v } : v;
    }
    if (this.browser && typeof fetch === 'function') {
      const res = await fetch(`/api/mediapartner/tasks/${encodeURIComponent(taskId)}/retrieve-post`, {
        method: 'POST',
        headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
        body: '{}',
      });
      const body = await res.json().catch(() => null);
      return { outcome: body?.outcome ?? 'error', message: body?.message ?? null, postUrl: body?.task?.deliverable?.postUrl ?? null };
    }
    await this.late(this.lateMs || 1);
    return { outcome: this.o.defaultOutcome };
  }

  /** Re-render the details content (new nodes, same state). */
  refreshDetails() {
    const cur = this.modalCur ?? (this.mainCur?.kind === 'details' ? this.mainCur.cur : null);
    if (!cur || !cur.content) return;
    this.fillDetails(cur, cur.ctx ?? this, cur.slot);
  }

  // ---------------------------------------------------------------- re-render (SPA-style node replacement)
  rebuildMain(scope) {
    const cur = this.mainCur;
    if (!cur || cur.truth?.loading) return;
    if (this.route?.frame) return this.refreshDetails();
    if (cur.kind === 'details') {
      if (scope === 'items' || !cur.cur) this.refreshDetails();
      else {
        // the page is rebuilt around the same details state (same live truth)
        const built = this.buildDetailsPage(cur.view, cur.cur);
        this.main.replaceChildren(built.node);
      }
      return;
    }
    const built = this.buildView(cur.view);
    const live = cur.truth;
    for (const k of Object.keys(live)) delete live[k];
    Object.assign(live, built.truth, 'url' in built.truth ? { url: this.currentUrl() } : {});
    built.truth = live;
    if (scope === 'view' || !cur.list?.isConnected || !built.list) {
      this.main.replaceChildren(built.node);
      this.mainCur = { view: cur.view, kind: cur.kind, ...built };
      return;
    }
    if (scope === 'list') {
      cur.list.replaceWith(built.list);
      cur.list = built.list;
    } else {
      // items: each item replaced in place
      built.units.forEach((u, i) => {
        const old = cur.units[i];
        if (old?.node.isConnected) old.node.replaceWith(u.node);
      });
    }
    cur.units = built.units;
  }

  rerender() {
    const scope = this.o.rerenderScope;
    if (this.frameChild) this.frameChild.rerender();
    const modal = this.modalCur;
    if (modal?.content) {
      if (scope === 'items' || modal.frameDoc) this.refreshDetails();
      else {
        // the whole slide-out is rebuilt
        const ctx = modal.ctx ?? this;
        const slot = modal.slot;
        const fresh = slot.cloneNode(false);
        const close = this.closeButton(ctx);
        fresh.append(close);
        if (modal.container === slot) {
          slot.replaceWith(fresh);
          modal.container = fresh;
        } else slot.replaceWith(fresh);
        modal.slot = fresh;
        modal.content = null;
        this.fillDetails(modal, ctx, fresh);
      }
      if (scope === 'view') this.rebuildMain('view');
    } else this.rebuildMain(scope);
    const cur = this.modalCur ?? this.mainCur;
    if (cur?.truth && 'url' in cur.truth) cur.truth.url = this.currentUrl();
  }

  // ---------------------------------------------------------------- a details page inside a src iframe
  async bootFrame(view) {
    const hit = this.findTask(view.taskId);
    this.root.setAttribute('style', (this.root.getAttribute('style') ?? '') + ';min-height:0;background:#fff');
    if (!hit) {
      this.main.append(h(this.doc, 'div', null, this.words.empty));
      return;
    }
    await this.late();
    const cur = { view, kind: 'details', c: hit.c, t: hit.t, container: this.main, truth: {} };
    this.mainCur = { view, kind: 'details', cur, truth: cur.truth, units: [] };
    this.fillDetails(cur, this, this.main);
    this.mainCur.truth = cur.truth;
  }

  // ---------------------------------------------------------------- public object
  makeApi() {
    const getters = {
      root: () => this.root,
      truth: () => (this.modalCur ?? this.mainCur)?.truth ?? {},
      kind: () => (this.modalCur ?? this.mainCur)?.kind ?? null,
      data: () => this.data,
      ready: () => this.ready,
      stats: () => this.stats,
      errors: () => this.errors ?? [],
      /** The element around the task details: the slide-out / dialog / custom element host / iframe screen / page card. */
      detailsElement: () => (this.modalCur ?? this.mainCur?.cur ?? null)?.container ?? null,
      detailsRefs: () => (this.modalCur ?? this.mainCur?.cur ?? this.mainCur)?.refs ?? null,
    };
    const api = {
      options: this.o,
      seed: this.seed,
      describe: () => describeSeed(this.seed, { language: this.o.language }),
      hover: (el) => hoverElement(el),
      rerender: () => this.rerender(),
      idle: () => this.idle(),
      expandTtcm: async () => {
        const cur = this.modalCur ?? this.mainCur?.cur ?? this.mainCur;
        const refs = this.frameChild?.detailsRefs ?? cur?.refs;
        if (!refs?.ttcmToggle) return false;
        if (!refs.isOpen()) refs.ttcmToggle.click();
        await this.idle();
        if (this.frameChild) await this.frameChild.idle();
        return true;
      },
      pressRow: (taskId) => this.track(this.pressRow(taskId)),
      navigate: (view) => this.navigate(view),
      closeDetails: () => this.closeDetails(),
      _fromFrame: (msg) => {
        if (msg?.type === 'close') return this.closeDetails();
        if (msg?.type !== 'retrieved') return;
        const hit = this.findTask(msg.taskId);
        if (hit && msg.res?.outcome === 'success') {
          hit.t.deliverable = { postUrl: msg.lastOutcome.postUrl };
          hit.t.status = { key: 'pendingApproval', task: hit.t.name };
          if (this.mainCur?.kind === 'tasks') this.rebuildMain('list');
        }
        this.lastOutcome = msg.lastOutcome;
        if (this.modalCur?.truth) this.modalCur.truth.lastOutcome = msg.lastOutcome;
      },
      destroy: () => {
        this.removeModal();
        for (const d of this.disposers.splice(0)) d();
        this.mainToken = {};
      },
    };
    for (const [k, get] of Object.entries(getters)) Object.defineProperty(api, k, { get, enumerable: true });
    return api;
  }

}

function truncate(v) {
  return v.length > 24 ? v.slice(0, 21) + '…' : v;
}
function copyText(doc, value) {
  try {
    const p = doc.defaultView?.navigator?.clipboard?.writeText(value);
    p?.catch?.(() => {});
  } catch {
    /* no clipboard here */
  }
}
