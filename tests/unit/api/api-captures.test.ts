import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import * as shop from '@/utils/api/schemas/shop';
import * as crm from '@/utils/api/schemas/crm';
import { webasystInfoSchema } from '@/utils/api/schemas/webasyst';
import { isErrorBody } from '@/utils/api/classify';

// Real replies of a running installation, kept beside the repository.
const CAPTURES = resolve(import.meta.dirname, '../../../../shared/webasyst/captures');

function capture(name: string): unknown {
  return JSON.parse(readFileSync(resolve(CAPTURES, name), 'utf8'));
}

/** Which schema parses which capture (by file name prefix). */
const SCHEMA_BY_PREFIX: Array<[RegExp, z.ZodType]> = [
  [/^shop\.order\.search/, shop.shopOrderSearchSchema],
  [/^shop\.order\.getInfo/, shop.shopOrderSchema],
  [/^shop\.order\.actions_/, shop.shopOrderActionsSchema],
  [/^shop\.order\.action_(?!.*NOT_AVAILABLE)/, shop.shopOrderActionResultSchema],
  [/^shop\.order\.log/, shop.shopOrderLogSchema],
  [/^shop\.settings\.get/, shop.shopSettingsSchema],
  [/^crm\.deal\.list/, crm.crmDealListSchema],
  [/^crm\.deal\.(info|shopaction)/, crm.crmDealSchema],
  [/^crm\.funnel\.list/, crm.crmFunnelListSchema],
  [/^crm\.history/, crm.crmHistorySchema],
  [/^crm\.user\.me/, crm.crmUserSchema],
  [/^crm\.user\.list/, crm.crmUserListSchema],
  [/^crm\.currency\.list/, crm.crmCurrencyListSchema],
  [/^webasyst\.getInfo/, webasystInfoSchema],
];

const files = readdirSync(CAPTURES).filter((f) => f.endsWith('.json'));

describe('every capture of a method Dealbridge uses parses with its schema', () => {
  const covered = files.filter((f) => SCHEMA_BY_PREFIX.some(([re]) => re.test(f)));
  it('covers the captures of the methods in use', () => {
    expect(covered.length).toBeGreaterThanOrEqual(28);
  });
  for (const file of covered) {
    it(file, () => {
      const schema = SCHEMA_BY_PREFIX.find(([re]) => re.test(file))![1];
      const result = schema.safeParse(capture(file));
      if (!result.success) throw new Error(`${file}: ${JSON.stringify(result.error.issues.slice(0, 3))}`);
    });
  }
  it('error captures are recognised as Webasyst error bodies', () => {
    const errors = files.filter((f) => f.startsWith('error_') || f.includes('NOT_AVAILABLE'));
    expect(errors.length).toBeGreaterThanOrEqual(7);
    for (const file of errors) expect(isErrorBody(capture(file)), file).toBe(true);
  });
});

describe('Shop replies become plain values', () => {
  it('getInfo: numbers from strings, items keyed by id become an array ordered by id', () => {
    const order = shop.shopOrderSchema.parse(capture('shop.order.getInfo_3.json'));
    expect(order.id).toBe(3);
    expect(order.total).toBe(108.98);
    expect(order.contact_id).toBe(4);
    expect(order.items.map((i) => i.id)).toEqual([4, 5]);
    expect(order.items[1]).toMatchObject({
      name: 'USB-C Cable 1m',
      price: 9.99,
      quantity: 2,
      sku_code: 'CABLE-C1',
      parent_id: null,
    });
    expect(order.params.storefront).toBe('127.0.0.1:8080');
  });

  it('search: id_encoded and array items; an untouched order has update_datetime null', () => {
    const reply = shop.shopOrderSearchSchema.parse(capture('shop.order.search.json'));
    expect(reply.count).toBe(7);
    const seven = reply.orders.find((o) => o.id === 7)!;
    expect(seven.id_encoded).toBe('#1007');
    expect(seven.update_datetime).toBeNull();
    expect(seven.items[0].quantity).toBe(4);
  });

  it('log: params [] becomes {}; mixed number/string fields in the action reply are accepted', () => {
    const log = shop.shopOrderLogSchema.parse(capture('shop.order.log_4.json'));
    expect(log[0]).toMatchObject({ id: 12, order_id: 4, action_id: 'ship', params: {}, text: null });
    const pay = shop.shopOrderActionResultSchema.parse(capture('shop.order.action_3_pay.json'));
    expect(pay).toMatchObject({ id: 9, order_id: 3, action_id: 'pay', after_state_id: 'paid' });
  });

  it('actions: data_required tells actions with a form apart', () => {
    const actions = shop.shopOrderActionsSchema.parse(capture('shop.order.actions_1.json'));
    expect(actions.find((a) => a.id === 'process')?.data_required).toBe(false);
    expect(actions.find((a) => a.id === 'pay')?.data_required).toBe(true);
  });

  it('settings: states with colour and actions, the order format', () => {
    const settings = shop.shopSettingsSchema.parse(capture('shop.settings.get.json'));
    expect(settings.version).toBe('12.4.0');
    expect(settings.settings.orderFormat).toBe('#100{$order.id}');
    const paid = settings.order_states.find((s) => s.id === 'paid')!;
    expect(paid.available_actions).toContain('ship');
    expect(settings.order_states.find((s) => s.id === 'new')!.options.color).toBe('#22d13d');
  });

  it('HTML-escaped names are unescaped (and stay text)', () => {
    const raw = capture('shop.order.getInfo_3.json') as {
      items: Record<string, { name: string }>;
      contact: { name: string };
    };
    raw.items['4'].name = 'Mug &quot;Best&quot; &amp; co &lt;script&gt;';
    raw.contact.name = 'O&#039;Brien';
    const order = shop.shopOrderSchema.parse(raw);
    expect(order.items[0].name).toBe('Mug "Best" & co <script>');
    expect(order.contact?.name).toBe("O'Brien");
  });

  it('a reply missing a required field is refused', () => {
    const raw = capture('shop.order.getInfo_3.json') as Record<string, unknown>;
    delete raw.state_id;
    expect(shop.shopOrderSchema.safeParse(raw).success).toBe(false);
    const bad = capture('shop.order.getInfo_3.json') as { total: string };
    bad.total = 'lots';
    expect(shop.shopOrderSchema.safeParse(bad).success).toBe(false);
  });
});

describe('CRM replies', () => {
  it('deal.info keeps external_id; stages are sorted by number', () => {
    const deal = crm.crmDealSchema.parse(capture('crm.deal.info_4_linked_order4.json'));
    expect(deal).toMatchObject({
      id: 4,
      external_id: 'shop:4',
      status_id: 'OPEN',
      contact_id: 5,
      user_contact_id: 1,
      amount: 4300,
    });
    const funnels = crm.crmFunnelListSchema.parse(capture('crm.funnel.list.json'));
    expect(funnels[1].stages.map((s) => s.number)).toEqual([0, 1, 2, 3]);
  });

  it('deal.list items carry nested funnel/stage and the total count', () => {
    const list = crm.crmDealListSchema.parse(capture('crm.deal.list.json'));
    expect(list.params.total_count).toBe(5);
    expect(list.data[0]).toMatchObject({
      funnel: { id: 1, name: 'Sales' },
      stage: { id: 2 },
      shop_order: null,
      user: null,
    });
  });

  it('deal.list read for links only: the same ids, places and links as the full reading', () => {
    const full = crm.crmDealListSchema.parse(capture('crm.deal.list.json'));
    const links = crm.crmDealListLinksSchema.parse(capture('crm.deal.list.json'));
    expect(links.params.total_count).toBe(full.params.total_count);
    expect(links.data).toEqual(
      full.data.map((d) => ({
        id: d.id,
        name: d.name,
        funnel_id: d.funnel_id,
        stage_id: d.stage_id,
        status_id: d.status_id,
        external_id: d.external_id,
      })),
    );
    expect(() =>
      crm.crmDealListLinksSchema.parse({
        params: { total_count: 1 },
        data: [{ id: 1, name: 'x', funnel_id: 1, stage_id: 1, status_id: 'MAYBE' }],
      }),
    ).toThrow();
  });

  it('history entries carry stage before/after for deal_step', () => {
    const history = crm.crmHistorySchema.parse(capture('crm.history_deals.json'));
    const step = history.log.find((e) => e.action === 'deal_step')!;
    expect(step.stage_before?.id).toBe(1);
    expect(step.stage_after?.id).toBe(2);
    expect(step.actor?.id).toBe(1);
  });

  it('an unknown deal status is refused', () => {
    const raw = capture('crm.deal.info_1.json') as Record<string, unknown>;
    raw.status_id = 'MAYBE';
    expect(crm.crmDealSchema.safeParse(raw).success).toBe(false);
  });
});
