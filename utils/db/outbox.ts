import { openSyncDb } from './database';
import type { OutboxRecord } from '../sync/outbox-types';

/** IndexedDB access to the outbox. The state machine that drives it lives in utils/sync. */
export async function getOutboxItem(id: string): Promise<OutboxRecord | null> {
  const db = await openSyncDb();
  return (await db.get('outbox', id)) ?? null;
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
