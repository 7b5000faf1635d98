import { linkStore } from '../../db/links';
import type { EngineContext } from '../engine/context';
import { findDealEcho, type EchoRecord } from '../model/echo';
import type { HistoryNote, InboxRecord } from '../model/inbox-types';
import { findStage, isBackwardMove, orderCandidatesForDeal, rulesFor } from '../model/rules';
import { newOutboxRecord } from '../model/outbox';
import type { OutboxRecord } from '../model/outbox-types';
import { revisitProblem, settle, type Prefetched } from './outcome';

const STEP_ACTIONS = new Set(['deal_step', 'deal_move', 'deal_won', 'deal_lost', 'deal_reopen']);

/** A deal change: where the deal is now, and what the rules ask of its order. */
export async function examineDeal(
  ctx: EngineContext,
  record: Extract<InboxRecord, { kind: 'deal' }>,
  echoes: EchoRecord[],
  known?: Prefetched,
): Promise<OutboxRecord[]> {
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
    if (!known || known.dealId >= deal.id)
      await linkStore.put({ orderId: deal.orderId, dealId: deal.id, confirmedAt: ctx.now() });
  } else await linkStore.removeDeal(deal.id);

  const steps = foreign.filter((e) => STEP_ACTIONS.has(e.action));
  const last = steps.at(-1);
  const effects: OutboxRecord[] = [];
  const now = ctx.now();
  if (deal.orderId !== null && last) {
    const backward =
      last.action === 'deal_step' && isBackwardMove(await ctx.funnels(), last.stageBefore, last.stageAfter);
    effects.push(
      newOutboxRecord(
        {
          kind: 'order_follow',
          orderId: deal.orderId,
          dealId: deal.id,
          backward,
          reopened: last.action === 'deal_reopen',
        },
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
  const candidates = orderCandidatesForDeal(
    rulesFor(ctx.settings, found.funnel.id),
    { stageId: last.stageAfter, status: 'OPEN' },
    { backward, reopened: false },
  );
  return candidates.actionIds.length === 0;
}
