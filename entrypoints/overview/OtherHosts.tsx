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
import { hostOf, IMPACT_HOST, LEGACY_IMPACT_HOST, originPattern, parseHostInput } from '@/utils/page/hosts';
import { readGrantedOrigins } from '@/utils/hosts-browser';
import type { HostSyncResult } from '@/utils/background/host-scripts';

const LEGACY_ORIGIN = `https://${LEGACY_IMPACT_HOST}`;

type Message = { kind: 'ok' | 'error'; text: string };

const reason = (error: unknown) => String((error as Error)?.message ?? error);

/** The background's answer to hostsChanged, as far as this page needs it. */
function syncProblems(value: unknown): string[] {
  const problems = (value as Partial<HostSyncResult> | null)?.problems;
  return Array.isArray(problems) ? problems.filter((p): p is string => typeof p === 'string') : [];
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
    const problems = reply.ok ? syncProblems(reply.value) : [reply.error];
    setMessage(problems.length ? { kind: 'error', text: `${done} But: ${problems.join(' ')}` } : { kind: 'ok', text: done });
  }

  /** Called straight from the click or submit: the request is the first thing that happens. */
  function allow(origin: string): void {
    const host = hostOf(origin);
    let asked: Promise<boolean>;
    try {
      asked = browser.permissions.request({ origins: [originPattern(origin)] });
    } catch (error) {
      setMessage({ kind: 'error', text: `Could not ask to allow ${host}: ${reason(error)}` });
      return;
    }
    setBusy(true);
    setMessage(undefined);
    void asked
      .then(async (ok) => {
        if (!ok) return setMessage({ kind: 'error', text: `${host} was not allowed: the browser's request was declined.` });
        if (origin !== LEGACY_ORIGIN) setTyped('');
        await afterChange(`${host} is allowed. Pages there get the helper (an open page may need a reload).`);
      })
      .catch((error: unknown) => setMessage({ kind: 'error', text: `Could not allow ${host}: ${reason(error)}` }))
      .finally(() => setBusy(false));
  }

  function allowTyped(event: FormEvent): void {
    event.preventDefault();
    const parsed = parseHostInput(typed);
    if (!parsed.ok) return setMessage({ kind: 'error', text: parsed.message });
    if (granted.includes(parsed.origin)) return setMessage({ kind: 'ok', text: `${parsed.host} is already allowed.` });
    allow(parsed.origin);
  }

  function remove(origin: string): void {
    const host = hostOf(origin);
    let removed: Promise<boolean>;
    try {
      removed = browser.permissions.remove({ origins: [originPattern(origin)] });
    } catch (error) {
      setMessage({ kind: 'error', text: `Could not remove ${host}: ${reason(error)}` });
      return;
    }
    setBusy(true);
    setMessage(undefined);
    void removed
      .then(async (ok) => {
        if (!ok) return setMessage({ kind: 'error', text: `${host} could not be removed: the browser kept the permission.` });
        await afterChange(`${host} is no longer allowed: the helper does not run there any more (reload its open pages).`);
      })
      .catch((error: unknown) => setMessage({ kind: 'error', text: `Could not remove ${host}: ${reason(error)}` }))
      .finally(() => setBusy(false));
  }

  const others = granted.filter((o) => o !== LEGACY_ORIGIN);
  const legacyAllowed = granted.includes(LEGACY_ORIGIN);

  return (
    <section className="other-hosts" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Other impact.com addresses</h3>
      <p className="muted">
        The helper runs on {IMPACT_HOST}. If your impact.com pages open on another address (the older {LEGACY_IMPACT_HOST}, or your partner&apos;s own
        address), allow it here: your browser asks you to confirm, and you can remove it at any time.
      </p>
      <ul aria-label="Other addresses">
        <li>
          <span className="host">{LEGACY_IMPACT_HOST}</span>{' '}
          {legacyAllowed ? (
            <>
              <span className="muted">allowed</span>{' '}
              <button type="button" aria-label={`Remove ${LEGACY_IMPACT_HOST}`} disabled={busy} onClick={() => remove(LEGACY_ORIGIN)}>
                Remove
              </button>
            </>
          ) : (
            <button type="button" disabled={busy} onClick={() => allow(LEGACY_ORIGIN)}>
              Allow {LEGACY_IMPACT_HOST}
            </button>
          )}
        </li>
        {others.map((origin) => (
          <li key={origin}>
            <span className="host">{hostOf(origin)}</span> <span className="muted">allowed</span>{' '}
            <button type="button" aria-label={`Remove ${hostOf(origin)}`} disabled={busy} onClick={() => remove(origin)}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={allowTyped}>
        <label>
          Another address
          <input type="text" inputMode="url" autoComplete="off" spellCheck={false} placeholder="partners.example.com" value={typed} onChange={(e) => setTyped(e.currentTarget.value)} />
        </label>
        <button type="submit" disabled={busy}>
          Allow address
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
