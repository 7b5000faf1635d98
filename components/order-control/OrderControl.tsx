import { builtinDisagreement, type ControlState } from './controller';
import { t } from './i18n';
import { StageBadge } from './StageBadge';

export interface OrderControlProps {
  state: ControlState;
  /** Waiting for the order's context or the panel's script (aria-busy at once). */
  busy: boolean;
  /** Show the spinner: the wait has lasted a while (the mount times it). */
  spinner: boolean;
  /** The panel's script could not be loaded (the extension was reloaded or updated). */
  panelFailed: boolean;
  onToggle: () => void;
  /** "Connect Dealbridge": opens Dealbridge's settings. */
  onConnect: () => void;
}

/** The control waits for the order's context, or, once opened, for the panel's script. */
export function isWaiting(state: ControlState, panelLoading: boolean): boolean {
  return state.context.status === 'loading' || (state.open && panelLoading);
}

/**
 * "Deal in CRM" among the order's action buttons: the linked deal's name and stage, or a
 * button that opens the panel. This part ships with order-page.js and uses no hooks (the
 * mount re-renders it on every state change); the panel itself is ./Panel.tsx, loaded on
 * first open.
 */
export function OrderControl({ state, busy, spinner, panelFailed, onToggle, onConnect }: OrderControlProps) {
  if (!state.view) return null;
  const ctx = state.context.status === 'ready' ? state.context.data : null;
  if (ctx && !ctx.connected) {
    // Quiet, one line: where the merchant is, the one thing to do.
    return (
      <button
        type="button"
        class="db-connect-hint"
        title={t('connectTitle')}
        onClick={onConnect}
        data-dealbridge="connect-hint"
      >
        <span class="db-icon" aria-hidden="true" />
        {t('connect')}
      </button>
    );
  }
  const deal = ctx?.deal ?? null;
  const problemCount = ctx?.problems.length ?? 0;
  const pendingCount = ctx?.pending.length ?? 0;
  const warn = problemCount > 0 || state.context.status === 'error' || builtinDisagreement(state) !== null;
  const stale = deal !== null && state.freshness !== 'fresh';
  // A long name is shortened on the button only: the tooltip and the accessible name keep it whole.
  const title = deal
    ? [deal.name, deal.stageName, stale ? t(state.freshness === 'checking' ? 'checking' : 'unchecked') : '']
        .filter(Boolean)
        .join(' · ')
    : undefined;

  return (
    <>
      <button
        type="button"
        class={deal ? `db-toggle db-toggle-linked${stale ? ' db-stale' : ''}` : 'db-toggle'}
        aria-expanded={state.open}
        aria-haspopup="dialog"
        aria-busy={busy || state.freshness === 'checking'}
        title={title}
        onClick={onToggle}
        data-dealbridge={deal ? 'linked-toggle' : 'open-picker'}
        data-freshness={deal ? state.freshness : undefined}
      >
        <span class="db-icon" aria-hidden="true" />
        {deal ? (
          <>
            <span class="db-name" data-dealbridge="linked-deal">
              {deal.name}
            </span>
            <StageBadge deal={deal} />
            {deal.status !== 'OPEN' && (
              <span class={`db-status db-status-${deal.status.toLowerCase()}`}>{t(`status_${deal.status}`)}</span>
            )}
          </>
        ) : (
          <span>{t('dealInCrm')}</span>
        )}
        {spinner && <span class="db-spinner" role="status" aria-label={t('loading')} />}
        {warn && <span class="db-badge db-badge-warn">{problemCount || '!'}</span>}
        {!warn && pendingCount > 0 && <span class="db-badge">{pendingCount}</span>}
      </button>
      {state.open && panelFailed && (
        <p class="db-fallback" role="alert" data-dealbridge="problem" data-code="extension_unavailable">
          {t('err_extension_unavailable')}
        </p>
      )}
    </>
  );
}
