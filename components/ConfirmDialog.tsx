/**
 * A modal confirmation: a title that says what will happen to how many tasks, the details,
 * the confirming button and Cancel. The browser's own modal <dialog> (showModal: top layer,
 * the page behind inert, its ::backdrop), like the QR dialog (overlay/qr-dialog.ts). Focus
 * starts on Cancel (the safe choice) and returns to the element that had it; Escape, Cancel
 * and a click outside cancel.
 */
import { useEffect, useEffectEvent, useId, useRef, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { t } from '@/utils/i18n';

export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
}: {
  title: string;
  children?: ReactNode;
  /** undefined: nothing to confirm, only Cancel. */
  confirmLabel?: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const titleId = useId();
  const bodyId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const cancel = useEffectEvent(onCancel);

  useEffect(() => {
    const box = dialog.current;
    if (!box) return;
    const opener = document.activeElement;
    // jsdom has no showModal (nor the top layer): there the dialog is only shown.
    if (typeof box.showModal === 'function') box.showModal();
    else box.setAttribute('open', '');
    cancelButton.current?.focus();
    // The browser's cancel: Escape through its close watcher. Kept open until the owner closes it.
    const onCancelEvent = (event: Event) => {
      event.preventDefault();
      cancel();
    };
    box.addEventListener('cancel', onCancelEvent);
    return () => {
      box.removeEventListener('cancel', onCancelEvent);
      if (box.open && typeof box.close === 'function') box.close();
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus({ preventScroll: true });
    };
  }, []);

  /** Escape where the browser sends no cancel event (jsdom); ours alone either way. */
  function onKeyDown(event: KeyboardEvent<HTMLDialogElement>) {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    onCancel();
  }

  /** A click on the backdrop lands on the <dialog> itself, outside its box. */
  function onClick(event: MouseEvent<HTMLDialogElement>) {
    if (event.target !== event.currentTarget) return;
    const r = event.currentTarget.getBoundingClientRect();
    const inside = event.clientX >= r.left && event.clientX <= r.right && event.clientY >= r.top && event.clientY <= r.bottom;
    if (!inside) onCancel();
  }

  return (
    <dialog ref={dialog} className="confirm-dialog" aria-labelledby={titleId} aria-describedby={bodyId} onKeyDown={onKeyDown} onClick={onClick}>
      <h2 id={titleId}>{title}</h2>
      <div id={bodyId}>{children}</div>
      <div className="dialog-buttons">
        {confirmLabel !== undefined && (
          <button type="button" className="primary" onClick={onConfirm}>
            {confirmLabel}
          </button>
        )}
        <button ref={cancelButton} type="button" onClick={onCancel}>
          {t('bulk.cancel')}
        </button>
      </div>
    </dialog>
  );
}
