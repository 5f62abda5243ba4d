/**
 * Refresh all on the production build against the replica, written once for both browsers
 * (refresh-chromium, refresh-firefox run it through their ExtensionDriver, each on its own
 * families): from a fresh install that has only seen the Participating page, Refresh all in the
 * overview lists every TikTok task of every TikTok campaign (exact count, no other platform's
 * task), shows its progress in the overview, the popup and on the badge, and never makes a
 * retrieve request. A browser's own part (Chromium stops its service worker mid-walk) comes in
 * as `midWalk`, with `afterwards` to check it.
 */
import { expect } from 'vitest';
import type { DriverPage, ExtensionDriver } from './extension-driver';
import { storedTasks } from './network-and-page-input-scenario';
import { resetReplica, retrieveRequests, waitFor } from './retrieve-data';
import { EXPECTED_TASK_IDS, EXPECTED_TASK_NAMES, TIKTOK_CAMPAIGNS, TIKTOK_CAMPAIGN_NAMES, participatingUrl, replicaConfig, type WalkFamily } from './refresh-data';
import type { RefreshState } from '../../utils/refresh-state';

type Api = {
  storage: { local: { get(key: string | null): Promise<Record<string, unknown>>; clear(): Promise<void> } };
  action: { getBadgeText(details: object): Promise<string> };
};

function walkState(driver: ExtensionDriver): Promise<RefreshState | undefined> {
  return driver.inExtension(async () => {
    const a = (globalThis as { browser?: Api }).browser ?? (globalThis as unknown as { chrome: Api }).chrome;
    return (await a.storage.local.get('refreshAll')).refreshAll as RefreshState | undefined;
  }, null);
}

/** The page's visible text. */
const shown = (page: DriverPage) => page.evaluate(() => document.body.innerText, null);

export interface WalkHooks {
  /** Once two campaigns are done: the browser's own interruption. */
  midWalk?: () => Promise<void>;
  /** After the walk, when `midWalk` ran: what it should have left behind. */
  afterwards?: () => Promise<void>;
}

export async function refreshAllScenario(driver: ExtensionDriver, family: WalkFamily, hooks: WalkHooks = {}): Promise<void> {
  // A fresh install (also when the test is tried again in the same browser).
  await driver.inExtension(async () => {
    const a = (globalThis as { browser?: Api }).browser ?? (globalThis as unknown as { chrome: Api }).chrome;
    await a.storage.local.clear();
  }, null);
  await driver.closeImpactTabs();
  await resetReplica(driver.replica, replicaConfig(family));
  // The creator has only seen the Participating page.
  const participating = await driver.openPage(participatingUrl(family));
  await waitFor('the Participating page to be remembered', () =>
    driver.inExtension(async () => {
      const a = (globalThis as { browser?: Api }).browser ?? (globalThis as unknown as { chrome: Api }).chrome;
      return !!(await a.storage.local.get('refreshStart')).refreshStart;
    }, null),
  );
  await participating.close();
  const overview = await driver.openOverview();
  expect(await storedTasks(driver)).toEqual([]);
  // A first run says what to do.
  await waitFor('the first-run overview', async () => (await overview.roleCount('heading', 'No TikTok tasks yet')) === 1);

  const tabs = driver.watchTabs();
  await overview.click('Refresh all');
  const listed = await waitFor('the campaigns to be listed', async () => {
    const s = await walkState(driver);
    return s?.listed && s.campaigns.length ? s : null;
  });
  expect(listed.campaigns.map((c) => c.name).sort()).toEqual([...TIKTOK_CAMPAIGN_NAMES].sort());
  // The uicl family's Participating page shows no campaign ids: there the names say it all.
  if (family !== 'uicl') expect(listed.campaigns.map((c) => c.id).sort()).toEqual([...TIKTOK_CAMPAIGNS].sort());
  const N = TIKTOK_CAMPAIGNS.length;
  const progress = new RegExp(`\\d+ of ${N} campaigns`);

  // Live progress in the overview and on the badge.
  await waitFor('Cancel in the overview', async () => (await overview.buttonCount('Cancel')) > 0);
  await waitFor('the progress in the overview', async () => progress.test(await shown(overview)), 60_000);
  await waitFor('the badge to show the progress', async () =>
    /^\d+\/\d+$/.test(await driver.inExtension(() => ((globalThis as { browser?: Api }).browser ?? (globalThis as unknown as { chrome: Api }).chrome).action.getBadgeText({}), null)),
  );
  await waitFor('two campaigns done', async () => ((await walkState(driver))?.next ?? 0) >= 2, 90_000);
  // The popup shows the same progress.
  const popup = await driver.openPopup();
  await waitFor('the progress in the popup', async () => progress.test(await shown(popup)));
  await waitFor('Cancel in the popup', async () => (await popup.buttonCount('Cancel')) > 0);
  await popup.close();

  if (hooks.midWalk) {
    await hooks.midWalk();
    const stoppedAt = (await walkState(driver))!.next;
    expect(stoppedAt).toBeLessThan(N);
  }

  let lastLog = 0;
  const done = await waitFor('the walk to finish', async () => {
    const s = await walkState(driver);
    if (Date.now() - lastLog > 5000) {
      lastLog = Date.now();
      // What the walk is at (shown when a run fails).
      console.log(`walk: ${s?.status} ${s?.next}/${s?.campaigns.length} ${s?.failures.length} failures; impact.com tabs: ${(await driver.impactTabs()).join(' ')}`);
    }
    return s && s.status !== 'running' ? s : null;
  }, 240_000);
  expect(done.status).toBe('done');
  expect(done.visited).toBe(N);
  expect(done.failures.map((f) => `${f.campaign} › ${f.task}: ${f.reason}`)).toEqual([]);
  if (hooks.midWalk) await hooks.afterwards?.();

  const tasks = await storedTasks(driver);
  expect(tasks.map((t) => `${t.campaignName} › ${t.taskName}`).sort()).toEqual(EXPECTED_TASK_NAMES);
  // The hashed family shows no task ids: there the names say it all.
  if (family !== 'hashed') expect(tasks.map((t) => t.taskId).sort()).toEqual(EXPECTED_TASK_IDS);
  expect(done.found).toBe(EXPECTED_TASK_IDS.length);
  expect(tasks.every((t) => t.impactStatus && t.dueDate)).toBe(true);
  // The overview lists them (one row per task), and the summary says what was found.
  await waitFor('the overview to list them', async () => (await shown(overview)).includes(`${EXPECTED_TASK_IDS.length} tasks across`));
  await waitFor('the summary', async () => (await shown(overview)).includes(`found ${EXPECTED_TASK_IDS.length} TikTok tasks`));
  // Only read: no "Retrieve my post" request reached impact.com.
  expect(await retrieveRequests(driver.replica)).toEqual([]);
  // The walk's tab is gone (it opened one, on impact.com).
  await waitFor('the walk tab to close', async () => {
    const walk = tabs.opened().filter((t) => t.url.startsWith('https://app.impact.com/'));
    return walk.length > 0 && walk.every((t) => t.closed) && (await driver.impactTabs()).length === 0;
  });
  tabs.stop();
}
