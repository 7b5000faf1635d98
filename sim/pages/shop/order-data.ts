// Builds the order renderers' models from the simulator's state (the same data the API serves).
import type { SimState } from '../../state/state';
import type { Order, OrderItem } from '../../state/types';
import type { WorkflowAction } from '../../state/workflow';
import { shopDatetime } from '../../state/format';
import { formatHumanDateTime, formatLongDate, formatMoney, formatPrintDateTime, formatQuantity } from '../format';
import { contactName, formatPhone } from '../people';
import type { CrmLinkView, OrderActionView, OrderListItemView, OrderStateView, OrderView } from './order-model';

/** Shop prints local time; the page formats a "Y-m-d H:i:s" string in the shop's zone. */
function shopLocal(state: SimState, ms: number | null): string | null {
  return shopDatetime(ms, state.shop.shiftSeconds);
}

export function shopNow(state: SimState): Date {
  return new Date(state.clock.now() + state.shop.shiftSeconds * 1000);
}

export function orderStateView(state: SimState, stateId: string): OrderStateView {
  const st = state.workflow.states.find((s) => s.id === stateId);
  const style = st?.options.style ?? {};
  return {
    id: stateId,
    name: st?.name ?? stateId,
    color: style.color ?? '#888',
    icon: st?.options.icon ?? 'icon16 ss new',
    bold: style['font-weight'] === 'bold',
    italic: style['font-style'] === 'italic',
  };
}

const BUTTON_COLORS: Record<string, string> = {
  process: 'green',
  pay: 'yellow',
  fulfilling: 'orange',
  ship: 'blue',
  complete: 'purple',
  delete: 'gray',
  refund: 'red',
  restore: 'gray',
  pickup: 'blue',
  capture: 'yellow',
};
const HEX_COLORS: Record<string, string> = {
  '#f3c200': 'yellow',
  '#1a9afe': 'blue',
  '#7256ee': 'purple',
  '#ed2509': 'red',
  '#22d13d': 'green',
};

function actionView(state: SimState, action: WorkflowAction): OrderActionView {
  const target = action.state ? state.workflow.states.find((s) => s.id === action.state) : undefined;
  let title = '';
  if (target && action.id !== 'fulfilling') {
    title = `Order status will be changed to “${target.name}”.`;
    if (action.setsPaid) title += ' A payment date will be saved.';
    if (action.clearsPaid || action.id === 'refund') {
      title +=
        ' Quantities of ordered products and their SKUs, if non-empty, will be increased accordingly. Order payment date will be cleared.';
    }
  }
  return {
    id: action.id,
    name: action.name,
    placement: action.type === 'button' ? 'button' : 'link',
    color: BUTTON_COLORS[action.id] ?? HEX_COLORS[action.color.toLowerCase()] ?? 'gray',
    hasForm: action.form,
    title,
    notifies: title !== '',
  };
}

/** Texts of the order timeline (the page's wording differs from log_record for comments). */
function timelineText(state: SimState, actionId: string): string {
  if (actionId === 'comment') return 'A comment was added for the order';
  return state.workflow.actions[actionId]?.logRecord ?? actionId;
}

function addressOf(state: SimState, order: Order): { lines: string[]; mapQuery: string | null } {
  const p = order.params;
  const contactAddress = state.contact(order.contactId)?.address ?? null;
  const street = p['shipping_address.street'] ?? contactAddress?.street;
  if (!street && !p['shipping_address.city']) return { lines: [], mapQuery: null };
  const regionCode = p['shipping_address.region'] ?? contactAddress?.region ?? '';
  const region = contactAddress && contactAddress.region === regionCode ? contactAddress.regionName : regionCode;
  const countryCode = p['shipping_address.country'] ?? contactAddress?.country ?? '';
  const country = contactAddress && contactAddress.country === countryCode ? contactAddress.countryName : countryCode;
  const city = p['shipping_address.city'] ?? contactAddress?.city ?? '';
  const zip = p['shipping_address.zip'] ?? contactAddress?.zip ?? '';
  const lines = [street ?? '', city, region, zip, country].filter(Boolean);
  return { lines, mapQuery: [country, region, zip, city, street].filter(Boolean).join(', ') };
}

function itemsOf(state: SimState, order: Order) {
  const all = state.orders.items(order);
  const money = (n: number) => formatMoney(n, order.currency);
  const products = all.filter((i) => i.type === 'product');
  const servicesOf = (p: OrderItem) => all.filter((i) => i.type === 'service' && i.parentId === p.id);
  const subtotal = all.reduce((sum, i) => sum + i.price * i.quantity, 0);
  return {
    subtotal,
    items: products.map((p) => ({
      id: p.id,
      productId: p.productId,
      name: p.name,
      sku: p.skuCode,
      quantity: formatQuantity(p.quantity),
      price: money(p.price),
      total: money(p.price * p.quantity),
      services: servicesOf(p).map((s) => ({
        id: s.id,
        name: s.name,
        quantity: formatQuantity(s.quantity),
        price: money(s.price),
        total: money(s.price * s.quantity),
      })),
    })),
  };
}

function crmLinkFor(state: SimState, order: Order, crmInstalled: boolean): CrmLinkView {
  if (!crmInstalled) return { kind: 'none' };
  const deal = state.dealForOrder(order.id);
  if (deal) {
    const owner = state.contact(deal.userContactId);
    return { kind: 'linked', dealId: deal.id, ownerName: owner ? contactName(owner) : null };
  }
  return { kind: 'create', orderId: order.id, contactId: order.contactId ?? 0 };
}

function countOrdersOf(state: SimState, contactId: number): number {
  let n = 0;
  for (const o of state.orders.all()) if (o.contactId === contactId) n++;
  return n;
}

export function buildOrderView(state: SimState, order: Order, actorId: number, crmInstalled: boolean): OrderView {
  const now = shopNow(state);
  const money = (n: number) => formatMoney(n, order.currency);
  const contact = state.contact(order.contactId);
  const actions = state
    .availableOrderActions(order.id, actorId)
    .filter((a) => !a.internal)
    .map((a) => actionView(state, a));
  const ids = new Set(actions.map((a) => a.id));
  const { lines, mapQuery } = addressOf(state, order);
  const { items, subtotal } = itemsOf(state, order);
  const stateTime = shopLocal(state, order.updatedAt ?? order.createdAt);
  const log = [...state.orders.log(order)].reverse();
  const _me = state.contact(actorId);
  return {
    id: order.id,
    number: state.encodeOrderId(order.id),
    total: money(order.total),
    state: orderStateView(state, order.stateId),
    stateWhen: formatHumanDateTime(stateTime, now),
    stateWhenPrint: formatPrintDateTime(stateTime),
    customer: contact
      ? {
          id: contact.id,
          name: contactName(contact),
          email: contact.email || null,
          phone: contact.phone || null,
          phoneDisplay: contact.phone ? formatPhone(contact.phone) : null,
          orderCount: countOrdersOf(state, contact.id),
        }
      : null,
    comment: order.comment || null,
    address: lines,
    mapQuery,
    paid: order.paidAt !== null ? { on: formatLongDate(shopLocal(state, order.paidAt)) } : null,
    paymentLink: `${state.baseUrl}shop/paymentlink/${(order.id * 7919).toString(16).padStart(33, '0')}/`,
    items,
    subtotal: money(subtotal),
    discount: money(order.discount),
    shipping: order.shipping > 0 ? money(order.shipping) : null,
    tax: order.tax > 0 ? money(order.tax) : null,
    buttons: actions.filter((a) => a.placement === 'button'),
    links: actions.filter((a) => a.placement === 'link' && a.id !== 'edit' && a.id !== 'comment'),
    canComment: ids.has('comment'),
    canEdit: ids.has('edit'),
    timeline: log.map((entry) => ({
      when: formatHumanDateTime(shopLocal(state, entry.datetime), now),
      actor: contactName(state.contact(entry.contactId)) || 'Customer',
      text: timelineText(state, entry.actionId),
      message: entry.text ? entry.text : null,
    })),
    crm: crmLinkFor(state, order, crmInstalled),
    created: formatHumanDateTime(shopLocal(state, order.createdAt), now),
    salesChannel: order.params.sales_channel || null,
    storefront: order.params.storefront || null,
    managers: state.users().map((u) => ({ id: u.id, name: contactName(u), me: u.id === actorId })),
  };
}

export function buildOrderListItem(state: SimState, order: Order): OrderListItemView {
  const now = shopNow(state);
  return {
    id: order.id,
    number: state.encodeOrderId(order.id),
    total: formatMoney(order.total, order.currency),
    state: orderStateView(state, order.stateId),
    customerName: contactName(state.contact(order.contactId)) || '(no customer)',
    created: formatHumanDateTime(shopLocal(state, order.createdAt), now),
    paid: order.paidAt !== null ? formatHumanDateTime(shopLocal(state, order.paidAt), now) : null,
  };
}

/** Newest first (id order = creation order); walks down from the newest id so a 100k-order seed stays cheap. */
export function listOrders(state: SimState, limit: number): { orders: Order[]; total: number } {
  const orders: Order[] = [];
  for (let id = state.orders.nextOrderId - 1; id > 0 && orders.length < limit; id--) {
    const order = state.orders.get(id);
    if (order) orders.push(order);
  }
  return { orders, total: state.orders.count };
}
