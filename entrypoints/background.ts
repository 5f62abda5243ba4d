import '@/utils/zod-messages';
import { browser } from 'wxt/browser';
import { creatorWaitCountOf, showBadgeCount } from '@/utils/background/badge';
import { takeOverOpenTabs, takesOver } from '@/utils/background/reinject';
import { browserReinjectDeps } from '@/utils/background/reinject-browser';
import { browserRetrieveDeps } from '@/utils/background/retrieve-browser';
import { keyFromNoticeId } from '@/utils/background/retrieve-notice';
import { createRetrieveOrchestrator } from '@/utils/background/retrieve-orchestrator';
import { handleMessage } from '@/utils/background/router';
import { createTabQueue } from '@/utils/background/tab-queue';
import { createCreatorPaths } from '@/utils/background/creator-paths';
import { checkStorage } from '@/utils/background/storage-check';
import { prepayFirstWrite } from '@/utils/background/first-write';
import { COPY_INVITE_LINK_COMMAND, runCopyCommand } from '@/utils/background/copy-command';
import { sendToTab } from '@/utils/messages';
import { injectQrDialog, pageActionsPost } from '@/utils/background/tabs-browser';
import { createHostScripts } from '@/utils/background/host-scripts';
import { browserHostScriptDeps } from '@/utils/background/host-scripts-browser';
import { readGrantedOrigins } from '@/utils/hosts-browser';
import { whyNotOpenable } from '@/utils/page/urls';
import { readTrackedTask, readTrackedTaskList } from '@/utils/background/tracker-owner';
import { HeadCountsSchema, storedHead } from '@/utils/tracker/head';
import { isTaskBucketName, LOCAL_KEY } from '@/utils/storage-keys';
import { settingsItem, trackerRev } from '@/utils/tracker/storage';
import { createRefreshAll, REFRESH_ALARM } from '@/utils/background/refresh-all';
import { createActiveTabs } from '@/utils/background/active-tabs';
import { browserRefreshDeps } from '@/utils/background/refresh-browser';
import { parseRefreshState, refreshBadgeText } from '@/utils/refresh-state';
import { createReminders } from '@/utils/background/reminders';
import { createDailyRefresh } from '@/utils/background/daily-refresh';
import { browserDailyRefreshDeps } from '@/utils/background/daily-refresh-browser';
import { browserReminderDeps, notificationButtons } from '@/utils/background/reminders-browser';
import { archiveSettingChanged, createArchiver } from '@/utils/background/archive';
import { browserArchiveDeps } from '@/utils/background/archive-browser';

export default defineBackground(() => {
  const ownOrigin = browser.runtime.getURL('/');
  // One queue for every job that works in a background tab: at most two such tabs at once.
  const tabQueue = createTabQueue();
  const retrieve = createRetrieveOrchestrator({ ...browserRetrieveDeps(), queue: tabQueue });
  // Refresh all: the Participating campaigns walked in one tab of the same queue.
  const refresh = createRefreshAll(browserRefreshDeps(tabQueue));
  // The tab each window showed before: the creator going to the walk's (or a retrieve's) tab, or the browser
  // showing it because the tab before was closed (utils/background/active-tabs.ts).
  const activeTabs = createActiveTabs();
  void browser.tabs.query({ active: true }).then((tabs) => tabs.forEach((tab) => activeTabs.seed(tab)), () => undefined);
  // The content script on the other impact.com addresses the creator granted (utils/page/hosts.ts).
  const hostScripts = createHostScripts(browserHostScriptDeps());
  // Reminders before a due date and after posting: one alarm, shown-ids in storage (utils/background/reminders.ts).
  const reminders = createReminders(browserReminderDeps());
  // Refresh all every day at the creator's time, when switched on (off by default).
  const daily = createDailyRefresh(browserDailyRefreshDeps(() => refresh.start()));
  // Submitted tasks unchanged for the set number of days are archived (utils/background/archive.ts).
  const archiver = createArchiver(browserArchiveDeps());
  const paths = createCreatorPaths({
    get: async (key) => (await browser.storage.session.get(key))[key],
    set: (key, value) => browser.storage.session.set({ [key]: value }),
    remove: (key) => browser.storage.session.remove(key),
  });

  // Every listener is registered synchronously: an MV3 worker woken by an event must
  // find its listener on the first turn, or the event is lost.
  browser.runtime.onMessage.addListener((message, sender) =>
    handleMessage(message, sender, {
      ownId: browser.runtime.id,
      ownOrigin,
      overviewUrl: browser.runtime.getURL('/overview.html'),
      async openPage(url) {
        await browser.tabs.create({ url });
      },
      onReadyToRetrieve: (key, request) => retrieve.start(key, request),
      paths,
      grantedOrigins: readGrantedOrigins,
      onHostsChanged: () => hostScripts.sync('new'),
      refresh,
      injectQrDialog,
    }),
  );
  // Granted or removed here, in the browser's own settings, or in the overview.
  browser.permissions.onAdded.addListener(() => void hostScripts.sync('new'));
  browser.permissions.onRemoved.addListener(() => void hostScripts.sync('new'));

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === REFRESH_ALARM) void refresh.resume().catch(() => undefined);
    else if (!reminders.onAlarm(alarm.name) && !daily.onAlarm(alarm.name) && !archiver.onAlarm(alarm.name)) void retrieve.onAlarm(alarm.name);
  });
  browser.tabs.onActivated.addListener((activation) => {
    const before = activeTabs.activated(activation);
    void retrieve.onTabActivated(activation.tabId, before).catch(() => undefined);
    void refresh.onTabActivated(activation.tabId, before).catch(() => undefined);
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    void retrieve.onTabRemoved(tabId);
    void paths.forget(tabId);
  });
  browser.runtime.onStartup.addListener(() => void retrieve.resume('startup'));
  // Installed or updated: impact.com tabs that were already open get the new content script
  // without a reload (Chrome; Firefox does it itself). See utils/background/reinject.ts.
  // Granted hosts' tabs are taken over in both browsers: their script is registered, not in the manifest.
  browser.runtime.onInstalled.addListener(({ reason }) => {
    void takeOverOpenTabs(reason, browserReinjectDeps());
    if (takesOver(reason)) void hostScripts.sync('all');
  });
  browser.notifications.onClicked.addListener((id) => {
    if (!reminders.onClicked(id)) void openNoticeTask(id);
  });
  // Open task / Snooze 1 day. Firefox's notifications have no buttons (a click opens the task there).
  if (notificationButtons()) browser.notifications.onButtonClicked.addListener((id, index) => void reminders.onButton(id, index));
  // The "copy-invite-link" keyboard command: the tab's content script copies (a clipboard needs a page).
  browser.commands.onCommand.addListener((command, tab) => {
    if (command !== COPY_INVITE_LINK_COMMAND) return;
    void runCopyCommand({
      activeTab: async () => tab ?? (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0],
      tasks: () => readTrackedTaskList(),
      // The copy's code is in the page actions (utils/content/page-actions.ts): injected first.
      sendToTab: (tabId, message) => sendToTab(tabId, message, pageActionsPost(tabId)),
    });
  });

  // A new worker (after a stop, an update or a restart) sets damaged records aside, then
  // carries on from storage.
  void checkStorage()
    .catch(() => undefined)
    .then(() => {
      // Chromium reads the whole store again on a browser session's first write: now, not on
      // the creator's first change (utils/background/first-write.ts; later workers' asks cost nothing).
      if (!import.meta.env.FIREFOX) prepayFirstWrite(browser.storage.local);
      void retrieve.resume('wake');
      // Every task is in the worker's memory now: the sweep only looks at them.
      void archiver.start().catch(() => undefined);
    });
  // A walk left running (the worker stopped, the browser restarted) carries on.
  void refresh.resume().catch(() => undefined);
  // Registrations follow the permissions at every start (a browser may not keep them).
  void hostScripts.sync('new');
  settingsItem.watch(() => void retrieve.resume('settings'));
  // Every new worker (install, update, browser start, a wake after a stop) shows the reminders
  // that fell due meanwhile and sets the alarm again from storage: Firefox forgets alarms when
  // it quits. Then again whenever the tasks or the settings change (coalesced).
  void reminders.check().catch(() => undefined);
  void daily.schedule().catch(() => undefined);
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local') return;
    const names = Object.keys(changes);
    if (names.some((n) => n === LOCAL_KEY.settings || n === LOCAL_KEY.trackerMeta || isTaskBucketName(n))) reminders.schedule();
    const remindersChange = changes[LOCAL_KEY.reminders];
    if (remindersChange) reminders.storedStateChanged(remindersChange.newValue);
    if (names.includes(LOCAL_KEY.settings)) void daily.schedule().catch(() => undefined);
    if (archiveSettingChanged(changes[LOCAL_KEY.settings])) void archiver.sweep().catch(() => undefined);
  });

  // The badge counts from the head, which every write of the tracker carries; while Refresh
  // all runs it shows the walk's progress ("3/12") instead.
  const refreshBadge = async () => {
    const got = await browser.storage.local.get([LOCAL_KEY.trackerHead, LOCAL_KEY.trackerMeta, LOCAL_KEY.refreshAll]);
    const walk = refreshBadgeText(parseRefreshState(got[LOCAL_KEY.refreshAll]));
    if (walk !== undefined) {
      await browser.action.setBadgeText({ text: walk });
      await browser.action.setBadgeBackgroundColor({ color: '#1a73e8' });
      return;
    }
    // The counts only: no task checked, no filter decoded (this runs after every write).
    const head = HeadCountsSchema.safeParse(storedHead(got[LOCAL_KEY.trackerHead]));
    if (head.success && head.data.rev === trackerRev(got[LOCAL_KEY.trackerMeta])) await showBadgeCount(browser.action, creatorWaitCountOf(head.data.counts));
  };
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && (LOCAL_KEY.trackerHead in changes || LOCAL_KEY.refreshAll in changes)) void refreshBadge().catch(() => undefined);
  });
  void refreshBadge().catch(() => undefined);

  async function openNoticeTask(id: string): Promise<void> {
    const key = keyFromNoticeId(id);
    if (!key) return;
    const task = await readTrackedTask(key);
    // The task's page only on a host that is still allowed; the overview otherwise.
    const openable = task && !whyNotOpenable(task.taskUrl, await readGrantedOrigins());
    await browser.tabs.create({ url: openable ? task.taskUrl : browser.runtime.getURL('/overview.html') });
    await browser.notifications.clear(id);
  }
});
