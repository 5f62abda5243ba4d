/** The popup's keyboard shortcuts: what is bound now (read back from the browser), and where to change it. */
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Shortcuts } from '../../components/Shortcuts';
import { shortcutLines, shortcutSettings } from '../../components/shortcuts';

afterEach(() => vi.restoreAllMocks());

describe('shortcutLines / shortcutSettings', () => {
  it('lists our two commands in a fixed order with their current keys; a removed shortcut is "not set"', () => {
    expect(
      shortcutLines([
        { name: 'copy-invite-link', shortcut: 'Ctrl+Shift+9', description: 'x' },
        { name: '_execute_action', shortcut: '' },
        { name: 'something-else', shortcut: 'Alt+X' },
      ]),
    ).toEqual([
      { name: '_execute_action', label: 'Open this popup', keys: undefined },
      { name: 'copy-invite-link', label: "Copy the invite link of this tab's task", keys: 'Ctrl+Shift+9' },
    ]);
  });

  it("Chrome: a link to its shortcut page; Firefox: the way there in about:addons", () => {
    expect(shortcutSettings(false)).toEqual({ url: 'chrome://extensions/shortcuts', text: 'Change shortcuts' });
    expect(shortcutSettings(true).url).toBeUndefined();
    expect(shortcutSettings(true).text).toContain('Manage Extension Shortcuts');
    expect(shortcutSettings(true).text).toContain('about:addons');
  });
});

describe('<Shortcuts> in the popup', () => {
  it("shows the browser's current keys and opens Chrome's shortcut settings", async () => {
    vi.spyOn(fakeBrowser.commands, 'getAll').mockResolvedValue([
      { name: '_execute_action', shortcut: 'Alt+Shift+D', description: '' },
      { name: 'copy-invite-link', shortcut: 'Alt+Shift+C', description: '' },
    ] as never);
    const create = vi.spyOn(fakeBrowser.tabs, 'create').mockResolvedValue({} as never);
    render(<Shortcuts />);
    const region = await screen.findByRole('region', { name: 'Keyboard shortcuts' });
    expect(Array.from(region.querySelectorAll('li'), (li) => li.textContent)).toEqual(['Alt+Shift+D Open this popup', "Alt+Shift+C Copy the invite link of this tab's task"]);
    await userEvent.setup().click(screen.getByRole('link', { name: 'Change shortcuts' }));
    expect(create).toHaveBeenCalledWith({ url: 'chrome://extensions/shortcuts' });
  });

  it('says "not set" when the creator removed a shortcut, or the browser cannot tell', async () => {
    vi.spyOn(fakeBrowser.commands, 'getAll').mockRejectedValue(new Error('not supported'));
    render(<Shortcuts />);
    const region = await screen.findByRole('region', { name: 'Keyboard shortcuts' });
    expect(Array.from(region.querySelectorAll('li'), (li) => li.textContent)).toEqual(['not set Open this popup', "not set Copy the invite link of this tab's task"]);
  });
});
