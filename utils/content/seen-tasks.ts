/**
 * The tasks this page has shown, as reported to the background (the tracker's only writer).
 */
import type { ContentScriptSend } from '../messages';
import { taskKey } from '../tracker/keys';
import type { DiscoveredTask } from '../tracker/schema';

/**
 * Tasks discovered on this page. `report` sends `taskSeen` only when something changed, and
 * `ready(key)` lets a later command (setStep, markPosted) wait until the tracker has the task.
 */
export class SeenTasks {
  private last = new Map<string, string>();
  private pending = new Map<string, Promise<unknown>>();
  constructor(private send: ContentScriptSend) {}

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
