// Shop-Script's order JSON: raw DB strings, local datetimes, HTML-escaped names.
import { decimal3, decimal4, decimal8, htmlEscape, shopDate, shopDatetime } from '../../state/format';
import type { SimState } from '../../state/state';
import type { Order, OrderItem } from '../../state/types';

const str = (n: number | null) => (n === null ? null : String(n));

/** The shop_order columns, in table order. */
function orderColumns(state: SimState, o: Order): Record<string, unknown> {
  const shift = state.shop.shiftSeconds;
  const paidLocal = o.paidAt === null ? null : new Date(o.paidAt + shift * 1000);
  return {
    id: String(o.id),
    contact_id: str(o.contactId),
    create_datetime: shopDatetime(o.createdAt, shift),
    update_datetime: shopDatetime(o.updatedAt, shift),
    state_id: o.stateId,
    total: decimal4(o.total),
    currency: o.currency,
    rate: decimal8(o.rate),
    tax: decimal4(o.tax),
    shipping: decimal4(o.shipping),
    discount: decimal4(o.discount),
    assigned_contact_id: str(o.assignedContactId),
    paid_year: paidLocal ? String(paidLocal.getUTCFullYear()) : null,
    paid_quarter: paidLocal ? String(Math.floor(paidLocal.getUTCMonth() / 3) + 1) : null,
    paid_month: paidLocal ? String(paidLocal.getUTCMonth() + 1) : null,
    paid_date: shopDate(o.paidAt, shift),
    paid_datetime: shopDatetime(o.paidAt, shift),
    auth_date: shopDate(o.authAt, shift),
    is_first: o.isFirst ? '1' : '0',
    unsettled: o.unsettled ? '1' : '0',
    comment: o.comment,
    courier_contact_id: null,
    fulfillment_contact_id: null,
    cashier_contact_id: null,
    manager_contact_id: null,
    shipping_datetime: shopDatetime(o.shippingAt, shift),
  };
}

function itemRow(item: OrderItem, escaped: boolean): Record<string, unknown> {
  return {
    id: String(item.id),
    order_id: String(item.orderId),
    name: escaped ? htmlEscape(item.name) : item.name,
    product_id: String(item.productId),
    sku_id: String(item.skuId),
    sku_code: item.skuCode,
    type: item.type,
    service_id: str(item.serviceId),
    service_variant_id: str(item.serviceVariantId),
    price: decimal4(item.price),
    quantity: decimal3(item.quantity),
    quantity_denominator: '1',
    parent_id: str(item.parentId),
    stock_id: null,
    virtualstock_id: null,
    stock_unit_id: '0',
    purchase_price: decimal4(item.purchasePrice),
    total_discount: decimal4(item.totalDiscount),
    tax_percent: null,
    tax_included: '0',
  };
}

/** Products first, each followed by its services (the order getInfo shows). */
function orderedItems(items: OrderItem[]): OrderItem[] {
  const out: OrderItem[] = [];
  for (const p of items) {
    if (p.type !== 'product') continue;
    out.push(p, ...items.filter((s) => s.type === 'service' && s.parentId === p.id));
  }
  return out;
}

/** One order as shop.order.search lists it. */
export function searchRow(
  state: SimState,
  o: Order,
  escaped: boolean,
  fields: readonly string[] = [],
): Record<string, unknown> {
  const row: Record<string, unknown> = {
    ...orderColumns(state, o),
    items: orderedItems(state.orders.items(o)).map((item, sort) => ({ ...itemRow(item, escaped), sort })),
    params: { ...o.params },
    id_encoded: state.encodeOrderId(o.id),
  };
  // The extra field `contact`: the customer, its name escaped unless escape=0 (as the real API does).
  if (fields.includes('contact')) {
    const c = state.contact(o.contactId);
    const name = customerName(state, o.contactId);
    row.contact = c
      ? {
          id: String(c.id),
          name: escaped ? htmlEscape(name) : name,
          email: c.email,
          phone: c.phone,
          registered: !!c.password,
          photo_50x50: '/wa-content/img/userpic.svg',
        }
      : null;
  }
  return row;
}

export function customerName(state: SimState, contactId: number | null): string {
  const c = state.contact(contactId);
  return c ? [c.firstname, c.middlename, c.lastname].filter(Boolean).join(' ') : '';
}

/** shop.order.getInfo: always escaped, items keyed by id. */
export function orderInfo(state: SimState, o: Order): Record<string, unknown> {
  const c = state.contact(o.contactId);
  const items: Record<string, unknown> = {};
  for (const item of orderedItems(state.orders.items(o))) {
    items[String(item.id)] = {
      ...itemRow(item, true),
      image_id: null,
      image_filename: '',
      sku_image_id: null,
      ext: null,
      file_name: '',
      file_size: '0',
    };
  }
  const params = Object.fromEntries(Object.entries(o.params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const info: Record<string, unknown> = {
    ...orderColumns(state, o),
    params,
    contact: c
      ? {
          id: String(c.id),
          name: htmlEscape(customerName(state, c.id)),
          email: c.email,
          phone: c.phone,
          registered: !!c.password,
          photo_50x50: '/wa-content/img/userpic.svg',
        }
      : null,
    items,
    items_total_discount: state.orders.items(o).reduce((s, i) => s + i.totalDiscount, 0),
  };
  if (o.params.coupon_id)
    info.coupon = { id: o.params.coupon_id, code: 'WELCOME20', type: '$FS', value: decimal4(o.discount) };
  return info;
}
