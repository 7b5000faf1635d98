import { useEffect } from 'preact/hooks';
import { currentLanguage, formatMoney } from '@/utils/i18n';
import type { OrderChoice } from '@/utils/messaging/messages/deal-page';
import { SearchPicker } from '../picker/SearchPicker';
import { ConfirmLink } from '../picker/ConfirmLink';
import { describeProblem, safeHref } from '../order-control/format';
import type { DealPanelState, MoreHost, Problem } from './state';
import { linkChosen, loadChoices, type LinkOrderPorts } from './link-order';
import { tm } from './more-i18n';
import { formatShopDate } from './view';

/**
 * "Link an order" on an unlinked deal: the client's orders without a deal (newest first,
 * searchable, keyboard-usable like the order page's deal picker), the summary of what a
 * click on "Link" links, and every refusal in words. Escape steps back, then closes.
 */
export function LinkOrder({
  state,
  controller,
  ports,
  onClose,
}: {
  state: DealPanelState;
  controller: MoreHost;
  ports: LinkOrderPorts;
  onClose: () => void;
}) {
  const { view, link } = state;
  const customer = view.kind === 'unlinked' ? view.customer : null;
  useEffect(() => {
    if (customer && link.status === 'loading') void loadChoices(controller, ports);
  }, [customer?.id, link.status === 'loading']);
  const ready = link.status === 'ready' ? link : null;
  const chosen = ready?.choices.orders.find((o) => o.orderId === ready.chosen) ?? null;

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: it only catches the keys typed inside it (Escape, and the page's hotkeys).
    <div
      class="db-link-order"
      data-dealbridge="order-picker"
      onKeyDown={(event) => {
        // The page's own hotkeys must not see keys typed into Dealbridge.
        event.stopPropagation();
        if (event.key !== 'Escape') return;
        event.preventDefault();
        if (ready && chosen && !ready.busy) controller.setLink({ ...ready, chosen: null });
        else if (!ready?.busy) onClose();
      }}
    >
      <div class="db-link-head">
        <strong>{tm('pickTitle')}</strong>
        <button type="button" class="link" onClick={onClose} disabled={ready?.busy} data-dealbridge="close-picker">
          {tm('cancel')}
        </button>
      </div>
      {!customer ? (
        <p class="error" data-dealbridge="no-customer">
          {tm('noCustomer')}
        </p>
      ) : link.status === 'error' ? (
        <div class="error" role="alert" data-dealbridge="link-problem" data-code={link.problem.code}>
          {tm('loadOrdersFailed')} {describeProblem(link.problem)}{' '}
          <button type="button" class="link" onClick={() => void loadChoices(controller, ports)}>
            {tm('reload')}
          </button>
        </div>
      ) : !ready ? (
        <p class="db-hint">{tm('loadingOrders')}</p>
      ) : (
        <>
          {ready.problem && (
            <p class="error" role="alert" data-dealbridge="link-problem" data-code={ready.problem.code}>
              {describeLinkProblem(ready.problem)}
            </p>
          )}
          {chosen ? (
            <ConfirmLink
              orderNumber={chosen.number}
              dealName={ready.choices.deal.name}
              busy={ready.busy}
              onConfirm={() => void linkChosen(controller, ports)}
              onBack={() => controller.setLink({ ...ready, chosen: null })}
            />
          ) : ready.choices.orders.length === 0 ? (
            <div data-dealbridge="no-orders">
              <p class="db-hint">{tm('noOrders', { name: customer.name })}</p>
              {ready.choices.newOrderUrl && safeHref(ready.choices.newOrderUrl) && (
                <a
                  class="db-button"
                  href={safeHref(ready.choices.newOrderUrl)}
                  target="_blank"
                  rel="noopener noreferrer"
                  data-dealbridge="new-order"
                >
                  + {tm('newOrder')}
                </a>
              )}
            </div>
          ) : (
            <SearchPicker
              items={ready.choices.orders}
              busy={ready.busy}
              onPick={(order) => controller.setLink({ ...ready, chosen: order.orderId, problem: null })}
              id={(order) => order.orderId}
              text={(order) => `${order.number} ${order.state.name} ${money(order)} ${date(order)}`}
              kind="order"
              labels={{
                search: tm('searchOrders'),
                list: tm('ordersOf', { name: customer.name }),
                count: (count) => tm('orderCount', { count }),
                noMatches: (query) => tm('noMatches', { query }),
              }}
              option={(order) => (
                <>
                  <span class="db-option-name">
                    {order.number}{' '}
                    <span class="db-order-state" style={order.state.color ? { color: order.state.color } : undefined}>
                      {order.state.name}
                    </span>
                  </span>
                  <span class="db-option-meta">
                    <span>{date(order)}</span>
                    <span>{money(order)}</span>
                    <span>{tm('items', { count: order.itemsCount })}</span>
                  </span>
                </>
              )}
            />
          )}
        </>
      )}
    </div>
  );
}

const money = (order: OrderChoice) => formatMoney(order.total, order.currency);
const date = (order: OrderChoice) => formatShopDate(order.createdAt, currentLanguage() === 'ru' ? 'ru-RU' : 'en-US');

/** A refusal in the deal page's words; the endpoint's failures keep the order page's. */
function describeLinkProblem(problem: Problem): string {
  const params = { order: problem.orderNumber ?? '', deal: problem.dealName ?? '' };
  switch (problem.code) {
    case 'order_already_linked':
    case 'created_instead':
    case 'deal_closed':
    case 'deal_other_customer':
    case 'deal_not_found':
      return tm(`err_${problem.code}`, params);
    case 'no_customer':
      return tm('noCustomer');
    default:
      return describeProblem(problem);
  }
}
