/**
 * The toolbar badge: how many tasks wait for the creator (machine.waitsForCreator).
 * Pure counting here; background.ts calls `showBadgeForHead` whenever the head changes: the
 * head's counts per state say it without reading every task.
 */
import { TRACKER_STATES, waitsForCreator, type TrackerState } from '../tracker/machine';
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
  await showBadgeCount(action, creatorWaitCount(data));
}

/** From counts per state (the head's). */
export function creatorWaitCountOf(counts: Readonly<Record<TrackerState, number>>): number {
  return TRACKER_STATES.filter(waitsForCreator).reduce((sum, state) => sum + counts[state], 0);
}

export async function showBadgeCount(action: BadgeApi, count: number): Promise<void> {
  await action.setBadgeText({ text: badgeText(count) });
  await action.setBadgeBackgroundColor({ color: '#d93025' });
}
