/**
 * The tasks this page has shown, as reported to the background (the tracker's only writer).
 */
import type { ContentScriptSend } from '../messages';
import type { DiagnosticNote } from '../page/diagnostic-notes';
import { taskKey } from '../tracker/keys';
import type { DiscoveredTask } from '../tracker/schema';

/**
 * Tasks discovered on this page. `report` sends `taskSeen` only when something changed, and
 * `ready(key)` lets a later command (setStep, markPosted) wait until the tracker has the task.
 *
 * The worker parses each reported read (DiscoveredTaskSchema: the content script carries no
 * zod, README "Boundaries"); a read it refuses is answered with the reason, kept here as the
 * task's `refusal` until the page shows the task differently (then it is reported again).
 */
export class SeenTasks {
  private last = new Map<string, string>();
  private pending = new Map<string, Promise<unknown>>();
  private refused = new Map<string, DiagnosticNote>();
  constructor(private send: ContentScriptSend) {}

  report(task: DiscoveredTask): string {
    const key = taskKey(task);
    const json = JSON.stringify(task);
    if (this.last.get(key) !== json) {
      this.last.set(key, json);
      this.refused.delete(key);
      const before = this.pending.get(key) ?? Promise.resolve();
      const sent = before.then(() => this.send({ type: 'taskSeen', task })).then((reply) => {
        if (!reply.ok && this.last.get(key) === json) {
          // The same read would be refused again: kept (not sent again) with the worker's reason.
          if (reply.code === 'detailsNotReadable') this.refused.set(key, { code: 'detailsNotReadable', value: reply.params?.issues ?? '' });
          // Let the next sighting try again if the background refused otherwise or was unreachable.
          else this.last.delete(key);
        }
        return reply;
      });
      this.pending.set(key, sent);
    }
    return key;
  }

  ready(key: string): Promise<unknown> {
    return this.pending.get(key) ?? Promise.resolve();
  }

  /** Why the worker refused the task as last read ("Task details not readable: …"), once it answered. */
  refusal(key: string): DiagnosticNote | undefined {
    return this.refused.get(key);
  }
}
