/** The popup's keyboard shortcuts line: what is bound now, and where to change it. */
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { shortcutLines, shortcutSettings, type CommandInfo } from './shortcuts';
import { t } from '@/utils/i18n';

export function Shortcuts() {
  const [commands, setCommands] = useState<CommandInfo[] | null>(null);
  useEffect(() => {
    let live = true;
    Promise.resolve()
      .then(() => browser.commands.getAll())
      .then((all) => live && setCommands(all))
      .catch(() => live && setCommands([]));
    return () => {
      live = false;
    };
  }, []);
  if (!commands) return null;
  const settings = shortcutSettings(browser.runtime.getURL('/').startsWith('moz-extension:'));
  return (
    <section className="shortcuts" aria-labelledby="shortcuts-title">
      <h2 id="shortcuts-title">{t('shortcuts.title')}</h2>
      <ul>
        {shortcutLines(commands).map((line) => (
          <li key={line.name}>
            {line.keys ? <kbd>{line.keys}</kbd> : <span className="muted">{t('shortcuts.notSet')}</span>} {line.label}
          </li>
        ))}
      </ul>
      {settings.url ? (
        <a
          href={settings.url}
          onClick={(e) => {
            e.preventDefault();
            void browser.tabs.create({ url: settings.url });
          }}
        >
          {settings.text}
        </a>
      ) : (
        <p className="muted">{settings.text}</p>
      )}
    </section>
  );
}
