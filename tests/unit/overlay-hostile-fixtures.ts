/**
 * Shared by the tests of hostile page values (overlay-hostile-values, pages-text-only, …): the real content-script features (TTCM controls and tile
 * controls) mounted on a replica DOM snapshot, with the page's values swapped for hostile
 * ones the way each markup family shows them, and checks of what the creator sees.
 */
import { expect, vi } from 'vitest';
import { waitFor, within } from '@testing-library/dom';
import { observePage, type ObserverOptions, type PageObserver } from '@/utils/page/observer';
import type { OverlayContext, TrackerView } from '@/entrypoints/content/context';
import { FocusMemory } from '@/utils/content/focus-memory';
import { SeenTasks } from '@/utils/content/seen-tasks';
import { ttcmControls } from '@/entrypoints/content/features/ttcm-controls';
import { tileControls } from '@/entrypoints/content/features/tile-controls';
import type { BackgroundMessage } from '@/utils/messages';
import type { DiscoveredTask, TrackedTask } from '@/utils/tracker/schema';
import { openShadowRoots } from '@/utils/page/dom';
import { qrModel } from '@/utils/qr';
import { unreadableTask } from '@/utils/background/page-reads';
import { openQrDialog } from '@/components/overlay/qr-dialog';

export interface Mounted {
  sent: BackgroundMessage[];
  controller: AbortController;
  observer: PageObserver;
  ctx: OverlayContext;
  /** The tasks the content script reported (taskSeen) and the background took, in order. */
  seen(): DiscoveredTask[];
}

/**
 * The content script's features on the current document (`tasks`: the tracker's, or a real
 * tracker view), with a recording background
 * (`sent`: what it was told and took: a task read its parse refuses is not; the QR codes it
 * makes are not recorded).
 * Batches run on a timer unless `options.schedule` says otherwise.
 */
export function mountOverlay(url: string, tasks: TrackedTask[] | TrackerView = [], options: Pick<ObserverOptions, 'schedule' | 'onError'> = {}): Mounted {
  const sent: BackgroundMessage[] = [];
  const send = async (m: BackgroundMessage) => {
    // The QR dialog's code, made as the background makes it (utils/background/router.ts).
    if (m.type === 'qrCode') return { ok: true as const, value: qrModel(m.text) };
    // A task read the worker's parse refuses is answered with the reason, as the router does.
    const refused = unreadableTask(m);
    if (refused) return refused;
    sent.push(m);
    return { ok: true as const, value: undefined };
  };
  const controller = new AbortController();
  const ctx: OverlayContext = {
    doc: document,
    signal: controller.signal,
    url: () => url,
    frameUrl: () => undefined,
    path: () => undefined,
    send,
    tracker: Array.isArray(tasks) ? { campaigns: () => tasks, get: (k) => tasks.find((t) => t.key === k), subscribe: () => () => {} } : tasks,
    seen: new SeenTasks(send),
    focus: new FocusMemory(document),
    problems: new Map(),
    // What the worker's injected script leaves in the frame (entrypoints/qr-dialog.ts).
    qrDialog: async () => openQrDialog,
  };
  const observer = observePage({
    doc: document,
    signal: controller.signal,
    features: [ttcmControls(ctx), tileControls(ctx)],
    schedule: options.schedule ?? ((run) => setTimeout(run, 0)),
    onError: options.onError,
  });
  return {
    sent,
    controller,
    observer,
    ctx,
    seen: () => sent.flatMap((m) => (m.type === 'taskSeen' ? [m.task] : [])),
  };
}

/** The content box of each of our control groups of one kind (they live in open shadow roots). */
export function groups(kind: string): HTMLElement[] {
  return ourHosts(kind).map((h) => h.shadowRoot!.querySelector('.box') as HTMLElement);
}

/** Our hosts of one kind (or all), in document order, including those placed inside the page's shadow roots. */
export function ourHosts(kind?: string): HTMLElement[] {
  const selector = kind ? `[data-tiktok-helper="${kind}"]` : '[data-tiktok-helper]';
  const all = [document, ...openShadowRoots(document)].flatMap((scope) => Array.from(scope.querySelectorAll<HTMLElement>(selector)));
  return all.sort((a, b) => (a === b ? 0 : compareComposed(a, b)));
}

/** Document order in the composed tree (a host's shadow content sits where the host is). */
function compareComposed(a: Node, b: Node): number {
  const chain = (n: Node) => {
    const out: Node[] = [];
    for (let x: Node | null = n; x; x = x.parentNode instanceof ShadowRoot ? x.parentNode.host : x.parentNode) out.unshift(x);
    return out;
  };
  const ca = chain(a);
  const cb = chain(b);
  let i = 0;
  while (i < ca.length && i < cb.length && ca[i] === cb[i]) i++;
  if (i === ca.length) return -1;
  if (i === cb.length) return 1;
  return ca[i]!.compareDocumentPosition(cb[i]!) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
}

/** Wait until the overlay has run a pass over the page (the TTCM task group is always added first). */
export async function settled(kind = 'ttcm-task', count = 1): Promise<void> {
  await waitFor(() => expect(groups(kind)).toHaveLength(count));
  await new Promise((r) => setTimeout(r, 5));
}

/** Every node of the document and of every open shadow root, page and ours. */
function allScopes(): (Document | ShadowRoot)[] {
  return [document, ...openShadowRoots(document)];
}

/**
 * Swap a value the page shows for another, wherever the family puts it: text nodes, link
 * targets, read-only inputs, titles and labels (light DOM and shadow roots).
 */
export function replaceShown(old: string, next: string, opts: { exactText?: boolean; attributes?: string[] } = {}): number {
  const attrs = opts.attributes ?? ['href', 'value', 'title', 'aria-label'];
  let count = 0;
  for (const scope of allScopes()) {
    const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    const texts: Text[] = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n as Text);
    for (const t of texts) {
      const v = t.nodeValue ?? '';
      if (opts.exactText ? v.trim() === old : v.includes(old)) {
        t.nodeValue = opts.exactText ? v.replace(old, next) : v.split(old).join(next);
        count++;
      }
    }
    for (const el of Array.from(scope.querySelectorAll('*'))) {
      for (const a of attrs) {
        const v = el.getAttribute(a);
        if (v !== null && (opts.exactText ? v === old : v.includes(old))) {
          el.setAttribute(a, opts.exactText ? next : v.split(old).join(next));
          count++;
        }
      }
      if (el instanceof HTMLInputElement && el.value.includes(old)) el.value = el.value.split(old).join(next);
    }
  }
  return count;
}

/** Tags our injected UI is built from. Anything else inside our hosts came from page text as markup. */
const OUR_TAGS = new Set(['style', 'div', 'span', 'button', 'p', 'input', 'dialog', 'h2', 'svg', 'rect', 'path']);

/** Page text was only ever inserted as text: our shadow roots hold only elements we create, no handlers. */
export function expectNoInjectedMarkup(): void {
  for (const host of ourHosts()) {
    const root = host.shadowRoot!;
    for (const el of Array.from(root.querySelectorAll('*'))) {
      expect(OUR_TAGS.has(el.localName), `unexpected <${el.localName}> in our UI`).toBe(true);
      for (const attr of Array.from(el.attributes)) expect(attr.name.startsWith('on'), `handler attribute ${attr.name}`).toBe(false);
    }
  }
}

export interface CopySpy {
  writeText: ReturnType<typeof vi.fn>;
}

export function spyClipboard(): CopySpy {
  const writeText = vi.fn(async (_text: string) => {});
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
  return { writeText };
}

/** Press a copy button and return exactly what reached the clipboard. */
export async function copyFrom(box: HTMLElement, label: string, spy: CopySpy): Promise<string> {
  spy.writeText.mockClear();
  within(box).getByRole('button', { name: label }).click();
  await waitFor(() => expect(within(box).getByText('Copied')).toBeInTheDocument());
  expect(spy.writeText).toHaveBeenCalledTimes(1);
  return spy.writeText.mock.calls[0]![0] as string;
}
