/**
 * Commands the extension sends to this page. Only the extension itself may send them
 * (isTrustedContentSender), and every command is parsed with zod before it is obeyed.
 */
import { ContentMessageSchema, type SenderInfo } from '@/utils/messages';
import type { Reply } from '@/utils/messaging';
import { summarizeIssues } from '@/utils/tracker/schema';
import { isTrustedContentSender } from '@/utils/page/guards';
import type { OverlayContext } from './context';
import { handleGetDiagnostics } from './features/diagnostics';
import { handleCopyInviteLink } from './features/copy-command';
import type { PageActions } from '@/utils/content/page-actions';

/**
 * `pageActions`: what entrypoints/page-actions.ts left for this copy (utils/content/page-actions.ts),
 * which the worker injects before it asks for a retrieve or a Refresh all step.
 */
export async function handleCommand(ctx: OverlayContext, raw: unknown, sender: SenderInfo, ownId: string, pageActions: () => PageActions | undefined = () => undefined): Promise<Reply> {
  if (!isTrustedContentSender(sender, ownId)) return { ok: false, error: 'Command refused: unknown sender.' };
  const parsed = ContentMessageSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: `Command refused: ${summarizeIssues(parsed.error.issues)}` };
  const command = parsed.data;
  try {
    switch (command.type) {
      case 'retrievePost':
        return { ok: true, value: await actions(pageActions).retrievePost(ctx, command.task, command.attemptId) };
      case 'getDiagnostics':
        return { ok: true, value: handleGetDiagnostics(ctx) };
      case 'ping':
        return { ok: true, value: true };
      case 'copyInviteLink':
        return { ok: true, value: await handleCopyInviteLink(ctx, command.keys) };
      case 'refreshCampaigns':
        return { ok: true, value: await actions(pageActions).refreshCampaigns(ctx) };
      case 'refreshOpenCampaign':
        return { ok: true, value: await actions(pageActions).refreshOpenCampaign(ctx, command.campaign) };
      case 'refreshTasks':
        return { ok: true, value: await actions(pageActions).refreshTasks(ctx, command.runId, command.campaign) };
    }
  } catch (error) {
    return { ok: false, error: String((error as Error)?.message ?? error) };
  }
}

/** The worker injects the page actions before it asks: without them the command is refused. */
function actions(pageActions: () => PageActions | undefined): PageActions {
  const found = pageActions();
  if (!found) throw new Error('Command refused: the page actions are not loaded in this page.');
  return found;
}
