import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_ID, startedFixture, type SyncFixture } from './sync-fixture';
import { listSyncItems } from '../../../utils/sync/items/items';
import { getOutboxItem } from '../../../utils/db/outbox';

let fx: SyncFixture | null = null;
afterEach(async () => {
  await fx?.close();
  fx = null;
});

describe('a parked problem revived by a change on the order side', () => {
  it('waits for the order change to reach the deal: a restore reopens the deal, and the old "won" does not complete the order', async () => {
    fx = await startedFixture();
    const sim = fx.sim;
    // Order 1 ↔ deal 6. The order is deleted, then the deal is won: "complete" is not offered.
    sim.state.runOrderAction(1, 'delete', ADMIN_ID);
    await fx.settle();
    sim.state.closeDeal(6, 'WON', ADMIN_ID, { force: true });
    await fx.settle();
    const parked = await getOutboxItem('order:1');
    expect([parked?.status, parked?.problem?.code]).toEqual(['problem', 'not_available']);

    // The person restores the order; the reopen that follows from it is delayed by a fault.
    sim.state.runOrderAction(1, 'restore', ADMIN_ID);
    const restoredTo = sim.state.getOrder(1)!.stateId;
    sim.faults.add({ match: { apiMethod: 'crm.deal.reopen' }, kind: 'status5xx', times: 2 });
    await fx.settle(fx.engine(), 8);

    expect(sim.state.getDeal(6)!.statusId).toBe('OPEN');
    expect(restoredTo).toBe('processing');
    // The revived item reads the deal as it is now: open at "Paid" (stage 3, mapped both ways to
    // "pay", which runs without its form by default), never "won".
    expect(sim.state.getDeal(6)!.stageId).toBe(3);
    expect(sim.state.getOrder(1)!.stateId).toBe('paid');
    expect(fx.effects().filter((e) => e.startsWith('order_action:1:'))).toEqual([
      'order_action:1:delete',
      'order_action:1:restore',
      'order_action:1:pay',
    ]);
    const left = await listSyncItems({ orderId: 1 });
    expect(left.pending).toEqual([]);
  });
});
