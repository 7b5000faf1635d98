import { closeRulesInForce } from './close-rules';
import {
  dealToOrderActions,
  runsOrderToDeal,
  targetKey,
  type ChainStep,
  type SettingsCheck,
  type TargetKey,
} from './check-model';
import type { Rule, Settings } from './schema';
import { sortByWorkflow } from './workflow';

/**
 * Chains: an order action moves the deal (order → deal), and the target it reached asks,
 * deal → order, for a different action, whose own rule moves the deal again, and so on.
 * Drawn with the first deal → order action in workflow order at each step.
 */
export function findChains(
  funnelId: number,
  rules: readonly Rule[],
  workflowOrder: readonly string[],
  closeRules: Settings['closeRules'] = {
    wonCompletes: false,
    lostDeletes: false,
    wonFormChoice: 'run',
    lostFormChoice: 'ask',
  },
): SettingsCheck[] {
  const orderToDeal = new Map<string, TargetKey>();
  for (const rule of rules) {
    const key = targetKey(rule.target);
    if (key && runsOrderToDeal(rule) && !orderToDeal.has(rule.actionId)) orderToDeal.set(rule.actionId, key);
  }
  const dealToOrder = dealToOrderActions(rules, workflowOrder);
  // The close rules act like deal → order rules of their own, after the funnel's explicit ones.
  const addCloseRule = (key: TargetKey, actionId: string) => {
    const list = dealToOrder.get(key) ?? [];
    if (!list.includes(actionId)) dealToOrder.set(key, [...list, actionId]);
  };
  for (const rule of closeRulesInForce(rules, closeRules)) addCloseRule(rule.target.kind as TargetKey, rule.actionId);

  const walk = (start: string) => {
    const steps: ChainStep[] = [];
    const visited = new Set<string>();
    let action: string | undefined = start;
    while (action !== undefined && orderToDeal.has(action)) {
      if (visited.has(action)) return { steps, loop: true };
      visited.add(action);
      const target: TargetKey = orderToDeal.get(action)!;
      steps.push({ actionId: action, target });
      const wanted: string[] = dealToOrder.get(target) ?? [];
      // Reaching a target that the same action also maps back to is consistent, not a chain.
      action = wanted.length === 0 || wanted.includes(action) ? undefined : wanted[0];
      if (action !== undefined && !orderToDeal.has(action)) {
        steps.push({ actionId: action, target: null });
        return { steps, loop: false };
      }
    }
    return { steps, loop: false };
  };

  const chains: Array<{ steps: ChainStep[]; loop: boolean }> = [];
  const reachedFromOthers = new Set<string>();
  const starts = sortByWorkflow([...orderToDeal.keys()], workflowOrder);
  const walks = starts.map((start) => ({ start, ...walk(start) }));
  for (const w of walks) for (const step of w.steps.slice(1)) reachedFromOthers.add(step.actionId);
  const loopsSeen = new Set<string>();
  for (const w of walks) {
    if (w.steps.length < 2) continue;
    if (w.loop) {
      const key = [...new Set(w.steps.map((s) => s.actionId))].sort().join('|');
      if (loopsSeen.has(key)) continue;
      loopsSeen.add(key);
    } else if (reachedFromOthers.has(w.start)) {
      continue; // part of a longer chain drawn from an earlier start
    }
    chains.push({ steps: w.steps, loop: w.loop });
  }
  return chains.map((c) => ({ kind: 'chain', funnelId, steps: c.steps, loop: c.loop }));
}
