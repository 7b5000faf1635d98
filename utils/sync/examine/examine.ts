import { linkStore } from '../../db/links';
import { liveEchoes } from '../../db/echoes';
import { putInbox, settleInbox, settleInboxMany, type Settlement } from '../../db/inbox';
import { getOutboxItem, getOutboxItems, putOutboxItem } from '../../db/outbox';
import type { Link } from '../../links/types';
import type { EngineContext } from '../engine/context';
import { orderStateOf, orderStatesOf } from '../../db/order-states';
import { findDealEcho, findOrderEcho, orderEchoesSince, type EchoRecord } from '../model/echo';
import type { HistoryNote, InboxRecord, OrderSnapshot, OrderStateRecord } from '../model/inbox-types';
import type { OrderLogItem } from '../engine/ports';
import { autoCreateFor, anyOrderToDealRule, dealTargetForActions, findStage, isBackwardMove, orderActionMatters, orderCandidatesForDeal, rulesFor } from '../model/rules';
import { decideDealWrite } from '../model/reconcile';
import { newOutboxRecord, settledAt } from '../model/outbox';
import type { OutboxRecord } from '../model/outbox-types';
import { runBounded } from '../engine/bounded';

/**
 * Examination: turns one observed change into the effects the rules ask for (or none).
 * Reads only what it must: an order's log when its action can matter, a deal when it moved.
 */
const STEP_ACTIONS = new Set(['deal_step', 'deal_move', 'deal_won', 'deal_lost', 'deal_reopen']);
/** Problems that a later change of the same object may have resolved: they are looked at again. */
const REVISITED_PROBLEMS = new Set(['data_required', 'form_refused', 'not_available', 'no_candidate_action', 'builtin_form', 'retries_exhausted']);

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

const ownItemId = (record: InboxRecord) => (record.kind === 'order' ? `order:${record.order.id}` : `deal:${record.dealId}`);

export async function examine(ctx: EngineContext, record: InboxRecord, echoes: EchoRecord[], known?: Prefetched): Promise<OutboxRecord[]> {
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

async function examineOrder(ctx: EngineContext, record: Extract<InboxRecord, { kind: 'order' }>, echoes: EchoRecord[], known?: Prefetched): Promise<OutboxRecord[]> {
  const { order, since } = record;
  const settings = ctx.settings;
  let link = known?.link !== undefined ? known.link : await linkStore.byOrder(order.id);
  const auto = order.contactId ? autoCreateFor(settings, order.storefront) : null;
  // Once this run has read every deal's link, a miss means "not linked": without automatic
  // creation nothing can follow from this order, so neither its log nor a lookup is needed.
  if (!link && !auto && (ctx.deals.linksCompleteAt !== null || !anyOrderToDealRule(settings))) return settle(ctx, known, record, [], []);

  const createOn = auto ? (auto.trigger === 'order_create' ? 'create' : 'process') : null;
  const consumed: string[] = [];
  // New orders nobody touched yet ran only "create": no need to read their log to know it.
  // An order seen before often tells by its state alone what ran since (infer.ts).
  let fresh: OrderLogItem[];
  const inferred = order.untouched && !link ? null : await inferFromState(ctx, order, known, echoes, !link ? createOn : null);
  if (order.untouched && !link) {
    fresh = [{ id: 0, actionId: 'create', actionName: null, contactId: null, datetime: order.updated, beforeStateId: null, afterStateId: order.stateId }];
  } else if (inferred) {
    fresh = inferred.entries;
    if (inferred.echo) {
      consumed.push(inferred.echo.key);
      const index = echoes.indexOf(inferred.echo);
      if (index >= 0) echoes.splice(index, 1);
    }
  } else {
    const log = await ctx.ports.orderLog(order.id);
    for (const entry of log) {
      if (entry.actionName) ctx.workflow.actionNames.set(entry.actionId, entry.actionName);
      await ctx.workflow.learnTarget(entry.actionId, entry.beforeStateId, entry.afterStateId);
    }
    fresh = newEntries(log, since);
  }
  const me = fresh.some((e) => e.contactId !== null) ? await ctx.me() : null;
  const actions: OrderLogItem[] = [];
  for (const entry of fresh) {
    const echo = findOrderEcho(entry, order.id, echoes, me);
    if (echo) {
      consumed.push(echo.key);
      echoes.splice(echoes.indexOf(echo), 1);
    } else actions.push(entry);
  }
  const mattering = actions.filter((e) => orderActionMatters(settings, e.actionId));
  const last = mattering.at(-1);
  const names = { orderNumber: order.number, dealName: null };
  const triggerOf = (entry: OrderLogItem) => ({
    kind: 'order_action' as const,
    orderId: order.id,
    orderNumber: order.number,
    actionId: entry.actionId,
    actionName: entry.actionName ?? ctx.workflow.actionName(entry.actionId),
    logId: entry.id || null,
  });

  const createTrigger = !link && createOn !== null && actions.some((e) => e.actionId === createOn);
  if (!link && !createTrigger && last && order.contactId && ctx.deals.linksCompleteAt === null) {
    // Not in the cache: Webasyst is the source of truth, so look the link up before deciding.
    const deals = await ctx.customers.of(order.contactId);
    // Every link the customer's deals show is worth keeping: their other orders will hit the cache.
    const lowest = new Map<number, number>();
    for (const d of deals) if (d.orderId !== null && !(lowest.get(d.orderId)! < d.id)) lowest.set(d.orderId, d.id);
    for (const [orderId, dealId] of lowest) {
      const known = await linkStore.byOrder(orderId);
      if (known?.dealId !== dealId) await linkStore.put({ orderId, dealId, confirmedAt: ctx.now() });
    }
    const dealId = lowest.get(order.id);
    if (dealId !== undefined) link = { orderId: order.id, dealId, confirmedAt: ctx.now() };
  }

  const effects: OutboxRecord[] = [];
  const now = ctx.now();
  if (link && last && (await followMayWrite(ctx, { orderId: order.id, dealId: link.dealId, actionIds: mattering.map((e) => e.actionId) }, known))) {
    effects.push(
      newOutboxRecord(
        { kind: 'deal_follow', orderId: order.id, dealId: link.dealId, actionIds: mattering.map((e) => e.actionId) },
        triggerOf(last),
        names,
        now,
      ),
    );
  } else if (createTrigger && auto && order.contactId) {
    effects.push(
      newOutboxRecord(
        {
          kind: 'deal_create',
          orderId: order.id,
          contactId: order.contactId,
          storefront: order.storefront,
          funnelId: auto.funnelId,
          stageId: auto.stageId,
          ownerId: auto.ownerId,
          followActionIds: mattering.map((e) => e.actionId),
        },
        { kind: 'order_new', orderId: order.id, orderNumber: order.number, storefront: order.storefront, actionId: createOn === 'create' ? 'create' : 'process' },
        names,
        now,
      ),
    );
  }
  await revisitProblem(`order:${order.id}`, now, known);
  return settle(ctx, known, record, effects, consumed);
}

/**
 * Whether a deal asked to follow its order may need a write. When this run already knows the
 * deal (listed in bulk, unchanged since) and no item for it waits, the answer is the one the
 * first try of that item would reach with the same knowledge: a deal already there, or past
 * it, needs no item at all. Anything less certain goes to the outbox as usual.
 */
async function followMayWrite(
  ctx: EngineContext,
  follow: { orderId: number; dealId: number; actionIds: string[] },
  known: Prefetched | undefined,
): Promise<boolean> {
  if (known?.dealItem !== null) return true;
  const deal = await ctx.deals.ifKnown(follow.dealId);
  if (!deal || deal.orderId !== follow.orderId) return true;
  const planned = dealTargetForActions(rulesFor(ctx.settings, deal.funnelId), follow.actionIds);
  if (!planned) return false;
  const decision = decideDealWrite(deal, planned.target, { allowBackward: planned.rule?.allowBackward ?? false, funnels: await ctx.funnels() });
  return decision.kind === 'write';
}

/**
 * What ran on an order since it was last seen, told from its state (infer.ts) instead of its
 * log, as log-like entries without ids; null when only the log can tell. A write of ours to
 * the order since then splits the change in two: we know the states it moved the order
 * between, so what others did before it (from the state last seen to the state our write
 * found) and after it (from the state it left to the state now) is told each on its own,
 * and the write itself is our echo. Two writes of ours, or one whose states are not known:
 * the log's ids decide.
 */
async function inferFromState(
  ctx: EngineContext,
  order: OrderSnapshot,
  known: Prefetched | undefined,
  echoes: readonly EchoRecord[],
  createOn: string | null,
): Promise<{ entries: OrderLogItem[]; echo: EchoRecord | null } | null> {
  const last = known?.state !== undefined ? known.state : await orderStateOf(order.id);
  // Not seen before, or seen in a newer state than this snapshot shows (a clock gone back).
  if (!last || last.updated > order.updated) return null;
  const ours = orderEchoesSince(order.id, echoes, last.at);
  if (ours.length > 1) return null;
  const echo = ours[0] ?? null;
  if (echo && (!echo.beforeStateId || !echo.afterStateId)) return null;
  const tell = (from: string, to: string) => ctx.workflow.inferActions(from, to, order.authorized ?? true, createOn);
  const segments = await Promise.all(echo ? [tell(last.stateId, echo.beforeStateId!), tell(echo.afterStateId!, order.stateId)] : [tell(last.stateId, order.stateId)]);
  const actionIds: string[] = [];
  for (const segment of segments) {
    if (segment.kind !== 'inferred') return null;
    actionIds.push(...segment.actionIds);
  }
  // Entries without ids or authors: nothing else in examination reads them but their actions.
  const entries = actionIds.map((actionId) => ({
    id: 0,
    actionId,
    actionName: null,
    contactId: null,
    datetime: order.updated,
    beforeStateId: null,
    afterStateId: null,
  }));
  return { entries, echo };
}

/** Log entries (newest first from the API) at or after `since`, oldest first; only the newest without a cursor. */
export function newEntries(log: readonly OrderLogItem[], since: string | null): OrderLogItem[] {
  if (since === null) return log.slice(0, 1);
  return log.filter((e) => e.datetime >= since).reverse();
}

async function examineDeal(ctx: EngineContext, record: Extract<InboxRecord, { kind: 'deal' }>, echoes: EchoRecord[], known?: Prefetched): Promise<OutboxRecord[]> {
  const me = record.entries.length ? await ctx.me() : null;
  const consumed: string[] = [];
  const foreign = record.entries.filter((entry) => {
    const echo = findDealEcho(entry, record.dealId, echoes, me);
    if (!echo) return true;
    consumed.push(echo.key);
    echoes.splice(echoes.indexOf(echo), 1);
    return false;
  });
  if (!foreign.length) return settle(ctx, known, record, [], consumed);
  if (await movedWhereNoRuleActs(ctx, foreign)) {
    // Nothing can follow on the order side: the deal need not be read for it.
    await revisitProblem(`deal:${record.dealId}`, ctx.now(), known);
    return settle(ctx, known, record, [], consumed);
  }

  const deal = await ctx.deals.get(record.dealId, { fresh: true });
  if (!deal) {
    await linkStore.removeDeal(record.dealId);
    return settle(ctx, known, record, [], consumed);
  }
  if (deal.orderId !== null) {
    // Several deals may carry one order (the backend endpoint checks nothing): like Webasyst's
    // own lookup, the lowest id is the order's deal.
    const known = await linkStore.byOrder(deal.orderId);
    if (!known || known.dealId >= deal.id) await linkStore.put({ orderId: deal.orderId, dealId: deal.id, confirmedAt: ctx.now() });
  } else await linkStore.removeDeal(deal.id);

  const steps = foreign.filter((e) => STEP_ACTIONS.has(e.action));
  const last = steps.at(-1);
  const effects: OutboxRecord[] = [];
  const now = ctx.now();
  if (deal.orderId !== null && last) {
    const backward = last.action === 'deal_step' && isBackwardMove(await ctx.funnels(), last.stageBefore, last.stageAfter);
    effects.push(
      newOutboxRecord(
        { kind: 'order_follow', orderId: deal.orderId, dealId: deal.id, backward, reopened: last.action === 'deal_reopen' },
        {
          kind: 'deal_change',
          dealId: deal.id,
          dealName: deal.name,
          stageName: await ctx.stageName(deal.stageId),
          status: deal.status,
          historyId: last.id,
          at: last.at,
        },
        { orderNumber: await ctx.ports.orderNumber(deal.orderId), dealName: deal.name },
        now,
      ),
    );
  }
  await revisitProblem(`deal:${deal.id}`, now, known);
  return settle(ctx, known, record, effects, consumed);
}

/**
 * Whether these history entries are only stage moves, the last of them to a stage where no
 * rule runs an order action (no rule for that stage, or a move backward that its rules do not
 * allow). Examination would then read the deal, find it where the entry says, and ask for
 * nothing. Anything else (a deal added or linked, won, lost, reopened) is read as before: the
 * read also tells the deal's link.
 */
async function movedWhereNoRuleActs(ctx: EngineContext, entries: readonly HistoryNote[]): Promise<boolean> {
  if (!entries.every((e) => e.action === 'deal_step' || e.action === 'deal_move')) return false;
  const last = entries.at(-1)!;
  if (last.stageAfter === null) return false;
  const funnels = await ctx.funnels();
  const found = findStage(funnels, last.stageAfter);
  if (!found) return false;
  const backward = last.action === 'deal_step' && isBackwardMove(funnels, last.stageBefore, last.stageAfter);
  const candidates = orderCandidatesForDeal(rulesFor(ctx.settings, found.funnel.id), { stageId: last.stageAfter, status: 'OPEN' }, { backward, reopened: false });
  return candidates.actionIds.length === 0;
}

async function settle(ctx: EngineContext, known: Prefetched | undefined, record: InboxRecord, effects: OutboxRecord[], consumed: string[]): Promise<OutboxRecord[]> {
  // An examined order change leaves the order known in the state it was seen in.
  const orderState: OrderStateRecord | undefined =
    record.kind === 'order' ? { orderId: record.order.id, stateId: record.order.stateId, updated: record.order.updated, at: ctx.now() } : undefined;
  // In a batch, the settlements are stored together once the batch is examined.
  if (known?.settled) {
    known.settled.push({ key: record.key, effects, consumed, orderState });
    return effects;
  }
  return settleInbox(record.key, effects, consumed, orderState);
}

/** A problem about this object may be solved by the change just seen: evaluate it again. */
async function revisitProblem(itemId: string, now: number, known?: Prefetched): Promise<void> {
  // Problems arise only when applying: if the batch found none here, there is none now.
  if (known && known.own?.status !== 'problem') return;
  const item = await getOutboxItem(itemId);
  if (item?.status === 'problem' && item.problem && REVISITED_PROBLEMS.has(item.problem.code)) {
    await putOutboxItem({ ...item, status: 'pending', problem: null, attempts: 0, dueAt: now, updatedAt: now, wasProblem: true });
  }
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

export async function readForExamination(ctx: EngineContext, records: readonly InboxRecord[]): Promise<ExaminationReads> {
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
    keysOf.set(record, record.kind === 'order'
      ? [`order:${record.order.id}`, ...(link ? [`deal:${link.dealId}`] : [])]
      : [`deal:${record.dealId}`, ...(link ? [`order:${link.orderId}`] : [])]);
  }
  try {
    await runBounded(records, (record) => keysOf.get(record)!, EXAMINE_CONCURRENCY, async (record) => {
      try {
        await examine(ctx, record, echoes, known.get(record));
      } catch (error) {
        if ((await onFailure(record, error)) === 'stop') throw error;
      }
    });
  } finally {
    await store(settled);
  }
}

/**
 * Records examined at once: reads only (an order's log), enough to overlap network waits.
 * Over HTTP/1.1 the browser itself keeps at most six connections to one host.
 */
export const EXAMINE_CONCURRENCY = 10;


export async function postponeInbox(record: InboxRecord, dueAt: number): Promise<void> {
  await putInbox({ ...record, attempts: record.attempts + 1, dueAt });
}
