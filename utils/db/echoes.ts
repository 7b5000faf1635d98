import { openSyncDb } from './database';
import { putLinkIn } from './links';
import { dealEcho, type EchoRecord } from '../sync/model/echo';
import type { OutboxRecord } from '../sync/model/outbox-types';

/** Echoes still worth matching (not expired), for one cycle's examination. */
export async function liveEchoes(now: number): Promise<EchoRecord[]> {
  const db = await openSyncDb();
  return db.getAllFromIndex('echoes', 'byExpiry', IDBKeyRange.lowerBound(now, true));
}

export async function pruneEchoes(now: number): Promise<void> {
  const db = await openSyncDb();
  const tx = db.transaction('echoes', 'readwrite');
  let cursor = await tx.store.index('byExpiry').openCursor(IDBKeyRange.upperBound(now));
  while (cursor) {
    await cursor.delete();
    cursor = await cursor.continue();
  }
  await tx.done;
}

/**
 * An item's effect is done: it leaves the outbox and what it wrote is remembered as echoes,
 * in one transaction, so that its return through the feeds is recognised.
 */
export async function completeOutboxItem(itemId: string, echoes: readonly EchoRecord[]): Promise<void> {
  const db = await openSyncDb();
  const tx = db.transaction(['outbox', 'echoes'], 'readwrite');
  await Promise.all(echoes.map((echo) => tx.objectStore('echoes').put(echo)));
  await tx.objectStore('outbox').delete(itemId);
  await tx.done;
}

/** Records echoes of writes made on the way while the item itself continues (e.g. reopen before a move). */
export async function recordEchoes(echoes: readonly EchoRecord[], item?: OutboxRecord): Promise<void> {
  const db = await openSyncDb();
  const tx = db.transaction(['outbox', 'echoes'], 'readwrite');
  await Promise.all(echoes.map((echo) => tx.objectStore('echoes').put(echo)));
  if (item) await tx.objectStore('outbox').put(item);
  await tx.done;
}

export interface Completion {
  /** The item as it was stored when it finished: a newer version (a new wish merged in) stays. */
  stored: OutboxRecord;
  echoes: readonly EchoRecord[];
}

/** Many items done at once (a cycle's batch): the same as completeOutboxItem each, in one transaction. */
export async function completeOutboxItems(done: readonly Completion[]): Promise<void> {
  if (!done.length) return;
  const db = await openSyncDb();
  const tx = db.transaction(['outbox', 'echoes'], 'readwrite');
  const outbox = tx.objectStore('outbox');
  await Promise.all(
    done.map(async ({ stored, echoes }) => {
      await Promise.all(echoes.map((echo) => tx.objectStore('echoes').put(echo)));
      const now = await outbox.get(stored.id);
      if (now && JSON.stringify(now) === JSON.stringify(stored)) await outbox.delete(stored.id);
    }),
  );
  await tx.done;
}

/** A link written outside the sync's own items (the backfill of existing orders). */
export interface WrittenLink {
  orderId: number;
  dealId: number;
  /** An existing deal was bound to the order (history says deal_order_link), else a new one made (deal_add). */
  bound: boolean;
  at: number;
}

/**
 * Links written outside the sync, cached with the echo of each write in one transaction: the
 * sync's next cycle then knows them without reading every new deal back, as it knows the deals
 * its own automatic creation made.
 */
export async function recordWrittenLinks(written: readonly WrittenLink[]): Promise<void> {
  if (!written.length) return;
  const db = await openSyncDb();
  const tx = db.transaction(['links', 'echoes'], 'readwrite');
  // One after another: two links may touch the same rows (a deal that a stale row gave another order).
  for (const w of written) {
    await putLinkIn(tx.objectStore('links'), { orderId: w.orderId, dealId: w.dealId, confirmedAt: w.at });
    await tx.objectStore('echoes').put(dealEcho(w.dealId, w.bound ? 'deal_order_link' : 'deal_add', null, w.at));
  }
  await tx.done;
}
