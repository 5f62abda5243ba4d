/**
 * Campaign tiles with a TikTok icon (Participating): a status chip with the tracker state,
 * visible without hovering, and once the tracker knows a task's invite link, "Copy invite
 * link" and "Show QR code" right on the tile (one group per TikTok task, named after it);
 * "Copy campaign code" for a task with a code and no link. One compact line per task: our
 * mark, the chip, icon buttons (their names are the accessible names and tooltips), the
 * creator's next step filled. Once the video is posted nothing to copy is offered.
 */
import { announce, copyGroup, createHost, el } from '@/components/overlay/controls';
import { isPastPosting, nextAction, type NextAction } from '@/components/next-step';
import { qrSubject } from '@/components/qr-wording';
import { showQrDialog } from '../qr';
import { offerableCampaignCode, offerableInviteLink } from '@/components/task-actions';
import { STATE_LABELS } from '@/utils/tracker/machine';
import type { TrackedTask } from '@/utils/tracker/schema';
import { iterateTikTokTileCandidates, type CampaignTile, type TikTokTileCandidate } from '@/utils/page/tiles';
import { indexTasks, type TaskIndex } from '@/utils/page/match';
import { accountReader, type AccountReader } from '@/utils/page/task';
import { renderedContainer } from '@/utils/page/dom';
import type { Decoration, Feature } from '@/utils/page/observer';
import type { OverlayContext } from '../context';
import { t } from '@/utils/i18n';
import { taskLabel } from '@/utils/tracker/names';

export function tileControls(ctx: OverlayContext): Feature {
  // Tiles found but read only when they come near the screen (reading is most of their cost).
  const tiles = new WeakMap<Element, TikTokTileCandidate>();
  // The account shown in the top bar: re-read cheaply where it was found, not searched per tile.
  const account = accountReader(ctx.doc);
  // Tasks by campaign, rebuilt after a tracker change. Subscribed before any tile, so it is
  // dropped before the tiles re-render.
  let index: TaskIndex | null = null;
  /** Some task names an account: the tiles' tasks are then told apart by the account shown. */
  let accountNamed = false;
  const unsubscribe = ctx.tracker.subscribe(() => (index = null));
  ctx.signal.addEventListener('abort', unsubscribe, { once: true });
  const tasksIndex = () => {
    if (index) return index;
    // Campaigns only: a task is checked when a tile of its campaign needs it (get).
    const tasks = ctx.tracker.campaigns();
    accountNamed = tasks.some((t) => t.accountId || t.accountName);
    return (index = indexTasks(tasks, (key) => ctx.tracker.get(key)));
  };
  return {
    name: 'tile-controls',
    // A Participating page may hold thousands of tiles: controls for the ones near the screen.
    nearViewport: true,
    // What a tile stands for across re-renders, without reading it: its text (name, brand,
    // dates). A changed text only means its successor waits a frame to be seen near.
    sameAs: (element) => element.textContent?.replace(/\s+/g, ' ').trim().slice(0, 300) || undefined,
    // Lazy: one tile at a time, as the observer's time budget allows.
    *find(root) {
      let first = true;
      for (const candidate of iterateTikTokTileCandidates(root)) {
        // A step of the search (a piece of a big page looked through): the page may have a frame.
        if (!candidate) {
          yield null;
          continue;
        }
        if (first) {
          // What decorating any tile needs, read in steps of their own (not inside the first
          // decoration, which would make one long step): the tasks, and when a task names an
          // account, the account the page shows (a search of the page when one is due, a
          // step at a time; the decorations read what it found).
          first = false;
          tasksIndex();
          yield null;
          // The first message read of a page asks the browser for the whole table of words
          // (10–30 ms, one call): a step of its own too.
          t('page.tileNotStarted');
          yield null;
          if (accountNamed) yield* account.search();
        }
        tiles.set(candidate.element, candidate);
        yield candidate.element;
      }
    },
    decorate(element, signal, place) {
      const tile = tiles.get(element)?.read();
      return tile ? decorateTile(ctx, tile, signal, place, account.known, tasksIndex) : undefined;
    },
  };
}

function decorateTile(
  ctx: OverlayContext,
  tile: CampaignTile,
  signal: AbortSignal,
  place: (insert: () => void) => void,
  account: () => ReturnType<AccountReader>,
  tasksIndex: () => TaskIndex,
): Decoration {
  const { doc } = ctx;
  const host = createHost(doc, 'tile');
  /** What the groups are made of; a change of state or steps only updates them in place. */
  let shape = '';
  let stateSignature = '';
  /** Tasks whose QR code was shown from this tile (scanning is the next step, then posting). */
  const qrShown = new Set<string>();
  /** The focusable controls of the last build (one of them may have had focus before a re-render). */
  let made: HTMLElement[] = [];
  let groups: GroupView[] = [];

  interface GroupView {
    key: string;
    chip: HTMLElement;
    link?: string;
    code?: string;
    buttons: Partial<Record<NextAction, HTMLElement>>;
  }

  function render() {
    const tasks = tasksIndex().forTile(tile, account);
    // Buttons are kept across a tick or a state change: rebuilding them would drop the focus
    // and the "Copied" announcement of the control just pressed. Links and codes are checked
    // again here: a stored one may come from a backup file or an older record.
    const offers = tasks.map((t) => {
      if (isPastPosting(t.state)) return {};
      const link = offerableInviteLink(t);
      return link ? { link } : { code: offerableCampaignCode(t) };
    });
    const nextShape = JSON.stringify(tasks.map((t, i) => [t.key, t.taskName, offers[i]!.link ?? '', offers[i]!.code ?? '', isPastPosting(t.state)]));
    if (nextShape !== shape) {
      shape = nextShape;
      stateSignature = '';
      made = [];
      groups = [];
      host.box.replaceChildren(
        ...(tasks.length
          ? tasks.map((t, i) => taskGroup(t, tasks.length, offers[i]!))
          : [el(doc, 'div', { class: 'group' }, chip('notStarted', t('page.tileNotStarted')))]),
      );
      if (host.host.isConnected) restoreFocus();
    }
    const nextState = JSON.stringify(tasks.map((t) => [t.state, t.path, t.steps, qrShown.has(t.key)]));
    if (nextState === stateSignature) return;
    stateSignature = nextState;
    tasks.forEach((t, i) => groups[i] && showState(groups[i], t));
  }

  function chip(state: TrackedTask['state'], title: string): HTMLElement {
    return el(doc, 'span', { class: 'chip', role: 'status', 'data-state': state, title }, el(doc, 'span', { class: 'dot', 'aria-hidden': 'true' }), STATE_LABELS[state]);
  }

  /** The task's state on its chip, and its next step as the one filled button. */
  function showState(view: GroupView, task: TrackedTask) {
    view.chip.dataset.state = task.state;
    view.chip.lastChild!.textContent = STATE_LABELS[task.state];
    const next = nextAction(task, { link: !!view.link, code: !!view.code, qrShown: qrShown.has(task.key) });
    for (const [action, control] of Object.entries(view.buttons)) control.classList.toggle('primary', action === next);
  }

  function taskGroup(task: TrackedTask, count: number, offer: { link?: string; code?: string }): HTMLElement {
    // The chip's dot is our mark here (one line, no room for two).
    const name = taskLabel(task);
    const group = el(doc, 'div', { class: 'group', role: 'group', 'aria-label': name });
    if (count > 1) group.append(el(doc, 'span', { class: 'group-name', title: name }, name));
    const view: GroupView = { key: task.key, chip: chip(task.state, t('page.tileChip', { task: name })), buttons: {}, ...offer };
    groups.push(view);
    group.append(view.chip);
    // Posted, retrieving, submitted: copying or scanning again cannot help (the offer is empty).
    const { link, code } = offer;
    if (code) {
      const { copy, live, fallback } = copyGroup({
        doc,
        label: t('action.copyCampaignCode'),
        value: code,
        scratch: host.root,
        onCopied: () => void ctx.send({ type: 'setStep', key: task.key, step: 'codeCopied', done: true }),
        iconOnly: true,
      });
      ctx.focus.track(copy, `tile:${task.key}:copy-code`);
      group.append(copy, live, fallback);
      made.push(copy);
      view.buttons.copyCampaignCode = copy;
    }
    if (link) {
      const { copy, qr, live, fallback } = copyGroup({
        doc,
        label: t('action.copyInviteLink'),
        value: link,
        scratch: host.root,
        onCopied: () => void ctx.send({ type: 'setStep', key: task.key, step: 'linkCopied', done: true }),
        onShowQr: (qr) => {
          showQrDialog(ctx, { inviteLink: link, taskName: qrSubject(tile.campaignName, taskLabel(task)), returnFocus: () => ctx.focus.returnTo(qr) }, (why) => announce(live, why));
          // Scanning is the creator's part now: the QR code is no longer the step to take.
          qrShown.add(task.key);
          render();
        },
        iconOnly: true,
      });
      ctx.focus.track(copy, `tile:${task.key}:copy`);
      ctx.focus.track(qr, `tile:${task.key}:qr`);
      group.append(copy, qr, live, fallback);
      made.push(copy, qr);
      view.buttons.copyInviteLink = copy;
      view.buttons.showQr = qr;
    }
    return group;
  }

  // A re-render of the page took the focused control away: give focus to its twin.
  function restoreFocus() {
    for (const control of made) ctx.focus.restore(control);
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
  // The tile's layout is read now, while decorating, and our line goes in later with the
  // batch's other insertions: reading a style after each insertion would lay the page out
  // again for every tile.
  const container = renderedContainer(tile.element);
  const footer = footerKeptAtBottom(container);
  place(() => {
    if (footer?.parentNode === container) footer.before(host.host);
    else container.append(host.host);
    restoreFocus();
  });
  return { hosts: [host.host] };
}

/**
 * Our line goes at the end of the tile, except in a tile that stacks its parts in a column
 * (flex): its last part is then usually a footer pushed to the bottom (margin-top: auto), and
 * a line after it would take the footer's free space and lift it. There it goes just above
 * that footer (returned here), which stays at the bottom.
 */
function footerKeptAtBottom(container: Element | ShadowRoot): Element | null {
  const last = container.lastElementChild;
  const view = container.ownerDocument?.defaultView;
  if (!(container instanceof Element) || !last || container.childElementCount < 2 || !view) return null;
  return stacksInColumn(container, view) ? last : null;
}

/**
 * Tiles of one list share their look: the layout is read once per kind of tile (tag and
 * class), not for every tile of every re-render (a style read after the page changed lays it
 * out again: 300 ms on a page re-rendering its tiles every 25 ms).
 */
const columnByKind = new Map<string, boolean>();
function stacksInColumn(tile: Element, view: Window): boolean {
  const cls = tile.getAttribute('class');
  const kind = cls && !tile.hasAttribute('style') ? `${tile.localName}.${cls}` : null;
  const known = kind ? columnByKind.get(kind) : undefined;
  if (known !== undefined) return known;
  const style = view.getComputedStyle(tile);
  const column = /flex/.test(style.display) && style.flexDirection.startsWith('column');
  if (kind && columnByKind.size < 200) columnByKind.set(kind, column);
  return column;
}
