/**
 * The toolbar badge: how many tasks wait for the creator (machine.waitsForCreator).
 * Pure counting here; background.ts calls `showBadge` on every tracker change.
 */
import { waitsForCreator } from '../tracker/machine';
import type { TrackerData } from '../tracker/schema';

export function creatorWaitCount(data: TrackerData): number {
  return Object.values(data.tasks).filter((task) => waitsForCreator(task.state)).length;
}

/** Badges fit about four characters; nobody needs the exact number past 99. */
export function badgeText(count: number): string {
  if (count <= 0) return '';
  return count > 99 ? '99+' : String(count);
}

export interface BadgeApi {
  setBadgeText(details: { text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { color: string }): Promise<void>;
}

export async function showBadge(action: BadgeApi, data: TrackerData): Promise<void> {
  await action.setBadgeText({ text: badgeText(creatorWaitCount(data)) });
  await action.setBadgeBackgroundColor({ color: '#d93025' });
}
