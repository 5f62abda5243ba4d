/**
 * A selector observer in the spirit of refined-github's: features declare how to FIND the
 * page elements they decorate and how to DECORATE one; the observer calls `decorate` once
 * per element (WeakSet), re-runs detection only when the page added or changed content
 * (MutationObserver, batched to one pass per animation frame), follows the page into open
 * shadow roots, and notices SPA navigation (hash, history). Everything is scoped to an
 * AbortSignal: when the extension is reloaded or updated, every control is removed and
 * observing stops.
 */
import { OWN_ATTR, isOwn, openShadowRoots } from './dom';

export interface Decoration {
  /** What was injected for this element; if the page's re-render drops it, we decorate again. */
  hosts?: Element[];
  /** Called after every batch while the element is on the page (re-read live values). */
  update?(): void;
}

export interface Feature {
  name: string;
  /** Every element on the page this feature decorates (pure detection, shadow roots included). */
  find(doc: Document): Element[];
  /** Decorate one element. `signal` aborts when the element leaves the page or we are invalidated. */
  decorate(el: Element, signal: AbortSignal): Decoration | void;
  /** Called after every batch, once, with all live decorations processed. */
  afterBatch?(): void;
}

export interface ObserverOptions {
  doc: Document;
  signal: AbortSignal;
  features: Feature[];
  /** Defers a batch; requestAnimationFrame by default (tests pass a synchronous or microtask one). */
  schedule?: (run: () => void) => void;
  /** Errors from one feature never stop the others; they are reported here. */
  onError?: (feature: string, error: unknown) => void;
}

interface Live {
  feature: Feature;
  controller: AbortController;
  decoration: Decoration;
}

export interface PageObserver {
  /** Run a detection pass now (e.g. after navigation or a click that may have upgraded a custom element). */
  poke(): void;
  /** Number of elements currently decorated, per feature (diagnostics and tests). */
  counts(): Record<string, number>;
}

const OBSERVE: MutationObserverInit = { childList: true, subtree: true, characterData: true };

export function observePage({ doc, signal, features, schedule, onError }: ObserverOptions): PageObserver {
  const defer = schedule ?? ((run) => (doc.defaultView ?? window).requestAnimationFrame(() => run()));
  const seen = new WeakSet<Element>();
  const live = new Map<Element, Live>();
  const observedRoots = new WeakSet<Node>();
  let pending = false;

  const report = (feature: string, error: unknown) => {
    if (onError) onError(feature, error);
    else console.warn(`[TikTok deliverable helper] ${feature}:`, error);
  };

  const mutationObserver = new MutationObserver((records) => {
    let relevant = false;
    for (const record of records) {
      if (isOwn(record.target)) continue;
      if (record.type === 'characterData') {
        relevant = true;
        continue;
      }
      for (const node of Array.from(record.addedNodes)) {
        if (node instanceof Element && node.hasAttribute(OWN_ATTR)) continue;
        relevant = true;
        if (node instanceof Element || node instanceof DocumentFragment) watchShadowRoots(node);
      }
      // A removal can drop our controls with the page's nodes: check them in the next pass.
      for (const node of Array.from(record.removedNodes)) if (!(node instanceof Element && node.hasAttribute(OWN_ATTR))) relevant = true;
    }
    if (relevant) request();
  });

  function watchShadowRoots(root: ParentNode) {
    for (const sr of openShadowRoots(root)) {
      if (observedRoots.has(sr)) continue;
      observedRoots.add(sr);
      mutationObserver.observe(sr, OBSERVE);
    }
  }

  function request() {
    if (pending || signal.aborted) return;
    pending = true;
    defer(() => {
      pending = false;
      if (!signal.aborted) pass();
    });
  }

  function pass() {
    // Shadow roots attached without a light-DOM mutation (late custom element upgrades).
    watchShadowRoots(doc);
    // Drop decorations whose element left the page; redo those whose controls the page removed.
    for (const [el, entry] of live) {
      const gone = !el.isConnected;
      const dropped = !gone && (entry.decoration.hosts ?? []).some((h) => !h.isConnected);
      if (gone || dropped) {
        entry.controller.abort();
        live.delete(el);
        if (dropped) seen.delete(el);
      }
    }
    for (const feature of features) {
      let found: Element[] = [];
      try {
        found = feature.find(doc);
      } catch (error) {
        report(feature.name, error);
      }
      for (const el of found) {
        if (seen.has(el) || isOwn(el)) continue;
        seen.add(el);
        const controller = new AbortController();
        const stop = () => controller.abort();
        signal.addEventListener('abort', stop, { once: true });
        controller.signal.addEventListener('abort', () => signal.removeEventListener('abort', stop), { once: true });
        try {
          const decoration = feature.decorate(el, controller.signal) ?? {};
          live.set(el, { feature, controller, decoration });
        } catch (error) {
          controller.abort();
          report(feature.name, error);
        }
      }
    }
    for (const [el, entry] of live) {
      try {
        if (el.isConnected) entry.decoration.update?.();
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
  const onNavigate = () => request();
  view?.addEventListener('hashchange', onNavigate, { signal });
  view?.addEventListener('popstate', onNavigate, { signal });

  mutationObserver.observe(doc, OBSERVE);
  watchShadowRoots(doc);
  signal.addEventListener(
    'abort',
    () => {
      mutationObserver.disconnect();
      for (const entry of live.values()) entry.controller.abort();
      live.clear();
      // Controls whose page element was detached but is still referenced: remove all of ours.
      for (const el of deepOwnHosts(doc)) el.remove();
    },
    { once: true },
  );
  request();

  return {
    poke: request,
    counts() {
      const out: Record<string, number> = {};
      for (const entry of live.values()) out[entry.feature.name] = (out[entry.feature.name] ?? 0) + 1;
      return out;
    },
  };
}

function deepOwnHosts(doc: Document): Element[] {
  const out: Element[] = [];
  for (const scope of [doc, ...openShadowRoots(doc)]) out.push(...Array.from(scope.querySelectorAll(`[${OWN_ATTR}]`)));
  return out;
}
