import { openSyncDb } from './database';

/**
 * Small named values of the sync engine in IndexedDB (cursors, lease, state). Each key has
 * one fixed shape; readers validate what they get back, since a record may come from an
 * older version of Dealbridge.
 */
export interface OrderCursor {
  /** IFNULL(update_datetime, create_datetime) of the newest order seen, server-local time. */
  updated: string;
  /** "id:state" of the orders seen at exactly that second (a later change in that second still counts). */
  seenAtUpdated: string[];
}

interface HistoryCursor {
  /** crm.history entries with id > minId are new. */
  minId: number;
}

export interface StoredSyncState {
  lastSyncAt: number | null;
  nextSyncAt: number | null;
  lastError: string | null;
  /** Mirror of settings.sync.paused, kept by the sync feature for quick reads. */
  paused: boolean;
}

export interface Lease {
  owner: string;
  expiresAt: number;
}

export interface MetaValues {
  'cursor.orders': OrderCursor;
  'cursor.history': HistoryCursor;
  state: StoredSyncState;
  lease: Lease;
  /** Installation root the current items refer to (for links in the UIs). */
  baseUrl: string;
  /** Action id → state it leads to, learned from order logs (the API cannot list it). */
  'learned.actionTargets': Record<string, string>;
  /** A sync was asked for while no runner was listening (worker starting). */
  requested: { at: number; reason: string };
}

export type MetaKey = keyof MetaValues;

export async function getMeta<K extends MetaKey>(key: K): Promise<MetaValues[K] | null> {
  const db = await openSyncDb();
  return ((await db.get('meta', key)) as MetaValues[K] | undefined) ?? null;
}

export async function setMeta<K extends MetaKey>(key: K, value: MetaValues[K]): Promise<void> {
  const db = await openSyncDb();
  await db.put('meta', value, key);
}

export async function deleteMeta(key: MetaKey): Promise<void> {
  const db = await openSyncDb();
  await db.delete('meta', key);
}

export const EMPTY_STATE: StoredSyncState = { lastSyncAt: null, nextSyncAt: null, lastError: null, paused: false };

export async function updateState(patch: Partial<StoredSyncState>): Promise<StoredSyncState> {
  const db = await openSyncDb();
  const tx = db.transaction('meta', 'readwrite');
  const current = ((await tx.store.get('state')) as StoredSyncState | undefined) ?? EMPTY_STATE;
  const next = { ...EMPTY_STATE, ...current, ...patch };
  await tx.store.put(next, 'state');
  await tx.done;
  return next;
}
