// Shop-Script order operations: workflow actions and order creation.
import { DomainError } from './errors';
import { shopDate, shopDatetime, toSecond } from './format';
import { availableActionIds, type WorkflowAction } from './workflow';
import type { CatalogSku, SimState } from './state';
import type { Order, OrderItem, OrderLogEntry } from './types';

export function encodeOrderId(state: SimState, id: number): string {
  return state.shop.orderFormatPrefix + id;
}

function mayRun(state: SimState, actorId: number, actionId: string): boolean {
  const rights = state.contact(actorId)?.rights;
  if (!rights || rights.shop === 'none') return false;
  if (rights.shop === 'admin' || rights.workflowActions === '*') return true;
  return rights.workflowActions.includes(actionId);
}

/** Actions offered now for the order to this user (shop.order.actions). */
export function availableOrderActions(state: SimState, orderId: number, actorId: number): WorkflowAction[] {
  const order = state.getOrder(orderId);
  if (!order) throw new DomainError('order_not_found', 'Order not found.');
  return availableActionIds(state.workflow, order)
    .filter((id) => mayRun(state, actorId, id))
    .map((id) => state.workflow.actions[id]);
}

export interface RunActionOptions {
  /** the action form's comment */
  text?: string;
  /** other form fields, stored as log params (e.g. tracking_number) */
  params?: Record<string, string>;
  /** shop.order.process/ship/... run the action without checking availability or rights */
  skipChecks?: boolean;
  /** CRM ran this action (crm.deal.move/close/shopaction): for effects only */
  viaCrm?: boolean;
  /** POST crm_change_workflow_data for LOST (lost_id / lost_text) */
  crmLost?: { lostId?: number | null; lostText?: string | null };
}

type UpdateValue = string | number | null;

export interface ActionResult {
  log: OrderLogEntry;
  update: Record<string, UpdateValue>;
  /** the reply of shop.order.action, key order as the real one */
  reply: Record<string, unknown>;
}

/** State before deletion, from the log (shopOrderLogModel::getPreviousState). */
function previousState(state: SimState, order: Order): string {
  const log = state.orders.log(order);
  for (let i = log.length - 1; i >= 0; i--) {
    if (log[i].afterStateId === order.stateId && log[i].beforeStateId !== order.stateId)
      return log[i].beforeStateId || 'new';
  }
  return 'new';
}

function isFirstPaid(state: SimState, order: Order): boolean {
  if (order.contactId === null) return false;
  for (const o of state.orders.all())
    if (o !== order && o.contactId === order.contactId && o.paidAt !== null) return false;
  return true;
}

export function runOrderAction(
  state: SimState,
  orderId: number,
  actionId: string,
  actorId: number,
  opts: RunActionOptions = {},
): ActionResult {
  const order = state.getOrder(orderId);
  if (!order) throw new DomainError('order_not_found', 'Order not found.');
  const action = state.workflow.actions[actionId];
  if (!opts.skipChecks) {
    if (!action || !availableActionIds(state.workflow, order).includes(actionId)) {
      throw new DomainError('not_available', 'Available action not found for the specified order.');
    }
    if (!mayRun(state, actorId, actionId)) throw new DomainError('forbidden', 'Access denied');
  } else if (!action) {
    throw new DomainError('not_available', 'Action not found.');
  }
  const missing = action.requiredFields?.find((field) => !opts.params?.[field.name]);
  if (missing)
    throw new DomainError('invalid_param', action.requiredMessage ?? `Required field is missing: ${missing.name}`);
  const now = toSecond(state.clock.now());
  const shift = state.shop.shiftSeconds;
  const before = order.stateId;
  const after = actionId === 'restore' ? previousState(state, order) : (action.state ?? before);
  const update: Record<string, UpdateValue> = {};

  if (action.setsPaid && order.paidAt === null) {
    const local = new Date(now + shift * 1000);
    update.paid_year = String(local.getUTCFullYear());
    update.paid_quarter = Math.floor(local.getUTCMonth() / 3) + 1;
    update.paid_month = String(local.getUTCMonth() + 1);
    update.paid_date = shopDate(now, shift);
    update.paid_datetime = shopDatetime(now, shift);
    const first = isFirstPaid(state, order);
    update.is_first = first ? 1 : 0;
    order.paidAt = now;
    order.isFirst = first;
  }
  if (action.setsAuth && order.authAt === null) {
    update.auth_date = shopDate(now, shift);
    order.authAt = now;
  }
  if (action.clearsPaid && order.paidAt !== null) {
    Object.assign(update, {
      paid_year: null,
      paid_quarter: null,
      paid_month: null,
      paid_date: null,
      paid_datetime: null,
    });
    order.paidAt = null;
  }
  // Stock is written off once the order leaves "new" (stock_counting_action = processing).
  if (!['new', 'deleted', 'refunded'].includes(after) && order.params.reduced !== '1') {
    order.params = { ...order.params, reduced: '1', reduce_times: String(Number(order.params.reduce_times ?? 0) + 1) };
  } else if (['deleted', 'refunded'].includes(after) && order.params.reduced === '1') {
    order.params = { ...order.params, reduced: '0' };
  }
  if (actionId === 'ship' && opts.params?.tracking_number) {
    order.params = { ...order.params, tracking_number: opts.params.tracking_number };
  }
  order.stateId = after;
  state.orders.setUpdatedAt(order, now);
  update.update_datetime = shopDatetime(now, shift);

  const hasText = action.replyText || (opts.text !== undefined && opts.text !== '');
  const log: OrderLogEntry = {
    id: state.orders.nextLogId++,
    orderId: order.id,
    contactId: actorId,
    actionId,
    datetime: now,
    beforeStateId: before,
    afterStateId: after,
    text: opts.text !== undefined ? opts.text : action.replyText ? '' : null,
    params: { ...(opts.params ?? {}) },
  };
  state.orders.writableLog(order).push(log);

  const core: Record<string, unknown> = {
    order_id: order.id,
    action_id: actionId,
    before_state_id: before,
    after_state_id: after,
    id: log.id,
  };
  if (Object.keys(log.params).length) core.params = log.params;
  const text = hasText ? { text: log.text ?? '' } : {};
  const reply = Object.keys(update).length > 1 ? { update, ...text, ...core } : { ...text, ...core, update };

  state.emit(`order_action:${order.id}:${actionId}`);
  state.afterOrderAction(order, actionId, log, actorId, opts);
  return { log, update, reply };
}

export interface AddOrderInput {
  contactId: number | null;
  items: { skuId: number; quantity: number; services?: { serviceVariantId: number }[] }[];
  comment?: string;
  params?: Record<string, string>;
  /** params.storefront; default: the API host ('' = backend "manual" order) */
  storefront?: string;
  shipping?: number;
  discount?: number;
  actorId: number;
  /** POST crm_deal[id]: link this deal (built-in integration) */
  crmDealId?: number;
  createdAt?: number;
}

/** An order's line of a catalog SKU, as shop.order.getInfo shows a product (no services, no discount). */
export function productItem(sku: CatalogSku, id: number, orderId: number, quantity: number): OrderItem {
  return {
    id,
    orderId,
    name: sku.name,
    productId: sku.productId,
    skuId: sku.skuId,
    skuCode: sku.skuCode,
    type: 'product',
    serviceId: null,
    serviceVariantId: null,
    price: sku.price,
    quantity,
    parentId: null,
    purchasePrice: 0,
    totalDiscount: 0,
  };
}

export function addOrder(state: SimState, input: AddOrderInput): Order {
  if (input.contactId !== null && !state.contact(input.contactId)) {
    throw new DomainError('invalid_param', 'Contact not found.');
  }
  if (!input.items.length) throw new DomainError('invalid_param', 'Order must contain at least one product.');
  const id = state.orders.nextOrderId;
  const items: OrderItem[] = [];
  let subtotal = 0;
  for (const line of input.items) {
    const sku = state.catalog.find((s) => s.skuId === Number(line.skuId));
    if (!sku) throw new DomainError('invalid_param', `Unknown SKU ID: ${line.skuId}`);
    const quantity = Number(line.quantity) > 0 ? Number(line.quantity) : 1;
    const product = productItem(sku, state.orders.nextItemId++, id, quantity);
    items.push(product);
    subtotal += sku.price * quantity;
    for (const s of line.services ?? []) {
      const service = state.services.find((v) => v.variantId === Number(s.serviceVariantId));
      if (!service) throw new DomainError('invalid_param', `Unknown service variant: ${s.serviceVariantId}`);
      items.push({
        ...product,
        id: state.orders.nextItemId++,
        name: service.name,
        type: 'service',
        serviceId: service.serviceId,
        serviceVariantId: service.variantId,
        price: service.price,
        parentId: product.id,
      });
      subtotal += service.price * quantity;
    }
  }
  const now = toSecond(input.createdAt ?? state.clock.now());
  const storefront = input.storefront ?? state.host;
  const discount = input.discount ?? 0;
  const shipping = input.shipping ?? 0;
  const order: Order = {
    id,
    contactId: input.contactId,
    createdAt: now,
    updatedAt: null,
    stateId: 'new',
    total: Math.round((subtotal - discount + shipping) * 10000) / 10000,
    currency: state.shop.currency,
    rate: 1,
    tax: 0,
    shipping,
    discount,
    assignedContactId: null,
    paidAt: null,
    authAt: null,
    isFirst: false,
    unsettled: false,
    comment: input.comment ?? '',
    shippingAt: null,
    items,
    log: [],
    // Checkout and the backend always record the shipping and payment chosen and the referring
    // host; the storefront is decided by the caller (shop.order.add forces the installation's
    // domain), so a request's params[storefront] never overrides it.
    params: {
      ip: '127.0.0.1',
      user_agent: 'api',
      sales_channel: storefront ? `storefront:${storefront}` : 'backend:',
      shipping_id: '1',
      payment_id: '1',
      referer_host: state.host.replace(/:\d+$/, ''),
      ...(input.params ?? {}),
      storefront,
    },
  };
  order.log!.push({
    id: state.orders.nextLogId++,
    orderId: id,
    contactId: input.actorId,
    actionId: 'create',
    datetime: now,
    beforeStateId: '',
    afterStateId: 'new',
    text: null,
    params: {},
  });
  state.orders.add(order);
  state.emit(`order_add:${id}`);
  state.afterOrderAction(order, 'create', order.log![0], input.actorId, { crmDealId: input.crmDealId });
  return order;
}
