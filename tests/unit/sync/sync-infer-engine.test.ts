import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_ID, syncFixture, type SyncFixture } from './sync-fixture';
import { replaceOrderStates } from '../../../utils/db/order-states';
import type { SyncEngine } from '../../../utils/sync/engine/engine';
import { recordEchoes } from '../../../utils/db/echoes';
import { orderEcho } from '../../../utils/sync/model/echo';

/**
 * The engine telling order changes from the orders' states (utils/sync/infer.ts) against the
 * same engine made to read every log: the same people's changes must leave every deal the
 * same, with fewer requests.
 */
let fixtures: SyncFixture[] = [];
afterEach(async () => {
  for (const fx of fixtures) await fx.close();
  fixtures = [];
});

const CUSTOMER = 2;
const logReads = (fx: SyncFixture) => fx.sim.log.count({ apiMethod: 'shop.order.log' });
const dealOf = (fx: SyncFixture, orderId: number) => {
  const deal = fx.sim.state.dealForOrder(orderId)!;
  return { stageId: deal.stageId, status: deal.statusId };
};

/** Routes to a state before watching starts. */
const TO_STATE: Record<string, string[]> = {
  new: [],
  processing: ['process'],
  paid: ['process', 'pay'],
  shipped: ['process', 'ship'],
  deleted: ['process', 'delete'],
};

/** What a person does between two looks, per state the order was seen in. */
const SCENARIOS: Array<[string, string[]]> = [
  ['new', []],
  ['new', ['process']],
  ['new', ['pay']],
  ['new', ['process', 'pay']],
  ['new', ['ship']],
  ['new', ['complete']],
  ['new', ['fulfilling']],
  ['new', ['process', 'fulfilling']],
  ['new', ['delete']],
  ['new', ['comment']],
  ['processing', ['pay']],
  ['processing', ['ship']],
  ['processing', ['pay', 'ship']],
  ['processing', ['fulfilling']],
  ['processing', ['complete']],
  ['processing', ['delete']],
  ['processing', ['comment', 'pay', 'comment']],
  ['paid', ['ship']],
  ['paid', ['fulfilling']],
  ['paid', ['complete']],
  ['paid', ['refund']],
  ['paid', ['fulfilling', 'ship', 'complete']],
  ['shipped', ['complete']],
  ['shipped', ['delete']],
  ['shipped', ['complete', 'refund']],
  ['deleted', ['restore']],
  ['deleted', ['restore', 'pay']],
];

/**
 * A fixture whose engine has watched these orders from before they changed: each is linked to
 * a deal at stage 1 and brought to its state a minute before the cursors are placed.
 */
async function watching(options: {
  readLogs: boolean;
}): Promise<{ fx: SyncFixture; engine: SyncEngine; orders: number[] }> {
  const fx = await syncFixture();
  fixtures.push(fx);
  const sim = fx.sim;
  sim.state.clock.set(Date.now() - 60_000);
  const orders = SCENARIOS.map(([from]) => {
    const order = sim.state.addOrder({
      contactId: CUSTOMER,
      items: [{ skuId: 1, quantity: 1 }],
      storefront: '',
      actorId: ADMIN_ID,
    });
    for (const actionId of TO_STATE[from]) sim.state.runOrderAction(order.id, actionId, ADMIN_ID);
    sim.state.addDeal(
      { name: `Order ${order.id}`, stageId: 1, contactId: CUSTOMER, externalId: `shop:${order.id}` },
      ADMIN_ID,
    );
    return order.id;
  });
  // The newest order places the cursor after all of them, and before every change to come.
  sim.state.clock.set(Date.now() - 30_000);
  sim.state.addOrder({ contactId: 3, items: [{ skuId: 1, quantity: 1 }], storefront: '', actorId: ADMIN_ID });
  sim.state.clock.reset();
  // Without the workflow's states no route is known: every change is read from the log.
  const engine = options.readLogs ? fx.engine({ ports: { ...fx.ports, orderStates: async () => [] } }) : fx.engine();
  await engine.request();
  return { fx, engine, orders };
}

async function settle(fx: SyncFixture, engine: SyncEngine): Promise<void> {
  await fx.settle(engine, 3);
}

/** The scenarios' changes, then cycles until settled: each deal as it ends, the writes, the logs read. */
async function runScenarios(readLogs: boolean) {
  const { fx, engine, orders } = await watching({ readLogs });
  fx.sim.log.clear();
  SCENARIOS.forEach(([, route], i) => {
    for (const actionId of route) fx.sim.state.runOrderAction(orders[i], actionId, ADMIN_ID);
  });
  const people = fx.effects().length;
  await settle(fx, engine);
  const deals = Object.fromEntries(
    SCENARIOS.map(([from, route], i) => [`${from}: ${route.join(', ') || '(nothing)'}`, dealOf(fx, orders[i])]),
  );
  // Dealbridge's writes, with the orders named by scenario (both runs number them alike).
  const writes = fx.effects().slice(people).sort();
  const result = { deals, writes, logReads: logReads(fx) };
  // One IndexedDB per process: the other run starts from nothing.
  await fx.close();
  fixtures = fixtures.filter((f) => f !== fx);
  return result;
}

describe('order changes told from the orders’ states', () => {
  it('leave every deal as reading every log does, with fewer requests', async () => {
    const told = await runScenarios(false);
    const logged = await runScenarios(true);
    expect(told.deals).toEqual(logged.deals);
    expect(told.writes).toEqual(logged.writes);
    // Not vacuous: deals did move, and won.
    expect(told.deals['processing: ship']).toEqual({ stageId: 4, status: 'OPEN' });
    expect(told.deals['paid: complete'].status).toBe('WON');
    expect(told.writes.length).toBeGreaterThan(10);
    // Every changed order's log was read there; here only where the routes differ.
    const changed = SCENARIOS.filter(([, route]) => route.length > 0).length;
    expect(logged.logReads).toBe(changed);
    const ambiguous = [
      'new: fulfilling',
      'new: process, fulfilling',
      'new: delete',
      'processing: fulfilling',
      'processing: delete',
      'paid: refund',
      'deleted: restore',
    ];
    expect(told.logReads).toBe(ambiguous.length);
  });

  it('recognise our own action as its echo without reading the log', async () => {
    const { fx, engine, orders } = await watching({ readLogs: false });
    const orderId = orders[0]; // new
    const dealId = fx.sim.state.dealForOrder(orderId)!.id;
    fx.sim.log.clear();
    fx.sim.state.moveDeal(dealId, 2, ADMIN_ID, { force: true }); // a person: stage 2 ↔ process
    await settle(fx, engine);
    expect(fx.effects()).toEqual([`deal_move:${dealId}:1->2`, `order_action:${orderId}:process`]);
    expect(logReads(fx)).toBe(0);
    expect(fx.activity.filter((a) => a.outcome === 'applied').map((a) => a.kind)).toEqual(['order_action']);
  });

  it('tell a person’s action after ours from the states our action moved the order between', async () => {
    const { fx, engine, orders } = await watching({ readLogs: false });
    const orderId = orders[0]; // new
    const dealId = fx.sim.state.dealForOrder(orderId)!.id;
    fx.sim.state.moveDeal(dealId, 2, ADMIN_ID, { force: true });
    // One cycle: the deal's move is followed (our "Process", new → processing), and before the
    // next look a person pays the order. new → paid: ours, then the person's processing → paid.
    await engine.request();
    expect(fx.sim.state.getOrder(orderId)!.stateId).toBe('processing');
    fx.sim.state.runOrderAction(orderId, 'pay', ADMIN_ID);
    fx.sim.log.clear();
    await settle(fx, engine);
    expect(logReads(fx)).toBe(0);
    expect(dealOf(fx, orderId)).toEqual({ stageId: 3, status: 'OPEN' });
    expect(fx.effects()).toEqual([`deal_move:${dealId}:2->3`]);
  });

  it('read the log when two writes of ours, or one whose states are not known, may be in the change', async () => {
    const { fx, engine, orders } = await watching({ readLogs: false });
    const [twice, unknown] = [orders[10], orders[11]]; // processing
    const now = Date.now();
    await recordEchoes([
      orderEcho(twice, 'pay', null, now, { before: 'processing', after: 'paid' }),
      orderEcho(twice, 'ship', null, now, { before: 'paid', after: 'shipped' }),
      orderEcho(unknown, 'pay', null, now),
    ]);
    fx.sim.log.clear();
    fx.sim.state.runOrderAction(twice, 'pay', ADMIN_ID);
    fx.sim.state.runOrderAction(unknown, 'pay', ADMIN_ID);
    await settle(fx, engine);
    expect(logReads(fx)).toBe(2);
  });

  it('read the log of an order whose state was never seen, then tell its next change from its state', async () => {
    const { fx, engine, orders } = await watching({ readLogs: false });
    const orderId = orders[1]; // new
    await replaceOrderStates([]);
    fx.sim.log.clear();
    fx.sim.state.runOrderAction(orderId, 'process', ADMIN_ID);
    await settle(fx, engine);
    expect(logReads(fx)).toBe(1);
    fx.sim.state.runOrderAction(orderId, 'pay', ADMIN_ID);
    await settle(fx, engine);
    expect(logReads(fx)).toBe(1);
    expect(dealOf(fx, orderId)).toEqual({ stageId: 3, status: 'OPEN' });
  });

  it('read the log when a rule maps an action that leaves the state as it is', async () => {
    const { fx, engine, orders } = await watching({ readLogs: false });
    fx.setSettings((s) => ({
      ...s,
      mappings: [
        {
          funnelId: 1,
          rules: [
            ...s.mappings[0].rules,
            { actionId: 'comment', target: { kind: 'stage', stageId: 5 }, direction: 'order_to_deal' },
          ],
        },
      ],
    }));
    const orderId = orders[10]; // processing
    fx.sim.log.clear();
    fx.sim.state.runOrderAction(orderId, 'comment', ADMIN_ID, { text: 'called the customer' });
    await settle(fx, engine);
    expect(logReads(fx)).toBe(1);
    expect(dealOf(fx, orderId)).toEqual({ stageId: 5, status: 'OPEN' });
  });
});
