/**
 * The content script's message guards, in a module of their own; messages.ts re-exports them
 * for everyone else. They import nothing, so messages.ts depends on this module and never the
 * other way round.
 */

/** The parts of runtime.MessageSender we look at (kept structural for unit tests). */
export interface SenderInfo {
  id?: string;
  url?: string;
  /** The sending frame's origin (Chrome). */
  origin?: string;
  frameId?: number;
  tab?: { id?: number; url?: string };
}

/** A content script takes commands only from the extension itself, never from another tab. */
export function isTrustedContentSender(sender: SenderInfo, ownId: string): boolean {
  return sender.id === ownId && sender.tab === undefined;
}

/**
 * WXT stops an older copy of a content script when a newer one announces itself with a
 * document event named `<extension id>:<entrypoint>:wxt:content-script-started`. A page that
 * knows our (public) extension id could forge that event and switch our controls off. A
 * genuine newer copy only exists after the extension was updated or reloaded, and by then
 * this copy's extension context is gone: while it is alive, the event can only be the page's,
 * and it is stopped before WXT's listener sees it.
 */
export function refuseForgedScriptStarts(win: Window, eventName: string, extensionAlive: () => boolean, signal: AbortSignal): void {
  win.addEventListener(
    eventName,
    (event) => {
      if (extensionAlive()) event.stopImmediatePropagation();
    },
    { capture: true, signal },
  );
}
