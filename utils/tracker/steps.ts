/**
 * The step checklists of impact.com's help article "Submit a TikTok Deliverable"
 * (shared/seed/submit-a-tiktok-deliverable.txt), one per way of linking the post.
 * Steps done in the TikTok app carry the app's exact menu path, because that is the part a
 * creator cannot look up on impact.com while holding the phone.
 */
import { COMMON_AUTHORIZATION_WINDOWS, type AuthorizationDays, type DeliveryPath, type StepId, type TrackedTask } from './schema';

export interface StepDefinition {
  id: StepId;
  /** Short label; `{days}` is replaced by the campaign's authorization window. */
  label: string;
  /** Where the step happens. */
  where: 'impact' | 'phone' | 'tiktokApp';
  /** The TikTok app's menu path, in order, for steps done in the app. */
  menuPath?: readonly string[];
  /** What the article adds around the menu path (the taps before and after it). */
  hint?: string;
  /** The article marks it optional (Spark Ads authorization). */
  optional?: boolean;
}

export const PATH_LABELS: Record<DeliveryPath, string> = {
  inviteLink: 'Invite link',
  campaignCode: 'Campaign code',
};

/** Seed article, "Link via campaign code", steps 2–5. */
export const CAMPAIGN_CODE_MENU_PATH = [
  'Content disclosure and ads',
  'Disclose video content',
  'Branded content',
  'Link campaign',
  'Add campaign code',
] as const;

/** Seed article, "Link via campaign code", step 9: inside Content disclosure and ads. */
export const CODE_AD_AUTHORIZATION_MENU_PATH = ['Content disclosure and ads', 'Ad Authorization', 'Ad authorization window'] as const;

/** Seed article, "Use an invite link", step 3: the Ad Authorization section of the post. */
export const INVITE_AD_AUTHORIZATION_MENU_PATH = ['Ad Authorization', 'Ad authorization window'] as const;

/** Seed article, "Use an invite link", steps 4–6. */
export const POST_FROM_DRAFTS_MENU_PATH = ['Upload video', 'Upload from drafts', 'Next', 'Post'] as const;

export const STEPS: Record<DeliveryPath, readonly StepDefinition[]> = {
  inviteLink: [
    { id: 'linkCopied', label: 'Invite link copied', where: 'impact' },
    { id: 'openedOnPhone', label: 'Invite link opened on your phone (scan the QR code)', where: 'phone' },
    {
      id: 'joinedCampaign',
      label: 'Joined the campaign in TikTok',
      where: 'tiktokApp',
      menuPath: ['Join campaign'],
      hint: 'TikTok opens the campaign details from the invite link.',
    },
    {
      id: 'adAuthorizationSet',
      label: 'Ad authorization set for {days}',
      where: 'tiktokApp',
      menuPath: INVITE_AD_AUTHORIZATION_MENU_PATH,
      hint: 'Edit an existing post or a new draft, then save the changes.',
      optional: true,
    },
    {
      id: 'videoPosted',
      label: 'Video posted on TikTok',
      where: 'tiktokApp',
      menuPath: POST_FROM_DRAFTS_MENU_PATH,
      hint: 'Choose your draft video. It should play with the Paid Partnership label.',
    },
  ],
  campaignCode: [
    { id: 'codeCopied', label: 'Campaign code copied', where: 'impact' },
    {
      id: 'codeAddedInApp',
      label: 'Campaign code added in the TikTok app',
      where: 'tiktokApp',
      menuPath: CAMPAIGN_CODE_MENU_PATH,
      hint: 'In the Post window, open More options first. Paste the code, select Add, Confirm, then link the right campaign and Confirm.',
    },
    {
      id: 'adAuthorizationSet',
      label: 'Ad authorization window set for {days}',
      where: 'tiktokApp',
      menuPath: CODE_AD_AUTHORIZATION_MENU_PATH,
      optional: true,
    },
    {
      id: 'videoPosted',
      label: 'Video posted on TikTok',
      where: 'tiktokApp',
      menuPath: ['Continue', 'Post'],
      hint: 'Save your selections in Content disclosure and ads first. The video should play with the Paid Partnership label.',
    },
  ],
};

/** How the authorization window reads in a step label. */
export function authorizationWindowText(days: AuthorizationDays | undefined): string {
  if (days) return `${days} days`;
  return `the window in the Statement of Work (often ${COMMON_AUTHORIZATION_WINDOWS.join(', ')} days)`;
}

export function stepLabel(step: StepDefinition, days: AuthorizationDays | undefined): string {
  return step.label.replace('{days}', authorizationWindowText(days));
}

export function menuPathText(step: StepDefinition): string | undefined {
  return step.menuPath?.join(' → ');
}

export function stepsFor(path: DeliveryPath): readonly StepDefinition[] {
  return STEPS[path];
}

/** Ticked steps of the task's chosen path, out of all of them. */
export function stepProgress(task: Pick<TrackedTask, 'path' | 'steps'>): { done: number; total: number } {
  const steps = STEPS[task.path];
  return { done: steps.filter((s) => task.steps[s.id] !== undefined).length, total: steps.length };
}
