/**
 * What we accept as a TikTok invite link or campaign code before offering to copy it or
 * turn it into a QR code. A creator scans the QR code with a phone and trusts what opens,
 * so anything that is not plainly an https link on a TikTok host is refused with a reason
 * (in the interface language: locales/*.yml `linkCheck.*`).
 */
import { t } from './i18n';
import { fold } from './page/text';

/** Whether a reason already says "not a TikTok link" (in the interface language), or needs it said. */
export function saysNotTikTokLink(reason: string): boolean {
  return fold(reason).includes(fold(t('linkCheck.notTikTokPhrase')));
}

/**
 * Exact host names (no suffix matching, so `tiktok.com.evil.example` and
 * `eviltiktok.com` are out). TTCM invite links have been seen on the short-link hosts and
 * on www; the others are TikTok's own creator/business hosts.
 */
export const TIKTOK_HOSTS: readonly string[] = [
  'tiktok.com',
  'www.tiktok.com',
  'm.tiktok.com',
  'vt.tiktok.com',
  'vm.tiktok.com',
  'creatormarketplace.tiktok.com',
  'one.tiktok.com',
  'ads.tiktok.com',
  'business.tiktok.com',
];

export const MAX_LINK_LENGTH = 2048;
export const MAX_CODE_LENGTH = 64;

export type Checked =
  | { ok: true; value: string }
  | { ok: false; reason: string };

/**
 * Characters no link or code of ours contains: control characters, and invisible "format"
 * characters that survive a copy from a web page (zero-width spaces, the byte-order mark,
 * soft hyphens) or reorder what is displayed (bidi overrides such as U+202E).
 */
const HIDDEN = /[\p{Cc}\p{Cf}\u2028\u2029]/u;
const EDGE_HIDDEN = /^[\s\p{Cc}\p{Cf}]+|[\s\p{Cc}\p{Cf}]+$/gu;

export function cleanValue(raw: string): string {
  return raw.replace(EDGE_HIDDEN, '');
}

/**
 * The address is written the plain way, so every URL parser reads the same host from it:
 * `https://` + the host itself + `/`, `?`, `#` or the end, printable ASCII only, no backslash.
 * Browsers repair `https:\\host`, `https:/host`, full-width dots and look-alike letters,
 * but a phone's QR scanner or the TikTok app may not, or may read another host
 * (`https://www.tiktok.com\@evil.example/` is evil.example to some parsers).
 */
function isPlainHttpsAddress(text: string, hostname: string): boolean {
  if (!/^[\x21-\x7E]+$/.test(text) || text.includes('\\')) return false;
  const prefix = `https://${hostname}`;
  if (text.slice(0, prefix.length).toLowerCase() !== prefix) return false;
  const rest = text.slice(prefix.length);
  return rest === '' || /^[/?#]/.test(rest);
}

export function checkInviteLink(raw: string | null | undefined): Checked {
  const text = cleanValue(raw ?? '');
  if (!text) return { ok: false, reason: t('linkCheck.empty') };
  if (text.length > MAX_LINK_LENGTH) return { ok: false, reason: t('linkCheck.tooLong') };
  if (/\s/.test(text)) {
    const links = text.split(/\s+/).filter((part) => /^[a-z][a-z0-9+.-]*:/i.test(part));
    return {
      ok: false,
      reason:
        links.length > 1 ? t('linkCheck.severalLinks') : t('linkCheck.spaces'),
    };
  }
  if (HIDDEN.test(text)) {
    return { ok: false, reason: t('linkCheck.hidden') };
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: t('linkCheck.notWebAddress') };
  }
  // A web address on another host: the host is the real problem (fixing the scheme would not
  // make it TikTok's), so it is named first, the scheme after it.
  if (url.protocol === 'http:' && url.hostname && !TIKTOK_HOSTS.includes(url.hostname)) {
    return { ok: false, reason: t('linkCheck.otherHostHttp', { host: url.hostname }) };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: t('linkCheck.scheme', { scheme: url.protocol.replace(':', '') }) };
  if (url.username || url.password) return { ok: false, reason: t('linkCheck.userName') };
  if (url.port) return { ok: false, reason: t('linkCheck.port') };
  if (!TIKTOK_HOSTS.includes(url.hostname)) return { ok: false, reason: t('linkCheck.otherHost', { host: url.hostname }) };
  if (!isPlainHttpsAddress(text, url.hostname)) {
    return { ok: false, reason: t('linkCheck.lookAlike') };
  }
  // A posted video (the deliverable, shown once retrieved) is never the campaign's invite.
  if (/^\/@[^/]+\/video\/\d+/.test(url.pathname)) {
    return { ok: false, reason: t('linkCheck.postedVideo') };
  }
  // Return the text as the page showed it (trimmed): that is what the creator expects on the clipboard.
  return { ok: true, value: text };
}

export function checkCampaignCode(raw: string | null | undefined): Checked {
  const text = cleanValue(raw ?? '');
  if (!text) return { ok: false, reason: t('linkCheck.codeEmpty') };
  if (text.length > MAX_CODE_LENGTH) return { ok: false, reason: t('linkCheck.codeTooLong') };
  if (/[\s<>"'`]/.test(text) || HIDDEN.test(text)) {
    return { ok: false, reason: t('linkCheck.codeChars') };
  }
  return { ok: true, value: text };
}
