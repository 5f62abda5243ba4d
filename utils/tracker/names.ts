/**
 * A task's name as the creator reads it. A task whose page shows only its id is stored with no
 * name (`taskName: ''`): it is named here, at display time, in the interface language ("Task
 * 880101", "Tâche 880101"). Older versions stored that English name itself: it is named the same
 * way. Small and zod-free: the content script carries it.
 */
import { t } from '../i18n';

/** The name an older version stored for a task known only by its id. */
const legacyIdName = (task: { taskName: string; taskId?: string }) => task.taskId !== undefined && task.taskName === `Task ${task.taskId}`;

export function taskLabel(task: { taskName: string; taskId?: string }): string {
  const name = task.taskName.trim();
  if (name && !legacyIdName(task)) return task.taskName;
  return task.taskId ? t('task.fromId', { id: task.taskId }) : t('task.noName');
}

/**
 * A campaign's name as the creator reads it. A campaign whose page showed only its id is stored
 * as "Campaign 41207" (an English word in the record: it keys and sorts the campaign's tasks
 * like any name, and the CSV keeps it): named here in the interface language.
 */
export function campaignLabel(task: { campaignName: string; campaignId?: string }): string {
  if (task.campaignId !== undefined && task.campaignName === `Campaign ${task.campaignId}`) return t('task.campaignFromId', { id: task.campaignId });
  return task.campaignName;
}

/** The same, for files that stay English whatever the interface language (the CSV export). */
export function taskLabelEnglish(task: { taskName: string; taskId?: string }): string {
  return task.taskName.trim() ? task.taskName : task.taskId ? `Task ${task.taskId}` : '';
}
