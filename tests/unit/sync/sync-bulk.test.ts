import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_ID, syncFixture, type SyncFixture } from './sync-fixture';
import { runBounded } from '../../../utils/sync/engine/bounded';
import { linkStore } from '../../../utils/db/links';

let fx: SyncFixture | null = null;
afterEach(async () => {
  await fx?.close();
  fx = null;
});

describe('a cycle with many changed orders', () => {
  it('reads every link in a few pages, skips unlinked orders without automatic creation, and moves each linked deal once', async () => {
    fx = await syncFixture();
    const sim = fx.sim;
    const customer = sim.state.getOrder(1)!.contactId!;
    const sku = sim.state.catalog[0].skuId;
    const linked: Array<{ orderId: number; dealId: number }> = [];
    const unlinked: number[] = [];
    // Made a minute before watching starts (an order after them places the cursor): their
    // states are noted then, and later changes are told from them.
    sim.state.clock.set(Date.now() - 60_000);
    for (let i = 0; i < 40; i++) {
      const order = sim.state.addOrder({
        contactId: customer,
        items: [{ skuId: sku, quantity: 1 }],
        storefront: '',
        actorId: ADMIN_ID,
      });
      if (i % 2) {
        unlinked.push(order.id);
        continue;
      }
      const deal = sim.state.addDeal(
        { name: `Deal ${i}`, stageId: 1, contactId: customer, externalId: `shop:${order.id}` },
        ADMIN_ID,
      );
      linked.push({ orderId: order.id, dealId: deal.id });
    }
    // The ports as the engine calls them: which lookups and logs it asks for.
    const asked = { logs: [] as number[], contacts: 0, pages: 0, deals: [] as number[] };
    let afterList: (() => void) | null = null;
    const ports = {
      ...fx.ports,
      orderLog: (id: number) => {
        asked.logs.push(id);
        return fx!.ports.orderLog(id);
      },
      dealsOfContact: (id: number) => {
        asked.contacts++;
        return fx!.ports.dealsOfContact(id);
      },
      getDeal: (id: number) => {
        asked.deals.push(id);
        return fx!.ports.getDeal(id);
      },
      listDeals: async (offset: number, limit: number) => {
        asked.pages++;
        const page = await fx!.ports.listDeals(offset, limit);
        afterList?.();
        return page;
      },
    };
    sim.state.clock.reset();
    sim.state.addOrder({
      contactId: customer,
      items: [{ skuId: sku, quantity: 1 }],
      storefront: '',
      actorId: ADMIN_ID,
    });
    const engine = fx.engine({ ports });
    await engine.request(); // places the cursors: all of the above is history
    Object.assign(asked, { logs: [], contacts: 0, pages: 0, deals: [] });
    sim.log.clear();
    for (const id of [...linked.map((p) => p.orderId), ...unlinked]) sim.state.runOrderAction(id, 'process', ADMIN_ID);
    // A person moves one deal forward right after the deals were listed: the list is stale for it.
    const moved = linked[0];
    afterList = () => {
      afterList = null;
      sim.state.moveDeal(moved.dealId, 3, ADMIN_ID, { force: true });
    };

    await engine.request();
    // One page of every deal, never one lookup per customer.
    expect(asked.pages).toBe(1);
    expect(asked.contacts).toBe(0);
    // No log is read: new → processing tells that "Process" ran on the linked orders, and
    // nothing can follow from the unlinked ones without automatic creation.
    expect(asked.logs).toEqual([]);
    // The listed deals served as the re-read before writing, except the one the history feed
    // showed changed since: that one was read again, and not moved back.
    expect(asked.deals).toEqual([moved.dealId]);
    expect(sim.state.getDeal(moved.dealId)!.stageId).toBe(3);
    for (const pair of linked.slice(1)) expect(sim.state.getDeal(pair.dealId)!.stageId).toBe(2);
    expect(fx.effects().filter((e) => e.startsWith('deal_move:'))).toHaveLength(linked.length);
    for (const pair of linked) expect((await linkStore.byOrder(pair.orderId))?.dealId).toBe(pair.dealId);
    expect(await linkStore.byOrder(unlinked[0])).toBeNull();

    // Once the person's move is followed, nothing is left to do: the echoes of our moves are
    // recognised. (The orders changed in one second, so the order observer may read a second
    // page; see bench/README.md.)
    await fx.settle(engine, 3);
    sim.log.clear();
    await engine.request();
    expect(new Set(sim.log.entries().map((e) => e.apiMethod))).toEqual(new Set(['crm.history', 'shop.order.search']));
    expect(fx.effects()).toEqual([]);
  });
});

describe('runBounded', () => {
  const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

  it('runs up to the limit at once, never two tasks with a shared key, and keeps their order per key', async () => {
    const items = Array.from({ length: 30 }, (_, i) => ({
      i,
      keys: [`order:${i % 4}`, ...(i % 3 === 0 ? ['deal:x'] : [])],
    }));
    const active = new Set<string>();
    let inFlight = 0;
    let most = 0;
    const order: Record<string, number[]> = {};
    await runBounded(
      items,
      (item) => item.keys,
      3,
      async (item) => {
        inFlight++;
        most = Math.max(most, inFlight);
        for (const k of item.keys) {
          expect(active.has(k)).toBe(false);
          active.add(k);
          order[k] ??= [];
          order[k].push(item.i);
        }
        await tick();
        for (const k of item.keys) active.delete(k);
        inFlight--;
      },
    );
    expect(most).toBe(3);
    for (const seq of Object.values(order)) expect(seq).toEqual([...seq].sort((a, b) => a - b));
    expect(Object.values(order).flat()).toHaveLength(30 + 10);
  });

  it('stops starting tasks after a failure and rethrows it once the running ones end', async () => {
    const started: number[] = [];
    const run = runBounded(
      [1, 2, 3, 4, 5, 6],
      (i) => [`k${i}`],
      2,
      async (i) => {
        started.push(i);
        await tick();
        if (i === 1) throw new Error('boom');
      },
    );
    await expect(run).rejects.toThrow('boom');
    expect(started.length).toBeLessThan(6);
  });
});
