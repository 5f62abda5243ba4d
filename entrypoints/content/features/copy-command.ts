/**
 * The "copy-invite-link" keyboard command on the page: the worker names the tasks this tab
 * shows (utils/background/copy-command.ts); this copies the invite link of the one meant (the
 * only one, or the one whose TTCM section is open here) with the page controls' copy logic,
 * ticks "Invite link copied", and says what happened in a toast.
 */
import { showToast } from '@/components/overlay/toast';
import { createHost, el } from '@/components/overlay/controls';
import { offerableInviteLink } from '@/components/task-actions';
import { qrSubject } from '@/components/qr-wording';
import { copyShortcut, copyText } from '@/utils/page/clipboard';
import type { CopyCommandOutcome } from '@/utils/messages';
import type { OverlayContext } from '../context';
import { shownTaskKeys } from './ttcm-controls';
import { formatNumber, t } from '@/utils/i18n';
import { campaignLabel, taskLabel } from '@/utils/tracker/names';

export async function handleCopyInviteLink(ctx: OverlayContext, keys: readonly string[]): Promise<CopyCommandOutcome> {
  const { doc } = ctx;
  const withLink = keys.filter((k) => {
    const task = ctx.tracker.get(k);
    return task !== undefined && offerableInviteLink(task) !== undefined;
  });
  const shown = shownTaskKeys(doc);
  const onPage = withLink.filter((k) => shown.has(k));
  const key = withLink.length === 1 ? withLink[0] : onPage.length === 1 ? onPage[0] : undefined;
  if (!key) {
    if (withLink.length === 0) {
      showToast(doc, t('page.noLinkYet'));
      return 'none';
    }
    showToast(doc, t('page.severalTasks', withLink.length, { count: formatNumber(withLink.length) }));
    return 'several';
  }
  const task = ctx.tracker.get(key)!;
  const link = offerableInviteLink(task)!;
  const name = qrSubject(campaignLabel(task), taskLabel(task));
  // execCommand's fallback needs a selection somewhere: in a shadow root of ours, not the page's DOM.
  const scratch = createHost(doc, 'copy-scratch');
  (doc.body ?? doc.documentElement).append(scratch.host);
  const method = await copyText(link, { clipboard: doc.defaultView?.navigator.clipboard, scratch: scratch.root, doc }).finally(() => scratch.host.remove());
  if (method === 'manual') {
    const input = el(doc, 'input', { type: 'text', readonly: '', 'aria-label': t('page.textToCopy'), spellcheck: 'false' });
    input.value = link;
    const toast = showToast(doc, t('page.blockedLink', { keys: copyShortcut(doc.defaultView?.navigator ?? navigator), name }), el(doc, 'div', { class: 'manual' }, input));
    input.focus();
    input.select();
    input.addEventListener('blur', () => toast.host.remove());
    return 'manual';
  }
  showToast(doc, t('page.copiedLinkOf', { name }));
  await ctx.seen.ready(key);
  await ctx.send({ type: 'setStep', key, step: 'linkCopied', done: true });
  return 'copied';
}
