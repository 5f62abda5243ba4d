/**
 * The Refresh all control (components/RefreshAll.tsx): how to start when no Participating page
 * was seen, the press sending `refreshAll`, the live progress and Cancel from the stored walk,
 * and the summary with its failures; no accessibility violations.
 */
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { RefreshAll } from '../../components/RefreshAll';
import { finished, newRun, withCampaigns, afterCampaign } from '../../utils/refresh-state';

const campaigns = [
  { name: 'Summer Glow Serum Launch', brand: 'Lumière', id: '41207' },
  { name: 'Holiday Gift Guide 2026', brand: 'Hearth', id: '41288' },
  { name: 'Back to School Drop', brand: 'Kinetic', id: '41317' },
];

function replies(answer: (message: { type: string }) => unknown) {
  const sent: { type: string }[] = [];
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (message: { type: string }) => {
    sent.push(message);
    return answer(message);
  }) as never);
  return sent;
}

describe('Refresh all control', () => {
  it('says how to open Participating once when none was seen, and starts a walk when one was', async () => {
    const sent = replies(() => ({ ok: false, error: 'Open your Participating campaigns on impact.com once' }));
    const { container } = render(<RefreshAll />);
    await screen.findByText(/Open your Participating campaigns on impact.com once/);
    expect(screen.getByRole('button', { name: 'Open Participating campaigns' })).toBeInTheDocument();
    expect((await axe.run(container)).violations).toEqual([]);

    await fakeBrowser.storage.local.set({ refreshStart: { url: 'https://app.impact.com/x#/joined', at: 1 } });
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Open Participating campaigns' })).toBeNull());
    await userEvent.click(screen.getByRole('button', { name: 'Refresh all' }));
    expect(sent).toEqual([{ type: 'refreshAll' }]);
  });

  it('shows "n of N campaigns", the campaign being read and Cancel while the walk runs, then the summary', async () => {
    const sent = replies(() => ({ ok: true, value: null }));
    let run = withCampaigns(newRun('r', 'https://app.impact.com/x#/joined', 1), campaigns, 2);
    run = afterCampaign(run, 0, { found: 1, added: 1, changed: 0, failures: [] }, 3);
    await fakeBrowser.storage.local.set({ refreshStart: { url: run.startUrl, at: 1 }, refreshAll: run });
    const { container } = render(<RefreshAll />);
    await screen.findByText('1 of 3 campaigns');
    expect(screen.getByText(/Now: Holiday Gift Guide 2026/)).toBeInTheDocument();
    expect((await axe.run(container)).violations).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(sent).toEqual([{ type: 'cancelRefresh' }]);

    run = afterCampaign(run, 1, { found: 2, added: 1, changed: 1, failures: [{ campaign: 'Holiday Gift Guide 2026', task: 'TikTok Video', reason: 'View Task Details did not open.' }] }, 4);
    await fakeBrowser.storage.local.set({ refreshAll: finished(run, 'done', 5) });
    await screen.findByText(/Refresh all finished\. Visited 2 campaigns, found 3 TikTok tasks: 2 new, 1 with a changed link or code, 1 failure\./);
    expect(screen.getByText('Failures (1)')).toBeInTheDocument();
    expect(screen.getByText('Holiday Gift Guide 2026 › TikTok Video: View Task Details did not open.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Refresh all' })).toBeInTheDocument();
  });

  it('a stop on a sign-in page is said as an alert', async () => {
    replies(() => ({ ok: true, value: null }));
    const run = finished(withCampaigns(newRun('r', 'u', 1), campaigns, 2), 'stopped', 3, 'impact.com asks you to sign in.');
    await fakeBrowser.storage.local.set({ refreshStart: { url: 'u', at: 1 }, refreshAll: run });
    render(<RefreshAll />);
    expect(await screen.findByRole('alert')).toHaveTextContent('Refresh all stopped: impact.com asks you to sign in.');
  });
});
