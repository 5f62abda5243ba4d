import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PARTICIPATING_URL } from '../../components/EmptyState';
import { PopupApp } from '../../entrypoints/popup/App';
import type { Diagnostics } from '../../utils/messages';
import { recoveryItem, readTracker } from '../../utils/tracker/storage';
import { NOW, captureDownloads, fakeBackground, manyTasks, openActiveTab, qrDialog, scenario, seedTracker, taskUrl } from './popup-overview-fixtures';

/** The task's card; `index` picks among same-named tasks of other accounts (in list order). */
const card = (task: string, campaign: string, index = 0) => screen.getAllByRole('article', { name: `${task} ${campaign}` })[index]!;
/** The line that opens and closes a card. */
const line = (article: HTMLElement) => within(article).getAllByRole('button')[0]!;

/**
 * Opens a task's card the way a person does: a click on its line (and first on "Submitted (n)"
 * when the task is in that closed section). Returns queries within the card.
 */
async function openCard(user: ReturnType<typeof userEvent.setup>, task: string, campaign: string, index = 0) {
  if (screen.queryAllByRole('article', { name: `${task} ${campaign}` }).length <= index) {
    await user.click(screen.getByRole('button', { name: /^Submitted \(\d+\)$/ }));
  }
  const article = card(task, campaign, index);
  if (line(article).getAttribute('aria-expanded') === 'false') await user.click(line(article));
  expect(line(article)).toHaveAttribute('aria-expanded', 'true');
  return within(article);
}

async function renderPopup() {
  const user = userEvent.setup();
  const view = render(<PopupApp />);
  await screen.findByRole('heading', { level: 1, name: 'TikTok deliverables' });
  await waitFor(() => expect(screen.queryByText('Loading…')).not.toBeInTheDocument());
  return { user, ...view };
}

beforeEach(() => {
  // Only the clock is faked: "due in 2 days" is about Dec 3, 2026; timers and promises run normally.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('popup with tracked tasks', () => {
  it('shows one line per task (task, campaign, state, due), the submitted ones in a closed "Submitted (1)" section', async () => {
    const { data } = scenario();
    await seedTracker(data);
    fakeBackground();
    const { user } = await renderPopup();

    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual(['Tasks to do', 'Submitted (1)', 'Keyboard shortcuts']);
    // Open tasks, what is due first first; every line closed (no tab shows a task).
    const lines = screen.getAllByRole('article').map((a) => line(a));
    expect(lines.map((b) => b.textContent)).toEqual([
      'Back to School Drop: Two Videos · TikTok Video – Unboxing · Maya CreatesNot starteddue in 2 days',
      'Back to School Drop: Two Videos · TikTok Video – Styling · Maya CreatesNot starteddue Dec 19',
      'Summer Glow Serum Launch · TikTok Video · Maya CreatesIn progressdue Dec 15',
      'Holiday Gift Guide 2026 · TikTok Video · Maya CreatesRetry scheduleddue Dec 18',
    ]);
    for (const b of lines) expect(b).toHaveAttribute('aria-expanded', 'false');
    // Close or past due dates in words (above), others as the day; the campaign and task whole on hover.
    expect(lines[2]!.querySelector('.line-due')).toHaveAttribute('data-urgency', 'later');
    expect(lines[0]!.querySelector('.line-due')).toHaveAttribute('data-urgency', 'soon');
    expect(lines[0]!.querySelector('[title]')).toHaveAttribute('title', 'Back to School Drop: Two Videos · TikTok Video – Unboxing · Maya Creates');
    expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Mark as posted' })).not.toBeInTheDocument();

    // Opened: brand, impact.com's status, the whole due date, the buttons and the checklist.
    const unboxing = await openCard(user, 'TikTok Video – Unboxing', 'Back to School Drop: Two Videos');
    expect(unboxing.getByText('Kinetic Kicks', { exact: false })).toHaveTextContent('Kinetic Kicks · Maya Creates · impact.com: Awaiting submission · Dec 5, 2026 · due in 2 days');
    expect(unboxing.getByRole('group', { name: 'Steps: 0 of 5 done' })).toBeInTheDocument();

    // Submitted: out of the way until asked for; nothing is due any more, so no "overdue"
    // although Nov 28 has passed, and no checklist to count.
    expect(screen.getAllByRole('article', { name: 'TikTok Video Summer Glow Serum Launch' })).toHaveLength(1);
    const toggle = screen.getByRole('button', { name: 'Submitted (1)' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    const uk = await openCard(user, 'TikTok Video', 'Summer Glow Serum Launch', 1);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(uk.getAllByText('Submitted', { selector: '.state-badge' })).toHaveLength(1);
    expect(uk.getByText('Lumière Skincare', { exact: false })).toHaveTextContent('Lumière Skincare · Maya Creates UK · impact.com: TikTok Video pending approval · Nov 28, 2026');
    expect(uk.getByText('Nov 28, 2026', { selector: '.task-meta .due' })).toBeInTheDocument();
    expect(uk.queryByText(/Steps: \d of \d done/)).not.toBeInTheDocument();
    expect(uk.getByText(/^Done: impact.com has your post/)).toBeInTheDocument();
    await user.click(toggle);
    expect(screen.getAllByRole('article', { name: 'TikTok Video Summer Glow Serum Launch' })).toHaveLength(1);
  });

  it('a line opens and closes its card with a click or the keyboard (aria-expanded)', async () => {
    await seedTracker(scenario().data);
    fakeBackground();
    const { user } = await renderPopup();
    const gift = card('TikTok Video', 'Holiday Gift Guide 2026');
    const toggle = line(gift);
    expect(toggle).toHaveAttribute('aria-controls', expect.any(String));
    expect(document.getElementById(toggle.getAttribute('aria-controls')!)).not.toBeVisible();

    toggle.focus();
    await user.keyboard('{Enter}');
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(document.getElementById(toggle.getAttribute('aria-controls')!)).toBeVisible();
    expect(within(gift).getByRole('button', { name: 'Retry now' })).toBeInTheDocument();
    // What happened and what to do, in the page strip's words (components/attention.ts).
    expect(within(gift).getByText(/^impact.com did not show the post yet/)).toHaveTextContent(
      /^impact.com did not show the post yet\. What to do: Nothing: the helper presses "Retrieve my post" again (at|on) .+\. Press Retry now to try at once\.$/,
    );
    await user.keyboard(' ');
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(within(gift).queryByRole('button', { name: 'Retry now' })).not.toBeInTheDocument();
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
  });

  it("shows the active tab's campaign first", async () => {
    const { data } = scenario();
    await seedTracker(data);
    fakeBackground();
    await openActiveTab(taskUrl('41288', '880404').replace('e2s1', 'e7s2'));
    await renderPopup();

    const current = await screen.findByRole('region', { name: 'On this tab' });
    expect(within(current).getAllByRole('article').map((a) => a.getAttribute('data-task-key'))).toHaveLength(1);
    expect(within(current).getByText('Holiday Gift Guide 2026')).toBeInTheDocument();
    const headings = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(headings).toEqual(['On this tab', 'Other tasks to do', 'Submitted (1)', 'Keyboard shortcuts']);
    // The tab's task is open with its checklist; the others are one line each.
    const [gift] = within(current).getAllByRole('article');
    expect(line(gift!)).toHaveAttribute('aria-expanded', 'true');
    expect(within(gift!).getByRole('group', { name: 'Steps: 0 of 5 done' })).toBeInTheDocument();
    expect(within(gift!).getByRole('button', { name: 'Retry now' })).toBeInTheDocument();
    const others = screen.getAllByRole('article').filter((a) => !current.contains(a));
    expect(others.map((a) => line(a).getAttribute('aria-expanded'))).toEqual(['false', 'false', 'false']);
  });

  it('ticking and unticking a step sends setStep and the checklist follows storage', async () => {
    const { data, keys } = scenario();
    await seedTracker(data);
    const background = fakeBackground();
    const { user } = await renderPopup();
    const glow = await openCard(user, 'TikTok Video', 'Summer Glow Serum Launch');

    expect(glow.getByRole('checkbox', { name: 'Invite link copied' })).toBeChecked();
    const joined = glow.getByRole('checkbox', { name: 'Joined the campaign in TikTok' });
    expect(joined).not.toBeChecked();
    expect(glow.getByRole('group', { name: 'Steps: 1 of 5 done' })).toBeInTheDocument();

    await user.click(joined);
    expect(background.sent.at(-1)).toEqual({ type: 'setStep', key: keys.summerGlow, step: 'joinedCampaign', done: true });
    await waitFor(async () => expect((await readTracker()).data.tasks[keys.summerGlow]!.steps.joinedCampaign).toBeDefined());
    expect(joined).toBeChecked();
    await waitFor(() => expect(glow.getByRole('group', { name: 'Steps: 2 of 5 done' })).toBeInTheDocument());

    await user.click(joined);
    expect(background.sent.at(-1)).toEqual({ type: 'setStep', key: keys.summerGlow, step: 'joinedCampaign', done: false });
    await waitFor(async () => expect((await readTracker()).data.tasks[keys.summerGlow]!.steps.joinedCampaign).toBeUndefined());
    await waitFor(() => expect(glow.getByRole('group', { name: 'Steps: 1 of 5 done' })).toBeInTheDocument());
    expect(joined).not.toBeChecked();
  });

  it('a change the background refuses is undone on screen and explained', async () => {
    const { data } = scenario();
    await seedTracker(data);
    fakeBackground();
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue({ ok: false, error: 'That task is no longer tracked.' } as never);
    const { user } = await renderPopup();
    const glow = await openCard(user, 'TikTok Video', 'Summer Glow Serum Launch');
    const joined = glow.getByRole('checkbox', { name: 'Joined the campaign in TikTok' });

    await user.click(joined);
    expect(await glow.findByRole('alert')).toHaveTextContent('That task is no longer tracked.');
    expect(joined).not.toBeChecked();
    await user.click(glow.getByRole('radio', { name: 'Campaign code' }));
    await waitFor(() => expect(glow.getByRole('radio', { name: 'Invite link' })).toBeChecked());
  });

  it('the next step shows the exact TikTok menu path (only it), and the path toggle switches the checklist', async () => {
    const { data, keys } = scenario();
    await seedTracker(data);
    const background = fakeBackground();
    const { user } = await renderPopup();
    const glow = await openCard(user, 'TikTok Video', 'Summer Glow Serum Launch');

    // Steps further on say nothing yet: one thing to do at a time.
    const adAuthorization = glow.getByRole('checkbox', { name: 'Ad authorization set for 30 days' });
    expect(adAuthorization).not.toHaveAccessibleDescription();
    await user.click(glow.getByRole('checkbox', { name: 'Invite link opened on your phone (scan the QR code)' }));
    await user.click(glow.getByRole('checkbox', { name: 'Joined the campaign in TikTok' }));
    // The Statement of Work asks for 30 days (as the page says): not "(optional)" for this task.
    await waitFor(() => expect(adAuthorization).toHaveAccessibleDescription(/In the TikTok app: Ad Authorization → Ad authorization window/));
    // Not optional, so the step after it waits its turn.
    expect(glow.getByRole('checkbox', { name: 'Video posted on TikTok' })).not.toHaveAccessibleDescription();
    expect(glow.getByRole('radio', { name: 'Invite link' })).toBeChecked();

    await user.click(glow.getByRole('radio', { name: 'Campaign code' }));
    expect(background.sent.at(-1)).toEqual({ type: 'choosePath', key: keys.summerGlow, path: 'campaignCode' });
    await waitFor(async () => expect((await readTracker()).data.tasks[keys.summerGlow]!.path).toBe('campaignCode'));

    await user.click(glow.getByRole('checkbox', { name: 'Campaign code copied' }));
    const added = glow.getByRole('checkbox', { name: 'Campaign code added in the TikTok app' });
    await waitFor(() =>
      expect(added).toHaveAccessibleDescription(
        expect.stringContaining(
          'In the TikTok app: Content disclosure and ads → Disclose video content → Branded content → Link campaign → Add campaign code',
        ),
      ),
    );
    expect(glow.queryByRole('checkbox', { name: 'Joined the campaign in TikTok' })).not.toBeInTheDocument();
    expect(glow.getByRole('checkbox', { name: 'Ad authorization window set for 30 days' })).toBeInTheDocument();
  });

  it('the ad authorization step is optional only while no Statement of Work window is known for the task', async () => {
    const { data, keys } = scenario();
    // The styling task's Statement of Work names no window.
    const { authorizationDays: _none, ...styling } = data.tasks[keys.kicksStyling]!;
    await seedTracker({ ...data, tasks: { ...data.tasks, [keys.kicksStyling]: styling } });
    fakeBackground();
    const { user } = await renderPopup();
    const card = await openCard(user, 'TikTok Video – Styling', 'Back to School Drop: Two Videos');
    expect(card.getByRole('checkbox', { name: /^Ad authorization (?:window )?set for the window in the Statement of Work .* \(optional\)$/ })).toBeInTheDocument();
  });

  it('Copy invite link copies exactly the link, announces Copied and records the step', async () => {
    const { data, keys } = scenario();
    await seedTracker(data);
    const background = fakeBackground();
    const { user } = await renderPopup();
    const unboxing = await openCard(user, 'TikTok Video – Unboxing', 'Back to School Drop: Two Videos');

    await user.click(unboxing.getByRole('button', { name: 'Copy invite link' }));
    expect(await navigator.clipboard.readText()).toBe('https://www.tiktok.com/t/ZT2kQv9Rs/');
    expect(await unboxing.findByText('Copied')).toHaveAttribute('aria-live', 'polite');
    expect(background.sent.at(-1)).toEqual({ type: 'setStep', key: keys.kicksUnboxing, step: 'linkCopied', done: true });
    await waitFor(() => expect(unboxing.getByText('In progress', { selector: '.state-badge' })).toBeInTheDocument());

    // The invite-link path offers the link; the campaign code path offers the code.
    expect(unboxing.queryByRole('button', { name: 'Copy campaign code' })).not.toBeInTheDocument();
    await user.click(unboxing.getByRole('radio', { name: 'Campaign code' }));
    await user.click(await unboxing.findByRole('button', { name: 'Copy campaign code' }));
    expect(await navigator.clipboard.readText()).toBe('KK1');
    expect(unboxing.queryByRole('button', { name: 'Copy invite link' })).not.toBeInTheDocument();
  });

  it('Show QR code opens the "Invite link QR code" dialog; Escape closes it and focus returns', async () => {
    const { data } = scenario();
    await seedTracker(data);
    fakeBackground();
    const { user } = await renderPopup();
    const gift = await openCard(user, 'TikTok Video', 'Holiday Gift Guide 2026');
    const show = gift.getByRole('button', { name: 'Show QR code' });

    await user.click(show);
    const dialog = within(qrDialog()!.parentElement!).getByRole('dialog', { name: 'Invite link QR code' });
    // The encoder loads when a dialog first opens: the code follows the dialog.
    expect((await within(dialog).findByRole('img', { name: 'QR code of the invite link' })).tagName.toLowerCase()).toBe('svg');
    expect(within(dialog).getByText('https://vt.tiktok.com/ZSx7Lm2Qp/')).toBeInTheDocument();
    // The page's words (page-controls.test.ts): campaign · task, then how to use it.
    expect(within(dialog).getByText('Holiday Gift Guide 2026 · TikTok Video')).toBeInTheDocument();
    expect(within(dialog).getByText("Scan with your phone's camera to open TikTok")).toBeInTheDocument();
    // Focus is inside the dialog's shadow root (document.activeElement is its host).
    expect((dialog.getRootNode() as ShadowRoot).activeElement).toBe(within(dialog).getByRole('button', { name: 'Close' }));

    await user.keyboard('{Escape}');
    expect(qrDialog()).toBeNull();
    expect(show).toHaveFocus();

    await user.click(show);
    await user.click(within(qrDialog()!).getByRole('button', { name: 'Close' }));
    expect(qrDialog()).toBeNull();
    expect(show).toHaveFocus();
  });

  it('an invite link that failed validation shows an alert and offers no copy or QR', async () => {
    const { data } = scenario();
    await seedTracker(data);
    fakeBackground();
    const { user } = await renderPopup();
    const styling = await openCard(user, 'TikTok Video – Styling', 'Back to School Drop: Two Videos');

    expect(styling.getByRole('alert')).toHaveTextContent('not a TikTok link');
    expect(styling.queryByRole('button', { name: 'Copy invite link' })).not.toBeInTheDocument();
    expect(styling.queryByRole('button', { name: 'Show QR code' })).not.toBeInTheDocument();
    // The campaign code still works, and that path is the one chosen.
    expect(styling.getByRole('button', { name: 'Copy campaign code' })).toBeInTheDocument();
    expect(styling.getByRole('radio', { name: 'Campaign code' })).toBeChecked();
  });

  it('Mark as posted and Retry now appear only where the state allows them, and send their message', async () => {
    const { data, keys } = scenario();
    await seedTracker(data);
    const background = fakeBackground();
    const { user } = await renderPopup();
    const glow = await openCard(user, 'TikTok Video', 'Summer Glow Serum Launch');
    const gift = await openCard(user, 'TikTok Video', 'Holiday Gift Guide 2026');
    const uk = await openCard(user, 'TikTok Video', 'Summer Glow Serum Launch', 1);

    expect(glow.queryByRole('button', { name: 'Retry now' })).not.toBeInTheDocument();
    expect(gift.queryByRole('button', { name: 'Mark as posted' })).not.toBeInTheDocument();
    expect(uk.queryByRole('button', { name: 'Mark as posted' })).not.toBeInTheDocument();
    expect(uk.queryByRole('button', { name: 'Retry now' })).not.toBeInTheDocument();

    await user.click(glow.getByRole('button', { name: 'Mark as posted' }));
    expect(background.sent.at(-1)).toEqual({ type: 'markPosted', key: keys.summerGlow });
    await waitFor(() => expect(glow.getByText('Posted', { selector: '.state-badge' })).toBeInTheDocument());
    expect(glow.queryByRole('button', { name: 'Mark as posted' })).not.toBeInTheDocument();
    expect(glow.getByRole('checkbox', { name: 'Video posted on TikTok' })).toBeChecked();

    await user.click(gift.getByRole('button', { name: 'Retry now' }));
    expect(background.sent.at(-1)).toEqual({ type: 'retryNow', key: keys.giftGuide });
    await waitFor(() => expect(gift.getByText('Posted', { selector: '.state-badge' })).toBeInTheDocument());
  });

  it("each card fills one button: the creator's next step in the help article's order; nothing to copy once posted", async () => {
    const { data, keys } = scenario();
    await seedTracker(data);
    fakeBackground();
    const { user } = await renderPopup();
    const glow = await openCard(user, 'TikTok Video', 'Summer Glow Serum Launch');
    const notStarted = () => Object.values(data.tasks).find((t) => t.state === 'notStarted' && t.inviteLink && !Object.keys(t.steps).length)!;
    const filled = () => glow.getAllByRole('button').filter((b) => b.classList.contains('primary')).map((b) => b.textContent);
    // A task with nothing done yet: copy the invite link first.
    const fresh = await openCard(user, notStarted().taskName, notStarted().campaignName);
    expect(fresh.getAllByRole('button').filter((b) => b.classList.contains('primary')).map((b) => b.textContent)).toEqual(['Copy invite link']);
    // The invite link was copied (the fixture): scan it. Shown: Mark as posted is what is left.
    expect(data.tasks[keys.summerGlow]!.steps.linkCopied).toBeDefined();
    expect(filled()).toEqual(['Show QR code']);
    await user.click(glow.getByRole('button', { name: 'Show QR code' }));
    await user.keyboard('{Escape}');
    await waitFor(() => expect(filled()).toEqual(['Mark as posted']));
    await user.click(glow.getByRole('button', { name: 'Mark as posted' }));
    await waitFor(() => expect(glow.getByText('Posted', { selector: '.state-badge' })).toBeInTheDocument());
    // Posted: no copy or QR, no filled button (the extension retrieves the post).
    expect(glow.queryByRole('button', { name: 'Copy invite link' })).not.toBeInTheDocument();
    expect(glow.queryByRole('button', { name: 'Show QR code' })).not.toBeInTheDocument();
    expect(filled()).toEqual([]);
    // A failed retrieve: Retry now is the step.
    const gift = await openCard(user, 'TikTok Video', 'Holiday Gift Guide 2026');
    expect(gift.getAllByRole('button').filter((b) => b.classList.contains('primary')).map((b) => b.textContent)).toEqual(['Retry now']);
  });

  it('a change made in another context (an impact.com tab) shows up in the open popup', async () => {
    const { data, keys } = scenario();
    await seedTracker(data);
    const background = fakeBackground();
    const { user } = await renderPopup();
    const unboxing = await openCard(user, 'TikTok Video – Unboxing', 'Back to School Drop: Two Videos');
    expect(unboxing.getByRole('checkbox', { name: 'Invite link copied' })).not.toBeChecked();

    // The content script's copy button, going through the background like every writer.
    await act(() => fakeBrowser.runtime.sendMessage({ type: 'setStep', key: keys.kicksUnboxing, step: 'linkCopied', done: true }));
    expect(background.sent).toHaveLength(1);
    await waitFor(() => expect(unboxing.getByRole('checkbox', { name: 'Invite link copied' })).toBeChecked());
  });

  it('offers a search box once there are more than 10 tasks: campaign, task or brand, any case, with or without accents', async () => {
    const { data } = scenario();
    await seedTracker(data);
    fakeBackground();
    const first = await renderPopup();
    // Five tasks: nothing to search.
    expect(screen.queryByRole('searchbox')).not.toBeInTheDocument();
    first.unmount();

    await seedTracker({ tasks: { ...data.tasks, ...manyTasks(8).tasks } });
    const { user } = await renderPopup();
    const search = screen.getByRole('searchbox', { name: 'Search tasks' });
    const names = () => screen.queryAllByRole('article').map((a) => a.getAttribute('aria-labelledby') && line(a).querySelector('.task-line-names')!.textContent);
    expect(screen.getAllByRole('article')).toHaveLength(12);

    // The brand, typed without its accent and in capitals: the open task, and the submitted one counted in its section.
    await user.type(search, 'LUMIERE');
    expect(names()).toEqual(['Summer Glow Serum Launch · TikTok Video · Maya Creates']);
    expect(screen.getByRole('button', { name: 'Submitted (1)' })).toBeInTheDocument();
    // A task name, a campaign name (with its accent typed), two words anywhere.
    await user.clear(search);
    await user.type(search, 'styling');
    expect(names()).toEqual(['Back to School Drop: Two Videos · TikTok Video – Styling · Maya Creates']);
    expect(screen.queryByRole('button', { name: /^Submitted/ })).not.toBeInTheDocument();
    await user.clear(search);
    await user.type(search, 'campaign 0001 video 2');
    expect(names()).toEqual(['Campaign 0001 · TikTok Video 2']);
    await user.clear(search);
    await user.type(search, 'hearth   home');
    expect(names()).toEqual(['Holiday Gift Guide 2026 · TikTok Video · Maya Creates']);
    // Nothing found: said so.
    await user.clear(search);
    await user.type(search, 'Lumière Unboxing');
    expect(screen.queryAllByRole('article')).toEqual([]);
    expect(screen.getByText('No task matches “Lumière Unboxing”.')).toBeInTheDocument();
    await user.clear(search);
    expect(screen.getAllByRole('article')).toHaveLength(12);
  });

  it('pages through thousands of tasks instead of rendering them all', async () => {
    await seedTracker(manyTasks(3000));
    fakeBackground();
    const { user } = await renderPopup();
    expect(screen.getAllByRole('article')).toHaveLength(20);
    await user.click(screen.getByRole('button', { name: 'Show more tasks (2,980 more)' }));
    expect(screen.getAllByRole('article')).toHaveLength(40);
  });

  it('Open overview opens the overview page in a new tab', async () => {
    await seedTracker(scenario().data);
    fakeBackground();
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    const { user } = await renderPopup();
    await user.click(screen.getByRole('link', { name: 'Open overview' }));
    expect(create).toHaveBeenCalledWith({ url: 'chrome-extension://test-extension-id/overview.html' });
  });

  it('is axe-clean with realistic data and with the QR dialog open', async () => {
    await seedTracker(scenario().data);
    fakeBackground();
    const { user, container } = await renderPopup();
    expect((await axe.run(container)).violations).toEqual([]);
    // Every card open, the submitted one too.
    await openCard(user, 'TikTok Video', 'Summer Glow Serum Launch', 1);
    for (const article of screen.getAllByRole('article')) if (line(article).getAttribute('aria-expanded') === 'false') await user.click(line(article));
    expect((await axe.run(container)).violations).toEqual([]);
    await user.click(within(card('TikTok Video', 'Holiday Gift Guide 2026')).getByRole('button', { name: 'Show QR code' }));
    await within(qrDialog()!).findByRole('img', { name: 'QR code of the invite link' });
    expect((await axe.run(document.body)).violations).toEqual([]);
  });
});

describe('popup without tasks', () => {
  it('tells a new user where to go and opens the Participating page', async () => {
    fakeBackground();
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    const { user, container } = await renderPopup();
    expect(screen.getByRole('heading', { name: 'No TikTok tasks yet' })).toBeInTheDocument();
    expect(screen.getByText('Discover → Find Campaigns → Participating')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Open Participating campaigns' }));
    expect(create).toHaveBeenCalledWith({ url: PARTICIPATING_URL });
    expect(PARTICIPATING_URL.startsWith('https://app.impact.com/')).toBe(true);
    expect((await axe.run(container)).violations).toEqual([]);
  });

  it('offers set-aside records for export', async () => {
    fakeBackground();
    await recoveryItem.setValue([{ at: NOW, source: 'storage', reason: 'state: Invalid option', raw: { key: 'x' } }]);
    const downloads = captureDownloads();
    try {
      const { user } = await renderPopup();
      expect(screen.getByRole('heading', { name: '1 damaged record was set aside' })).toBeInTheDocument();
      await user.click(screen.getByRole('button', { name: 'Export set-aside records' }));
      await waitFor(() => expect(downloads.files).toHaveLength(1));
      expect(downloads.files[0]!.fileName).toBe('tiktok-deliverables-set-aside-2026-12-03.json');
      expect(JSON.parse(downloads.files[0]!.text).records).toEqual([{ at: NOW, source: 'storage', reason: 'state: Invalid option', raw: { key: 'x' } }]);
    } finally {
      downloads.restore();
    }
  });
});

describe('popup diagnostics', () => {
  it('says when the active tab is not an impact.com page', async () => {
    fakeBackground();
    await openActiveTab('https://www.tiktok.com/');
    const { user } = await renderPopup();
    await user.click(screen.getByText('Diagnostics'));
    expect(await screen.findByText('This tab is not an impact.com page.')).toBeInTheDocument();
  });

  it("shows what the impact.com tab's content script found", async () => {
    fakeBackground();
    const tab = await openActiveTab('https://app.impact.com/secure/mediapartner/marketplace/new-campaign-marketplace-flow.ihtml?execution=e1s1#/joined');
    const found: Diagnostics = {
      url: tab.url!,
      page: 'Find Campaigns · Participating',
      tiles: 6,
      tiktokTiles: 3,
      ttcmSections: 0,
      inviteLinks: { valid: 0, invalid: 0 },
      campaignCodes: 0,
      problems: ['No TTCM Branded Content Details section on this page.'],
    };
    const ask = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({ ok: true, value: found } as never);
    // The diagnostics' code is in the page actions: the popup puts them into the tab's top frame first.
    const inject = vi.fn(async (injection: { func?: unknown }) => [{ frameId: 0, result: injection.func ? false : undefined }]);
    fakeBrowser.scripting.executeScript = inject as never;
    const { user } = await renderPopup();
    await user.click(screen.getByText('Diagnostics'));
    await screen.findByText('Find Campaigns · Participating');
    expect(inject).toHaveBeenLastCalledWith({ target: { tabId: tab.id, frameIds: [0] }, files: ['/page-actions.js'] });
    expect(ask).toHaveBeenCalledWith(tab.id, { type: 'getDiagnostics' }, { frameId: 0 });
    const term = (name: string) => screen.getByText(name).closest('div')!.querySelector('dd')!.textContent;
    expect(term('Campaign tiles')).toBe('6');
    expect(term('Tiles with a TikTok icon')).toBe('3');
    expect(term('TTCM Branded Content Details sections')).toBe('0');
    expect(screen.getByText('No TTCM Branded Content Details section on this page.')).toBeInTheDocument();
  });
});
