import type { Settings } from '../settings/schema';
import { defaultActionTarget, defaultFormChoice } from '../settings/workflow';
import type { DealView, HistoryItem, OrderLogItem } from '../sync/engine/ports';
import { decideDealWrite, decideOrderWrite, type AvailableAction, type DealOp } from '../sync/model/reconcile';
import {
  autoCreateFor,
  dealTargetForActions,
  findStage,
  isBackwardMove,
  orderCandidatesForDeal,
  rulesFor,
  type FunnelInfo,
} from '../sync/model/rules';
import type { PreviewText } from './text';
import type { PreviewChange, PreviewResult } from './types';

/**
 * The dry run. It uses the sync engine's own rule and reconciliation functions
 * (utils/sync/rules.ts, reconcile.ts), so it shows what the engine would decide; the
 * engine's examination step itself keeps cursors and an outbox in IndexedDB, so the
 * walk over recent orders and deal changes is done here, reading only.
 *
 * For each of the latest orders: its log (oldest first) under the rules gives what its deal
 * should be; compared with the deal as it is now, the difference is the change. Unlinked
 * orders are checked against automatic creation. For each deal among the latest deal
 * changes: its last step under the rules gives the order action wanted; compared with the
 * actions the order offers now, that is the change (or a problem for a person).
 */
export interface PreviewOrder {
  id: number;
  number: string | null;
  contactId: number | null;
  stateId: string;
  storefront: string;
}

export interface PreviewSource {
  recentOrders(limit: number): Promise<PreviewOrder[]>;
  getOrder(orderId: number): Promise<PreviewOrder | null>;
  /** Newest first, as shop.order.log gives it. */
  orderLog(orderId: number): Promise<OrderLogItem[]>;
  orderActions(orderId: number): Promise<AvailableAction[]>;
  /** The deal linked to the order (external_id shop:<id>), if any. */
  linkedDeal(order: PreviewOrder): Promise<DealView | null>;
  getDeal(dealId: number): Promise<DealView | null>;
  /** The latest deal stage/status changes (crm.history), newest first. */
  recentDealChanges(limit: number): Promise<HistoryItem[]>;
  funnels(): Promise<FunnelInfo[]>;
  actionName(actionId: string): string;
  stateName(stateId: string): string;
  userName(userId: number): string;
  /** Server-local "Y-m-d H:i:s" → epoch ms, or null. */
  shopTime(datetime: string): number | null;
}

const STEP_ACTIONS = new Set(['deal_step', 'deal_move', 'deal_won', 'deal_lost', 'deal_reopen']);

export async function planPreview(
  settings: Settings,
  source: PreviewSource,
  options: { limit: number; text: PreviewText },
): Promise<PreviewResult> {
  const { text } = options;
  const funnels = await source.funnels();
  const changes: PreviewChange[] = [];
  const notes: string[] = [];
  const stageName = (stageId: number) => findStage(funnels, stageId)?.stage.name ?? `#${stageId}`;
  const funnelName = (funnelId: number) => funnels.find((f) => f.id === funnelId)?.name ?? `#${funnelId}`;
  const targetText = (target: { kind: string; stageId?: number }) =>
    target.kind === 'stage'
      ? text('stage', { stage: stageName(target.stageId!) })
      : target.kind === 'won'
        ? text('targetWon')
        : text('targetLost');
  const opsText = (ops: DealOp[]) =>
    ops
      .map((op) =>
        op.op === 'move'
          ? text('move', { stage: stageName(op.stageId) })
          : op.op === 'reopen'
            ? text('reopen')
            : text(op.status === 'WON' ? 'won' : 'lost'),
      )
      .join('; ');

  const orders = await source.recentOrders(options.limit);
  for (const order of orders) {
    const label = order.number ?? `#${order.id}`;
    try {
      const log = [...(await source.orderLog(order.id))].reverse();
      const deal = await source.linkedDeal(order);
      const base = { orderId: order.id, orderNumber: label, dealId: deal?.id ?? null, dealName: deal?.name ?? null };
      if (deal) {
        const planned = dealTargetForActions(
          rulesFor(settings, deal.funnelId),
          log.map((e) => e.actionId),
        );
        if (!planned) continue;
        const decision = decideDealWrite(deal, planned.target, {
          allowBackward: planned.rule?.allowBackward ?? false,
          funnels,
        });
        if (decision.kind !== 'write') continue;
        const entry = [...log].reverse().find((e) => e.actionId === planned.actionId);
        const action = source.actionName(planned.actionId);
        const reason =
          planned.target.kind === 'reopen'
            ? text('reasonRestore', { order: label, action })
            : text('reasonOrder', { order: label, action, target: targetText(planned.target) });
        changes.push({
          ...base,
          side: 'deal',
          outcome: 'change',
          effect: opsText(decision.ops),
          reason,
          at: entry ? source.shopTime(entry.datetime) : null,
        });
        continue;
      }
      const auto = order.contactId !== null ? autoCreateFor(settings, order.storefront) : null;
      if (!auto) continue;
      const triggerAction = auto.trigger === 'order_create' ? 'create' : 'process';
      const triggerIndex = log.findIndex((e) => e.actionId === triggerAction);
      // Every order was created, whether or not its log shows "create"; "confirmed" needs a "process" entry.
      if (triggerIndex === -1 && triggerAction === 'process') continue;
      const owner = auto.ownerId === null ? null : source.userName(auto.ownerId);
      let effect = owner
        ? text('createOwner', { funnel: funnelName(auto.funnelId), stage: stageName(auto.stageId), owner })
        : text('create', { funnel: funnelName(auto.funnelId), stage: stageName(auto.stageId) });
      const after = log.slice(triggerIndex + 1);
      const follow = dealTargetForActions(
        rulesFor(settings, auto.funnelId),
        after.map((e) => e.actionId),
      );
      if (follow) {
        const next = decideDealWrite(
          { stageId: auto.stageId, status: 'OPEN', funnelId: auto.funnelId },
          follow.target,
          { allowBackward: follow.rule?.allowBackward ?? false, funnels },
        );
        if (next.kind === 'write') effect += `. ${text('thenNew', { what: opsText(next.ops) })}`;
      }
      const trigger = triggerIndex >= 0 ? log[triggerIndex] : log[0];
      changes.push({
        ...base,
        side: 'deal',
        outcome: 'change',
        effect,
        reason: text('reasonAuto', {
          order: label,
          storefront: order.storefront || text('manual'),
          trigger: text(auto.trigger === 'order_create' ? 'triggerCreate' : 'triggerProcess'),
        }),
        at: trigger ? source.shopTime(trigger.datetime) : null,
      });
    } catch (error) {
      notes.push(text('noteOrder', { order: label, message: messageOf(error) }));
    }
  }

  // The latest step of each deal among the latest deal changes.
  const history = (await source.recentDealChanges(options.limit)).filter(
    (h) => h.dealId !== null && STEP_ACTIONS.has(h.action),
  );
  const lastStep = new Map<number, HistoryItem>();
  for (const entry of history) {
    const known = lastStep.get(entry.dealId!);
    if (!known || entry.id > known.id) lastStep.set(entry.dealId!, entry);
  }
  for (const [dealId, step] of lastStep) {
    try {
      const deal = await source.getDeal(dealId);
      if (!deal || deal.orderId === null) continue;
      const backward = step.action === 'deal_step' && isBackwardMove(funnels, step.stageBefore, step.stageAfter);
      const reopened = step.action === 'deal_reopen';
      const candidates = orderCandidatesForDeal(rulesFor(settings, deal.funnelId), deal, { backward, reopened });
      if (candidates.actionIds.length === 0) continue;
      const order = await source.getOrder(deal.orderId);
      if (!order) continue;
      const available = await source.orderActions(order.id);
      const decision = decideOrderWrite({
        candidates: candidates.actionIds,
        available,
        orderStateId: order.stateId,
        targetOf: (id) => {
          const target = defaultActionTarget(id);
          return target === 'previous' ? null : target;
        },
      });
      if (decision.kind === 'none' || decision.kind === 'already') continue;
      const actions = candidates.actionIds.map((id) => text('quoted', { text: source.actionName(id) })).join(', ');
      const change =
        deal.status === 'WON'
          ? text('changeWon')
          : deal.status === 'LOST'
            ? text('changeLost')
            : text('changeMoved', { stage: stageName(deal.stageId) });
      const reason = reopened
        ? text('reasonReopened')
        : text('reasonDeal', { change, target: targetText(candidates.target), actions });
      const base = {
        side: 'order' as const,
        orderId: order.id,
        orderNumber: order.number ?? `#${order.id}`,
        dealId: deal.id,
        dealName: deal.name,
        reason,
        at: step.at,
      };
      if (decision.kind === 'run')
        changes.push({
          ...base,
          outcome: 'change',
          effect: text('run', { action: decision.action.name || source.actionName(decision.action.id) }),
        });
      else if (decision.kind === 'needs_form') {
        const action = decision.action.name || source.actionName(decision.action.id);
        const choice =
          candidates.rules.find((rule) => rule.actionId === decision.action.id)?.formChoice ??
          defaultFormChoice(decision.action.id);
        if (choice === 'run') changes.push({ ...base, outcome: 'change', effect: text('runWithoutForm', { action }) });
        else changes.push({ ...base, outcome: 'problem', effect: text('needsForm', { action }) });
      } else
        changes.push({
          ...base,
          outcome: 'problem',
          effect: text('unavailable', { state: source.stateName(order.stateId), actions }),
        });
    } catch (error) {
      notes.push(text('noteDeal', { deal: `#${dealId}`, message: messageOf(error) }));
    }
  }

  changes.sort((a, b) => (b.at ?? 0) - (a.at ?? 0));
  return { ordersExamined: orders.length, dealsExamined: lastStep.size, changes, notes };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
