/**
 * The extension's keyboard shortcuts as the popup shows them (wxt.config.ts `commands`, read
 * back with commands.getAll(): the creator may have changed or removed them), and where each
 * browser lets the creator change them.
 */
export interface CommandInfo {
  name?: string;
  shortcut?: string;
  description?: string;
}

export interface ShortcutLine {
  name: string;
  /** What it does, in the popup's words. */
  label: string;
  /** The keys, or undefined when none is set. */
  keys?: string;
}

const LABELS: Record<string, string> = {
  _execute_action: 'Open this popup',
  'copy-invite-link': "Copy the invite link of this tab's task",
};

/** Our commands, in a fixed order, with their current keys. */
export function shortcutLines(commands: readonly CommandInfo[]): ShortcutLine[] {
  return Object.entries(LABELS).map(([name, label]) => {
    const keys = commands.find((c) => c.name === name)?.shortcut?.trim();
    return { name, label, keys: keys || undefined };
  });
}

/** Chrome opens its shortcut page from a link; Firefox's is reached by hand from about:addons. */
export function shortcutSettings(firefox: boolean): { url?: string; text: string } {
  return firefox
    ? { text: 'To change them: about:addons → ⚙ (gear) → Manage Extension Shortcuts.' }
    : { url: 'chrome://extensions/shortcuts', text: 'Change shortcuts' };
}
