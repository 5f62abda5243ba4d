/**
 * The extension's keyboard shortcuts as the popup shows them (wxt.config.ts `commands`, read
 * back with commands.getAll(): the creator may have changed or removed them), and where each
 * browser lets the creator change them.
 */
import { t } from '@/utils/i18n';

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

const LABELS: Readonly<Record<string, string>> = {
  get _execute_action() {
    return t('shortcuts.openPopup');
  },
  get 'copy-invite-link'() {
    return t('shortcuts.copyLink');
  },
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
    ? { text: t('shortcuts.firefoxHow') }
    : { url: 'chrome://extensions/shortcuts', text: t('shortcuts.change') };
}
