/**
 * utils/page/hosts.ts: which origins count as impact.com's (the default one always, a granted one
 * exactly, nothing else), and what a typed address becomes (or why it is refused).
 */
import { describe, expect, it } from 'vitest';
import {
  grantedOrigins,
  hostOf,
  IMPACT_ORIGIN,
  impactPatterns,
  isImpactOrigin,
  isImpactUrl,
  OPTIONAL_HOST_PATTERNS,
  originOf,
  originPattern,
  parseHostInput,
  PLAIN_HOSTNAME,
} from '@/utils/page/hosts';
import * as messages from '@/utils/messages';

const PARTNER = 'https://partners.example.com';
const LEGACY = 'https://member.impactradius.com';

describe('impact.com origins', () => {
  it('the default origin is app.impact.com, defined here only (it moved out of messages.ts)', () => {
    expect(IMPACT_ORIGIN).toBe('https://app.impact.com');
    expect(messages).not.toHaveProperty('IMPACT_ORIGIN');
  });

  it('app.impact.com always counts, granted or not', () => {
    expect(isImpactOrigin(IMPACT_ORIGIN, [])).toBe(true);
    expect(isImpactOrigin(IMPACT_ORIGIN, [PARTNER])).toBe(true);
    expect(isImpactUrl('https://app.impact.com/secure/mediapartner/home/pview.ihtml', [])).toBe(true);
  });

  it('a granted origin counts; the same host not granted does not', () => {
    expect(isImpactOrigin(LEGACY, [LEGACY])).toBe(true);
    expect(isImpactOrigin(PARTNER, [LEGACY, PARTNER])).toBe(true);
    expect(isImpactOrigin(LEGACY, [])).toBe(false);
    expect(isImpactOrigin(PARTNER, [LEGACY])).toBe(false);
    expect(isImpactUrl(`${PARTNER}/secure/mediapartner/x.ihtml#/joined`, [PARTNER])).toBe(true);
    expect(isImpactUrl(`${PARTNER}/x`, [])).toBe(false);
  });

  it.each([
    ['a look-alike of the default host', 'https://app.impact.com.evil.example'],
    ['http on the default host', 'http://app.impact.com'],
    ['another port', 'https://app.impact.com:8443'],
    ['a sub-domain of a granted host', 'https://evil.partners.example.com'],
    ['http on a granted host', 'http://partners.example.com'],
    ['a granted host with a port', 'https://partners.example.com:8443'],
    ['nothing', undefined],
    ['an opaque origin', 'null'],
  ])('refuses %s', (_, origin) => {
    expect(isImpactOrigin(origin, [PARTNER])).toBe(false);
  });

  it('a wildcard or malformed entry in the granted list grants nothing', () => {
    expect(isImpactOrigin('https://*', ['https://*'])).toBe(false);
    expect(isImpactOrigin('http://partners.example.com', ['http://partners.example.com'])).toBe(false);
    expect(isImpactUrl('https://evil.example/', ['https://*/*', 'https://*'])).toBe(false);
  });

  it('grantedOrigins keeps exact https host patterns only, never the default or a wildcard', () => {
    expect(
      grantedOrigins([
        'https://app.impact.com/*',
        'https://member.impactradius.com/*',
        'https://*/*',
        '*://*/*',
        '<all_urls>',
        'https://*.example.com/*',
        'http://plain.example.com/*',
        'https://partners.example.com/*',
        'https://partners.example.com/*',
        'https://path.example.com/secure/*',
        'https://port.example.com:8443/*',
        'https://10.0.0.1/*',
        'https://xn--pp-8cd.impact.com/*',
      ]),
    ).toEqual([LEGACY, PARTNER]);
    expect(grantedOrigins(undefined)).toEqual([]);
  });

  it('tab patterns: app.impact.com first, then each granted origin', () => {
    expect(impactPatterns([])).toEqual(['https://app.impact.com/*']);
    expect(impactPatterns([LEGACY, PARTNER])).toEqual(['https://app.impact.com/*', 'https://member.impactradius.com/*', 'https://partners.example.com/*']);
    expect(impactPatterns(['https://*'])).toEqual(['https://app.impact.com/*']);
  });

  it('small helpers', () => {
    expect(originPattern(PARTNER)).toBe('https://partners.example.com/*');
    expect(hostOf(PARTNER)).toBe('partners.example.com');
    expect(originOf('https://Partners.Example.com/a?b#c')).toBe(PARTNER);
    expect(originOf('about:blank')).toBeUndefined();
    expect(originOf('not a url')).toBeUndefined();
  });

  it('the manifest offers the older name and any https host as optional', () => {
    expect(OPTIONAL_HOST_PATTERNS).toEqual(['https://member.impactradius.com/*', 'https://*/*']);
  });
});

describe('a typed address', () => {
  it.each([
    ['partners.example.com', PARTNER],
    ['https://partners.example.com', PARTNER],
    ['https://partners.example.com/', PARTNER],
    ['  HTTPS://Partners.Example.COM/  ', PARTNER],
    ['member.impactradius.com', LEGACY],
    ['creators.brand-portal.co.uk', 'https://creators.brand-portal.co.uk'],
  ])('"%s" → %s', (typed, origin) => {
    expect(parseHostInput(typed)).toEqual({ ok: true, origin, host: hostOf(origin) });
  });

  it.each([
    ['', 'Enter an address'],
    ['   ', 'Enter an address'],
    ['http://partners.example.com', 'Only https addresses'],
    ['ftp://partners.example.com', 'Only https addresses'],
    ['javascript:alert(1)', 'Only https addresses'],
    ['https:partners.example.com', 'not a valid address'],
    ['192.168.1.20', 'IP addresses are not allowed'],
    ['https://10.0.0.1/', 'IP addresses are not allowed'],
    ['1.2.3.4:443', 'IP addresses are not allowed'],
    ['[::1]', 'IP addresses are not allowed'],
    ['https://[2001:db8::1]/', 'IP addresses are not allowed'],
    ['localhost', 'is this computer'],
    ['localhost:3000', 'is this computer'],
    ['app.localhost', 'is this computer'],
    ['intranet', 'not a full address'],
    ['partners.example.com/secure/mediapartner', 'without a path'],
    ['https://partners.example.com/x', 'without a path'],
    ['partners.example.com?x=1', 'without a path'],
    ['partners.example.com#/joined', 'without a path'],
    ['partners.example.com\\x', 'without a path'],
    ['partners.example.com:8443', 'with a port'],
    ['*.example.com', 'Wildcards'],
    ['https://*/*', 'Wildcards'],
    ['user@partners.example.com', 'user name'],
    // A Cyrillic "а" in place of the Latin "a".
    ['аpp.impact.com', 'characters other than plain letters'],
    ['partners.exämple.com', 'characters other than plain letters'],
    ['partners .example.com', 'characters other than plain letters'],
    ['xn--pp-8cd.impact.com', 'internationalised (xn--)'],
    ['partners.xn--p1ai', 'internationalised (xn--)'],
    ['-partners.example.com', 'not a valid address'],
    ['partners..example.com', 'not a valid address'],
    ['partners.example.com.', 'not a valid address'],
    ['partners_x.example.com', 'not a valid address'],
    [`${'a'.repeat(64)}.example.com`, 'not a valid address'],
    ['x'.repeat(400), 'too long'],
    ['app.impact.com', 'always allowed'],
    ['https://APP.impact.com/', 'always allowed'],
  ])('refuses "%s" with a message that says why', (typed, why) => {
    const parsed = parseHostInput(typed);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toContain(why);
  });

  it('every accepted address is a plain host name whose origin the URL parser keeps', () => {
    for (const typed of ['a.b', 'a-b.c-d.example', 'x1.example.com']) {
      const parsed = parseHostInput(typed);
      expect(parsed.ok && PLAIN_HOSTNAME.test(parsed.host) && originOf(`${parsed.origin}/`) === parsed.origin).toBe(true);
    }
  });
});
