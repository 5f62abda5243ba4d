/**
 * Settings → "Other impact.com addresses" (entrypoints/overview/OtherHosts.tsx) with WXT's
 * fake browser and the in-memory permissions of fake-permissions.ts: the request is made in
 * the click itself for exactly `https://<host>/*`, the background is told, Remove takes the
 * permission away, and every refusal or failure is said.
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OtherHosts, hostProblemText } from '../../entrypoints/overview/OtherHosts';
import type { BackgroundMessage } from '../../utils/messages';
import { parseHostInput } from '../../utils/page/hosts';
import { fakePermissions, installFakePermissions } from './fake-permissions';

/** The background: answers hostsChanged as host-scripts.ts would (or as told). */
function fakeBackground(answer: unknown = { ok: true, value: { active: [], added: [], removed: [], problems: [] } }) {
  const sent: BackgroundMessage[] = [];
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (message: BackgroundMessage) => {
    sent.push(message);
    return answer;
  }) as never);
  return sent;
}

async function renderHosts() {
  const user = userEvent.setup();
  const view = render(<OtherHosts />);
  const section = within(screen.getByRole('region', { name: 'Other impact.com addresses' }));
  // The granted list is read once on mount.
  await waitFor(() => expect(section.getByRole('list', { name: 'Other addresses' })).toBeInTheDocument());
  return { user, section, ...view };
}

const addresses = (section: ReturnType<typeof within>) =>
  section.getAllByRole('listitem').map((li: HTMLElement) => li.textContent?.replace(/\s+/g, ' ').trim());

describe('Other impact.com addresses', () => {
  it('lists member.impactradius.com with its Allow button, and the field for another address', async () => {
    fakeBackground();
    const { section } = await renderHosts();
    expect(addresses(section)).toEqual(['member.impactradius.com Allow member.impactradius.com']);
    expect(section.getByRole('textbox', { name: 'Another address' })).toHaveValue('');
    expect(section.getByRole('button', { name: 'Allow address' })).toBeEnabled();
  });

  it('Allow member.impactradius.com asks for exactly that host, tells the background, then offers Remove', async () => {
    const sent = fakeBackground();
    const { user, section } = await renderHosts();
    await user.click(section.getByRole('button', { name: 'Allow member.impactradius.com' }));
    expect(fakePermissions.requested).toEqual([['https://member.impactradius.com/*']]);
    expect(await section.findByText('member.impactradius.com is allowed. Pages there get the helper (an open page may need a reload).')).toBeInTheDocument();
    expect(sent).toEqual([{ type: 'hostsChanged' }]);
    expect(addresses(section)).toEqual(['member.impactradius.com allowed Remove']);
    expect(section.getByRole('button', { name: 'Remove member.impactradius.com' })).toBeInTheDocument();
  });

  it('the request is made in the click itself, before anything is awaited (a user gesture)', async () => {
    fakeBackground();
    const { user, section } = await renderHosts();
    let inClick = false;
    let askedInClick: boolean | undefined;
    const button = section.getByRole('button', { name: 'Allow member.impactradius.com' });
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockImplementation(async () => {
      askedInClick = inClick;
      return false;
    });
    // True from the click's dispatch until its first microtask: any await before the request ends it.
    button.addEventListener('click', () => (inClick = true), { capture: true });
    button.addEventListener('click', () => queueMicrotask(() => (inClick = false)));
    await user.click(button);
    expect(request).toHaveBeenCalledTimes(1);
    expect(askedInClick).toBe(true);
  });

  it('another address: typed loosely, asked for as its origin, listed with its own Remove', async () => {
    const sent = fakeBackground();
    const { user, section } = await renderHosts();
    await user.type(section.getByRole('textbox', { name: 'Another address' }), ' HTTPS://Partners.Example.com/ ');
    await user.click(section.getByRole('button', { name: 'Allow address' }));
    expect(fakePermissions.requested).toEqual([['https://partners.example.com/*']]);
    expect(await section.findByText(/^partners\.example\.com is allowed\./)).toBeInTheDocument();
    expect(sent).toEqual([{ type: 'hostsChanged' }]);
    expect(section.getByRole('textbox', { name: 'Another address' })).toHaveValue('');
    expect(addresses(section)).toEqual(['member.impactradius.com Allow member.impactradius.com', 'partners.example.com allowed Remove']);
  });

  it('Enter in the field allows the address too', async () => {
    fakeBackground();
    const { user, section } = await renderHosts();
    await user.type(section.getByRole('textbox', { name: 'Another address' }), 'partners.example.com{Enter}');
    expect(fakePermissions.requested).toEqual([['https://partners.example.com/*']]);
  });

  it.each([
    ['http://partners.example.com', 'Only https addresses can be allowed'],
    ['192.168.0.10', 'IP addresses are not allowed'],
    ['localhost', 'is this computer'],
    ['partners.example.com/secure', 'without a path'],
    ['*.example.com', 'Wildcards (*) are not allowed'],
    ['раrtners.example.com', 'can imitate another address'],
  ])('refuses "%s" with a clear message, and asks the browser nothing', async (typed, why) => {
    const sent = fakeBackground();
    const { user, section } = await renderHosts();
    await user.type(section.getByRole('textbox', { name: 'Another address' }), typed);
    await user.click(section.getByRole('button', { name: 'Allow address' }));
    expect(section.getByRole('alert')).toHaveTextContent(why);
    expect(fakePermissions.requested).toEqual([]);
    expect(sent).toEqual([]);
  });

  it('says so when the creator declines the browser’s request; nothing is listed, the background is not told', async () => {
    const sent = fakeBackground();
    fakePermissions.answer = false;
    const { user, section } = await renderHosts();
    await user.click(section.getByRole('button', { name: 'Allow member.impactradius.com' }));
    expect(await section.findByRole('alert')).toHaveTextContent("member.impactradius.com was not allowed: the browser's request was declined.");
    expect(sent).toEqual([]);
    expect(addresses(section)).toEqual(['member.impactradius.com Allow member.impactradius.com']);
  });

  it('says so when the request fails', async () => {
    fakeBackground();
    fakePermissions.answer = new Error('Permissions must be requested from inside a user gesture');
    const { user, section } = await renderHosts();
    await user.click(section.getByRole('button', { name: 'Allow member.impactradius.com' }));
    expect(await section.findByRole('alert')).toHaveTextContent('Could not allow member.impactradius.com: Permissions must be requested from inside a user gesture');
  });

  it('says so when the background could not start the helper there', async () => {
    fakeBackground({ ok: true, value: { active: [], added: [], removed: [], problems: ['Could not run the content script on member.impactradius.com: refused'] } });
    const { user, section } = await renderHosts();
    await user.click(section.getByRole('button', { name: 'Allow member.impactradius.com' }));
    expect(await section.findByRole('alert')).toHaveTextContent('member.impactradius.com is allowed. Pages there get the helper (an open page may need a reload). But: Could not run the content script on member.impactradius.com: refused');
  });

  it('Remove takes the permission away and tells the background', async () => {
    installFakePermissions(['https://app.impact.com/*', 'https://member.impactradius.com/*', 'https://partners.example.com/*']);
    const sent = fakeBackground();
    const { user, section } = await renderHosts();
    expect(addresses(section)).toEqual(['member.impactradius.com allowed Remove', 'partners.example.com allowed Remove']);
    await user.click(section.getByRole('button', { name: 'Remove partners.example.com' }));
    expect(fakePermissions.removed).toEqual([['https://partners.example.com/*']]);
    expect(await section.findByText(/^partners\.example\.com is no longer allowed/)).toBeInTheDocument();
    expect(sent).toEqual([{ type: 'hostsChanged' }]);
    expect(addresses(section)).toEqual(['member.impactradius.com allowed Remove']);
    expect(fakePermissions.origins).toEqual(new Set(['https://app.impact.com/*', 'https://member.impactradius.com/*']));
  });

  it('says so when Remove fails', async () => {
    installFakePermissions(['https://app.impact.com/*', 'https://member.impactradius.com/*']);
    fakeBackground();
    vi.spyOn(fakeBrowser.permissions, 'remove').mockRejectedValue(new Error('You cannot remove required permissions.'));
    const { user, section } = await renderHosts();
    await user.click(section.getByRole('button', { name: 'Remove member.impactradius.com' }));
    expect(await section.findByRole('alert')).toHaveTextContent('Could not remove member.impactradius.com: You cannot remove required permissions.');
  });

  it('a wildcard grant from the browser’s own settings is not listed as an address', async () => {
    installFakePermissions(['https://app.impact.com/*', 'https://*/*']);
    fakeBackground();
    const { section } = await renderHosts();
    expect(addresses(section)).toEqual(['member.impactradius.com Allow member.impactradius.com']);
  });

  it('follows grants and removals made elsewhere (onAdded / onRemoved)', async () => {
    fakeBackground();
    const { section } = await renderHosts();
    await fakeBrowser.permissions.request({ origins: ['https://partners.example.com/*'] });
    await waitFor(() => expect(addresses(section)).toContain('partners.example.com allowed Remove'));
    await fakeBrowser.permissions.remove({ origins: ['https://partners.example.com/*'] });
    await waitFor(() => expect(addresses(section)).toEqual(['member.impactradius.com Allow member.impactradius.com']));
  });

  it('an address already allowed is not asked for again', async () => {
    installFakePermissions(['https://app.impact.com/*', 'https://partners.example.com/*']);
    fakeBackground();
    const { user, section } = await renderHosts();
    await user.type(section.getByRole('textbox', { name: 'Another address' }), 'partners.example.com');
    await user.click(section.getByRole('button', { name: 'Allow address' }));
    expect(section.getByRole('status')).toHaveTextContent('partners.example.com is already allowed.');
    expect(fakePermissions.requested).toEqual([]);
  });

  it('is axe-clean', async () => {
    installFakePermissions(['https://app.impact.com/*', 'https://partners.example.com/*']);
    fakeBackground();
    const { container } = await renderHosts();
    expect((await axe.run(container)).violations).toEqual([]);
  });
});

describe('refusals in the interface language', () => {
  it.each([
    '',
    'x'.repeat(301),
    'раrtners.example.com',
    'http://partners.example.com',
    'https:partners.example.com',
    '*.example.com',
    'me@partners.example.com',
    'partners.example.com/secure',
    '192.168.0.10',
    'localhost',
    'partners.example.com:8443',
    'partners',
    'xn--80ak6aa92e.com',
    'part_ners.example.com',
    'app.impact.com',
  ])('"%s": the English locale says exactly what utils/page/hosts.ts says', (typed) => {
    const parsed = parseHostInput(typed);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(hostProblemText(parsed)).toBe(parsed.message);
  });
});
