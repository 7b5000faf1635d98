import { completeOutboxItems, type Completion } from '../db/echoes';
import { putOutboxItems } from '../db/outbox';
import type { ActivityEntry } from '../messaging/models';
import type { ActivityPart, ItemRun } from './apply-run';
import { onFailure } from './apply-failure';
import { StopRun, type EngineContext } from './context';
import { dealEcho } from './echo';
import { classifyFailure } from './failure';
import { markInFlight } from './outbox';
import type { OutboxRecord } from './outbox-types';

/** Deals per bulk crm.deal.move (a batch of the outbox is no larger anyway). */
export const BULK_MOVE_MAX = 100;

/**
 * What the items of one outbox batch share: their completions, stored in one transaction at
 * the end (one per item cost more than the network), and, in a cycle, the deal moves they
 * leave to a bulk call.
 *
 * Deferring a completion is safe: an item that wrote something is marked in flight before the
 * write, so if the worker dies before the batch is stored, the next try re-reads and finds
 * the write done; an item that wrote nothing is simply examined again.
 */
export class ApplyBatch {
  private readonly done: Array<Completion & { activity: ActivityEntry | null }> = [];
  private readonly doneIds = new Set<string>();
  moves: BulkMoves | null;

  constructor(
    readonly ctx: EngineContext,
    { bulkMoves }: { bulkMoves: boolean },
  ) {
    this.moves = bulkMoves ? new BulkMoves() : null;
  }

  complete(run: ItemRun, echoes: readonly EchoRecordLike[], activity: ActivityEntry | null): void {
    this.done.push({ stored: run.persisted, echoes, activity });
    this.doneIds.add(run.record.id);
  }

  /** Finished in this batch, though still in IndexedDB until the batch is stored. */
  completed(itemId: string): boolean {
    return this.doneIds.has(itemId);
  }

  async flush(): Promise<void> {
    const done = this.done.splice(0);
    this.doneIds.clear();
    if (!done.length) return;
    await completeOutboxItems(done);
    const entries = done.flatMap((d) => (d.activity ? [d.activity] : []));
    const { activities, activity } = this.ctx.deps;
    if (activities) await activities(entries);
    else for (const entry of entries) await activity(entry);
  }
}

type EchoRecordLike = Completion['echoes'][number];

interface DeferredMove {
  run: ItemRun;
  dealId: number;
  stageId: number;
  activity: ActivityPart;
}

/**
 * Deals that follow their orders to a stage, collected over a batch and moved with one
 * crm.deal.move per stage. Webasyst's own Shop sync does not run for bulk moves, which suits
 * a deal following its order: the order is where the change came from.
 */
export class BulkMoves {
  private readonly deferred: DeferredMove[] = [];

  defer(move: DeferredMove): void {
    this.deferred.push(move);
  }

  get size(): number {
    return this.deferred.length;
  }

  /**
   * Sends the collected moves. Returns the items to apply one by one after all: a stage with
   * a single deal (one id is a single move to Webasyst), and deals the reply did not list as
   * moved (already there after all, or not editable): those are read again first.
   */
  async send(ctx: EngineContext): Promise<OutboxRecord[]> {
    const byStage = new Map<number, DeferredMove[]>();
    for (const move of this.deferred.splice(0)) byStage.set(move.stageId, [...(byStage.get(move.stageId) ?? []), move]);
    const oneByOne: OutboxRecord[] = [];
    for (const [stageId, moves] of byStage) {
      if (moves.length < 2) {
        oneByOne.push(...moves.map((m) => m.run.record));
        continue;
      }
      for (let i = 0; i < moves.length; i += BULK_MOVE_MAX) {
        oneByOne.push(...(await sendChunk(ctx, stageId, moves.slice(i, i + BULK_MOVE_MAX))));
      }
    }
    return oneByOne;
  }
}

async function sendChunk(ctx: EngineContext, stageId: number, moves: DeferredMove[]): Promise<OutboxRecord[]> {
  // Marked in flight together, before the call: a lost reply is then checked by re-reading each deal.
  const startedAt = ctx.now();
  for (const move of moves) move.run.record = markInFlight(move.run.record, 'deal_move', startedAt, move.activity.from ?? null);
  await putOutboxItems(moves.map((m) => m.run.record));
  for (const move of moves) {
    move.run.persisted = move.run.record;
    move.run.writing = true;
  }
  let moved: Set<number>;
  try {
    moved = new Set(await ctx.ports.moveDeals(moves.map((m) => m.dealId), stageId));
  } catch (error) {
    await chunkFailed(moves, error);
    return [];
  }
  const notMoved: OutboxRecord[] = [];
  for (const move of moves) {
    move.run.writing = false;
    ctx.forgetDeal(move.dealId);
    if (moved.has(move.dealId)) {
      await move.run.finish([dealEcho(move.dealId, 'deal_step', stageId, ctx.now())], move.activity);
    } else {
      // Webasyst answered for this deal: it did not move it. Nothing to check, so no mark.
      notMoved.push({ ...move.run.record, inFlight: null });
    }
  }
  await putOutboxItems(notMoved);
  return notMoved;
}

async function chunkFailed(moves: DeferredMove[], error: unknown): Promise<void> {
  if (classifyFailure(error, true).kind === 'auth') {
    // Refused before anything ran: the items stay as they were, without a write to check.
    await putOutboxItems(moves.map((m) => ({ ...m.run.record, inFlight: null })));
    throw new StopRun(classifyFailure(error, true).message);
  }
  for (const move of moves) await onFailure(move.run, error);
}
