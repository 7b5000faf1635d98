import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_ID, startedFixture, type SyncFixture } from './sync-fixture';
import { EngineContext } from '../../../utils/sync/engine/context';
import { examineDue } from '../../../utils/sync/examine/examine';
import { observeOrders } from '../../../utils/sync/observe/feeds';
import { dueInbox } from '../../../utils/db/inbox';
import { allOutbox, putOutboxItem } from '../../../utils/db/outbox';
import { linkStore } from '../../../utils/db/links';
import { newOutboxRecord } from '../../../utils/sync/model/outbox';

/**
 * When the run already knows a deal (listed in bulk, unchanged since) and no item for it
 * waits, examining its order's change asks for no outbox item if the deal needs no write.
 */
let fx: SyncFixture | null = null;
afterEach(async () => {
  await fx?.close();
  fx = null;
});

async function examineWithDealsKnown(prepare?: (dealIds: { ahead: number; behind: number }) => Promise<void>) {
  fx = await startedFixture();
  const sim = fx.sim;
  const customer = sim.state.getOrder(1)!.contactId!;
  const sku = sim.state.catalog[0].skuId;
  const pair = (stageId: number) => {
    const order = sim.state.addOrder({
      contactId: customer,
      items: [{ skuId: sku, quantity: 1 }],
      storefront: '',
      actorId: ADMIN_ID,
    });
    const deal = sim.state.addDeal(
      { name: `At ${stageId}`, stageId, contactId: customer, externalId: `shop:${order.id}` },
      ADMIN_ID,
    );
    return { orderId: order.id, dealId: deal.id };
  };
  const ahead = pair(3); // "process" asks for stage 2: no move back
  const behind = pair(1); // "process" moves it to stage 2
  const ctx = new EngineContext({
    ports: fx.ports,
    settings: () => fx!.settings,
    now: Date.now,
    random: () => 0.5,
    policy: { baseMs: 5, maxMs: 20, maxAttempts: 4, lostWriteSettleMs: 50 },
    activity: async () => undefined,
  });
  // The deals as a bulk listing would show them, unchanged in the feed since.
  const latest = await fx.ports.latestHistoryId();
  ctx.deals.rememberBulk(
    [await fx.ports.getDeal(ahead.dealId), await fx.ports.getDeal(behind.dealId)].map((d) => d!),
    latest,
    Date.now(),
  );
  for (const p of [ahead, behind]) await linkStore.put({ orderId: p.orderId, dealId: p.dealId, confirmedAt: 1 });
  await prepare?.({ ahead: ahead.dealId, behind: behind.dealId });
  for (const p of [ahead, behind]) sim.state.runOrderAction(p.orderId, 'process', ADMIN_ID);
  await observeOrders(ctx);
  await examineDue(ctx, await dueInbox(Date.now(), 100), async () => 'retry');
  return { ahead, behind, items: await allOutbox() };
}

describe('examining with the deal already known', () => {
  it('a deal already at or past its target gets no outbox item; one behind it does', async () => {
    const { behind, items } = await examineWithDealsKnown();
    expect(items.map((i) => i.id)).toEqual([`deal:${behind.dealId}`]);
  });

  it('an item already waiting for the deal still takes the new change', async () => {
    const { ahead, items } = await examineWithDealsKnown(async ({ ahead }) => {
      const trigger = {
        kind: 'order_action',
        orderId: 0,
        orderNumber: null,
        actionId: 'pay',
        actionName: 'Pay',
        logId: null,
      } as const;
      const waiting = newOutboxRecord(
        { kind: 'deal_follow', orderId: 0, dealId: ahead, actionIds: ['pay'] },
        trigger,
        { orderNumber: null, dealName: null },
        1,
      );
      await putOutboxItem({ ...waiting, dueAt: Date.now() + 60_000 });
    });
    const item = items.find((i) => i.id === `deal:${ahead.dealId}`)!;
    expect(item.effect).toMatchObject({ orderId: ahead.orderId, actionIds: ['pay', 'process'] });
  });
});
