/**
 * The real browser behind RetrieveDeps: thin on purpose, every decision lives in
 * retrieve-orchestrator.ts and retrieve-decisions.ts, which the unit tests drive with fakes.
 */
import { browser } from 'wxt/browser';
import { impactPatterns } from '../page/hosts';
import { readGrantedOrigins } from '../hosts-browser';
import { readSettings } from '../tracker/storage';
import type { RetrieveDeps } from './retrieve-orchestrator';
import { notOpenableError, onImpactHosts } from '../page/urls';
import { browserTabs, tabSnapshot } from './tabs-browser';

/**
 * Chrome fires alarms of an installed (packed) extension no sooner than 30 s after they
 * are set; unpacked (development) builds and Firefox have no such floor. Knowing it keeps
 * the "next try at" we show honest.
 */
async function alarmFloorMs(): Promise<number> {
  if (import.meta.env.FIREFOX) return 0;
  try {
    const self = await browser.management.getSelf();
    return self.installType === 'development' ? 0 : 30_000;
  } catch {
    return 30_000;
  }
}

export function browserRetrieveDeps(): RetrieveDeps {
  let floor: Promise<number> | undefined;
  return {
    tabs: {
      async findImpactTabs() {
        // app.impact.com and the hosts the creator allowed (utils/page/hosts.ts), nothing else.
        const granted = await readGrantedOrigins();
        const tabs = await browser.tabs.query({ url: impactPatterns(granted) });
        return onImpactHosts(tabs, granted)
          .filter((t) => t.id !== undefined)
          .map(tabSnapshot);
      },
      get: browserTabs.get,
      async openInBackground(url) {
        // A task's recorded page only on a host that is still allowed (the orchestrator says why it could not open).
        const refused = notOpenableError(url, await readGrantedOrigins());
        if (refused) throw refused;
        return browserTabs.openInBackground(url);
      },
      close: browserTabs.close,
      post: browserTabs.post,
    },
    alarms: {
      async set(name, when) {
        await browser.alarms.create(name, { when });
      },
      async clear(name) {
        await browser.alarms.clear(name);
      },
      async getAll() {
        return (await browser.alarms.getAll()).map((a) => ({ name: a.name, scheduledTime: a.scheduledTime }));
      },
    },
    async notify(notice) {
      await browser.notifications.create(notice.id, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        title: notice.title,
        message: notice.message,
      });
    },
    readSettings,
    newAttemptId: () => crypto.randomUUID(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    // Any extension API call counts as activity for Firefox's event page and Chrome's worker.
    keepAlive: () => browser.runtime.getPlatformInfo(),
    minAlarmDelayMs: () => (floor ??= alarmFloorMs()),
  };
}
