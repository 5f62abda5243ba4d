/**
 * The `retrievePost` command from the background: find the task, open its details, press
 * "Retrieve my post" once per attempt, and answer with what the page said.
 */
import type { RetrieveResult, TaskIdentity } from '@/utils/messages';
import { retrievePost } from '@/utils/page/retrieve';
import type { OverlayContext } from '../context';

/** One retrieve at a time per page: a second command waits for the first to finish. */
let queue: Promise<unknown> = Promise.resolve();

export function handleRetrievePost(ctx: OverlayContext, task: TaskIdentity, attemptId: string): Promise<RetrieveResult> {
  const run = queue.then(() =>
    retrievePost(task, attemptId, {
      doc: ctx.doc,
      url: ctx.url,
      now: () => Date.now(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      clicks: sessionStorageOrNull(ctx.doc),
      signal: ctx.signal,
    }),
  );
  queue = run.catch(() => undefined);
  return run;
}

function sessionStorageOrNull(doc: Document): Storage | null {
  try {
    return doc.defaultView?.sessionStorage ?? null;
  } catch {
    return null; // storage blocked by the browser's privacy settings
  }
}
