import type { OutboxRecord, PlanNote, Problem, Trigger } from '../model/outbox-types';
import { t, type SyncTextKey } from './i18n';

/** Human text for outbox items, rendered when shown so that it follows the UI language. */
function orderLabel(orderId: number | undefined | null, orderNumber: string | null): string {
  if (orderNumber) return orderNumber;
  return orderId ? `#${orderId}` : '';
}

export function describeEffect(record: OutboxRecord): string {
  const order = orderLabel(record.orderId, record.orderNumber);
  const plan = record.plan;
  if (plan && plan.kind !== 'check') return describePlan(plan, order);
  switch (record.effect.kind) {
    case 'deal_create':
      return t('effectCreatePlain', { order });
    case 'deal_follow':
      return t('effectCheckDeal', { order });
    case 'order_follow':
      return t('effectCheckOrder', { order });
  }
}

function describePlan(plan: PlanNote, order: string): string {
  switch (plan.kind) {
    case 'create':
      return plan.to ? t('effectCreate', splitFunnelStage(plan.to)) : t('effectCreatePlain', { order });
    case 'move':
      return t('effectMove', { stage: plan.to ?? '' });
    case 'won':
      return t('effectWon');
    case 'lost':
      return t('effectLost');
    case 'reopen':
      return t('effectReopen');
    case 'order_action':
      return t('effectOrderAction', { action: plan.to ?? '', order });
    case 'check':
      return t('effectCheckDeal', { order });
  }
}

function splitFunnelStage(to: string): { funnel: string; stage: string } {
  const [funnel, stage] = to.split('\u0000');
  return { funnel: funnel ?? '', stage: stage ?? '' };
}

/** "Sales\0Lead In" — how a create plan carries both names in one field. */
export function funnelStageLabel(funnel: string, stage: string): string {
  return `${funnel}\u0000${stage}`;
}

export function describeTrigger(trigger: Trigger): string {
  switch (trigger.kind) {
    case 'order_action':
      return t('triggerOrderAction', {
        order: orderLabel(trigger.orderId, trigger.orderNumber),
        action: trigger.actionName ?? trigger.actionId,
      });
    case 'order_new':
      return t(trigger.actionId === 'create' ? 'triggerOrderNew' : 'triggerOrderProcessed', {
        order: orderLabel(trigger.orderId, trigger.orderNumber),
        storefront: trigger.storefront || t('manualOrders'),
      });
    case 'deal_change': {
      const deal = trigger.dealName ?? `#${trigger.dealId}`;
      if (trigger.status === 'WON') return t('triggerDealWon', { deal });
      if (trigger.status === 'LOST') return t('triggerDealLost', { deal });
      return t('triggerDealStage', { deal, stage: trigger.stageName ?? '' });
    }
  }
}

/** A rule as people read it: "Paid → Invoice sent (Sales)". */
export function ruleText(action: string, target: string, funnelName: string | null): string {
  return funnelName ? `${action} → ${target} (${funnelName})` : `${action} → ${target}`;
}

export function describeReason(record: OutboxRecord): string {
  const trigger = describeTrigger(record.trigger);
  const rule = record.plan?.rule ?? (record.effect.kind === 'deal_create' ? t('autoCreateRule') : null);
  return rule ? `${trigger} · ${t('ruleLabel', { rule })}` : trigger;
}

export function describeProblem(
  problem: Problem,
  record: Pick<OutboxRecord, 'orderId' | 'orderNumber' | 'attempts'>,
): string {
  const params: Record<string, string | number> = {
    order: orderLabel(record.orderId, record.orderNumber),
    attempts: record.attempts,
    error: t('unknownError'),
    ...problem.params,
  };
  return t(`problem_${problem.code}` as SyncTextKey, params);
}
