import { putOutboxItems } from '../../db/outbox';
import type { DeferredMove, MoveCollector } from './run';
import { onFailure } from './failure';
import { StopRun, type EngineContext } from '../engine/context';
import { dealEcho } from '../model/echo';
import { classifyFailure } from '../model/failure';
import { markInFlight } from '../model/outbox';
import type { OutboxRecord } from '../model/outbox-types';

/** Deals per bulk crm.deal.move (a batch of the outbox is no larger anyway). */
const BULK_MOVE_MAX = 100;

/**
 * Deals that follow their orders to a stage, collected over a batch and moved with one
 * crm.deal.move per stage. Webasyst's own Shop sync does not run for bulk moves, which suits
 * a deal following its order: the order is where the change came from.
 */
export class BulkMoves implements MoveCollector {
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
  for (const move of moves)
    move.run.record = markInFlight(move.run.record, 'deal_move', startedAt, move.activity.from ?? null);
  await putOutboxItems(moves.map((m) => m.run.record));
  for (const move of moves) {
    move.run.persisted = move.run.record;
    move.run.writing = true;
  }
  let moved: Set<number>;
  try {
    moved = new Set(
      await ctx.ports.moveDeals(
        moves.map((m) => m.dealId),
        stageId,
      ),
    );
  } catch (error) {
    await chunkFailed(moves, error);
    return [];
  }
  const notMoved: OutboxRecord[] = [];
  for (const move of moves) {
    move.run.writing = false;
    ctx.deals.forget(move.dealId);
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
