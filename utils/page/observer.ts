/**
 * A selector observer in the spirit of refined-github's: features declare how to FIND the
 * page elements they decorate and how to DECORATE one; the observer calls `decorate` once
 * per element (WeakSet), follows the page into open shadow roots, and notices SPA
 * navigation (hash, history). Everything is scoped to an AbortSignal: when the extension
 * is reloaded or updated, every control is removed and observing stops.
 *
 * Cost: the page may hold thousands of tiles and re-render all of them every second or
 * so. Mutations are batched to one pass per animation frame, and a pass looks only at what
 * the page added or changed since the last one (the added subtrees), never the whole
 * document again; a whole-document pass happens at start, after navigation and on poke().
 */
import { OWN_ATTR, composedParent, isOwn, openShadowRoots, openShadowRootsStepwise, withStableDom, type DomMemo } from './dom';

export interface Decoration {
  /** What was injected for this element; if the page's re-render drops it, we decorate again. */
  hosts?: Element[];
  /**
   * Called after every batch while the element is on the page (re-read live values), with
   * what the batch looked at: the subtrees that changed, or null when it looked at the
   * whole page (start, navigation). A decoration re-reads only when a change concerns it.
   */
  update?(changed: readonly Node[] | null): void;
}

export interface Feature {
  name: string;
  /**
   * The elements this feature decorates that `root` holds or sits in (pure detection, open
   * shadow roots included). `root` is the document on a whole-page pass, else a subtree the
   * page just added or changed; an element found again is ignored. May be lazy (a
   * generator): the observer takes elements as its time budget allows, and a `null` is a
   * step of work with nothing to decorate yet.
   */
  find(root: ParentNode): Iterable<Element | null>;
  /**
   * Decorate one element. `signal` aborts when the element leaves the page or we are
   * invalidated. Build the controls, then hand the insertion into the page to `place`: when
   * the observer spreads a big batch over several frames, every insertion of the batch
   * happens together at its end, so the page lays out once, not once per frame.
   */
  decorate(el: Element, signal: AbortSignal, place: (insert: () => void) => void): Decoration | void;
  /** Called after every batch, once, with all live decorations processed. */
  afterBatch?(): void;
  /**
   * Decorate an element only once it comes near the viewport (an IntersectionObserver with
   * NEAR_VIEWPORT_MARGIN around the screen). A Participating page of thousands of tiles
   * then costs the page a screenful of controls, not thousands, and the rest follow as the
   * creator scrolls, decorated before they are on screen.
   */
  nearViewport?: boolean;
  /**
   * What an element stands for across the page's re-renders (a tile: its campaign). When the
   * page replaces an element that was near the screen, the replacement is decorated at once,
   * in the same batch, instead of a frame or two later when the browser reports it near:
   * no flicker on a page that re-renders its visible tiles.
   */
  sameAs?(el: Element): string | undefined;
}

export interface ObserverOptions {
  doc: Document;
  signal: AbortSignal;
  features: Feature[];
  /** Defers a batch; requestAnimationFrame by default (tests pass a synchronous or microtask one). */
  schedule?: (run: () => void) => void;
  /** Errors from one feature never stop the others; they are reported here. */
  onError?: (feature: string, error: unknown) => void;
  /**
   * Longest stretch of decorating (ms) before the page gets the main thread back; the rest
   * continues in the next frame. Unlimited by default (tests); the content script sets it.
   */
  budgetMs?: number;
}

interface Live {
  feature: Feature;
  controller: AbortController;
  decoration: Decoration;
}

export interface PageObserver {
  /** Look at the whole page again soon (after navigation). */
  poke(): void;
  /** Look for shadow roots attached without a visible mutation (a click that upgraded a custom element). */
  sweepShadowRoots(): void;
  /** Number of elements currently decorated, per feature (diagnostics and tests). */
  counts(): Record<string, number>;
}

/** The longest slice of work a batch ever takes in one frame (a long task is 50 ms). */
const LONGEST_SLICE_MS = 30;
/** After this many frames a batch's controls go in as they are ready (the page is busy). */
const SLICES_BEFORE_PLACING = 4;

/** How far outside the screen a near-viewport element is decorated: two screens each way. */
export const NEAR_VIEWPORT_MARGIN = '200% 0px 200% 0px';

const OBSERVE: MutationObserverInit = { childList: true, subtree: true, characterData: true };

export function observePage({ doc, signal, features, schedule: scheduleRun, onError, budgetMs }: ObserverOptions): PageObserver {
  const defer = scheduleRun ?? ((run) => (doc.defaultView ?? window).requestAnimationFrame(() => run()));
  const seen = new WeakSet<Element>();
  const live = new Map<Element, Live>();
  const observedRoots = new WeakSet<Node>();
  let pending = false;
  /** Something changed since the last look. */
  let needsPass = false;
  /**
   * What is left to find and decorate (a big page takes several frames). A job without a
   * feature only looks for shadow roots (its steps yield null).
   */
  let queue: { feature?: Feature; items: Iterator<Element | null>; near?: boolean; scope?: ParentNode }[] = [];
  /** Found elements of near-viewport features that are not near the viewport yet. */
  const waiting = new Map<Element, Feature>();
  /** Elements of near-viewport features on the page, decorated or not, watched for nearness. */
  const watched = new Map<Element, Feature>();
  /** Per feature, what the elements near the screen stand for (Feature.sameAs) → that element. */
  const nearNow = new Map<Feature, Map<string, Element>>();
  const View = doc.defaultView ?? (typeof window === 'undefined' ? undefined : window);
  // Without IntersectionObserver (old engines, test DOMs) everything is decorated at once.
  const nearObserver =
    View && 'IntersectionObserver' in View
      ? new View.IntersectionObserver(onNearViewport, { rootMargin: NEAR_VIEWPORT_MARGIN })
      : undefined;
  /** Slices the current batch took so far. */
  let slices = 0;
  /** Insertions of the current batch, done together when it is complete. */
  let placements: (() => void)[] = [];
  const place = (insert: () => void) => void (budgetMs === undefined ? insert() : placements.push(insert));
  /**
   * Insertions of near-viewport decorations: a screenful at most, put in at the end of the
   * frame's slice rather than the batch's, so what the creator is looking at never waits for
   * a scan of the whole page.
   */
  let nearPlacements: (() => void)[] = [];
  const placeNear = (insert: () => void) => void (budgetMs === undefined ? insert() : nearPlacements.push(insert));
  /** Shadow roots found, kept across the frames of a batch while the page does not change. */
  let memo: DomMemo = new WeakMap();
  const now = () => (doc.defaultView ?? globalThis).performance.now();

  const report = (feature: string, error: unknown) => {
    if (onError) onError(feature, error);
    else console.warn(`[TikTok deliverable helper] ${feature}:`, error);
  };

  /** Subtrees added or changed since the last pass; `wholePage` means look at everything. */
  let roots = new Set<ParentNode>();
  let wholePage = true;
  /** Something was removed: a pass checks whether our controls went with it. */
  let removals = false;
  /** Look for shadow roots attached without any mutation we could see (late upgrades). */
  let shadowSweep = false;

  const mutationObserver = new MutationObserver((records) => {
    let relevant = false;
    for (const record of records) {
      if (isOwn(record.target)) continue;
      if (record.type === 'characterData') {
        const parent = record.target.parentNode;
        if (parent) roots.add(parent);
        relevant = true;
        continue;
      }
      for (const node of Array.from(record.addedNodes)) {
        if (node instanceof Element && node.hasAttribute(OWN_ATTR)) continue;
        relevant = true;
        // A text node: its element is what changed.
        roots.add(node instanceof Element || node instanceof DocumentFragment ? node : (record.target as ParentNode));
      }
      // A removal can drop our controls with the page's nodes: check them in the next pass.
      for (const node of Array.from(record.removedNodes))
        if (!(node instanceof Element && node.hasAttribute(OWN_ATTR))) {
          removals = true;
          relevant = true;
        }
    }
    if (!relevant) return;
    // The page changed: what was remembered about its shadow roots may be stale. (Our own
    // controls going in change nothing there: they are not the page's.)
    memo = new WeakMap();
    request();
  });

  /** Observe the open shadow roots under `root` not observed yet; returns those. */
  function watchShadowRoots(root: ParentNode): ShadowRoot[] {
    const fresh: ShadowRoot[] = [];
    for (const sr of openShadowRoots(root)) {
      if (observedRoots.has(sr)) continue;
      observedRoots.add(sr);
      mutationObserver.observe(sr, OBSERVE);
      fresh.push(sr);
    }
    return fresh;
  }

  function* discoverShadowRoots(scope: ParentNode): Generator<null> {
    const found = yield* openShadowRootsStepwise(scope);
    for (const sr of found) {
      if (observedRoots.has(sr)) continue;
      observedRoots.add(sr);
      mutationObserver.observe(sr, OBSERVE);
    }
    return;
  }

  function request(all = false, shadows = false) {
    if (all) wholePage = true;
    if (shadows) shadowSweep = true;
    needsPass = true;
    schedule();
  }

  function schedule() {
    if (pending || signal.aborted) return;
    pending = true;
    defer(() => {
      pending = false;
      if (!signal.aborted) withStableDom(run, memo);
    });
  }

  /**
   * Look at what changed (only between batches), then decorate what was found, within the
   * budget per frame; at the end of the batch its controls enter the page together.
   */
  function run() {
    // A batch that is still not done gets longer slices (up to LONGEST_SLICE_MS): a page
    // that re-renders constantly leaves few frames, and the batch must finish before the next.
    const deadline = budgetMs === undefined ? Infinity : now() + Math.min(LONGEST_SLICE_MS, budgetMs * 2 ** slices++);
    if (needsPass && queue.length === 0) {
      needsPass = false;
      pass();
    }
    while (queue.length > 0) {
      const job = queue[0]!;
      let step: IteratorResult<Element | null>;
      try {
        // The page replaced what this job was looking through: its replacement has a job of its own.
        step = job.scope && !(job.scope as Node).isConnected ? { done: true, value: undefined } : job.items.next();
      } catch (error) {
        report(job.feature?.name ?? 'shadow roots', error);
        step = { done: true, value: undefined };
      }
      if (step.done) queue.shift();
      else if (step.value && job.feature) (job.near ? decorateNow : decorateOne)(job.feature, step.value);
      // Let the page paint and respond; the rest follows in the next frame (every frame makes
      // at least one step). A page that leaves few frames gets what is ready so far, rather
      // than nothing until the end.
      if (queue.length > 0 && now() > deadline) {
        flushNearPlacements();
        if (slices >= SLICES_BEFORE_PLACING) flushPlacements();
        return schedule();
      }
    }
    slices = 0;
    flushNearPlacements();
    flushPlacements();
    finishBatch();
    if (needsPass) schedule();
  }

  /** The added subtrees still on the page, without those inside another one. */
  function outermost(set: Set<ParentNode>): ParentNode[] {
    const out: ParentNode[] = [];
    for (const root of set) {
      if (!(root as Node).isConnected) continue;
      let inside = false;
      for (let n = composedParent(root as Node); n; n = composedParent(n)) {
        if (set.has(n as ParentNode)) {
          inside = true;
          break;
        }
      }
      if (!inside) out.push(root);
    }
    return out;
  }

  /** What the current batch looked at, for the decorations' update (null: the whole page). */
  let batchChanged: Node[] | null = null;

  function pass() {
    const scopes: ParentNode[] = wholePage ? [doc] : outermost(roots);
    batchChanged = wholePage ? null : [...(scopes as Node[])];
    const checkDrops = wholePage || removals;
    const added = [...scopes];
    // Late upgrades attach one without a light-DOM mutation: new ones are looked at too.
    if (shadowSweep && !wholePage) scopes.push(...watchShadowRoots(doc));
    roots = new Set();
    wholePage = false;
    removals = false;
    shadowSweep = false;
    // Drop decorations whose element left the page; redo those whose controls the page removed.
    if (checkDrops) {
      for (const el of watched.keys()) {
        if (el.isConnected) continue;
        nearObserver?.unobserve(el);
        watched.delete(el);
        waiting.delete(el);
      }
      for (const [el, entry] of live) {
        const gone = !el.isConnected;
        const dropped = !gone && (entry.decoration.hosts ?? []).some((h) => !h.isConnected);
        if (gone || dropped) {
          entry.controller.abort();
          live.delete(el);
          if (dropped) {
            seen.delete(el);
            // Its controls were removed but the element stayed: look at it again.
            if (!scopes.includes(doc)) scopes.push(el);
          }
        }
      }
    }
    for (const feature of features) {
      for (const scope of scopes) {
        try {
          queue.push({ feature, items: feature.find(scope)[Symbol.iterator](), scope });
        } catch (error) {
          report(feature.name, error);
        }
      }
    }
    // Then the shadow roots that came with the new content (custom elements attach them on
    // insertion), to watch them for what renders inside later, a few at a time. After the
    // features' own look (which goes into open shadow roots by itself): on a page that
    // re-renders thousands of tiles, the tiles on screen must not wait for this walk.
    for (const scope of added) queue.push({ items: discoverShadowRoots(scope), scope });
  }

  function flushPlacements() {
    const inserts = placements;
    placements = [];
    insertAll(inserts);
  }

  function flushNearPlacements() {
    const inserts = nearPlacements;
    nearPlacements = [];
    insertAll(inserts);
  }

  function insertAll(inserts: (() => void)[]) {
    for (const insert of inserts) {
      try {
        insert();
      } catch (error) {
        report('insert', error);
      }
    }
  }

  function decorateOne(feature: Feature, el: Element) {
    // Decorated meanwhile, or gone from the page while it waited (its replacement is queued).
    if (seen.has(el) || !el.isConnected || isOwn(el)) return;
    seen.add(el);
    if (feature.nearViewport && nearObserver) {
      watched.set(el, feature);
      // Observing afresh makes the browser report it once more: an element whose controls the
      // page removed (and is looked at again) is already watched, and would not be reported.
      nearObserver.unobserve(el);
      nearObserver.observe(el);
      if (!replacesNear(feature, el)) {
        waiting.set(el, feature);
        return;
      }
    }
    decorateNow(feature, el);
  }

  /** Does `el` replace an element that is near the screen (same Feature.sameAs)? */
  function replacesNear(feature: Feature, el: Element): boolean {
    const id = sameAs(feature, el);
    const before = id === undefined ? undefined : nearNow.get(feature)?.get(id);
    if (!before || before === el || before.isConnected) return false;
    nearNow.get(feature)!.set(id!, el);
    return true;
  }

  function sameAs(feature: Feature, el: Element): string | undefined {
    try {
      return feature.sameAs?.(el);
    } catch (error) {
      report(feature.name, error);
      return undefined;
    }
  }

  /** Elements that came near the viewport: decorated in the next batch, within its budget. */
  function onNearViewport(entries: IntersectionObserverEntry[]) {
    const near = new Map<Feature, Element[]>();
    for (const entry of entries) {
      const feature = watched.get(entry.target);
      if (!feature) continue;
      const id = sameAs(feature, entry.target);
      if (id !== undefined) {
        let ids = nearNow.get(feature);
        if (!ids) nearNow.set(feature, (ids = new Map()));
        if (entry.isIntersecting) ids.set(id, entry.target);
        // A removed element is reported "not near" too: keep what it was, for its replacement.
        else if (ids.get(id) === entry.target && entry.target.isConnected) ids.delete(id);
      }
      if (!entry.isIntersecting || !waiting.has(entry.target)) continue;
      waiting.delete(entry.target);
      let list = near.get(feature);
      if (!list) near.set(feature, (list = []));
      list.push(entry.target);
    }
    if (near.size === 0 || signal.aborted) return;
    // Ahead of any scan under way: these are what the creator is about to see.
    for (const [feature, elements] of near) queue.unshift({ feature, items: elements[Symbol.iterator](), near: true });
    schedule();
  }

  function decorateNow(feature: Feature, el: Element) {
    if (live.has(el) || !el.isConnected) return;
    // Invalidation aborts every live decoration (see below): no listener per decoration on
    // `signal`, which thousands of tiles re-rendered every second would make slow to remove.
    const controller = new AbortController();
    try {
      const decoration = feature.decorate(el, controller.signal, feature.nearViewport ? placeNear : place) ?? {};
      live.set(el, { feature, controller, decoration });
    } catch (error) {
      controller.abort();
      report(feature.name, error);
    }
  }

  function finishBatch() {
    for (const [el, entry] of live) {
      if (!entry.decoration.update) continue;
      try {
        if (el.isConnected) entry.decoration.update(batchChanged);
      } catch (error) {
        report(entry.feature.name, error);
      }
    }
    for (const feature of features) {
      try {
        feature.afterBatch?.();
      } catch (error) {
        report(feature.name, error);
      }
    }
  }

  const view = doc.defaultView;
  const onNavigate = () => request(true);
  view?.addEventListener('hashchange', onNavigate, { signal });
  view?.addEventListener('popstate', onNavigate, { signal });

  mutationObserver.observe(doc, OBSERVE);
  signal.addEventListener(
    'abort',
    () => {
      mutationObserver.disconnect();
      nearObserver?.disconnect();
      nearPlacements = [];
      waiting.clear();
      watched.clear();
      nearNow.clear();
      queue = [];
      placements = [];
      for (const entry of live.values()) entry.controller.abort();
      live.clear();
      // Controls whose page element was detached but is still referenced: remove all of ours.
      for (const el of deepOwnHosts(doc)) el.remove();
    },
    { once: true },
  );
  request(true);

  return {
    poke: () => request(true),
    sweepShadowRoots: () => request(false, true),
    counts() {
      const out: Record<string, number> = {};
      for (const entry of live.values()) out[entry.feature.name] = (out[entry.feature.name] ?? 0) + 1;
      return out;
    },
  };
}

/** Every control host of ours on the page, in the document and its open shadow roots. */
export function deepOwnHosts(doc: Document): Element[] {
  const out: Element[] = [];
  for (const scope of [doc, ...openShadowRoots(doc)]) out.push(...Array.from(scope.querySelectorAll(`[${OWN_ATTR}]`)));
  return out;
}
