/**
 * The popup: the task of the campaign open in the current tab first (opened, with its
 * checklist), then one line per open task (campaign by campaign, what is due first first) and
 * the submitted ones in a closed "Submitted (n)" section. A search box once there are more
 * than ten. Paginated, so thousands of tasks stay fast. Archived tasks (utils/tracker/archive.ts)
 * are not listed: the overview shows them.
 *
 * The first page comes from the tracker's head (utils/tracker/head.ts) when it can tell what
 * belongs "On this tab"; the whole tracker replaces it once read, with the same first page.
 */
import { useEffect, useMemo, useState } from 'react';
import { browser } from 'wxt/browser';
import { DiagnosticsPanel, type ActiveTab } from '@/components/DiagnosticsPanel';
import { EmptyState } from '@/components/EmptyState';
import { RefreshAll } from '@/components/RefreshAll';
import { MigrationNotice, RecoveryNotice, UnsavedNotice } from '@/components/RecoveryNotice';
import { Shortcuts } from '@/components/Shortcuts';
import { TaskCard } from '@/components/TaskCard';
import { useNow } from '@/components/use-now';
import { popupList, POPUP_SEARCH_FROM } from '@/components/popup-list';
import { hasSeveralAccounts, orderForPopup, POPUP_PAGE_SIZE, type PopupOrder } from '@/utils/tracker/grouping';
import type { TrackerState } from '@/utils/tracker/machine';
import { popupOrderFromHead } from '@/utils/tracker/head';
import { activeTasks } from '@/utils/tracker/archive';
import type { TrackedTask } from '@/utils/tracker/schema';
import { takePrefetchedTab, useTrackerPage, useTrackerSync } from '@/utils/tracker/use-tracker';
import { formatNumber, t } from '@/utils/i18n';

export { POPUP_PAGE_SIZE };

export function PopupApp() {
  useTrackerSync();
  const { loaded, complete, head, total, tasks, recovery, unsaved, migration } = useTrackerPage();
  const now = useNow();
  // undefined: not asked yet; null: asked, no usable tab. The list waits for the answer
  // (a few ms), so "On this tab" never moves the list after it is shown.
  const [tab, setTab] = useState<ActiveTab | null>();

  useEffect(() => {
    (takePrefetchedTab() ?? browser.tabs.query({ active: true, currentWindow: true }))
      .then(([active]) => setTab(active ? { id: active.id, url: active.url } : null))
      .catch(() => setTab(null));
  }, []);

  const tabUrl = tab?.url;
  // Archived tasks are the overview's business: the head already leaves them out.
  const active = useMemo(() => activeTasks(tasks), [tasks]);
  const activeTotal = complete || !head ? active.length : head.total - head.archived;
  const order = useMemo<PopupOrder | null>(() => {
    if (tab === undefined) return null;
    if (complete) return orderForPopup(active, tabUrl);
    return head ? popupOrderFromHead(head, tabUrl) : null;
  }, [tab, complete, active, head, tabUrl]);
  const multiAccount = useMemo(() => (complete ? hasSeveralAccounts(active) : (head?.multiAccount ?? false)), [complete, active, head]);
  const overviewUrl = browser.runtime.getURL('/overview.html');

  return (
    <main className="popup" data-complete={complete}>
      <header className="popup-header">
        <h1>{t('popup.title')}</h1>
        {/* In the header's row while idle: a row of its own would push a task line out of view. */}
        <RefreshAll compact />
        <a
          href={overviewUrl}
          onClick={(e) => {
            e.preventDefault();
            void browser.tabs.create({ url: overviewUrl });
          }}
        >
          {t('action.openOverview')}
        </a>
      </header>
      <RecoveryNotice records={recovery} />
      <UnsavedNotice unsaved={unsaved} tasks={tasks} complete={complete} />
      <MigrationNotice migration={migration} />
      {!loaded || (total > 0 && !order) ? (
        <p className="muted">{t('action.loading')}</p>
      ) : total === 0 ? (
        <EmptyState />
      ) : activeTotal === 0 ? (
        <p className="muted all-archived">{t('popup.allArchived', total, { count: formatNumber(total) })}</p>
      ) : (
        order && (
          <TaskList order={order} multiAccount={multiAccount} now={now} total={activeTotal} counts={head?.counts} complete={complete} />
        )
      )}
      <Shortcuts />
      <DiagnosticsPanel tab={tab ?? undefined} />
    </main>
  );
}

function TaskList({
  order,
  multiAccount,
  now,
  total,
  counts,
  complete,
}: {
  order: PopupOrder;
  multiAccount: boolean;
  now: number;
  total: number;
  counts?: Record<TrackerState, number>;
  /** False while the list comes from the head: only its first page is known. */
  complete: boolean;
}) {
  const [limit, setLimit] = useState(POPUP_PAGE_SIZE);
  const [submittedLimit, setSubmittedLimit] = useState(POPUP_PAGE_SIZE);
  const [submittedOpen, setSubmittedOpen] = useState(false);
  const [query, setQuery] = useState('');
  const list = useMemo(
    () => popupList({ order, limit, submittedLimit, query, complete, counts, total }),
    [order, limit, submittedLimit, query, complete, counts, total],
  );
  const searching = query.trim() !== '';
  // More than the head knows was asked for: wait for the whole tracker.
  const waitingForMore = !complete && (list.queryWaiting || (list.moreOpen > 0 && list.open.length < limit) || (submittedOpen && list.moreSubmitted > 0 && list.submitted.length < submittedLimit));
  const nothingFound = complete && searching && list.current.length + list.open.length + list.submittedCount === 0;
  const card = (task: TrackedTask, expanded = false, onTab = false) => (
    <TaskCard key={task.key} task={task} now={now} expanded={expanded} showAccount={multiAccount} onTab={onTab} />
  );

  return (
    <>
      {total > POPUP_SEARCH_FROM && (
        <div role="search" className="popup-search">
          <label className="visually-hidden" htmlFor="popup-search">
            {t('popup.searchLabel')}
          </label>
          <input id="popup-search" type="search" placeholder={t('popup.searchPlaceholder')} value={query} onChange={(e) => setQuery(e.currentTarget.value)} />
        </div>
      )}
      {list.current.length > 0 && (
        <section className="task-section current" aria-labelledby="current-title">
          <h2 id="current-title">{t('popup.onThisTab')}</h2>
          {/* The most pressing one opened: two open cards would push every other task out of view. */}
          {list.current.map((task, i) => card(task, i === 0, true))}
        </section>
      )}
      {(list.open.length > 0 || list.moreOpen > 0) && (
        <section className="task-section" aria-labelledby="open-title">
          <h2 id="open-title">{list.current.length > 0 ? t('popup.otherTasks') : t('popup.tasksToDo')}</h2>
          {list.open.map((task) => card(task))}
          {list.moreOpen > 0 && (
            <button type="button" className="show-more" onClick={() => setLimit((l) => l + POPUP_PAGE_SIZE)}>
              {t('popup.showMore', { count: formatNumber(list.moreOpen) })}
            </button>
          )}
        </section>
      )}
      {list.submittedCount > 0 && (
        <section className="task-section submitted" aria-labelledby="submitted-title">
          <h2 id="submitted-title">
            <button type="button" className="section-toggle" aria-expanded={submittedOpen} aria-controls="submitted-list" onClick={() => setSubmittedOpen((o) => !o)}>
              <span className="chevron" aria-hidden="true" />
              {t('popup.submitted', { count: formatNumber(list.submittedCount) })}
            </button>
          </h2>
          <div id="submitted-list" className="task-section" hidden={!submittedOpen}>
            {submittedOpen && list.submitted.map((task) => card(task))}
            {submittedOpen && list.moreSubmitted > 0 && (
              <button type="button" className="show-more" onClick={() => setSubmittedLimit((l) => l + POPUP_PAGE_SIZE)}>
                {t('popup.showMoreSubmitted', { count: formatNumber(list.moreSubmitted) })}
              </button>
            )}
          </div>
        </section>
      )}
      {nothingFound && <p className="muted">{t('popup.noMatch', { query: query.trim() })}</p>}
      <p role="status" className="muted load-status">
        {waitingForMore ? t('action.loadingAll', total, { count: formatNumber(total) }) : ''}
      </p>
    </>
  );
}
