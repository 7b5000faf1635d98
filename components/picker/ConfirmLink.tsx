import { useEffect, useRef } from 'preact/hooks';
import { tc } from './i18n';

/**
 * What a click on "Link" will link, side by side, before it is linked: Webasyst has no
 * way to undo a link (no API clears a deal's external_id), so both pickers stop here.
 * "Link" has the focus (Enter links, Tab reaches "Back"); Escape is the panel's "Back".
 */
export function ConfirmLink({
  orderNumber,
  dealName,
  busy,
  onConfirm,
  onBack,
}: {
  orderNumber: string;
  dealName: string;
  busy: boolean;
  onConfirm: () => void;
  onBack: () => void;
}) {
  const link = useRef<HTMLButtonElement>(null);
  useEffect(() => link.current?.focus(), []);
  return (
    <fieldset class="db-confirm" aria-label={tc('title')} data-dealbridge="link-summary">
      <p class="db-confirm-title">{tc('title')}</p>
      <p class="db-confirm-pair">
        <span class="db-confirm-side">
          <span class="db-hint">{tc('order')}</span> <strong data-dealbridge="summary-order">{orderNumber}</strong>
        </span>
        <span class="db-confirm-arrow" aria-hidden="true">
          ↔
        </span>
        <span class="db-confirm-side">
          <span class="db-hint">{tc('deal')}</span> <strong data-dealbridge="summary-deal">{dealName}</strong>
        </span>
      </p>
      <p class="db-hint">{tc('permanent')}</p>
      <div class="db-confirm-actions">
        <button
          ref={link}
          type="button"
          class="db-button db-primary"
          disabled={busy}
          onClick={onConfirm}
          data-dealbridge="confirm-link"
        >
          {busy ? tc('linking') : tc('link')}
        </button>
        <button type="button" class="db-button" disabled={busy} onClick={onBack} data-dealbridge="cancel-link">
          {tc('back')}
        </button>
      </div>
    </fieldset>
  );
}
