import type { z } from 'zod';
import type { WebasystApi, ShopOrderState } from '../api';
import { orderIdFromExternalId } from '../links/types';
import type { dealPageMessages, OrderChoice } from '../messaging/messages/deal-page';
import { cleanColor } from '../deals/summary';
import { customerDeals, type OrderLinkDeps } from '../deals/order-link';
import { newOrderUrl } from '../webasyst/urls';
import { dealCustomer } from './deal-order';

export type OrderChoicesReply = z.input<(typeof dealPageMessages)['deal.orderChoices']['response']>;

export interface OrderChoicesDeps {
  api: OrderLinkDeps['api'] & Pick<WebasystApi, 'shopOrderSearch'>;
  orderStates(): Promise<ShopOrderState[]>;
  orderNumber(orderId: number): Promise<string>;
}

/** The newest orders a picker lists; an older one is found by opening it in Shop-Script. */
const ORDERS_READ = 200;

/**
 * "Link an order" on an unlinked deal: the deal's client's orders that no deal of theirs
 * carries (Webasyst's link, external_id "shop:<id>"), newest first. Read fresh; the
 * link itself is checked again right before it is made (order.checkLink).
 */
export async function orderChoices(deps: OrderChoicesDeps, dealId: number): Promise<OrderChoicesReply> {
  const deal = await deps.api.crmDealInfo({ id: dealId });
  const customer = dealCustomer(deal);
  const base = {
    deal: { id: deal.id, name: deal.name, funnelId: deal.funnel_id, stageId: deal.stage_id },
    customer,
    linkedOrderId: orderIdFromExternalId(deal.external_id),
    newOrderUrl: customer ? newOrderUrl(deps.api.baseUrl, customer.id) : null,
  };
  if (!customer || base.linkedOrderId !== null) return { ...base, orders: [] };
  const [search, deals, states] = await Promise.all([
    deps.api.shopOrderSearch({
      hash: `search/contact_id=${customer.id}`,
      sort: 'create_datetime DESC',
      limit: ORDERS_READ,
    }),
    customerDeals(deps, customer.id),
    deps.orderStates(),
  ]);
  const linked = new Set(deals.map((d) => orderIdFromExternalId(d.external_id)));
  const free = search.orders.filter((order) => !linked.has(order.id));
  const orders: OrderChoice[] = await Promise.all(
    free.map(async (order) => {
      const state = states.find((s) => s.id === order.state_id);
      return {
        orderId: order.id,
        number: await deps.orderNumber(order.id),
        createdAt: order.create_datetime,
        state: {
          id: order.state_id,
          name: state?.name ?? order.state?.name ?? order.state_id,
          color: cleanColor(state?.options.color ?? null),
        },
        total: order.total,
        currency: order.currency,
        itemsCount: order.items.filter((item) => item.type !== 'service').length,
      };
    }),
  );
  return { ...base, orders };
}
