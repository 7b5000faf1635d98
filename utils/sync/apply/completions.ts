import { completeOutboxItems, type Completion } from '../../db/echoes';
import type { ActivityEntry } from '../../messaging/models';
import type { EngineContext } from '../engine/context';
import type { OutboxRecord } from '../model/outbox-types';

/**
 * The completions of one outbox batch's items, stored in one transaction at the end (one per
 * item cost more than the network).
 *
 * Deferring a completion is safe: an item that wrote something is marked in flight before the
 * write, so if the worker dies before the batch is stored, the next try re-reads and finds
 * the write done; an item that wrote nothing is simply examined again.
 */
export class BatchCompletions {
  private readonly done: Array<Completion & { activity: ActivityEntry | null }> = [];
  private readonly doneIds = new Set<string>();

  constructor(private readonly ctx: EngineContext) {}

  /** `stored`: the item's version in IndexedDB (a wish merged in meanwhile stays). */
  complete(stored: OutboxRecord, echoes: Completion['echoes'], activity: ActivityEntry | null): void {
    this.done.push({ stored, echoes, activity });
    this.doneIds.add(stored.id);
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
