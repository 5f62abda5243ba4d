/**
 * Copy exactly one value, whatever the page and browser allow:
 * 1. the async Clipboard API (refused when the document is not focused, by Firefox's
 *    activation rules, or by a page's permissions policy);
 * 2. execCommand('copy') on a hidden textarea (older path, still honoured on a click);
 * 3. nothing worked: the caller selects the text on screen and asks for Ctrl/Cmd+C.
 */

export type CopyMethod = 'clipboard' | 'execCommand' | 'manual';

export interface CopyEnvironment {
  clipboard?: Pick<Clipboard, 'writeText'> | undefined;
  /** Where the temporary textarea goes (our own shadow root keeps it out of the page's styles). */
  scratch: ParentNode & Node;
  doc: Document;
}

export async function copyText(value: string, env: CopyEnvironment): Promise<CopyMethod> {
  if (env.clipboard?.writeText) {
    try {
      await env.clipboard.writeText(value);
      return 'clipboard';
    } catch {
      // fall through to the older path
    }
  }
  if (copyWithExecCommand(value, env)) return 'execCommand';
  return 'manual';
}

function copyWithExecCommand(value: string, { scratch, doc }: CopyEnvironment): boolean {
  if (typeof doc.execCommand !== 'function') return false;
  const previous = deepActiveElement(doc);
  const area = doc.createElement('textarea');
  area.value = value;
  area.setAttribute('readonly', '');
  area.setAttribute('aria-hidden', 'true');
  area.tabIndex = -1;
  area.style.cssText = 'position:fixed;top:0;left:-9999px;width:1px;height:1px;opacity:0;';
  scratch.appendChild(area);
  let ok: boolean;
  try {
    area.focus({ preventScroll: true });
    area.select();
    area.setSelectionRange(0, value.length);
    ok = doc.execCommand('copy');
  } catch {
    ok = false;
  } finally {
    area.remove();
    if (previous instanceof HTMLElement) previous.focus({ preventScroll: true });
  }
  return ok;
}

/** The focused element, looking through shadow roots. */
export function deepActiveElement(doc: Document): Element | null {
  let el: Element | null = doc.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

/** "Ctrl+C" or "⌘+C", for the manual fallback message. */
export function copyShortcut(nav: Pick<Navigator, 'userAgent'> & { userAgentData?: { platform?: string } } = navigator): string {
  const platform = nav.userAgentData?.platform ?? nav.userAgent;
  return /mac|iphone|ipad/i.test(platform) ? 'Cmd+C' : 'Ctrl+C';
}
