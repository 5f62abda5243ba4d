/**
 * The tab work of one "Retrieve my post" attempt: which open tab to ask, opening the task's
 * page when none will do, waiting until our content script listens there, sending the command
 * and reading its answer. Begin, finish, alarms and notices: retrieve-orchestrator.ts.
 */
import { sendToTab, type ContentMessage, type ContentReply, type TaskIdentity } from '../messages';
import { delivered, type Post, type Sent } from '../messaging';
import type { TrackedTask } from '../tracker/schema';
import { chooseTab, type TabSnapshot } from '../page/urls';
import type { AttemptResult } from './retrieve-decisions';
import { isRetrieveReason, type RetrieveReason } from '../retrieve-reason';
import { rememberOpenedTab } from './retrieve-records';

/** How long a tab the worker opened may take to load and answer. */
export const OPENED_TAB_READY_MS = 60_000;
/** How long an already open tab gets to answer before we open a fresh one instead. */
export const EXISTING_TAB_READY_MS = 10_000;
const POLL_MS = 500;
/** Times the same attempt is asked again after the page reloaded under it. */
const MAX_REASKS = 2;

export interface RetrieveTabs {
  /** Open tabs on app.impact.com. */
  findImpactTabs(): Promise<TabSnapshot[]>;
  get(tabId: number): Promise<TabSnapshot | undefined>;
  /** Opens a tab without taking the creator's focus. */
  openInBackground(url: string): Promise<TabSnapshot>;
  close(tabId: number): Promise<void>;
  /**
   * Hands a command to the tab's content script (messaging.ts tabPost): the raw reply, or a
   * rejection when no content script of ours listens in that tab (yet). Replies are read by
   * messages.ts sendToTab, like every other.
   */
  post(tabId: number): Post;
}

/** What one tab answered: "not here" sends the attempt on to the task's own page. */
type Answer = AttemptResult | { kind: 'notHere'; detail: string; reason?: RetrieveReason; value?: string };

function identityOf(task: TrackedTask): TaskIdentity {
  return {
    key: task.key,
    campaignName: task.campaignName,
    taskName: task.taskName,
    ...(task.campaignId ? { campaignId: task.campaignId } : {}),
    ...(task.taskId ? { taskId: task.taskId } : {}),
  };
}

export function errorMessage(error: unknown): string {
  return String((error as Error)?.message ?? error);
}

/** The attempt's tab work, over the browser's tabs (injected: unit tests use fakes). */
export function retrieveTabWork(tabs: RetrieveTabs, sleep: (ms: number) => Promise<void>) {
  /**
   * An open tab first (the task's own page, or its campaign's list); when that tab is not
   * ready, or answers that the task or its button is not on it (another page of the list, a
   * filtered list), the same attempt opens the task's recorded address in a background tab.
   */
  async function perform(task: TrackedTask, attemptId: string, opened: { tabId?: number }): Promise<AttemptResult> {
    // The content script clicks at most once per attemptId (it remembers the click across a
    // reload), and only in the task that `identityOf` names, so the id and the identity are
    // the same in every tab this attempt asks.
    const command: Extract<ContentMessage, { type: 'retrievePost' }> = { type: 'retrievePost', attemptId, task: identityOf(task) };
    const choice = chooseTab(await tabs.findImpactTabs(), task);
    if (choice && (await waitUntilListening(choice.tab.id, EXISTING_TAB_READY_MS))) {
      const answer = await ask(choice.tab.id, command);
      if (answer.kind !== 'notHere') return answer;
    }

    let tab: TabSnapshot;
    try {
      tab = await tabs.openInBackground(task.taskUrl);
    } catch (error) {
      // A host that is not allowed (retrieve-browser.ts): named, so the reason is worded in the language.
      const host = (error as { notOpenableHost?: unknown } | undefined)?.notOpenableHost;
      if (typeof host === 'string') return { kind: 'unreachable', detail: '', reason: 'notOpenable', value: host };
      return { kind: 'unreachable', detail: '', reason: 'openFailed', value: errorMessage(error) };
    }
    opened.tabId = tab.id;
    if (!(await rememberOpenedTab(task.key, attemptId, tab.id))) {
      return { kind: 'unreachable', detail: '', reason: 'superseded' };
    }
    if (!(await waitUntilListening(tab.id, OPENED_TAB_READY_MS))) {
      return { kind: 'unreachable', detail: '', reason: 'didNotLoad', value: String(OPENED_TAB_READY_MS / 1000) };
    }
    const answer = await ask(tab.id, command);
    // The task's own address says the task or its button is not there: ask the creator now.
    return answer.kind === 'notHere' ? { ...answer, kind: 'notOnPage' } : answer;
  }

  /**
   * Send the command and read the answer. When the page navigates away and the reply is lost
   * we may ask again with the same id: a page that already clicked then only reads the answer.
   */
  async function ask(tabId: number, command: Extract<ContentMessage, { type: 'retrievePost' }>): Promise<Answer> {
    for (let asked = 1; ; asked++) {
      const reply = await sendToTab(tabId, command, tabs.post(tabId));
      if (reply.ok || (reply.failure !== 'unreachable' && reply.failure !== 'unanswered')) return readReply(reply);
      if (asked > MAX_REASKS || !(await waitUntilListening(tabId, OPENED_TAB_READY_MS))) {
        return reply.failure === 'unanswered'
          ? { kind: 'unreachable', detail: '', reason: 'wentAwayNoAnswer' }
          : { kind: 'unreachable', detail: '', reason: 'wentAway', value: reply.cause ?? reply.error };
      }
    }
  }

  function readReply(reply: Sent<ContentReply<'retrievePost'>>): Answer {
    if (!reply.ok && reply.failure === 'notUnderstood') return { kind: 'unreachable', detail: '', reason: 'notUnderstood' };
    if (!reply.ok) return { kind: 'unreachable', detail: '', reason: 'refused', value: reply.error.slice(0, 200) };
    const { outcome, detail, impactStatus } = reply.value;
    // The page's own reason, if this version knows it (the value it names goes with it).
    const known = reply.value.reason && isRetrieveReason(reply.value.reason) ? reply.value.reason : undefined;
    const why: { reason?: RetrieveReason; value?: string } = known ? { reason: known, ...(reply.value.value !== undefined ? { value: reply.value.value } : {}) } : {};
    if (outcome === 'notHere') return { kind: 'notHere', detail, ...(detail || known ? why : { reason: 'notOnPage' as const }) };
    return { kind: outcome, detail, ...why, ...(impactStatus !== undefined ? { impactStatus } : {}) };
  }

  /** Poll until our content script answers in that tab (the page may still be loading). */
  async function waitUntilListening(tabId: number, withinMs: number): Promise<boolean> {
    const deadline = Date.now() + withinMs;
    for (;;) {
      const tab = await tabs.get(tabId).catch(() => undefined);
      if (!tab) return false;
      if (tab.status !== 'loading') {
        if (delivered(await sendToTab(tabId, { type: 'ping' }, tabs.post(tabId)))) return true;
      }
      if (Date.now() >= deadline) return false;
      await sleep(POLL_MS);
    }
  }

  /**
   * The attempt's tab goes, unless the creator is on it: shown now, and not last shown by the
   * browser alone (`chosen` false: the tab before it was closed and the browser picked this one).
   */
  async function closeUnlessFocused(tabId: number, chosen?: boolean): Promise<void> {
    const tab = await tabs.get(tabId).catch(() => undefined);
    if (tab && !(tab.active && chosen !== false)) await tabs.close(tabId).catch(() => undefined);
  }

  return { perform, closeUnlessFocused };
}
