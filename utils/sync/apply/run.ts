import type { ActivityEntry } from '../../messaging/models';
import { completeOutboxItem, recordEchoes } from '../../db/echoes';
import type { BatchCompletions } from './completions';
import { putOutboxItem } from '../../db/outbox';
import type { EngineContext } from '../engine/context';
import type { EchoRecord } from '../model/echo';
import type { OutboxRecord, PlanNote, Problem } from '../model/outbox-types';
import { asProblem, markInFlight } from '../model/outbox';
import { describeTrigger } from '../items/describe';

export type ActivityPart = Partial<ActivityEntry> & Pick<ActivityEntry, 'kind' | 'outcome'>;

/** A deal move left to a bulk call at the end of the batch (bulk-moves.ts). */
export interface DeferredMove {
  run: ItemRun;
  dealId: number;
  stageId: number;
  activity: ActivityPart;
}

export interface MoveCollector {
  defer(move: DeferredMove): void;
}

/** What the items of one outbox batch share: completions stored together, and in a cycle the moves left to bulk calls. */
export interface RunBatch {
  completions: BatchCompletions;
  moves: MoveCollector | null;
}

/**
 * One attempt at one outbox item: keeps the record as it evolves, marks writes in flight
 * before they are sent, and ends the item (done or problem) in single transactions.
 */
export class ItemRun {
  /** A write call is under way: a failure now means its outcome is unknown. */
  writing = false;
  /** The previous attempt's write had no known outcome: whatever we find counts as its result. */
  readonly hadLostWrite: boolean;
  /** The record as IndexedDB holds it (a batched completion removes only that version). */
  persisted: OutboxRecord;

  constructor(
    readonly ctx: EngineContext,
    public record: OutboxRecord,
    /** In a cycle's batch: completions are stored together, and moves may go out in bulk. */
    readonly batch: RunBatch | null = null,
  ) {
    this.hadLostWrite = record.inFlight !== null;
    this.persisted = record;
  }

  /**
   * Retries, lost writes and revived problems re-read everything; a first try may use what
   * examination just read (a revived item was examined long ago).
   */
  get mustReRead(): boolean {
    return this.hadLostWrite || this.record.attempts > 0 || !!this.record.wasProblem;
  }

  /** A first, plain try in a batch that collects moves may leave its move to a bulk call. */
  get mayDeferMove(): boolean {
    return !!this.batch?.moves && !this.mustReRead;
  }

  async store(record: OutboxRecord): Promise<void> {
    this.record = record;
    await putOutboxItem(record);
    this.persisted = record;
  }

  async plan(plan: PlanNote, names: { dealName?: string | null; orderNumber?: string | null } = {}): Promise<void> {
    this.record = {
      ...this.record,
      plan,
      dealName: names.dealName ?? this.record.dealName,
      orderNumber: names.orderNumber ?? this.record.orderNumber,
    };
  }

  async beginWrite(op: string, from: string | null = null): Promise<void> {
    await this.store(markInFlight(this.record, op, this.ctx.now(), from));
    this.writing = true;
  }

  /** A write of several succeeded: remember its echo now, in case a later one fails. */
  async wrote(echoes: readonly EchoRecord[]): Promise<void> {
    this.writing = false;
    this.record = { ...this.record, inFlight: null };
    await recordEchoes(echoes, this.record);
    this.persisted = this.record;
  }

  async finish(echoes: readonly EchoRecord[], activity: ActivityPart | null): Promise<void> {
    this.writing = false;
    // A problem that turns out settled (a person did it, or it became moot) is reported as resolved.
    if (this.record.wasProblem && (!activity || activity.outcome === 'already')) {
      activity = { ...activity, kind: 'resolved', outcome: 'already' };
    }
    const entry = activity ? this.activity(activity) : null;
    if (this.batch) return this.batch.completions.complete(this.persisted, echoes, entry);
    await completeOutboxItem(this.record.id, echoes);
    if (entry) await this.ctx.deps.activity(entry);
  }

  async problem(problem: Problem, retryAt?: number, keepInFlight = false): Promise<void> {
    const now = this.ctx.now();
    const base = keepInFlight ? this.record : { ...this.record, inFlight: null };
    await this.store({ ...asProblem(base, problem, now, retryAt), wasProblem: false });
    await this.ctx.deps.activity(
      this.activity({ kind: 'problem', outcome: 'failed', from: null, to: null, funnelName: null }),
    );
  }

  activity(partial: ActivityPart): ActivityEntry {
    const now = this.ctx.now();
    const r = this.record;
    return {
      id: `${r.id}:${now}:${partial.kind}`,
      at: now,
      orderId: r.orderId ?? null,
      orderNumber: r.orderNumber,
      dealId: r.dealId ?? null,
      dealName: r.dealName,
      from: null,
      to: null,
      rule: r.plan?.rule ?? null,
      funnelName: null,
      trigger: describeTrigger(r.trigger),
      ...partial,
    };
  }
}
