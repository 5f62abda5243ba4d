/**
 * The popup: the task of the campaign open in the current tab first, then every other
 * tracked TikTok task grouped by campaign. Paginated, so thousands of tasks stay fast.
 *
 * The first page comes from the tracker's head (utils/tracker/head.ts) when it can tell what
 * belongs "On this tab"; the whole tracker replaces it once read, with the same first page.
 */
import { useEffect, useMemo, useState } from 'react';
import { browser } from 'wxt/browser';
import { DiagnosticsPanel, type ActiveTab } from '@/components/DiagnosticsPanel';
import { EmptyState } from '@/components/EmptyState';
import { RecoveryNotice } from '@/components/RecoveryNotice';
import { TaskCard } from '@/components/TaskCard';
import { useNow } from '@/components/use-now';
import { hasSeveralAccounts, orderForPopup, POPUP_PAGE_SIZE, type CampaignGroup, type PopupOrder } from '@/utils/tracker/grouping';
import { popupOrderFromHead } from '@/utils/tracker/head';
import type { TrackedTask } from '@/utils/tracker/schema';
import { takePrefetchedTab, useTracker, useTrackerSync } from '@/utils/tracker/use-tracker';

export { POPUP_PAGE_SIZE };

export function PopupApp() {
  useTrackerSync();
  const loaded = useTracker((s) => s.loaded);
  const complete = useTracker((s) => s.complete);
  const head = useTracker((s) => s.head);
  const total = useTracker((s) => s.total);
  const tasks = useTracker((s) => s.tasks);
  const recovery = useTracker((s) => s.recovery);
  const now = useNow();
  // undefined: not asked yet; null: asked, no usable tab. The list waits for the answer
  // (a few ms), so "On this tab" never moves the list after it is shown.
  const [tab, setTab] = useState<ActiveTab | null>();
  const [limit, setLimit] = useState(POPUP_PAGE_SIZE);

  useEffect(() => {
    (takePrefetchedTab() ?? browser.tabs.query({ active: true, currentWindow: true }))
      .then(([active]) => setTab(active ? { id: active.id, url: active.url } : null))
      .catch(() => setTab(null));
  }, []);

  const tabUrl = tab?.url;
  const order = useMemo<PopupOrder | null>(() => {
    if (tab === undefined) return null;
    if (complete) return orderForPopup(tasks, tabUrl);
    return head ? popupOrderFromHead(head, tabUrl) : null;
  }, [tab, complete, tasks, head, tabUrl]);
  const multiAccount = useMemo(() => (complete ? hasSeveralAccounts(tasks) : (head?.multiAccount ?? false)), [complete, tasks, head]);
  const overviewUrl = browser.runtime.getURL('/overview.html');

  return (
    <main className="popup" data-complete={complete}>
      <header className="popup-header">
        <h1>TikTok deliverables</h1>
        <a
          href={overviewUrl}
          onClick={(e) => {
            e.preventDefault();
            void browser.tabs.create({ url: overviewUrl });
          }}
        >
          Open overview
        </a>
      </header>
      <RecoveryNotice records={recovery} />
      {!loaded || (total > 0 && !order) ? (
        <p className="muted">Loading…</p>
      ) : total === 0 ? (
        <EmptyState />
      ) : (
        order && (
          <TaskList
            order={order}
            multiAccount={multiAccount}
            limit={limit}
            now={now}
            onMore={() => setLimit((l) => l + POPUP_PAGE_SIZE)}
            total={total}
            complete={complete}
          />
        )
      )}
      <DiagnosticsPanel tab={tab ?? undefined} />
    </main>
  );
}

function TaskList({
  order,
  multiAccount,
  limit,
  now,
  onMore,
  total,
  complete,
}: {
  order: PopupOrder;
  multiAccount: boolean;
  limit: number;
  now: number;
  onMore: () => void;
  total: number;
  /** False while the list comes from the head: only its first page is known. */
  complete: boolean;
}) {
  // The head knows the first page only; more waits for the whole tracker.
  let budget = complete ? limit : Math.min(limit, POPUP_PAGE_SIZE);
  const shownCurrent: TrackedTask[] = order.current.slice(0, budget);
  budget -= shownCurrent.length;
  const shownGroups: CampaignGroup[] = [];
  for (const group of order.groups) {
    if (budget <= 0) break;
    const part = group.tasks.slice(0, budget);
    budget -= part.length;
    shownGroups.push({ ...group, tasks: part });
  }
  const shown = shownCurrent.length + shownGroups.reduce((n, g) => n + g.tasks.length, 0);
  const waitingForMore = !complete && limit > shown;

  return (
    <>
      {shownCurrent.length > 0 && (
        <section className="current" aria-labelledby="current-title">
          <h2 id="current-title">On this tab</h2>
          {shownCurrent.map((task) => (
            <TaskCard key={task.key} task={task} now={now} />
          ))}
        </section>
      )}
      {/* Not named regions: two accounts can run campaigns of the same name. */}
      {shownGroups.map((group) => (
        <section key={group.id} className="campaign-group">
          <h2>
            {group.campaignName}
            {group.brand && <span className="muted"> · {group.brand}</span>}
            {multiAccount && group.accountName && <span className="muted"> · {group.accountName}</span>}
          </h2>
          {group.tasks.map((task) => (
            <TaskCard key={task.key} task={task} now={now} />
          ))}
        </section>
      ))}
      {shown < total && (
        <button type="button" className="show-more" onClick={onMore}>
          Show more tasks ({total - shown} more)
        </button>
      )}
      <p role="status" className="muted load-status">
        {waitingForMore ? `Loading all ${total} tasks…` : ''}
      </p>
    </>
  );
}
