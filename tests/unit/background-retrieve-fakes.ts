/**
 * A fake browser for the retrieve orchestrator: tabs with or without our content script,
 * a content script that answers retrievePost from a script, alarms that fire only when a
 * test says so, and a clock that moves only when the code sleeps or a test advances it.
 */
import { vi } from 'vitest';
import type { ContentMessage, RetrieveResult } from '../../utils/messages';
import type { RetrieveDeps } from '../../utils/background/retrieve-orchestrator';
import type { Notice } from '../../utils/background/retrieve-notice';
import type { TabSnapshot } from '../../utils/page/urls';
import { readSettings } from '../../utils/tracker/storage';
import { createTabQueue } from '../../utils/background/tab-queue';

export interface FakeTab {
  id: number;
  url: string;
  status: 'loading' | 'complete';
  active: boolean;
  /** Our content script is there and answers. */
  listening: boolean;
  /** Polls (tabs.get) until the page reports "complete". */
  loadsAfterPolls: number;
  /** This tab's own answers to retrievePost (else the browser-wide `answers`); the last one repeats. */
  answers?: Answer[];
}

/** 'disconnect' / 'noReply': the page navigated away mid-request and the reply was lost. */
export type Answer = RetrieveResult | { refuse: string } | 'hang' | 'disconnect' | 'noReply';

export class FakeBrowser {
  tabs = new Map<number, FakeTab>();
  alarms = new Map<string, number>();
  notices: Notice[] = [];
  retrieveRequests: { tabId: number; message: Extract<ContentMessage, { type: 'retrievePost' }> }[] = [];
  opened: { url: string; active: boolean }[] = [];
  closed: number[] = [];
  /** What the next retrievePost messages answer, in order; the last one repeats. */
  answers: Answer[] = [{ outcome: 'submitted', detail: 'Deliverable pending approval' }];
  /** Whether a tab the worker opens gets a content script. */
  openedTabsListen = true;
  /** Called at the start of every retrievePost, before the answer (for "what was stored by then"). */
  onRetrieve?: (tabId: number) => void | Promise<void>;
  /** The tab queue's time-outs: they fire only when a test calls fireQueueTimers. */
  queueTimers: { ms: number; fire: () => void; cancelled: boolean }[] = [];
  /** Most background tabs the worker had open at the same moment. */
  mostOpenAtOnce = 0;
  private openNow = new Set<number>();
  private nextTabId = 100;
  private nextAttempt = 1;
  private hung: (() => void)[] = [];

  addTab(url: string, extra: Partial<FakeTab> = {}): FakeTab {
    const tab: FakeTab = { id: this.nextTabId++, url, status: 'complete', active: false, listening: true, loadsAfterPolls: 0, ...extra };
    this.tabs.set(tab.id, tab);
    return tab;
  }

  /** Fires the queue's pending time-outs of at most `ms` (as if that much time had passed). */
  fireQueueTimers(ms = Infinity): void {
    for (const timer of this.queueTimers.splice(0)) {
      if (timer.cancelled) continue;
      if (timer.ms <= ms) timer.fire();
      else this.queueTimers.push(timer);
    }
  }

  /** Releases the oldest reply held back with 'hang' (that page answers late). */
  releaseOldestHung(): void {
    this.hung.shift()?.();
  }

  deps(overrides: Partial<RetrieveDeps> = {}): RetrieveDeps {
    const snap = (t: FakeTab): TabSnapshot => ({ id: t.id, url: t.url, status: t.status, active: t.active });
    return {
      tabs: {
        findImpactTabs: async () => [...this.tabs.values()].filter((t) => t.url.startsWith('https://app.impact.com/')).map(snap),
        get: async (id) => {
          const tab = this.tabs.get(id);
          if (!tab) return undefined;
          if (tab.status === 'loading' && tab.loadsAfterPolls-- <= 0) tab.status = 'complete';
          return snap(tab);
        },
        openInBackground: async (url) => {
          this.opened.push({ url, active: false });
          const tab = this.addTab(url, { status: 'loading', loadsAfterPolls: 2, listening: this.openedTabsListen });
          this.openNow.add(tab.id);
          this.mostOpenAtOnce = Math.max(this.mostOpenAtOnce, this.openNow.size);
          return snap(tab);
        },
        close: async (id) => {
          this.closed.push(id);
          this.tabs.delete(id);
          this.openNow.delete(id);
        },
        // What the browser does: the raw reply, or a rejection when nothing listens there.
        post: (tabId) => async (raw) => {
          const message = raw as ContentMessage;
          const tab = this.tabs.get(tabId);
          if (!tab || !tab.listening || tab.status !== 'complete') {
            throw new Error('Could not establish connection. Receiving end does not exist.');
          }
          if (message.type === 'ping') return { ok: true, value: true };
          if (message.type !== 'retrievePost') throw new Error(`unexpected ${message.type}`);
          this.retrieveRequests.push({ tabId, message });
          await this.onRetrieve?.(tabId);
          const queue = tab.answers ?? this.answers;
          const answer = queue.length > 1 ? queue.shift()! : queue[0]!;
          if (answer === 'disconnect') throw new Error('The message port closed before a response was received.');
          if (answer === 'noReply') return undefined;
          if (answer === 'hang') {
            await new Promise<void>((resolve) => this.hung.push(resolve));
            return { ok: true, value: { outcome: 'submitted', detail: 'late' } };
          }
          if ('refuse' in answer) return { ok: false, error: answer.refuse };
          return { ok: true, value: answer };
        },
      },
      alarms: {
        set: async (name, when) => void this.alarms.set(name, when),
        clear: async (name) => void this.alarms.delete(name),
        getAll: async () => [...this.alarms].map(([name, scheduledTime]) => ({ name, scheduledTime })),
      },
      notify: async (notice) => void this.notices.push(notice),
      readSettings,
      newAttemptId: () => `attempt-${this.nextAttempt++}`,
      sleep: async (ms) => void vi.setSystemTime(Date.now() + ms),
      minAlarmDelayMs: async () => 0,
      // A fresh queue per worker: the queue is memory, and memory does not survive a worker.
      queue: createTabQueue({
        startTimer: (ms, fire) => {
          const timer = { ms, fire, cancelled: false };
          this.queueTimers.push(timer);
          return () => void (timer.cancelled = true);
        },
      }),
      ...overrides,
    };
  }
}
