import { describe, expect, it } from 'vitest';
import { planPreview, type PreviewOrder, type PreviewSource } from '@/utils/preview/planner';
import { previewText } from '@/utils/preview/text';
import type { DealView, HistoryItem, OrderLogItem } from '@/utils/sync/engine/ports';
import type { AvailableAction } from '@/utils/sync/model/reconcile';
import type { Settings } from '@/utils/settings/schema';
import { rule, settingsWith } from './fixtures';

/** An installation in memory: orders with logs and offered actions, deals, the CRM history. */
interface World {
  orders: Array<PreviewOrder & { log: string[]; offers?: AvailableAction[] }>;
  deals: DealView[];
  history?: HistoryItem[];
  failLogOf?: number;
}

const FUNNELS = [{ id: 1, name: 'Sales', stages: [1, 2, 3, 4, 5].map((id) => ({ id, name: `S${id}`, number: id })) }];
const offer = (id: string, dataRequired = false): AvailableAction => ({ id, name: id.toUpperCase(), dataRequired });

function source(world: World): PreviewSource & { writes: number } {
  const find = (id: number) => world.orders.find((o) => o.id === id) ?? null;
  return {
    writes: 0,
    recentOrders: async (limit) => world.orders.slice(0, limit),
    getOrder: async (id) => find(id),
    orderLog: async (id) => {
      if (id === world.failLogOf) throw new Error('HTTP 500');
      // Newest first, like shop.order.log.
      return [...find(id)!.log].reverse().map(
        (actionId, i): OrderLogItem => ({
          id: i + 1,
          actionId,
          actionName: null,
          contactId: 1,
          datetime: `2026-01-01 10:0${i}:00`,
          beforeStateId: null,
          afterStateId: null,
        }),
      );
    },
    orderActions: async (id) => find(id)?.offers ?? [],
    linkedDeal: async (order) => world.deals.find((d) => d.orderId === order.id) ?? null,
    getDeal: async (id) => world.deals.find((d) => d.id === id) ?? null,
    recentDealChanges: async () => world.history ?? [],
    funnels: async () => FUNNELS,
    actionName: (id) => ({ process: 'Process', pay: 'Paid', ship: 'Sent', complete: 'Mark as Completed' })[id] ?? id,
    stateName: (id) => id,
    userName: (id) => `User ${id}`,
    shopTime: () => 0,
  };
}

const order = (id: number, stateId: string, log: string[], extra: Partial<World['orders'][number]> = {}) => ({
  id,
  number: `#100${id}`,
  contactId: 10 + id,
  stateId,
  storefront: 'shop.example.com/',
  log,
  ...extra,
});
const deal = (id: number, orderId: number | null, stageId: number, status: DealView['status'] = 'OPEN'): DealView => ({
  id,
  name: `Deal ${id}`,
  funnelId: 1,
  stageId,
  status,
  orderId,
});
const step = (
  id: number,
  dealId: number,
  action: string,
  before: number | null = null,
  after: number | null = null,
): HistoryItem => ({
  id,
  action,
  dealId,
  actorId: 1,
  at: id * 1000,
  stageBefore: before,
  stageAfter: after,
  dealName: null,
});

const RULES: Settings = settingsWith([
  rule('process', 2),
  rule('pay', 3),
  rule('ship', 4, { direction: 'order_to_deal' }),
  rule('complete', 'won'),
]);

async function run(world: World, settings: Settings = RULES) {
  return planPreview(settings, source(world), { limit: 50, text: previewText('en') });
}

describe('preview: orders → deals', () => {
  it.each<{ name: string; world: World; expected: Array<{ orderId: number; effect: string; reason: string }> }>([
    {
      name: 'an order paid while its deal is at stage 2 moves the deal forward',
      world: { orders: [order(1, 'paid', ['create', 'process', 'pay'])], deals: [deal(7, 1, 2)] },
      expected: [{ orderId: 1, effect: 'Move deal to “S3”', reason: 'Order #1001: “Paid”; rule “Paid” → stage “S3”' }],
    },
    {
      name: 'a deal already there or further is left alone (forward only)',
      world: {
        orders: [order(1, 'paid', ['process', 'pay']), order(2, 'processing', ['process'])],
        deals: [deal(7, 1, 3), deal(8, 2, 4)],
      },
      expected: [],
    },
    {
      name: 'a won rule closes the deal; a closed-lost deal is reopened first',
      world: { orders: [order(1, 'completed', ['process', 'complete'])], deals: [deal(7, 1, 2, 'LOST')] },
      expected: [
        {
          orderId: 1,
          effect: 'Reopen the deal; Close deal as won',
          reason: 'Order #1001: “Mark as Completed”; rule “Mark as Completed” → Won',
        },
      ],
    },
    {
      name: 'actions without a rule change nothing',
      world: { orders: [order(1, 'new', ['create', 'comment'])], deals: [deal(7, 1, 1)] },
      expected: [],
    },
  ])('$name', async ({ world, expected }) => {
    const result = await run(world);
    expect(result.changes.map((c) => ({ orderId: c.orderId, effect: c.effect, reason: c.reason }))).toEqual(expected);
    expect(result.ordersExamined).toBe(world.orders.length);
  });

  it('automatic creation: a new deal for an unlinked order, then the rules for its later actions', async () => {
    const settings = {
      ...RULES,
      autoCreate: [
        {
          storefront: 'shop.example.com',
          enabled: true,
          trigger: 'order_create' as const,
          funnelId: 1,
          stageId: 1,
          ownerId: 5,
        },
      ],
    };
    const result = await run(
      {
        orders: [order(1, 'paid', ['create', 'process', 'pay']), order(2, 'new', ['create'], { contactId: null })],
        deals: [],
      },
      settings,
    );
    expect(result.changes).toHaveLength(1);
    expect(result.changes[0]).toMatchObject({
      orderId: 1,
      dealId: null,
      effect: 'Create a deal in “Sales” at “S1”, owner User 5. Then, for the new deal: Move deal to “S3”',
      reason: 'New order #1001 (shop.example.com/); automatic deal creation on “order was placed”',
    });
  });

  it('automatic creation on "confirmed" waits for the order to be processed', async () => {
    const settings = {
      ...RULES,
      autoCreate: [
        { storefront: '', enabled: true, trigger: 'order_process' as const, funnelId: 1, stageId: 1, ownerId: null },
      ],
    };
    const result = await run(
      {
        orders: [
          order(1, 'new', ['create'], { storefront: '' }),
          order(2, 'processing', ['create', 'process'], { storefront: '' }),
        ],
        deals: [],
      },
      settings,
    );
    expect(result.changes.map((c) => c.orderId)).toEqual([2]);
    expect(result.changes[0].reason).toContain('manual order');
  });

  it('an order it cannot read becomes a note, and the others are still examined', async () => {
    const result = await run({
      orders: [order(1, 'paid', ['pay']), order(2, 'paid', ['pay'])],
      deals: [deal(7, 1, 1), deal(8, 2, 1)],
      failLogOf: 1,
    });
    expect(result.notes).toEqual(['Order #1001 could not be read: HTTP 500']);
    expect(result.changes.map((c) => c.orderId)).toEqual([2]);
  });
});

describe('preview: deals → orders', () => {
  it.each<{ name: string; world: World; settings?: Settings; expected: Array<{ outcome: string; effect: string }> }>([
    {
      name: 'a deal moved to a mapped stage runs the first offered action',
      world: {
        orders: [order(1, 'processing', [], { offers: [offer('ship', true), offer('pay')] })],
        deals: [deal(7, 1, 3)],
        history: [step(5, 7, 'deal_step', 2, 3)],
      },
      expected: [{ outcome: 'change', effect: 'Run “PAY” on the order' }],
    },
    {
      name: 'an action with a form runs without it when its rule says so (the default for “Paid”)',
      world: {
        orders: [order(1, 'processing', [], { offers: [offer('pay', true)] })],
        deals: [deal(7, 1, 3)],
        history: [step(5, 7, 'deal_step', 2, 3)],
      },
      expected: [{ outcome: 'change', effect: 'Run “PAY” on the order without its form (Shop-Script’s defaults)' }],
    },
    {
      name: 'an action with a form whose rule asks is a problem for a person',
      world: {
        orders: [order(1, 'processing', [], { offers: [offer('pay', true)] })],
        deals: [deal(7, 1, 3)],
        history: [step(5, 7, 'deal_step', 2, 3)],
      },
      settings: settingsWith([rule('pay', 3, { formChoice: 'ask' })]),
      expected: [{ outcome: 'problem', effect: 'Ask a person to run “PAY” on the order with Shop-Script’s form' }],
    },
    {
      name: 'a lost deal asks a person to delete its order (the close rule’s default)',
      world: {
        orders: [order(1, 'new', [], { offers: [offer('delete', true)] })],
        deals: [deal(7, 1, 1, 'LOST')],
        history: [step(5, 7, 'deal_lost')],
      },
      expected: [{ outcome: 'problem', effect: 'Ask a person to run “DELETE” on the order with Shop-Script’s form' }],
    },
    {
      name: 'no mapped action offered and the order elsewhere is a problem',
      world: {
        orders: [order(1, 'refunded', [], { offers: [] })],
        deals: [deal(7, 1, 3)],
        history: [step(5, 7, 'deal_step', 2, 3)],
      },
      expected: [
        { outcome: 'problem', effect: 'The order is in “refunded”, which offers none of the mapped actions (“Paid”)' },
      ],
    },
    {
      name: 'an order already in the mapped action’s state is left alone',
      world: {
        orders: [order(1, 'paid', [], { offers: [] })],
        deals: [deal(7, 1, 3)],
        history: [step(5, 7, 'deal_step', 2, 3)],
      },
      expected: [],
    },
    {
      name: 'order → deal only rules never run deal → order',
      world: {
        orders: [order(1, 'paid', [], { offers: [offer('ship')] })],
        deals: [deal(7, 1, 4)],
        history: [step(5, 7, 'deal_step', 3, 4)],
      },
      expected: [],
    },
    {
      name: 'a backward move runs no rule that does not allow it',
      world: {
        orders: [order(1, 'new', [], { offers: [offer('process')] })],
        deals: [deal(7, 1, 2)],
        history: [step(5, 7, 'deal_step', 3, 2)],
      },
      expected: [],
    },
    {
      name: 'a won deal completes its order (explicit rule)',
      world: {
        orders: [order(1, 'shipped', [], { offers: [offer('complete')] })],
        deals: [deal(7, 1, 4, 'WON')],
        history: [step(5, 7, 'deal_won')],
      },
      expected: [{ outcome: 'change', effect: 'Run “COMPLETE” on the order' }],
    },
    {
      name: 'unlinked deals and non-step history are ignored',
      world: {
        orders: [],
        deals: [deal(7, null, 3), deal(8, 1, 3)],
        history: [step(5, 7, 'deal_step', 2, 3), step(6, 8, 'deal_edit')],
      },
      expected: [],
    },
  ])('$name', async ({ world, settings, expected }) => {
    const result = await run(world, settings);
    expect(
      result.changes.filter((c) => c.side === 'order').map((c) => ({ outcome: c.outcome, effect: c.effect })),
    ).toEqual(expected);
  });

  it('looks at the latest step of each deal once', async () => {
    const world: World = {
      orders: [order(1, 'processing', [], { offers: [offer('pay')] })],
      deals: [deal(7, 1, 3)],
      history: [step(9, 7, 'deal_step', 2, 3), step(4, 7, 'deal_step', 1, 2)],
    };
    const result = await run(world);
    expect(result.dealsExamined).toBe(1);
    expect(result.changes).toHaveLength(1);
    expect(result.changes[0].reason).toBe('Deal moved to “S3”; rule stage “S3” → “Paid”');
  });

  it('quotes names in the language’s own style', async () => {
    const world: World = {
      orders: [order(1, 'refunded', [], { offers: [] })],
      deals: [deal(7, 1, 3)],
      history: [step(5, 7, 'deal_step', 2, 3)],
    };
    const ru = await planPreview(RULES, source(world), { limit: 50, text: previewText('ru') });
    expect(ru.changes[0].effect).toContain('(«Paid»)');
    expect(ru.changes[0].effect).not.toMatch(/[“”]/);
  });

  it('speaks Russian when asked', async () => {
    const result = await planPreview(RULES, source({ orders: [order(1, 'paid', ['pay'])], deals: [deal(7, 1, 1)] }), {
      limit: 50,
      text: previewText('ru'),
    });
    expect(result.changes[0].effect).toBe('Перевести сделку на этап «S3»');
  });
});
