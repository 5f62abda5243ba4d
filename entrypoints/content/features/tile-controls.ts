/**
 * Campaign tiles with a TikTok icon (Participating): a status chip with the tracker state,
 * visible without hovering, and once the tracker knows a task's invite link, "Copy invite
 * link" and "Show QR code" right on the tile (one group per TikTok task, named after it).
 */
import { button, copyButton, createHost, el, liveRegion } from '@/components/overlay/controls';
import { openQrDialog } from '@/components/overlay/qr-dialog';
import { STATE_LABELS } from '@/utils/tracker/machine';
import type { TrackedTask } from '@/utils/tracker/schema';
import { findTikTokTiles, type CampaignTile } from '@/utils/page/tiles';
import { tasksForTile } from '@/utils/page/match';
import { currentAccount } from '@/utils/page/task';
import type { Decoration, Feature } from '@/utils/page/observer';
import type { OverlayContext } from '../context';

export function tileControls(ctx: OverlayContext): Feature {
  const tiles = new WeakMap<Element, CampaignTile>();
  // The account shown in the top bar, read once per pass rather than once per tile.
  let account: ReturnType<typeof currentAccount> | null = null;
  return {
    name: 'tile-controls',
    find(doc) {
      account = null;
      return findTikTokTiles(doc).map((t) => {
        tiles.set(t.element, t);
        return t.element;
      });
    },
    decorate(element, signal) {
      const tile = tiles.get(element);
      return tile ? decorateTile(ctx, tile, signal, () => (account ??= currentAccount(ctx.doc))) : undefined;
    },
  };
}

function decorateTile(ctx: OverlayContext, tile: CampaignTile, signal: AbortSignal, account: () => ReturnType<typeof currentAccount>): Decoration {
  const { doc } = ctx;
  const host = createHost(doc, 'tile');
  tile.element.append(host.host);
  let signature = '';

  function render() {
    const tasks = tasksForTile(ctx.tracker.tasks(), tile, account());
    const next = JSON.stringify(tasks.map((t) => [t.key, t.taskName, t.state, t.inviteLink ?? '']));
    if (next === signature) return;
    signature = next;
    host.box.replaceChildren(...(tasks.length ? tasks.map((t) => taskGroup(t, tasks.length)) : [chip('notStarted', 'TikTok task not started')]));
  }

  function chip(state: TrackedTask['state'], title: string): HTMLElement {
    return el(doc, 'span', { class: 'chip', role: 'status', 'data-state': state, title }, el(doc, 'span', { class: 'dot', 'aria-hidden': 'true' }), STATE_LABELS[state]);
  }

  function taskGroup(task: TrackedTask, count: number): HTMLElement {
    const group = el(doc, 'div', { class: 'group', role: 'group', 'aria-label': task.taskName });
    if (count > 1) group.append(el(doc, 'span', { class: 'group-name', title: task.taskName }, task.taskName));
    group.append(chip(task.state, `TikTok: ${task.taskName}`));
    if (task.inviteLink) {
      const link = task.inviteLink;
      const live = liveRegion(doc);
      const fallback = el(doc, 'div');
      const copy = copyButton({
        doc,
        label: 'Copy invite link',
        value: () => link,
        live,
        fallbackArea: fallback,
        scratch: host.root,
        onCopied: () => void ctx.send({ type: 'setStep', key: task.key, step: 'linkCopied', done: true }),
      });
      const qr = button(doc, 'Show QR code', () => {
        openQrDialog({ doc, inviteLink: link, taskName: `${tile.campaignName} · ${task.taskName}`, signal, returnFocus: () => ctx.focus.returnTo(qr) });
      });
      ctx.focus.track(copy, `tile:${task.key}:copy`);
      ctx.focus.track(qr, `tile:${task.key}:qr`);
      group.append(copy, qr, live, fallback);
      queueMicrotask(() => {
        ctx.focus.restore(copy);
        ctx.focus.restore(qr);
      });
    }
    return group;
  }

  const unsubscribe = ctx.tracker.subscribe(render);
  signal.addEventListener(
    'abort',
    () => {
      unsubscribe();
      host.host.remove();
    },
    { once: true },
  );
  render();
  return { hosts: [host.host] };
}
