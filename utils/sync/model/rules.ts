import type { Rule, Settings } from '../../settings/schema';
import { closeRulesInForce } from '../../settings/close-rules';
import type { DealTarget } from './outbox-types';

/**
 * The sync rules as plain functions over settings: one table per funnel, like Webasyst's own
 * "Workflow-Funnel synchronization", plus the close rules (won → complete, lost → delete).
 */
export interface EffectiveRule extends Rule {
  /** Added by a close rule rather than written in the funnel's table. */
  implicit: boolean;
}

export interface StageInfo {
  id: number;
  name: string;
  /** Position in its funnel: a higher number is further forward. */
  number: number;
}

export interface FunnelInfo {
  id: number;
  name: string;
  stages: StageInfo[];
}

/** The rules of one funnel: its table, then the close rules its table does not replace (deal → order). */
export function rulesFor(settings: Settings, funnelId: number): EffectiveRule[] {
  const table = settings.mappings.find((m) => m.funnelId === funnelId)?.rules ?? [];
  return [
    ...table.map((rule) => ({ ...rule, implicit: false })),
    ...closeRulesInForce(table, settings.closeRules).map((rule) => ({ ...rule, implicit: true })),
  ];
}

const ordersToDeals = (rule: Rule) => rule.target.kind !== 'none' && rule.direction !== 'deal_to_order';
const dealsToOrders = (rule: Rule) => rule.target.kind !== 'none' && rule.direction !== 'order_to_deal';

/** Whether an order action can matter to a linked deal in any funnel (decides if the order's log is worth reading). */
export function orderActionMatters(settings: Settings, actionId: string): boolean {
  if (actionId === 'restore') return true;
  return settings.mappings.some((m) => m.rules.some((rule) => rule.actionId === actionId && ordersToDeals(rule)));
}

export function anyOrderToDealRule(settings: Settings): boolean {
  return settings.mappings.some((m) => m.rules.some(ordersToDeals));
}

export interface PlannedDealTarget {
  target: DealTarget;
  actionId: string;
  rule: EffectiveRule | null;
}

/**
 * Order → deal: what the deal should become after these order actions (oldest first).
 * The last action that means something wins; `restore` reopens the deal (as Webasyst does),
 * and its own rule, if any, applies on top.
 */
export function dealTargetForActions(
  rules: readonly EffectiveRule[],
  actionIds: readonly string[],
): PlannedDealTarget | null {
  let planned: PlannedDealTarget | null = null;
  for (const actionId of actionIds) {
    const rule = rules.find((r) => r.actionId === actionId && ordersToDeals(r));
    if (rule) planned = { target: targetOf(rule), actionId, rule };
    else if (actionId === 'restore') planned = { target: { kind: 'reopen' }, actionId, rule: null };
  }
  return planned;
}

function targetOf(rule: Rule): DealTarget {
  const t = rule.target;
  if (t.kind === 'stage') return { kind: 'stage', stageId: t.stageId };
  if (t.kind === 'won') return { kind: 'won' };
  return { kind: 'lost' };
}

export interface DealNow {
  stageId: number;
  status: 'OPEN' | 'WON' | 'LOST';
}

export interface OrderCandidates {
  /** Mapped order actions, in table order; the first one the order offers now runs. */
  actionIds: string[];
  rules: EffectiveRule[];
  /** What the deal became, for messages: a stage name, "won", "lost" or "reopen". */
  target: { kind: 'stage'; stageId: number } | { kind: 'won' } | { kind: 'lost' } | { kind: 'reopen' };
}

/**
 * Deal → order: the order actions that express the deal's current stage or status.
 * A deal moved backward only runs rules that allow it; a reopened deal restores a deleted order.
 */
export function orderCandidatesForDeal(
  rules: readonly EffectiveRule[],
  deal: DealNow,
  change: { backward: boolean; reopened: boolean },
): OrderCandidates {
  if (deal.status === 'OPEN' && change.reopened) {
    return { actionIds: ['restore'], rules: [], target: { kind: 'reopen' } };
  }
  let matching: EffectiveRule[];
  let target: OrderCandidates['target'];
  if (deal.status === 'WON') {
    matching = rules.filter((r) => dealsToOrders(r) && r.target.kind === 'won');
    target = { kind: 'won' };
  } else if (deal.status === 'LOST') {
    matching = rules.filter((r) => dealsToOrders(r) && r.target.kind === 'lost');
    target = { kind: 'lost' };
  } else {
    matching = rules.filter(
      (r) =>
        dealsToOrders(r) &&
        r.target.kind === 'stage' &&
        r.target.stageId === deal.stageId &&
        (!change.backward || r.allowBackward),
    );
    target = { kind: 'stage', stageId: deal.stageId };
  }
  const actionIds = [...new Set(matching.map((r) => r.actionId))];
  return { actionIds, rules: matching, target };
}

/** A move from one stage to another is backward when it goes to a lower number in the same funnel. */
export function isBackwardMove(
  funnels: readonly FunnelInfo[],
  fromStageId: number | null,
  toStageId: number | null,
): boolean {
  if (fromStageId === null || toStageId === null) return false;
  const from = findStage(funnels, fromStageId);
  const to = findStage(funnels, toStageId);
  if (!from || !to || from.funnel.id !== to.funnel.id) return false;
  return to.stage.number < from.stage.number;
}

export function findStage(
  funnels: readonly FunnelInfo[],
  stageId: number,
): { funnel: FunnelInfo; stage: StageInfo } | null {
  for (const funnel of funnels) {
    const stage = funnel.stages.find((s) => s.id === stageId);
    if (stage) return { funnel, stage };
  }
  return null;
}

/** "example.com/shop/" and "https://Example.com/shop" name the same storefront. */
export function normalizeStorefront(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/\*$/, '')
    .replace(/\/+$/, '');
}

/** The automatic-creation setting that applies to an order's storefront ('' = manual orders), if enabled. */
export function autoCreateFor(settings: Settings, storefront: string) {
  const wanted = normalizeStorefront(storefront);
  return settings.autoCreate.find((a) => a.enabled && normalizeStorefront(a.storefront) === wanted) ?? null;
}
