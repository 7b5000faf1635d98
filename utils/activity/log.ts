import { openDB, type DBSchema, type IDBPDatabase, type IDBPObjectStore } from 'idb';
import { z } from 'zod';
import { activityEntrySchema, type ActivityEntry } from '../messaging/models';

/**
 * The activity log: every effect Dealbridge had (or failed to have), with its reason,
 * newest first in the popup. Its own IndexedDB database, so that clearing or upgrading
 * it never touches the outbox or the links cache.
 *
 * Bounded by count and by age; both bounds are enforced on append inside the same
 * transaction, and the pruning walks only the entries it deletes (through the time index),
 * so appending stays cheap however large the log is.
 */

const ACTIVITY_DB_NAME = 'dealbridge-activity';
export const ACTIVITY_MAX_ENTRIES = 5000;
export const ACTIVITY_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;
/** Names and reasons come from Webasyst (user text): long ones are cut so one entry cannot bloat the log. */
const MAX_TEXT = 500;

const STORE = 'entries';
/** [at, id]: time order with a stable tie-break, so paging never skips or repeats an entry. */
const BY_TIME = 'by_time';

interface ActivityDb extends DBSchema {
  entries: {
    key: string;
    value: ActivityEntry;
    indexes: { by_time: [number, string] };
  };
}

const text = z
  .string()
  .transform((value) => (value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT - 1)}…` : value))
  .nullable()
  .default(null);
const optionalId = z.number().int().nullable().default(null);

/** What a caller hands in: `id` and `at` are filled in when missing; absent details are null. */
const activityInputSchema = z.object({
  /** Give a stable id (e.g. the outbox item's) to make a repeated append overwrite, not duplicate. */
  id: z.string().min(1).max(200).optional(),
  at: z.number().finite().nonnegative().optional(),
  kind: activityEntrySchema.shape.kind,
  outcome: activityEntrySchema.shape.outcome,
  orderId: optionalId,
  orderNumber: text,
  dealId: optionalId,
  dealName: text,
  from: text,
  to: text,
  rule: text,
  funnelName: text,
  trigger: text,
});
export type ActivityInput = z.input<typeof activityInputSchema>;

/** Where the next page starts: the last entry the previous page showed. */
export interface ActivityCursor {
  at: number;
  id: string;
}

export interface ActivityLogOptions {
  dbName?: string;
  maxEntries?: number;
  maxAgeMs?: number;
  now?: () => number;
}

export class ActivityLog {
  private readonly dbName: string;
  private readonly maxEntries: number;
  private readonly maxAgeMs: number;
  private readonly now: () => number;
  private db: Promise<IDBPDatabase<ActivityDb>> | null = null;
  private sequence = 0;

  constructor(options: ActivityLogOptions = {}) {
    this.dbName = options.dbName ?? ACTIVITY_DB_NAME;
    this.maxEntries = options.maxEntries ?? ACTIVITY_MAX_ENTRIES;
    this.maxAgeMs = options.maxAgeMs ?? ACTIVITY_MAX_AGE_MS;
    this.now = options.now ?? Date.now;
  }

  /** Validates, stores and prunes; returns the entry as stored. Rejects input that does not parse. */
  async append(input: ActivityInput): Promise<ActivityEntry> {
    const [entry] = await this.appendMany([input]);
    return entry;
  }

  /**
   * Several entries in one transaction with one prune (a sync batch records hundreds at
   * once). All are validated first: one that does not parse rejects the call, storing none.
   */
  async appendMany(inputs: readonly ActivityInput[]): Promise<ActivityEntry[]> {
    const entries = inputs.map((input) => {
      const parsed = activityInputSchema.safeParse(input);
      if (!parsed.success) {
        throw new Error(
          `Invalid activity entry: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`,
        );
      }
      const at = parsed.data.at ?? this.now();
      return { ...parsed.data, at, id: parsed.data.id ?? this.newId(at) } as ActivityEntry;
    });
    if (!entries.length) return [];
    const db = await this.open();
    const tx = db.transaction(STORE, 'readwrite');
    await Promise.all(entries.map((entry) => tx.store.put(entry)));
    await this.prune(tx.store);
    await tx.done;
    return entries;
  }

  /** Newest first; `before` continues after the last entry of the previous page. */
  async list(options: { limit?: number; before?: ActivityCursor | null } = {}): Promise<ActivityEntry[]> {
    const limit = Math.max(0, Math.min(options.limit ?? 50, ACTIVITY_MAX_ENTRIES));
    if (limit === 0) return [];
    const db = await this.open();
    const range = options.before ? IDBKeyRange.upperBound([options.before.at, options.before.id], true) : null;
    const entries: ActivityEntry[] = [];
    let cursor = await db.transaction(STORE).store.index(BY_TIME).openCursor(range, 'prev');
    while (cursor && entries.length < limit) {
      // A row written by an older version or damaged on disk is skipped, not shown half-broken.
      const row = activityEntrySchema.safeParse(cursor.value);
      if (row.success) entries.push(row.data);
      cursor = await cursor.continue();
    }
    return entries;
  }

  /** Every entry, oldest first (export). Reads in time order; skips rows that do not parse. */
  async all(): Promise<ActivityEntry[]> {
    const db = await this.open();
    const rows = await db.getAllFromIndex(STORE, BY_TIME);
    return rows.flatMap((row) => {
      const parsed = activityEntrySchema.safeParse(row);
      return parsed.success ? [parsed.data] : [];
    });
  }

  async count(): Promise<number> {
    const db = await this.open();
    return db.count(STORE);
  }

  async clear(): Promise<void> {
    const db = await this.open();
    await db.clear(STORE);
  }

  /** Closes the connection (tests, and before deleting the database). */
  async close(): Promise<void> {
    const db = this.db;
    this.db = null;
    if (db !== null) (await db).close();
  }

  private async prune(store: IDBPObjectStore<ActivityDb, ['entries'], 'entries', 'readwrite'>): Promise<void> {
    const cutoff = this.now() - this.maxAgeMs;
    // Expired entries: the time index starts with them, so the walk stops at the first fresh one.
    let cursor = await store.index(BY_TIME).openCursor(IDBKeyRange.upperBound([cutoff, '\uffff']));
    while (cursor) {
      await cursor.delete();
      cursor = await cursor.continue();
    }
    let excess = (await store.count()) - this.maxEntries;
    if (excess <= 0) return;
    cursor = await store.index(BY_TIME).openCursor();
    while (cursor && excess > 0) {
      await cursor.delete();
      excess -= 1;
      cursor = await cursor.continue();
    }
  }

  /** Sorts like the time index even without it: zero-padded time, then a per-worker sequence. */
  private newId(at: number): string {
    this.sequence = (this.sequence + 1) % 1_679_616;
    const random = Math.floor(Math.random() * 1_679_616)
      .toString(36)
      .padStart(4, '0');
    return `${Math.floor(at).toString(36).padStart(9, '0')}-${this.sequence.toString(36).padStart(4, '0')}-${random}`;
  }

  private open(): Promise<IDBPDatabase<ActivityDb>> {
    if (!this.db) {
      const opening = openDB<ActivityDb>(this.dbName, 1, {
        upgrade(db) {
          const store = db.createObjectStore(STORE, { keyPath: 'id' });
          store.createIndex(BY_TIME, ['at', 'id']);
        },
        // Another context (a newer worker) wants to upgrade: let go so it is not blocked.
        blocking: () => {
          void this.close();
        },
        terminated: () => {
          this.db = null;
        },
      });
      // A failed open must not be cached forever: the next call tries again.
      opening.catch(() => {
        if (this.db === opening) this.db = null;
      });
      this.db = opening;
    }
    return this.db;
  }
}

/** The extension's one activity log. */
export const activityLog = new ActivityLog();

/** Records several entries in one transaction. */
export function appendActivities(entries: readonly ActivityInput[]): Promise<ActivityEntry[]> {
  return activityLog.appendMany(entries);
}

/** The most recent entries, newest first; pass the last one shown as `before` for the next page. */
export function listActivity(
  options: { limit?: number; before?: ActivityCursor | null } = {},
): Promise<ActivityEntry[]> {
  return activityLog.list(options);
}
