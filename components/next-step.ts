/**
 * The creator's one next step, in the order of impact.com's help article "Submit a TikTok
 * Deliverable" on the path they chose: invite link (Copy invite link → scan the QR code →
 * join in TikTok and post → Mark as posted) or campaign code (Copy campaign code → add it
 * in the TikTok app and post → Mark as posted); then the extension retrieves the post
 * (nothing to press unless a try failed: Retry now). The page strip, the tiles and the
 * popup card show this one as their primary button and the rest as secondary.
 */
import type { TrackerState } from '@/utils/tracker/machine';
import type { DeliveryPath, StepId } from '@/utils/tracker/schema';

export type NextAction = 'copyInviteLink' | 'showQr' | 'copyCampaignCode' | 'markPosted' | 'retryNow';

export interface NextStepInput {
  state: TrackerState;
  path: DeliveryPath;
  steps: Partial<Record<StepId, number>>;
}

export interface Offers {
  /** A valid invite link can be copied / shown as a QR code here. */
  link: boolean;
  /** A valid campaign code can be copied here. */
  code: boolean;
  /** The QR code was shown in this view already (scanning is done on the phone: no tick for it). */
  qrShown?: boolean;
  /** This view has a Retry now button. */
  retry?: boolean;
}

/** True once the task needs nothing more from the creator's copy controls. */
export function isPastPosting(state: TrackerState): boolean {
  return state === 'posted' || state === 'retrieving' || state === 'submitted';
}

/** The one action to make primary, or null (waiting for impact.com, or done). */
export function nextAction(task: NextStepInput | undefined, offers: Offers): NextAction | null {
  const state = task?.state ?? 'notStarted';
  if (isPastPosting(state)) return null;
  if (state === 'retryScheduled' || state === 'needsAttention') return offers.retry ? 'retryNow' : null;
  // `steps?.`: a record the page reads from storage unparsed may lack it (entrypoints/content/tracker-view.ts).
  const done = (s: StepId) => task?.steps?.[s] !== undefined;
  const path: DeliveryPath = !offers.link && offers.code ? 'campaignCode' : offers.link && !offers.code ? 'inviteLink' : (task?.path ?? 'inviteLink');
  if (path === 'inviteLink' && offers.link) {
    if (!done('linkCopied') && !done('openedOnPhone') && !done('joinedCampaign') && !done('videoPosted')) return 'copyInviteLink';
    if (!offers.qrShown && !done('openedOnPhone') && !done('joinedCampaign') && !done('videoPosted')) return 'showQr';
  } else if (path === 'campaignCode' && offers.code) {
    if (!done('codeCopied') && !done('codeAddedInApp') && !done('videoPosted')) return 'copyCampaignCode';
  }
  return task ? 'markPosted' : null;
}
