import { useEffect, useRef, useState } from 'preact/hooks';
import { builtinDisagreement, type ControlState, type OrderControlController } from './controller';
import { t } from './i18n';
import { describeProblem } from './format';
import { DealPicker } from './DealPicker';
import { NewDealForm } from './NewDealForm';
import { LinkedDeal } from './LinkedDeal';
import { SyncItems } from './SyncItems';
import { StageBadge } from './StageBadge';

function useControllerState(controller: OrderControlController): ControlState {
  const [state, setState] = useState(controller.get());
  useEffect(() => {
    setState(controller.get());
    const unsubscribe = controller.subscribe(setState);
    return () => void unsubscribe();
  }, [controller]);
  return state;
}

/**
 * "Deal in CRM" among the order's action buttons: the linked deal's name and stage, or a
 * button that opens the picker. Its panel holds the details, the picker, "New deal", this
 * order's sync items and every failure message.
 */
export function OrderControl({ controller }: { controller: OrderControlController }) {
  const state = useControllerState(controller);
  const toggle = useRef<HTMLButtonElement>(null);
  const close = () => {
    controller.toggle(false);
    toggle.current?.focus();
  };
  if (!state.view) return null;
  const ctx = state.context.status === 'ready' ? state.context.data : null;
  const deal = ctx?.deal ?? null;
  const problemCount = ctx?.problems.length ?? 0;
  const pendingCount = ctx?.pending.length ?? 0;
  const warn = problemCount > 0 || state.context.status === 'error' || builtinDisagreement(state) !== null;

  return (
    <div class="db-root" data-ui={state.view.ui === '1.3' ? '13' : '20'}>
      <button
        ref={toggle}
        type="button"
        class={deal ? 'db-toggle db-toggle-linked' : 'db-toggle'}
        aria-expanded={state.open}
        aria-haspopup="dialog"
        aria-busy={state.context.status === 'loading'}
        onClick={() => controller.toggle()}
        data-dealbridge={deal ? 'linked-toggle' : 'open-picker'}
      >
        <span class="db-icon" aria-hidden="true" />
        {deal ? (
          <>
            <span class="db-name" data-dealbridge="linked-deal">
              {deal.name}
            </span>
            <StageBadge deal={deal} />
            {deal.status !== 'OPEN' && <span class={`db-status db-status-${deal.status.toLowerCase()}`}>{t(`status_${deal.status}`)}</span>}
          </>
        ) : (
          <span>{t('dealInCrm')}</span>
        )}
        {state.context.status === 'loading' && <span class="db-spinner" aria-label={t('loading')} />}
        {warn && <span class="db-badge db-badge-warn">{problemCount || '!'}</span>}
        {!warn && pendingCount > 0 && <span class="db-badge">{pendingCount}</span>}
      </button>
      {state.open && <Panel key={state.view.orderId} controller={controller} state={state} onClose={close} />}
    </div>
  );
}

function Panel({ controller, state, onClose }: { controller: OrderControlController; state: ControlState; onClose: () => void }) {
  const [newDeal, setNewDeal] = useState(false);
  const panel = useRef<HTMLDivElement>(null);
  const ctx = state.context.status === 'ready' ? state.context.data : null;
  const disagreement = builtinDisagreement(state);
  // Keep the focus inside the panel when its content changes (e.g. after linking).
  const linked = Boolean(ctx?.deal);
  useEffect(() => {
    const element = panel.current;
    if (!element?.isConnected) return;
    // Inside a shadow root the document only knows the host; the root knows the real focus.
    const focused = (element.getRootNode() as ShadowRoot | Document).activeElement;
    if (linked || !element.contains(focused)) element.focus();
  }, [linked]);

  return (
    <div
      ref={panel}
      class="db-panel"
      role="dialog"
      aria-label={t('dealInCrm')}
      tabIndex={-1}
      onKeyDown={(event) => {
        // The page's own hotkeys must not see keys typed into Dealbridge.
        event.stopPropagation();
        if (event.key === 'Escape') {
          event.preventDefault();
          if (newDeal) setNewDeal(false);
          else onClose();
        }
      }}
    >
      <button type="button" class="db-close" aria-label={t('close')} onClick={onClose}>
        ×
      </button>
      {state.notice?.kind === 'linked' && <p class="db-ok" role="status">{t('linked')}</p>}
      {state.notice?.kind === 'created_instead' && (
        <p class="db-warning" role="alert">
          {t('createdInstead', { requested: state.notice.requested })}
        </p>
      )}
      {state.notice?.kind === 'retry_asked' && <p class="db-ok" role="status">{t('retryAsked')}</p>}
      {state.problem && (
        <p class="db-error" role="alert" data-dealbridge="problem" data-code={state.problem.code}>
          {describeProblem(state.problem)}
        </p>
      )}
      {disagreement && (
        <p class="db-warning" role="alert" data-dealbridge="builtin-mismatch">
          {t('builtinDisagrees', {
            builtin: disagreement.builtin,
            found: disagreement.found === null ? t('builtinNone') : t('builtinDeal', { id: disagreement.found }),
          })}
        </p>
      )}
      {state.context.status === 'loading' && <p class="db-hint">{t('loading')}</p>}
      {state.context.status === 'error' && (
        <Failure problem={state.context.problem} onRetry={() => controller.reload()} />
      )}
      {ctx && !ctx.connected && (
        <p class="db-error" data-dealbridge="problem" data-code="not_connected">
          {t('err_not_connected')}
        </p>
      )}
      {ctx?.deal && <LinkedDeal deal={ctx.deal} />}
      {ctx && ctx.connected && !ctx.deal && (
        <div class="db-picker" data-dealbridge="deal-picker">
          <h3 class="db-title">{t('pickerTitle')}</h3>
          {state.view?.customerId === null ? (
            <p class="db-error" data-dealbridge="problem" data-code="no_customer">
              {t('err_no_customer')}
            </p>
          ) : state.picker.status === 'ready' ? (
            <>
              {!newDeal && (
                <DealPicker deals={state.picker.data.deals} busy={state.busy !== null} onPick={(deal) => void controller.bind(deal)} />
              )}
              {newDeal ? (
                <NewDealForm
                  data={state.picker.data}
                  busy={state.busy !== null}
                  onSubmit={(choice) => void controller.create(choice)}
                  onCancel={() => setNewDeal(false)}
                />
              ) : (
                <button type="button" class="db-button" onClick={() => setNewDeal(true)} data-dealbridge="new-deal">
                  + {t('newDeal')}
                </button>
              )}
              {state.busy === 'bind' && <p class="db-hint" role="status">{t('linking')}</p>}
            </>
          ) : state.picker.status === 'error' ? (
            <Failure problem={state.picker.problem} onRetry={() => controller.reload()} />
          ) : (
            <p class="db-hint">{t('loading')}</p>
          )}
        </div>
      )}
      {ctx && <SyncItems context={ctx} retrying={state.retrying} onRetry={(id) => void controller.retry(id)} />}
    </div>
  );
}

function Failure({ problem, onRetry }: { problem: { code: string; message: string }; onRetry: () => void }) {
  return (
    <div class="db-error" role="alert" data-dealbridge="problem" data-code={problem.code}>
      <p>{describeProblem(problem)}</p>
      <button type="button" class="db-button" onClick={onRetry}>
        {t('tryAgain')}
      </button>
    </div>
  );
}
