// The demo installation. Orders #1001–#1007, customers, funnels and deals 1–6
// mirror the install the captures were taken from; the rest adds every
// default state, services/discount/shipping, a hostile name and open
// unlinked deals to bind.
import { applyClose, insertDeal } from '../state/deal-ops';
import type { SimState } from '../state/state';
import type { Contact } from '../state/types';
import { addCustomer, addManager, address, seedBase } from './base';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export function seedDemo(state: SimState): Contact {
  const clock = state.clock;
  const t0 = Math.floor((clock.now() - 3 * DAY) / 1000) * 1000;
  let t = t0;
  const at = (ms: number) => {
    t = ms;
    clock.set(ms);
  };
  const admin = seedBase(state, t0 - 30 * DAY);
  const c = (id: number, firstname: string, lastname: string, email: string, phone: string, addr: Contact['address']) =>
    addCustomer(state, { id, firstname, lastname, email, phone, address: addr }, t0 - 20 * DAY);
  c(
    2,
    'John',
    'Smith',
    'john.smith@example.com',
    '15551230001',
    address('12 Main St', 'Springfield', 'IL', 'Illinois', '62701'),
  );
  c(
    3,
    'Maria',
    'Garcia',
    'maria.garcia@example.com',
    '15551230002',
    address('400 Oak Ave', 'Austin', 'TX', 'Texas', '73301'),
  );
  c(
    4,
    'Peter',
    'Novak',
    'peter.novak@example.com',
    '15551230003',
    address('7 Pine Rd', 'Portland', 'OR', 'Oregon', '97201'),
  );
  c(
    5,
    'Linda',
    'Chen',
    'linda.chen@example.com',
    '15551230004',
    address('88 Market St', 'San Francisco', 'CA', 'California', '94103'),
  );
  const manager = addManager(state, t0 - 30 * DAY);
  c(
    7,
    'Ivan',
    'Sokolov',
    'ivan.sokolov@example.com',
    '15551230005',
    address('5 Lenin St', 'Kazan', 'TA', 'Tatarstan', '420111'),
  );
  // Text that must stay inert wherever it is shown.
  c(8, '<img src=x onerror=alert(1)>', 'O\'Brien & "Sons"', 'hostile@example.com', '15551230006', null);

  const shipTo = (id: number): Record<string, string> => {
    const a = state.contact(id)!.address;
    if (!a) return {};
    return {
      'shipping_address.street': a.street,
      'shipping_address.city': a.city,
      'shipping_address.country': a.country,
      'shipping_address.region': a.region,
      'shipping_address.zip': a.zip,
    };
  };
  const order = (
    contactId: number,
    items: [number, number][],
    comment: string,
    extra: Partial<Parameters<SimState['addOrder']>[0]> = {},
  ) => {
    at(t + 2 * MIN);
    return state.addOrder({
      contactId,
      actorId: admin.id,
      comment,
      items: items.map(([skuId, quantity]) => ({ skuId, quantity })),
      params: { ...shipTo(contactId), signup_url: '', user_agent: 'Mozilla/5.0' },
      ...extra,
    });
  };
  const act = (orderId: number, action: string, text?: string, actor = admin.id) => {
    at(t + 7 * MIN);
    state.runOrderAction(orderId, action, actor, text === undefined ? {} : { text });
  };

  // #1001–#1007, as captured.
  order(
    2,
    [
      [1, 2],
      [3, 1],
    ],
    'Test order for contact 2',
  );
  order(3, [[2, 1]], 'Test order for contact 3');
  order(
    4,
    [
      [4, 1],
      [3, 2],
    ],
    'Test order for contact 4',
  );
  order(
    5,
    [
      [1, 1],
      [2, 1],
      [4, 1],
    ],
    'Test order for contact 5',
  );
  order(2, [[3, 3]], 'Test order for contact 2');
  order(3, [[4, 2]], 'Test order for contact 3');
  order(4, [[1, 4]], '');
  act(2, 'process');
  act(3, 'process');
  act(3, 'pay', '');
  act(4, 'process');
  act(4, 'pay', '');
  act(4, 'ship');
  act(5, 'complete');
  act(6, 'delete');
  act(1, 'comment', 'Customer asked to gift-wrap the mug');
  act(1, 'process');

  // #1008–#1014: the remaining default states and the special cases.
  order(5, [[5, 2]], 'Two chairs for the new office');
  act(8, 'process');
  act(8, 'pay', '');
  act(8, 'fulfilling');
  const o9 = order(2, [[6, 1]], 'Paid by card, awaiting capture');
  at(t + MIN);
  state.runOrderAction(o9.id, 'auth', admin.id, { skipChecks: true });
  o9.authAt = t;
  // POS and pickup orders are born in their state (the create log row says so).
  for (const [o, stateId] of [
    [order(4, [[3, 5]], 'Sold at the pop-up store', { storefront: '' }), 'pos'],
    [order(3, [[1, 6]], 'Customer picks up at the warehouse'), 'pickup'],
  ] as const) {
    o.stateId = stateId;
    o.log![0].afterStateId = stateId;
  }
  order(5, [[2, 2]], 'Returned: wrong colour');
  act(12, 'process');
  act(12, 'pay', '');
  act(12, 'refund', 'Refund issued');
  at(t + 2 * MIN);
  state.addOrder({
    contactId: 7,
    actorId: manager.id,
    comment: 'Office refit, gift-wrapped, express shipping',
    items: [
      { skuId: 5, quantity: 1, services: [{ serviceVariantId: 2 }] },
      { skuId: 1, quantity: 3, services: [{ serviceVariantId: 1 }] },
    ],
    discount: 20,
    shipping: 15.5,
    storefront: `${state.host}/wholesale/`,
    params: {
      ...shipTo(7),
      shipping_id: '1',
      shipping_name: 'Express courier',
      payment_id: '1',
      payment_name: 'Cash on delivery',
      coupon_id: '3',
      signup_url: '',
      user_agent: 'Mozilla/5.0',
    },
  });
  order(8, [[6, 2]], '<script>alert("order comment")</script>', { storefront: '' });

  // Funnels 1-2 come from the base; an archived one shows up in crm.funnel.list too.
  state.funnels.push({
    id: 3,
    name: 'Trade show 2025',
    sort: 1,
    icon: 'fas fa-star',
    color: '#aaaaaa',
    openColor: '#eeeeee',
    closeColor: '#aaaaaa',
    isArchived: true,
    isPinned: false,
    stages: [{ id: 10, funnelId: 3, name: 'Met at the stand', number: 1, limitHours: null, color: '#EEEEEE' }],
  });

  // Deals 1–6 as captured; deal 4 ↔ order 4 and deal 6 ↔ order 1 are linked.
  at(t + 10 * MIN);
  const deal = (d: Parameters<typeof insertDeal>[1]) => insertDeal(state, d, admin.id);
  deal({
    name: 'Office chairs for Smith & Co',
    stageId: 2,
    contactId: 2,
    amount: 2500,
    currencyId: 'USD',
    expectedDate: '2027-01-15',
    description: '20 ergonomic chairs, delivery in Q1',
  });
  deal({ name: 'Annual keyboard supply (Garcia)', stageId: 7, contactId: 3, amount: 12000, currencyId: 'USD' });
  const d3 = deal({ name: 'Novak - cables bulk order', stageId: 6, contactId: 4, amount: 800, currencyId: 'USD' });
  deal({
    name: 'Chen startup onboarding kit',
    stageId: 4,
    contactId: 5,
    amount: 4300,
    currencyId: 'USD',
    description: 'Mice, keyboards, mugs for 25 employees',
    externalId: 'shop:4',
  });
  const d5 = deal({ name: 'Garcia - mugs with logo', stageId: 1, contactId: 3, amount: 600, currencyId: 'USD' });
  at(t + 4 * MIN);
  applyClose(state, d3, 'WON', admin.id);
  at(t + 12 * MIN);
  applyClose(state, d5, 'LOST', admin.id, 7, 'Price is too high');
  at(t + 3 * HOUR);
  deal({ name: 'Order #1001', stageId: 3, contactId: 2, amount: 34.99, currencyId: 'USD', externalId: 'shop:1' });
  // Open, unlinked deals of customers, to bind an order to.
  at(t + 20 * MIN);
  deal({ name: 'Novak - desk accessories', stageId: 1, contactId: 4, amount: 150, currencyId: 'USD' });
  deal({
    name: 'Sokolov office refit',
    stageId: 2,
    contactId: 7,
    amount: null,
    currencyId: 'USD',
    userContactId: manager.id,
  });
  deal({
    name: 'Wholesale lamps for Garcia',
    stageId: 8,
    contactId: 3,
    amount: 3100,
    currencyId: 'USD',
    userContactId: manager.id,
  });

  clock.reset();
  return admin;
}
