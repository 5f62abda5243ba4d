/**
 * What the extension asks of an impact.com page now and then: press "Retrieve my post" and
 * read the outcome (features/retrieve-post.ts), Refresh all's steps (features/refresh.ts), the
 * popup's Diagnostics (features/diagnostics.ts) and the copy-invite-link keyboard command
 * (features/copy-command.ts).
 * Not part of the content script that every impact.com page loads: the worker (or the popup,
 * for diagnostics) injects this file into the tab's top frame just before each such command
 * (utils/background/tabs-browser.ts pageActionsPost, `scripting.executeScript`, on
 * app.impact.com or an address the creator allowed), and it
 * leaves the actions for the content script's one command listener, which checks the sender
 * and hands them here; they are parsed here before anything is pressed (refusePageCommand).
 */
import { leavePageActions } from '@/utils/content/page-actions';
import { refusePageCommand } from '@/utils/content/page-command';
import { handleRetrievePost } from './content/features/retrieve-post';
import { handleRefreshCampaigns, handleRefreshOpenCampaign, handleRefreshTasks } from './content/features/refresh';
import { handleGetDiagnostics } from './content/features/diagnostics';
import { handleCopyInviteLink } from './content/features/copy-command';

export default defineUnlistedScript(() => {
  leavePageActions({
    refuse: refusePageCommand,
    retrievePost: handleRetrievePost,
    refreshCampaigns: handleRefreshCampaigns,
    refreshOpenCampaign: handleRefreshOpenCampaign,
    refreshTasks: handleRefreshTasks,
    getDiagnostics: handleGetDiagnostics,
    copyInviteLink: handleCopyInviteLink,
  });
});
