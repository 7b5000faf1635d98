import { openSyncDb } from './database';
import type { OutboxRecord } from '../sync/model/outbox-types';
import { mergeOutbox } from '../sync/model/outbox';

/** IndexedDB access to the outbox. The state machine that drives it lives in utils/sync. */
export async function getOutboxItem(id: string): Promise<OutboxRecord | null> {
  const db = await openSyncDb();
  return (await db.get('outbox', id)) ?? null;
}

/** Several items in one transaction (a batch of examinations). */
export async function getOutboxItems(ids: readonly string[]): Promise<Map<string, OutboxRecord>> {
  const db = await openSyncDb();
  const tx = db.transaction('outbox', 'readonly');
  const found = new Map<string, OutboxRecord>();
  await Promise.all(
    ids.map(async (id) => {
      const record = await tx.store.get(id);
      if (record) found.set(id, record);
    }),
  );
  await tx.done;
  return found;
}

export async function putOutboxItem(record: OutboxRecord): Promise<void> {
  const db = await openSyncDb();
  await db.put('outbox', record);
}

export async function deleteOutboxItem(id: string): Promise<void> {
  const db = await openSyncDb();
  await db.delete('outbox', id);
}

export async function outboxForOrder(orderId: number): Promise<OutboxRecord[]> {
  const db = await openSyncDb();
  return db.getAllFromIndex('outbox', 'byOrder', orderId);
}

export async function outboxForDeal(dealId: number): Promise<OutboxRecord[]> {
  const db = await openSyncDb();
  return db.getAllFromIndex('outbox', 'byDeal', dealId);
}

export async function allOutbox(limit = 1000): Promise<OutboxRecord[]> {
  const db = await openSyncDb();
  return db.getAll('outbox', undefined, limit);
}

/** The oldest pending items (at most `pendingLimit`) and every problem: what the popup lists. */
export async function outboxOverview(
  pendingLimit: number,
): Promise<{ pending: OutboxRecord[]; problems: OutboxRecord[] }> {
  const db = await openSyncDb();
  const tx = db.transaction('outbox', 'readonly');
  const [pending, problems] = await Promise.all([
    tx.store
      .index('byStatusCreated')
      .getAll(IDBKeyRange.bound(['pending', -Infinity], ['pending', Infinity]), pendingLimit),
    tx.store.index('byStatus').getAll('problem'),
  ]);
  await tx.done;
  return { pending, problems };
}

export async function countOutbox(): Promise<{ pending: number; problems: number }> {
  const db = await openSyncDb();
  const tx = db.transaction('outbox', 'readonly');
  const [pending, problems] = await Promise.all([
    tx.store.index('byStatus').count('pending'),
    tx.store.index('byStatus').count('problem'),
  ]);
  await tx.done;
  return { pending, problems };
}

/** Items whose time has come, oldest due first (pending ones and problems that retry on their own). */
export async function dueOutbox(now: number, limit: number): Promise<OutboxRecord[]> {
  const db = await openSyncDb();
  return db.getAllFromIndex('outbox', 'byDue', IDBKeyRange.upperBound(now), limit);
}

export async function nextOutboxDue(): Promise<number | null> {
  const db = await openSyncDb();
  const cursor = await db.transaction('outbox').store.index('byDue').openCursor();
  return cursor ? cursor.value.dueAt : null;
}

/** Adds effects to the outbox, merging with an item already there for the same object. */
export async function enqueueOutbox(records: readonly OutboxRecord[]): Promise<void> {
  const db = await openSyncDb();
  const tx = db.transaction('outbox', 'readwrite');
  await Promise.all(records.map(async (record) => tx.store.put(mergeOutbox(await tx.store.get(record.id), record))));
  await tx.done;
}

/** Session problems wait for a sign-in: when cookies change, they are tried again at once. */
export async function wakeProblems(code: string, now: number): Promise<number> {
  const db = await openSyncDb();
  const tx = db.transaction('outbox', 'readwrite');
  let woken = 0;
  for (const record of await tx.store.index('byStatus').getAll('problem')) {
    if (record.problem?.code !== code) continue;
    await tx.store.put({ ...record, dueAt: now, updatedAt: now });
    woken++;
  }
  await tx.done;
  return woken;
}

/** Several records in one transaction (a bulk write marks all its items in flight at once). */
export async function putOutboxItems(records: readonly OutboxRecord[]): Promise<void> {
  if (!records.length) return;
  const db = await openSyncDb();
  const tx = db.transaction('outbox', 'readwrite');
  await Promise.all(records.map((record) => tx.store.put(record)));
  await tx.done;
}
