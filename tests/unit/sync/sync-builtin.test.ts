import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_ID, startedFixture, type SyncFixture } from './sync-fixture';
import { allOutbox } from '../../../utils/db/outbox';

/**
 * Webasyst's built-in integration switched on with the same mapping: whatever it already
 * did, Dealbridge finds done. Each scenario ends in the state one runner alone reaches,
 * with every effect once.
 */
let fx: SyncFixture;
afterEach(async () => {
  await fx?.close();
});

const count = (effects: string[], prefix: string) => effects.filter((e) => e.startsWith(prefix)).length;

async function builtinFixture(): Promise<SyncFixture> {
  const fixture = await startedFixture({ builtin: true });
  fixture.sim.state.integration.mapping = {
    'shop:process_1': '2',
    'shop:pay_1': '3',
    'shop:ship_1': '4',
    'shop:complete_1': 'won',
  };
  return fixture;
}

describe('next to the built-in integration', () => {
  it('an order action the built-in already followed: the deal moves once', async () => {
    fx = await builtinFixture();
    fx.sim.state.runOrderAction(1, 'ship', ADMIN_ID);
    await fx.settle();
    expect(fx.sim.state.getDeal(6)!.stageId).toBe(4);
    expect(fx.effects()).toEqual(['order_action:1:ship', 'deal_move:6:3->4']);
    expect(fx.activity).toEqual([]);
  });

  it('a deal move the built-in already ran on the order: the action runs once', async () => {
    fx = await builtinFixture();
    const { id } = fx.sim.state.createDealFromBackend(7, { dealId: 'new', stageId: 1 }, ADMIN_ID);
    fx.sim.state.moveDeal(Number(id), 2, ADMIN_ID, { force: true });
    await fx.settle();
    expect(fx.sim.state.getOrder(7)!.stateId).toBe('processing');
    expect(count(fx.effects(), 'order_action:7:process')).toBe(1);
    expect(await allOutbox()).toEqual([]);
  });

  it('our own move that makes the built-in run the order action: nothing runs twice', async () => {
    fx = await builtinFixture();
    // Our rule moves the deal when the order is completed; the built-in maps stage 5 to nothing.
    fx.setSettings((s) => ({
      ...s,
      mappings: [
        {
          funnelId: 1,
          rules: [
            { actionId: 'comment', target: { kind: 'stage', stageId: 5 }, direction: 'both', allowBackward: false },
          ],
        },
      ],
    }));
    fx.sim.state.integration.mapping['shop:complete_1'] = '5';
    fx.sim.state.runOrderAction(1, 'comment', ADMIN_ID, { text: 'call back' });
    await fx.settle();
    expect(fx.sim.state.getDeal(6)!.stageId).toBe(5);
    expect(count(fx.effects(), 'deal_move:6:')).toBe(1);
    // The built-in ran "complete" for our move (its mapping), and Dealbridge did not run it again.
    expect(count(fx.effects(), 'order_action:1:complete')).toBe(1);
  });

  it('automatic creation configured in both: one deal', async () => {
    fx = await builtinFixture();
    fx.sim.state.integration.sources = [
      {
        id: 1,
        storefront: fx.sim.state.host,
        trigger: 'order_create',
        funnelId: 1,
        stageId: 1,
        responsibleContactId: null,
        disabled: false,
      },
    ];
    fx.setSettings((s) => ({
      ...s,
      autoCreate: [
        {
          storefront: fx.sim.state.host,
          enabled: true,
          trigger: 'order_create',
          funnelId: 1,
          stageId: 1,
          ownerId: null,
        },
      ],
    }));
    const order = fx.sim.state.addOrder({ contactId: 4, actorId: ADMIN_ID, items: [{ skuId: 1, quantity: 1 }] });
    await fx.settle();
    expect([...fx.sim.state.deals.values()].filter((d) => d.externalId === `shop:${order.id}`)).toHaveLength(1);
    expect(count(fx.effects(), 'deal_create_backend')).toBe(0);
    expect(await allOutbox()).toEqual([]);
  });
});
