/**
 * Near-viewport tracking, for features that decorate an element only once it comes near the
 * screen (Feature.nearViewport): a page of thousands of tiles then costs a screenful of
 * controls, and the rest follow as the creator scrolls. One IntersectionObserver with
 * NEAR_VIEWPORT_MARGIN watches the elements found; those not near yet wait, and are handed
 * back when the browser reports them near. Without IntersectionObserver (old engines, test
 * DOMs) everything is decorated at once.
 */
import type { Feature } from '../observer';

/** How far outside the screen a near-viewport element is decorated: two screens each way. */
export const NEAR_VIEWPORT_MARGIN = '200% 0px 200% 0px';

export interface NearViewport {
  /**
   * Whether `el`, just found, is decorated now: always for a feature that is not near-viewport
   * (or without IntersectionObserver). Else it is watched, and decorated now only if it
   * replaces an element near the screen (Feature.sameAs); otherwise it waits to come near.
   */
  admit(feature: Feature, el: Element): boolean;
  /** Stop watching the elements that left the page. */
  forgetGone(): void;
  disconnect(): void;
}

/**
 * `onNear` gets the waiting elements that came near the viewport, per feature (never an empty
 * map); `report` gets the errors of Feature.sameAs.
 */
export function trackNearViewport(
  doc: Document,
  onNear: (near: Map<Feature, Element[]>) => void,
  report: (feature: string, error: unknown) => void,
): NearViewport {
  /** Found elements of near-viewport features that are not near the viewport yet. */
  const waiting = new Map<Element, Feature>();
  /** Elements of near-viewport features on the page, decorated or not, watched for nearness. */
  const watched = new Map<Element, Feature>();
  /** Per feature, what the elements near the screen stand for (Feature.sameAs) → that element. */
  const nearNow = new Map<Feature, Map<string, Element>>();
  const View = doc.defaultView ?? (typeof window === 'undefined' ? undefined : window);
  const nearObserver =
    View && 'IntersectionObserver' in View
      ? new View.IntersectionObserver(onNearViewport, { rootMargin: NEAR_VIEWPORT_MARGIN })
      : undefined;

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
    if (near.size > 0) onNear(near);
  }

  return {
    admit(feature, el) {
      if (!feature.nearViewport || !nearObserver) return true;
      // Observing afresh makes the browser report it once more: an element whose controls the
      // page removed (and is looked at again) is already watched, and would not be reported.
      if (watched.has(el)) nearObserver.unobserve(el);
      watched.set(el, feature);
      nearObserver.observe(el);
      if (replacesNear(feature, el)) return true;
      waiting.set(el, feature);
      return false;
    },
    forgetGone() {
      for (const el of watched.keys()) {
        if (el.isConnected) continue;
        nearObserver?.unobserve(el);
        watched.delete(el);
        waiting.delete(el);
      }
    },
    disconnect() {
      nearObserver?.disconnect();
      waiting.clear();
      watched.clear();
      nearNow.clear();
    },
  };
}
