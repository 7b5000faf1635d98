import type { Effect, OutboxRecord, Problem, Trigger } from './outbox-types';
import { NEVER, outboxIdFor } from './outbox-types';
import type { Failure } from './failure';
import { exhausted, retryDelay, type RetryPolicy } from './retry';

/**
 * The outbox state machine as pure functions: each takes a record and returns the next one.
 *
 *   (new) ──► pending ──write ok──► (removed, echo recorded)
 *               │  ▲  └─lost reply─► pending + inFlight ─► re-read first on the next try
 *               │  └── retry (backoff, Retry-After)
 *               └──► problem ──retry──► pending      problem ──dismiss──► (removed)
 */
export function newOutboxRecord(
  effect: Effect,
  trigger: Trigger,
  names: { orderNumber: string | null; dealName: string | null },
  now: number,
): OutboxRecord {
  const orderId = 'orderId' in effect ? effect.orderId : undefined;
  const dealId = 'dealId' in effect ? effect.dealId : undefined;
  return {
    id: outboxIdFor(effect),
    status: 'pending',
    effect,
    trigger,
    ...(orderId !== undefined ? { orderId } : {}),
    ...(dealId !== undefined ? { dealId } : {}),
    orderNumber: names.orderNumber,
    dealName: names.dealName,
    plan: null,
    problem: null,
    createdAt: now,
    updatedAt: now,
    attempts: 0,
    dueAt: now,
    inFlight: null,
    lastError: null,
  };
}

/**
 * A new observation for an object that already has an item: one item per object and
 * direction, so the newest wish wins (a deal moved through several stages ends in one
 * evaluation of where it is now). A write in flight stays marked so that it is checked.
 */
export function mergeOutbox(existing: OutboxRecord | undefined, incoming: OutboxRecord): OutboxRecord {
  if (!existing) return incoming;
  let effect = incoming.effect;
  if (existing.effect.kind === 'deal_follow' && incoming.effect.kind === 'deal_follow') {
    effect = { ...incoming.effect, actionIds: [...existing.effect.actionIds, ...incoming.effect.actionIds] };
  } else if (existing.effect.kind === 'deal_create') {
    // The order's deal is still being created: keep that; its follow-up rule goes with it.
    effect = existing.effect;
  }
  return {
    ...incoming,
    effect,
    orderNumber: incoming.orderNumber ?? existing.orderNumber,
    dealName: incoming.dealName ?? existing.dealName,
    createdAt: existing.createdAt,
    inFlight: existing.inFlight,
    ...(existing.formRefusals ? { formRefusals: existing.formRefusals } : {}),
    dueAt: Math.min(incoming.dueAt, existing.status === 'pending' ? existing.dueAt : incoming.dueAt),
  };
}

/** `from`: what the object was before the write (e.g. the stage a deal leaves), for telling it after a lost reply. */
export function markInFlight(record: OutboxRecord, op: string, now: number, from: string | null = null): OutboxRecord {
  return { ...record, inFlight: { op, startedAt: now, ...(from !== null ? { from } : {}) }, updatedAt: now };
}

export function asProblem(record: OutboxRecord, problem: Problem, now: number, retryAt: number = NEVER): OutboxRecord {
  return { ...record, status: 'problem', problem, dueAt: retryAt, updatedAt: now };
}

/** After a failed try: schedule the next one, or park the item as a problem after the last. */
export function afterFailure(
  record: OutboxRecord,
  failure: Failure,
  now: number,
  policy: RetryPolicy,
  random: () => number,
): OutboxRecord {
  const attempts = record.attempts + 1;
  const inFlight =
    record.inFlight && failure.kind === 'uncertain'
      ? { ...record.inFlight, answered: failure.answered }
      : record.inFlight;
  const base = { ...record, inFlight, attempts, lastError: failure.message, lastFailure: failure.kind, updatedAt: now };
  if (exhausted(attempts, policy)) {
    return asProblem(base, { code: 'retries_exhausted', params: { error: failure.message } }, now);
  }
  const next = now + retryDelay(attempts, policy, random, failure.retryAfterMs);
  return { ...base, status: 'pending', dueAt: Math.max(next, settledAt(base, policy)) };
}

/** When a write without an answer must have finished on the server (0 when there is none). */
export function settledAt(record: OutboxRecord, policy: RetryPolicy): number {
  return record.inFlight && !record.inFlight.answered ? record.inFlight.startedAt + policy.lostWriteSettleMs : 0;
}
