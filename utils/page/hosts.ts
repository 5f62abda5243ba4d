/**
 * The one place for impact.com's host and address rules (pure: no browser, no zod, so the
 * content script can import it too).
 *
 * The creator pages are served on `https://app.impact.com` (the shipped, required host), on
 * `member.impactradius.com` (the older name) and on white-label partner hosts whose names
 * nobody can list in advance. Those others are optional host permissions that the creator
 * grants from the overview's settings; an origin counts as impact.com's only when it is the
 * default one or one the creator granted. Granted means an exact `https://<host>/*` pattern:
 * a wildcard pattern the browser may report (Chrome's "on all sites" site access) never
 * counts, so nothing runs on a host the creator did not name.
 */

/** The shipped, always-allowed origin. */
export const IMPACT_ORIGIN = 'https://app.impact.com';
export const IMPACT_HOST = 'app.impact.com';

/** impact.com's older name: offered in the settings with its own button. */
export const LEGACY_IMPACT_HOST = 'member.impactradius.com';

/** The manifest's optional host permissions (wxt.config.ts; checked by tests/e2e/manifest.test.ts). */
export const OPTIONAL_HOST_PATTERNS = [`https://${LEGACY_IMPACT_HOST}/*`, 'https://*/*'] as const;

/**
 * A plain DNS name: lower-case ASCII letters, digits and hyphens in dot-separated labels
 * (at least two), no `xn--` (punycode) label, a top-level label that starts with a letter
 * (so no IPv4 address), at most 253 characters. Used for typed hosts and by the task
 * address schema (utils/tracker/schema.ts).
 */
export const PLAIN_HOSTNAME = /^(?=.{1,253}$)(?:(?!xn--)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?!xn--)[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * What a task address must be, for zod's `z.url` (the tracker's schema): https on a plain
 * host name. Which hosts may then be opened or pressed in is isImpactUrl's question, asked by
 * the worker.
 */
export const TASK_URL_RULE = { protocol: /^https$/, hostname: PLAIN_HOSTNAME };

/** `https://host` → `https://host/*`, the pattern asked for and registered. */
export function originPattern(origin: string): string {
  return `${origin}/*`;
}

/** The host of an `https://host` origin. */
export function hostOf(origin: string): string {
  return origin.replace(/^https:\/\//, '');
}

/**
 * The origins that a granted host permission names exactly: `https://<plain host>/*` only.
 * Wildcards (`https://*\/*`, `*://…`, `https://*.example.com/*`), other schemes, ports and
 * paths are left out, and so is the default origin (it is not the creator's to grant).
 */
export function grantedOrigins(patterns: readonly string[] | undefined): string[] {
  const out = new Set<string>();
  for (const pattern of patterns ?? []) {
    const match = /^https:\/\/([^/]+)\/\*$/.exec(pattern);
    const host = match?.[1];
    if (!host || !PLAIN_HOSTNAME.test(host) || host === IMPACT_HOST) continue;
    out.add(`https://${host}`);
  }
  return [...out].sort();
}

/** The default origin, or one of the granted origins (from grantedOrigins), exactly. */
export function isImpactOrigin(origin: string | undefined, granted: readonly string[]): boolean {
  if (!origin) return false;
  return origin === IMPACT_ORIGIN || (granted.includes(origin) && /^https:\/\//.test(origin) && PLAIN_HOSTNAME.test(hostOf(origin)));
}

/** The origin of an address, or undefined when it is not one. */
export function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/** An address on impact.com's default host or a granted one. */
export function isImpactUrl(url: string | undefined, granted: readonly string[]): boolean {
  return isImpactOrigin(originOf(url), granted);
}

/** The tab patterns of every impact.com origin: the default one first. */
export function impactPatterns(granted: readonly string[]): string[] {
  return [originPattern(IMPACT_ORIGIN), ...granted.filter((o) => o !== IMPACT_ORIGIN && isImpactOrigin(o, granted)).map(originPattern)];
}

/** Why a typed address is refused: the key of its words in locales/*.yml (`hostInput.<problem>`). */
export type HostProblem =
  | 'empty'
  | 'tooLong'
  | 'lookAlike'
  | 'notHttps'
  | 'invalidEnter'
  | 'wildcard'
  | 'userName'
  | 'path'
  | 'ip'
  | 'localhost'
  | 'port'
  | 'noDot'
  | 'punycode'
  | 'invalidLetters'
  | 'invalid'
  | 'always';

/**
 * A refusal carries its English `message` (this module stays pure: the build config imports it)
 * and its `problem` and `values`, which the overview turns into the interface language
 * (`hostInput.<problem>`; tests/unit/other-hosts.test.tsx checks the English is the same).
 */
export type HostInput = { ok: true; origin: string; host: string } | { ok: false; message: string; problem: HostProblem; values: Record<string, string> };

const EXAMPLE_HOST = 'partners.example.com';
const EXAMPLE = `for example ${EXAMPLE_HOST}`;

function refuse(problem: HostProblem, values: Record<string, string>, message: string): HostInput {
  return { ok: false, message, problem, values };
}

/**
 * What the creator typed as another impact.com address → its origin. Accepted:
 * `partners.example.com`, `https://partners.example.com`, `https://partners.example.com/`
 * (any letter case, spaces around). Refused, each with a message that says why: http and
 * other schemes, IP addresses, localhost and names without a dot, paths, queries, ports,
 * user names, wildcards, and any character outside a–z, 0–9, dot and hyphen (non-ASCII
 * look-alikes, and their `xn--` form).
 */
export function parseHostInput(typed: string): HostInput {
  const text = typed.trim();
  if (!text) return refuse('empty', {}, `Enter an address, ${EXAMPLE}.`);
  if (text.length > 300) return refuse('tooLong', {}, 'This address is too long.');
  // Look-alikes first: "аpp.impact.com" with a Cyrillic "а" must never become something else.
  if (/[^\x21-\x7e]/.test(text)) {
    return refuse('lookAlike', { text }, `"${text}" contains characters other than plain letters (a–z), digits, dots and hyphens, which can imitate another address. Type the address in plain letters.`);
  }
  let rest = text;
  const scheme = /^([a-z][a-z0-9+.-]*):(\/\/)?/i.exec(rest);
  if (scheme && (scheme[2] || !/^\d+$/.test(rest.slice(scheme[0].length)))) {
    if (scheme[1]!.toLowerCase() !== 'https') {
      return refuse('notHttps', { text }, `Only https addresses can be allowed: "${text}" is not one. Enter the address, ${EXAMPLE}.`);
    }
    if (!scheme[2]) return refuse('invalidEnter', { text }, `"${text}" is not a valid address: enter the address, ${EXAMPLE}.`);
    rest = rest.slice(scheme[0].length);
  }
  if (rest.endsWith('/')) rest = rest.slice(0, -1);
  if (rest.includes('*')) return refuse('wildcard', {}, `Wildcards (*) are not allowed: enter one address, ${EXAMPLE}.`);
  if (rest.includes('@')) return refuse('userName', {}, `An address with a user name ("@") is not allowed: enter the address only, ${EXAMPLE}.`);
  if (/[/?#\\]/.test(rest)) return refuse('path', { text }, `Enter the address only, without a path: ${EXAMPLE} (not "${text}").`);
  if (rest.startsWith('[') || /^[\d.]+(:\d+)?$/.test(rest)) return refuse('ip', {}, `IP addresses are not allowed: enter the address's name, ${EXAMPLE}.`);
  const bare = rest.split(':')[0]!.toLowerCase();
  if (bare === 'localhost' || bare.endsWith('.localhost')) return refuse('localhost', { host: bare }, `"${bare}" is this computer, not an impact.com address.`);
  if (rest.includes(':')) return refuse('port', { text: rest }, `An address with a port ("${rest}") is not allowed: enter the address only, ${EXAMPLE}.`);
  const host = rest.toLowerCase();
  if (!host.includes('.')) return refuse('noDot', { host }, `"${host}" is not a full address: enter one with a dot, ${EXAMPLE}.`);
  if (/(^|\.)xn--/.test(host)) {
    return refuse('punycode', { host }, `"${host}" is an internationalised (xn--) address, which can imitate another address: only plain letters (a–z) are allowed.`);
  }
  if (!PLAIN_HOSTNAME.test(host)) {
    return refuse('invalidLetters', { host }, `"${host}" is not a valid address: use letters a–z, digits, dots and hyphens, ${EXAMPLE}.`);
  }
  // The URL parser must read the same host back (it would rewrite anything odd).
  if (originOf(`https://${host}/`) !== `https://${host}`) return refuse('invalid', { host }, `"${host}" is not a valid address.`);
  if (host === IMPACT_HOST) return refuse('always', { host: IMPACT_HOST }, `${IMPACT_HOST} is always allowed: there is nothing to add.`);
  return { ok: true, origin: `https://${host}`, host };
}
