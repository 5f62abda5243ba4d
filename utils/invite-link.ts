/**
 * What we accept as a TikTok invite link or campaign code before offering to copy it or
 * turn it into a QR code. A creator scans the QR code with a phone and trusts what opens,
 * so anything that is not plainly an https link on a TikTok host is refused with a reason.
 */

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

// Whitespace plus the invisible characters that survive a copy from a web page.
const INVISIBLE = /[\s\u200B-\u200D\u2060\uFEFF\u00AD]/;
const EDGE_INVISIBLE = /^[\s\u200B-\u200D\u2060\uFEFF\u00AD]+|[\s\u200B-\u200D\u2060\uFEFF\u00AD]+$/g;

export function cleanValue(raw: string): string {
  return raw.replace(EDGE_INVISIBLE, '');
}

export function checkInviteLink(raw: string | null | undefined): Checked {
  const text = cleanValue(raw ?? '');
  if (!text) return { ok: false, reason: 'The invite link is empty.' };
  if (text.length > MAX_LINK_LENGTH) return { ok: false, reason: 'The invite link is too long to be a TikTok link.' };
  if (INVISIBLE.test(text)) {
    return { ok: false, reason: 'The invite link field holds more than one link, or hidden characters: not a TikTok link we can offer.' };
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'This is not a TikTok link: it is not a web address.' };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: `This is not a TikTok link: it uses ${url.protocol.replace(':', '')}, not https.` };
  if (url.username || url.password) return { ok: false, reason: 'This is not a TikTok link: it hides a user name in the address.' };
  if (url.port) return { ok: false, reason: 'This is not a TikTok link: it names an unusual port.' };
  if (!TIKTOK_HOSTS.includes(url.hostname)) return { ok: false, reason: `This is not a TikTok link: ${url.hostname} is not a TikTok host.` };
  // Return the text as the page showed it (trimmed): that is what the creator expects on the clipboard.
  return { ok: true, value: text };
}

export function checkCampaignCode(raw: string | null | undefined): Checked {
  const text = cleanValue(raw ?? '');
  if (!text) return { ok: false, reason: 'The campaign code is empty.' };
  if (text.length > MAX_CODE_LENGTH) return { ok: false, reason: 'The campaign code is too long to be a TikTok campaign code.' };
  if (/[\s<>"'`]/.test(text) || INVISIBLE.test(text)) {
    return { ok: false, reason: 'The campaign code contains spaces, line breaks or markup: not a code the TikTok app accepts.' };
  }
  return { ok: true, value: text };
}
