import { acquireLease, releaseLease, renewLease } from '../../db/lease';
import { getMeta, updateState } from '../../db/meta';
import { addToInbox, countDueOrders, dueInbox, getInbox, settleInboxMany, type Settlement } from '../../db/inbox';
import { dueOutbox, outboxForDeal, outboxForOrder } from '../../db/outbox';
import { pruneEchoes, liveEchoes } from '../../db/echoes';
import { EngineContext, StopRun, type EngineDeps } from './context';
import { examine, examineDue, postponeInbox, readForExamination } from '../examine/examine';
import { applyBatch } from '../apply/batch';
import { groupByDeal, observeHistory, observeOrders } from '../observe/feeds';
import { readHistorySince } from '../observe/history-read';
import { classifyFailure } from '../model/failure';
import { orderInboxKey, type InboxRecord } from '../model/inbox-types';
import { retryDelay } from '../model/retry';
import { BULK_LINKS_FROM, refreshAllLinks } from '../observe/links-refresh';
import type { OutboxRecord } from '../model/outbox-types';

/** The lease outlives a request that hangs until its timeout; it is renewed at every step. */
export const LEASE_MS = 45_000;
const RENEW_EVERY_MS = 5_000;
/** Inbox records read at once, then examined EXAMINE_BATCH at a time (one store each). */
const EXAMINE_WINDOW = 1_000;
const EXAMINE_BATCH = 250;
/**
 * Outbox items per batch in a cycle: the deal moves of a batch go out as one bulk call per
 * stage, and its completions in one transaction, so a backlog is served in a few batches.
 */
const APPLY_BATCH = 1_000;
/** A cycle stops taking new work after this many steps; the rest waits for the next cycle. */
const MAX_STEPS = 20_000;
/** Items applied at once: enough to overlap network waits, few enough to stay polite to the server. */
export const APPLY_CONCURRENCY = 5;

export type CycleResult = 'done' | 'paused' | 'busy' | 'stopped';

/**
 * The sync engine: runs cycles (observe → examine → apply) and nudges (one object, now),
 * never two at once — an in-memory queue in this worker, and a lease in IndexedDB with an
 * expiry for a worker that died mid-cycle. All progress is in IndexedDB, so a cycle cut
 * anywhere resumes where it stopped.
 */
export class SyncEngine {
  private wantFull = false;
  private readonly nudges = new Map<string, { kind: 'order' | 'deal'; id: number }>();
  private draining: Promise<CycleResult> | null = null;
  private busy = false;
  /** What went wrong examining a change in this cycle (the change waits in the inbox meanwhile). */
  private examineError: string | null = null;
  private blockedTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly deps: EngineDeps,
    readonly owner: string = `engine-${Math.round(deps.random() * 1e12).toString(36)}-${deps.now().toString(36)}`,
  ) {}

  syncing(): boolean {
    return this.busy;
  }

  /** Runs a full cycle (coalesced with one that is queued). Resolves when the queue has drained. */
  request(): Promise<CycleResult> {
    this.wantFull = true;
    return this.drain();
  }

  /** Reconciles one object now, without reading the whole feeds. */
  nudge(kind: 'order' | 'deal', id: number): Promise<CycleResult> {
    this.nudges.set(`${kind}:${id}`, { kind, id });
    return this.drain();
  }

  private drain(): Promise<CycleResult> {
    if (!this.draining) {
      this.draining = this.loop().finally(() => {
        this.draining = null;
      });
    }
    return this.draining;
  }

  private async loop(): Promise<CycleResult> {
    let result: CycleResult = 'done';
    while (this.wantFull || this.nudges.size) {
      if (!(await acquireLease(this.owner, LEASE_MS, this.deps.now()))) {
        // Another cycle holds the lease (or a dead worker's lease has not run out): come back then.
        this.retryWhenFree();
        return 'busy';
      }
      this.renewedAt = this.deps.now();
      const nudges = [...this.nudges.values()];
      this.nudges.clear();
      const full = this.wantFull;
      this.wantFull = false;
      this.busy = true;
      try {
        for (const nudge of nudges) result = await this.runNudge(nudge.kind, nudge.id);
        if (full) result = await this.runCycle();
      } finally {
        this.busy = false;
        await releaseLease(this.owner);
      }
    }
    return result;
  }

  private retryWhenFree(): void {
    if (this.blockedTimer) return;
    this.blockedTimer = setTimeout(() => {
      this.blockedTimer = null;
      void this.drain();
    }, 5_000);
  }

  private paused(): boolean {
    const sync = this.deps.settings().sync;
    return !sync.enabled || sync.paused;
  }

  /** One full cycle. Observing and examining run only where "this browser runs the automatic sync" is on. */
  async runCycle(): Promise<CycleResult> {
    if (this.paused()) return 'paused';
    const ctx = new EngineContext(this.deps);
    let lastError: string | null = null;
    let result: CycleResult = 'done';
    this.examineError = null;
    try {
      if (this.deps.settings().sync.runsAutomaticSync) {
        lastError = (await this.observe(() => observeOrders(ctx))) ?? lastError;
        lastError = (await this.observe(() => observeHistory(ctx))) ?? lastError;
        lastError = (await this.refreshLinksForMany(ctx)) ?? lastError;
        await this.examineInbox(ctx);
        lastError = lastError ?? this.examineError;
      }
      await this.applyDue(ctx, () => dueOutbox(ctx.now(), APPLY_BATCH), true);
    } catch (error) {
      if (!(error instanceof StopRun)) throw error;
      lastError = error.message;
      result = 'stopped';
    } finally {
      await ctx.flush();
    }
    await pruneEchoes(ctx.now());
    await updateState({ lastSyncAt: ctx.now(), lastError });
    return result;
  }

  /** A failed read of a feed is reported and the cycle goes on (the cursor simply stays). */
  private async observe(read: () => Promise<number>): Promise<string | null> {
    try {
      await read();
      await this.renew();
      return null;
    } catch (error) {
      const failure = classifyFailure(error, false);
      if (failure.kind === 'auth') throw new StopRun(failure.message);
      return failure.message;
    }
  }

  /**
   * Many changed orders: read every deal's link in a few pages instead of one lookup per
   * customer. If that fails, examination falls back to the lookups.
   */
  private async refreshLinksForMany(ctx: EngineContext): Promise<string | null> {
    if ((await countDueOrders(ctx.now(), BULK_LINKS_FROM)) < BULK_LINKS_FROM) return null;
    return this.observe(async () => {
      await refreshAllLinks(ctx);
      return 0;
    });
  }

  private async examineInbox(ctx: EngineContext): Promise<void> {
    // What was due when the cycle began: a record put back for later is not picked up again now.
    const start = ctx.now();
    for (let steps = 0; steps < MAX_STEPS; ) {
      // A window of records read at once, examined a batch at a time: while one batch's
      // outcome is being stored, the next batch is examined (the stores stay in order, and no
      // record is in two batches, so nothing examined depends on a store still under way).
      const window = await dueInbox(start, EXAMINE_WINDOW);
      if (!window.length) return;
      let storing: Promise<void> = Promise.resolve();
      const storeInTurn = (settlements: Settlement[]) => {
        storing = storing.then(() => settleInboxMany(settlements));
        // Awaited below; until then a failure must not count as unhandled.
        storing.catch(() => undefined);
        return Promise.resolve();
      };
      try {
        // Read for the whole window first: a batch's store would otherwise hold up the next batch's reads.
        const reads = await readForExamination(ctx, window);
        for (let i = 0; i < window.length; i += EXAMINE_BATCH) {
          const batch = window.slice(i, i + EXAMINE_BATCH);
          await examineDue(ctx, batch, (record, error) => this.inboxFailed(ctx, record, error), storeInTurn, reads);
          steps += batch.length;
          await this.renew();
        }
      } finally {
        await storing;
      }
    }
  }

  private async inboxFailed(ctx: EngineContext, record: InboxRecord, error: unknown): Promise<'retry' | 'stop'> {
    const failure = classifyFailure(error, false);
    if (failure.kind === 'auth') throw new StopRun(failure.message);
    const delay = retryDelay(record.attempts + 1, this.deps.policy, this.deps.random, failure.retryAfterMs);
    await postponeInbox(record, ctx.now() + delay);
    // Reported with the cycle, so that the popup does not say all is well while a change waits.
    this.examineError ??= failure.message;
    return 'retry';
  }

  private async applyDue(ctx: EngineContext, next: () => Promise<OutboxRecord[]>, bulkMoves: boolean): Promise<void> {
    for (let steps = 0; steps < MAX_STEPS; ) {
      const now = ctx.now();
      const batch = (await next()).filter((item) => item.dueAt <= now);
      if (!batch.length) return;
      await applyBatch(ctx, batch, { concurrency: APPLY_CONCURRENCY, bulkMoves, onStep: () => this.renew() });
      steps += batch.length;
    }
  }

  private renewedAt = 0;

  /** Keeps the lease; at most every few seconds (it lasts LEASE_MS), not one IndexedDB write per item. */
  private async renew(): Promise<void> {
    const now = this.deps.now();
    if (now - this.renewedAt < RENEW_EVERY_MS) return;
    this.renewedAt = now;
    await renewLease(this.owner, LEASE_MS, now);
  }

  /** The user acted on this order or deal in the browser: look at it directly, and apply what follows. */
  async runNudge(kind: 'order' | 'deal', id: number): Promise<CycleResult> {
    if (this.paused() || !this.deps.settings().sync.runsAutomaticSync) return 'paused';
    const ctx = new EngineContext(this.deps);
    try {
      const key = kind === 'order' ? await this.observeOrder(ctx, id) : await this.observeDeal(ctx, id);
      for (const k of key) {
        const record = await getInbox(k);
        if (record) await examine(ctx, record, await liveEchoes(ctx.now()));
      }
      const related = () => (kind === 'order' ? outboxForOrder(id) : outboxForDeal(id));
      await this.applyDue(ctx, async () => (await related()).filter((item) => item.status === 'pending'), false);
    } catch (error) {
      const failure = classifyFailure(error, false);
      // The periodic cycle will see the same change; a nudge that fails only loses its head start.
      await updateState({ lastError: failure.message });
      return 'stopped';
    } finally {
      await ctx.flush();
    }
    return 'done';
  }

  private async observeOrder(ctx: EngineContext, orderId: number): Promise<string[]> {
    const order = await ctx.ports.getOrder(orderId);
    if (!order) return [];
    const cursor = await getMeta('cursor.orders');
    const key = orderInboxKey(orderId);
    await addToInbox([{ key, kind: 'order', order, since: cursor?.updated ?? null, dueAt: 0, attempts: 0 }]);
    return [key];
  }

  private async observeDeal(ctx: EngineContext, dealId: number): Promise<string[]> {
    const cursor = await getMeta('cursor.history');
    if (!cursor) return [];
    const records = groupByDeal(await readHistorySince(ctx.ports, cursor.minId, dealId)).filter(
      (r) => r.kind === 'deal' && r.dealId === dealId,
    );
    await addToInbox(records);
    return records.map((r) => r.key);
  }
}
