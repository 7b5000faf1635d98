import type { Link, LinkStore } from '../links/types';
import { openSyncDb, type WritableLinks } from './database';

/** Writes a link in a transaction of the caller's (which may write other stores with it). */
export async function putLinkIn(store: WritableLinks, link: Link): Promise<void> {
  // A deal belongs to one order: drop a stale row that still points this deal elsewhere.
  const stale = await store.index('byDeal').getAll(link.dealId);
  for (const row of stale) if (row.orderId !== link.orderId) await store.delete(row.orderId);
  await store.put({ orderId: link.orderId, dealId: link.dealId, confirmedAt: link.confirmedAt });
}

/**
 * The order ↔ deal link cache in IndexedDB. Webasyst (deal.external_id = "shop:<id>")
 * stays the source of truth; a miss here means "look it up", never "not linked".
 * One order has one link (Webasyst's own lookups take the first deal), so orderId is the key.
 */
class IndexedDbLinkStore implements LinkStore {
  async byOrder(orderId: number): Promise<Link | null> {
    const db = await openSyncDb();
    return (await db.get('links', orderId)) ?? null;
  }

  async byDeal(dealId: number): Promise<Link | null> {
    const db = await openSyncDb();
    return (await db.getFromIndex('links', 'byDeal', dealId)) ?? null;
  }

  async put(link: Link): Promise<void> {
    const db = await openSyncDb();
    const tx = db.transaction(['links'], 'readwrite');
    await putLinkIn(tx.objectStore('links'), link);
    await tx.done;
  }

  async remove(orderId: number): Promise<void> {
    const db = await openSyncDb();
    await db.delete('links', orderId);
  }

  async all(): Promise<Link[]> {
    const db = await openSyncDb();
    return db.getAll('links');
  }

  async clear(): Promise<void> {
    const db = await openSyncDb();
    await db.clear('links');
  }

  /** Looks many orders up in one transaction (a cycle's worth of changed orders). */
  byOrders(orderIds: readonly number[]): Promise<Map<number, Link>> {
    return this.lookUpMany(orderIds, 'order');
  }

  /** Looks many deals up in one transaction. */
  byDeals(dealIds: readonly number[]): Promise<Map<number, Link>> {
    return this.lookUpMany(dealIds, 'deal');
  }

  private async lookUpMany(ids: readonly number[], by: 'order' | 'deal'): Promise<Map<number, Link>> {
    const db = await openSyncDb();
    const tx = db.transaction('links', 'readonly');
    const found = new Map<number, Link>();
    await Promise.all(
      ids.map(async (id) => {
        const link = by === 'order' ? await tx.store.get(id) : await tx.store.index('byDeal').get(id);
        if (link) found.set(id, link);
      }),
    );
    await tx.done;
    return found;
  }

  /** Makes the cache exactly these links (after reading every deal's external_id). */
  async replaceAll(links: readonly Link[]): Promise<void> {
    const db = await openSyncDb();
    const tx = db.transaction('links', 'readwrite');
    // Most links are as they were: rewriting ten thousand unchanged rows cost more than the
    // whole listing did, so only the differences are written.
    const wanted = new Map(links.map((link) => [link.orderId, link]));
    const writes: Array<Promise<unknown>> = [];
    for (const row of await tx.store.getAll()) {
      const link = wanted.get(row.orderId);
      if (!link) writes.push(tx.store.delete(row.orderId));
      else if (link.dealId === row.dealId) wanted.delete(row.orderId);
    }
    for (const link of wanted.values())
      writes.push(tx.store.put({ orderId: link.orderId, dealId: link.dealId, confirmedAt: link.confirmedAt }));
    await Promise.all(writes);
    await tx.done;
  }

  /** Forgets the link of a deal that Webasyst no longer links (deleted, unlinked). */
  async removeDeal(dealId: number): Promise<void> {
    const db = await openSyncDb();
    const tx = db.transaction('links', 'readwrite');
    for (const row of await tx.store.index('byDeal').getAll(dealId)) await tx.store.delete(row.orderId);
    await tx.done;
  }
}

export const linkStore = new IndexedDbLinkStore();
