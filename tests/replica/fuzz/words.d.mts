// Types for words.mjs (visible wording per language; non-English wordings are invented).
import type { Language, StatusSpec } from './generate.d.mts';
type Dated = (iso: string) => string;
export interface Words {
  home: string; discover: string; findCampaigns: string; findBrands: string; content: string; reports: string;
  tabs: { all: string; invitations: string; applied: string; joined: string };
  manageTasks: string; viewCampaign: string; myCampaignTasks: string; viewTaskDetails: string;
  task: string; taskName: string; platform: string; statusLabel: string; due: string; campaign: string; brand: string;
  ttcm: string; ttcmNoAcronym: string;
  inviteLink: string; campaignCode: string; copy: string; copied: string; openLink: string;
  sow: string; sparkAds: (n: number) => string; authWindow: string; days: (n: number) => string;
  draft: string; deliverable: string; metrics: string; activity: string; noDraft: string;
  views: string; likes: string; retrieve: string; retrieving: string; noPost: string;
  close: string; tiktokPost: string; noInviteLink: string; noCode: string;
  ends: (d: string) => string; tasksCount: (n: number) => string; welcome: (n: string) => string;
  empty: string; back: string; taskNumber: (id: string) => string; loading: string;
  date: { short: Dated; long: Dated };
  status: StatusTable;
  portalStatus: StatusTable;
  outcomes: { notFound: string[]; error: string[]; success: string[] };
}
export interface StatusTable {
  notStarted: string; inProgress: string; awaitingSubmission: string; awaitingReview: string; completed: string;
  waitingFor: (t: string) => string; pendingApproval: (t: string) => string; approved: (t: string) => string; rejected: (t: string) => string;
}
export const LANGUAGES: Language[];
export const WORDS: Record<Language, Words>;
export function statusText(spec: StatusSpec, words: Words, style?: 'impact' | 'brand-portal'): string;
export function parseStatus(text: string): StatusSpec;
