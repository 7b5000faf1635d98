import { applyItem } from './item';
import { BulkMoves } from './bulk-moves';
import { BatchCompletions } from './completions';
import type { RunBatch } from './run';
import type { EngineContext } from '../engine/context';
import { runBounded } from '../engine/bounded';
import type { OutboxRecord } from '../model/outbox-types';

/** The objects an item reads or writes: items sharing one never run together. */
function outboxKeys(item: OutboxRecord): string[] {
  const keys = [`order:${item.effect.orderId}`];
  if (item.effect.kind !== 'deal_create') keys.push(`deal:${item.effect.dealId}`);
  return keys;
}

export interface BatchOptions {
  /** Items applied at once. */
  concurrency: number;
  /** Leave plain deal moves to bulk calls (a cycle's backlog), or send each at once (a nudge). */
  bulkMoves: boolean;
  /** After each item (the engine renews its lease). */
  onStep: () => Promise<void>;
}

/**
 * Applies one batch of due outbox items: a few at a time, never two items of one order or
 * one deal at once, nor out of order. With bulk moves, a deal move that needs nothing but
 * the move waits for the rest of the batch and goes out with the others to the same stage;
 * an item sharing an object with a waiting move waits too, and runs after the bulk calls.
 * Completions are stored together at the end, whatever happened in between.
 */
export async function applyBatch(
  ctx: EngineContext,
  items: readonly OutboxRecord[],
  options: BatchOptions,
): Promise<void> {
  const bulk = options.bulkMoves ? new BulkMoves() : null;
  const batch: RunBatch = { completions: new BatchCompletions(ctx), moves: bulk };
  try {
    const held = new Set<string>();
    const after: OutboxRecord[] = [];
    await runBounded(items, outboxKeys, options.concurrency, async (item) => {
      const keys = outboxKeys(item);
      if (keys.some((key) => held.has(key))) {
        after.push(item);
        for (const key of keys) held.add(key);
        return;
      }
      if ((await applyItem(ctx, item, batch)) === 'deferred') for (const key of keys) held.add(key);
      await options.onStep();
    });
    const oneByOne = bulk ? await bulk.send(ctx) : [];
    batch.moves = null;
    await runBounded([...oneByOne, ...after], outboxKeys, options.concurrency, async (item) => {
      await applyItem(ctx, item, batch);
      await options.onStep();
    });
  } finally {
    await batch.completions.flush();
  }
}
