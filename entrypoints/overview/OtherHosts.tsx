/**
 * Settings → "Other impact.com addresses": the creator pages are also served on
 * member.impactradius.com and on white-label hosts. Each is an optional host permission that
 * the creator grants here (the browser asks to confirm) and can remove again; the background
 * then runs the content script there, or stops (utils/background/host-scripts.ts).
 *
 * `permissions.request` must be called in the click's own handler (the browsers accept it
 * only during a user gesture): the typed address is checked synchronously (utils/page/hosts.ts)
 * and nothing is awaited before the request.
 */
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { browser } from 'wxt/browser';
import { useBackground } from '@/components/use-background';
import { hostOf, IMPACT_HOST, LEGACY_IMPACT_HOST, originPattern, parseHostInput, type HostInput } from '@/utils/page/hosts';
import { readGrantedOrigins } from '@/utils/hosts-browser';
import type { HostSyncResult } from '@/utils/background/host-scripts';
import { t } from '@/utils/i18n';
import { replyErrorText } from '@/utils/reply-error';

const LEGACY_ORIGIN = `https://${LEGACY_IMPACT_HOST}`;

type Message = { kind: 'ok' | 'error'; text: string };

const reason = (error: unknown) => String((error as Error)?.message ?? error);

/** The background's answer to hostsChanged, as far as this page needs it. */
function syncProblems(value: unknown): string[] {
  const problems = (value as Partial<HostSyncResult> | null)?.problems;
  return Array.isArray(problems) ? problems.filter((p): p is string => typeof p === 'string') : [];
}

/** Why a typed address is refused, in the interface language (utils/page/hosts.ts gives the reason). */
export function hostProblemText(refused: Extract<HostInput, { ok: false }>): string {
  const say = t as unknown as (key: string, values: Record<string, string>) => string;
  return say(`hostInput.${refused.problem}`, { ...refused.values, example: t('hostInput.example', { host: 'partners.example.com' }) });
}

export function OtherHosts() {
  const id = useId();
  const { send } = useBackground();
  const [granted, setGranted] = useState<string[]>([]);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message>();

  const refresh = useCallback(async () => setGranted(await readGrantedOrigins()), []);

  useEffect(() => {
    void refresh();
    // Granted or removed elsewhere too (the browser's own extension settings, another page).
    const changed = () => void refresh();
    try {
      browser.permissions.onAdded.addListener(changed);
      browser.permissions.onRemoved.addListener(changed);
    } catch {
      return undefined;
    }
    return () => {
      browser.permissions.onAdded.removeListener(changed);
      browser.permissions.onRemoved.removeListener(changed);
    };
  }, [refresh]);

  /** Tell the background, then say what happened. */
  async function afterChange(done: string): Promise<void> {
    await refresh();
    const reply = await send({ type: 'hostsChanged' });
    const problems = reply.ok ? syncProblems(reply.value) : [replyErrorText(reply)];
    setMessage(problems.length ? { kind: 'error', text: t('hosts.but', { done, problems: problems.join(' ') }) } : { kind: 'ok', text: done });
  }

  /** Called straight from the click or submit: the request is the first thing that happens. */
  function allow(origin: string): void {
    const host = hostOf(origin);
    let asked: Promise<boolean>;
    try {
      asked = browser.permissions.request({ origins: [originPattern(origin)] });
    } catch (error) {
      setMessage({ kind: 'error', text: t('hosts.askFailed', { host, reason: reason(error) }) });
      return;
    }
    setBusy(true);
    setMessage(undefined);
    void asked
      .then(async (ok) => {
        if (!ok) return setMessage({ kind: 'error', text: t('hosts.declined', { host }) });
        if (origin !== LEGACY_ORIGIN) setTyped('');
        await afterChange(t('hosts.nowAllowed', { host }));
      })
      .catch((error: unknown) => setMessage({ kind: 'error', text: t('hosts.allowFailed', { host, reason: reason(error) }) }))
      .finally(() => setBusy(false));
  }

  function allowTyped(event: FormEvent): void {
    event.preventDefault();
    const parsed = parseHostInput(typed);
    if (!parsed.ok) return setMessage({ kind: 'error', text: hostProblemText(parsed) });
    if (granted.includes(parsed.origin)) return setMessage({ kind: 'ok', text: t('hosts.already', { host: parsed.host }) });
    allow(parsed.origin);
  }

  function remove(origin: string): void {
    const host = hostOf(origin);
    let removed: Promise<boolean>;
    try {
      removed = browser.permissions.remove({ origins: [originPattern(origin)] });
    } catch (error) {
      setMessage({ kind: 'error', text: t('hosts.removeFailed', { host, reason: reason(error) }) });
      return;
    }
    setBusy(true);
    setMessage(undefined);
    void removed
      .then(async (ok) => {
        if (!ok) return setMessage({ kind: 'error', text: t('hosts.kept', { host }) });
        await afterChange(t('hosts.removed', { host }));
      })
      .catch((error: unknown) => setMessage({ kind: 'error', text: t('hosts.removeFailed', { host, reason: reason(error) }) }))
      .finally(() => setBusy(false));
  }

  const others = granted.filter((o) => o !== LEGACY_ORIGIN);
  const legacyAllowed = granted.includes(LEGACY_ORIGIN);

  return (
    <section className="other-hosts" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('hosts.title')}</h3>
      <p className="muted">{t('hosts.intro', { host: IMPACT_HOST, legacy: LEGACY_IMPACT_HOST })}</p>
      <ul aria-label={t('hosts.list')}>
        <li>
          <span className="host">{LEGACY_IMPACT_HOST}</span>{' '}
          {legacyAllowed ? (
            <>
              <span className="muted">{t('hosts.allowed')}</span>{' '}
              <button type="button" aria-label={t('hosts.removeHost', { host: LEGACY_IMPACT_HOST })} disabled={busy} onClick={() => remove(LEGACY_ORIGIN)}>
                {t('hosts.remove')}
              </button>
            </>
          ) : (
            <button type="button" disabled={busy} onClick={() => allow(LEGACY_ORIGIN)}>
              {t('hosts.allowHost', { host: LEGACY_IMPACT_HOST })}
            </button>
          )}
        </li>
        {others.map((origin) => (
          <li key={origin}>
            <span className="host">{hostOf(origin)}</span> <span className="muted">{t('hosts.allowed')}</span>{' '}
            <button type="button" aria-label={t('hosts.removeHost', { host: hostOf(origin) })} disabled={busy} onClick={() => remove(origin)}>
              {t('hosts.remove')}
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={allowTyped}>
        <label>
          {t('hosts.another')}
          <input type="text" inputMode="url" autoComplete="off" spellCheck={false} placeholder="partners.example.com" value={typed} onChange={(e) => setTyped(e.currentTarget.value)} />
        </label>
        <button type="submit" disabled={busy}>
          {t('hosts.allowAddress')}
        </button>
      </form>
      <span role="status" aria-live="polite">
        {message?.kind === 'ok' ? message.text : ''}
      </span>
      {message?.kind === 'error' && (
        <p role="alert" className="alert">
          {message.text}
        </p>
      )}
    </section>
  );
}
