import { openSyncDb } from './database';
import type { OrderStateRecord } from '../sync/model/inbox-types';

/**
 * The state each order was last seen in (see OrderStateRecord). Written with the examination
 * that saw it (settleInbox, settleInboxMany), and once for linked orders when the orders
 * cursor is placed; a miss means "not known" and the order's log is read instead.
 */
export async function orderStatesOf(orderIds: readonly number[]): Promise<Map<number, OrderStateRecord>> {
  const db = await openSyncDb();
  const tx = db.transaction('orderStates', 'readonly');
  const found = new Map<number, OrderStateRecord>();
  await Promise.all(
    orderIds.map(async (id) => {
      const record = await tx.store.get(id);
      if (record) found.set(id, record);
    }),
  );
  await tx.done;
  return found;
}

export async function orderStateOf(orderId: number): Promise<OrderStateRecord | null> {
  const db = await openSyncDb();
  return (await db.get('orderStates', orderId)) ?? null;
}

/** Starts over from these (the orders cursor was placed: what was known before refers to another time). */
export async function replaceOrderStates(records: readonly OrderStateRecord[]): Promise<void> {
  const db = await openSyncDb();
  const tx = db.transaction('orderStates', 'readwrite');
  await tx.store.clear();
  await Promise.all(records.map((record) => tx.store.put(record)));
  await tx.done;
}
