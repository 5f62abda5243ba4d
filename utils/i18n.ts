/**
 * The extension's own words and formats, in the browser's interface language.
 *
 * Words: `t('area.key', …)` from locales/<lang>.yml through @wxt-dev/i18n (typed keys; the
 * browser picks the language, English when it has no file for it). Plurals: pass the count
 * (`t('x.tasks', n, { count: formatNumber(n) })`); the files hold "one | other" (or
 * "zero | one | other" where 0 takes the singular, as in French; one form in Japanese).
 * Numbers, dates and times: Intl in that same language (`uiLanguage()`).
 *
 * Words of impact.com's and TikTok's own screens are not ours to translate (utils/page/text.ts,
 * the TikTok app's menu names): they are shown as the creator finds them there.
 */
import { i18n } from '#i18n';
import { browser } from 'wxt/browser';

export const t = i18n.t;

/** The browser's interface language as a BCP 47 tag ("fr", "pt-BR", "ja"); "en" when unknown. */
export function uiLanguage(): string {
  try {
    const lang = browser.i18n.getUILanguage?.();
    return typeof lang === 'string' && lang ? lang.replace('_', '-') : 'en';
  } catch {
    return 'en';
  }
}

const numberFormats = new Map<string, Intl.NumberFormat>();
/** 12,345 / 12 345 / 12.345, as the interface language writes it. */
export function formatNumber(n: number): string {
  const lang = uiLanguage();
  let f = numberFormats.get(lang);
  if (!f) numberFormats.set(lang, (f = new Intl.NumberFormat(lang)));
  return f.format(n);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const lang = uiLanguage();
  const id = `${lang}\n${key}`;
  let f = dateFormats.get(id);
  if (!f) dateFormats.set(id, (f = new Intl.DateTimeFormat(lang, options)));
  return f;
}

/** "Dec 15" / "15 déc." / "12月15日": a calendar day given as UTC midnight. */
export function formatShortDay(utcMs: number): string {
  return dateFormat('shortDayUtc', { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(utcMs);
}

/** "Dec 15, 2026" / "15 déc. 2026": a calendar day given as UTC midnight. */
export function formatDay(utcMs: number): string {
  return dateFormat('dayUtc', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(utcMs);
}

/** "14:05" / "2:05 PM", local time. */
export function formatTime(ms: number): string {
  return dateFormat('time', { hour: '2-digit', minute: '2-digit' }).format(ms);
}

/** "Dec 4" in local time. */
export function formatLocalShortDay(ms: number): string {
  return dateFormat('shortDay', { month: 'short', day: 'numeric' }).format(ms);
}

/** "Dec 4, 2026, 14:05", local time. */
export function formatDateTime(ms: number): string {
  return dateFormat('dateTime', { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(ms);
}
