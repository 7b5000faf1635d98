import { openSyncDb } from './database';
import type { InboxRecord, OrderStateRecord } from '../sync/model/inbox-types';
import type { OutboxRecord } from '../sync/model/outbox-types';
import type { MetaValues } from './meta';
import { mergeOutbox } from '../sync/model/outbox';

/** Two observations of one object before it was examined: keep the earliest "since" and every entry. */
function mergeInbox(existing: InboxRecord | undefined, incoming: InboxRecord): InboxRecord {
  if (!existing || existing.kind !== incoming.kind) return incoming;
  if (existing.kind === 'order' && incoming.kind === 'order') {
    // Shop's server-local datetime strings compare as text.
    const earlier = existing.since !== null && incoming.since !== null && existing.since < incoming.since;
    const since = existing.since === null || incoming.since === null ? null : earlier ? existing.since : incoming.since;
    return { ...incoming, since, attempts: existing.attempts };
  }
  if (existing.kind === 'deal' && incoming.kind === 'deal') {
    const byId = new Map([...existing.entries, ...incoming.entries].map((e) => [e.id, e]));
    return { ...incoming, entries: [...byId.values()].sort((a, b) => a.id - b.id), attempts: existing.attempts };
  }
  return incoming;
}

/**
 * Records observed changes and moves a cursor past them in one transaction: either both
 * happen or neither, so a change can never fall between the cursor and the inbox.
 */
export async function commitObservation<K extends 'cursor.orders' | 'cursor.history'>(
  records: readonly InboxRecord[],
  cursorKey: K,
  cursor: MetaValues[K],
): Promise<void> {
  const db = await openSyncDb();
  const tx = db.transaction(['inbox', 'meta'], 'readwrite');
  const inbox = tx.objectStore('inbox');
  await Promise.all(
    records.map(async (record) => {
      const existing = await inbox.get(record.key);
      await inbox.put(mergeInbox(existing, record));
    }),
  );
  await tx.objectStore('meta').put(cursor, cursorKey);
  await tx.done;
}

/** Adds observations without touching a cursor (nudges read one object directly). */
export async function addToInbox(records: readonly InboxRecord[]): Promise<void> {
  const db = await openSyncDb();
  const tx = db.transaction('inbox', 'readwrite');
  await Promise.all(
    records.map(async (record) => {
      const existing = await tx.store.get(record.key);
      await tx.store.put(mergeInbox(existing, record));
    }),
  );
  await tx.done;
}

/** How many order changes are due (counting stops at `upTo`). */
export async function countDueOrders(now: number, upTo: number): Promise<number> {
  const db = await openSyncDb();
  let count = 0;
  let cursor = await db.transaction('inbox').store.index('byDue').openCursor(IDBKeyRange.upperBound(now));
  while (cursor && count < upTo) {
    if (cursor.value.kind === 'order') count++;
    cursor = await cursor.continue();
  }
  return count;
}

export async function dueInbox(now: number, limit: number): Promise<InboxRecord[]> {
  const db = await openSyncDb();
  return db.getAllFromIndex('inbox', 'byDue', IDBKeyRange.upperBound(now), limit);
}

export async function getInbox(key: string): Promise<InboxRecord | null> {
  const db = await openSyncDb();
  return (await db.get('inbox', key)) ?? null;
}

export async function putInbox(record: InboxRecord): Promise<void> {
  const db = await openSyncDb();
  await db.put('inbox', record);
}

/** When the next inbox record is due (null when the inbox is empty). */
export async function nextInboxDue(): Promise<number | null> {
  const db = await openSyncDb();
  const cursor = await db.transaction('inbox').store.index('byDue').openCursor();
  return cursor ? cursor.value.dueAt : null;
}

export async function countInbox(): Promise<number> {
  const db = await openSyncDb();
  return db.count('inbox');
}

/**
 * An observed change was examined: it leaves the inbox, and the effects it calls for enter
 * the outbox, in one transaction (with the echoes it consumed, and the state an order was
 * seen in: the next change of that order is told from it).
 */
export async function settleInbox(
  key: string,
  effects: readonly OutboxRecord[],
  consumedEchoes: readonly string[] = [],
  orderState?: OrderStateRecord,
): Promise<OutboxRecord[]> {
  const db = await openSyncDb();
  const tx = db.transaction(['inbox', 'outbox', 'echoes', 'orderStates'], 'readwrite');
  const outbox = tx.objectStore('outbox');
  const stored = await Promise.all(
    effects.map(async (record) => {
      const merged = mergeOutbox(await outbox.get(record.id), record);
      await outbox.put(merged);
      return merged;
    }),
  );
  const echoes = tx.objectStore('echoes');
  await Promise.all(consumedEchoes.map((echoKey) => echoes.delete(echoKey)));
  if (orderState) await tx.objectStore('orderStates').put(orderState);
  await tx.objectStore('inbox').delete(key);
  await tx.done;
  return stored;
}

export interface Settlement {
  key: string;
  effects: readonly OutboxRecord[];
  consumed: readonly string[];
  /** For an order: the state it was seen in, to be remembered. */
  orderState?: OrderStateRecord;
}

/**
 * settleInbox for many examined records in one transaction. The requests are issued together
 * (one round trip each, one after another, cost more than the examination); effects for the
 * same outbox item still merge in the order of the settlements.
 */
export async function settleInboxMany(settlements: readonly Settlement[]): Promise<void> {
  if (!settlements.length) return;
  const db = await openSyncDb();
  const tx = db.transaction(['inbox', 'outbox', 'echoes', 'orderStates'], 'readwrite');
  const outbox = tx.objectStore('outbox');
  const echoes = tx.objectStore('echoes');
  const inbox = tx.objectStore('inbox');
  const states = tx.objectStore('orderStates');
  const byItem = new Map<string, Promise<unknown>>();
  const requests: Array<Promise<unknown>> = [];
  for (const { key, effects, consumed, orderState } of settlements) {
    for (const record of effects) {
      const merged = (byItem.get(record.id) ?? Promise.resolve()).then(async () =>
        outbox.put(mergeOutbox(await outbox.get(record.id), record)),
      );
      byItem.set(record.id, merged);
      requests.push(merged);
    }
    for (const echoKey of consumed) requests.push(echoes.delete(echoKey));
    if (orderState) requests.push(states.put(orderState));
    requests.push(inbox.delete(key));
  }
  await Promise.all(requests);
  await tx.done;
}
