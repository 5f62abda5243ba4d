/**
 * The change collector: what the page changed since the observer last looked, so that a pass
 * looks only at that (the added or changed subtrees), never the whole document again. One
 * MutationObserver watches the document and every open shadow root found in it (a shadow
 * root's insides are not part of the document's subtree); our own controls going in or out
 * are not changes of the page and are ignored.
 */
import { OWN_ATTR, composedParent, forgetChanged, isOwn, newDomMemo, openShadowRoots, openShadowRootsStepwise, type DomMemo } from '../dom';

/**
 * aria-hidden: whether an element shows text (hasText, remembered in the memo) depends on it,
 * on the element or any ancestor. The page's other attributes change nothing detection keeps.
 */
const OBSERVE: MutationObserverInit = { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['aria-hidden'] };

/** What the next pass looks at (taken, and forgotten, by `take()`). */
export interface Pass {
  /** Where the features look: the document, or the outermost subtrees added or changed. */
  scopes: ParentNode[];
  /** What the pass looked at, for the decorations' update (null: the whole page). */
  changed: Node[] | null;
  /** Something was removed (or this is a whole-page pass): check whether our controls went with it. */
  checkDrops: boolean;
  /** The new content, to look for the shadow roots that came with it (see `discover`). */
  added: ParentNode[];
}

export interface ChangeCollector {
  /** Something changed since the last `take()`. */
  readonly pending: boolean;
  /**
   * What detection learnt of the page's subtrees (shadow roots, text), kept across frames and
   * batches: a change makes it forget the changed subtrees only (forgetChanged), so a pass
   * after a change re-reads what changed, not the whole page.
   */
  readonly memo: DomMemo;
  /** Take in the changes the browser has not reported yet (before a pass uses `memo`). */
  flush(): void;
  /** Look at the whole page in the next pass (start, navigation, poke). */
  wholePage(): void;
  /** Look for shadow roots attached without any mutation we could see (late upgrades). */
  sweepShadowRoots(): void;
  /** What the next pass looks at; starts collecting afresh. */
  take(): Pass;
  /** Finds the open shadow roots under `scope` a few at a time (steps yield null) and watches those not watched yet. */
  discover(scope: ParentNode): Generator<null>;
  disconnect(): void;
}

/** Collects the changes of `doc`; `onChange` is called on each one (to schedule a pass). */
export function collectChanges(doc: Document, onChange: () => void): ChangeCollector {
  const observedRoots = new WeakSet<Node>();
  /** Something changed since the last look. */
  let pending = false;
  /** Subtrees added or changed since the last pass; `wholePage` means look at everything. */
  let roots = new Set<ParentNode>();
  let wholePage = true;
  /** Something was removed: a pass checks whether our controls went with it. */
  let removals = false;
  /** Look for shadow roots attached without any mutation we could see (late upgrades). */
  let shadowSweep = false;
  /**
   * Shadow roots a pass took in as new content (discover) or as a sweep's scope: a root found
   * otherwise (watched the moment detection found it, see DomMemo.found) is still a sweep's
   * scope, as a root attached without any mutation we could see.
   */
  const discovered = new WeakSet<ShadowRoot>();
  // Every root detection finds is watched before anything inside it is read (and remembered).
  const fresh = () => newDomMemo((sr) => void watch(sr));
  let memo: DomMemo = fresh();

  function onRecords(records: MutationRecord[]) {
    let relevant = false;
    /** Nodes whose memo was forgotten in this round (a climb stops at one). */
    const forgotten = new Set<Node>();
    for (const record of records) {
      if (isOwn(record.target)) continue;
      if (record.type === 'attributes') {
        // Shown or hidden from assistive tech: what shows text below it is read afresh (the
        // answer of every element below may change, so all of them are forgotten; cheap, they
        // are read again only when asked). Nothing to look at again for it alone, as before the
        // memo outlived a pass.
        memo.shows = new WeakMap();
        continue;
      }
      if (record.type === 'characterData') {
        const parent = record.target.parentNode;
        if (parent) roots.add(parent);
        forgetChanged(memo, record.target, forgotten);
        relevant = true;
        continue;
      }
      let pageNodes = false;
      for (const node of Array.from(record.addedNodes)) {
        if (node instanceof Element && node.hasAttribute(OWN_ATTR)) continue;
        relevant = pageNodes = true;
        // A text node: its element is what changed.
        roots.add(node instanceof Element || node instanceof DocumentFragment ? node : (record.target as ParentNode));
      }
      // A removal can drop our controls with the page's nodes: check them in the next pass.
      for (const node of Array.from(record.removedNodes))
        if (!(node instanceof Element && node.hasAttribute(OWN_ATTR))) {
          removals = true;
          relevant = pageNodes = true;
        }
      // The page's subtrees around the change are no longer what the memo says. (Our own
      // controls going in or out change nothing there: detection skips them.)
      if (pageNodes) forgetChanged(memo, record.target, forgotten);
    }
    if (relevant) changed();
  }

  const mutationObserver = new MutationObserver(onRecords);

  function changed() {
    pending = true;
    onChange();
  }

  /** Observe a shadow root not observed yet; false if it already is. */
  function watch(sr: ShadowRoot): boolean {
    if (observedRoots.has(sr)) return false;
    observedRoots.add(sr);
    mutationObserver.observe(sr, OBSERVE);
    return true;
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

  mutationObserver.observe(doc, OBSERVE);

  return {
    get pending() {
      return pending;
    },
    get memo() {
      return memo;
    },
    flush() {
      const records = mutationObserver.takeRecords();
      if (records.length) onRecords(records);
    },
    wholePage() {
      // A look at everything starts from nothing known (what no mutation tells, such as an
      // attribute hiding a part, is read afresh).
      memo = fresh();
      wholePage = true;
      changed();
    },
    sweepShadowRoots() {
      // Shadow roots attached without a mutation: what was remembered of their hosts is stale.
      memo = fresh();
      shadowSweep = true;
      changed();
    },
    take() {
      const scopes: ParentNode[] = wholePage ? [doc] : outermost(roots);
      const added = [...scopes];
      // Late upgrades attach one without a light-DOM mutation: new ones are looked at too,
      // and count as changed (a TTCM section drawn into one is read again).
      if (shadowSweep && !wholePage)
        for (const sr of openShadowRoots(doc)) {
          watch(sr);
          if (discovered.has(sr)) continue;
          discovered.add(sr);
          scopes.push(sr);
        }
      const pass: Pass = { scopes, changed: wholePage ? null : [...(scopes as Node[])], checkDrops: wholePage || removals, added };
      pending = false;
      roots = new Set();
      wholePage = false;
      removals = false;
      shadowSweep = false;
      return pass;
    },
    *discover(scope) {
      const found = yield* openShadowRootsStepwise(scope);
      // What changed inside a root before it was watched went unreported: forget it, to be read
      // afresh. (Detection watches every root it finds before reading it: none is new here then.)
      const forgotten = new Set<Node>();
      for (const sr of found) {
        discovered.add(sr);
        if (watch(sr)) forgetChanged(memo, sr, forgotten);
      }
    },
    disconnect: () => mutationObserver.disconnect(),
  };
}
