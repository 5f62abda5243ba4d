/**
 * The words of the notifications "Retrieve my post" sends. Plain text only: the
 * notifications API renders no markup, and page text (task and campaign names) is clipped,
 * never interpreted.
 */
import type { TrackedTask } from '../tracker/schema';
import { t } from '../i18n';
import { campaignLabel, taskLabel } from '../tracker/names';

export interface Notice {
  /** One notification per task: a newer one replaces the older. */
  id: string;
  title: string;
  message: string;
}

export const NOTICE_PREFIX = 'retrieve-notice:';

export function noticeId(key: string): string {
  return NOTICE_PREFIX + key;
}

export function keyFromNoticeId(id: string): string | null {
  return id.startsWith(NOTICE_PREFIX) ? id.slice(NOTICE_PREFIX.length) || null : null;
}

function clip(text: string, max: number): string {
  const folded = text.replace(/\s+/g, ' ').trim();
  return folded.length > max ? `${folded.slice(0, max - 1)}…` : folded;
}

export function retrieveNotice(task: TrackedTask, kind: 'submitted' | 'needsAttention', reason = ''): Notice {
  const what = clip(`${taskLabel(task)} · ${campaignLabel(task)}`, 120);
  if (kind === 'submitted') {
    return { id: noticeId(task.key), title: t('notify.submittedTitle'), message: t('notify.submittedMessage', { what }) };
  }
  return {
    id: noticeId(task.key),
    title: t('notify.attentionTitle'),
    message: clip(t('notify.attentionMessage', { what, reason: reason || t('notify.notRetrieved') }), 400),
  };
}
