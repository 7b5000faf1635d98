import type { Rule, RuleTarget } from './schema';
import { sortByWorkflow } from './workflow';

/** The checks' vocabulary, shared by ./checks.ts and ./chains.ts: ids only; the page turns them into words. */

/** Where a rule points, as one comparable key: "stage:5", "won", "lost". */
export type TargetKey = `stage:${number}` | 'won' | 'lost';

export type SettingsCheck =
  /** Several deal → order rules point at one target: deal → order runs the first one available, in workflow order. */
  | { kind: 'several_actions'; funnelId: number; target: TargetKey; actionIds: string[] }
  /** A deal → order rule whose action no state implied by the earlier stages offers. */
  | { kind: 'never_available'; funnelId: number; target: TargetKey; actionId: string; impliedStateIds: string[] }
  /** Rules that set each other off: action → target → action → … (loop: the last step leads back to the first). */
  | { kind: 'chain'; funnelId: number; steps: ChainStep[]; loop: boolean }
  | { kind: 'duplicate_action'; funnelId: number; actionId: string }
  | { kind: 'stale_funnel'; where: StaleWhere; funnelId: number }
  | { kind: 'stale_stage'; where: StaleWhere; funnelId: number; stageId: number }
  | { kind: 'stale_action'; funnelId: number; actionId: string }
  | { kind: 'stale_storefront'; storefront: string }
  | { kind: 'stale_user'; storefront: string; userId: number }
  | { kind: 'archived_funnel'; where: StaleWhere; funnelId: number };

export type StaleWhere =
  | { section: 'mapping'; funnelId: number; actionId?: string }
  | { section: 'autoCreate'; storefront: string }
  | { section: 'newDeal' };

/** One action in a chain and where its order → deal rule moves the deal (null: the chain ends with this action). */
export interface ChainStep {
  actionId: string;
  target: TargetKey | null;
}

export function targetKey(target: RuleTarget): TargetKey | null {
  switch (target.kind) {
    case 'stage':
      return `stage:${target.stageId}`;
    case 'won':
    case 'lost':
      return target.kind;
    default:
      return null;
  }
}

export const runsOrderToDeal = (rule: Rule) => rule.direction !== 'deal_to_order';
export const runsDealToOrder = (rule: Rule) => rule.direction !== 'order_to_deal';

/** Target → the deal → order actions mapped to it, in workflow order (the first available one runs). */
export function dealToOrderActions(rules: readonly Rule[], workflowOrder: readonly string[]): Map<TargetKey, string[]> {
  const byTarget = new Map<TargetKey, string[]>();
  for (const rule of rules) {
    const key = targetKey(rule.target);
    if (!key || !runsDealToOrder(rule)) continue;
    const list = byTarget.get(key) ?? [];
    if (!list.includes(rule.actionId)) list.push(rule.actionId);
    byTarget.set(key, list);
  }
  for (const [key, list] of byTarget) byTarget.set(key, sortByWorkflow(list, workflowOrder));
  return byTarget;
}
