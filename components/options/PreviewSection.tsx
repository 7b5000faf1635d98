import { PREVIEW_LIMIT } from '@/utils/preview/types';
import { t } from './i18n';
import type { OptionsStore } from './store';

/** The dry run: what the rules on the page would have done to the latest orders and deals. */
export function PreviewSection({ store, disabled }: { store: OptionsStore; disabled: boolean }) {
  const { state, result, error } = store.preview.value;
  return (
    <section class="db-section" data-dealbridge="preview" aria-labelledby="db-preview-title">
      <h2 id="db-preview-title">{t('previewTitle')}</h2>
      <p class="db-intro">{t('previewIntro', { limit: PREVIEW_LIMIT })}</p>
      <button
        type="button"
        class="db-button"
        data-dealbridge="preview-run"
        disabled={disabled || state === 'running'}
        onClick={() => void store.runPreview()}
      >
        {t('previewRun')}
      </button>
      <div aria-live="polite" data-dealbridge="preview-status">
        {state === 'running' ? <p>{t('previewRunning')}</p> : null}
        {state === 'error' ? <p class="db-error-text">{t('previewFailed', { message: error ?? '' })}</p> : null}
        {state === 'done' && result && result.changes.length === 0 ? (
          <p data-dealbridge="preview-empty">
            {t('previewNone', { orders: result.ordersExamined, deals: result.dealsExamined })}
          </p>
        ) : null}
        {state === 'done' && result && result.changes.length > 0 ? (
          <p>
            {t('previewSummary', {
              count: result.changes.length,
              orders: result.ordersExamined,
              deals: result.dealsExamined,
            })}
          </p>
        ) : null}
        {store.previewStale.value && state === 'done' ? <p class="db-muted">{t('previewStale')}</p> : null}
      </div>
      {state === 'done' && result && result.changes.length > 0 ? (
        <table class="db-preview" data-dealbridge="preview-results">
          <thead>
            <tr>
              <th scope="col">{t('previewOrder')}</th>
              <th scope="col">{t('previewDeal')}</th>
              <th scope="col">{t('previewEffect')}</th>
              <th scope="col">{t('previewReason')}</th>
            </tr>
          </thead>
          <tbody>
            {result.changes.map((change, index) => (
              <tr
                key={index}
                data-dealbridge="preview-change"
                data-side={change.side}
                data-outcome={change.outcome}
                data-order-id={change.orderId ?? ''}
                data-deal-id={change.dealId ?? ''}
              >
                <td>{change.orderNumber ?? (change.orderId !== null ? `#${change.orderId}` : '—')}</td>
                <td>{change.dealName ?? (change.dealId !== null ? `#${change.dealId}` : '—')}</td>
                <td>
                  {change.effect}
                  {change.outcome === 'problem' ? <span class="db-warning-text"> ({t('previewProblem')})</span> : null}
                </td>
                <td>{change.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {state === 'done' && result && result.notes.length > 0 ? (
        <ul class="db-muted">
          {result.notes.map((note, index) => (
            <li key={index}>{note}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
