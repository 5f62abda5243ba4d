/**
 * Settings of the automatic "Retrieve my post": on/off and the retry delays; which reminders
 * the worker shows (each kind can be switched off); Refresh all every day at a chosen time; after how
 * many days without changes Submitted tasks are archived (utils/tracker/archive.ts). Sent to the
 * background (updateSettings); the form shows what is stored once it comes back. Below it,
 * the other impact.com addresses the creator allows (OtherHosts.tsx).
 */
import { memo, useEffect, useId, useState, type FormEvent } from 'react';
import { useBackground } from '@/components/use-background';
import type { Settings } from '@/utils/tracker/schema';
import { browser } from 'wxt/browser';
import { formatBytes, storageUse, type StorageUse } from '@/utils/storage-use';
import { OtherHosts } from './OtherHosts';
import { formatNumber, t } from '@/utils/i18n';
import { DEFAULT_REMINDER_SETTINGS, REMINDER_KINDS, type ReminderKind } from '@/utils/reminders';
import { isTimeOfDay } from '@/utils/daily-time';
import { ARCHIVE_DAY_CHOICES } from '@/utils/tracker/archive';

/** The archive choices: the usual periods, and the stored one if it is another (set by a tool, an older choice). */
export function archiveChoices(stored: number | null): number[] {
  return stored === null || ARCHIVE_DAY_CHOICES.includes(stored) ? [...ARCHIVE_DAY_CHOICES] : [...ARCHIVE_DAY_CHOICES, stored].sort((a, b) => a - b);
}

export type DelaysCheck = { ok: true; minutes: number[] } | { ok: false; message: string };

/** "2, 5, 15" → [2, 5, 15]; each delay above 0 and at most 24 hours (fractions allowed), at most 50 of them. */
export function parseDelays(text: string): DelaysCheck {
  const parts = text.split(/[,;\s]+/).filter(Boolean);
  if (parts.length === 0) return { ok: false, message: t('settings.delaysEmpty') };
  if (parts.length > 50) return { ok: false, message: t('settings.delaysTooMany') };
  const minutes: number[] = [];
  for (const part of parts) {
    const n = Number(part);
    if (!Number.isFinite(n) || n <= 0 || n > 24 * 60) {
      return { ok: false, message: t('settings.delayInvalid', { part }) };
    }
    minutes.push(n);
  }
  return { ok: true, minutes };
}

/** Space the extension's storage uses: measured when Settings opens and as the task count changes. */
function StorageSpace({ total }: { total: number }) {
  const [use, setUse] = useState<StorageUse | null>(null);
  useEffect(() => {
    let live = true;
    // A moment after the count settles: the estimate (Firefox) reads every task.
    const timer = setTimeout(() => {
      storageUse(browser.storage.local as never)
        .then((u) => live && setUse(u))
        .catch(() => undefined);
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [total]);
  return (
    <p className="muted" aria-live="polite">
      {t('settings.storage', {
        size: use ? (use.estimated ? t('settings.estimated', { size: formatBytes(use.bytes) }) : formatBytes(use.bytes)) : '…',
        tasks: t('overview.tasks', total, { count: formatNumber(total) }),
      })}
    </p>
  );
}

/** What each reminder switch says (the times are utils/reminders.ts DEFAULT_REMINDER_SETTINGS). */
function reminderLabel(kind: ReminderKind): string {
  switch (kind) {
    case 'dueSoon': {
      const days = DEFAULT_REMINDER_SETTINGS.daysBefore;
      return t('settings.remindDueSoon', days, { count: formatNumber(days) });
    }
    case 'dueToday':
      return t('settings.remindDueToday');
    case 'postedNotSubmitted':
      return t('settings.remindPosted');
    case 'authorizationEnds':
      return t('settings.remindAuthorization');
  }
}

/** Memoized: the overview re-renders on every search keystroke, which changes nothing here. */
export const SettingsForm = memo(function SettingsForm({ settings, total = 0 }: { settings: Settings; total?: number }) {
  const id = useId();
  const { send, error } = useBackground();
  const [autoRetrieve, setAutoRetrieve] = useState(settings.autoRetrieve);
  const [delays, setDelays] = useState(settings.retry.delaysMinutes.join(', '));
  const [giveUp, setGiveUp] = useState(String(settings.retry.giveUpAfterHours));
  const [reminders, setReminders] = useState(settings.reminders);
  const [daily, setDaily] = useState(settings.dailyRefresh);
  const [archiveDays, setArchiveDays] = useState(settings.archiveAfterDays);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string }>();

  // Show the stored values whenever they change (saved here or elsewhere).
  useEffect(() => {
    setAutoRetrieve(settings.autoRetrieve);
    setDelays(settings.retry.delaysMinutes.join(', '));
    setGiveUp(String(settings.retry.giveUpAfterHours));
    setReminders(settings.reminders);
    setDaily(settings.dailyRefresh);
    setArchiveDays(settings.archiveAfterDays);
  }, [settings]);

  async function save(event: FormEvent) {
    event.preventDefault();
    const parsed = parseDelays(delays);
    if (!parsed.ok) return setMessage({ kind: 'error', text: parsed.message });
    const hours = Number(giveUp);
    if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 14) {
      return setMessage({ kind: 'error', text: t('settings.giveUpInvalid') });
    }
    if (daily.enabled && !isTimeOfDay(daily.time)) return setMessage({ kind: 'error', text: t('settings.dailyTimeInvalid') });
    const reply = await send({
      type: 'updateSettings',
      settings: { autoRetrieve, retry: { delaysMinutes: parsed.minutes, giveUpAfterHours: hours }, reminders, dailyRefresh: daily, archiveAfterDays: archiveDays },
    });
    setMessage(reply.ok ? { kind: 'ok', text: t('settings.saved') } : undefined);
  }

  return (
    <section className="settings" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('settings.title')}</h2>
      <form onSubmit={save}>
        <label className="inline">
          <input type="checkbox" checked={autoRetrieve} onChange={(e) => setAutoRetrieve(e.currentTarget.checked)} />
          {t('settings.autoRetrieve')}
        </label>
        <label>
          {t('settings.delays')}
          <input type="text" inputMode="numeric" value={delays} onChange={(e) => setDelays(e.currentTarget.value)} />
        </label>
        <label>
          {t('settings.giveUp')}
          <input type="number" min={1} max={336} value={giveUp} onChange={(e) => setGiveUp(e.currentTarget.value)} />
        </label>
        {/* One switch a row, far enough apart for a finger or a shaky pointer (axe target-size: the
            checkboxes are 15 px). Styled here rather than in overview.css, which the table's work shares. */}
        <fieldset style={{ display: 'flex', flexDirection: 'column', gap: 'var(--space-5)' }}>
          <legend>{t('settings.reminders')}</legend>
          {REMINDER_KINDS.map((kind) => (
            <label className="inline" key={kind}>
              <input type="checkbox" checked={reminders[kind]} onChange={(e) => setReminders({ ...reminders, [kind]: e.currentTarget.checked })} />
              {reminderLabel(kind)}
            </label>
          ))}
        </fieldset>
        <fieldset style={{ display: 'flex', flexDirection: 'column', gap: 'var(--space-5)' }}>
          <legend>{t('settings.dailyRefresh')}</legend>
          <label className="inline">
            <input type="checkbox" checked={daily.enabled} onChange={(e) => setDaily({ ...daily, enabled: e.currentTarget.checked })} />
            {t('settings.dailyRefreshOn')}
          </label>
          <label>
            {t('settings.dailyRefreshTime')}
            <input type="time" value={daily.time} disabled={!daily.enabled} onChange={(e) => setDaily({ ...daily, time: e.currentTarget.value })} />
          </label>
        </fieldset>
        <label>
          {t('settings.archive')}
          <select
            value={archiveDays === null ? 'never' : String(archiveDays)}
            aria-describedby={`${id}-archive-hint`}
            onChange={(e) => setArchiveDays(e.currentTarget.value === 'never' ? null : Number(e.currentTarget.value))}
          >
            {archiveChoices(settings.archiveAfterDays).map((days) => (
              <option key={days} value={String(days)}>
                {t('settings.archiveAfter', days, { count: formatNumber(days) })}
              </option>
            ))}
            <option value="never">{t('settings.archiveNever')}</option>
          </select>
        </label>
        <p id={`${id}-archive-hint`} className="muted hint">
          {t('settings.archiveHint')}
        </p>
        <button type="submit">{t('settings.save')}</button>
        <span role="status" aria-live="polite">
          {message?.kind === 'ok' ? message.text : ''}
        </span>
        {(message?.kind === 'error' || error) && (
          <p role="alert" className="alert">
            {message?.kind === 'error' ? message.text : error}
          </p>
        )}
      </form>
      <StorageSpace total={total} />
      <OtherHosts />
    </section>
  );
});
