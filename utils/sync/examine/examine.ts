import { linkStore } from '../../db/links';
import { liveEchoes } from '../../db/echoes';
import { putInbox, settleInboxMany, type Settlement } from '../../db/inbox';
import { getOutboxItem, getOutboxItems } from '../../db/outbox';
import type { Link } from '../../links/types';
import type { EngineContext } from '../engine/context';
import { orderStatesOf } from '../../db/order-states';
import type { EchoRecord } from '../model/echo';
import type { InboxRecord, OrderStateRecord } from '../model/inbox-types';
import { settledAt } from '../model/outbox';
import type { OutboxRecord } from '../model/outbox-types';
import { runBounded } from '../engine/bounded';
import { examineOrder } from './order';
import { examineDeal } from './deal';
import { ownItemId, type Prefetched } from './outcome';

/**
 * Examination: turns one observed change into the effects the rules ask for (or none).
 * Reads only what it must: an order's log when its action can matter, a deal when it moved.
 */
export async function examine(
  ctx: EngineContext,
  record: InboxRecord,
  echoes: EchoRecord[],
  known?: Prefetched,
): Promise<OutboxRecord[]> {
  // A write of ours to this object whose outcome is still unknown may be what this change is:
  // look at the change once that write is settled and its echo recorded.
  const writer = known ? known.own : await getOutboxItem(ownItemId(record));
  if (writer?.inFlight) {
    const settled = Math.max(settledAt(writer, ctx.deps.policy), writer.status === 'pending' ? writer.dueAt : 0);
    await putInbox({ ...record, dueAt: Math.max(settled, ctx.now()) + 1_000 });
    return [];
  }
  return record.kind === 'order' ? examineOrder(ctx, record, echoes, known) : examineDeal(ctx, record, echoes, known);
}

/**
 * What examining some inbox records needs from IndexedDB, read at once (one transaction per
 * store): live echoes, the orders' links and last seen states, the deals' links, and the
 * outbox items of the records' objects and of linked deals. Read for a whole window of
 * records before any of its batches is stored: a batch's store then never holds up the next
 * batch's reads. A window's records are distinct objects, and examination creates neither
 * an in-flight write nor a problem, so what one batch stores does not change what another
 * relies on here; echoes consumed by one batch are taken out of the shared list.
 */
export interface ExaminationReads {
  echoes: EchoRecord[];
  links: Map<number, Link>;
  dealLinks: Map<number, Link>;
  states: Map<number, OrderStateRecord>;
  own: Map<string, OutboxRecord>;
}

export async function readForExamination(
  ctx: EngineContext,
  records: readonly InboxRecord[],
): Promise<ExaminationReads> {
  const orderIds = records.flatMap((r) => (r.kind === 'order' ? [r.order.id] : []));
  const dealIds = records.flatMap((r) => (r.kind === 'deal' ? [r.dealId] : []));
  const [echoes, links, dealLinks, states] = await Promise.all([
    liveEchoes(ctx.now()),
    linkStore.byOrders(orderIds),
    linkStore.byDeals(dealIds),
    orderStatesOf(orderIds),
  ]);
  const dealItemIds = [...links.values()].map((link) => `deal:${link.dealId}`);
  const own = await getOutboxItems([...records.map(ownItemId), ...dealItemIds]);
  return { echoes, links, dealLinks, states, own };
}

/** Examines every due inbox record; one that fails to be read stays in the inbox and is tried later. */
export async function examineDue(
  ctx: EngineContext,
  records: readonly InboxRecord[],
  onFailure: (record: InboxRecord, error: unknown) => Promise<'retry' | 'stop'>,
  /** Stores the batch's outcome (the engine queues it behind the previous batch's, and goes on). */
  store: (settlements: Settlement[]) => Promise<void> = settleInboxMany,
  /** Read for a window these records belong to (readForExamination); read here when absent. */
  reads?: ExaminationReads,
): Promise<void> {
  const { echoes, links, dealLinks, states, own } = reads ?? (await readForExamination(ctx, records));
  const known = new Map<InboxRecord, Prefetched>();
  // Every record's outcome is stored in one transaction after the batch (each record's
  // effects and its removal from the inbox stay together: a crash only repeats the batch).
  const settled: Settlement[] = [];
  const keysOf = new Map<InboxRecord, string[]>();
  for (const record of records) {
    const link = (record.kind === 'order' ? links.get(record.order.id) : dealLinks.get(record.dealId)) ?? null;
    known.set(record, {
      link: record.kind === 'order' ? link : undefined,
      own: own.get(ownItemId(record)) ?? null,
      dealItem: record.kind === 'order' && link ? (own.get(`deal:${link.dealId}`) ?? null) : undefined,
      state: record.kind === 'order' ? (states.get(record.order.id) ?? null) : undefined,
      settled,
    });
    // An order and its deal are one pair: their records are examined one after the other.
    keysOf.set(
      record,
      record.kind === 'order'
        ? [`order:${record.order.id}`, ...(link ? [`deal:${link.dealId}`] : [])]
        : [`deal:${record.dealId}`, ...(link ? [`order:${link.orderId}`] : [])],
    );
  }
  try {
    await runBounded(
      records,
      (record) => keysOf.get(record)!,
      EXAMINE_CONCURRENCY,
      async (record) => {
        try {
          await examine(ctx, record, echoes, known.get(record));
        } catch (error) {
          if ((await onFailure(record, error)) === 'stop') throw error;
        }
      },
    );
  } finally {
    await store(settled);
  }
}

/**
 * Records examined at once: reads only (an order's log), enough to overlap network waits.
 * Over HTTP/1.1 the browser itself keeps at most six connections to one host.
 */
const EXAMINE_CONCURRENCY = 10;

export async function postponeInbox(record: InboxRecord, dueAt: number): Promise<void> {
  await putInbox({ ...record, attempts: record.attempts + 1, dueAt });
}
