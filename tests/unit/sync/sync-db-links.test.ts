import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { linkStore } from '../../../utils/db/links';
import { closeSyncDb, SYNC_DB_NAME } from '../../../utils/db/database';
import { liveEchoes, recordWrittenLinks } from '../../../utils/db/echoes';

afterEach(async () => {
  await closeSyncDb();
  indexedDB.deleteDatabase(SYNC_DB_NAME);
});

describe('linkStore', () => {
  it('finds a link by order and by deal, and forgets it', async () => {
    await linkStore.put({ orderId: 7, dealId: 70, confirmedAt: 1 });
    expect(await linkStore.byOrder(7)).toEqual({ orderId: 7, dealId: 70, confirmedAt: 1 });
    expect(await linkStore.byDeal(70)).toEqual({ orderId: 7, dealId: 70, confirmedAt: 1 });
    await linkStore.remove(7);
    expect(await linkStore.byOrder(7)).toBeNull();
    expect(await linkStore.byDeal(70)).toBeNull();
  });

  it('keeps one row per deal when a deal is relinked to another order', async () => {
    await linkStore.put({ orderId: 1, dealId: 9, confirmedAt: 1 });
    await linkStore.put({ orderId: 2, dealId: 9, confirmedAt: 2 });
    expect(await linkStore.byOrder(1)).toBeNull();
    expect(await linkStore.byDeal(9)).toMatchObject({ orderId: 2 });
    expect(await linkStore.all()).toHaveLength(1);
  });

  it('links written outside the sync (the backfill) keep one row per deal and leave the echo of each write', async () => {
    await linkStore.put({ orderId: 1, dealId: 9, confirmedAt: 1 }); // stale: deal 9 is bound to order 2 below
    await recordWrittenLinks([
      { orderId: 2, dealId: 9, bound: true, at: 100 },
      { orderId: 3, dealId: 30, bound: false, at: 100 },
    ]);
    expect(await linkStore.byOrder(1)).toBeNull();
    expect(await linkStore.byDeal(9)).toMatchObject({ orderId: 2 });
    expect(await linkStore.byOrder(3)).toMatchObject({ dealId: 30 });
    const echoes = await liveEchoes(100);
    expect(echoes.map((e) => (e.kind === 'deal' ? [e.dealId, e.action] : null))).toEqual(
      expect.arrayContaining([
        [9, 'deal_order_link'],
        [30, 'deal_add'],
      ]),
    );
  });

  it('survives closing and reopening the database (a worker restart)', async () => {
    await linkStore.put({ orderId: 3, dealId: 30, confirmedAt: 5 });
    await closeSyncDb();
    expect(await linkStore.byOrder(3)).toMatchObject({ dealId: 30 });
    const many = await linkStore.byOrders([3, 4]);
    expect([...many.keys()]).toEqual([3]);
    const byDeals = await linkStore.byDeals([30, 40]);
    expect([...byDeals.entries()]).toEqual([[30, { orderId: 3, dealId: 30, confirmedAt: 5 }]]);
  });

  it('replaceAll makes the cache exactly the given links, rewriting only what changed', async () => {
    await linkStore.put({ orderId: 1, dealId: 10, confirmedAt: 1 }); // relinked below
    await linkStore.put({ orderId: 2, dealId: 20, confirmedAt: 1 }); // unchanged
    await linkStore.put({ orderId: 3, dealId: 30, confirmedAt: 1 }); // gone
    await linkStore.replaceAll([
      { orderId: 1, dealId: 11, confirmedAt: 9 },
      { orderId: 2, dealId: 20, confirmedAt: 9 },
      { orderId: 4, dealId: 40, confirmedAt: 9 },
    ]);
    expect((await linkStore.all()).sort((a, b) => a.orderId - b.orderId)).toEqual([
      { orderId: 1, dealId: 11, confirmedAt: 9 },
      { orderId: 2, dealId: 20, confirmedAt: 1 },
      { orderId: 4, dealId: 40, confirmedAt: 9 },
    ]);
    expect(await linkStore.byDeal(10)).toBeNull();
  });
});
