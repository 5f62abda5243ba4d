// Types for scenario.mjs.
export type Platform = 'tiktok' | 'instagram' | 'youtube';
export interface Account { id: string; name: string; handle: string; label: string }
export interface Ttcm { inviteLink: string | null; campaignCode: string; authWindowDays: 7 | 30 | 60 | 365; sow: string }
export interface Task {
  id: string;
  name: string;
  platform: Platform | null;
  status: string;
  dueDate: string;
  brief: string;
  draft: { file: string; status: string } | null;
  ttcm?: Ttcm;
  initialSubmission?: { at: string; postUrl: string };
  activity: { at: string; text: string }[];
}
export interface Campaign {
  id: string;
  accountId: string;
  name: string;
  brand: string;
  endDate: string;
  platforms: Platform[];
  tasks: Task[];
}
export interface OtherTile { id: string; name: string; brand: string; platforms: Platform[]; action: string }
export const messages: { retrieveNotFound: string; retrieveError: string; retrieveSuccess: string; inviteLinkMissing: string };
export const statusWords: {
  notStarted: string;
  inProgress: string;
  awaitingSubmission: string;
  awaitingReview: string;
  completed: string;
  waitingFor(task: string): string;
  pendingApproval(task: string): string;
  approved(task: string): string;
  rejected(task: string): string;
};
export function formatDate(iso: string): string;
export function formatDateTime(iso: string): string;
export const accounts: Account[];
export const defaultAccountId: string;
export const campaigns: Campaign[];
export const otherTabs: Record<'all' | 'invitations' | 'applied', OtherTile[]>;
export const tabs: { key: string; label: string }[];
export const platformLabels: Record<Platform, string>;
export function campaignsForAccount(accountId?: string): Campaign[];
export function findCampaign(id: string | number): Campaign | null;
export function findTask(taskId: string | number): { campaign: Campaign; task: Task } | null;
export const tiktokTasks: { campaignId: string; taskId: string; campaign: Campaign; task: Task }[];
export const ids: {
  tiktokOnly: { campaignId: string; taskId: string };
  instagramOnly: { campaignId: string };
  youtubeOnly: { campaignId: string };
  allPlatforms: { campaignId: string; taskId: string };
  noPlatforms: { campaignId: string };
  twoTikTokTasks: { campaignId: string; taskIds: [string, string] };
  htmlLookingNames: { campaignId: string; taskId: string };
  longName: { campaignId: string; taskId: string };
  japanese: { campaignId: string; taskId: string };
  arabic: { campaignId: string; taskId: string };
  alreadySubmitted: { campaignId: string; taskId: string };
  noInviteLink: { campaignId: string; taskId: string };
  secondAccount: { accountId: string; campaignId: string; taskId: string };
};
export function generateLargeScenario(n: number, accountId?: string): { campaigns: Campaign[] };
export function postUrlFor(taskId: string | number, handle?: string): string;
