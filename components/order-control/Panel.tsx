import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { builtinDisagreement, type ControlState, type OrderControlController } from './controller';
import { t } from './i18n';
import { tp } from './panel-i18n';
import { describeLoadFailure, describeProblem, type LoadFailure } from './format';
import { DealPicker } from './DealPicker';
import { ConfirmLink } from '../picker/ConfirmLink';
import type { DealSummary } from '@/utils/messaging/models';
import { NewDealForm } from './NewDealForm';
import { LinkedDeal } from './LinkedDeal';
import { SyncItems } from '../sync-items/SyncItems';
import { bindDeal, createDeal, loadPicker } from './link-flow';
import { dismissItem, retryItem, runInShop } from './item-actions';

/**
 * The control's panel: the linked deal's details, or the picker and "New deal"; this order's
 * sync items and every failure message. It is a separate script (see ./panel-mount.tsx), injected
 * into the page on the first open, so that order-page.js stays small.
 */
export function Panel({
  controller,
  state,
  onClose,
}: {
  controller: OrderControlController;
  state: ControlState;
  onClose: () => void;
}) {
  const [newDeal, setNewDeal] = useState(false);
  // The deal picked, shown beside the order's number until "Link" or "Back" (a link is for good).
  const [chosen, setChosen] = useState<DealSummary | null>(null);
  const panel = useRef<HTMLDivElement>(null);
  const ctx = state.context.status === 'ready' ? state.context.data : null;
  const disagreement = builtinDisagreement(state);
  // Keep the focus inside the panel when its content changes (e.g. after linking).
  const linked = Boolean(ctx?.deal);
  useEffect(() => {
    const element = panel.current;
    if (!element?.isConnected) return;
    // Inside a shadow root the document only knows the host; the root knows the real focus.
    if (linked || !element.contains((element.getRootNode() as ShadowRoot | Document).activeElement)) element.focus();
  }, [linked]);
  // An unlinked order: the picker's data is read when the panel shows (again after a failed read).
  const unlinked = controller.isUnlinked();
  const pickerStatus = state.picker.status;
  useEffect(() => {
    // After this render, not inside it: Preact may flush this effect while rendering the same
    // slot again, and the state change would nest a render there.
    if (unlinked && pickerStatus === 'idle') void Promise.resolve().then(() => loadPicker(controller));
  }, [unlinked, pickerStatus]);
  // The panel opens under the button, left-aligned; near the window's right edge (the button
  // ends the actions row, so that is common) it opens right-aligned instead of being cut off.
  const [alignEnd, setAlignEnd] = useState(false);
  useLayoutEffect(() => {
    const element = panel.current;
    if (
      !alignEnd &&
      element?.isConnected &&
      element.getBoundingClientRect().right > document.documentElement.clientWidth - 8
    ) {
      setAlignEnd(true);
    }
  });

  return (
    <div
      ref={panel}
      class={alignEnd ? 'db-panel db-panel-end' : 'db-panel'}
      role="dialog"
      aria-label={t('dealInCrm')}
      tabIndex={-1}
      onKeyDown={(event) => {
        // The page's own hotkeys must not see keys typed into Dealbridge.
        event.stopPropagation();
        if (event.key === 'Escape') {
          event.preventDefault();
          if (chosen && state.busy === null) setChosen(null);
          else if (newDeal) setNewDeal(false);
          else onClose();
        } else if (event.key === 'Tab' && panel.current) {
          keepFocusInside(panel.current, event);
        }
      }}
    >
      <button type="button" class="db-close" aria-label={tp('close')} onClick={onClose}>
        ×
      </button>
      {state.notice?.kind === 'linked' && (
        <p class="db-ok" role="status">
          {tp('linked')}
        </p>
      )}
      {state.notice?.kind === 'created_instead' && (
        <p class="db-warning" role="alert">
          {tp('createdInstead', { requested: state.notice.requested })}
        </p>
      )}
      {state.notice?.kind === 'retry_asked' && (
        <p class="db-ok" role="status">
          {tp('retryAsked')}
        </p>
      )}
      {state.problem && (
        <p class="db-error" role="alert" data-dealbridge="problem" data-code={state.problem.code}>
          {describeProblem(state.problem)}
        </p>
      )}
      {disagreement && (
        <p class="db-warning" role="alert" data-dealbridge="builtin-mismatch">
          {tp('builtinDisagrees', {
            builtin: disagreement.builtin,
            found: disagreement.found === null ? tp('builtinNone') : tp('builtinDeal', { id: disagreement.found }),
          })}
        </p>
      )}
      {state.context.status === 'loading' && <p class="db-hint">{t('loading')}</p>}
      {state.context.status === 'error' && (
        <Failure
          failure={describeLoadFailure(state.context.problem, 'context')}
          code={state.context.problem.code}
          controller={controller}
        />
      )}
      {ctx && !ctx.connected && (
        <p class="db-error" data-dealbridge="problem" data-code="not_connected">
          {tp('err_not_connected')}
        </p>
      )}
      {ctx?.deal && <LinkedDeal deal={ctx.deal} />}
      {ctx?.connected && !ctx.deal && (
        <div class="db-picker" data-dealbridge="deal-picker">
          <h3 class="db-title">{tp('pickerTitle')}</h3>
          {state.view?.customerId === null ? (
            <p class="db-error" data-dealbridge="problem" data-code="no_customer">
              {tp('err_no_customer')}
            </p>
          ) : state.picker.status === 'ready' ? (
            <>
              {chosen ? (
                <ConfirmLink
                  orderNumber={state.picker.data.orderNumber}
                  dealName={chosen.name}
                  busy={state.busy !== null}
                  onConfirm={() => void bindDeal(controller, chosen).finally(() => setChosen(null))}
                  onBack={() => setChosen(null)}
                />
              ) : (
                !newDeal && <DealPicker deals={state.picker.data.deals} busy={state.busy !== null} onPick={setChosen} />
              )}
              {chosen ? null : newDeal ? (
                <NewDealForm
                  data={state.picker.data}
                  busy={state.busy !== null}
                  onSubmit={(choice) => void createDeal(controller, choice)}
                  onCancel={() => setNewDeal(false)}
                />
              ) : (
                <button type="button" class="db-button" onClick={() => setNewDeal(true)} data-dealbridge="new-deal">
                  + {tp('newDeal')}
                </button>
              )}
              {state.busy === 'bind' && (
                <p class="db-hint" role="status">
                  {tp('linking')}
                </p>
              )}
            </>
          ) : state.picker.status === 'error' ? (
            <Failure
              failure={describeLoadFailure(state.picker.problem, 'picker')}
              code={state.picker.problem.code}
              controller={controller}
            />
          ) : (
            <p class="db-hint">{t('loading')}</p>
          )}
        </div>
      )}
      {ctx && (
        <SyncItems
          pending={ctx.pending}
          problems={ctx.problems}
          isRetrying={(id) => state.retrying === id}
          busy={state.retrying !== null}
          onRetry={(id) => void retryItem(controller, id)}
          onRunInShop={(item) => runInShop(controller, item)}
          onDismiss={(id) => void dismissItem(controller, id)}
        />
      )}
    </div>
  );
}

/** A failed read: what could not be read and why, with at most one remedy. */
function Failure({
  failure,
  code,
  controller,
}: {
  failure: LoadFailure;
  code: string;
  controller: OrderControlController;
}) {
  return (
    <div class="db-error" role="alert" data-dealbridge="problem" data-code={code}>
      <p>{failure.text}</p>
      {failure.remedy === 'retry' && (
        <button type="button" class="db-button" onClick={() => controller.reload()} data-dealbridge="try-again">
          {tp('tryAgain')}
        </button>
      )}
      {failure.remedy === 'settings' && (
        <button
          type="button"
          class="db-button"
          onClick={() => controller.openOptions()}
          data-dealbridge="open-settings"
        >
          {tp('openSettings')}
        </button>
      )}
    </div>
  );
}

const FOCUSABLE =
  'button:not([disabled]), a[href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex="0"]';

/** The open panel is a dialog: Tab and Shift+Tab wrap around inside it instead of leaving for the page. */
function keepFocusInside(panel: HTMLElement, event: KeyboardEvent): void {
  const focusable = Array.from(panel.querySelectorAll<HTMLElement>(FOCUSABLE));
  if (!focusable.length) return;
  const active = (panel.getRootNode() as ShadowRoot | Document).activeElement;
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (event.shiftKey && (active === first || active === panel)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first.focus();
  }
}
