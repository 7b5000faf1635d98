import { linkStore } from '../../db/links';
import { enqueueOutbox, getOutboxItem, putOutboxItem } from '../../db/outbox';
import type { EngineContext } from '../engine/context';
import { CREATE_JITTER_MS } from '../engine/context';
import { dealEcho, type EchoRecord } from '../model/echo';
import type { Effect, OutboxRecord } from '../model/outbox-types';
import { newOutboxRecord, settledAt } from '../model/outbox';
import { decideDealWrite } from '../model/reconcile';
import { dealTargetForActions, rulesFor } from '../model/rules';
import { applyOrderFollow } from './order-action';
import type { DealTarget } from '../model/outbox-types';
import { ItemRun, type ActivityPart } from './run';
import type { RunBatch } from './run';
import { onFailure } from './failure';
import { writeLinkedDeal } from './linked-deal';
import { funnelStageLabel, ruleText } from '../items/describe';
import { t } from '../items/i18n';

/**
 * Applies one outbox item: re-read the other side, compute the difference under the rules,
 * write only that. Every failure ends in a retry with backoff or a problem that says why.
 */
export async function applyItem(
  ctx: EngineContext,
  record: OutboxRecord,
  batch: RunBatch | null = null,
): Promise<'done' | 'deferred'> {
  // A write of a stopped worker may still be running on the server: look once it must be done.
  const settled = settledAt(record, ctx.deps.policy);
  if (settled > ctx.now()) {
    await putOutboxItem({ ...record, dueAt: settled });
    return 'done';
  }
  if (await yieldsToOrderSide(ctx, record, batch)) return 'done';
  const run = new ItemRun(ctx, record, batch);
  try {
    const effect = record.effect;
    if (effect.kind === 'deal_follow') return await applyDealFollow(run, effect);
    if (effect.kind === 'order_follow') await applyOrderFollow(run, effect);
    else await applyCreate(run, effect);
  } catch (error) {
    await onFailure(run, error);
  }
  return 'done';
}

/**
 * A parked deal → order item revived by a change on the order side comes from an older
 * observation of the deal. If that order change asked the deal to follow (e.g. "restore"
 * reopens it), that wish goes first, even when a fault delays it: the revived item then
 * re-reads the deal as it is after it, and a won → complete rule cannot fire off the stale
 * "won" and undo the person's restore.
 */
async function yieldsToOrderSide(ctx: EngineContext, record: OutboxRecord, batch: RunBatch | null): Promise<boolean> {
  const effect = record.effect;
  if (effect.kind !== 'order_follow' || !record.wasProblem) return false;
  const dealSide = `deal:${effect.dealId}`;
  if (batch?.completions.completed(dealSide)) return false;
  const orderSide = await getOutboxItem(dealSide);
  if (
    orderSide?.status !== 'pending' ||
    orderSide.effect.kind !== 'deal_follow' ||
    orderSide.effect.orderId !== effect.orderId
  )
    return false;
  await putOutboxItem({ ...record, dueAt: Math.max(orderSide.dueAt, ctx.now()) + 1 });
  return true;
}

async function targetName(
  ctx: EngineContext,
  target: DealTarget | { kind: 'stage'; stageId: number },
): Promise<string> {
  if (target.kind === 'stage') return ctx.stageName(target.stageId);
  return t(target.kind);
}

async function applyDealFollow(
  run: ItemRun,
  effect: Extract<Effect, { kind: 'deal_follow' }>,
): Promise<'done' | 'deferred'> {
  const { ctx } = run;
  const deal = await ctx.deals.get(effect.dealId, { fresh: run.mustReRead });
  if (!deal || deal.orderId !== effect.orderId) {
    // The deal is gone or no longer linked to this order: nothing to follow.
    await linkStore.removeDeal(effect.dealId);
    await run.finish([], null);
    return 'done';
  }
  const planned = dealTargetForActions(rulesFor(ctx.settings, deal.funnelId), effect.actionIds);
  if (!planned) {
    await run.finish([], null);
    return 'done';
  }
  const funnelName = await ctx.funnelName(deal.funnelId);
  const to = await targetName(ctx, planned.target);
  const kind = planned.target.kind === 'stage' ? 'move' : planned.target.kind;
  await run.plan(
    { kind, to, rule: ruleText(ctx.workflow.actionName(planned.actionId), to, funnelName) },
    { dealName: deal.name },
  );
  const decision = decideDealWrite(deal, planned.target, {
    allowBackward: planned.rule?.allowBackward ?? false,
    funnels: await ctx.funnels(),
  });
  const from = deal.status === 'OPEN' ? await ctx.stageName(deal.stageId) : t(deal.status === 'WON' ? 'won' : 'lost');
  const activityKind: ActivityPart['kind'] =
    kind === 'move' ? 'deal_moved' : kind === 'reopen' ? 'deal_reopened' : 'deal_closed';
  if (decision.kind !== 'write') {
    // After a lost reply, finding the deal there means our write went through: its entry in
    // the CRM history is ours, and must not come back as a person's change. It is told as
    // our move from where the deal was when we sent it.
    const ours = run.hadLostWrite && decision.kind === 'already';
    const echoes = ours ? [echoOfTarget(deal.id, planned.target, ctx.now())] : [];
    const before = run.record.inFlight?.from;
    const told =
      ours && before
        ? { kind: activityKind, outcome: 'applied' as const, from: before, to, funnelName }
        : { kind: activityKind, outcome: 'already' as const, from, to, funnelName };
    await run.finish(echoes, run.hadLostWrite ? told : null);
    return 'done';
  }
  const [first] = decision.ops;
  if (decision.ops.length === 1 && first.op === 'move' && run.mayDeferMove) {
    // Moves to one stage go out together once the batch is planned (see BulkMoves).
    run.batch!.moves!.defer({
      run,
      dealId: deal.id,
      stageId: first.stageId,
      activity: { kind: activityKind, outcome: 'applied', from, to, funnelName },
    });
    return 'deferred';
  }
  const echoes: EchoRecord[] = [];
  for (const [index, op] of decision.ops.entries()) {
    await run.beginWrite(`deal_${op.op}`, from);
    const now = ctx.now();
    if (op.op === 'move') {
      await ctx.ports.moveDeal(deal.id, op.stageId);
      echoes.push(dealEcho(deal.id, 'deal_step', op.stageId, now));
    } else if (op.op === 'close') {
      await ctx.ports.closeDeal(deal.id, op.status);
      echoes.push(dealEcho(deal.id, op.status === 'WON' ? 'deal_won' : 'deal_lost', null, now));
    } else {
      await ctx.ports.reopenDeal(deal.id);
      echoes.push(dealEcho(deal.id, 'deal_reopen', null, now));
    }
    // The last write's echo is stored with the item's completion, in one transaction.
    if (index < decision.ops.length - 1) await run.wrote(echoes.slice(-1));
  }
  ctx.deals.forget(deal.id);
  await run.finish(echoes.slice(-1), { kind: activityKind, outcome: 'applied', from, to, funnelName });
  return 'done';
}

function echoOfTarget(dealId: number, target: DealTarget, now: number): EchoRecord {
  if (target.kind === 'stage') return dealEcho(dealId, 'deal_step', target.stageId, now);
  if (target.kind === 'reopen') return dealEcho(dealId, 'deal_reopen', null, now);
  return dealEcho(dealId, target.kind === 'won' ? 'deal_won' : 'deal_lost', null, now);
}

async function applyCreate(run: ItemRun, effect: Extract<Effect, { kind: 'deal_create' }>): Promise<void> {
  const { ctx } = run;
  const funnelName = (await ctx.funnelName(effect.funnelId)) ?? '';
  const stageName = await ctx.stageName(effect.stageId);
  await run.plan({ kind: 'create', to: funnelStageLabel(funnelName, stageName), rule: t('autoCreateRule') });

  let echoes: EchoRecord[] = [];
  const outcome = await writeLinkedDeal(
    { ports: ctx.ports, random: ctx.deps.random, jitterMs: ctx.deps.createJitterMs ?? CREATE_JITTER_MS },
    {
      orderId: effect.orderId,
      contactId: effect.contactId,
      funnelId: effect.funnelId,
      stageId: effect.stageId,
      ownerId: effect.ownerId,
    },
    {
      beforeWrite: () => run.beginWrite('deal_create'),
      afterWrite: (dealId) => {
        run.writing = false;
        echoes = [dealEcho(dealId, 'deal_add', null, ctx.now())];
      },
      beforeDelete: async (keep) => {
        run.record = { ...run.record, dealId: keep.id, dealName: keep.name };
        await run.wrote(echoes);
      },
    },
  );
  if (outcome.kind === 'bind_gone') throw new Error('a new deal is never a bind');
  if (outcome.kind === 'unverified') return run.problem({ code: 'create_unverified', params: {} }, undefined, true);
  const keep = outcome.keep;
  if (outcome.kind === 'already') {
    await linkOrder(ctx, effect, keep.id);
    await run.plan(run.record.plan!, { dealName: keep.name });
    run.record = { ...run.record, dealId: keep.id };
    return run.finish(
      [],
      run.hadLostWrite ? { kind: 'deal_created', outcome: 'already', to: keep.name, funnelName } : null,
    );
  }
  run.record = { ...run.record, dealId: keep.id, dealName: keep.name };
  if (outcome.kind === 'raced') {
    if (!outcome.deleted) {
      return run.problem({
        code: 'duplicate_deals',
        params: { deals: outcome.linked.map((d) => `#${d.id}`).join(', '), keep: `#${keep.id}` },
      });
    }
    await linkOrder(ctx, effect, keep.id);
    return run.finish([], { kind: 'deal_linked', outcome: 'already', to: keep.name, funnelName });
  }
  await linkOrder(ctx, effect, keep.id);
  await run.finish(echoes, {
    kind: 'deal_created',
    outcome: 'applied',
    to: funnelStageName(funnelName, stageName),
    funnelName,
  });
}

function funnelStageName(funnel: string, stage: string): string {
  return funnel ? `${funnel}: ${stage}` : stage;
}

/** Records the link and, if the order's actions had rules, lets the new deal follow them. */
async function linkOrder(
  ctx: EngineContext,
  effect: Extract<Effect, { kind: 'deal_create' }>,
  dealId: number,
): Promise<void> {
  await linkStore.put({ orderId: effect.orderId, dealId, confirmedAt: ctx.now() });
  if (!effect.followActionIds.length) return;
  const orderNumber = await ctx.ports.orderNumber(effect.orderId);
  await enqueueOutbox([
    newOutboxRecord(
      { kind: 'deal_follow', orderId: effect.orderId, dealId, actionIds: effect.followActionIds },
      {
        kind: 'order_action',
        orderId: effect.orderId,
        orderNumber,
        actionId: effect.followActionIds.at(-1)!,
        actionName: ctx.workflow.actionName(effect.followActionIds.at(-1)!),
        logId: null,
      },
      { orderNumber, dealName: null },
      ctx.now(),
    ),
  ]);
}
