/**
 * What every content-script feature shares: the page, the lifetime signal, a way to talk to
 * the background, a read-only live view of the tracker, the tasks seen on this page, and
 * focus memory across the page's re-renders.
 */
import type { ContentScriptMessage } from '@/utils/messages';
import type { Reply } from '@/utils/messaging';
import { OWN_ATTR, openShadowRoots } from '@/utils/page/dom';
import { taskKey } from '@/utils/tracker/keys';
import type { DiscoveredTask, TrackedTask } from '@/utils/tracker/schema';
import { applyPathStep, livePath, pathStepOf, readPath, type CreatorPath } from '@/utils/page/path';

export interface TrackerView {
  tasks(): TrackedTask[];
  get(key: string): TrackedTask | undefined;
  /** Called after every change of `local:tracker`; returns an unsubscribe. */
  subscribe(listener: () => void): () => void;
}

export interface OverlayContext {
  doc: Document;
  signal: AbortSignal;
  /** The address of the page the creator is on (the top frame's, from inside a frame). */
  url(): string;
  /** This frame's own address, when it is a frame with one. */
  frameUrl(): string | undefined;
  /** What the creator pressed on the way here (Manage Tasks, View Task Details). */
  path(): CreatorPath | undefined;
  /** To the background: what a content script may send (messages.ts CONTENT_SCRIPT_MESSAGES). */
  send(message: ContentScriptMessage): Promise<Reply>;
  tracker: TrackerView;
  seen: SeenTasks;
  focus: FocusMemory;
  /** Detection problems found while decorating (reported by getDiagnostics). */
  problems: Set<string>;
}

/**
 * Tasks discovered on this page. `report` sends `taskSeen` only when something changed, and
 * `ready(key)` lets a later command (setStep, markPosted) wait until the tracker has the task.
 */
export class SeenTasks {
  private last = new Map<string, string>();
  private pending = new Map<string, Promise<unknown>>();
  constructor(private send: (message: ContentScriptMessage) => Promise<Reply>) {}

  report(task: DiscoveredTask): string {
    const key = taskKey(task);
    const json = JSON.stringify(task);
    if (this.last.get(key) !== json) {
      this.last.set(key, json);
      const before = this.pending.get(key) ?? Promise.resolve();
      const sent = before.then(() => this.send({ type: 'taskSeen', task })).then((reply) => {
        // Let the next sighting try again if the background refused or was unreachable.
        if (!reply.ok && this.last.get(key) === json) this.last.delete(key);
        return reply;
      });
      this.pending.set(key, sent);
    }
    return key;
  }

  ready(key: string): Promise<unknown> {
    return this.pending.get(key) ?? Promise.resolve();
  }
}

/**
 * The creator's path as this frame knows it: its own clicks at once, and what the background
 * kept for the tab (a click in the top frame, or on the page before a navigation).
 */
export class PathMemory {
  private path: CreatorPath | undefined;
  constructor(private send: (message: ContentScriptMessage) => Promise<Reply>) {}

  current(): CreatorPath | undefined {
    return livePath(this.path, Date.now());
  }

  /** Ask the background what was pressed in this tab before this frame or page was there. */
  async load(): Promise<void> {
    const reply = await this.send({ type: 'pathContext' });
    const path = reply.ok ? readPath(reply.value) : undefined;
    if (path && (!this.path || path.at > this.path.at)) this.path = path;
  }

  record(event: Event, url: string): void {
    let step;
    try {
      step = pathStepOf(event, url);
    } catch {
      return; // a page we cannot read: the path stays as it was
    }
    if (!step) return;
    this.path = applyPathStep(this.current(), step, Date.now());
    void this.send({ type: 'pathStep', step });
  }
}

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
