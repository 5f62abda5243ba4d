/**
 * The worker's side of a task read off a page (the router's `taskSeen`). Its own module: the
 * content-script tests answer page reads with it as the router does.
 */
import { DiscoveredTaskSchema } from '../messages';
import type { Reply } from '../messaging';
import { summarizeIssues } from '../tracker/schema';

/**
 * A task the content script read off a page is parsed here, not there (zod stays off every
 * impact.com page; README "Boundaries"): a read the schema refuses is answered with the
 * reason, in the task's own terms ("taskUrl: Invalid URL"), which the page shows in place of
 * the task's controls ("Task details not readable: …").
 */
export function unreadableTask(raw: unknown): Reply | undefined {
  const message = raw && typeof raw === 'object' ? (raw as { type?: unknown; task?: unknown }) : undefined;
  if (message?.type !== 'taskSeen') return undefined;
  const task = DiscoveredTaskSchema.safeParse(message.task);
  if (task.success) return undefined;
  const issues = summarizeIssues(task.error.issues);
  return { ok: false, error: `Task details not readable: ${issues}`, code: 'detailsNotReadable', params: { issues } };
}

