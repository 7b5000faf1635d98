import type { OrderPanel } from '../messaging/messages/deal-page';
import { cleanColor } from '../deals/summary';

/**
 * Turns a Shop-Script order as `shop.order.getInfo` returns it, plus the configured order
 * states, into the `OrderPanel` view model the deal page shows. Pure, so it is tested
 * against real captured replies.
 *
 * Input types are structural: the zod schemas that parse replies live with the API client.
 * Shop sends numbers as strings ("89.0000") and HTML-escapes item names.
 */
type Num = string | number;

export interface OrderItemLike {
  id: Num;
  name: string;
  sku_code?: string | null;
  type: string;
  parent_id?: Num | null;
  price: Num;
  quantity: Num;
}

export interface OrderLike {
  id: Num;
  state_id: string;
  currency: string;
  total: Num;
  tax?: Num | null;
  shipping?: Num | null;
  discount?: Num | null;
  paid_date?: string | null;
  paid_datetime?: string | null;
  /** getInfo keys items by id (product rows first, each followed by its services). */
  items: Record<string, OrderItemLike> | OrderItemLike[];
}

export interface OrderStateLike {
  id: string;
  name: string;
  color: string | null;
}

export interface PanelContext {
  baseUrl: string;
  states: OrderStateLike[];
  /** Shop's "order format" setting, e.g. "#100{$order.id}"; null when unknown. */
  orderFormat: string | null;
}

/** Shop-Script's shipped default order format, used when the store's own is unknown. */
export const DEFAULT_ORDER_FORMAT = '#100{$order.id}';

export function toOrderPanel(order: OrderLike, context: PanelContext): OrderPanel {
  const orderId = toInt(order.id, 'order id');
  const state = context.states.find((s) => s.id === order.state_id);
  const items = groupItems(Array.isArray(order.items) ? order.items : Object.values(order.items));
  const subtotal = round(items.reduce((sum, item) => sum + item.total + item.services.reduce((s, v) => s + v.total, 0), 0));
  return {
    orderId,
    number: formatOrderNumber(orderId, context.orderFormat),
    url: orderUrl(context.baseUrl, orderId),
    state: {
      id: order.state_id,
      name: state?.name ?? order.state_id,
      color: cleanColor(state?.color ?? null),
    },
    paidAt: order.paid_datetime || order.paid_date || null,
    currency: order.currency,
    items,
    subtotal,
    discount: toMoney(order.discount ?? 0, 'discount'),
    shipping: toMoney(order.shipping ?? 0, 'shipping'),
    tax: toMoney(order.tax ?? 0, 'tax'),
    total: toMoney(order.total, 'total'),
  };
}

type PanelItem = OrderPanel['items'][number];

/** Products in the order Shop sends them; each service goes under its product (parent_id). */
function groupItems(rows: OrderItemLike[]): PanelItem[] {
  const products = new Map<string, PanelItem>();
  const result: PanelItem[] = [];
  const services: OrderItemLike[] = [];
  for (const row of rows) {
    if (row.type === 'service' && row.parent_id != null && row.parent_id !== '') {
      services.push(row);
      continue;
    }
    const item: PanelItem = { ...line(row), sku: row.sku_code ? row.sku_code : null, services: [] };
    products.set(String(row.id), item);
    result.push(item);
  }
  for (const row of services) {
    const parent = products.get(String(row.parent_id));
    // A service whose product is gone still cost money: show it as its own row.
    if (parent) parent.services.push(line(row));
    else result.push({ ...line(row), sku: null, services: [] });
  }
  return result;
}

function line(row: OrderItemLike) {
  const price = toMoney(row.price, 'item price');
  const quantity = toNumber(row.quantity, 'item quantity');
  return { id: String(row.id), name: unescapeHtml(row.name), quantity, price, total: round(price * quantity) };
}

/** Shop's encodeOrderId: the order format with {$order.id} replaced, e.g. "#1003". */
export function formatOrderNumber(orderId: number, format: string | null): string {
  const pattern = format && format.includes('{$order.id}') ? format : DEFAULT_ORDER_FORMAT;
  return pattern.split('{$order.id}').join(String(orderId));
}

/** The stable URL of an order in Shop-Script's backend. */
export function orderUrl(baseUrl: string, orderId: number): string {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return `${base}webasyst/shop/?action=orders#/order/${orderId}/`;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/**
 * Undoes Shop's htmlspecialchars so names render as the text a person typed (Preact then
 * renders it as a text node, never as markup). One pass, so "&amp;lt;" becomes "&lt;".
 */
export function unescapeHtml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return NAMED[body.toLowerCase()] ?? entity;
  });
}

function toNumber(value: Num, what: string): number {
  const n = typeof value === 'number' ? value : Number(String(value).trim());
  if (!Number.isFinite(n) || String(value).trim() === '') throw new Error(`Shop-Script sent an unreadable ${what}: ${String(value).slice(0, 40)}`);
  return n;
}

function toMoney(value: Num, what: string): number {
  return round(toNumber(value, what));
}

function toInt(value: Num, what: string): number {
  const n = toNumber(value, what);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`Shop-Script sent an unreadable ${what}: ${String(value)}`);
  return n;
}

/** Shop keeps 4 decimals; rounding there hides binary float noise (9.99 × 2). */
function round(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}
