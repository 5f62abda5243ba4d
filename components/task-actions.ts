/** Which per-task commands apply in a state: the buttons only appear where the machine allows them. */
import { canTransition, type TrackerState } from '@/utils/tracker/machine';
import { checkCampaignCode, checkInviteLink } from '@/utils/invite-link';
import type { TrackedTask } from '@/utils/tracker/schema';

/** "Mark as posted" before posting; after a failed retrieve, "Retry now" is the way forward. */
export const canMarkPosted = (state: TrackerState) => (state === 'notStarted' || state === 'inProgress') && canTransition(state, 'markPosted');
export const canRetryNow = (state: TrackerState) => (state === 'retryScheduled' || state === 'needsAttention') && canTransition(state, 'retryNow');
export const canUndoPosted = (state: TrackerState) => canTransition(state, 'undoPosted');

/**
 * The invite link we may offer (copy / QR). Stored links were checked when discovered;
 * they are checked again here because a backup import or an old record could hold anything.
 */
export function offerableInviteLink(task: Pick<TrackedTask, 'inviteLink'>): string | undefined {
  if (!task.inviteLink) return undefined;
  const checked = checkInviteLink(task.inviteLink);
  return checked.ok ? checked.value : undefined;
}

export function inviteLinkProblem(task: Pick<TrackedTask, 'inviteLink' | 'inviteLinkProblem'>): string | undefined {
  if (task.inviteLinkProblem) return task.inviteLinkProblem;
  if (!task.inviteLink) return undefined;
  const checked = checkInviteLink(task.inviteLink);
  return checked.ok ? undefined : checked.reason;
}

export function offerableCampaignCode(task: Pick<TrackedTask, 'campaignCode'>): string | undefined {
  if (!task.campaignCode) return undefined;
  const checked = checkCampaignCode(task.campaignCode);
  return checked.ok ? checked.value : undefined;
}
