/**
 * The "copy-invite-link" keyboard command: which task the worker picks for the tab
 * (utils/background/copy-command.ts), and what the page does with it
 * (entrypoints/content/features/copy-command.ts): copies exactly the link, says so, ticks the step.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { waitFor, within } from '@testing-library/dom';
import { copyCandidates, runCopyCommand } from '@/utils/background/copy-command';
import { handleCopyInviteLink } from '@/entrypoints/content/features/copy-command';
import type { TrackedTask } from '@/utils/tracker/schema';
import { loadFixture } from './fixtures/load-fixture';
import { groups, mountOverlay, type Mounted } from './overlay-hostile-fixtures';
import { scenario, taskUrl, tasksOf } from './popup-overview-fixtures';
import { trackedTask } from './tracked-task';

describe('copyCandidates (worker)', () => {
  const { data, keys } = scenario();
  const tasks = tasksOf(data);

  it("the tab's own task page first; only tasks with a link we would offer", () => {
    expect(copyCandidates(tasks, taskUrl('41207', '880101'))).toEqual([keys.summerGlow]);
    // The campaign's task list shows both Kicks tasks: Styling's link was refused, so Unboxing only.
    expect(copyCandidates(tasks, 'https://app.impact.com/secure/mediapartner/campaigns/tasks-flow.ihtml?execution=e9s1&campaignId=41317')).toEqual([keys.kicksUnboxing]);
    expect(copyCandidates(tasks, 'https://app.impact.com/secure/mediapartner/home/pview.ihtml')).toEqual([]);
    expect(copyCandidates(tasks, 'https://www.tiktok.com/')).toEqual([]);
    expect(copyCandidates(tasks, undefined)).toEqual([]);
  });

  it('on a campaign page, tasks still to post come before posted ones', () => {
    const url = 'https://app.impact.com/secure/mediapartner/campaigns/tasks-flow.ihtml?execution=e9s1&campaignId=41207';
    const glow = data.tasks[keys.summerGlow]!;
    const second: TrackedTask = { ...glow, key: 'second', taskId: '880102', taskUrl: taskUrl('41207', '880102'), state: 'notStarted' };
    expect(copyCandidates([{ ...glow, state: 'posted' }, second], url)).toEqual(['second', keys.summerGlow]);
  });

  it('runCopyCommand asks the tab to copy, and says when no content script of ours answered', async () => {
    const { data: d } = scenario();
    const sendToTab = vi.fn(async () => ({ ok: true }));
    const deps = { activeTab: async () => ({ id: 7, url: taskUrl('41207', '880101') }), tasks: async () => tasksOf(d), sendToTab };
    expect(await runCopyCommand(deps)).toBe(true);
    expect(sendToTab).toHaveBeenCalledWith(7, { type: 'copyInviteLink', keys: [scenario().keys.summerGlow] });
    expect(await runCopyCommand({ ...deps, sendToTab: async () => ({ ok: false }) })).toBe(false);
    expect(await runCopyCommand({ ...deps, sendToTab: async () => Promise.reject(new Error('no receiver')) })).toBe(false);
    expect(await runCopyCommand({ ...deps, activeTab: async () => undefined })).toBe(false);
  });
});

describe('the copy command on the page', () => {
  let mounted: Mounted | undefined;
  afterEach(() => {
    mounted?.controller.abort();
    mounted = undefined;
    for (const h of Array.from(document.querySelectorAll('[data-tiktok-helper]'))) h.remove();
  });
  const toast = () => {
    const box = document.querySelector('[data-tiktok-helper="toast"]')?.shadowRoot?.querySelector<HTMLElement>('.box');
    return box ? within(box) : null;
  };
  const task = (over: Partial<TrackedTask>): TrackedTask => trackedTask({ inviteLink: 'https://www.tiktok.com/t/ZT8abc123/', state: 'inProgress', ...over });

  it('copies exactly the invite link, says which task in a toast, and ticks "Invite link copied"', async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const t = task({});
    document.body.innerHTML = '<main><h1>Home</h1></main>';
    mounted = mountOverlay('https://app.impact.com/secure/mediapartner/home/pview.ihtml', [t]);
    expect(await handleCopyInviteLink(mounted.ctx, [t.key])).toBe('copied');
    expect(writeText).toHaveBeenCalledWith('https://www.tiktok.com/t/ZT8abc123/');
    await waitFor(() => expect(toast()!.getByRole('status')).toHaveTextContent('Copied the invite link of Summer Glow Serum Launch · TikTok Video'));
    expect(mounted.sent.at(-1)).toEqual({ type: 'setStep', key: t.key, step: 'linkCopied', done: true });
    // Nothing of ours is left in the page but the toast.
    expect(Array.from(document.querySelectorAll('[data-tiktok-helper]'), (h) => h.getAttribute('data-tiktok-helper'))).toEqual(['toast']);
  });

  it('never copies a link that fails the check (a tampered record), and says what to do', async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const t = task({ inviteLink: 'https://tiktok.com.evil.example/t/x' });
    document.body.innerHTML = '<main><h1>Home</h1></main>';
    mounted = mountOverlay('https://app.impact.com/secure/mediapartner/home/pview.ihtml', [t]);
    expect(await handleCopyInviteLink(mounted.ctx, [t.key])).toBe('none');
    expect(writeText).not.toHaveBeenCalled();
    await waitFor(() => expect(toast()!.getByRole('status')).toHaveTextContent(/^No invite link known for a task on this page yet: open the task's TTCM Branded Content Details once/));
  });

  it('of several tasks, the one whose TTCM section is open here; otherwise it asks which', async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const { url } = loadFixture('hashed-details-expanded');
    const shown = task({});
    const other = task({ key: 'a:1234567|c:41207|tn:tiktok video 2', taskName: 'TikTok Video 2', inviteLink: 'https://www.tiktok.com/t/ZTother/' });
    mounted = mountOverlay(url, [shown, other]);
    await waitFor(() => expect(groups('ttcm-task')).toHaveLength(1));
    expect(await handleCopyInviteLink(mounted.ctx, [other.key, shown.key])).toBe('copied');
    expect(writeText).toHaveBeenLastCalledWith('https://www.tiktok.com/t/ZT8abc123/');

    mounted.controller.abort();
    mounted = mountOverlay('https://app.impact.com/secure/mediapartner/home/pview.ihtml', [shown, other]);
    writeText.mockClear();
    expect(await handleCopyInviteLink(mounted.ctx, [other.key, shown.key])).toBe('several');
    expect(writeText).not.toHaveBeenCalled();
    await waitFor(() => expect(toast()!.getByRole('status')).toHaveTextContent(/^This page shows 2 TikTok tasks: open the one you want/));
  });

  it('when the browser refuses the clipboard, selects the link and names the keys to press', async () => {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: vi.fn(async () => Promise.reject(new Error('not allowed'))) }, configurable: true });
    Object.defineProperty(document, 'execCommand', { value: vi.fn(() => false), configurable: true });
    const t = task({});
    document.body.innerHTML = '<main><h1>Home</h1></main>';
    mounted = mountOverlay('https://app.impact.com/secure/mediapartner/home/pview.ihtml', [t]);
    expect(await handleCopyInviteLink(mounted.ctx, [t.key])).toBe('manual');
    const input = toast()!.getByRole('textbox', { name: 'Text to copy' }) as HTMLInputElement;
    expect(input.value).toBe('https://www.tiktok.com/t/ZT8abc123/');
    await waitFor(() => expect(toast()!.getByRole('status')).toHaveTextContent(/^The browser blocked copying\. Press (Ctrl|⌘)\+C to copy the selected invite link of Summer Glow Serum Launch · TikTok Video\.$/));
    expect(mounted.sent.filter((m) => m.type === 'setStep')).toEqual([]);
  });
});
