/**
 * The injected controls, on real replica markup: copy writes exactly the value and says
 * "Copied" (with the fallback chain when the clipboard is refused), copying ticks the step,
 * a refused link gets an alert and no buttons, the QR dialog opens and closes with focus
 * returned, and tiles show the tracker state and per-task buttons.
 */
import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/dom';
import * as S from '../replica/scenario.mjs';
import { loadFixture } from './fixtures/load-fixture';
import { mountOverlay } from './overlay-hostile-fixtures';
import { trackedTask } from './tracked-task';
import type { TrackedTask } from '@/utils/tracker/schema';

const overlay = mountOverlay;

/** Our controls live in open shadow roots: query them through the hosts. */
function inHosts(kind: string): HTMLElement[] {
  return Array.from(document.querySelectorAll<HTMLElement>(`[data-tiktok-helper="${kind}"]`), (h) => h.shadowRoot!.querySelector('.box') as HTMLElement);
}
const glow = S.findTask(S.ids.tiktokOnly.taskId)!;

describe('TTCM controls', () => {
  it('copies exactly the invite link, announces it, and ticks the step after the task was seen', async () => {
    const { url } = loadFixture('semantic-details-expanded');
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const { sent, controller } = overlay(url);
    await waitFor(() => expect(inHosts('ttcm-invite-link')).toHaveLength(1));
    const box = inHosts('ttcm-invite-link')[0]!;
    within(box).getByRole('button', { name: 'Copy invite link' }).click();
    await waitFor(() => expect(within(box).getByText('Copied')).toBeInTheDocument());
    expect(writeText).toHaveBeenCalledWith(glow.task.ttcm!.inviteLink);
    await waitFor(() => expect(sent.map((m) => m.type)).toEqual(['taskSeen', 'setStep']));
    expect(sent[1]).toMatchObject({ type: 'setStep', step: 'linkCopied', done: true });
    controller.abort();
    expect(document.querySelectorAll('[data-tiktok-helper]')).toHaveLength(0);
  });

  it('Mark as posted and Open overview send their commands for this task', async () => {
    const { url } = loadFixture('hashed-details-expanded');
    const { sent, controller } = overlay(url);
    await waitFor(() => expect(inHosts('ttcm-task')).toHaveLength(1));
    const box = inHosts('ttcm-task')[0]!;
    expect(within(box).getByText('Tracker: Not started')).toBeInTheDocument();
    within(box).getByRole('button', { name: 'Mark as posted' }).click();
    within(box).getByRole('button', { name: 'Open overview' }).click();
    await waitFor(() => expect(sent.map((m) => m.type)).toEqual(['taskSeen', 'openOverview', 'markPosted']));
    const seen = sent[0] as Extract<BackgroundMessage, { type: 'taskSeen' }>;
    expect(seen.task).toMatchObject({ campaignName: glow.campaign.name, taskName: glow.task.name, inviteLink: glow.task.ttcm!.inviteLink });
    expect(sent[2]).toEqual({ type: 'markPosted', key: 'a:1234567|c:41207|tn:tiktok video' });
    controller.abort();
  });

  it('"Marked as posted" is still said by the strip the page re-rendered right after the press', async () => {
    const { url } = loadFixture('hashed-details-expanded');
    const pageMarkup = document.body.innerHTML;
    const { controller } = overlay(url);
    await waitFor(() => expect(inHosts('ttcm-task')).toHaveLength(1));
    const box = inHosts('ttcm-task')[0]!;
    within(box).getByRole('button', { name: 'Mark as posted' }).click();
    await waitFor(() => expect(within(box).getByText('Marked as posted')).toBeInTheDocument());
    // The page draws its details again (our strip with them).
    document.body.innerHTML = pageMarkup;
    await waitFor(() => {
      const rebuilt = inHosts('ttcm-task')[0];
      expect(rebuilt).toBeDefined();
      expect(rebuilt).not.toBe(box);
      expect(within(rebuilt!).getByText('Marked as posted')).toBeInTheDocument();
    });
    controller.abort();
  });

  it('says why a task it cannot tell is not tracked, and still offers copy', async () => {
    // Details that name neither their task nor their campaign, on an address without ids.
    document.body.innerHTML = `<div><details open><summary>TTCM Branded Content Details</summary>
      <div>Invite link: <a href="https://vt.tiktok.com/ZS1234abcd/">https://vt.tiktok.com/ZS1234abcd/</a></div></details></div>`;
    const { sent, controller } = overlay('https://app.impact.com/secure/mediapartner/home/pview.ihtml');
    await waitFor(() => expect(inHosts('ttcm-task')).toHaveLength(1));
    const box = inHosts('ttcm-task')[0]!;
    expect(within(box).getByText(/^Task details not recorded: could not tell its campaign.*Copy and QR code still work\.$/)).toBeInTheDocument();
    expect(within(box).getByRole('button', { name: 'Mark as posted' })).toBeDisabled();
    expect(within(inHosts('ttcm-invite-link')[0]!).getByRole('button', { name: 'Copy invite link' })).toBeEnabled();
    expect(sent.filter((m) => m.type === 'taskSeen')).toHaveLength(0);
    controller.abort();
  });

  it('falls back to execCommand, then to selecting the text with a Ctrl/Cmd+C hint', async () => {
    const { url } = loadFixture('uicl-details-expanded');
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: vi.fn(async () => Promise.reject(new Error('not allowed'))) }, configurable: true });
    const exec = vi.fn(() => true);
    Object.defineProperty(document, 'execCommand', { value: exec, configurable: true });
    const { controller } = overlay(url);
    await waitFor(() => expect(inHosts('ttcm-campaign-code')).toHaveLength(1));
    const box = inHosts('ttcm-campaign-code')[0]!;
    within(box).getByRole('button', { name: 'Copy campaign code' }).click();
    await waitFor(() => expect(within(box).getByText('Copied')).toBeInTheDocument());
    expect(exec).toHaveBeenCalledWith('copy');

    exec.mockReturnValue(false);
    within(box).getByRole('button', { name: 'Copy campaign code' }).click();
    const manual = await within(box).findByRole('textbox', { name: 'Text to copy' });
    expect((manual as HTMLInputElement).value).toBe(glow.task.ttcm!.campaignCode);
    expect(within(box).getByText(/Press (Ctrl|Cmd)\+C to copy/)).toBeInTheDocument();
    controller.abort();
  });

  it('shows an alert instead of copy and QR buttons for a refused link', async () => {
    const { url } = loadFixture('hashed-details-javascript-link');
    const { controller } = overlay(url);
    await waitFor(() => expect(inHosts('ttcm-invite-link')).toHaveLength(1));
    const box = inHosts('ttcm-invite-link')[0]!;
    expect(within(box).getByRole('alert')).toHaveTextContent('not a TikTok link');
    expect(within(box).queryByRole('button')).toBeNull();
    controller.abort();
  });

  it('opens the QR dialog and gives focus back when it closes with Escape', async () => {
    const { url } = loadFixture('semantic-details-expanded');
    const { controller } = overlay(url);
    await waitFor(() => expect(inHosts('ttcm-invite-link')).toHaveLength(1));
    const show = within(inHosts('ttcm-invite-link')[0]!).getByRole('button', { name: 'Show QR code' });
    show.focus();
    show.click();
    await waitFor(() => expect(document.querySelector('[data-tiktok-helper="qr-dialog"]')).not.toBeNull()); // put into the frame by the worker first
    const dialogBox = inHosts('qr-dialog')[0]!;
    const dialog = within(dialogBox).getByRole('dialog', { name: 'Invite link QR code' });
    expect(within(dialog).getByText(glow.task.ttcm!.inviteLink!)).toBeInTheDocument();
    expect(within(dialog).getByText("Scan with your phone's camera to open TikTok")).toBeInTheDocument();
    // Which campaign and task, as in the popup's dialog (was the task name alone).
    expect(within(dialog).getByText(`${glow.campaign.name} · ${glow.task.name}`)).toBeInTheDocument();
    // The code comes from the background (the content script has no encoder) and draws the link.
    expect(await within(dialog).findByRole('img', { name: 'QR code of the invite link' })).toBeInTheDocument();
    dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(document.querySelectorAll('[data-tiktok-helper="qr-dialog"]')).toHaveLength(0);
    expect(show.getRootNode()).toBeInstanceOf(ShadowRoot);
    expect((show.getRootNode() as ShadowRoot).activeElement).toBe(show);
    controller.abort();
  });

  it('gives focus to the rebuilt Show QR code button when the page re-rendered it while the dialog was open', async () => {
    const { url } = loadFixture('semantic-details-expanded');
    const pageMarkup = document.body.innerHTML;
    const { controller } = overlay(url);
    await waitFor(() => expect(inHosts('ttcm-invite-link')).toHaveLength(1));
    const show = within(inHosts('ttcm-invite-link')[0]!).getByRole('button', { name: 'Show QR code' });
    show.focus();
    show.click();
    await waitFor(() => expect(document.querySelector('[data-tiktok-helper="qr-dialog"]')).not.toBeNull()); // put into the frame by the worker first
    const dialog = within(inHosts('qr-dialog')[0]!).getByRole('dialog', { name: 'Invite link QR code' });
    // The page throws its slide-out away (our controls with it) and has not drawn the new one yet.
    for (const child of Array.from(document.body.children)) if (!child.matches('[data-tiktok-helper="qr-dialog"]')) child.remove();
    dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(document.activeElement).toBe(document.body);
    // Then it draws the slide-out again: the rebuilt button gets focus back.
    document.body.insertAdjacentHTML('afterbegin', pageMarkup);
    await waitFor(() => {
      const rebuilt = within(inHosts('ttcm-invite-link')[0]!).getByRole('button', { name: 'Show QR code' });
      expect(rebuilt).not.toBe(show);
      expect((rebuilt.getRootNode() as ShadowRoot).activeElement).toBe(rebuilt);
    });
    controller.abort();
  });
});

describe('a TTCM drop-down whose content is drawn only when opened', () => {
  /** Our control boxes anywhere, also inside the page's open shadow roots (uicl). */
  function deepHosts(kind: string): HTMLElement[] {
    const out: HTMLElement[] = [];
    const visit = (root: Document | ShadowRoot) => {
      for (const el of Array.from(root.querySelectorAll('*'))) {
        if (el.getAttribute('data-tiktok-helper') === kind) out.push(el.shadowRoot!.querySelector('.box') as HTMLElement);
        else if (el.shadowRoot) visit(el.shadowRoot);
      }
    };
    visit(document);
    return out;
  }

  it.each(['semantic', 'uicl'] as const)('%s: no controls while closed, one set once the page draws the content', async (family) => {
    const { url } = loadFixture(`${family}-details-collapsed-absent`);
    const { controller } = overlay(url);
    // The task's header is there: the task-level controls come, the link and code ones cannot.
    await waitFor(() => expect(deepHosts('ttcm-task')).toHaveLength(1));
    expect(deepHosts('ttcm-invite-link')).toHaveLength(0);
    expect(deepHosts('ttcm-campaign-code')).toHaveLength(0);
    // The creator opens the drop-down and the page draws its content (here: the whole page again).
    loadFixture(`${family}-details-expanded`);
    await waitFor(() => expect(deepHosts('ttcm-invite-link')).toHaveLength(1));
    expect(deepHosts('ttcm-campaign-code')).toHaveLength(1);
    expect(deepHosts('ttcm-task')).toHaveLength(1);
    expect(within(deepHosts('ttcm-invite-link')[0]!).getByRole('button', { name: 'Show QR code' })).toBeInTheDocument();
    controller.abort();
  });
});

describe('tile controls', () => {
  const tracked = (over: Partial<TrackedTask> & { campaignId: string }): TrackedTask => trackedTask({ key: `a:1234567|c:${over.campaignId}|t:${over.taskId}`, campaignName: '', ...over });

  it('draws its controls inside a tile that is a custom element whose shadow root has no slot', async () => {
    // Light children of such a host are never drawn: the controls must go into its shadow tree.
    document.body.innerHTML = '<main><h1>Find Campaigns</h1><div class="grid"></div></main>';
    const grid = document.querySelector('.grid')!;
    for (const [name, platform] of [[glow.campaign.name, 'TikTok'], ['Other Campaign', 'Instagram']] as const) {
      const card = document.createElement('x-card');
      card.attachShadow({ mode: 'open' }).innerHTML = `<div><h3>${name}</h3><p>Brand</p><svg role="img"><title>${platform}</title></svg><a href="#">Manage Tasks</a></div>`;
      grid.append(card);
    }
    const task = tracked({ campaignId: glow.campaign.id, campaignName: glow.campaign.name, taskId: glow.task.id, inviteLink: glow.task.ttcm!.inviteLink! });
    const { controller } = overlay('https://app.impact.com/secure/mediapartner/marketplace/new-campaign-marketplace-flow.ihtml?execution=e1s1#/joined', [task]);
    const tiktokCard = grid.children[0]!;
    await waitFor(() => expect(tiktokCard.shadowRoot!.querySelectorAll('[data-tiktok-helper="tile"]')).toHaveLength(1));
    expect(tiktokCard.querySelectorAll('[data-tiktok-helper]')).toHaveLength(0);
    expect(grid.children[1]!.shadowRoot!.querySelectorAll('[data-tiktok-helper]')).toHaveLength(0);
    const box = tiktokCard.shadowRoot!.querySelector('[data-tiktok-helper="tile"]')!.shadowRoot!.querySelector('.box') as HTMLElement;
    expect(within(box).getByRole('button', { name: 'Copy invite link' })).toBeInTheDocument();
    controller.abort();
    expect(tiktokCard.shadowRoot!.querySelectorAll('[data-tiktok-helper]')).toHaveLength(0);
  });

  it('chips TikTok tiles only; known tasks get their state and buttons, one group per task', async () => {
    const { url } = loadFixture('hashed-participating');
    const [a, b] = S.ids.twoTikTokTasks.taskIds.map((id) => S.findTask(id)!);
    const tasks = [
      tracked({ campaignId: glow.campaign.id, campaignName: glow.campaign.name, taskId: glow.task.id, state: 'posted', inviteLink: glow.task.ttcm!.inviteLink! }),
      ...[a!, b!].map((x) => tracked({ campaignId: x.campaign.id, campaignName: x.campaign.name, taskId: x.task.id, taskName: x.task.name, inviteLink: x.task.ttcm!.inviteLink! })),
    ];
    const { controller } = overlay(url, tasks);
    const tiktok = S.campaignsForAccount().filter((c) => c.platforms.includes('tiktok'));
    await waitFor(() => expect(inHosts('tile')).toHaveLength(tiktok.length));
    const hostOf = (name: string) => inHosts('tile').find((box) => ((box.getRootNode() as ShadowRoot).host.parentElement!.textContent ?? '').includes(name))!;
    expect(within(hostOf(glow.campaign.name)).getByRole('status')).toHaveTextContent('Posted');
    // Posted: copying or scanning again cannot help, so nothing is offered (issue 12).
    expect(within(hostOf(glow.campaign.name)).queryAllByRole('button')).toEqual([]);
    expect(within(hostOf(S.findCampaign(S.ids.japanese.campaignId)!.name)).getByRole('status')).toHaveTextContent('Not started');
    expect(within(hostOf(S.findCampaign(S.ids.japanese.campaignId)!.name)).queryByRole('button')).toBeNull();
    const kicks = hostOf(a!.campaign.name);
    for (const x of [a!, b!]) {
      const group = within(within(kicks).getByRole('group', { name: x.task.name }));
      // Not started: both offered, copying the link is the next step (the one filled button).
      expect(group.getAllByRole('button').map((x) => [x.textContent, x.classList.contains('primary')])).toEqual([
        ['Copy invite link', true],
        ['Show QR code', false],
      ]);
    }
    // The second task's QR code shows that task's link; Close gives focus back to its button.
    const showB = within(within(kicks).getByRole('group', { name: b!.task.name })).getByRole('button', { name: 'Show QR code' });
    showB.focus();
    showB.click();
    await waitFor(() => expect(document.querySelector('[data-tiktok-helper="qr-dialog"]')).not.toBeNull()); // put into the frame by the worker first
    const dialog = within(inHosts('qr-dialog')[0]!).getByRole('dialog', { name: 'Invite link QR code' });
    expect(within(dialog).getByText(b!.task.ttcm!.inviteLink!)).toBeInTheDocument();
    expect(within(dialog).getByText(`${b!.campaign.name} · ${b!.task.name}`)).toBeInTheDocument();
    within(dialog).getByRole('button', { name: 'Close' }).click();
    expect(inHosts('qr-dialog')).toHaveLength(0);
    expect((showB.getRootNode() as ShadowRoot).activeElement).toBe(showB);
    controller.abort();
    expect(screen.queryAllByRole('status')).toHaveLength(0);
  });
});
