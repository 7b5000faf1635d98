import { openDB, type DBSchema, type IDBPDatabase, type IDBPObjectStore, type StoreNames } from 'idb';
import type { OutboxRecord } from '../sync/model/outbox-types';
import type { InboxRecord } from '../sync/model/inbox-types';
import type { EchoRecord } from '../sync/model/echo';
import type { OrderStateRecord } from '../sync/model/inbox-types';
import type { BackfillResult, BackfillRun } from '../backfill/model';

/**
 * The sync engine's IndexedDB: everything the engine must not lose when the service
 * worker stops or the browser restarts. In-memory copies are only caches of this.
 *
 * - links:  order ↔ deal cache (Webasyst's external_id stays the source of truth)
 * - inbox:  observed changes not yet examined (written together with the cursor that covers them)
 * - outbox: effects to apply, with their reason; parked problems stay here too
 * - echoes: what Dealbridge itself did, so that its own changes coming back are recognised
 * - meta:   cursors, the cycle lease, sync state, learned workflow facts
 * - orderStates: the state each order was last seen in (what ran since is then often told
 *   by its state alone, without reading its log)
 * - backfill: the backfill of existing orders: its progress record ('run') and one result per
 *   order done ('row:<seq>'), written together so that a stopped worker repeats nothing
 */
interface LinkRecord {
  orderId: number;
  dealId: number;
  confirmedAt: number;
}

interface SyncDbSchema extends DBSchema {
  links: { key: number; value: LinkRecord; indexes: { byDeal: number } };
  inbox: { key: string; value: InboxRecord; indexes: { byDue: number } };
  outbox: {
    key: string;
    value: OutboxRecord;
    indexes: { byOrder: number; byDeal: number; byStatus: string; byDue: number; byStatusCreated: [string, number] };
  };
  echoes: { key: string; value: EchoRecord; indexes: { byExpiry: number } };
  meta: { key: string; value: unknown };
  orderStates: { key: number; value: OrderStateRecord };
  backfill: { key: string; value: BackfillRun | BackfillResult };
}

export type SyncDb = IDBPDatabase<SyncDbSchema>;
/** The links store in a read-write transaction that may span other stores too. */
export type WritableLinks = IDBPObjectStore<SyncDbSchema, ArrayLike<StoreNames<SyncDbSchema>>, 'links', 'readwrite'>;

export const SYNC_DB_NAME = 'dealbridge-sync';
const SYNC_DB_VERSION = 4;

let opening: Promise<SyncDb> | null = null;

export function openSyncDb(): Promise<SyncDb> {
  if (!opening) {
    opening = openDB<SyncDbSchema>(SYNC_DB_NAME, SYNC_DB_VERSION, {
      upgrade(db, oldVersion, _newVersion, tx) {
        if (oldVersion < 1) {
          const links = db.createObjectStore('links', { keyPath: 'orderId' });
          links.createIndex('byDeal', 'dealId');
          const inbox = db.createObjectStore('inbox', { keyPath: 'key' });
          inbox.createIndex('byDue', 'dueAt');
          const outbox = db.createObjectStore('outbox', { keyPath: 'id' });
          outbox.createIndex('byOrder', 'orderId');
          outbox.createIndex('byDeal', 'dealId');
          outbox.createIndex('byStatus', 'status');
          outbox.createIndex('byDue', 'dueAt');
          const echoes = db.createObjectStore('echoes', { keyPath: 'key' });
          echoes.createIndex('byExpiry', 'expiresAt');
          db.createObjectStore('meta');
        }
        if (oldVersion < 2) {
          // The popup lists the oldest pending items without reading a backlog of thousands.
          tx.objectStore('outbox').createIndex('byStatusCreated', ['status', 'createdAt']);
        }
        if (oldVersion < 3) {
          db.createObjectStore('orderStates', { keyPath: 'orderId' });
        }
        if (oldVersion < 4) {
          db.createObjectStore('backfill');
        }
      },
      blocking() {
        // Another context (a newer worker) wants to upgrade: let it, reopen lazily.
        void closeSyncDb();
      },
    }).catch((error) => {
      opening = null;
      throw error;
    });
  }
  return opening;
}

/** Closes the connection; the next call opens it again (tests use this to simulate a restart). */
export async function closeSyncDb(): Promise<void> {
  const current = opening;
  opening = null;
  if (current) {
    try {
      (await current).close();
    } catch {
      // A failed open has nothing to close.
    }
  }
}

/** Forgets everything the engine knew about a connection (disconnect, or another installation). */
export async function clearSyncData(): Promise<void> {
  const db = await openSyncDb();
  const stores = ['links', 'inbox', 'outbox', 'echoes', 'meta', 'orderStates', 'backfill'] as const;
  const tx = db.transaction([...stores], 'readwrite');
  await Promise.all(stores.map((name) => tx.objectStore(name).clear()));
  await tx.done;
}
