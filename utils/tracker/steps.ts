/**
 * The step checklists of impact.com's help article "Submit a TikTok Deliverable"
 * (shared/seed/submit-a-tiktok-deliverable.txt), one per way of linking the post.
 * Steps done in the TikTok app carry the app's exact menu path, because that is the part a
 * creator cannot look up on impact.com while holding the phone.
 */
import { formatNumber, t } from '../i18n';
import type { GeneratedI18nStructure } from '#i18n';
import { COMMON_AUTHORIZATION_WINDOWS, type AuthorizationDays, type DeliveryPath, type StepId, type TrackedTask } from './schema';

export interface StepDefinition {
  id: StepId;
  /** Short label, in the interface language; `{days}` is replaced by the campaign's authorization window. */
  readonly label: string;
  /** Where the step happens. */
  where: 'impact' | 'phone' | 'tiktokApp';
  /** The TikTok app's menu path, in order, for steps done in the app. */
  menuPath?: readonly string[];
  /** What the article adds around the menu path (the taps before and after it), in the interface language. */
  readonly hint?: string;
  /** The article marks it optional (Spark Ads authorization). */
  optional?: boolean;
}

export const PATH_LABELS: Readonly<Record<DeliveryPath, string>> = {
  get inviteLink() {
    return t('steps.pathInviteLink');
  },
  get campaignCode() {
    return t('steps.pathCampaignCode');
  },
};

/**
 * The step's label and hint, read from the locale files when shown. The menu paths stay the
 * TikTok app's own words (the article's, in English): we do not know the app's wording in
 * other languages, and never invent it.
 */
type Words = keyof GeneratedI18nStructure & `steps.${string}`;
function words(label: Words, hint?: Words): { readonly label: string; readonly hint?: string } {
  return Object.defineProperties({} as { label: string; hint?: string }, {
    label: { enumerable: true, get: () => t(label as never) },
    ...(hint ? { hint: { enumerable: true, get: () => t(hint as never) } } : {}),
  });
}

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
    { id: 'linkCopied', ...words('steps.linkCopied'), where: 'impact' },
    { id: 'openedOnPhone', ...words('steps.openedOnPhone'), where: 'phone' },
    {
      id: 'joinedCampaign',
      ...words('steps.joinedCampaign', 'steps.joinedCampaignHint'),
      where: 'tiktokApp',
      menuPath: ['Join campaign'],
    },
    {
      id: 'adAuthorizationSet',
      ...words('steps.inviteAdAuthorization', 'steps.inviteAdAuthorizationHint'),
      where: 'tiktokApp',
      menuPath: INVITE_AD_AUTHORIZATION_MENU_PATH,
      optional: true,
    },
    {
      id: 'videoPosted',
      ...words('steps.videoPosted', 'steps.inviteVideoPostedHint'),
      where: 'tiktokApp',
      menuPath: POST_FROM_DRAFTS_MENU_PATH,
    },
  ],
  campaignCode: [
    { id: 'codeCopied', ...words('steps.codeCopied'), where: 'impact' },
    {
      id: 'codeAddedInApp',
      ...words('steps.codeAddedInApp', 'steps.codeAddedInAppHint'),
      where: 'tiktokApp',
      menuPath: CAMPAIGN_CODE_MENU_PATH,
    },
    {
      id: 'adAuthorizationSet',
      ...words('steps.codeAdAuthorization'),
      where: 'tiktokApp',
      menuPath: CODE_AD_AUTHORIZATION_MENU_PATH,
      optional: true,
    },
    {
      id: 'videoPosted',
      ...words('steps.videoPosted', 'steps.codeVideoPostedHint'),
      where: 'tiktokApp',
      menuPath: ['Continue', 'Post'],
    },
  ],
};

/** How the authorization window reads in a step label. */
export function authorizationWindowText(days: AuthorizationDays | undefined): string {
  if (days) return t('steps.windowDays', { days: formatNumber(days) });
  return t('steps.windowUnknown', { list: COMMON_AUTHORIZATION_WINDOWS.map(formatNumber).join(', ') });
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
