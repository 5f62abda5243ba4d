/**
 * Run by every new worker: whatever is stored that this version cannot use is set aside under
 * `local:recovery` (the popup then says so and offers it for export), and the usable rest is
 * written back clean. Valid tasks and settings keep working; nothing is silently dropped.
 */
import { checkSettings, settingsItem } from '../tracker/storage';
import { setAside, updateTracker } from './tracker-owner';

export async function checkStorage(now = Date.now()): Promise<void> {
  // A no-op write through the single writer: it sets aside damaged tasks on the way.
  await updateTracker((data) => ({ data, result: undefined }));
  const raw: unknown = await settingsItem.getValue();
  const { settings, problems } = checkSettings(raw);
  if (problems.length) {
    await setAside([{ at: now, source: 'settings', reason: problems.join('; ').slice(0, 2000), raw }]);
    await settingsItem.setValue(settings);
  }
}
