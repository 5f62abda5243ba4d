/**
 * Content script on app.impact.com: thin wiring. Detection lives in utils/page/, controls in
 * components/overlay/, each feature in ./features/. Everything hangs off `ctx.signal`, so an
 * extension update or reload removes every control and stops all observing.
 */
import { browser } from 'wxt/browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { refuseForgedScriptStarts } from '@/utils/page/guards';
import { BACKGROUND, deliver, type Reply } from '@/utils/messaging';
import { deepOwnHosts, observePage } from '@/utils/page/observer';
import { FocusMemory } from '@/utils/content/focus-memory';
import { PathMemory } from '@/utils/content/path-memory';
import { SeenTasks } from '@/utils/content/seen-tasks';
import { openPageActions, openPlace, QR_DIALOG_KEY } from '@/utils/content/page-actions';
import type { OpenQrDialog } from '@/components/overlay/qr-dialog';
import type { OverlayContext } from './context';
import { t } from '@/utils/i18n';
import { handleCommand } from './commands';
import { loadQrDialog } from './qr';
import { createTrackerView } from './tracker-view';
import { tileControls } from './features/tile-controls';
import { ttcmControls } from './features/ttcm-controls';
import { reportParticipating } from './features/refresh';

export default defineContentScript({
  matches: ['https://app.impact.com/*'],
  // Every frame: impact.com's modals may be same-origin frames (a page of their own, or one
  // drawn by script into about:blank). Each frame decorates what it shows.
  allFrames: true,
  matchAboutBlank: true,
  runAt: 'document_idle',
  // Never announce ourselves to the page (the message carried the extension id).
  noScriptStartedPostMessage: true,
  main(wxt) {
    // Controls already on the page can only be a dead older copy's: Firefox puts the new
    // script into open tabs after an update without letting the old one clean up (a live
    // copy removes its own when a newer one starts). One set of controls, ours.
    for (const host of deepOwnHosts(document)) host.remove();
    // WXT keeps the event's name private; read it rather than rebuild it.
    const started = (ContentScriptContext as unknown as { SCRIPT_STARTED_MESSAGE_TYPE?: unknown }).SCRIPT_STARTED_MESSAGE_TYPE;
    if (typeof started === 'string') refuseForgedScriptStarts(window, started, extensionAlive, wxt.signal);
    // Replies are the worker's own, built from what it parsed: their envelope is checked, not
    // their value again (utils/messaging.ts deliver; README "Boundaries").
    const send: OverlayContext['send'] = (message) => (wxt.isValid ? deliver(BACKGROUND, message) : Promise.resolve({ ok: false, error: t('page.extensionUpdated') }));
    const tracker = createTrackerView(wxt.signal);
    const path = new PathMemory(send);
    // What entrypoints/qr-dialog.ts leaves in this frame when the worker injects it (first "Show QR code").
    const qrDialog = openPlace<OpenQrDialog>(QR_DIALOG_KEY);
    const ctx: OverlayContext = {
      doc: document,
      signal: wxt.signal,
      url: topUrl,
      frameUrl: () => (window === window.top || !location.href.startsWith('https:') ? undefined : location.href),
      path: () => path.current(),
      send,
      tracker,
      seen: new SeenTasks(send),
      focus: new FocusMemory(document, wxt.signal),
      problems: new Map(),
      qrDialog: () => loadQrDialog(qrDialog, send),
    };

    // The reply goes through sendResponse, not a returned promise: this script calls the
    // browser's own API (Chrome's takes no promise from a listener; wxt.config.ts
    // contentScriptNativeBrowser).
    // "Retrieve my post" and Refresh all's steps: the worker injects their code into the top
    // frame when it asks (entrypoints/page-actions.ts); this page loads none of it.
    const pageActions = window === window.top ? openPageActions() : () => undefined;
    const onCommand = (message: unknown, sender: Parameters<Parameters<typeof browser.runtime.onMessage.addListener>[0]>[1], sendResponse: (reply: Reply) => void) => {
      handleCommand(ctx, message, sender, browser.runtime.id, pageActions).then(sendResponse, (error: unknown) => sendResponse({ ok: false, error: String((error as Error)?.message ?? error) }));
      return true as const;
    };
    browser.runtime.onMessage.addListener(onCommand);
    wxt.onInvalidated(() => browser.runtime.onMessage.removeListener(onCommand));

    // What the creator presses on the way to a task names it where its details do not.
    wxt.addEventListener(document, 'click', (event) => path.record(event, topUrl()), { capture: true, passive: true });

    // Refresh all starts from the Participating page the creator last visited.
    if (window === window.top) reportParticipating(ctx);

    void Promise.all([tracker.ready, path.load()]).then(() => {
      if (wxt.isInvalid) return;
      const observer = observePage({
        doc: document,
        signal: wxt.signal,
        features: [ttcmControls(ctx), tileControls(ctx)],
        // Each frame first checks the extension is still there (isValid); when it was updated
        // or reloaded, that check invalidates the context, which removes all our controls.
        // Not wxt.requestAnimationFrame: it adds an "abort" listener per call and never removes
        // it, one leaked closure per pass (found by tests/e2e/soak-chromium.test.ts).
        schedule: (run) => requestAnimationFrame(() => wxt.isValid && run()),
        // A page of thousands of tiles is decorated over several frames, never in one long task.
        budgetMs: 8,
      });
      // pushState navigation does not always touch the DOM at once: look again when the URL changes.
      wxt.addEventListener(window, 'wxt:locationchange', () => observer.poke());
      // A click can open a slide-out whose custom elements upgrade later without a DOM mutation.
      wxt.addEventListener(document, 'click', () => observer.sweepShadowRoots(), { capture: true, passive: true });
    });
  },
});

/** The address of the page the creator is on: a frame's own is that of a modal inside it. */
function topUrl(): string {
  try {
    const top = window.top?.location.href;
    if (top && top.startsWith('https:')) return top;
  } catch {
    /* a frame of another origin: its own address is all there is */
  }
  return location.href;
}

function extensionAlive(): boolean {
  try {
    return browser.runtime?.id != null;
  } catch {
    return false; // Firefox: the old copy's extension context is a dead object
  }
}
