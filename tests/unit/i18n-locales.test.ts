/**
 * The locale files (locales/<lang>.yml, built into _locales/<lang>/messages.json by
 * @wxt-dev/i18n): every language has every key of English and no other, with the same named
 * placeholders in every form, and plural keys stay plural. Also what the browser shows from
 * them (Chrome's message names and `$` rules) and the English names of ui-contract.md.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseMessagesText } from '@wxt-dev/i18n/build';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { LOCALES_DIR, chromeMessages, installFakeI18n } from './fake-i18n';
import { t, formatNumber } from '../../utils/i18n';
import { STATE_LABELS } from '../../utils/tracker/machine';

/** The languages the extension ships (README "Languages"). */
const REQUIRED = ['en', 'fr', 'es', 'de', 'pt_BR', 'ja'];

type Parsed = ReturnType<typeof parseMessagesText>[number];
const parsed = (lang: string) =>
  new Map(
    parseMessagesText(readFileSync(path.join(LOCALES_DIR, `${lang}.yml`), 'utf8'), 'YAML')
      .filter((m) => !m.key[0]!.startsWith('@@'))
      .map((m) => [m.key.join('.'), m] as const),
  );
const placeholders = (m: Parsed) => [...m.namedSubstitutions].sort();
const forms = (m: Parsed): string[] => (m.type === 'plural' ? Object.values(m.plurals as Record<string, string>) : [(m as { message: string }).message]);

const languages = readdirSync(LOCALES_DIR)
  .filter((f) => f.endsWith('.yml'))
  .map((f) => f.replace(/\.yml$/, ''));
const english = parsed('en');

describe('locale files', () => {
  it('ship at least en, fr, es, de, pt_BR and ja', () => {
    expect(languages).toEqual(expect.arrayContaining(REQUIRED));
  });

  describe.each(languages.filter((l) => l !== 'en'))('%s', (lang) => {
    const messages = parsed(lang);

    it('has exactly the keys of English', () => {
      expect([...messages.keys()].sort()).toEqual([...english.keys()].sort());
    });

    it('has the same named placeholders as English in every form, and the same plural keys', () => {
      for (const [key, en] of english) {
        const m = messages.get(key);
        if (!m) continue;
        expect(m.type === 'plural', `${key}: plural in English, so plural here`).toBe(en.type === 'plural');
        for (const form of forms(m)) {
          expect([...new Set([...form.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((x) => x[1]))].sort(), `${lang} ${key}: "${form}"`).toEqual(placeholders(en));
        }
        // No Chrome positional substitutions or stray "$": named placeholders only.
        for (const form of forms(m)) expect(form, `${lang} ${key}`).not.toMatch(/\$/);
        expect(forms(m).every((f) => f.trim() !== ''), `${lang} ${key} is empty`).toBe(true);
      }
    });

    it('has at most three plural forms, keyed 0, 1 and n', () => {
      for (const [key, m] of messages) {
        if (m.type !== 'plural') continue;
        expect(Object.keys(m.plurals as object).every((k) => ['0', '1', 'n'].includes(k)), key).toBe(true);
        expect(Object.keys(m.plurals as object), key).toContain('n');
      }
    });
  });

  it('English forms use named placeholders only, never "$"', () => {
    for (const [key, m] of english) for (const form of forms(m)) expect(form, key).not.toMatch(/\$/);
  });

  it('give the browser messages.json names it accepts (letters, digits, _)', () => {
    for (const lang of languages) for (const name of Object.keys(chromeMessages(lang))) expect(name).toMatch(/^[A-Za-z0-9_]+$/);
  });
});

describe('what the interface shows', () => {
  it('in English, the names of ui-contract.md', () => {
    expect(t('action.copyInviteLink')).toBe('Copy invite link');
    expect(t('action.copyCampaignCode')).toBe('Copy campaign code');
    expect(t('action.showQr')).toBe('Show QR code');
    expect(t('action.markPosted')).toBe('Mark as posted');
    expect(t('action.retryNow')).toBe('Retry now');
    expect(t('action.openOverview')).toBe('Open overview');
    expect(t('action.copied')).toBe('Copied');
    expect(t('action.close')).toBe('Close');
    expect(t('qr.dialogName')).toBe('Invite link QR code');
    expect(t('overview.search')).toBe('Search');
    expect(t('overview.state')).toBe('State');
    expect(t('overview.exportCsv')).toBe('Export CSV');
    expect(t('recovery.exportBackup')).toBe('Export backup');
    expect(t('overview.importBackup')).toBe('Import backup');
    expect(Object.values(STATE_LABELS)).toEqual(['Not started', 'In progress', 'Posted', 'Retrieving', 'Submitted', 'Retry scheduled', 'Needs attention']);
  });

  it('plurals by count, numbers in the language', () => {
    expect(t('overview.tasks', 1, { count: formatNumber(1) })).toBe('1 task');
    expect(t('overview.tasks', 0, { count: formatNumber(0) })).toBe('0 tasks');
    expect(t('overview.tasks', 12345, { count: formatNumber(12345) })).toBe('12,345 tasks');
    installFakeI18n('fr');
    expect(t('overview.tasks', 0, { count: formatNumber(0) })).toBe('0 tâche');
    expect(t('overview.tasks', 1, { count: formatNumber(1) })).toBe('1 tâche');
    expect(t('overview.tasks', 12345, { count: formatNumber(12345) })).toBe('12\u202f345 tâches');
    expect(STATE_LABELS.notStarted).toBe('Pas commencée');
    installFakeI18n('ja');
    expect(t('overview.tasks', 1, { count: formatNumber(1) })).toBe('1 件のタスク');
    expect(t('overview.tasks', 3, { count: formatNumber(3) })).toBe('3 件のタスク');
  });

  it('page text in a placeholder stays text (no "$" or "{}" games)', () => {
    expect(t('page.copiedLinkOf', { name: 'Caf\u00e9 $1 {name} $$' })).toBe('Copied the invite link of Caf\u00e9 $1 {name} $$');
    expect(fakeBrowser.i18n.getUILanguage()).toBe('en');
  });
});

describe('refused links say "not a TikTok link" in every language', () => {
  // ui-contract.md: the alert contains "not a TikTok link". The page and the popup add it to a
  // reason that does not say it (utils/invite-link.ts saysNotTikTokLink), in the language's words.
  it.each(languages)('%s', (lang) => {
    const m = parsed(lang);
    const phrase = forms(m.get('linkCheck.notTikTokPhrase')!)[0]!.toLowerCase();
    for (const [key, en] of english) {
      if (!key.startsWith('linkCheck.') && key !== 'invite.problem') continue;
      const says = forms(en)[0]!.toLowerCase().includes('not a tiktok link');
      if (key === 'linkCheck.notTikTokPhrase') continue;
      expect(forms(m.get(key)!)[0]!.toLowerCase().includes(phrase), `${lang} ${key}`).toBe(says);
    }
  });
});
