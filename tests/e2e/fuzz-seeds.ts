/**
 * The fixed markup-fuzzer seeds that the fuzz-flow e2e tests (Chromium and Firefox) take through
 * the whole creator flow on the production build. Chosen with optionsFor/describeSeed (English
 * pages, so detection has the words) to cover every kind of task-details container, the
 * actions that exist only while hovered, every TTCM drop-down kind, and every URL style. Each
 * seed lists the options it stands for: the test checks them first, so a fuzzer change that
 * gives a seed other markup fails loudly instead of quietly losing coverage.
 *
 * Every seed runs on the replica's two-TikTok-task campaign (41317): one task is marked as
 * posted, the other is its sibling (seen, tracked, never retrieved). The marked one alternates.
 */
import type { FuzzOptions } from '../replica/fuzz/generate.mjs';
import { ids } from '../replica/scenario.mjs';

export interface FuzzFlowSeed {
  seed: number;
  /** What the seed stands for in the set (the test's name). */
  covers: string;
  /** One line: the markup a person meets on that seed. */
  description: string;
  /** The choices that make it stand for `covers`, checked before the flow. */
  options: Partial<FuzzOptions>;
  /** The task marked as posted; the campaign's other TikTok task is its sibling. */
  taskId: string;
}

/** The campaign with two TikTok tasks: a wrong press (by position, by campaign) shows. */
export const FUZZ_FLOW_CAMPAIGN_ID = ids.twoTikTokTasks.campaignId;
const [UNBOXING, STYLING] = ids.twoTikTokTasks.taskIds;

export const FUZZ_FLOW_SEEDS: FuzzFlowSeed[] = [
  {
    seed: 61,
    covers: 'iframe modal',
    description:
      'details in a same-origin iframe modal (uicl-modal-iframe-content), task name hidden, campaign in a breadcrumb; accordion button; invite link in a read-only input; Retrieve my post inserted on hover; ids in the query',
    options: { language: 'en', container: 'iframe-modal', ttcmToggle: 'accordion-button', valueShape: 'input', retrieveVisibility: 'inserted-on-hover', urlStyle: 'query' },
    taskId: STYLING,
  },
  {
    seed: 21,
    covers: 'custom element with no role',
    description:
      'details in a custom element with no role (open shadow root); TTCM drop-down a custom element, open from the start, body drawn on expand; link as plain text; row and Retrieve actions inserted on hover; no row ids',
    options: { language: 'en', container: 'custom-element-no-role', ttcmToggle: 'custom-element', ttcmInitiallyOpen: true, rowActions: 'inserted-on-hover', retrieveVisibility: 'inserted-on-hover', rowIds: 'none' },
    taskId: UNBOXING,
  },
  {
    seed: 2,
    covers: 'dialog, every action inserted on hover',
    description:
      'role=dialog labelled by a heading, task name hidden; Manage Tasks, View Task Details and Retrieve my post all inserted on hover; accordion without a button element; link in a copy widget; full page loads',
    options: { language: 'en', container: 'dialog', tileActions: 'inserted-on-hover', rowActions: 'inserted-on-hover', retrieveVisibility: 'inserted-on-hover', ttcmToggle: 'accordion-button', valueShape: 'copy-widget', navMode: 'full-load' },
    taskId: STYLING,
  },
  {
    seed: 75,
    covers: 'page of its own',
    description:
      'details as a route of their own (no dialog, name in a styled div, campaign in a breadcrumb); details/summary drawn on expand; link as an anchor with words; no success message; short-route hash URLs, full page loads',
    options: { language: 'en', container: 'page', ttcmToggle: 'details-summary', collapsedContent: 'absent', valueShape: 'anchor', successMessage: false, urlStyle: 'hash', navMode: 'full-load' },
    taskId: UNBOXING,
  },
  {
    seed: 38,
    covers: 'plain container',
    description:
      'details in a plain container with no role; TTCM a custom element drawn on expand; link in a read-only input; Retrieve shown on hover only; opaque view= URLs without ids, full page loads',
    options: { language: 'en', container: 'plain', ttcmToggle: 'custom-element', valueShape: 'input', retrieveVisibility: 'hover-only', urlStyle: 'none', navMode: 'full-load' },
    taskId: STYLING,
  },
  {
    seed: 43,
    covers: 'unlabelled dialog, names only in the row',
    description:
      'role=dialog with no label, neither task nor campaign name in the details (known only from the row pressed); details/summary; link truncated with the value in an attribute; row actions inserted on hover; hash URLs',
    options: { language: 'en', container: 'dialog', dialogLabel: 'none', taskNameStyle: 'hidden', campaignInDetails: 'hidden', valueShape: 'truncated', rowActions: 'inserted-on-hover', urlStyle: 'hash' },
    taskId: UNBOXING,
  },
  {
    seed: 26,
    covers: 'custom element, path URLs',
    description:
      'details in a custom element with no role, campaign name hidden; TTCM a custom element with role=button; link as an anchor with words; View Task Details inserted on hover, Retrieve on hover only; ids in the path, full page loads',
    options: { language: 'en', container: 'custom-element-no-role', ttcmToggle: 'custom-element', valueShape: 'anchor', rowActions: 'inserted-on-hover', retrieveVisibility: 'hover-only', urlStyle: 'path', navMode: 'full-load' },
    taskId: STYLING,
  },
];

/** The seeds a run takes: all, or only those in FUZZ_FLOW_SEED (comma-separated) to replay one. */
export function fuzzFlowSeeds(): FuzzFlowSeed[] {
  const only = process.env.FUZZ_FLOW_SEED?.split(',').map(Number);
  return only ? FUZZ_FLOW_SEEDS.filter((s) => only.includes(s.seed)) : FUZZ_FLOW_SEEDS;
}
