/**
 * Page text (names, statuses, the page's own retrieve messages) reaches the popup, the
 * overview, notifications, the CSV export and the tile controls only as text: shown verbatim,
 * never parsed as markup, never run as a spreadsheet formula. And a link that fails the check
 * is never offered, wherever it was stored from (a tampered backup file, an old record).
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PopupApp } from '../../entrypoints/popup/App';
import { OverviewApp } from '../../entrypoints/overview/App';
import { retrieveNotice } from '../../utils/background/retrieve-notice';
import { CSV_BOM, tasksToCsv } from '../../utils/csv';
import { applyEvent, recordDiscovered } from '../../utils/tracker/reducer';
import type { DiscoveredTask, TrackedTask, TrackerData } from '../../utils/tracker/schema';
import { NOW, T0, captureDownloads, fakeBackground, qrDialog, seedTracker, taskUrl } from './popup-overview-fixtures';
import { giveTableHeight } from './overview-fixtures';
import { loadFixture } from './fixtures/load-fixture';
import { expectNoInjectedMarkup, groups, mountOverlay, settled } from './overlay-hostile-fixtures';
import * as S from '../replica/scenario.mjs';

const HOSTILE = {
  accountName: '"><svg onload=alert(1)> Maya',
  campaignName: '<img src=x onerror="window.__pwned=1">',
  brand: '=HYPERLINK("https://evil.example","Click me")',
  taskName: '<script>window.__pwned=2</script> TikTok Video',
  impactStatus: '<b>Awaiting</b> submission',
  /** What the page said after "Retrieve my post" (its alert text) ends up in the tracker. */
  pageAnswer: '<iframe src="javascript:alert(3)"></iframe> Something went wrong',
  code: '@SUM(1+1)',
};

const hostileTask: DiscoveredTask = {
  accountId: '1234567',
  accountName: HOSTILE.accountName,
  campaignId: '41207',
  campaignName: HOSTILE.campaignName,
  brand: HOSTILE.brand,
  taskId: '880101',
  taskName: HOSTILE.taskName,
  impactStatus: HOSTILE.impactStatus,
  dueDate: 'Dec 15, 2026',
  inviteLink: 'https://www.tiktok.com/t/ZT8abc123/',
  campaignCode: HOSTILE.code,
  taskUrl: taskUrl('41207', '880101'),
};

/** One task that needs attention because of what the page answered. */
function hostileData(): { data: TrackerData; task: TrackedTask } {
  let data: TrackerData = { tasks: {} };
  const { task } = recordDiscovered(data, hostileTask, T0);
  data = { tasks: { [task.key]: task } };
  for (const [event, detail] of [['markPosted'], ['startRetrieve'], ['retrieveFailed', HOSTILE.pageAnswer]] as const) {
    const out = applyEvent(data, task.key, event, T0 + 1000, detail, event === 'retrieveFailed' ? { retrieve: { attempts: 1, lastOutcome: `impact.com showed an error: ${HOSTILE.pageAnswer}` } } : undefined);
    if (!out.ok) throw new Error(out.reason);
    data = out.value.data;
  }
  return { data, task: data.tasks[task.key]! };
}

function expectTextOnly(container: ParentNode) {
  expect(container.querySelectorAll('script, iframe, object, embed, img[src="x"], b, svg[onload]')).toHaveLength(0);
  for (const el of Array.from(container.querySelectorAll('*'))) {
    for (const attr of Array.from(el.attributes)) expect(attr.name.startsWith('on'), `<${el.localName} ${attr.name}>`).toBe(false);
  }
  expect((window as { __pwned?: unknown }).__pwned).toBeUndefined();
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => vi.useRealTimers());

describe('page text in the extension pages', () => {
  it('popup: every hostile name, status and page answer is shown verbatim as text', async () => {
    const { data } = hostileData();
    await seedTracker(data);
    fakeBackground();
    const user = userEvent.setup();
    const { container } = render(<PopupApp />);
    await waitFor(() => expect(screen.queryByText('Loading…')).not.toBeInTheDocument());
    const card = screen.getByRole('article', { name: `${HOSTILE.taskName} ${HOSTILE.campaignName}` });
    // The card is one line until opened (a click on the line).
    await user.click(within(card).getAllByRole('button')[0]!);
    expect(within(card).getByText(HOSTILE.taskName, { selector: '.task-title' })).toBeInTheDocument();
    for (const text of [HOSTILE.campaignName, HOSTILE.impactStatus, HOSTILE.pageAnswer]) expect(card.textContent).toContain(text);
    // The QR dialog names the task with the same text.
    await user.click(within(card).getByRole('button', { name: 'Show QR code' }));
    const dialog = await waitFor(() => within(qrDialog()!.parentElement!).getByRole('dialog'));
    expect(dialog.textContent).toContain(HOSTILE.taskName);
    expectTextOnly(container);
    expectTextOnly(document.body);
  });

  it('overview: the row shows the same text, and the CSV keeps it as text and never as a formula', async () => {
    const downloads = captureDownloads();
    const restoreHeight = giveTableHeight();
    try {
      const { data } = hostileData();
      await seedTracker(data);
      fakeBackground('overview.html');
      const user = userEvent.setup();
      const { container } = render(<OverviewApp />);
      await waitFor(() => expect(screen.queryByText('Loading…')).not.toBeInTheDocument());
      const row = screen.getByRole('checkbox', { name: `Select ${HOSTILE.taskName}, ${HOSTILE.campaignName}` }).closest('tr')!;
      for (const text of [HOSTILE.campaignName, HOSTILE.taskName, HOSTILE.brand, HOSTILE.impactStatus]) expect(row.textContent).toContain(text);
      expectTextOnly(container);

      await user.click(screen.getByRole('button', { name: 'Export CSV' }));
      await waitFor(() => expect(downloads.files).toHaveLength(1));
      const parsed = Papa.parse<string[]>(downloads.files[0]!.text.replace(CSV_BOM, ''), { skipEmptyLines: true }).data;
      expect(parsed).toHaveLength(2);
      const cells = Object.fromEntries(parsed[0]!.map((h, i) => [h, parsed[1]![i]]));
      expect(cells).toMatchObject({
        Account: `${HOSTILE.accountName} (1234567)`,
        Campaign: HOSTILE.campaignName,
        Brand: `'${HOSTILE.brand}`, // a spreadsheet shows it, never runs it
        Task: HOSTILE.taskName,
        'impact.com status': HOSTILE.impactStatus,
        'Campaign code': `'${HOSTILE.code}`,
      });
    } finally {
      restoreHeight();
      downloads.restore();
    }
  });

  it('CSV: every formula start is neutralised, including tab and carriage return', () => {
    const base = hostileData().task;
    const starts = ['=1+1', '+1+1', '-1+1', '@SUM(A1)', '\t=1', '\r=1'];
    const csv = tasksToCsv(starts.map((campaignName, i) => ({ ...base, key: `k${i}`, campaignName })));
    const rows = Papa.parse<string[]>(csv.replace(CSV_BOM, ''), { skipEmptyLines: true }).data.slice(1);
    expect(rows.map((r) => r[1])).toEqual(starts.map((s) => `'${s}`));
  });

  it('notifications: plain text with the names verbatim (folded), clipped, nothing interpreted', () => {
    const { task } = hostileData();
    const notice = retrieveNotice(task, 'needsAttention', HOSTILE.pageAnswer);
    expect(notice.title).toBe('TikTok post needs your attention');
    expect(notice.message).toContain(`${HOSTILE.taskName} · ${HOSTILE.campaignName}`.slice(0, 100));
    expect(notice.message).toContain('<iframe');
    expect(notice.message.length).toBeLessThanOrEqual(400);
    const multi = retrieveNotice({ ...task, taskName: 'TikTok\nVideo\r\n<b>x</b>' }, 'submitted');
    expect(multi.message).toBe(`TikTok Video <b>x</b> · ${HOSTILE.campaignName}: impact.com has your post.`);
  });
});

describe('a stored link that fails the check is never offered', () => {
  const bad = ['javascript:alert(document.domain)', 'https://tiktok.com.evil.example/t/x', 'https://www.tiktok.com\\@evil.example/'];

  it.each(bad)('popup: %s (e.g. from a tampered backup) gets an alert, no copy, no QR', async (inviteLink) => {
    const { data, task } = hostileData();
    await seedTracker({ tasks: { [task.key]: { ...data.tasks[task.key]!, inviteLink, state: 'inProgress' } } });
    fakeBackground();
    render(<PopupApp />);
    await waitFor(() => expect(screen.queryByText('Loading…')).not.toBeInTheDocument());
    const card = screen.getByRole('article');
    await userEvent.setup().click(within(card).getAllByRole('button')[0]!);
    expect(within(card).getByRole('alert')).toHaveTextContent('not a TikTok link');
    expect(within(card).queryByRole('button', { name: 'Copy invite link' })).toBeNull();
    expect(within(card).queryByRole('button', { name: 'Show QR code' })).toBeNull();
  });

  it.each(bad)('tile on Participating: %s gets no copy or QR button', async (inviteLink) => {
    vi.useRealTimers();
    const glow = S.findTask(S.ids.tiktokOnly.taskId)!;
    const { url } = loadFixture('semantic-participating');
    const tracked: TrackedTask = {
      ...hostileData().task,
      key: `a:1234567|c:${glow.campaign.id}|t:${glow.task.id}`,
      campaignId: glow.campaign.id,
      campaignName: glow.campaign.name,
      inviteLink,
    };
    const m = mountOverlay(url, [tracked]);
    try {
      await settled('tile', S.campaignsForAccount().filter((c) => c.platforms.includes('tiktok')).length);
      const box = groups('tile').find((b) => ((b.getRootNode() as ShadowRoot).host.parentElement?.textContent ?? '').includes(glow.campaign.name))!;
      expect(within(box).getByRole('group', { name: tracked.taskName })).toBeInTheDocument();
      // Neither the link nor its QR code; at most the task's (valid) campaign code.
      expect(within(box).queryAllByRole('button').map((b) => b.textContent)).toEqual(tracked.campaignCode ? ['Copy campaign code'] : []);
      expectNoInjectedMarkup();
    } finally {
      m.controller.abort();
    }
  });
});
