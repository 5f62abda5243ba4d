/**
 * The "Invite link QR code" dialog: a QR code of the invite link to scan with the phone
 * (TikTok wants the link opened there), with the link as text under it. Focus moves into
 * the dialog, stays there, and returns where it was; Escape and Close close it.
 */
import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { QrCode } from './QrCode';
import { qrDialogName, qrHint } from './qr-wording';
import { t } from '@/utils/i18n';

const FOCUSABLE = 'button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])';

export function QrDialog({ link, subject, onClose }: { link: string; subject?: string; onClose: () => void }) {
  const titleId = useId();
  const dialog = useRef<HTMLDivElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    closeButton.current?.focus();
    return () => before?.focus?.();
  }, []);

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onClose();
      return;
    }
    if (event.key !== 'Tab' || !dialog.current) return;
    const items = [...dialog.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }

  return createPortal(
    <div
      className="dialog-backdrop"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
    >
      <div ref={dialog} className="dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} onKeyDown={onKeyDown}>
        <h2 id={titleId}>{qrDialogName()}</h2>
        {/* The same parts and words as the page's dialog (overlay/qr-dialog.ts): campaign · task, the code, the link, how to use it. */}
        {subject && <p className="muted">{subject}</p>}
        <QrCode text={link} label={t('qr.codeLabel')} />
        <p className="qr-link">{link}</p>
        <p className="muted">{qrHint()}</p>
        <button ref={closeButton} type="button" onClick={onClose}>
          {t('action.close')}
        </button>
      </div>
    </div>,
    document.body,
  );
}
