/**
 * The tracker's fixed vocabulary and its task key, without zod: the content script needs
 * these on every impact.com page and must stay small. schema.ts builds its schemas from
 * them and re-exports them, so `@/utils/tracker/schema` keeps working everywhere else.
 */
import { fold } from '../page/text';

/**
 * The Spark Ads authorization window, in days, as the Statement of Work names it. Sources
 * disagree on the choices (7, 30, 60, 90, 180, 365 …): any whole number of days in this range
 * is read, never a fixed list. The common ones are named in the checklist when none is known.
 */
export const AUTHORIZATION_DAYS = { min: 1, max: 3650 } as const;
export const COMMON_AUTHORIZATION_WINDOWS = [7, 30, 60, 365] as const;
export type AuthorizationDays = number;

export function isAuthorizationDays(value: unknown): value is AuthorizationDays {
  return typeof value === 'number' && Number.isInteger(value) && value >= AUTHORIZATION_DAYS.min && value <= AUTHORIZATION_DAYS.max;
}

export const DELIVERY_PATHS = ['inviteLink', 'campaignCode'] as const;
export type DeliveryPath = (typeof DELIVERY_PATHS)[number];

/** The two step lists of the seed article, in order. */
export const STEP_IDS = [
  'linkCopied',
  'openedOnPhone',
  'joinedCampaign',
  'codeCopied',
  'codeAddedInApp',
  'adAuthorizationSet',
  'videoPosted',
] as const;
export type StepId = (typeof STEP_IDS)[number];

/**
 * The comparison form of a name in a task key (NFKC, folded spaces, lower case): the page's
 * own `fold`, so a name read from the page and a name in the tracker compare alike. text.ts
 * has no imports, and the content script holds it already: this module stays small.
 */
export { fold };

/** What a task key is made of (a DiscoveredTask has all of it). */
export interface TaskIdentityParts {
  accountId?: string;
  accountName?: string;
  campaignId?: string;
  campaignName: string;
  taskId?: string;
  taskName: string;
}

/**
 * Two tasks never share a key: account, campaign and task, by id where the page shows
 * ids and by name otherwise.
 */
export function taskKey(task: TaskIdentityParts): string {
  const account = task.accountId ? `a:${task.accountId}` : task.accountName ? `an:${fold(task.accountName)}` : 'a:-';
  const campaign = task.campaignId ? `c:${task.campaignId}` : `cn:${fold(task.campaignName)}`;
  const t = task.taskId ? `t:${task.taskId}` : `tn:${fold(task.taskName)}`;
  return `${account}|${campaign}|${t}`;
}
