/**
 * The detection memo the observer keeps across the page's changes (issue 10): what it knows of
 * a subtree is forgotten around a change only, and detection through it answers as without it.
 */
import { describe, expect, it } from 'vitest';
import { deepText, childrenOneByOne, elementsWithText, forgetChanged, hasText, newDomMemo, openShadowRoots, openShadowRootsStepwise, querySelectorAllStepwise, withStableDom } from '@/utils/page/dom';
import { observePage, type Feature } from '@/utils/page/observer';
import { accountReader } from '@/utils/page/task';
import { collectChanges } from '@/utils/page/observe/changes';

const tick = () => new Promise((r) => setTimeout(r, 0));

function tiles(n: number): HTMLElement {
  const list = document.createElement('div');
  for (let i = 0; i < n; i++) {
    const tile = document.createElement('div');
    tile.className = 'tile';
    // Every other tile draws its content in a custom element's open shadow root.
    if (i % 2 === 0) {
      const host = document.createElement('x-card');
      host.attachShadow({ mode: 'open' }).innerHTML = `<style>.t { color: red }</style><p class="t">Campaign ${i}</p>`;
      tile.append(host);
    } else tile.innerHTML = `<p>Campaign ${i}</p>`;
    list.append(tile);
  }
  return list;
}

describe('the detection memo kept across changes', () => {
  it('finds words the page adds later, once the change is told (forgetChanged), in the light DOM and in shadow roots', () => {
    const list = tiles(40);
    document.body.replaceChildren(list);
    const memo = newDomMemo();
    const find = () => withStableDom(() => elementsWithText(document, ['ttcm'], (t) => t === 'TTCM Branded Content Details'), memo);
    expect(find()).toEqual([]);
    // Light DOM: a line added to one tile.
    const line = Object.assign(document.createElement('p'), { textContent: 'TTCM Branded Content Details' });
    list.children[7]!.append(line);
    forgetChanged(memo, list.children[7]!, new Set());
    expect(find()).toEqual([line]);
    // A shadow root: its text changed in place.
    const inner = list.children[4]!.querySelector('x-card')!.shadowRoot!.querySelector('p')!;
    inner.firstChild!.nodeValue = 'TTCM Branded Content Details';
    forgetChanged(memo, inner.firstChild!, new Set());
    expect(find()).toEqual([line, inner]);
  });

  it("hands a long list's shadow roots out to the tiles below it: each tile gets its own, a tile without any gets none", () => {
    const list = tiles(40);
    document.body.replaceChildren(list);
    withStableDom(() => {
      const all = openShadowRoots(list);
      expect(all).toHaveLength(20);
      for (let i = 0; i < 40; i++) {
        const own = openShadowRoots(list.children[i]!);
        expect(own).toEqual(i % 2 === 0 ? [list.children[i]!.querySelector('x-card')!.shadowRoot] : []);
      }
      expect(hasText(list.children[2]!)).toBe(true);
    }, newDomMemo());
  });

  it('the observer finds a section drawn later into a tile it already looked at', async () => {
    const list = tiles(30);
    document.body.replaceChildren(list);
    const found: Element[] = [];
    const feature: Feature = {
      name: 'ttcm words',
      find: (root) => elementsWithText(root, ['ttcm'], (t) => t === 'TTCM Branded Content Details'),
      decorate: (el) => void found.push(el),
    };
    const controller = new AbortController();
    observePage({ doc: document, signal: controller.signal, features: [feature], schedule: (run) => queueMicrotask(run) });
    await tick();
    expect(found).toEqual([]);
    const root = list.children[10]!.querySelector('x-card')!.shadowRoot!;
    const title = Object.assign(document.createElement('h3'), { textContent: 'TTCM Branded Content Details' });
    // The shadow root is watched after the first pass: a change inside it is seen.
    await tick();
    root.append(title);
    await tick();
    await tick();
    expect(found).toEqual([title]);
    controller.abort();
  });

  it('forgets whether a part shows text when the page hides it from assistive tech (aria-hidden) without any other change', async () => {
    const list = tiles(4);
    document.body.replaceChildren(list);
    const changes = collectChanges(document, () => {});
    const tile = list.children[1]!;
    expect(withStableDom(() => hasText(tile), changes.memo)).toBe(true);
    list.setAttribute('aria-hidden', 'true');
    await tick();
    changes.flush();
    expect(withStableDom(() => hasText(tile), changes.memo)).toBe(false);
    list.removeAttribute('aria-hidden');
    changes.flush();
    expect(withStableDom(() => hasText(tile), changes.memo)).toBe(true);
    changes.disconnect();
  });

  it('finds words in a long list (read a tile at a time, not whole) and in text another search read first', () => {
    const list = tiles(200);
    document.body.replaceChildren(list);
    const memo = newDomMemo();
    const ttcm = () => withStableDom(() => elementsWithText(document, ['ttcm'], (t) => t === 'TTCM Branded Content Details'), memo);
    const account = () => withStableDom(() => elementsWithText(document, ['acct'], (t) => /^Maya \(Acct \d+\)$/.test(t)), memo);
    expect(ttcm()).toEqual([]);
    expect(account()).toEqual([]);
    const line = Object.assign(document.createElement('p'), { textContent: 'TTCM Branded Content Details' });
    const label = Object.assign(document.createElement('span'), { textContent: 'Maya (Acct 1234567)' });
    list.children[150]!.append(line);
    list.children[170]!.append(label);
    const done = new Set<Node>();
    forgetChanged(memo, list.children[150]!, done);
    forgetChanged(memo, list.children[170]!, done);
    // The TTCM search reads the changed tiles' text; the account search answers from that read.
    expect(ttcm()).toEqual([line]);
    expect(account()).toEqual([label]);
  });

  it("answers a component's shadow roots from what it learnt of each one, after the page around them changed", () => {
    const list = tiles(40);
    // A component inside a component: found below the outer one's root.
    const outer = list.children[6]!.querySelector('x-card')!.shadowRoot!;
    const inner = document.createElement('x-icon');
    inner.attachShadow({ mode: 'open' }).innerHTML = '<svg><title>TikTok</title></svg>';
    outer.append(inner);
    document.body.replaceChildren(list);
    const memo = newDomMemo();
    const all = withStableDom(() => openShadowRoots(document), memo);
    expect(all).toHaveLength(21);
    expect(all.indexOf(inner.shadowRoot!)).toBe(all.indexOf(outer) + 1);
    // A tile added elsewhere: the page-wide list is looked for again, with the same answer for the rest.
    list.append(tiles(2).children[0]!);
    forgetChanged(memo, list, new Set());
    const again = withStableDom(() => openShadowRoots(document), memo);
    expect(again).toEqual([...all, list.lastElementChild!.querySelector('x-card')!.shadowRoot]);
    // A component added inside the outer one: seen once the change is told.
    const second = document.createElement('x-icon');
    second.attachShadow({ mode: 'open' });
    outer.append(second);
    forgetChanged(memo, outer, new Set());
    expect(withStableDom(() => openShadowRoots(document), memo)).toContain(second.shadowRoot);
    expect(withStableDom(() => openShadowRoots(list.children[6]!), memo)).toEqual([outer, inner.shadowRoot, second.shadowRoot]);
  });
});

describe('deepText with a length limit', () => {
  it('reads the whole text when it is short, and stops past the limit on a long one', () => {
    const el = document.createElement('div');
    el.innerHTML = '<p>Summer   glow</p><p>serum</p>';
    expect(deepText(el, 300)).toBe(deepText(el));
    const long = document.createElement('div');
    long.innerHTML = Array.from({ length: 200 }, (_, i) => `<p>Campaign number ${i}</p>`).join('');
    const cut = deepText(long, 300);
    expect(cut.length).toBeGreaterThan(300);
    expect(deepText(long).startsWith(cut)).toBe(true);
  });
});

describe('the account reader for the overlay', () => {
  it('searches a step at a time when a search is due; known() answers from the last search and never searches', () => {
    document.body.innerHTML = '<header><span>Home</span></header><main></main>';
    let now = 0;
    const account = accountReader(document, () => now);
    document.querySelector('header')!.insertAdjacentHTML('beforeend', '<span>Maya Creates (Acct 1234567)</span>');
    // Nothing searched yet: known() does not search.
    expect(account.known()).toEqual({});
    const steps = account.search();
    let step = steps.next();
    while (!step.done) step = steps.next();
    expect(account.known()).toEqual({ accountName: 'Maya Creates', accountId: '1234567' });
    // The label leaves the page: known() says so at once, without a search.
    document.querySelector('header')!.lastElementChild!.remove();
    now = 5;
    expect(account.known()).toEqual({});
  });
});

describe('big pages looked through a piece at a time (no one long native step)', () => {
  /** A page spine (a few wrappers) above a list of `n` tiles, every third one a component with an open shadow root. */
  function bigPage(n: number): HTMLElement {
    const top = document.createElement('div');
    top.innerHTML = '<header><x-bar></x-bar><p>Account</p></header><main><section><div class="wrap"></div></section></main>';
    top.querySelector('x-bar')!.attachShadow({ mode: 'open' }).innerHTML = '<span>bar</span>';
    const wrap = top.querySelector('.wrap')!;
    for (let i = 0; i < n; i++) {
      const tile = document.createElement('div');
      if (i % 3 === 0) {
        const card = document.createElement('x-card');
        card.attachShadow({ mode: 'open' }).innerHTML = `<p>Campaign ${i}</p><x-icon></x-icon>`;
        card.shadowRoot!.querySelector('x-icon')!.attachShadow({ mode: 'open' }).innerHTML = '<svg><title>TikTok</title></svg>';
        tile.append(card);
      } else tile.innerHTML = `<h3>Campaign ${i}</h3><p><span>Brand ${i}</span></p>`;
      wrap.append(tile);
    }
    return top;
  }

  it('a query over a page of thousands of elements finds the same elements in the same order, over several steps', () => {
    const page = bigPage(1500);
    document.body.replaceChildren(page);
    const steps = Array.from(querySelectorAllStepwise(document, 'p, x-card, header'));
    const found = steps.filter((x): x is Element => x !== null);
    expect(found).toEqual(Array.from(document.querySelectorAll('p, x-card, header')));
    expect(steps.length - found.length).toBeGreaterThan(1);
    // An element that matches is found itself, as querySelectorAll on its parent would.
    expect(Array.from(querySelectorAllStepwise(page, 'div')).filter(Boolean)).toEqual([page, ...Array.from(page.querySelectorAll('div'))]);
    document.body.replaceChildren();
  });

  it('a list is cut into pieces from its 65th item on (a page whose lists are all shorter is one piece), below the spine and straight in a shadow root', () => {
    const nullSteps = (root: ParentNode, selector: string) => {
      const steps = Array.from(querySelectorAllStepwise(root, selector));
      expect(steps.filter(Boolean)).toEqual(Array.from(root.querySelectorAll(selector)));
      return steps.filter((x) => x === null).length;
    };
    const list = (n: number) => {
      const ul = document.createElement('ul');
      for (let i = 0; i < n; i++) ul.append(Object.assign(document.createElement('li'), { innerHTML: `<p>Campaign ${i}</p>` }));
      return ul;
    };
    for (const [n, pieces] of [
      [64, 1],
      [65, 65],
    ] as const) {
      const page = document.createElement('main');
      page.append(Object.assign(document.createElement('section'), { className: 'spine' }));
      page.firstElementChild!.append(list(n));
      document.body.replaceChildren(page);
      expect(nullSteps(document, 'p, li')).toBeGreaterThanOrEqual(pieces);
      if (n === 64) expect(nullSteps(document, 'p, li')).toBe(1);
      // The same items drawn straight into a component's shadow root.
      const host = document.createElement('x-list');
      host.attachShadow({ mode: 'open' }).append(...Array.from(list(n).children));
      document.body.replaceChildren(host);
      const inRoot = nullSteps(host.shadowRoot!, 'p, li');
      if (n === 64) expect(inRoot).toBe(0);
      else expect(inRoot).toBeGreaterThanOrEqual(pieces);
    }
    document.body.replaceChildren();
  });

  it('a list drawn straight into a component\'s shadow root is looked through a piece at a time too', () => {
    const host = document.createElement('x-list');
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<style>p { color: red }</style>';
    for (let i = 0; i < 300; i++) {
      const card = document.createElement('x-card');
      card.attachShadow({ mode: 'open' }).innerHTML = `<p>Campaign ${i}</p>`;
      root.append(card);
    }
    document.body.replaceChildren(host);
    const steps = Array.from(querySelectorAllStepwise(root, 'x-card, style'));
    const found = steps.filter((x): x is Element => x !== null);
    expect(found).toEqual(Array.from(root.querySelectorAll('x-card, style')));
    expect(steps.length - found.length).toBeGreaterThan(1);
    // The shadow roots found through it are those in it, in order.
    const stepwise = openShadowRootsStepwise(document);
    let step = stepwise.next();
    while (!step.done) step = stepwise.next();
    expect(step.value).toEqual([root, ...Array.from(root.children, (c) => c.shadowRoot).filter(Boolean)]);
    document.body.replaceChildren();
  });

  it('finds every shadow root of a big page a step at a time, as a look in one go does, and a word in a tile deep below the spine', () => {
    const page = bigPage(1500);
    document.body.replaceChildren(page);
    const inOneGo = openShadowRoots(document);
    let steps = 0;
    const stepwise = openShadowRootsStepwise(document);
    let step = stepwise.next();
    for (; !step.done; step = stepwise.next()) steps++;
    expect(step.value).toEqual(inOneGo);
    expect(inOneGo.length).toBe(1 + 2 * 500);
    expect(steps).toBeGreaterThan(1);
    // The page's text is not read whole (it holds a long list): the word is found in its tile.
    const [brand] = elementsWithText(document, ['brand 1499'], (t) => t === 'Brand 1499');
    expect(brand?.textContent).toBe('Brand 1499');
    document.body.replaceChildren();
  });
});

describe('the children of a long list handed out one at a time (childrenOneByOne)', () => {
  const list = (n: number) => {
    const ul = document.createElement('ul');
    for (let i = 0; i < n; i++) ul.append(Object.assign(document.createElement('li'), { textContent: `tile ${i}` }));
    return ul;
  };
  const names = (els: Element[]) => els.map((el) => el.textContent);

  it('hands out every child in order', () => {
    const ul = list(5);
    expect(names(Array.from(childrenOneByOne(ul)))).toEqual(['tile 0', 'tile 1', 'tile 2', 'tile 3', 'tile 4']);
    expect(Array.from(childrenOneByOne(document.createElement('div')))).toEqual([]);
    // With its text nodes too, as childNodes has them.
    const p = document.createElement('p');
    p.innerHTML = 'a <b>b</b> c';
    expect(Array.from(childrenOneByOne(p, 'nodes'))).toEqual(Array.from(p.childNodes));
  });

  it('goes on after the last child still there when the page removed the ones it handed out meanwhile, leaving none out', () => {
    const ul = list(6);
    const seen: Element[] = [];
    for (const child of childrenOneByOne(ul)) {
      seen.push(child);
      // The page takes away the tile being looked at (and, at tile 3, the one before it too).
      if (child.textContent === 'tile 1') child.remove();
      if (child.textContent === 'tile 3') {
        seen[seen.length - 2]!.remove();
        child.remove();
      }
    }
    expect(names(seen)).toEqual(['tile 0', 'tile 1', 'tile 2', 'tile 3', 'tile 4', 'tile 5']);
  });

  it('starts again from the first child when every one it handed out is gone, and hands out what the page put in meanwhile', () => {
    const ul = list(3);
    const seen: Element[] = [];
    for (const child of childrenOneByOne(ul)) {
      seen.push(child);
      if (child.textContent === 'tile 0') {
        child.remove();
        ul.prepend(Object.assign(document.createElement('li'), { textContent: 'new' }));
      }
    }
    expect(names(seen)).toEqual(['tile 0', 'new', 'tile 1', 'tile 2']);
  });
});
