/**
 * A short message in the page's corner for what a keyboard command did ("Copied …"), in a
 * polite live region: no control of ours may be on the screen when a shortcut is pressed. One
 * at a time; it goes by itself, or with Escape.
 */
import { createHost, el, type Host } from './controls';
import { TOAST_CSS } from './styles';

const SHOWN_MS = 5000;

export function showToast(doc: Document, text: string, extra?: Node): Host {
  for (const old of Array.from(doc.querySelectorAll('[data-tiktok-helper="toast"]'))) old.remove();
  const toast = createHost(doc, 'toast', false, TOAST_CSS);
  const live = el(doc, 'p', { class: 'toast-text', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
  toast.box.className = 'box toast';
  toast.box.append(live);
  if (extra) toast.box.append(extra);
  (doc.body ?? doc.documentElement).append(toast.host);
  // Filled after insertion, so that screen readers announce it.
  const view = doc.defaultView;
  view?.setTimeout(() => (live.textContent = text), 30);
  const close = () => toast.host.remove();
  // A fallback field (select and copy by hand) keeps the toast until the creator is done.
  if (!extra) view?.setTimeout(close, SHOWN_MS);
  toast.host.addEventListener('keydown', (e) => (e as KeyboardEvent).key === 'Escape' && close());
  return toast;
}
