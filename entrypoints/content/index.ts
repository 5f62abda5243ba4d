/**
 * Content script on app.impact.com: thin wiring. Detection lives in utils/page/, controls in
 * components/overlay/, each feature in ./features/. Everything hangs off `ctx.signal`, so an
 * extension update or reload removes every control and stops all observing.
 */
import { browser } from 'wxt/browser';
import { sendToBackground } from '@/utils/messaging';
import { observePage } from '@/utils/page/observer';
import { FocusMemory, SeenTasks, type OverlayContext } from './context';
import { handleCommand } from './commands';
import { createTrackerView } from './tracker-view';
import { tileControls } from './features/tile-controls';
import { ttcmControls } from './features/ttcm-controls';

export default defineContentScript({
  matches: ['https://app.impact.com/*'],
  runAt: 'document_idle',
  main(wxt) {
    const send: OverlayContext['send'] = (message) => (wxt.isValid ? sendToBackground(message) : Promise.resolve({ ok: false, error: 'The extension was updated: reload the page.' }));
    const tracker = createTrackerView(wxt.signal);
    const ctx: OverlayContext = {
      doc: document,
      signal: wxt.signal,
      url: () => location.href,
      send,
      tracker,
      seen: new SeenTasks(send),
      focus: new FocusMemory(document),
      problems: new Set(),
    };

    const onCommand = (message: unknown, sender: Parameters<Parameters<typeof browser.runtime.onMessage.addListener>[0]>[1]) =>
      handleCommand(ctx, message, sender, browser.runtime.id);
    browser.runtime.onMessage.addListener(onCommand);
    wxt.onInvalidated(() => browser.runtime.onMessage.removeListener(onCommand));

    void tracker.ready.then(() => {
      if (wxt.isInvalid) return;
      const observer = observePage({
        doc: document,
        signal: wxt.signal,
        features: [ttcmControls(ctx), tileControls(ctx)],
        // WXT's frame callback first checks the extension is still there; when it was updated
        // or reloaded, that check invalidates the context, which removes all our controls.
        schedule: (run) => wxt.requestAnimationFrame(() => run()),
      });
      // pushState navigation does not always touch the DOM at once: look again when the URL changes.
      wxt.addEventListener(window, 'wxt:locationchange', () => observer.poke());
      // A click can open a slide-out whose custom elements upgrade later without a DOM mutation.
      wxt.addEventListener(document, 'click', () => observer.poke(), { capture: true, passive: true });
    });
  },
});
