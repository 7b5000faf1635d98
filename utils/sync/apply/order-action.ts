import { linkStore } from '../../db/links';
import { defaultFormChoice } from '../../settings/workflow';
import type { ItemRun } from './run';
import { orderEcho } from '../model/echo';
import { classifyFailure } from '../model/failure';
import type { Effect } from '../model/outbox-types';
import type { OrderLogItem } from '../engine/ports';
import { decideOrderWrite, type AvailableAction, type OrderDecision } from '../model/reconcile';
import { orderCandidatesForDeal, rulesFor, type OrderCandidates } from '../model/rules';
import { serverLocalNow, serverLocalToEpoch } from '../model/time';
import { t } from '../items/i18n';
import { ruleText } from '../items/describe';

type OrderFollow = Extract<Effect, { kind: 'order_follow' }>;

/**
 * Deal → order: re-read the deal, pick the first mapped action the order offers now and run
 * it — without its form when the rule says so — or say why a person is needed.
 */
export async function applyOrderFollow(run: ItemRun, effect: OrderFollow): Promise<void> {
  const { ctx } = run;
  const deal = await ctx.deals.get(effect.dealId, { fresh: run.mustReRead });
  if (!deal || deal.orderId !== effect.orderId) {
    await linkStore.removeDeal(effect.dealId);
    return run.finish([], null);
  }
  const candidates = orderCandidatesForDeal(rulesFor(ctx.settings, deal.funnelId), deal, effect);
  if (!candidates.actionIds.length) return run.finish([], null);
  const funnelName = await ctx.funnelName(deal.funnelId);
  const dealState =
    candidates.target.kind === 'stage' ? await ctx.stageName(candidates.target.stageId) : t(candidates.target.kind);
  const orderNumber = run.record.orderNumber ?? (await ctx.ports.orderNumber(effect.orderId));
  const plan = async (actionId: string) =>
    run.plan(
      {
        kind: 'order_action',
        to: ctx.workflow.actionName(actionId),
        rule: ruleText(ctx.workflow.actionName(actionId), dealState, funnelName),
      },
      { dealName: deal.name, orderNumber },
    );
  const ran = await lostActionInLog(run, effect.orderId);
  if (ran) {
    await plan(ran.actionId);
    return run.finish(
      [
        orderEcho(effect.orderId, ran.actionId, ran.id, ctx.now(), {
          before: ran.beforeStateId,
          after: ran.afterStateId,
        }),
      ],
      {
        kind: 'order_action',
        outcome: 'already',
        to: ctx.workflow.actionName(ran.actionId),
        funnelName,
      },
    );
  }
  const available = await ctx.ports.orderActions(effect.orderId);
  for (const action of available) ctx.workflow.actionNames.set(action.id, action.name);
  const targets = new Map<string, string | null>();
  for (const id of candidates.actionIds) targets.set(id, await ctx.workflow.targetOf(id));
  const decide = (orderStateId: string | null, lastStateAction?: string | null): OrderDecision =>
    decideOrderWrite({
      candidates: candidates.actionIds,
      available,
      orderStateId,
      targetOf: (id) => targets.get(id) ?? null,
      lastStateAction,
    });

  let decision = decide(null);
  let stateId: string | null = null;
  if (decision.kind === 'unavailable') {
    const order = await ctx.ports.getOrder(effect.orderId);
    if (!order) return run.problem({ code: 'order_missing', params: {} });
    stateId = order.stateId;
    await run.plan(run.record.plan ?? { kind: 'order_action', to: null, rule: null }, { orderNumber: order.number });
    decision = decide(order.stateId);
    if (decision.kind === 'unavailable') {
      const log = await ctx.ports.orderLog(effect.orderId);
      // Someone ran a mapped action since the deal changed (by hand, another browser, Webasyst's own sync), then moved on.
      if (await ranSinceChange(run, log, candidates.actionIds)) decision = { kind: 'already' };
      else decision = decide(order.stateId, log.find((e) => e.beforeStateId !== e.afterStateId)?.actionId ?? null);
    }
  }
  const shown =
    decision.kind === 'run' || decision.kind === 'needs_form' ? decision.action.id : candidates.actionIds[0];
  const actionName = ctx.workflow.actionName(shown);
  await plan(shown);

  switch (decision.kind) {
    case 'none':
      return run.finish([], null);
    case 'already': {
      // After a lost reply, finding the order there means our action ran: remember it as ours.
      const lost = run.record.inFlight?.op.startsWith('order_action:')
        ? run.record.inFlight.op.slice('order_action:'.length)
        : null;
      const echoes = lost ? [orderEcho(effect.orderId, lost, null, ctx.now())] : [];
      return run.finish(
        echoes,
        run.hadLostWrite ? { kind: 'order_action', outcome: 'already', to: actionName, funnelName } : null,
      );
    }
    case 'unavailable':
      return run.problem({
        code: 'not_available',
        params: { action: actionName, actionId: shown, state: stateId ? await ctx.ports.stateName(stateId) : '' },
      });
    case 'needs_form': {
      const { action } = decision;
      const refused = run.record.formRefusals?.[action.id];
      if (refused !== undefined)
        return run.problem({
          code: 'form_refused',
          params: { action: action.name, actionId: action.id, error: refused },
        });
      if (formChoiceOf(candidates, action.id) === 'ask')
        return run.problem({ code: 'data_required', params: { action: action.name, actionId: action.id } });
      return runAction(run, effect, action, targets.get(action.id) ?? null, funnelName);
    }
    case 'run':
      return runAction(run, effect, decision.action, targets.get(decision.action.id) ?? null, funnelName);
  }
}

/** The rule's choice for an action with a form; `restore` (no rule of its own) keeps its default. */
function formChoiceOf(candidates: OrderCandidates, actionId: string) {
  return candidates.rules.find((rule) => rule.actionId === actionId)?.formChoice ?? defaultFormChoice(actionId);
}

async function runAction(
  run: ItemRun,
  effect: OrderFollow,
  action: AvailableAction,
  target: string | null,
  funnelName: string | null,
): Promise<void> {
  const { ctx } = run;
  // An action that leaves the state as it is stays on offer after it ran: its log tells whether it ran since the change.
  if (
    target === null &&
    action.id !== 'restore' &&
    (await ranSinceChange(run, await ctx.ports.orderLog(effect.orderId), [action.id]))
  ) {
    return run.finish(
      [],
      run.hadLostWrite ? { kind: 'order_action', outcome: 'already', to: action.name, funnelName } : null,
    );
  }
  await run.beginWrite(`order_action:${action.id}`);
  let result: Awaited<ReturnType<typeof ctx.ports.runOrderAction>>;
  try {
    result = await ctx.ports.runOrderAction(effect.orderId, action.id);
  } catch (error) {
    const failure = classifyFailure(error, true);
    // Without its form, a plugin's action may want its fields: a person runs it, never a retry loop.
    if (action.dataRequired && (failure.kind === 'rejected' || failure.kind === 'conflict')) {
      run.writing = false;
      run.record = { ...run.record, formRefusals: { ...run.record.formRefusals, [action.id]: failure.message } };
      return run.problem({
        code: 'form_refused',
        params: { action: action.name, actionId: action.id, error: failure.message },
      });
    }
    throw error;
  }
  run.writing = false;
  await ctx.workflow.learnTarget(action.id, null, result.afterStateId);
  const echo = orderEcho(effect.orderId, action.id, result.logId, ctx.now(), {
    before: result.beforeStateId,
    after: result.afterStateId,
  });
  return run.finish([echo], { kind: 'order_action', outcome: 'applied', to: action.name, funnelName });
}

/** Whether one of these actions is in the order's log since the deal changed (Shop and CRM share the server's clock). */
async function ranSinceChange(
  run: ItemRun,
  log: readonly OrderLogItem[],
  actionIds: readonly string[],
): Promise<boolean> {
  const trigger = run.record.trigger;
  const since = trigger.kind === 'deal_change' ? trigger.at : undefined;
  if (since === undefined) return false;
  const { shiftSeconds } = await run.ctx.ports.shopClock();
  return log.some((entry) => {
    if (!actionIds.includes(entry.actionId)) return false;
    const at = serverLocalToEpoch(entry.datetime, shiftSeconds);
    // Both record whole seconds.
    return at !== null && at >= Math.floor(since / 1000) * 1000;
  });
}

/** Clocks of the browser and the server differ: a log entry this much "before" our write can still be it. */
const LOG_CLOCK_SLACK_MS = 10 * 60_000;

/**
 * After an order action whose reply was lost: did it run? The order's log says so — an entry
 * of that action by us, written after we sent it (Shop's times are server-local, hence the shift).
 */
async function lostActionInLog(run: ItemRun, orderId: number): Promise<OrderLogItem | null> {
  const op = run.record.inFlight?.op ?? '';
  if (!op.startsWith('order_action:')) return null;
  const { ctx } = run;
  const actionId = op.slice('order_action:'.length);
  const [log, me, clock] = await Promise.all([ctx.ports.orderLog(orderId), ctx.me(), ctx.ports.shopClock()]);
  const since = serverLocalNow(run.record.inFlight!.startedAt - LOG_CLOCK_SLACK_MS, clock.shiftSeconds);
  return log.find((e) => e.actionId === actionId && e.contactId === me && e.datetime >= since) ?? null;
}
