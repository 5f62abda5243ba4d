/**
 * The overview in jsdom, shared by its component tests (overview.test.tsx,
 * overview-manager.test.tsx): rendering it, its rows, and each test's clock, downloads and the
 * 600 px a browser window would give the table's scroll box (jsdom does no layout).
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, vi } from 'vitest';
import { OverviewApp } from '../../entrypoints/overview/App';
import { NOW, captureDownloads } from './popup-overview-fixtures';

/** `withRows`: also wait until its rows can be selected (the tracker has tasks). */
export async function renderOverview({ withRows = false } = {}) {
  const user = userEvent.setup();
  const view = render(<OverviewApp />);
  await waitFor(() => expect(screen.queryByText('Loading…')).not.toBeInTheDocument());
  if (withRows) await waitFor(() => expect(screen.getByRole('checkbox', { name: 'Select all shown tasks' })).toBeEnabled());
  return { user, ...view };
}

/** Data rows in display order (the header row excluded). */
export const dataRows = () => screen.getAllByRole('row').slice(1).filter((r) => r.getAttribute('aria-hidden') !== 'true');
export const cellTexts = (row: HTMLElement) => within(row).getAllByRole('cell').map((c) => c.textContent);
export const rowOf = (task: string, campaign: string) => screen.getByRole('checkbox', { name: `Select ${task}, ${campaign}` }).closest('tr')!;

/**
 * The 600 px a browser window would give the table's scroll box (jsdom does no layout, and
 * the table draws the rows that fit); returns the undo.
 */
export function giveTableHeight(): () => void {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('table-scroller') ? 600 : 0;
    },
  });
  return () => void delete (HTMLElement.prototype as { clientHeight?: number }).clientHeight;
}

/** Each test at NOW, with downloads captured (`downloads()`: this test's) and a 600 px table. */
export function overviewTestSetup(): { downloads: () => ReturnType<typeof captureDownloads> } {
  let downloads: ReturnType<typeof captureDownloads>;
  let restoreHeight: () => void;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
    downloads = captureDownloads();
    restoreHeight = giveTableHeight();
  });
  afterEach(() => {
    restoreHeight();
    downloads.restore();
    vi.useRealTimers();
  });
  return { downloads: () => downloads };
}
