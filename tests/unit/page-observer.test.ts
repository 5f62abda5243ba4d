/**
 * The selector observer: each element decorated once, re-decorated when the page's
 * re-render drops our controls, nothing left after invalidation, and shadow roots followed.
 */
import { describe, expect, it } from 'vitest';
import { OWN_ATTR } from '@/utils/page/dom';
import { observePage, type Feature } from '@/utils/page/observer';

const tick = () => new Promise((r) => setTimeout(r, 0));

function marker(): Feature & { decorated: number } {
  const feature = {
    name: 'marker',
    decorated: 0,
    // The tiles at or under what the page added (the whole document on a full pass).
    find: (root: ParentNode) => [...(root instanceof Element && root.matches('.tile') ? [root] : []), ...Array.from(root.querySelectorAll('.tile'))],
    decorate(el: Element, signal: AbortSignal) {
      feature.decorated++;
      const host = document.createElement('span');
      host.setAttribute(OWN_ATTR, 'marker');
      el.append(host);
      signal.addEventListener('abort', () => host.remove());
      return { hosts: [host] };
    },
  };
  return feature;
}

function renderTiles(list: HTMLElement, n: number) {
  list.replaceChildren(...Array.from({ length: n }, (_, i) => Object.assign(document.createElement('div'), { className: 'tile', textContent: `Tile ${i}` })));
}

describe('observePage', () => {
  it('keeps exactly one set of controls per tile through 100 re-renders', async () => {
    document.body.innerHTML = '<div id="list"></div>';
    const list = document.getElementById('list')!;
    const controller = new AbortController();
    const feature = marker();
    observePage({ doc: document, signal: controller.signal, features: [feature], schedule: (run) => setTimeout(run, 0) });
    for (let i = 0; i < 100; i++) {
      // Half the time the page replaces the tiles, half the time it re-renders their insides.
      if (i % 2) renderTiles(list, 3);
      else for (const tile of Array.from(list.children)) tile.replaceChildren(document.createTextNode(tile.textContent ?? ''));
      await tick();
      await tick();
    }
    expect(list.querySelectorAll(`.tile > [${OWN_ATTR}]`)).toHaveLength(3);
    for (const tile of Array.from(list.children)) expect(tile.querySelectorAll(`[${OWN_ATTR}]`)).toHaveLength(1);
    controller.abort();
  });

  it('decorates an element once however many times it is found', async () => {
    document.body.innerHTML = '<div class="tile">A</div>';
    const controller = new AbortController();
    const feature = marker();
    const observer = observePage({ doc: document, signal: controller.signal, features: [feature], schedule: (run) => setTimeout(run, 0) });
    for (let i = 0; i < 20; i++) {
      observer.poke();
      document.body.append(document.createElement('p'));
      await tick();
    }
    expect(feature.decorated).toBe(1);
    controller.abort();
  });

  it('removes every control and stops when invalidated', async () => {
    document.body.innerHTML = '<div id="list"></div>';
    const list = document.getElementById('list')!;
    renderTiles(list, 4);
    const controller = new AbortController();
    const feature = marker();
    observePage({ doc: document, signal: controller.signal, features: [feature], schedule: (run) => setTimeout(run, 0) });
    await tick();
    expect(document.querySelectorAll(`[${OWN_ATTR}]`)).toHaveLength(4);
    controller.abort();
    expect(document.querySelectorAll(`[${OWN_ATTR}]`)).toHaveLength(0);
    renderTiles(list, 4);
    await tick();
    await tick();
    expect(document.querySelectorAll(`[${OWN_ATTR}]`)).toHaveLength(0);
  });

  it('sees content rendered later inside an open shadow root', async () => {
    document.body.innerHTML = '<x-widget></x-widget>';
    const host = document.querySelector('x-widget')!;
    const shadow = host.attachShadow({ mode: 'open' });
    const controller = new AbortController();
    const found: Element[] = [];
    observePage({
      doc: document,
      signal: controller.signal,
      schedule: (run) => setTimeout(run, 0),
      features: [{ name: 'deep', find: () => Array.from(shadow.querySelectorAll('.tile')), decorate: (el) => void found.push(el) }],
    });
    await tick();
    shadow.append(Object.assign(document.createElement('div'), { className: 'tile' }));
    await tick();
    await tick();
    expect(found).toHaveLength(1);
    controller.abort();
  });
});

describe('observePage on big pages', () => {
  it('after the first look, looks only at what the page added, not the whole page again', async () => {
    document.body.innerHTML = '<div id="list"></div>';
    const list = document.getElementById('list')!;
    renderTiles(list, 50);
    const controller = new AbortController();
    const feature = marker();
    const roots: ParentNode[] = [];
    const find = feature.find;
    feature.find = (root: ParentNode) => (roots.push(root), find(root));
    observePage({ doc: document, signal: controller.signal, features: [feature], schedule: (run) => setTimeout(run, 0) });
    await tick();
    expect(roots).toEqual([document]);
    const added = Object.assign(document.createElement('div'), { className: 'tile', textContent: 'New' });
    list.append(added);
    await tick();
    await tick();
    expect(roots.slice(1)).toEqual([added]);
    expect(added.querySelectorAll(`[${OWN_ATTR}]`)).toHaveLength(1);
    expect(feature.decorated).toBe(51);
    controller.abort();
  });

  it('with a time budget, spreads a big batch over frames, not putting controls in frame by frame', async () => {
    document.body.innerHTML = '<div id="list"></div>';
    const list = document.getElementById('list')!;
    renderTiles(list, 3);
    const controller = new AbortController();
    const frames: (() => void)[] = [];
    const placed: string[] = [];
    const feature: Feature = {
      name: 'placing',
      find: (root) => Array.from(root.querySelectorAll('.tile')),
      decorate(el, _signal, place) {
        const host = document.createElement('span');
        host.setAttribute(OWN_ATTR, 'placing');
        place(() => {
          el.append(host);
          placed.push(el.textContent ?? '');
        });
        return { hosts: [host] };
      },
    };
    // A budget no step fits in: one step per frame.
    observePage({ doc: document, signal: controller.signal, features: [feature], schedule: (run) => void frames.push(run), budgetMs: 0 });
    let ran = 0;
    while (frames.length > 0 && ran < 20) {
      frames.shift()!();
      ran++;
      // The first frames only build (each insertion would make the page lay out again).
      if (ran <= 2) expect(placed).toEqual([]);
    }
    expect(ran).toBeGreaterThan(2);
    expect(placed).toEqual(['Tile 0', 'Tile 1', 'Tile 2']);
    expect(list.querySelectorAll(`.tile > [${OWN_ATTR}]`)).toHaveLength(3);
    controller.abort();
  });
});

/**
 * A stand-in for the browser's IntersectionObserver (jsdom has none): the test says which
 * elements are near the screen, as scrolling would.
 */
class FakeIntersectionObserver {
  static all: FakeIntersectionObserver[] = [];
  targets = new Set<Element>();
  /** What the test said is near the screen. */
  near = new Set<Element>();
  constructor(private callback: IntersectionObserverCallback) {
    FakeIntersectionObserver.all.push(this);
  }
  /** Like the browser: a target that starts being observed gets one report of where it is. */
  observe(el: Element) {
    if (this.targets.has(el)) return;
    this.targets.add(el);
    setTimeout(() => {
      if (this.targets.has(el)) this.callback([{ target: el, isIntersecting: this.near.has(el) } as IntersectionObserverEntry], this as unknown as IntersectionObserver);
    }, 0);
  }
  unobserve(el: Element) {
    this.targets.delete(el);
  }
  disconnect() {
    this.targets.clear();
  }
  /** Report these elements as near the screen (the browser does so after a layout). */
  bringNear(els: Element[]) {
    for (const e of els) this.near.add(e);
    const entries = els.filter((e) => this.targets.has(e)).map((target) => ({ target, isIntersecting: true }) as IntersectionObserverEntry);
    if (entries.length) this.callback(entries, this as unknown as IntersectionObserver);
  }
}

describe('observePage with near-viewport features', () => {
  async function setUp(n: number) {
    FakeIntersectionObserver.all = [];
    const win = window as unknown as { IntersectionObserver?: unknown };
    const original = win.IntersectionObserver;
    win.IntersectionObserver = FakeIntersectionObserver;
    document.body.innerHTML = '<div id="list"></div>';
    const list = document.getElementById('list')!;
    renderTiles(list, n);
    const controller = new AbortController();
    const feature = Object.assign(marker(), { nearViewport: true });
    observePage({ doc: document, signal: controller.signal, features: [feature], schedule: (run) => setTimeout(run, 0) });
    await tick();
    await tick();
    const io = FakeIntersectionObserver.all[0]!;
    const restore = () => {
      controller.abort();
      win.IntersectionObserver = original;
    };
    return { list, controller, feature, io, restore };
  }
  const decorated = (list: HTMLElement) => Array.from(list.children).filter((t) => t.querySelector(`[${OWN_ATTR}]`));

  it('decorates only the tiles near the screen, and the others once they come near', async () => {
    const { list, feature, io, restore } = await setUp(1000);
    expect(feature.decorated).toBe(0);
    expect(io.targets.size).toBe(1000);
    io.bringNear(Array.from(list.children).slice(0, 12));
    await tick();
    expect(decorated(list).map((t) => t.textContent)).toEqual(Array.from({ length: 12 }, (_, i) => `Tile ${i}`));
    // Scrolling on: the next ones, and the first ones are not decorated twice.
    io.bringNear(Array.from(list.children).slice(6, 30));
    await tick();
    expect(decorated(list)).toHaveLength(30);
    expect(feature.decorated).toBe(30);
    expect(list.querySelectorAll(`[${OWN_ATTR}]`)).toHaveLength(30);
    // Every tile on the page stays watched: how near it is decides how its replacement is treated.
    expect(io.targets.size).toBe(1000);
    restore();
  });

  it('tells decorations that nothing changed when a batch only decorated tiles coming near (scrolling)', async () => {
    const { list, feature, io, restore } = await setUp(40);
    // A decoration that re-reads its part of the page when told it changed (as the TTCM controls do).
    const told: (readonly Node[] | null)[] = [];
    const decorate = feature.decorate.bind(feature);
    feature.decorate = (el, signal, place) => ({ ...decorate(el, signal, place), update: (changed) => void told.push(changed) });
    io.bringNear(Array.from(list.children).slice(0, 5));
    await tick();
    told.length = 0;
    // Scrolling on: a batch that only decorates the next tiles. The page itself did not change.
    io.bringNear(Array.from(list.children).slice(5, 10));
    await tick();
    expect(told.length).toBeGreaterThan(0);
    expect(told.every((changed) => Array.isArray(changed) && changed.length === 0)).toBe(true);
    restore();
  });

  it('forgets tiles the page replaced before they came near, and watches their replacements', async () => {
    const { list, feature, io, restore } = await setUp(50);
    const old = Array.from(list.children);
    renderTiles(list, 50);
    await tick();
    await tick();
    // Only the new tiles are watched; the replaced ones are let go (no leak per re-render).
    expect(io.targets.size).toBe(50);
    expect(old.some((t) => io.targets.has(t))).toBe(false);
    io.bringNear([...old, ...Array.from(list.children).slice(0, 5)]);
    await tick();
    expect(feature.decorated).toBe(5);
    expect(decorated(list)).toHaveLength(5);
    restore();
  });

  it('decorates the replacements of tiles near the screen at once when the page re-renders them', async () => {
    const { list, feature, io, restore } = await setUp(40);
    // What a tile stands for across re-renders: here its text (a campaign, on impact.com).
    feature.sameAs = (el) => el.textContent ?? undefined;
    const near = Array.from(list.children).slice(0, 6);
    io.bringNear(near);
    await tick();
    expect(decorated(list)).toHaveLength(6);
    renderTiles(list, 40);
    await tick();
    await tick();
    // No report from the browser yet for the new tiles, and the same six have controls.
    expect(decorated(list).map((t) => t.textContent)).toEqual(near.map((t) => t.textContent));
    expect(list.querySelectorAll(`[${OWN_ATTR}]`)).toHaveLength(6);
    // The others still wait until they come near.
    expect(feature.decorated).toBe(12);
    restore();
  });

  it('puts the controls back on a near tile whose controls the page removed', async () => {
    const { list, io, restore } = await setUp(30);
    const tile = list.children[3]!;
    io.bringNear([tile]);
    await tick();
    expect(tile.querySelectorAll(`[${OWN_ATTR}]`)).toHaveLength(1);
    // The page re-renders the tile's inside, which drops our host; the tile stays.
    tile.replaceChildren(document.createTextNode('Tile 3'));
    for (let i = 0; i < 4; i++) await tick();
    expect(tile.querySelectorAll(`[${OWN_ATTR}]`)).toHaveLength(1);
    restore();
  });

  it('stops watching and removes every control when invalidated', async () => {
    const { list, controller, io, restore } = await setUp(20);
    io.bringNear(Array.from(list.children).slice(0, 4));
    await tick();
    expect(decorated(list)).toHaveLength(4);
    controller.abort();
    expect(io.targets.size).toBe(0);
    expect(list.querySelectorAll(`[${OWN_ATTR}]`)).toHaveLength(0);
    io.bringNear(Array.from(list.children));
    await tick();
    expect(list.querySelectorAll(`[${OWN_ATTR}]`)).toHaveLength(0);
    restore();
  });
});
