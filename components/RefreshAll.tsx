/**
 * Refresh all, in the popup and the overview: the button, the walk's live progress ("3 of 12
 * campaigns", the campaign being read), Cancel, and the summary of the last walk with its
 * failures. The state is the worker's (`local:refreshAll`, utils/refresh-state.ts), watched.
 */
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { LOCAL_KEY } from '@/utils/storage-keys';
import { currentCampaign, endText, parseRefreshState, progressText, RefreshStartSchema, summaryText, type RefreshState } from '@/utils/refresh-state';
import { useBackground } from './use-background';
import { PARTICIPATING_URL } from './EmptyState';
import { formatNumber, t } from '@/utils/i18n';

/** A failure as listed under the summary: where (campaign › task), then why. */
function failureText(f: { campaign?: string; task?: string; reason: string }): string {
  const where = [f.campaign, f.task].filter(Boolean).join(' › ');
  return where ? t('refresh.failure', { where, reason: f.reason }) : f.reason;
}

interface Stored {
  state?: RefreshState;
  hasStart: boolean;
  loaded: boolean;
}

function useRefreshState(): Stored {
  const [stored, setStored] = useState<Stored>({ hasStart: false, loaded: false });
  useEffect(() => {
    let alive = true;
    const read = async () => {
      const got = await browser.storage.local.get([LOCAL_KEY.refreshAll, LOCAL_KEY.refreshStart]);
      if (!alive) return;
      setStored({ state: parseRefreshState(got[LOCAL_KEY.refreshAll]), hasStart: RefreshStartSchema.safeParse(got[LOCAL_KEY.refreshStart]).success, loaded: true });
    };
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && (LOCAL_KEY.refreshAll in changes || LOCAL_KEY.refreshStart in changes)) void read();
    };
    browser.storage.onChanged.addListener(onChanged);
    void read().catch(() => undefined);
    return () => {
      alive = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, []);
  return stored;
}

export function RefreshAll({ compact = false }: { compact?: boolean }) {
  const { state, hasStart, loaded } = useRefreshState();
  const { send, error } = useBackground();
  const [starting, setStarting] = useState(false);
  const running = state?.status === 'running';
  const current = state ? currentCampaign(state) : undefined;
  const total = state?.campaigns.length ?? 0;

  async function start() {
    setStarting(true);
    try {
      await send({ type: 'refreshAll' });
    } finally {
      setStarting(false);
    }
  }

  return (
    <section className={`refresh-all${compact ? ' compact' : ''}`} aria-label={t('refresh.button')} data-status={state?.status ?? 'none'}>
      <div className="refresh-row">
        {running ? (
          <button type="button" onClick={() => void send({ type: 'cancelRefresh' })}>
            {t('refresh.cancel')}
          </button>
        ) : (
          // Filled in the overview; in the popup the task's next step is the one filled button.
          <button type="button" className={compact ? undefined : 'primary'} disabled={!loaded || starting} onClick={() => void start()}>
            {starting ? t('refresh.starting') : t('refresh.button')}
          </button>
        )}
        <p role="status" className="refresh-progress">
          {running && state ? progressText(state) : ''}
          {running && current ? <span className="refresh-current"> · {t('refresh.current', { name: current })}</span> : null}
        </p>
      </div>
      {running && state?.listed && total > 0 && <progress max={total} value={Math.min(state.next, total)} aria-label={progressText(state)} />}
      {!running && !compact && !state && hasStart && <p className="muted">{t('refresh.explain')}</p>}
      {/* The popup's own first-run text says where to go already (EmptyState). */}
      {loaded && !hasStart && !running && !compact && (
        <p className="muted refresh-help">
          {t('refresh.openOnce')}{' '}
          <button type="button" className="link" onClick={() => void browser.tabs.create({ url: PARTICIPATING_URL })}>
            {t('empty.openParticipating')}
          </button>
        </p>
      )}
      {state && !running && (
        <div className="refresh-summary">
          <p className={state.status === 'stopped' ? 'alert' : undefined} role={state.status === 'stopped' ? 'alert' : undefined}>
            {endText(state)} {summaryText(state)}
          </p>
          {state.failures.length > 0 && (
            <details>
              <summary>{t('refresh.failures', { count: formatNumber(state.failures.length) })}</summary>
              <ul>
                {state.failures.map((f, i) => (
                  <li key={i}>{failureText(f)}</li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
    </section>
  );
}
