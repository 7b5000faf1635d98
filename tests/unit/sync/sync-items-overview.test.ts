import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { closeSyncDb, SYNC_DB_NAME } from '../../../utils/db/database';
import { putOutboxItems } from '../../../utils/db/outbox';
import { getSyncState, listSyncItems } from '../../../utils/sync/items/items';
import { asProblem, newOutboxRecord } from '../../../utils/sync/model/outbox';
import type { OutboxRecord } from '../../../utils/sync/model/outbox-types';

afterEach(async () => {
  await closeSyncDb();
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase(SYNC_DB_NAME);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
});

const trigger = {
  kind: 'order_action',
  orderId: 1,
  orderNumber: null,
  actionId: 'pay',
  actionName: 'Pay',
  logId: null,
} as const;
function item(dealId: number, createdAt: number): OutboxRecord {
  return newOutboxRecord(
    { kind: 'deal_follow', orderId: dealId + 1000, dealId, actionIds: ['pay'] },
    trigger,
    { orderNumber: null, dealName: null },
    createdAt,
  );
}

describe('the popup’s lists of a large backlog', () => {
  it('lists the 50 oldest pending items and every problem, and counts them all', async () => {
    // Ids sort the other way round than creation times: the list must follow creation.
    const pending = Array.from({ length: 120 }, (_, i) => item(10_000 - i, 1_000 + i));
    const problems = [1, 2, 3].map((n) =>
      asProblem(item(n, 5_000 + n), { code: 'forbidden', params: { error: 'no' } }, 6_000),
    );
    await putOutboxItems([...pending, ...problems]);
    const listed = await listSyncItems();
    expect(listed.pending.map((p) => p.since)).toEqual(Array.from({ length: 50 }, (_, i) => 1_000 + i));
    expect(listed.problems.map((p) => p.dealId).sort()).toEqual([1, 2, 3]);
    const state = await getSyncState(() => false);
    expect([state.pendingCount, state.problemCount]).toEqual([120, 3]);
  });

  it('an outbox written by the first version of the database is listed after the upgrade', async () => {
    const old = await openDB(SYNC_DB_NAME, 1, {
      upgrade(db) {
        const outbox = db.createObjectStore('outbox', { keyPath: 'id' });
        outbox.createIndex('byOrder', 'orderId');
        outbox.createIndex('byDeal', 'dealId');
        outbox.createIndex('byStatus', 'status');
        outbox.createIndex('byDue', 'dueAt');
        for (const name of ['links', 'inbox', 'echoes'])
          db.createObjectStore(name, { keyPath: name === 'links' ? 'orderId' : 'key' });
        db.createObjectStore('meta');
      },
    });
    await old.put('outbox', item(7, 1));
    old.close();
    const listed = await listSyncItems();
    expect(listed.pending.map((p) => p.dealId)).toEqual([7]);
  });
});
