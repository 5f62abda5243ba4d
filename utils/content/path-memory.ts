/**
 * The creator's path (which tile's Manage Tasks and which row's View Task Details were
 * pressed) in a content script: utils/page/path.ts reads the clicks, the background keeps
 * the path per tab.
 */
import type { ContentScriptSend } from '../messages';
import { applyPathStep, livePath, pathStepOf, readPath, type CreatorPath } from '../page/path';

/**
 * The creator's path as this frame knows it: its own clicks at once, and what the background
 * kept for the tab (a click in the top frame, or on the page before a navigation).
 */
export class PathMemory {
  private path: CreatorPath | undefined;
  constructor(private send: ContentScriptSend) {}

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
