/**
 * Controls in the TTCM Branded Content Details section: next to the invite link "Copy invite
 * link" and "Show QR code" (or an alert when the link is refused), next to the campaign code
 * "Copy campaign code", and for the task "Mark as posted" and "Open overview".
 */
import { announce, button, copyButton, createHost, el, liveRegion, type Host } from '@/components/overlay/controls';
import { openQrDialog } from '@/components/overlay/qr-dialog';
import { STATE_LABELS } from '@/utils/tracker/machine';
import { findTtcmSections, readTtcm, refusedLinkMessage, type TtcmReading, type TtcmSection } from '@/utils/page/ttcm';
import { readDiscoveredTask } from '@/utils/page/task';
import { composedContains } from '@/utils/page/dom';
import type { Decoration, Feature } from '@/utils/page/observer';
import type { StepId } from '@/utils/tracker/schema';
import type { OverlayContext } from '../context';

const INLINE_VALUE = 'a, span, code, strong, em, b, i, input, textarea, time, kbd, samp';

/** Put a control group right after the element showing a value. */
function placeAfterValue(value: Element, host: HTMLElement): void {
  if (value.matches(INLINE_VALUE)) value.after(host);
  else value.append(host);
}

export function ttcmControls(ctx: OverlayContext): Feature {
  const sections = new WeakMap<Element, TtcmSection>();
  return {
    name: 'ttcm-controls',
    // Lazy: the search runs when the observer's time budget gets to it, not in the pass.
    *find(root) {
      for (const s of findTtcmSections(root)) {
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
  let taskName = '';
  /** Why the task could not be recorded (shown in place of its tracker state). */
  let notRecorded: string | undefined;
  let valuesSignature = '';
  let linkHost: Host | null = null;
  let codeHost: Host | null = null;
  let reading: TtcmReading = readTtcm(section);

  const sectionHost = createHost(doc, 'ttcm-task');
  const stateLine = el(doc, 'span', { class: 'chip', 'data-state': 'notStarted' });
  const sectionLive = liveRegion(doc);
  const markPosted = button(doc, 'Mark as posted', () => void onMarkPosted(), { class: 'primary' });
  const openOverview = button(doc, 'Open overview', () => void ctx.send({ type: 'openOverview' }));
  const authNote = el(doc, 'p', { class: 'note' });
  ctx.focus.track(markPosted, 'ttcm:mark-posted');
  ctx.focus.track(openOverview, 'ttcm:open-overview');
  sectionHost.box.append(el(doc, 'div', { class: 'row' }, stateLine, markPosted, openOverview, sectionLive), authNote);
  section.anchor.after(sectionHost.host);
  hosts.push(sectionHost.host);
  ctx.focus.restore(markPosted);
  ctx.focus.restore(openOverview);

  async function step(step: StepId) {
    if (!taskKey) return;
    await ctx.seen.ready(taskKey);
    await ctx.send({ type: 'setStep', key: taskKey, step, done: true });
  }

  async function onMarkPosted() {
    if (!taskKey) {
      announce(sectionLive, 'This task could not be read from the page, so it cannot be tracked.', 0);
      return;
    }
    await ctx.seen.ready(taskKey);
    const reply = await ctx.send({ type: 'markPosted', key: taskKey });
    announce(sectionLive, reply.ok ? 'Marked as posted' : reply.error, reply.ok ? 4000 : 0);
  }

  function renderState() {
    const tracked = taskKey ? ctx.tracker.get(taskKey) : undefined;
    const state = tracked?.state ?? 'notStarted';
    stateLine.dataset.state = taskKey || !notRecorded ? state : 'notRecorded';
    stateLine.textContent = taskKey || !notRecorded ? `Tracker: ${STATE_LABELS[state]}` : `${notRecorded} Copy and QR code still work.`;
    markPosted.disabled = !taskKey || !['notStarted', 'inProgress', 'needsAttention'].includes(state);
  }

  function renderValues() {
    linkHost?.host.remove();
    codeHost?.host.remove();
    linkHost = codeHost = null;
    hosts.splice(1);
    const link = reading.inviteLink;
    if (link.state !== 'absent') {
      linkHost = createHost(doc, 'ttcm-invite-link');
      if (link.state === 'valid') {
        const live = liveRegion(doc);
        const fallback = el(doc, 'div');
        const copy = copyButton({
          doc,
          label: 'Copy invite link',
          value: () => link.value,
          live,
          fallbackArea: fallback,
          scratch: linkHost.root,
          onCopied: () => void step('linkCopied'),
        });
        const qr = button(doc, 'Show QR code', () => {
          openQrDialog({ doc, inviteLink: link.value, taskName, signal: ctx.signal, returnFocus: () => ctx.focus.returnTo(qr) });
        });
        ctx.focus.track(copy, 'ttcm:copy-invite-link');
        ctx.focus.track(qr, 'ttcm:show-qr');
        linkHost.box.append(el(doc, 'div', { class: 'row' }, copy, qr, live), fallback);
        placeAfterValue(link.field.element, linkHost.host);
        ctx.focus.restore(copy);
        ctx.focus.restore(qr);
      } else {
        linkHost.box.append(el(doc, 'div', { class: 'alert', role: 'alert' }, refusedLinkMessage(link.reason)));
        placeAfterValue(link.field.element, linkHost.host);
      }
      hosts.push(linkHost.host);
    }
    const code = reading.campaignCode;
    if (code.state !== 'absent') {
      codeHost = createHost(doc, 'ttcm-campaign-code');
      if (code.state === 'valid') {
        const live = liveRegion(doc);
        const fallback = el(doc, 'div');
        const copy = copyButton({
          doc,
          label: 'Copy campaign code',
          value: () => code.value,
          live,
          fallbackArea: fallback,
          scratch: codeHost.root,
          onCopied: () => void step('codeCopied'),
        });
        ctx.focus.track(copy, 'ttcm:copy-campaign-code');
        codeHost.box.append(el(doc, 'div', { class: 'row' }, copy, live), fallback);
        ctx.focus.restore(copy);
      } else {
        codeHost.box.append(el(doc, 'div', { class: 'alert', role: 'alert' }, `This campaign code is not offered: ${code.reason}`));
      }
      placeAfterValue(code.field.element, codeHost.host);
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
    if (found.task) {
      taskKey = ctx.seen.report(found.task);
      taskName = found.task.taskName;
    } else if (found.problem) ctx.problems.add(found.problem);
    for (const note of found.notes) ctx.problems.add(note);
    reading = readTtcm(section);
    const fields = [reading.inviteLink, reading.campaignCode].map((f) => (f.state === 'absent' ? null : f.field.element));
    // Rebuild when the values changed, or the page re-rendered the fields (our groups went with them).
    const signature = signatureOf(reading);
    const placed = [linkHost, codeHost].every((h) => !h || h.host.isConnected);
    const fieldsMoved = fields.some((f, i) => f && [linkHost, codeHost][i]?.host.isConnected && !isNextTo([linkHost, codeHost][i]!.host, f));
    if (signature !== valuesSignature || !placed || fieldsMoved) {
      valuesSignature = signature;
      renderValues();
    }
    authNote.textContent = reading.authorizationDays
      ? `The Statement of Work asks for a ${reading.authorizationDays}-day Spark Ads authorization window.`
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

function isNextTo(host: Element, field: Element): boolean {
  return host.previousElementSibling === field || host.parentElement === field;
}
