/**
 * The popup: the task of the campaign open in the current tab first, then every other
 * tracked TikTok task grouped by campaign. Paginated, so thousands of tasks stay fast.
 */
import { useEffect, useMemo, useState } from 'react';
import { browser } from 'wxt/browser';
import { DiagnosticsPanel, type ActiveTab } from '@/components/DiagnosticsPanel';
import { EmptyState } from '@/components/EmptyState';
import { RecoveryNotice } from '@/components/RecoveryNotice';
import { TaskCard } from '@/components/TaskCard';
import { useNow } from '@/components/use-now';
import { orderForPopup, type CampaignGroup } from '@/utils/tracker/grouping';
import type { TrackedTask } from '@/utils/tracker/schema';
import { useTracker, useTrackerSync } from '@/utils/tracker/use-tracker';

/** Tasks rendered at first and added per "Show more": a popup is small, DOM stays light. */
export const POPUP_PAGE_SIZE = 20;

export function PopupApp() {
  useTrackerSync();
  const loaded = useTracker((s) => s.loaded);
  const tasks = useTracker((s) => s.tasks);
  const recovery = useTracker((s) => s.recovery);
  const now = useNow();
  const [tab, setTab] = useState<ActiveTab>();
  const [limit, setLimit] = useState(POPUP_PAGE_SIZE);

  useEffect(() => {
    browser.tabs
      .query({ active: true, currentWindow: true })
      .then(([active]) => setTab(active ? { id: active.id, url: active.url } : undefined))
      .catch(() => setTab(undefined));
  }, []);

  const order = useMemo(() => orderForPopup(tasks, tab?.url), [tasks, tab?.url]);
  // Name the account in group headings only when there is more than one (agencies).
  const multiAccount = useMemo(() => new Set(tasks.map((t) => t.accountId ?? t.accountName)).size > 1, [tasks]);
  const overviewUrl = browser.runtime.getURL('/overview.html');

  return (
    <main className="popup">
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
      {!loaded ? (
        <p className="muted">Loading…</p>
      ) : tasks.length === 0 ? (
        <EmptyState />
      ) : (
        <TaskList
          current={order.current}
          groups={order.groups}
          multiAccount={multiAccount}
          limit={limit}
          now={now}
          onMore={() => setLimit((l) => l + POPUP_PAGE_SIZE)}
          total={tasks.length}
        />
      )}
      <DiagnosticsPanel tab={tab} />
    </main>
  );
}

function TaskList({
  current,
  groups,
  multiAccount,
  limit,
  now,
  onMore,
  total,
}: {
  current: TrackedTask[];
  groups: CampaignGroup[];
  multiAccount: boolean;
  limit: number;
  now: number;
  onMore: () => void;
  total: number;
}) {
  let budget = limit;
  const shownCurrent = current.slice(0, budget);
  budget -= shownCurrent.length;
  const shownGroups: CampaignGroup[] = [];
  for (const group of groups) {
    if (budget <= 0) break;
    const part = group.tasks.slice(0, budget);
    budget -= part.length;
    shownGroups.push({ ...group, tasks: part });
  }
  const shown = limit - budget;

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
    </>
  );
}
