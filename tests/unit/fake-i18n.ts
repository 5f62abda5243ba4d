/**
 * browser.i18n for the unit tests (WXT's fake browser leaves it unimplemented): the messages
 * of locales/<lang>.yml as the browser would load them from _locales (the same build step as
 * @wxt-dev/i18n's WXT module), with Chrome's `$1`…`$9` / `$$` substitution. English by
 * default, so tests find controls by the names in ui-contract.md.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generateChromeMessages, parseMessagesText } from '@wxt-dev/i18n/build';
import { fakeBrowser } from 'wxt/testing/fake-browser';

export const LOCALES_DIR = path.resolve(__dirname, '../../locales');

const cache = new Map<string, Record<string, { message: string }>>();

/** The messages.json the build writes for one locale file (name → { message }). */
export function chromeMessages(lang: string): Record<string, { message: string }> {
  let messages = cache.get(lang);
  if (!messages) {
    const text = readFileSync(path.join(LOCALES_DIR, `${lang}.yml`), 'utf8');
    messages = generateChromeMessages(parseMessagesText(text, 'YAML')) as Record<string, { message: string }>;
    cache.set(lang, messages);
  }
  return messages;
}

/** Chrome's getMessage: `$n` takes the n-th substitution, `$$` is a dollar sign. */
export function chromeGetMessage(messages: Record<string, { message: string }>, name: string, substitutions?: string | string[]): string {
  const entry = messages[name];
  if (!entry) return '';
  const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  return entry.message.replace(/\$(\$|[1-9])/g, (_, d: string) => (d === '$' ? '$' : (subs[Number(d) - 1] ?? '')));
}

/** Make the fake browser speak `lang` (call again after fakeBrowser.reset()). */
export function installFakeI18n(lang = 'en'): void {
  const messages = chromeMessages(lang);
  const i18n = fakeBrowser.i18n as unknown as Record<string, unknown>;
  i18n.getMessage = (name: string, substitutions?: string | string[]) => chromeGetMessage(messages, name, substitutions);
  i18n.getUILanguage = () => lang.replace('_', '-');
}
