/**
 * A button that copies exactly `text` and announces "Copied" in a live region, so that a
 * screen-reader user hears the result without the focus moving.
 */
import { useEffect, useRef, useState } from 'react';
import { t } from '@/utils/i18n';

export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export function CopyButton({
  text,
  label,
  onCopied,
  copiedMessage,
  disabled,
  className,
}: {
  text: string | (() => string);
  label: string;
  onCopied?: () => void;
  copiedMessage?: string;
  disabled?: boolean;
  /** 'primary' when copying is the creator's next step. */
  className?: string;
}) {
  const [status, setStatus] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  async function copy() {
    const ok = await copyText(typeof text === 'function' ? text() : text);
    setStatus(ok ? (copiedMessage ?? t('action.copied')) : t('action.copyFailed'));
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setStatus(''), 4000);
    if (ok) onCopied?.();
  }

  return (
    <span className="copy">
      <button type="button" className={className} onClick={copy} disabled={disabled}>
        {label}
      </button>
      <span className="copy-status" role="status" aria-live="polite">
        {status}
      </span>
    </span>
  );
}
