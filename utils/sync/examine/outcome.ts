import { getOutboxItem, putOutboxItem } from '../../db/outbox';
import { settleInbox, type Settlement } from '../../db/inbox';
import type { Link } from '../../links/types';
import type { EngineContext } from '../engine/context';
import type { InboxRecord, OrderStateRecord } from '../model/inbox-types';
import type { OutboxRecord } from '../model/outbox-types';

/** Problems that a later change of the same object may have resolved: they are looked at again. */
const REVISITED_PROBLEMS = new Set([
  'data_required',
  'form_refused',
  'not_available',
  'no_candidate_action',
  'builtin_form',
  'retries_exhausted',
]);

/**
 * What a batch read for its records at once (one IndexedDB transaction each instead of
 * several per record): the order's link, and the outbox item of the record's own object.
 * Nothing in examination creates an in-flight write or a problem, so these stay true.
 */
export interface Prefetched {
  link?: Link | null;
  own: OutboxRecord | null;
  /** For an order with a link: the outbox item of its deal (null when none waits). */
  dealItem?: OutboxRecord | null;
  /** Where a batch collects its settlements, to store them in one transaction. */
  settled?: Settlement[];
  /** For an order: the state it was last seen in (null when not known). */
  state?: OrderStateRecord | null;
}

export const ownItemId = (record: InboxRecord) =>
  record.kind === 'order' ? `order:${record.order.id}` : `deal:${record.dealId}`;

export async function settle(
  ctx: EngineContext,
  known: Prefetched | undefined,
  record: InboxRecord,
  effects: OutboxRecord[],
  consumed: string[],
): Promise<OutboxRecord[]> {
  // An examined order change leaves the order known in the state it was seen in.
  const orderState: OrderStateRecord | undefined =
    record.kind === 'order'
      ? { orderId: record.order.id, stateId: record.order.stateId, updated: record.order.updated, at: ctx.now() }
      : undefined;
  // In a batch, the settlements are stored together once the batch is examined.
  if (known?.settled) {
    known.settled.push({ key: record.key, effects, consumed, orderState });
    return effects;
  }
  return settleInbox(record.key, effects, consumed, orderState);
}

/** A problem about this object may be solved by the change just seen: evaluate it again. */
export async function revisitProblem(itemId: string, now: number, known?: Prefetched): Promise<void> {
  // Problems arise only when applying: if the batch found none here, there is none now.
  if (known && known.own?.status !== 'problem') return;
  const item = await getOutboxItem(itemId);
  if (item?.status === 'problem' && item.problem && REVISITED_PROBLEMS.has(item.problem.code)) {
    await putOutboxItem({
      ...item,
      status: 'pending',
      problem: null,
      attempts: 0,
      dueAt: now,
      updatedAt: now,
      wasProblem: true,
    });
  }
}
