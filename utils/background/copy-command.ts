/**
 * The "copy-invite-link" keyboard command (manifest `commands`, rebindable in the browser's
 * shortcut settings): copy the invite link of the task the active tab shows.
 *
 * A clipboard write needs a document, so the worker only chooses the tasks (the same "this tab
 * shows it" rules as the popup's "On this tab": utils/page/urls.ts) and asks the tab's content
 * script, top frame, to copy; the page reads and checks the link itself from the tracker and
 * says "Copied" (or why not) where the creator looks.
 */
import { offerableInviteLink } from '@/components/task-actions';
import { isPastPosting } from '@/components/next-step';
import { isSameTaskPage, tabShowsTask } from '../page/urls';
import type { TrackedTask } from '../tracker/schema';
import type { ContentMessage } from '../messages';

export const COPY_INVITE_LINK_COMMAND = 'copy-invite-link';

/**
 * The keys of the tasks whose invite link the command may copy on this tab, best first: the
 * tab's own task page before its campaign's, tasks still to post before the others. Only tasks
 * with a link we would offer as a button.
 */
export function copyCandidates(tasks: readonly TrackedTask[], tabUrl: string | undefined): string[] {
  const rank = (t: TrackedTask) => (isSameTaskPage(tabUrl, t.taskUrl) ? 0 : 2) + (isPastPosting(t.state) ? 1 : 0);
  return tasks
    .filter((t) => offerableInviteLink(t) !== undefined && tabShowsTask(tabUrl, t))
    .sort((a, b) => rank(a) - rank(b) || (a.key < b.key ? -1 : 1))
    .map((t) => t.key);
}

export interface CopyCommandDeps {
  /** The tab the command was pressed in (onCommand's), or the active tab of the focused window. */
  activeTab(): Promise<{ id?: number; url?: string } | undefined>;
  tasks(): Promise<TrackedTask[]>;
  /** To the tab's top frame; not ok when no content script of ours answers there. */
  sendToTab(tabId: number, message: Extract<ContentMessage, { type: 'copyInviteLink' }>): Promise<{ ok: boolean }>;
}

/** Runs the command; false when the tab has no content script of ours (not an impact.com page). */
export async function runCopyCommand(deps: CopyCommandDeps): Promise<boolean> {
  const tab = await deps.activeTab();
  if (tab?.id === undefined) return false;
  const keys = copyCandidates(await deps.tasks(), tab.url).slice(0, 50);
  try {
    return (await deps.sendToTab(tab.id, { type: 'copyInviteLink', keys })).ok;
  } catch {
    return false;
  }
}
