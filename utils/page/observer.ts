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
 *
 * The parts, under ./observe: the change collector (what the page changed since the last
 * pass), the budgeted work queue (finding and decorating spread over frames, insertions made
 * together) and near-viewport tracking (elements decorated once they come near the screen).
 * observePage composes them: on a change, schedule a run; a run takes the changes into a pass
 * when no batch is under way, works through the queue within its budget, and at the end of
 * the batch lets the decorations update.
 */
import { OWN_ATTR, isOwn, openShadowRoots, withStableDom } from './dom';
import { collectChanges } from './observe/changes';
import { trackNearViewport } from './observe/near-viewport';
import { createWorkQueue } from './observe/work-queue';

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

/** How far outside the screen a near-viewport element is decorated (defined with the tracking). */
export { NEAR_VIEWPORT_MARGIN } from './observe/near-viewport';

export function observePage({ doc, signal, features, schedule: scheduleRun, onError, budgetMs }: ObserverOptions): PageObserver {
  const defer = scheduleRun ?? ((run) => (doc.defaultView ?? window).requestAnimationFrame(() => run()));
  const seen = new WeakSet<Element>();
  const live = new Map<Element, Live>();
  /** A run is scheduled. */
  let pending = false;
  /** What the current batch looked at, for the decorations' update (null: the whole page). */
  let batchChanged: Node[] | null = null;

  const report = (feature: string, error: unknown) => {
    if (onError) onError(feature, error);
    else console.warn(`[TikTok deliverable helper] ${feature}:`, error);
  };

  const changes = collectChanges(doc, schedule);
  const work = createWorkQueue(budgetMs, () => (doc.defaultView ?? globalThis).performance.now(), report);
  const near = trackNearViewport(
    doc,
    (elements) => {
      if (signal.aborted) return;
      // Ahead of any scan under way: these are what the creator is about to see.
      for (const [feature, els] of elements) work.unshift({ name: feature.name, items: els[Symbol.iterator](), take: (el) => decorateNow(feature, el) });
      schedule();
    },
    report,
  );

  function schedule() {
    if (pending || signal.aborted) return;
    pending = true;
    defer(() => {
      pending = false;
      if (signal.aborted) return;
      // Changes the browser has not reported yet: the memo must not answer for them.
      changes.flush();
      withStableDom(run, changes.memo);
    });
  }

  /**
   * Look at what changed (only between batches), then decorate what was found, within the
   * budget per frame; at the end of the batch its controls enter the page together.
   */
  function run() {
    const deadline = work.startSlice();
    if (changes.pending && work.idle) pass();
    if (!work.runUntil(deadline)) return schedule();
    finishBatch();
    if (changes.pending) schedule();
  }

  /** Queue the look for what changed: each feature's find over each scope, then the new shadow roots. */
  function pass() {
    const { scopes, changed, checkDrops, added } = changes.take();
    batchChanged = changed;
    // Drop decorations whose element left the page; redo those whose controls the page removed.
    if (checkDrops) {
      near.forgetGone();
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
          work.push({ name: feature.name, items: feature.find(scope)[Symbol.iterator](), scope, take: (el) => decorateOne(feature, el) });
        } catch (error) {
          report(feature.name, error);
        }
      }
    }
    // Then the shadow roots that came with the new content (custom elements attach them on
    // insertion), to watch them for what renders inside later, a few at a time. After the
    // features' own look (which goes into open shadow roots by itself): on a page that
    // re-renders thousands of tiles, the tiles on screen must not wait for this walk.
    for (const scope of added) work.push({ name: 'shadow roots', items: changes.discover(scope), scope });
  }

  function decorateOne(feature: Feature, el: Element) {
    // Decorated meanwhile, or gone from the page while it waited (its replacement is queued).
    if (seen.has(el) || !el.isConnected || isOwn(el)) return;
    seen.add(el);
    if (near.admit(feature, el)) decorateNow(feature, el);
  }

  function decorateNow(feature: Feature, el: Element) {
    if (live.has(el) || !el.isConnected) return;
    // Invalidation aborts every live decoration (see below): no listener per decoration on
    // `signal`, which thousands of tiles re-rendered every second would make slow to remove.
    const controller = new AbortController();
    try {
      const decoration = feature.decorate(el, controller.signal, feature.nearViewport ? work.placeNear : work.place) ?? {};
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
    // A later batch without a pass of its own (tiles come near the screen while scrolling)
    // changed nothing on the page: decorations must not read it all again.
    batchChanged = [];
    for (const feature of features) {
      try {
        feature.afterBatch?.();
      } catch (error) {
        report(feature.name, error);
      }
    }
  }

  const view = doc.defaultView;
  const onNavigate = () => changes.wholePage();
  view?.addEventListener('hashchange', onNavigate, { signal });
  view?.addEventListener('popstate', onNavigate, { signal });

  signal.addEventListener(
    'abort',
    () => {
      changes.disconnect();
      near.disconnect();
      work.clear();
      for (const entry of live.values()) entry.controller.abort();
      live.clear();
      // Controls whose page element was detached but is still referenced: remove all of ours.
      for (const el of deepOwnHosts(doc)) el.remove();
    },
    { once: true },
  );
  changes.wholePage();

  return {
    poke: () => changes.wholePage(),
    sweepShadowRoots: () => changes.sweepShadowRoots(),
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
