import { openDB, type IDBPDatabase } from 'idb';
import { z } from 'zod';

/**
 * The connection record, token included, in the extension origin's IndexedDB: content
 * scripts run in the page's origin and cannot open it (unlike storage.local, which they
 * can read). Only the background touches this module.
 */
const DB_NAME = 'dealbridge-connection';
const STORE = 'connection';
const KEY = 'current';

const appStatusSchema = z.object({
  id: z.enum(['shop', 'crm']),
  version: z.string().nullable(),
  ok: z.boolean(),
  /** Error kind when the app does not answer: permission, licence, app_not_installed, … */
  problemKind: z.string().nullable(),
  problem: z.string().nullable(),
});
export type AppStatus = z.infer<typeof appStatusSchema>;

const storedConnectionSchema = z.object({
  baseUrl: z.string().url(),
  token: z.string().min(1),
  /** This host drops the Authorization header: send ?access_token= instead. */
  tokenInQuery: z.boolean(),
  via: z.enum(['consent', 'code', 'token']),
  connectedAt: z.number(),
  user: z.object({ id: z.number().int(), name: z.string(), userpicUrl: z.string().nullable() }),
  installationName: z.string().nullable(),
  apps: z.array(appStatusSchema),
  health: z.enum(['ok', 'auth_error', 'unreachable', 'degraded']),
  lastContactAt: z.number().nullable(),
  lastError: z.string().nullable(),
});
export type StoredConnection = z.infer<typeof storedConnectionSchema>;

let dbPromise: Promise<IDBPDatabase> | null = null;

function db(): Promise<IDBPDatabase> {
  dbPromise ??= openDB(DB_NAME, 1, {
    upgrade(database) {
      database.createObjectStore(STORE);
    },
  }).catch((error) => {
    dbPromise = null;
    throw error;
  });
  return dbPromise;
}

/** The stored connection, or null (also when what is stored is unreadable: it is then ignored). */
export async function readConnection(): Promise<StoredConnection | null> {
  const raw = await (await db()).get(STORE, KEY);
  if (raw === undefined) return null;
  const parsed = storedConnectionSchema.safeParse(raw);
  if (!parsed.success) {
    console.warn('Dealbridge: the stored connection is unreadable and is ignored.');
    return null;
  }
  return parsed.data;
}

export async function writeConnection(connection: StoredConnection): Promise<void> {
  await (await db()).put(STORE, storedConnectionSchema.parse(connection), KEY);
}

/** Changes fields of the stored connection if it is still the one for this token. */
export async function patchConnection(
  token: string,
  change: Partial<Omit<StoredConnection, 'token' | 'baseUrl'>>,
): Promise<StoredConnection | null> {
  const database = await db();
  const tx = database.transaction(STORE, 'readwrite');
  const current = storedConnectionSchema.safeParse(await tx.store.get(KEY));
  if (!current.success || current.data.token !== token) {
    await tx.done;
    return null;
  }
  const next = { ...current.data, ...change };
  await tx.store.put(next, KEY);
  await tx.done;
  return next;
}

export async function clearConnection(): Promise<void> {
  await (await db()).delete(STORE, KEY);
}

/** Tests reopen the database after fake-indexeddb was reset. */
export function resetConnectionDbForTests(): void {
  dbPromise = null;
}
