import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toLinkedOrder } from '@/utils/orders/linked-order';
import { orderUrl } from '@/utils/webasyst/urls';
import { linkedOrderSchema } from '@/utils/messaging/messages/deal-page';
import { shopOrderSchema, shopSettingsSchema } from '@/utils/api/schemas/shop';

const captures = resolve(__dirname, '../../../../shared/webasyst/captures');
const read = (name: string) => JSON.parse(readFileSync(resolve(captures, name), 'utf8'));

// The real replies, through the API client's own schemas, as the background gets them.
const settings = shopSettingsSchema.parse(read('shop.settings.get.json'));
const context = { baseUrl: 'https://shop.example.com/', states: settings.order_states, number: '#1003' };
const rawOrder = read('shop.order.getInfo_3.json');

describe('toLinkedOrder on the captured order 3', () => {
  const panel = toLinkedOrder(shopOrderSchema.parse(rawOrder), context);

  it('is a valid LinkedOrder message', () => {
    expect(linkedOrderSchema.safeParse(panel).success).toBe(true);
  });

  it('numbers and links the order as Shop-Script shows it', () => {
    expect(panel.orderId).toBe(3);
    expect(panel.number).toBe('#1003');
    expect(panel.url).toBe('https://shop.example.com/webasyst/shop/?action=orders#/order/3/');
  });

  it('takes the state name and colour from shop.settings.get', () => {
    const paid = read('shop.settings.get.json').order_states.find((s: { id: string }) => s.id === 'paid');
    expect(panel.state).toEqual({ id: 'paid', name: 'Paid', color: paid.options.style.color });
    expect(panel.state.color).toMatch(/^#[0-9a-f]{3,8}$/i);
  });

  it('reads paid time, currency and amounts from Shop’s strings', () => {
    expect(panel.paidAt).toBe('2026-11-29 02:32:13');
    expect(panel.currency).toBe('USD');
    expect(panel.items.map((i) => [i.name, i.sku, i.quantity, i.price, i.total])).toEqual([
      ['Mechanical Keyboard', 'KBD-MX', 1, 89, 89],
      ['USB-C Cable 1m', 'CABLE-C1', 2, 9.99, 19.98],
    ]);
    expect(panel.subtotal).toBe(108.98);
    expect([panel.discount, panel.shipping, panel.tax, panel.total]).toEqual([0, 0, 0, 108.98]);
  });
});

describe('toLinkedOrder on an order with services, a discount and shipping', () => {
  const keyboard = rawOrder.items['4'];
  const raw = {
    ...rawOrder,
    state_id: 'processing',
    paid_date: null,
    paid_datetime: null,
    discount: '10.0000',
    shipping: '15.5000',
    tax: '2.0000',
    total: '151.4800',
    items: {
      // Keys in an order Shop could send; services point to their product by parent_id.
      '12': {
        ...keyboard,
        id: '12',
        name: 'Warranty',
        type: 'service',
        parent_id: '4',
        price: '12.5000',
        quantity: '2.000',
      },
      '4': keyboard,
      '9': {
        ...keyboard,
        id: '9',
        name: 'Gift wrap',
        type: 'service',
        sku_code: '',
        parent_id: '4',
        price: '5.0000',
        quantity: '1.000',
      },
      '5': { ...rawOrder.items['5'], name: 'Cable &lt;b&gt;bold&lt;/b&gt; &amp; &quot;more&quot; &#039;x&#039;' },
      '11': {
        ...keyboard,
        id: '11',
        name: 'Orphan service',
        type: 'service',
        parent_id: '99',
        price: '1.0000',
        quantity: '1.000',
      },
    },
  };
  const panel = toLinkedOrder(shopOrderSchema.parse(raw), context);

  it('puts services under their product, whatever the key order', () => {
    expect(panel.items.map((i) => i.id)).toEqual(['4', '5', '11']);
    expect(panel.items[0].services.map((s) => [s.name, s.quantity, s.price, s.total])).toEqual([
      ['Gift wrap', 1, 5, 5],
      ['Warranty', 2, 12.5, 25],
    ]);
    expect(panel.items[0].sku).toBe('KBD-MX');
    expect(panel.items[2]).toMatchObject({ name: 'Orphan service', sku: null, services: [] });
  });

  it('shows Shop’s HTML-escaped names as the plain text a person typed', () => {
    expect(panel.items[1].name).toBe('Cable <b>bold</b> & "more" \'x\'');
  });

  it('sums the subtotal over products and services and keeps the order’s own totals', () => {
    expect(panel.subtotal).toBeCloseTo(89 + 5 + 25 + 19.98 + 1, 4);
    expect([panel.discount, panel.shipping, panel.tax, panel.total]).toEqual([10, 15.5, 2, 151.48]);
    expect(panel.paidAt).toBeNull();
    expect(panel.state.name).toBe('Confirmed');
    expect(linkedOrderSchema.safeParse(panel).success).toBe(true);
  });

  it('shows an unknown state by its id, and never passes a non-hex colour through', () => {
    const order = shopOrderSchema.parse(raw);
    const custom = {
      id: 'custom',
      name: 'Custom',
      options: { icon: null, color: 'red;background:url(x)' },
      available_actions: [],
    };
    expect(toLinkedOrder({ ...order, state_id: 'custom' }, { ...context, states: [custom] }).state).toEqual({
      id: 'custom',
      name: 'Custom',
      color: null,
    });
    expect(toLinkedOrder({ ...order, state_id: 'gone' }, context).state).toEqual({
      id: 'gone',
      name: 'gone',
      color: null,
    });
  });
});

it('builds the order URL with or without a trailing slash', () => {
  expect(orderUrl('http://127.0.0.1:1234', 7)).toBe('http://127.0.0.1:1234/webasyst/shop/?action=orders#/order/7/');
  expect(orderUrl('http://127.0.0.1:1234/', 7)).toBe('http://127.0.0.1:1234/webasyst/shop/?action=orders#/order/7/');
});
