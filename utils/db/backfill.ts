import { openSyncDb } from './database';
import { backfillResultSchema, backfillRunSchema, type BackfillResult, type BackfillRun } from '../backfill/model';

/**
 * The backfill's progress record and its per-order results. The record and the results of a
 * step are written in one transaction: after a stop, the run resumes exactly past what it wrote.
 */
const RUN_KEY = 'run';
const rowKey = (seq: number) => `row:${String(seq).padStart(9, '0')}`;

export interface BackfillStore {
  getRun(): Promise<BackfillRun | null>;
  /**
   * Stores the record (and results). With `keepStatus`, a status a person set meanwhile (paused,
   * cancelled) is kept: progress never undoes a click.
   */
  putRun(
    run: BackfillRun,
    results?: readonly BackfillResult[],
    options?: { keepStatus?: boolean },
  ): Promise<BackfillRun>;
  /** A new run: the previous one's results go. */
  startRun(run: BackfillRun): Promise<void>;
  /** Results in the order they were done, a page at a time (the CSV is written from them). */
  results(fromSeq: number, limit: number): Promise<BackfillResult[]>;
}

export const backfillStore: BackfillStore = {
  async getRun() {
    const db = await openSyncDb();
    // A record from an older version, or damaged, is no run: a new one can start.
    const parsed = backfillRunSchema.safeParse(await db.get('backfill', RUN_KEY));
    return parsed.success ? parsed.data : null;
  },
  async putRun(run, results = [], options = {}) {
    const db = await openSyncDb();
    const tx = db.transaction('backfill', 'readwrite');
    let next = run;
    if (options.keepStatus) {
      const stored = backfillRunSchema.safeParse(await tx.store.get(RUN_KEY));
      if (stored.success && stored.data.id === run.id) next = withStatusOf(run, stored.data);
    }
    await Promise.all([
      tx.store.put(backfillRunSchema.parse(next), RUN_KEY),
      ...results.map((r) => tx.store.put(backfillResultSchema.parse(r), rowKey(r.seq))),
    ]);
    await tx.done;
    return next;
  },
  async startRun(run) {
    const db = await openSyncDb();
    const tx = db.transaction('backfill', 'readwrite');
    await tx.store.clear();
    await tx.store.put(backfillRunSchema.parse(run), RUN_KEY);
    await tx.done;
  },
  async results(fromSeq, limit) {
    const db = await openSyncDb();
    const values = await db.getAll('backfill', IDBKeyRange.bound(rowKey(fromSeq), 'row:~'), limit);
    return values.flatMap((v) => {
      const parsed = backfillResultSchema.safeParse(v);
      return parsed.success ? [parsed.data] : [];
    });
  },
};

/** Progress on `run`, with the status (and its reason) of the stored record. */
export function withStatusOf(run: BackfillRun, stored: BackfillRun): BackfillRun {
  return { ...run, status: stored.status, lastError: stored.lastError, finishedAt: stored.finishedAt };
}
