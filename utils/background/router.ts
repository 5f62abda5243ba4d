/**
 * The background's message router: checks who is asking and what, then applies the
 * command to the tracker through the single writer (updateTracker).
 */
import { BackgroundMessageSchema, CONTENT_SCRIPT_MESSAGES, isExtensionPageSender, isTrustedBackgroundSender, senderOrigin, type BackgroundMessage, type SenderInfo } from '../messages';
import type { Reply } from '../messaging';
import { hostOf, isImpactOrigin, originOf } from '../page/hosts';
import type { ReplyWhy } from '../reply-error';
import { applyEvent, choosePath, mergeBackup, recordDiscovered, removeTask, setStep, unarchiveTask } from '../tracker/reducer';
import { summarizeIssues, type RecoveredRecord, type TrackedTask, type TrackerData } from '../tracker/schema';
import { checkTrackedTask } from '../tracker/task-check';
import { checkSettings, parseSettings } from '../tracker/storage';
import type { ImportCounts } from '../backup';
import { setAsideQueued, updateSettings, updateTracker } from './tracker-owner';
import type { CreatorPaths } from './creator-paths';
import { whyNotOpenable } from '../page/urls';
import { unreadableTask } from './page-reads';
import { qrModel } from '../qr';
import type { RefreshAll } from './refresh-all';

/** What handed a task to the retrieve flow: the setting governs "Mark as posted" only. */
export type RetrieveRequest = 'markPosted' | 'retryNow';

/** What the router needs from the browser; injected so unit tests need no real browser. */
export interface RouterDeps {
  ownId: string;
  ownOrigin: string;
  openPage(url: string): Promise<void>;
  overviewUrl: string;
  /** Hook: a task was marked posted (or "Retry now" was pressed): start the retrieve flow. */
  onReadyToRetrieve?(key: string, request: RetrieveRequest): Promise<void> | void;
  /** The creator's path per tab (Manage Tasks and View Task Details pressed). */
  paths?: CreatorPaths;
  /**
   * The other impact.com origins the creator granted (utils/page/hosts.ts grantedOrigins of
   * `permissions.getAll()`). Without it, only app.impact.com counts.
   */
  grantedOrigins?(): Promise<string[]>;
  /** The overview granted or removed an address: bring the content script registrations in line. */
  onHostsChanged?(): Promise<unknown>;
  /** Refresh all (background/refresh-all.ts). */
  refresh?: Pick<RefreshAll, 'start' | 'cancel' | 'seen'>;
  /** Puts the QR dialog's script into this frame of the tab, unless it is there already (tabs-browser.ts injectQrDialog). */
  injectQrDialog?(tabId: number, frameId: number): Promise<void>;
}

/** Asked only when the sender is neither our own page nor app.impact.com (most messages need no look-up). */
async function granted(deps: RouterDeps): Promise<string[]> {
  try {
    return (await deps.grantedOrigins?.()) ?? [];
  } catch {
    return [];
  }
}

export async function handleMessage(raw: unknown, sender: SenderInfo, deps: RouterDeps): Promise<Reply> {
  let hosts: string[] | undefined;
  const grantedHosts = async () => (hosts ??= await granted(deps));
  if (!isTrustedBackgroundSender(sender, deps.ownId, deps.ownOrigin) && !isTrustedBackgroundSender(sender, deps.ownId, deps.ownOrigin, await grantedHosts())) {
    return { ok: false, error: 'Message refused: unknown sender.' };
  }
  const parsed = BackgroundMessageSchema.safeParse(raw);
  if (!parsed.success) return unreadableTask(raw) ?? { ok: false, error: `Message refused: ${summarizeIssues(parsed.error.issues)}` };
  if (!isExtensionPageSender(sender, deps.ownId, deps.ownOrigin) && !(CONTENT_SCRIPT_MESSAGES as readonly string[]).includes(parsed.data.type)) {
    return { ok: false, error: `Message refused: "${parsed.data.type}" is not accepted from a web page.` };
  }
  const fromPage = isExtensionPageSender(sender, deps.ownId, deps.ownOrigin);
  if (parsed.data.type === 'participatingSeen' && !fromPage && originOf(parsed.data.url) !== senderOrigin(sender)) {
    return { ok: false, error: 'Message refused: the address is not the sending page\'s site.' };
  }
  if (parsed.data.type === 'taskSeen') {
    // A page reports tasks of its own site only: a task address on another host (even an
    // allowed one) would make "Retrieve my post" open and press there.
    const taskOrigin = originOf(parsed.data.task.taskUrl);
    // Our own pages do not report tasks; should one, the address must be impact.com's.
    const allowed = fromPage ? isImpactOrigin(taskOrigin, await grantedHosts()) : taskOrigin === senderOrigin(sender);
    if (!allowed) return { ok: false, error: `Message refused: the task's address (${taskOrigin ?? 'none'}) is not the sending page's site.` };
  }
  try {
    return await route(parsed.data, deps, sender, grantedHosts);
  } catch (error) {
    const message = String((error as Error)?.message ?? error);
    return { ok: false, error: message, code: 'unexpected', params: { error: message } };
  }
}

type Step = (data: TrackerData, now: number) => { ok: true; value: { data: TrackerData; task?: TrackedTask } } | ({ ok: false; reason: string } & ReplyWhy);

/** Run one reducer step under the writer lock and turn its outcome into a reply. */
async function write(step: Step): Promise<Reply<TrackedTask | undefined>> {
  return updateTracker<Reply<TrackedTask | undefined>>((data, now) => {
    const out = step(data, now);
    return out.ok
      ? { data: out.value.data, result: { ok: true, value: out.value.task } }
      : { data, result: { ok: false, error: out.reason, ...(out.code ? { code: out.code } : {}), ...(out.params ? { params: out.params } : {}) } };
  });
}

async function route(message: BackgroundMessage, deps: RouterDeps, sender: SenderInfo, grantedHosts: () => Promise<string[]>): Promise<Reply> {
  switch (message.type) {
    case 'pathStep':
    case 'pathContext': {
      const tabId = sender.tab?.id;
      if (tabId === undefined || !deps.paths) return { ok: true, value: null };
      if (message.type === 'pathStep') await deps.paths.step(tabId, message.step);
      return { ok: true, value: (await deps.paths.current(tabId)) ?? null };
    }
    case 'taskSeen':
      return write((data, now) => ({ ok: true, value: recordDiscovered(data, message.task, now) }));
    case 'setStep':
      return write((data, now) => setStep(data, message.key, message.step, message.done, now));
    case 'choosePath':
      return write((data, now) => choosePath(data, message.key, message.path, now));
    case 'markPosted': {
      const reply = await write((data, now) => {
        const out = applyEvent(data, message.key, 'markPosted', now, undefined, firstTryDue(data.tasks[message.key], now));
        if (!out.ok) return out;
        const ticked = setStep(out.value.data, message.key, 'videoPosted', true, now);
        return ticked.ok ? ticked : out;
      });
      if (reply.ok) await deps.onReadyToRetrieve?.(message.key, 'markPosted');
      return reply;
    }
    case 'undoPosted':
      return write((data, now) => {
        const task = data.tasks[message.key];
        return applyEvent(data, message.key, 'undoPosted', now, undefined, task ? { retrieve: { ...task.retrieve, nextAttemptAt: undefined } } : undefined);
      });
    case 'retryNow': {
      const reply = await write((data, now) => applyEvent(data, message.key, 'retryNow', now, undefined, firstTryDue(data.tasks[message.key], now)));
      if (reply.ok) await deps.onReadyToRetrieve?.(message.key, 'retryNow');
      return reply;
    }
    case 'removeTask':
      return write((data) => ({ ok: true, value: { data: removeTask(data, message.key) } }));
    case 'unarchive':
      return write((data, now) => unarchiveTask(data, message.key, now));
    case 'importBackup':
      return importBackup(message.tasks, message.setAside);
    case 'openOverview':
      await deps.openPage(deps.overviewUrl);
      return { ok: true, value: undefined };
    case 'openTask': {
      const reply = await write((data) =>
        data.tasks[message.key] ? { ok: true, value: { data, task: data.tasks[message.key] } } : { ok: false, reason: 'That task is no longer tracked.', code: 'taskGone' },
      );
      if (!reply.ok || !reply.value) return reply;
      // Only an address on impact.com or a host the creator allowed (a backup may name any).
      const refused = whyNotOpenable(reply.value.taskUrl, await grantedHosts());
      if (refused) return { ok: false, error: refused, ...notOpenableWhy(reply.value.taskUrl) };
      await deps.openPage(reply.value.taskUrl);
      return reply;
    }
    case 'hostsChanged':
      return { ok: true, value: (await deps.onHostsChanged?.()) ?? null };
    case 'participatingSeen':
      // The top page only: a frame's address is not a page the creator visited.
      if (sender.frameId !== undefined && sender.frameId !== 0) return { ok: true, value: false };
      return { ok: true, value: (await deps.refresh?.seen(message.url)) ?? false };
    case 'refreshAll':
      if (!deps.refresh) return { ok: false, error: 'Refresh all is not available.', code: 'refreshUnavailable' };
      return { ok: true, value: await deps.refresh.start() };
    case 'cancelRefresh':
      return { ok: true, value: (await deps.refresh?.cancel()) ?? null };
    case 'qrCode':
      // Made here so the content script, on every impact.com page, carries no QR encoder.
      return { ok: true, value: qrModel(message.text) };
    case 'qrDialog': {
      // Into the frame whose button was pressed (a modal of impact.com's may be a frame): its
      // content script sent this, so the frame is one the extension may already script.
      const tabId = sender.tab?.id;
      if (tabId === undefined || !deps.injectQrDialog) return { ok: false, error: 'The QR dialog cannot be opened here.' };
      await deps.injectQrDialog(tabId, sender.frameId ?? 0);
      return { ok: true, value: true };
    }
    case 'updateSettings':
      // Read, merge and store in the single writer's queue: two updates at once both count.
      return updateSettings<Reply>((stored) => {
        const next = checkSettings({ ...parseSettings(stored), ...message.settings });
        if (next.problems.length) return { result: { ok: false, error: `Settings refused: ${next.problems.join('; ')}`, code: 'settingsRefused', params: { problems: next.problems.join('; ') } } };
        return { settings: next.settings, result: { ok: true, value: next.settings } };
      });
  }
}

/** Why a task's page may not be opened, for the pages to word (whyNotOpenable says it in English). */
function notOpenableWhy(taskUrl: string): ReplyWhy {
  const origin = originOf(taskUrl);
  return origin?.startsWith('https://') ? { code: 'notOpenable', params: { host: hostOf(origin) } } : { code: 'notOpenableAddress' };
}

/**
 * "Posted" is stored together with when the first try is due (now), in the same write, and
 * whatever the setting: should the worker stop before that try begins, or automatic
 * retrieving be off, the worker finds the task when it next wakes, or when the setting is
 * switched on, and starts it (decideOnWake) instead of leaving it Posted for ever. It also
 * replaces the due time of a retry that "Retry now" skips.
 */
function firstTryDue(task: TrackedTask | undefined, now: number): Partial<Pick<TrackedTask, 'retrieve'>> | undefined {
  return task ? { retrieve: { ...task.retrieve, nextAttemptAt: now } } : undefined;
}

/**
 * Import a backup: valid tasks merge (newer wins). Damaged ones, as the page found them (with
 * its reason) or as found here, are set aside under recovery through the writer queue, after
 * the merge; nothing else changes. A file that could not be read comes with no tasks, only its
 * text to set aside. The reply counts both, and how many the recovery list now holds.
 */
async function importBackup(tasks: unknown[], damaged: { reason: string; raw: unknown }[]): Promise<Reply<ImportCounts>> {
  const now = Date.now();
  const valid: TrackedTask[] = [];
  const rejected: RecoveredRecord[] = damaged.map((d) => ({ at: now, source: 'import', reason: d.reason, raw: d.raw }));
  for (const raw of tasks) {
    const parsed = checkTrackedTask(raw);
    if (parsed.success) valid.push(parsed.data);
    else rejected.push({ at: now, source: 'import', reason: `A task sent for import is damaged: ${summarizeIssues(parsed.error.issues)}`, raw });
  }
  const counts = valid.length
    ? await updateTracker((data) => {
        const merged = mergeBackup(data, valid);
        return { data: merged.data, result: { added: merged.added, updated: merged.updated, kept: merged.kept } };
      })
    : { added: 0, updated: 0, kept: 0 };
  // The valid tasks are in; a full or failing storage only means these stay in the file.
  const setAside = rejected.length ? await setAsideQueued(rejected).catch(() => 0) : 0;
  return { ok: true, value: { ...counts, rejected: rejected.length, setAside } };
}
