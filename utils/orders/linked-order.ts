import { orderUrl } from '../webasyst/urls';
import type { ShopOrder, ShopOrderState } from '../api';
import type { LinkedOrder } from '../messaging/messages/deal-page';
import { cleanColor } from '../deals/summary';

/**
 * Turns a Shop-Script order (`shop.order.getInfo` as the API client parsed it: numbers
 * are numbers, names are unescaped text, items an array) plus the configured order states
 * into the `LinkedOrder` view model the deal page shows. Pure, so it is tested against real
 * captured replies.
 */
export interface PanelContext {
  baseUrl: string;
  states: ShopOrderState[];
  /** The order number as Shop-Script shows it ("#1003"), from the catalog. */
  number: string;
}

type PanelItem = LinkedOrder['items'][number];
type PanelLine = PanelItem['services'][number];
type OrderRow = ShopOrder['items'][number];

export function toLinkedOrder(order: ShopOrder, context: PanelContext): LinkedOrder {
  const state = context.states.find((s) => s.id === order.state_id);
  const items = groupItems(order.items);
  const lineTotals = items.flatMap((item) => [item.total, ...item.services.map((service) => service.total)]);
  return {
    orderId: order.id,
    number: context.number,
    url: orderUrl(context.baseUrl, order.id),
    state: {
      id: order.state_id,
      name: state?.name ?? order.state_id,
      color: cleanColor(state?.options.color ?? null),
    },
    paidAt: order.paid_datetime || order.paid_date || null,
    currency: order.currency,
    items,
    // Shop's subtotal is the sum of all item lines, services included.
    subtotal: round(lineTotals.reduce((sum, total) => sum + total, 0)),
    discount: round(order.discount),
    shipping: round(order.shipping),
    tax: round(order.tax),
    total: round(order.total),
  };
}

/** Products in the order Shop sends them; each service goes under its product (parent_id). */
function groupItems(rows: OrderRow[]): PanelItem[] {
  const products = new Map<number, PanelItem>();
  const result: PanelItem[] = [];
  const services: OrderRow[] = [];
  for (const row of rows) {
    if (row.type === 'service' && row.parent_id !== null) {
      services.push(row);
      continue;
    }
    const item: PanelItem = { ...line(row), sku: row.sku_code || null, services: [] };
    products.set(row.id, item);
    result.push(item);
  }
  for (const row of services) {
    const parent = products.get(row.parent_id as number);
    // A service whose product row is gone still cost money: show it as a row of its own.
    if (parent) parent.services.push(line(row));
    else result.push({ ...line(row), sku: null, services: [] });
  }
  return result;
}

function line(row: OrderRow): PanelLine {
  return {
    id: String(row.id),
    name: row.name,
    quantity: row.quantity,
    price: round(row.price),
    total: round(row.price * row.quantity),
  };
}

/** Shop keeps 4 decimals; rounding there hides binary float noise (9.99 × 2). */
function round(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}
