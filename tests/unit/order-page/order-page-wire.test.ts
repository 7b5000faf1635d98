import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { orderPageMessages } from '@/utils/messaging/messages/order-page';
import { syncMessages } from '@/utils/messaging/messages/sync';
import { replies, type Reply } from '@/components/order-control/wire/replies';
import { safeCheck, type Check } from '@/utils/validate/tiny';

/**
 * The content script checks replies with small validators instead of zod (size). These
 * tests hold them to the zod message schemas: same types, and same verdict on valid
 * replies and on each kind of corruption.
 */

const deal = {
  id: 7, name: 'Deal', funnelId: 1, funnelName: 'Sales', funnelColor: null, stageId: 2, stageName: 'Stage', stageColor: '#fff',
  status: 'OPEN', ownerName: null, amount: 12.5, currency: 'USD', createdAt: null, url: 'http://x/webasyst/crm/deal/7/',
};
const item = {
  id: 'i', status: 'problem', orderId: 3, orderNumber: '#1003', dealId: null, dealName: null, effect: 'e', reason: 'r',
  problem: 'p', since: 1, attempts: 2, orderUrl: null, dealUrl: null,
};
const samples = {
  'order.context': { connected: true, deal, pending: [item], problems: [] },
  'order.pickerData': {
    deals: [deal],
    funnels: [{ id: 1, name: 'Sales', color: null, isArchived: false, stages: [{ id: 2, name: 'S', color: null }] }],
    users: [{ id: 1, name: 'A' }],
    me: { id: 1, name: 'A' },
    defaults: { funnelId: null, stageId: 2 },
  },
  'order.checkLink': { ok: false, reason: 'deal_closed', linkedDeal: null },
  'order.linked': deal,
  'sync.retry': { accepted: true },
  'sync.nudge': { accepted: false },
} as const;

const zodSchemas = {
  ...Object.fromEntries(Object.entries(orderPageMessages).map(([k, v]) => [k, v.response])),
  'sync.retry': syncMessages['sync.retry'].response,
  'sync.nudge': syncMessages['sync.nudge'].response,
} as unknown as Record<keyof typeof replies, z.ZodType>;

/** Every way to break a reply one step at a time: drop a key, wrong types, null where not allowed. */
function* corruptions(value: unknown, path: string[] = []): Generator<[string, unknown]> {
  if (Array.isArray(value)) {
    yield [path.join('.') + ' → object', {}];
    for (let i = 0; i < value.length; i++) {
      for (const [where, bad] of corruptions(value[i], [...path, String(i)])) {
        const copy = [...value];
        copy[i] = bad;
        yield [where, copy];
      }
    }
    return;
  }
  if (value && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      const rest = { ...(value as Record<string, unknown>) };
      delete rest[key];
      yield [[...path, key].join('.') + ' missing', rest];
      for (const [where, bad] of corruptions((value as Record<string, unknown>)[key], [...path, key])) {
        yield [where, { ...(value as Record<string, unknown>), [key]: bad }];
      }
    }
    return;
  }
  yield [path.join('.') + ' → array', []];
  yield [path.join('.') + ' → text', typeof value === 'string' ? 12 : 'text'];
  if (value !== null) yield [path.join('.') + ' → null', null];
  if (typeof value === 'number') yield [path.join('.') + ' → 1.5 or -1', Number.isInteger(value) ? 1.5 : Number.NaN];
}

describe.each(Object.keys(replies) as Array<keyof typeof replies>)('%s', (type) => {
  it('accepts what zod accepts and rejects what zod rejects', () => {
    const sample = samples[type];
    const check = replies[type] as Check<unknown>;
    expect(zodSchemas[type].safeParse(sample).success).toBe(true);
    expect(safeCheck(check, sample)).toEqual({ ok: true, value: zodSchemas[type].parse(sample) });
    let compared = 0;
    for (const [where, bad] of corruptions(sample)) {
      const zod = zodSchemas[type].safeParse(bad).success;
      const tiny = safeCheck(check, bad).ok;
      expect({ where, tiny }).toEqual({ where, tiny: zod });
      compared++;
    }
    expect(compared).toBeGreaterThan(2);
  });
});

describe('types', () => {
  it('match the zod message types exactly', () => {
    expectTypeOf<Reply<'order.context'>>().toEqualTypeOf<z.output<(typeof orderPageMessages)['order.context']['response']>>();
    expectTypeOf<Reply<'order.pickerData'>>().toEqualTypeOf<z.output<(typeof orderPageMessages)['order.pickerData']['response']>>();
    expectTypeOf<Reply<'order.checkLink'>>().toEqualTypeOf<z.output<(typeof orderPageMessages)['order.checkLink']['response']>>();
    expectTypeOf<Reply<'order.linked'>>().toEqualTypeOf<z.output<(typeof orderPageMessages)['order.linked']['response']>>();
  });
});
