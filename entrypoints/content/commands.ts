/**
 * Commands the extension sends to this page. Only the extension itself may send them
 * (isTrustedContentSender): its worker, which sends only commands it built itself
 * (utils/messages.ts sendToTab, typed by ContentMessageSchema). They are not parsed again here:
 * the worker is the boundary (README "Boundaries"), and zod would cost every impact.com page
 * ~9 KB gzip. A type this version does not know (an older or newer worker) is refused.
 */
import type { ContentMessage, SenderInfo } from '@/utils/messages';
import type { Reply } from '@/utils/messaging';
import { isTrustedContentSender } from '@/utils/page/guards';
import type { OverlayContext } from './context';
import type { PageActions } from '@/utils/content/page-actions';

/**
 * `pageActions`: what entrypoints/page-actions.ts left for this copy (utils/content/page-actions.ts),
 * which the worker or the popup injects before it asks for a retrieve, a Refresh all step,
 * diagnostics or a copy by the keyboard command.
 */
export async function handleCommand(ctx: OverlayContext, raw: unknown, sender: SenderInfo, ownId: string, pageActions: () => PageActions | undefined = () => undefined): Promise<Reply> {
  if (!isTrustedContentSender(sender, ownId)) return { ok: false, error: 'Command refused: unknown sender.' };
  if (!raw || typeof raw !== 'object') return { ok: false, error: 'Command refused: not a command.' };
  const command = raw as ContentMessage;
  try {
    switch (command.type) {
      case 'retrievePost':
        return { ok: true, value: await actions(pageActions, raw).retrievePost(ctx, command.task, command.attemptId) };
      case 'getDiagnostics':
        return { ok: true, value: actions(pageActions, raw).getDiagnostics(ctx) };
      case 'ping':
        return { ok: true, value: true };
      case 'copyInviteLink':
        return { ok: true, value: await actions(pageActions, raw).copyInviteLink(ctx, command.keys) };
      case 'refreshCampaigns':
        return { ok: true, value: await actions(pageActions, raw).refreshCampaigns(ctx) };
      case 'refreshOpenCampaign':
        return { ok: true, value: await actions(pageActions, raw).refreshOpenCampaign(ctx, command.campaign) };
      case 'refreshTasks':
        return { ok: true, value: await actions(pageActions, raw).refreshTasks(ctx, command.runId, command.campaign) };
      default:
        return { ok: false, error: `Command refused: unknown command ${JSON.stringify(String((raw as { type?: unknown } | null)?.type))}.` };
    }
  } catch (error) {
    return { ok: false, error: String((error as Error)?.message ?? error) };
  }
}

/**
 * The worker injects the page actions before it asks: without them the command is refused.
 * The commands that press on the page are parsed by the injected script (it carries zod anyway):
 * one that does not parse reaches no action.
 */
function actions(pageActions: () => PageActions | undefined, command: unknown): PageActions {
  const found = pageActions();
  if (!found) throw new Error('Command refused: the page actions are not loaded in this page.');
  const refused = found.refuse?.(command);
  if (refused) throw new Error(`Command refused: ${refused}`);
  return found;
}
