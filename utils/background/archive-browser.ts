/** Archiving's browser calls (archive.ts): the setting, the single writer, the daily alarm. */
import { browser } from 'wxt/browser';
import { readSettings } from '../tracker/storage';
import { ARCHIVE_ALARM, ARCHIVE_PERIOD_MINUTES, type ArchiveDeps } from './archive';
import { updateTracker } from './tracker-owner';

export function browserArchiveDeps(): ArchiveDeps {
  return {
    days: async () => (await readSettings()).archiveAfterDays,
    update: (change) => updateTracker(change),
    hasAlarm: async () => (await browser.alarms.get(ARCHIVE_ALARM)) !== undefined,
    setAlarm: () => browser.alarms.create(ARCHIVE_ALARM, { delayInMinutes: ARCHIVE_PERIOD_MINUTES, periodInMinutes: ARCHIVE_PERIOD_MINUTES }),
  };
}
