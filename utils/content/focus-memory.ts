/**
 * Focus across the page's re-renders, for the controls the content script draws.
 */
import { OWN_ATTR, openShadowRoots } from '../page/dom';

/**
 * The page may replace our controls while one has focus (a re-render). Remember which
 * control had focus, by a stable key, and give it back on the rebuilt control.
 */
export class FocusMemory {
  private current: string | null = null;

  // Two listeners for the whole page instead of two per control (a page may hold thousands):
  // focus events from inside our open shadow roots carry the real target in composedPath().
  constructor(
    private doc: Document,
    signal?: AbortSignal,
  ) {
    doc.addEventListener(
      'focusin',
      (event) => {
        const target = event.composedPath()[0];
        const key = target instanceof Element ? target.getAttribute(FOCUS_KEY) : null;
        if (key) this.current = key;
      },
      { capture: true, signal },
    );
    // Focus moving elsewhere on purpose clears it; focus lost to a removal keeps it.
    doc.addEventListener('focusout', (event) => void ((event as FocusEvent).relatedTarget && (this.current = null)), { capture: true, signal });
  }

  track(control: HTMLElement, key: string): void {
    control.setAttribute(FOCUS_KEY, key);
  }

  /** Focus was lost (it is on <body>) and this rebuilt control is the one that had it. */
  restore(control: HTMLElement): void {
    const key = control.getAttribute(FOCUS_KEY);
    if (!key || key !== this.current) return;
    const active = this.doc.activeElement;
    if (active === null || active === this.doc.body || !active.isConnected) control.focus({ preventScroll: true });
  }

  /**
   * Give focus back to the control that opened a dialog, or to the control that replaced it
   * when the page re-rendered while the dialog was open.
   */
  returnTo(control: HTMLElement): void {
    const key = control.getAttribute(FOCUS_KEY);
    const target = control.isConnected ? control : key ? this.controlFor(key) : undefined;
    if (target?.isConnected) target.focus({ preventScroll: true });
    // The page removed the control and has not rendered its replacement yet (the hashed
    // family re-renders after a delay): the rebuilt control takes focus through restore().
    else if (key) this.current = key;
  }

  /** The control on the page now for a key (looked up only when a dialog closes). */
  private controlFor(key: string): HTMLElement | undefined {
    const selector = `[${FOCUS_KEY}="${CSS.escape(key)}"]`;
    for (const scope of [this.doc, ...openShadowRoots(this.doc)]) {
      for (const host of Array.from(scope.querySelectorAll(`[${OWN_ATTR}]`))) {
        const hit = host.shadowRoot?.querySelector<HTMLElement>(selector);
        if (hit) return hit;
      }
    }
    return undefined;
  }
}

const FOCUS_KEY = 'data-focus-key';
