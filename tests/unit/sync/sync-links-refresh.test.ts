import { afterEach, describe, expect, it } from 'vitest';
import { EngineContext } from '../../../utils/sync/engine/context';
import { refreshAllLinks } from '../../../utils/sync/observe/links-refresh';
import { linkStore } from '../../../utils/db/links';
import { closeSyncDb, SYNC_DB_NAME } from '../../../utils/db/database';
import type { DealView, SyncPorts } from '../../../utils/sync/engine/ports';

afterEach(async () => {
  await closeSyncDb();
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase(SYNC_DB_NAME);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
});

/** crm.deal.list over an in-memory list, oldest first; `onPage` may change the list between pages. */
function listing(deals: DealView[], onPage?: (page: number) => void) {
  let pages = 0;
  const ports = {
    async listDeals(offset: number, limit: number) {
      onPage?.(pages++);
      return { deals: deals.slice(offset, offset + limit), total: deals.length };
    },
  } as unknown as SyncPorts;
  const ctx = new EngineContext({
    ports,
    settings: () => ({}) as never,
    now: Date.now,
    random: Math.random,
    policy: {} as never,
    activity: async () => undefined,
  });
  return { ctx, pages: () => pages };
}

const deal = (id: number, orderId: number | null): DealView => ({
  id,
  name: `Deal ${id}`,
  funnelId: 1,
  stageId: 1,
  status: 'OPEN',
  orderId,
});

describe('reading every link at once', () => {
  it('pages through all deals and keeps the lowest deal id per order, replacing stale cache rows', async () => {
    const deals = Array.from({ length: 1234 }, (_, i) => deal(i + 1, i % 3 === 0 ? 5000 + i : null));
    deals.push(deal(2000, 5000)); // a second deal carrying order 5000: deal 1 stays its deal
    await linkStore.put({ orderId: 99, dealId: 77, confirmedAt: 1 }); // no deal says so any more
    const { ctx, pages } = listing(deals);
    await refreshAllLinks(ctx);
    const links = await linkStore.all();
    expect(links).toHaveLength(Math.ceil(1234 / 3));
    expect((await linkStore.byOrder(5000))?.dealId).toBe(1);
    expect((await linkStore.byOrder(5000 + 1233))?.dealId).toBe(1234);
    expect(await linkStore.byOrder(99)).toBeNull();
    expect(pages()).toBeLessThanOrEqual(4);
    expect(ctx.deals.linksCompleteAt).not.toBeNull();
  });

  it('does not skip a deal when deals are deleted while it pages', async () => {
    const deals = Array.from({ length: 1200 }, (_, i) => deal(i + 1, 7000 + i));
    // After the first page, three early deals are deleted: later deals shift forward by three.
    const { ctx } = listing(deals, (page) => {
      if (page === 1) deals.splice(10, 3);
    });
    await refreshAllLinks(ctx);
    for (const d of deals) expect((await linkStore.byOrder(d.orderId!))?.dealId).toBe(d.id);
  });
});
