import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { closeSyncDb, openSyncDb, SYNC_DB_NAME } from '../../../utils/db/database';
import { addToInbox, countInbox, settleInboxMany } from '../../../utils/db/inbox';
import { allOutbox } from '../../../utils/db/outbox';
import { newOutboxRecord } from '../../../utils/sync/model/outbox';
import { dealEcho } from '../../../utils/sync/model/echo';
import type { InboxRecord, OrderSnapshot } from '../../../utils/sync/model/inbox-types';

afterEach(async () => {
  await closeSyncDb();
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase(SYNC_DB_NAME);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
});

const order = (id: number): OrderSnapshot => ({
  id,
  number: `#${id}`,
  contactId: 1,
  stateId: 'paid',
  storefront: '',
  updated: '2026-12-01 10:00:00',
  untouched: false,
});
const record = (id: number): InboxRecord => ({
  key: `order:${id}`,
  kind: 'order',
  order: order(id),
  since: null,
  dueAt: 0,
  attempts: 0,
});
const trigger = {
  kind: 'order_action',
  orderId: 1,
  orderNumber: null,
  actionId: 'pay',
  actionName: 'Pay',
  logId: null,
} as const;
const follow = (orderId: number, actionIds: string[], at: number) =>
  newOutboxRecord(
    { kind: 'deal_follow', orderId, dealId: 50, actionIds },
    trigger,
    { orderNumber: null, dealName: null },
    at,
  );

describe('settling a batch of examined changes', () => {
  it('removes every record, stores the effects merged in order, and drops the consumed echoes', async () => {
    await addToInbox([record(1), record(2), record(3)]);
    const echo = dealEcho(50, 'deal_step', 2, 1);
    const db = await openSyncDb();
    await db.put('echoes', echo);
    // Two changes asking the same deal to follow: one outbox item, the actions in order.
    await settleInboxMany([
      { key: 'order:1', effects: [follow(1, ['process'], 1)], consumed: [echo.key] },
      { key: 'order:2', effects: [], consumed: [] },
      { key: 'order:3', effects: [follow(1, ['pay'], 2)], consumed: [] },
    ]);
    expect(await countInbox()).toBe(0);
    const items = await allOutbox();
    expect(items).toHaveLength(1);
    expect(items[0].effect).toMatchObject({ kind: 'deal_follow', actionIds: ['process', 'pay'] });
    expect(await db.get('echoes', echo.key)).toBeUndefined();
  });
});
