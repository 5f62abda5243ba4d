// Types for server.mjs (plain ESM, no build step).
export type Family = 'semantic' | 'uicl' | 'hashed';
/** A page's family: the hand-written ones, or the seeded markup fuzzer (tests/replica/fuzz). */
export type PageFamily = Family | 'fuzz';
export type RetrieveMode = 'success' | 'notFound' | 'error';
export interface RetrieveRule {
  mode?: RetrieveMode;
  notFoundTimes?: number;
}
export interface ReplicaConfig {
  family: PageFamily;
  retrieve: { mode: RetrieveMode; notFoundTimes: number; delayMs: number; tasks: Record<string, RetrieveRule> };
  tileCount: number;
  rerenderMs: number;
  collapsedContent: 'present' | 'absent';
  renderDelayMs: number;
  accountId: string;
  /** family "fuzz": the seed of pages that do not say ?seed= */
  fuzzSeed: number;
}
export type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };
export interface RetrieveLogEntry {
  campaignId: string | null;
  taskId: string;
  at: string;
  outcome: 'success' | 'notFound' | 'error' | 'notApplicable' | 'unknownTask';
  alreadySubmitted?: boolean;
}
export interface PageUrls {
  home: string;
  findCampaigns: string;
  manageTasks: string;
  /** null in the hashed family: its slide-out is in-page state only. */
  taskDetails: string | null;
  /** family "fuzz": the seed's markup choices on one line */
  describe?: string;
}
export interface Replica {
  port: number;
  /** https://127.0.0.1:PORT */
  origin: string;
  /** https://app.impact.com[:PORT] */
  siteOrigin: string;
  /** value for Chromium's --host-resolver-rules */
  hostResolverRule: string;
  /** base64 SHA-256 of the certificate's public key (Chromium's --ignore-certificate-errors-spki-list) */
  certSpki: string;
  readonly config: ReplicaConfig;
  setConfig(partial: DeepPartial<ReplicaConfig>): ReplicaConfig;
  reset(): void;
  readonly retrieves: RetrieveLogEntry[];
  hashedClasses: Record<string, string>;
  urlsFor: typeof urlsFor;
  close(): Promise<void>;
}
export const CERT_DIR: string;
export const HOSTNAME: 'app.impact.com';
export const FAMILIES: Family[];
export const PAGE_FAMILIES: PageFamily[];
export const paths: {
  home: string;
  marketplace: string;
  tasksFlow: string;
  switchAccount: string;
  api: string;
  control: string;
};
export const DEFAULT_CONFIG: Readonly<ReplicaConfig>;
export function urlsFor(opts?: { family?: PageFamily; campaignId?: string; taskId?: string; forceFamily?: boolean; seed?: number }): PageUrls;
export function loadCert(dir?: string): Promise<{ key: string; cert: string }>;
export function startReplica(opts?: { port?: number; host?: string; config?: DeepPartial<ReplicaConfig> }): Promise<Replica>;
export function escapeHtml(s: unknown): string;
