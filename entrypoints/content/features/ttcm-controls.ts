/**
 * Controls in the TTCM Branded Content Details section: next to the invite link "Copy invite
 * link" and "Show QR code" (or an alert when the link is refused), next to the campaign code
 * "Copy campaign code", and for the task "Mark as posted" and "Open overview".
 */
import { announce, announceLasting, button, copyGroup, createHost, el, liveRegion, mark, restoreAnnouncement, type Host } from '@/components/overlay/controls';
import { isPastPosting, nextAction, type NextAction } from '@/components/next-step';
import { showQrDialog } from '../qr';
import { isOwnRowOf, placeOwnRow } from '@/components/overlay/place';
import { qrSubject } from '@/components/qr-wording';
import { STATE_LABELS } from '@/utils/tracker/machine';
import { findTtcmSectionsStepwise, readTtcm, refusedLinkMessage, type TtcmReading, type TtcmSection } from '@/utils/page/ttcm';
import { readDiscoveredTask } from '@/utils/page/task';
import { OWN_ATTR, composedContains } from '@/utils/page/dom';
import type { Decoration, Feature } from '@/utils/page/observer';
import type { StepId, TrackedTask } from '@/utils/tracker/schema';
import { afterFailedRetrieve } from '@/components/attention';
import type { OverlayContext } from '../context';
import { formatNumber, t } from '@/utils/i18n';
import { replyErrorText } from '@/utils/reply-error';
import { noteKey, noteWords, type DiagnosticNote } from '@/utils/page/diagnostic-notes';
import { campaignLabel, taskLabel } from '@/utils/tracker/names';

/**
 * The smallest element inside `field` that shows `value` (the reading may name a whole block
 * holding the value, say the section's body): our row goes under the value, not the block.
 */
function valueBox(field: Element, value: string | undefined): Element {
  if (!value) return field;
  let box = field;
  for (;;) {
    const inner = Array.from(box.children).find((c) => !c.hasAttribute(OWN_ATTR) && (c.textContent ?? '').includes(value));
    if (!inner) return box;
    box = inner;
  }
}

/** The section's box our rows never leave: its body, or the box holding the toggle and its content. */
function sectionLimit(section: TtcmSection): Element | null {
  return section.body ?? section.anchor.parentElement;
}

/**
 * Under the strip after a failed "Retrieve my post": what happened and what to do (the next
 * try's time, or the creator's next action), in the popup's words (components/attention.ts).
 */
function retryWords(doc: Document, task: TrackedTask, now: number): (string | Node)[] {
  // `?? { attempts: 0 }`: a stored record the page reads unparsed may lack it (../tracker-view.ts).
  const words = afterFailedRetrieve({ state: task.state, retrieve: task.retrieve ?? { attempts: 0 } }, now);
  if (!words) return [];
  return [words.reason ? `${words.reason} ` : '', el(doc, 'strong', {}, t('task.whatToDo')), ` ${words.action}`];
}

/** The tasks whose TTCM section shows our strip in this document (the copy shortcut picks among them). */
export function shownTaskKeys(doc: Document): Set<string> {
  return new Set(Array.from(doc.querySelectorAll<HTMLElement>('[data-tiktok-helper="ttcm-task"][data-task-key]'), (h) => h.dataset.taskKey!));
}

export function ttcmControls(ctx: OverlayContext): Feature {
  const sections = new WeakMap<Element, TtcmSection>();
  return {
    name: 'ttcm-controls',
    // Lazy and stepwise: the search runs when the observer's time budget gets to it, a shadow
    // root at a time (thousands of components must not make one long task).
    *find(root) {
      for (const s of yield* findTtcmSectionsStepwise(root)) {
        sections.set(s.toggle, s);
        yield s.toggle;
      }
    },
    decorate(toggle, signal) {
      const section = sections.get(toggle);
      if (!section) return;
      return decorateSection(ctx, section, signal);
    },
  };
}

function decorateSection(ctx: OverlayContext, section: TtcmSection, signal: AbortSignal): Decoration {
  const { doc } = ctx;
  const hosts: Element[] = [];
  let taskKey: string | undefined;
  /** "Campaign · Task" under the QR dialog's title. */
  let taskName = '';
  /** Why the task could not be recorded (shown in place of its tracker state). */
  let notRecorded: DiagnosticNote | undefined;
  let valuesSignature = '';
  let linkHost: Host | null = null;
  let codeHost: Host | null = null;
  let reading: TtcmReading = readTtcm(section);

  const sectionHost = createHost(doc, 'ttcm-task');
  const stateLine = el(doc, 'span', { class: 'chip', 'data-state': 'notStarted' });
  const sectionLive = liveRegion(doc);
  const markPosted = button(doc, t('action.markPosted'), () => void onMarkPosted(), {}, { icon: 'check' });
  const openOverview = button(doc, t('action.openOverview'), () => void ctx.send({ type: 'openOverview' }), {}, { icon: 'external' });
  // After a failed "Retrieve my post": when the next try is, or why the tries stopped and what to do.
  const retryNow = button(doc, t('action.retryNow'), () => void onRetryNow(), {}, { icon: 'retry' });
  retryNow.hidden = true;
  const retryNote = el(doc, 'p', { class: 'note retry-note' });
  /** The value controls of the last render, by the step they stand for (one of them may be the next step). */
  let valueButtons: Partial<Record<NextAction, HTMLButtonElement>> = {};
  /** The QR code was shown on this page: scanning it is the creator's part, the next step is posting. */
  let qrShown = false;
  const authNote = el(doc, 'p', { class: 'note' });
  ctx.focus.track(markPosted, 'ttcm:mark-posted');
  ctx.focus.track(openOverview, 'ttcm:open-overview');
  ctx.focus.track(retryNow, 'ttcm:retry-now');
  sectionHost.box.append(el(doc, 'div', { class: 'row' }, mark(doc), stateLine, markPosted, retryNow, openOverview, sectionLive), retryNote, authNote);
  section.anchor.after(sectionHost.host);
  indentLikeTitle();
  hosts.push(sectionHost.host);
  ctx.focus.restore(markPosted);
  ctx.focus.restore(openOverview);
  ctx.focus.restore(retryNow);

  async function step(step: StepId) {
    if (!taskKey) return;
    await ctx.seen.ready(taskKey);
    await ctx.send({ type: 'setStep', key: taskKey, step, done: true });
  }

  async function onMarkPosted() {
    if (!taskKey) {
      announce(sectionLive, t('page.notReadable'), 0);
      return;
    }
    await ctx.seen.ready(taskKey);
    const reply = await ctx.send({ type: 'markPosted', key: taskKey });
    if (reply.ok) announceLasting(sectionLive, `markPosted\n${taskKey}`, t('page.markedPosted'));
    else announce(sectionLive, replyErrorText(reply), 0);
  }

  async function onRetryNow() {
    if (!taskKey) return;
    // The same message as the popup's Retry now: the worker tries at once.
    const reply = await ctx.send({ type: 'retryNow', key: taskKey });
    announce(sectionLive, reply.ok ? t('page.tryingAgain') : replyErrorText(reply), reply.ok ? 4000 : 0);
  }

  /** The strip starts where the section's title text starts, not on the section's border. */
  function indentLikeTitle() {
    const view = doc.defaultView;
    if (!view) return;
    let indent = 0;
    for (let n: Element | null = section.toggle; n; n = n === section.anchor ? null : n.parentElement) {
      const style = view.getComputedStyle(n);
      indent += (parseFloat(style.paddingLeft) || 0) + (parseFloat(style.borderLeftWidth) || 0);
    }
    sectionHost.host.style.paddingInlineStart = indent > 0 && indent < 64 ? `${Math.round(indent)}px` : '';
  }

  function renderState() {
    if (taskKey) sectionHost.host.dataset.taskKey = taskKey;
    const tracked = taskKey ? ctx.tracker.get(taskKey) : undefined;
    const state = tracked?.state ?? 'notStarted';
    stateLine.dataset.state = taskKey || !notRecorded ? state : 'notRecorded';
    stateLine.textContent = taskKey || !notRecorded ? t('page.tracker', { state: STATE_LABELS[state] }) : t('page.notRecorded', { problem: noteWords(notRecorded) });
    const failed = !!tracked && (state === 'retryScheduled' || state === 'needsAttention');
    markPosted.disabled = !taskKey || !['notStarted', 'inProgress'].includes(state);
    // Posted, retrieving, submitted: pressing it again cannot help, so it is not offered; after a
    // failed retrieve, Retry now takes its place.
    markPosted.hidden = !!taskKey && (isPastPosting(state) || failed);
    retryNow.hidden = !failed;
    retryNote.replaceChildren(...(tracked && failed ? retryWords(doc, tracked, Date.now()) : []));
    // The one primary button: the creator's next step in the help article's order.
    const next = nextAction(tracked && { state, path: tracked.path, steps: tracked.steps }, {
      link: reading.inviteLink.state === 'valid',
      code: reading.campaignCode.state === 'valid',
      qrShown,
      retry: true,
    });
    const primary =
      next === 'markPosted' ? (markPosted.disabled ? undefined : markPosted) : next === 'retryNow' ? retryNow : next ? valueButtons[next] : undefined;
    for (const b of [markPosted, retryNow, ...Object.values(valueButtons)]) b.classList.toggle('primary', b === primary);
  }

  function renderValues() {
    linkHost?.host.remove();
    codeHost?.host.remove();
    linkHost = codeHost = null;
    valueButtons = {};
    hosts.splice(1);
    const link = reading.inviteLink;
    if (link.state !== 'absent') {
      linkHost = createHost(doc, 'ttcm-invite-link');
      if (link.state === 'valid') {
        const { copy, qr, live, fallback } = copyGroup({
          doc,
          label: t('action.copyInviteLink'),
          value: link.value,
          scratch: linkHost.root,
          onCopied: () => void step('linkCopied'),
          onShowQr: (qr) => {
            showQrDialog(ctx, { inviteLink: link.value, taskName, returnFocus: () => ctx.focus.returnTo(qr) }, (why) => announce(live, why));
            qrShown = true;
            renderState();
          },
        });
        valueButtons.copyInviteLink = copy;
        valueButtons.showQr = qr;
        ctx.focus.track(copy, 'ttcm:copy-invite-link');
        ctx.focus.track(qr, 'ttcm:show-qr');
        linkHost.box.append(el(doc, 'div', { class: 'row' }, mark(doc), copy, qr, live), fallback);
        placeOwnRow(valueBox(link.field.element, link.value), linkHost.host, sectionLimit(section));
        ctx.focus.restore(copy);
        ctx.focus.restore(qr);
      } else {
        linkHost.box.append(el(doc, 'div', { class: 'alert', role: 'alert' }, refusedLinkMessage(link.reason)));
        placeOwnRow(link.field.element, linkHost.host, sectionLimit(section));
      }
      hosts.push(linkHost.host);
    }
    const code = reading.campaignCode;
    if (code.state !== 'absent') {
      codeHost = createHost(doc, 'ttcm-campaign-code');
      if (code.state === 'valid') {
        const { copy, live, fallback } = copyGroup({
          doc,
          label: t('action.copyCampaignCode'),
          value: code.value,
          scratch: codeHost.root,
          onCopied: () => void step('codeCopied'),
        });
        valueButtons.copyCampaignCode = copy;
        ctx.focus.track(copy, 'ttcm:copy-campaign-code');
        codeHost.box.append(el(doc, 'div', { class: 'row' }, mark(doc), copy, live), fallback);
        ctx.focus.restore(copy);
      } else {
        codeHost.box.append(el(doc, 'div', { class: 'alert', role: 'alert' }, t('page.codeRefused', { reason: code.reason })));
      }
      placeOwnRow(valueBox(code.field.element, code.state === 'valid' ? code.value : code.raw), codeHost.host, sectionLimit(section));
      hosts.push(codeHost.host);
    }
  }

  function signatureOf(r: TtcmReading): string {
    const part = (x: TtcmReading['inviteLink'] | TtcmReading['campaignCode']) =>
      x.state === 'absent' ? 'absent' : `${x.state}:${x.state === 'valid' ? x.value : x.raw}`;
    return `${part(r.inviteLink)}|${part(r.campaignCode)}|${r.authorizationDays ?? ''}`;
  }

  /** What the last reading depended on: the details' scope, the address and the creator's path. */
  let lastScope: Element | null = null;
  let lastContext = '';

  function update(changed: readonly Node[] | null = null) {
    const context = { url: ctx.url(), frameUrl: ctx.frameUrl(), path: ctx.path() };
    const contextNow = JSON.stringify(context);
    // Nothing this section shows changed since it was read: no new reading (a page that
    // re-renders its lists every second leaves an open task's details alone).
    const concerned = !changed || !lastScope?.isConnected || changed.some((n) => composedContains(lastScope!, n) || composedContains(n, lastScope!));
    if (!concerned && contextNow === lastContext) return renderState();
    lastContext = contextNow;
    const found = readDiscoveredTask(section, context);
    lastScope = found.scope;
    notRecorded = found.problem;
    const key = found.task && ctx.seen.report(found.task);
    // The worker parses the read (the content script carries no zod): one it refused is "not
    // recorded" with its reason, like a read that names no task.
    const refused = key ? ctx.seen.refusal(key) : undefined;
    if (found.task && key && !refused) {
      const first = !taskKey;
      taskKey = key;
      // A strip rebuilt by the page's re-render still says "Marked as posted" for its time.
      if (first) restoreAnnouncement(sectionLive, `markPosted\n${taskKey}`);
      taskName = qrSubject(campaignLabel(found.task), taskLabel(found.task));
      // Read again once the worker answered, should it refuse this read.
      void ctx.seen.ready(key).then(() => !signal.aborted && ctx.seen.refusal(key) && update());
    } else {
      if (refused) taskKey = undefined;
      notRecorded = refused ?? found.problem;
      if (notRecorded) ctx.problems.set(noteKey(notRecorded), notRecorded);
    }
    for (const note of found.notes) ctx.problems.set(noteKey(note), note);
    reading = readTtcm(section);
    const fields = [reading.inviteLink, reading.campaignCode].map((f) => (f.state === 'absent' ? null : f.field.element));
    // Rebuild when the values changed, or the page re-rendered the fields (our groups went with them).
    const signature = signatureOf(reading);
    const placed = [linkHost, codeHost].every((h) => !h || h.host.isConnected);
    const texts = [reading.inviteLink, reading.campaignCode].map((f) => (f.state === 'valid' ? f.value : f.state === 'absent' ? undefined : f.raw));
    const fieldsMoved = fields.some((f, i) => f && [linkHost, codeHost][i]?.host.isConnected && !isOwnRowOf([linkHost, codeHost][i]!.host, valueBox(f, texts[i]), sectionLimit(section)));
    if (signature !== valuesSignature || !placed || fieldsMoved) {
      valuesSignature = signature;
      renderValues();
    }
    indentLikeTitle();
    authNote.textContent = reading.authorizationDays
      ? t('page.authWindow', { days: formatNumber(reading.authorizationDays) })
      : '';
    renderState();
  }

  const unsubscribe = ctx.tracker.subscribe(renderState);
  signal.addEventListener(
    'abort',
    () => {
      unsubscribe();
      for (const h of hosts) h.remove();
    },
    { once: true },
  );
  update();
  return { hosts, update };
}
