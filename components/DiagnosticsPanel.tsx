/**
 * "Diagnostics": what the content script found on the active impact.com tab (tiles, TikTok
 * tiles, TTCM sections, links), so that a page the extension does not understand is
 * visible instead of silently doing nothing.
 */
import { useState } from 'react';
import { sendToTab, type Diagnostics } from '@/utils/messages';
import { pageActionsPost } from '@/utils/background/tabs-browser';
import { isImpactUrl } from '@/utils/page/hosts';
import { readGrantedOrigins } from '@/utils/hosts-browser';
import { formatNumber, t } from '@/utils/i18n';
import { replyErrorText } from '@/utils/reply-error';
import { noteWords, pageKindWords } from '@/utils/page/diagnostic-notes';

export interface ActiveTab {
  id?: number;
  url?: string;
}

type Result = { kind: 'loading' } | { kind: 'notImpact' } | { kind: 'failed'; message: string } | { kind: 'found'; found: Diagnostics };

/** Asks the tab's content script: on app.impact.com, or another impact.com address the creator allowed. */
export async function askDiagnostics(tab: ActiveTab | undefined, granted?: readonly string[]): Promise<Result> {
  if (!tab?.url || tab.id === undefined) return { kind: 'notImpact' };
  if (!isImpactUrl(tab.url, granted ?? (await readGrantedOrigins()))) return { kind: 'notImpact' };
  // The diagnostics' code is in the page actions, not in the content script of every page: injected first.
  const reply = await sendToTab(tab.id, { type: 'getDiagnostics' }, pageActionsPost(tab.id));
  return reply.ok ? { kind: 'found', found: reply.value } : { kind: 'failed', message: t('diagnostics.noAnswer', { error: replyErrorText(reply) }) };
}

export function DiagnosticsPanel({ tab }: { tab: ActiveTab | undefined }) {
  const [result, setResult] = useState<Result>();

  async function check() {
    setResult({ kind: 'loading' });
    setResult(await askDiagnostics(tab));
  }

  return (
    <details
      className="diagnostics"
      onToggle={(e) => {
        if (e.currentTarget.open && !result) void check();
      }}
    >
      <summary>{t('diagnostics.title')}</summary>
      <div role="status" aria-live="polite">
        {result?.kind === 'loading' && <p>{t('diagnostics.checking')}</p>}
        {result?.kind === 'notImpact' && <p>{t('diagnostics.notImpact')}</p>}
        {result?.kind === 'failed' && <p>{result.message}</p>}
        {result?.kind === 'found' && <DiagnosticsList found={result.found} />}
      </div>
      {result && result.kind !== 'loading' && (
        <button type="button" onClick={() => void check()}>
          {t('diagnostics.checkAgain')}
        </button>
      )}
    </details>
  );
}

function DiagnosticsList({ found }: { found: Diagnostics }) {
  const rows: [string, string | number][] = [
    [t('diagnostics.page'), pageKindWords(found.page)],
    [t('diagnostics.tiles'), formatNumber(found.tiles)],
    [t('diagnostics.tiktokTiles'), formatNumber(found.tiktokTiles)],
    [t('diagnostics.ttcmSections'), formatNumber(found.ttcmSections)],
    [t('diagnostics.validLinks'), formatNumber(found.inviteLinks.valid)],
    [t('diagnostics.refusedLinks'), formatNumber(found.inviteLinks.invalid)],
    [t('diagnostics.codes'), formatNumber(found.campaignCodes)],
  ];
  return (
    <>
      <dl className="diagnostics-list">
        {rows.map(([name, value]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {found.problems.length > 0 ? (
        <>
          <h3>{t('diagnostics.problems')}</h3>
          <ul>
            {found.problems.map((p, i) => (
              <li key={i}>{noteWords(p)}</li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t('diagnostics.noProblems')}</p>
      )}
    </>
  );
}
