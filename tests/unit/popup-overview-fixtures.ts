/**
 * Realistic tracker data for the popup and overview tests: the impact.com replica's TikTok
 * campaigns (tests/replica/scenario.mjs), recorded through the real reducer, plus a fake
 * background that answers messages with the real router on WXT's fake browser storage.
 */
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleMessage } from '../../utils/background/router';
import { updateTracker } from '../../utils/background/tracker-owner';
import type { BackgroundMessage } from '../../utils/messages';
import { applyEvent, recordDiscovered, setStep } from '../../utils/tracker/reducer';
import type { DiscoveredTask, TrackedTask, TrackerData } from '../../utils/tracker/schema';
import { trackerItem } from '../../utils/tracker/storage';

const FLOW = 'https://app.impact.com/secure/mediapartner/campaigns/tasks-flow.ihtml';
export const taskUrl = (campaignId: string, taskId: string) => `${FLOW}?execution=e2s1&campaignId=${campaignId}&taskId=${taskId}`;

export const summerGlow: DiscoveredTask = {
  accountId: '1234567',
  accountName: 'Maya Creates',
  campaignId: '41207',
  campaignName: 'Summer Glow Serum Launch',
  brand: 'Lumière Skincare',
  taskId: '880101',
  taskName: 'TikTok Video',
  impactStatus: 'Awaiting submission',
  dueDate: 'Dec 15, 2026',
  inviteLink: 'https://www.tiktok.com/t/ZT8abc123/',
  campaignCode: 'K7Q2XW9M',
  authorizationDays: 30,
  taskUrl: taskUrl('41207', '880101'),
};

export const giftGuide: DiscoveredTask = {
  accountId: '1234567',
  accountName: 'Maya Creates',
  campaignId: '41288',
  campaignName: 'Holiday Gift Guide 2026',
  brand: 'Hearth & Home Co.',
  taskId: '880404',
  taskName: 'TikTok Video',
  impactStatus: 'Awaiting submission',
  dueDate: 'Dec 18, 2026',
  inviteLink: 'https://vt.tiktok.com/ZSx7Lm2Qp/',
  campaignCode: 'hh26GIFT4Tq',
  authorizationDays: 60,
  taskUrl: taskUrl('41288', '880404'),
};

export const kicksUnboxing: DiscoveredTask = {
  accountId: '1234567',
  accountName: 'Maya Creates',
  campaignId: '41317',
  campaignName: 'Back to School Drop: Two Videos',
  brand: 'Kinetic Kicks',
  taskId: '880601',
  taskName: 'TikTok Video – Unboxing',
  impactStatus: 'Awaiting submission',
  dueDate: 'Dec 5, 2026',
  inviteLink: 'https://www.tiktok.com/t/ZT2kQv9Rs/',
  campaignCode: 'KK1',
  authorizationDays: 7,
  taskUrl: taskUrl('41317', '880601'),
};

export const kicksStyling: DiscoveredTask = {
  ...kicksUnboxing,
  taskId: '880602',
  taskName: 'TikTok Video – Styling',
  impactStatus: 'Not started',
  dueDate: 'Dec 19, 2026',
  inviteLink: undefined,
  inviteLinkProblem: 'This is not a TikTok link: tiktok.com.promo-links.example is not a TikTok host.',
  campaignCode: 'KKSTYLE2',
  taskUrl: taskUrl('41317', '880602'),
};

/** A second creator account (agency view): same campaign name, different account. */
export const ukGlow: DiscoveredTask = {
  ...summerGlow,
  accountId: '7654321',
  accountName: 'Maya Creates UK',
  campaignId: '51207',
  taskId: '990101',
  dueDate: 'Nov 28, 2026',
  impactStatus: 'TikTok Video pending approval',
  inviteLink: 'https://www.tiktok.com/t/ZTukGlow1/',
  campaignCode: 'UKGLOW1',
  taskUrl: taskUrl('51207', '990101'),
};

/** Dec 3, 2026, 10:00 local time: before every due date but the UK one. */
export const NOW = new Date(2026, 11, 3, 10, 0).getTime();
export const T0 = new Date(2026, 10, 20, 9, 0).getTime();

function must<T>(out: { ok: true; value: T } | { ok: false; reason: string }): T {
  if (!out.ok) throw new Error(out.reason);
  return out.value;
}

export interface Scenario {
  data: TrackerData;
  keys: { summerGlow: string; giftGuide: string; kicksUnboxing: string; kicksStyling: string; ukGlow: string };
}

/**
 * Five tasks in different states:
 * - Summer Glow: in progress, invite link copied;
 * - Gift Guide: posted, retrieve tried and scheduled again (Retry scheduled);
 * - Kicks Unboxing: not started;
 * - Kicks Styling: invite link refused, campaign-code path;
 * - UK Glow: submitted (impact.com shows "pending approval").
 */
export function scenario(): Scenario {
  let data: TrackerData = { tasks: {} };
  const add = (seen: DiscoveredTask, at: number) => {
    const out = recordDiscovered(data, seen, at);
    data = out.data;
    return out.task.key;
  };
  const keys = {
    summerGlow: add(summerGlow, T0),
    giftGuide: add(giftGuide, T0 + 1000),
    kicksUnboxing: add(kicksUnboxing, T0 + 2000),
    kicksStyling: add(kicksStyling, T0 + 3000),
    ukGlow: add(ukGlow, T0 + 4000),
  };
  data = must(setStep(data, keys.summerGlow, 'linkCopied', true, T0 + 10_000)).data;
  data = must(applyEvent(data, keys.giftGuide, 'markPosted', T0 + 20_000)).data;
  data = must(applyEvent(data, keys.giftGuide, 'startRetrieve', T0 + 21_000)).data;
  data = must(
    applyEvent(data, keys.giftGuide, 'retrieveNotYet', T0 + 22_000, 'TikTok has not got the post yet', {
      retrieve: { attempts: 1, firstAttemptAt: T0 + 21_000, lastAttemptAt: T0 + 21_000, nextAttemptAt: T0 + 22_000 + 5 * 60_000 },
    }),
  ).data;
  const styling = data.tasks[keys.kicksStyling]!;
  data = { tasks: { ...data.tasks, [keys.kicksStyling]: { ...styling, path: 'campaignCode' } } };
  return { data, keys };
}

export async function seedTracker(data: TrackerData): Promise<void> {
  await trackerItem.setValue(data as { tasks: Record<string, unknown> });
}

/** Stored the way the background stores it: tracker, revision and head in one write. */
export async function seedTrackerWithHead(data: TrackerData): Promise<void> {
  await updateTracker(() => ({ data: { ...data }, result: undefined }));
}

/**
 * Hold the page's read of every task (the first `storage.local.get(null)`) until
 * `release`, so a test can look at what the page shows from the head alone. Other reads,
 * such as the background's, go through.
 */
export function holdTrackerRead() {
  const local = fakeBrowser.storage.local;
  const get = local.get.bind(local);
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let held = 0;
  const spy = vi.spyOn(local, 'get').mockImplementation((async (keys?: unknown) => {
    if (keys === null && held++ === 0) await gate;
    return get(keys as never);
  }) as never);
  return {
    release,
    get held() {
      return held;
    },
    restore: () => spy.mockRestore(),
  };
}

/** Many tasks across many campaigns, for paging and virtualization. */
export function manyTasks(count: number, perCampaign = 5): TrackerData {
  const tasks: Record<string, TrackedTask> = {};
  for (let i = 0; i < count; i++) {
    const c = Math.floor(i / perCampaign);
    // Each task recorded on its own (the reducer copies the whole map per call).
    const { task } = recordDiscovered(
      { tasks: {} },
      {
        accountId: '1234567',
        campaignId: String(60000 + c),
        campaignName: `Campaign ${String(c).padStart(4, '0')}`,
        brand: `Brand ${c % 37}`,
        taskId: String(700000 + i),
        taskName: `TikTok Video ${i % perCampaign}`,
        impactStatus: 'Awaiting submission',
        dueDate: `Dec ${1 + (i % 28)}, 2026`,
        inviteLink: `https://www.tiktok.com/t/ZT${i.toString(36)}/`,
        campaignCode: `CODE${i}`,
        taskUrl: taskUrl(String(60000 + c), String(700000 + i)),
      },
      T0 + i,
    );
    tasks[task.key] = task;
  }
  return { tasks };
}

/**
 * Answer runtime messages as the background would (the real router, writing the fake
 * storage), and record every message the page sent.
 */
export function fakeBackground(page = 'popup.html') {
  const sent: BackgroundMessage[] = [];
  const opened: string[] = [];
  const spy = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (message: BackgroundMessage) => {
    sent.push(message);
    return handleMessage(
      message,
      { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL(`/${page}`) },
      {
        ownId: fakeBrowser.runtime.id,
        ownOrigin: fakeBrowser.runtime.getURL('/'),
        overviewUrl: fakeBrowser.runtime.getURL('/overview.html'),
        async openPage(url) {
          opened.push(url);
        },
      },
    );
  }) as never);
  return { sent, opened, spy };
}

export function tasksOf(data: TrackerData): TrackedTask[] {
  return Object.values(data.tasks);
}

/** jsdom's tabs.query needs a focused window; open a tab there and make it the active one. */
export async function openActiveTab(url: string) {
  const win = await fakeBrowser.windows.create({ focused: true });
  return fakeBrowser.tabs.create({ windowId: win!.id, url, active: true });
}

export interface CapturedDownload {
  fileName: string;
  type: string;
  bytes: Uint8Array;
  /** Decoded as UTF-8 with any byte-order mark kept, so tests can see it. */
  text: string;
}

/**
 * Catch files the page saves (object URL + <a download> click): jsdom has no downloads.
 * Call the returned `restore` in afterEach.
 */
export function captureDownloads() {
  const files: CapturedDownload[] = [];
  const blobs = new Map<string, Blob>();
  const original = { create: URL.createObjectURL, revoke: URL.revokeObjectURL };
  URL.createObjectURL = (blob: Blob) => {
    const url = `blob:test/${blobs.size}`;
    blobs.set(url, blob);
    return url;
  };
  URL.revokeObjectURL = () => {};
  const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    const blob = blobs.get(this.href);
    if (!blob) return;
    const reader = new FileReader();
    reader.onload = () => {
      const bytes = new Uint8Array(reader.result as ArrayBuffer);
      files.push({ fileName: this.download, type: blob.type, bytes, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) });
    };
    reader.readAsArrayBuffer(blob);
  });
  return {
    files,
    restore() {
      URL.createObjectURL = original.create;
      URL.revokeObjectURL = original.revoke;
      click.mockRestore();
    },
  };
}

/**
 * The "Invite link QR code" dialog, popup's and page's alike (overlay/qr-dialog.ts), lives in
 * its own open shadow root: the <dialog> element through its host, or null when closed.
 */
export function qrDialog(): HTMLElement | null {
  const host = document.querySelector<HTMLElement>('[data-tiktok-helper="qr-dialog"]');
  return host?.shadowRoot?.querySelector('dialog') ?? null;
}
