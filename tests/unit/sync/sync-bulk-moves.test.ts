import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_ID, syncFixture, type SyncFixture } from './sync-fixture';
import { closeSyncDb } from '../../../utils/db/database';
import { allOutbox } from '../../../utils/db/outbox';
import { countInbox } from '../../../utils/db/inbox';
import { LEASE_MS } from '../../../utils/sync/engine/engine';
import type { SyncPorts } from '../../../utils/sync/engine/ports';
import type { FaultKind } from '../../../sim/server';

/**
 * Deals that follow their orders to the same stage go out in one bulk crm.deal.move per
 * stage. The same guarantees as single moves: each deal moves once, a lost reply is checked
 * by re-reading, our own moves coming back through the history feed are recognised.
 */
let fx: SyncFixture | null = null;
afterEach(async () => {
  await fx?.close();
  fx = null;
});

const count = (effects: string[], prefix: string) => effects.filter((e) => e.startsWith(prefix)).length;
const never = () => new Promise<never>(() => {});

/** Linked orders of one customer, each with a deal at the first stage; the cursors placed. */
async function linkedPairs(n: number, ports?: (fx: SyncFixture) => SyncPorts) {
  fx = await syncFixture();
  const sim = fx.sim;
  const customer = sim.state.getOrder(1)!.contactId!;
  const sku = sim.state.catalog[0].skuId;
  const pairs: Array<{ orderId: number; dealId: number }> = [];
  for (let i = 0; i < n; i++) {
    const order = sim.state.addOrder({
      contactId: customer,
      items: [{ skuId: sku, quantity: 1 }],
      storefront: '',
      actorId: ADMIN_ID,
    });
    const deal = sim.state.addDeal(
      { name: `Deal ${i}`, stageId: 1, contactId: customer, externalId: `shop:${order.id}` },
      ADMIN_ID,
    );
    pairs.push({ orderId: order.id, dealId: deal.id });
  }
  const engine = fx.engine(ports ? { ports: ports(fx) } : {});
  await engine.request();
  sim.log.clear();
  return { sim, pairs, engine };
}

const moveRequests = (fx: SyncFixture) => fx.sim.log.entries().filter((e) => e.apiMethod === 'crm.deal.move');

describe('bulk deal moves', () => {
  it('moves the deals of one stage in one call, records each, and recognises the moves when they come back', async () => {
    const { sim, pairs, engine } = await linkedPairs(6);
    // Three orders processed (→ stage 2), three processed and paid (→ stage 3).
    for (const [i, pair] of pairs.entries()) {
      sim.state.runOrderAction(pair.orderId, 'process', ADMIN_ID);
      if (i >= 3) sim.state.runOrderAction(pair.orderId, 'pay', ADMIN_ID);
    }
    await engine.request();
    expect(moveRequests(fx!)).toHaveLength(2);
    for (const [i, pair] of pairs.entries()) {
      expect(sim.state.getDeal(pair.dealId)!.stageId).toBe(i >= 3 ? 3 : 2);
      expect(count(fx!.effects(), `deal_move:${pair.dealId}:`)).toBe(1);
    }
    expect(fx!.activity.filter((a) => a.kind === 'deal_moved' && a.outcome === 'applied')).toHaveLength(6);
    expect(await allOutbox()).toEqual([]);

    sim.log.clear();
    await fx!.settle(engine, 2);
    // Our moves in the history feed are echoes: no order action follows from them.
    expect(fx!.effects()).toEqual([]);
  });

  it('a backlog larger than one batch: every change examined once, the moves in calls of at most 100', async () => {
    const { sim, pairs, engine } = await linkedPairs(300);
    for (const pair of pairs) sim.state.runOrderAction(pair.orderId, 'process', ADMIN_ID);
    await engine.request();
    expect(moveRequests(fx!).map((e) => e.effects.length)).toEqual([100, 100, 100]);
    // At most one log per order. How many need one at all depends on which orders changed in the
    // server second the cursor was placed in (their state was noted: told from it, see infer.ts).
    expect(sim.log.entries().filter((e) => e.apiMethod === 'shop.order.log').length).toBeLessThanOrEqual(300);
    for (const pair of pairs) expect(sim.state.getDeal(pair.dealId)!.stageId).toBe(2);
    expect(await countInbox()).toBe(0);
    expect(await allOutbox()).toEqual([]);
  });

  it('a lone deal for a stage is moved on its own (one id is a single move to Webasyst)', async () => {
    const { sim, pairs, engine } = await linkedPairs(3);
    sim.state.runOrderAction(pairs[0].orderId, 'process', ADMIN_ID);
    sim.state.runOrderAction(pairs[1].orderId, 'process', ADMIN_ID);
    sim.state.runOrderAction(pairs[2].orderId, 'process', ADMIN_ID);
    sim.state.runOrderAction(pairs[2].orderId, 'pay', ADMIN_ID);
    await engine.request();
    // One call moved the two deals bound for stage 2; the third went alone to stage 3.
    expect(
      moveRequests(fx!)
        .map((e) => e.effects.length)
        .sort(),
    ).toEqual([1, 2]);
    expect(sim.state.getDeal(pairs[2].dealId)!.stageId).toBe(3);
  });

  it('a deal the reply does not list is read again: moved by someone meanwhile, it is left as it is', async () => {
    let person: (() => void) | null = null;
    const { sim, pairs, engine } = await linkedPairs(4, (f) => ({
      ...f.ports,
      moveDeals: (ids, stageId) => {
        person?.();
        return f.ports.moveDeals(ids, stageId);
      },
    }));
    for (const pair of pairs) sim.state.runOrderAction(pair.orderId, 'process', ADMIN_ID);
    const raced = pairs[1];
    person = () => {
      person = null;
      sim.state.moveDeal(raced.dealId, 2, ADMIN_ID, { force: true });
    };
    await engine.request();
    for (const pair of pairs) expect(sim.state.getDeal(pair.dealId)!.stageId).toBe(2);
    expect(count(fx!.effects(), `deal_move:${raced.dealId}:`)).toBe(1); // the person's only
    expect(fx!.activity.filter((a) => a.kind === 'deal_moved')).toHaveLength(3);
    expect(await allOutbox()).toEqual([]);
  });

  const FAULTS: FaultKind[] = ['appliedThen500', 'status5xx', 'reset', 'malformed', 'html'];
  it.each(FAULTS)('a bulk move answered with %s: every deal moves once, nothing is left', async (kind) => {
    const { sim, pairs, engine } = await linkedPairs(5);
    sim.faults.add({ match: { apiMethod: 'crm.deal.move' }, kind, times: 1 });
    for (const pair of pairs) sim.state.runOrderAction(pair.orderId, 'process', ADMIN_ID);
    await fx!.settle(engine);
    for (const pair of pairs) {
      expect(sim.state.getDeal(pair.dealId)!.stageId).toBe(2);
      expect(count(fx!.effects(), `deal_move:${pair.dealId}:`)).toBe(1);
    }
    expect(count(fx!.effects(), 'order_action')).toBe(5); // the person's five "process" only
    expect(await allOutbox()).toEqual([]);
  });

  it('the worker stopped after the bulk move ran and before its reply: the next worker re-reads, repeats nothing', async () => {
    const { sim, pairs } = await linkedPairs(4);
    const dying: SyncPorts = {
      ...fx!.ports,
      moveDeals: async (ids, stageId) => {
        await fx!.ports.moveDeals(ids, stageId);
        return never();
      },
    };
    for (const pair of pairs) sim.state.runOrderAction(pair.orderId, 'process', ADMIN_ID);
    void fx!.engine({ ports: dying }).request();
    const end = Date.now() + 5000;
    while (count(fx!.effects(), 'deal_move:') < 4 && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    await closeSyncDb();

    await fx!.settle(fx!.engine({ clockOffsetMs: LEASE_MS + 1000 }));
    for (const pair of pairs) expect(count(fx!.effects(), `deal_move:${pair.dealId}:`)).toBe(1);
    expect(count(fx!.effects(), 'order_action')).toBe(4);
    expect(await allOutbox()).toEqual([]);
    // Found applied by the re-read: told as our move, from the stage each deal left.
    expect(fx!.activity.map((a) => [a.kind, a.outcome])).toEqual(Array(4).fill(['deal_moved', 'applied']));
    for (const entry of fx!.activity) expect(entry.from).not.toBe(entry.to);
  });
});
