// The scale seed ({orders, deals}, e.g. 100,000 / 20,000): orders are compact
// records whose items and log rows are generated from their id on demand,
// so startup takes seconds and memory stays low.
import { insertDeal } from '../state/deal-ops';
import { productItem } from '../state/order-ops';
import type { SimState } from '../state/state';
import type { Contact, Order, OrderItem, OrderLogEntry } from '../state/types';
import { addCustomer, addManager, address, seedBase } from './base';
import { mulberry32 } from '../prng';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Deterministic, so every run builds the same shop. */
const rng = mulberry32;

/** Action paths from "new" to each state, as the log shows them. */
const PATHS: Record<string, string[]> = {
  new: [],
  processing: ['process'],
  paid: ['process', 'pay'],
  fulfilling: ['process', 'pay', 'fulfilling'],
  shipped: ['process', 'pay', 'ship'],
  completed: ['process', 'pay', 'ship', 'complete'],
  refunded: ['process', 'pay', 'refund'],
  deleted: ['delete'],
};
const STATE_WEIGHTS: [string, number][] = [
  ['new', 8],
  ['processing', 10],
  ['paid', 8],
  ['fulfilling', 4],
  ['shipped', 10],
  ['completed', 50],
  ['refunded', 3],
  ['deleted', 7],
];

function pickState(r: number): string {
  let total = 0;
  for (const [, w] of STATE_WEIGHTS) total += w;
  let x = r * total;
  for (const [id, w] of STATE_WEIGHTS) {
    x -= w;
    if (x < 0) return id;
  }
  return 'completed';
}

export function seedScale(state: SimState, orderCount: number, dealCount: number): Contact {
  const now = Math.floor(state.clock.now() / 1000) * 1000;
  const start = now - 365 * DAY;
  const admin = seedBase(state, start - DAY);
  addManager(state, start - DAY);
  const random = rng(20261129);
  const customerCount = Math.max(10, Math.min(20_000, Math.ceil(orderCount / 5)));
  const firstId = state.nextContactId;
  const first = ['Anna', 'Boris', 'Clara', 'David', 'Elena', 'Farid', 'Greta', 'Hugo', 'Irina', 'Jonas'];
  const last = ['Ivanova', 'Brown', 'Schmidt', 'Rossi', 'Dubois', 'Novak', 'Kowalski', 'Silva', 'Tanaka', 'Olsen'];
  for (let i = 0; i < customerCount; i++) {
    addCustomer(
      state,
      {
        firstname: first[i % 10],
        lastname: `${last[Math.floor(i / 10) % 10]} ${i + 1}`,
        email: `customer${i + 1}@example.com`,
        phone: `1555${String(i).padStart(7, '0')}`,
        address: address(`${i + 1} Long Rd`, 'Springfield', 'IL', 'Illinois', '62701'),
      },
      start - DAY,
    );
  }

  const catalog = state.catalog;
  const linesOf = (orderId: number): [number, number][] => {
    const r = rng(orderId * 7919);
    const n = 1 + Math.floor(r() * 3);
    const lines: [number, number][] = [];
    for (let k = 0; k < n; k++) lines.push([1 + Math.floor(r() * catalog.length), 1 + Math.floor(r() * 3)]);
    return lines;
  };
  state.orders.lazy = {
    items(order: Order): OrderItem[] {
      return linesOf(order.id).map(([skuId, quantity], k) =>
        productItem(catalog[skuId - 1], order.gen!.itemBase + k, order.id, quantity),
      );
    },
    log(order: Order): OrderLogEntry[] {
      const path = PATHS[order.stateId] ?? [];
      const end = order.updatedAt ?? order.createdAt;
      const step = path.length ? Math.floor((end - order.createdAt) / path.length / 1000) * 1000 : 0;
      const rows: OrderLogEntry[] = [
        {
          id: order.gen!.logBase,
          orderId: order.id,
          contactId: order.contactId,
          actionId: 'create',
          datetime: order.createdAt,
          beforeStateId: '',
          afterStateId: 'new',
          text: null,
          params: {},
        },
      ];
      let before = 'new';
      path.forEach((actionId, k) => {
        const after = state.workflow.actions[actionId].state ?? before;
        rows.push({
          id: order.gen!.logBase + k + 1,
          orderId: order.id,
          contactId: admin.id,
          actionId,
          datetime: k === path.length - 1 ? end : order.createdAt + step * (k + 1),
          beforeStateId: before,
          afterStateId: after,
          text: actionId === 'pay' ? '' : null,
          params: {},
        });
        before = after;
      });
      return rows;
    },
  };

  const storefronts = [state.host, state.host, state.host, `${state.host}/wholesale/`, ''];
  const paramSets = storefronts.map((sf) =>
    Object.freeze({
      storefront: sf,
      ip: '',
      user_agent: 'Mozilla/5.0',
      sales_channel: sf ? `storefront:${sf}` : 'backend:',
      signup_url: '',
      shipping_id: '1',
      payment_id: '1',
      referer_host: state.host.replace(/:\d+$/, ''),
    }),
  );
  const span = now - HOUR - start;
  let itemId = state.orders.nextItemId;
  let logId = state.orders.nextLogId;
  for (let id = 1; id <= orderCount; id++) {
    const createdAt = start + Math.floor((span * id) / (orderCount + 1) / 1000) * 1000;
    const stateId = pickState(random());
    const path = PATHS[stateId];
    const updatedAt = path.length ? Math.min(now - HOUR, createdAt + Math.floor(random() * 72) * HOUR + 1000) : null;
    const lines = linesOf(id);
    const total = lines.reduce((sum, [skuId, q]) => sum + catalog[skuId - 1].price * q, 0);
    const paid = path.includes('pay') ? updatedAt : null;
    const order: Order = {
      id,
      contactId: firstId + Math.floor(random() * customerCount),
      createdAt,
      updatedAt,
      stateId,
      total: Math.round(total * 100) / 100,
      currency: 'USD',
      rate: 1,
      tax: 0,
      shipping: 0,
      discount: 0,
      assignedContactId: null,
      paidAt: paid,
      authAt: null,
      isFirst: false,
      unsettled: false,
      comment: '',
      shippingAt: null,
      params: paramSets[id % paramSets.length] as Record<string, string>,
      gen: { itemBase: itemId, logBase: logId },
    };
    itemId += lines.length;
    logId += 1 + path.length;
    state.orders.add(order);
  }
  state.orders.nextItemId = itemId;
  state.orders.nextLogId = logId;

  // Deals: about half linked to distinct orders (their customer is the client).
  const stagesOf = state.funnels.map((f) => f.stages);
  const linkedCount = Math.min(orderCount, Math.ceil(dealCount / 2));
  const step = linkedCount ? Math.max(1, Math.floor(orderCount / linkedCount)) : 1;
  for (let k = 0; k < dealCount; k++) {
    // Every other deal is linked, to distinct orders spread over the whole range.
    const linkedOrder = k % 2 === 0 && k / 2 < linkedCount ? state.getOrder(1 + (k / 2) * step) : undefined;
    const stages = stagesOf[k % stagesOf.length];
    const stage = stages[Math.floor(random() * stages.length)];
    const r = random();
    const contactId = linkedOrder?.contactId ?? firstId + Math.floor(random() * customerCount);
    const createdAt = start + Math.floor((span * k) / Math.max(1, dealCount) / 1000) * 1000;
    const _deal = insertDeal(
      state,
      {
        name: linkedOrder ? `Order ${state.encodeOrderId(linkedOrder.id)}` : `Deal ${k + 1}`,
        stageId: stage.id,
        contactId,
        amount: linkedOrder ? linkedOrder.total : Math.round(random() * 5000),
        currencyId: 'USD',
        externalId: linkedOrder ? `shop:${linkedOrder.id}` : null,
        createdAt,
        statusId: r < 0.15 ? 'WON' : r < 0.25 ? 'LOST' : 'OPEN',
      },
      admin.id,
    );
    state.history.entries[state.history.entries.length - 1].createdAt = createdAt;
  }
  return admin;
}
