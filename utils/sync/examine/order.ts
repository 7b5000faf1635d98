import { linkStore } from '../../db/links';
import type { EngineContext } from '../engine/context';
import { orderStateOf } from '../../db/order-states';
import { findOrderEcho, orderEchoesSince, type EchoRecord } from '../model/echo';
import type { InboxRecord, OrderSnapshot } from '../model/inbox-types';
import type { OrderLogItem } from '../engine/ports';
import { autoCreateFor, anyOrderToDealRule, dealTargetForActions, orderActionMatters, rulesFor } from '../model/rules';
import { decideDealWrite } from '../model/reconcile';
import { newOutboxRecord } from '../model/outbox';
import type { OutboxRecord } from '../model/outbox-types';
import { revisitProblem, settle, type Prefetched } from './outcome';

/** An order change: what ran (told from its state, or read from its log), and what the rules ask of its deal. */
export async function examineOrder(
  ctx: EngineContext,
  record: Extract<InboxRecord, { kind: 'order' }>,
  echoes: EchoRecord[],
  known?: Prefetched,
): Promise<OutboxRecord[]> {
  const { order, since } = record;
  const settings = ctx.settings;
  let link = known?.link !== undefined ? known.link : await linkStore.byOrder(order.id);
  const auto = order.contactId ? autoCreateFor(settings, order.storefront) : null;
  // Once this run has read every deal's link, a miss means "not linked": without automatic
  // creation nothing can follow from this order, so neither its log nor a lookup is needed.
  if (!link && !auto && (ctx.deals.linksCompleteAt !== null || !anyOrderToDealRule(settings)))
    return settle(ctx, known, record, [], []);

  const createOn = auto ? (auto.trigger === 'order_create' ? 'create' : 'process') : null;
  const consumed: string[] = [];
  // New orders nobody touched yet ran only "create": no need to read their log to know it.
  // An order seen before often tells by its state alone what ran since (infer.ts).
  let fresh: OrderLogItem[];
  const inferred =
    order.untouched && !link ? null : await inferFromState(ctx, order, known, echoes, !link ? createOn : null);
  if (order.untouched && !link) {
    fresh = [
      {
        id: 0,
        actionId: 'create',
        actionName: null,
        contactId: null,
        datetime: order.updated,
        beforeStateId: null,
        afterStateId: order.stateId,
      },
    ];
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
  if (
    link &&
    last &&
    (await followMayWrite(
      ctx,
      { orderId: order.id, dealId: link.dealId, actionIds: mattering.map((e) => e.actionId) },
      known,
    ))
  ) {
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
        {
          kind: 'order_new',
          orderId: order.id,
          orderNumber: order.number,
          storefront: order.storefront,
          actionId: createOn === 'create' ? 'create' : 'process',
        },
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
  const decision = decideDealWrite(deal, planned.target, {
    allowBackward: planned.rule?.allowBackward ?? false,
    funnels: await ctx.funnels(),
  });
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
  const segments = await Promise.all(
    echo
      ? [tell(last.stateId, echo.beforeStateId!), tell(echo.afterStateId!, order.stateId)]
      : [tell(last.stateId, order.stateId)],
  );
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
function newEntries(log: readonly OrderLogItem[], since: string | null): OrderLogItem[] {
  if (since === null) return log.slice(0, 1);
  return log.filter((e) => e.datetime >= since).reverse();
}
