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
import { handleRetrievePost } from './features/retrieve-post';
import { handleCopyInviteLink } from './features/copy-command';
import { handleRefreshCampaigns, handleRefreshOpenCampaign, handleRefreshTasks } from './features/refresh';

export async function handleCommand(ctx: OverlayContext, raw: unknown, sender: SenderInfo, ownId: string): Promise<Reply> {
  if (!isTrustedContentSender(sender, ownId)) return { ok: false, error: 'Command refused: unknown sender.' };
  const parsed = ContentMessageSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: `Command refused: ${summarizeIssues(parsed.error.issues)}` };
  const command = parsed.data;
  try {
    switch (command.type) {
      case 'retrievePost':
        return { ok: true, value: await handleRetrievePost(ctx, command.task, command.attemptId) };
      case 'getDiagnostics':
        return { ok: true, value: handleGetDiagnostics(ctx) };
      case 'ping':
        return { ok: true, value: true };
      case 'copyInviteLink':
        return { ok: true, value: await handleCopyInviteLink(ctx, command.keys) };
      case 'refreshCampaigns':
        return { ok: true, value: await handleRefreshCampaigns(ctx) };
      case 'refreshOpenCampaign':
        return { ok: true, value: await handleRefreshOpenCampaign(ctx, command.campaign) };
      case 'refreshTasks':
        return { ok: true, value: await handleRefreshTasks(ctx, command.runId, command.campaign) };
    }
  } catch (error) {
    return { ok: false, error: String((error as Error)?.message ?? error) };
  }
}
