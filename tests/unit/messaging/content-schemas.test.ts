import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { contentMessageTypes, GENERATED_PATH, generateContentSchemas } from '../../../scripts/gen-content-schemas';
import * as generated from '@/utils/messaging/content-schemas.generated';
import { protocol, type MessageType } from '@/utils/messaging/protocol';
import { replySchema } from '@/utils/messaging/define';
import { safeParse, type JsonSchema } from '@/utils/validate/json-schema';
import { corruptions } from './corruptions';

/**
 * The content scripts validate with JSON Schemas generated from the protocol's zod schemas
 * and a small interpreter. These tests keep the three in step: the committed file is what
 * the generator writes today, and the interpreter judges every content message's request
 * and reply exactly as zod does, on valid samples and on every one-step corruption of them.
 */

const deal = {
  id: 7, name: 'Keyboards', funnelId: 1, funnelName: 'Sales', funnelColor: null, stageId: 2, stageName: 'Offer', stageColor: '#BFDFA7',
  status: 'OPEN', ownerName: 'Admin', amount: 12.5, currency: 'USD', createdAt: '2026-11-29T02:32:31Z', url: 'http://x/webasyst/crm/deal/7/',
};
const item = {
  id: 'i1', status: 'problem', orderId: 3, orderNumber: '#1003', dealId: 7, dealName: 'Keyboards', effect: 'Move', reason: 'Paid',
  problem: 'Needs a form', since: 1_700_000_000_000, attempts: 2, orderUrl: 'http://x/o', dealUrl: null,
  runInShop: { actionId: 'pay', actionName: 'Paid', url: 'http://x/o?dealbridge_run=1%3Apay' },
};
const pending = { ...item, id: 'i2', status: 'pending', orderId: null, dealId: null, problem: null, attempts: 0, orderUrl: null };
const order = {
  orderId: 3, number: '#1003', url: 'http://x/webasyst/shop/?action=orders#/order/3/', state: { id: 'paid', name: 'Paid', color: '#0a0' },
  paidAt: '2026-11-29 02:32:13', currency: 'USD',
  items: [
    { id: '1', name: 'Keyboard', sku: 'K-1', quantity: 2, price: 50, total: 100, services: [{ id: 's', name: 'Gift wrap', quantity: 1, price: 3.5, total: 3.5 }] },
    { id: '2', name: 'Cable', sku: null, quantity: 1, price: 5.48, total: 5.48, services: [] },
  ],
  subtotal: 108.98, discount: 0, shipping: 0, tax: 0, total: 108.98,
};
const funnels = [
  { id: 1, name: 'Sales', color: null, isArchived: false, stages: [{ id: 2, name: 'Offer', color: '#fff' }] },
  { id: 3, name: 'Old', color: '#000', isArchived: true, stages: [] },
];

/** Valid requests and replies of every content message; each nullable appears both ways. */
const samples: Record<string, { request: unknown[]; response: unknown[] }> = {
  'order.context': {
    request: [{ orderId: 3 }, { orderId: 3, customerId: 4, hintDealId: 7 }, { orderId: 3, customerId: null, hintDealId: null }],
    response: [
      { connected: true, deal, pending: [pending], problems: [item] },
      { connected: false, deal: null, pending: [], problems: [] },
    ],
  },
  'order.pickerData': {
    request: [{ orderId: 3, customerId: 4 }],
    response: [
      { deals: [deal, { ...deal, id: 9, amount: null, currency: null, ownerName: null }], funnels, users: [{ id: 1, name: 'A' }], me: { id: 1, name: 'A' }, defaults: { funnelId: 1, stageId: 2 }, newDealName: 'Order #1003' },
      { deals: [], funnels: [], users: [], me: { id: 1, name: 'A' }, defaults: { funnelId: null, stageId: null }, newDealName: 'Заказ #1003' },
    ],
  },
  'order.checkLink': {
    request: [{ orderId: 3, customerId: 4, dealId: 7 }, { orderId: 3, customerId: null, dealId: null }],
    response: [
      { ok: true, reason: null, linkedDeal: null },
      { ok: false, reason: 'order_already_linked', linkedDeal: deal },
    ],
  },
  'order.linked': { request: [{ orderId: 3, dealId: 7 }], response: [deal, { ...deal, status: 'LOST', funnelColor: '#111' }] },
  'order.loadPanel': { request: [{}], response: [{ loaded: true }] },
  'options.open': { request: [{}], response: [{ opened: true }] },
  'deal.order': {
    request: [{ dealId: 7 }],
    response: [
      { linked: true, order, orderError: null, pending: [pending], problems: [item] },
      { linked: true, order: null, orderError: { code: 'order_not_found', message: 'Gone' }, pending: [], problems: [] },
    ],
  },
  'sync.nudge': { request: [{ kind: 'order', id: 3 }, { kind: 'deal', id: 7 }], response: [{ accepted: true }, { accepted: false }] },
  'sync.now': { request: [{}], response: [{ accepted: true }] },
  'sync.retry': { request: [{ itemId: 'i1' }, { itemId: 'x'.repeat(100) }], response: [{ accepted: true }] },
  'sync.dismiss': { request: [{ itemId: 'i1' }], response: [{ accepted: false }] },
};

const byType = new Map<string, generated.ContentMessage<MessageType>>();
for (const value of Object.values(generated) as unknown[]) {
  if (typeof value === 'object' && value !== null && 'request' in value) {
    const message = value as generated.ContentMessage<MessageType>;
    byType.set(message.type, message);
  }
}

/** Same verdict as zod, and when both accept, the same output (unknown keys dropped). */
function expectSameAsZod(schema: JsonSchema, zodSchema: z.ZodType, value: unknown, where: string) {
  const expected = zodSchema.safeParse(value);
  const actual = safeParse(schema, value);
  expect({ where, accepted: actual.ok }).toEqual({ where, accepted: expected.success });
  if (expected.success && actual.ok) expect(actual.value, where).toEqual(expected.data);
}

describe('content-schemas.generated.ts', () => {
  it('is what scripts/gen-content-schemas.ts writes today (run it after changing a content message)', () => {
    expect(readFileSync(GENERATED_PATH, 'utf8')).toBe(generateContentSchemas());
  });

  it('holds exactly the messages content scripts may send', () => {
    const content = Object.entries(protocol).filter(([, def]) => def.audience === 'content').map(([type]) => type);
    expect(contentMessageTypes()).toEqual(content);
    expect([...byType.keys()].sort()).toEqual([...content].sort());
    expect(byType.has('connection.get')).toBe(false);
    expect(byType.has('settings.save')).toBe(false);
  });

  it('has samples for every content message (add some when a message is added)', () => {
    expect(Object.keys(samples).sort()).toEqual(contentMessageTypes().sort());
  });
});

describe.each(contentMessageTypes())('%s', (type) => {
  const message = byType.get(type)!;
  const def = protocol[type as MessageType];

  it.each(['request', 'response'] as const)('the %s is judged as zod judges it, on samples and every one-step corruption', (part) => {
    let compared = 0;
    for (const sample of samples[type][part]) {
      expect(def[part].safeParse(sample).success, 'the sample itself is valid').toBe(true);
      expectSameAsZod(message[part], def[part], sample, 'sample');
      expectSameAsZod(message[part], def[part], { ...(sample as object), injected: '<img onerror=x>' }, 'extra key');
      for (const [where, bad] of corruptions(sample)) {
        expectSameAsZod(message[part], def[part], bad, where);
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(3);
  });
});

describe('the reply envelope', () => {
  it.each([
    { ok: true, data: { any: 1 } },
    { ok: true, data: undefined },
    { ok: true },
    { ok: false, error: { code: 'x', message: 'y' } },
    { ok: false, error: { code: 'x' } },
    { ok: false },
    { ok: 'yes', data: 1 },
    { ok: true, data: null, extra: 1 },
    null,
    [],
    'ok',
  ])('judges %j as define.ts does', (sample) => {
    expectSameAsZod(generated.reply, replySchema, sample, 'envelope');
  });
});
