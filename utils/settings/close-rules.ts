import type { Rule, Settings } from './schema';

/**
 * The close rules ("deal won → Mark as Completed", "deal lost → Delete") as rules of a
 * funnel's table. They act deal → order only, so a table rule for the same action replaces
 * one only when it covers that direction: a table that maps `complete → won` order → deal
 * keeps "won → complete" in force (a ticked box never silently does nothing).
 */
export function closeRulesInForce(table: readonly Rule[], close: Settings['closeRules']): Rule[] {
  const coversDealToOrder = (actionId: string) =>
    table.some(
      (rule) => rule.actionId === actionId && rule.target.kind !== 'none' && rule.direction !== 'order_to_deal',
    );
  const rules: Rule[] = [];
  if (close.wonCompletes && !coversDealToOrder('complete')) {
    rules.push({
      actionId: 'complete',
      target: { kind: 'won' },
      direction: 'deal_to_order',
      allowBackward: false,
      formChoice: close.wonFormChoice,
    });
  }
  if (close.lostDeletes && !coversDealToOrder('delete')) {
    rules.push({
      actionId: 'delete',
      target: { kind: 'lost' },
      direction: 'deal_to_order',
      allowBackward: false,
      formChoice: close.lostFormChoice,
    });
  }
  return rules;
}

/** What closing a deal does to its order in one funnel: the mapped actions (first offered runs). */
export interface CloseOutcome {
  status: 'won' | 'lost';
  actions: Array<{ actionId: string; formChoice: Rule['formChoice']; fromCloseRule: boolean }>;
}

export function closeOutcomes(table: readonly Rule[], close: Settings['closeRules']): CloseOutcome[] {
  const implicit = closeRulesInForce(table, close);
  const dealToOrder = (rule: Rule) => rule.direction !== 'order_to_deal';
  return (['won', 'lost'] as const).map((status) => ({
    status,
    actions: [
      ...table
        .filter((r) => r.target.kind === status && dealToOrder(r))
        .map((r) => ({ actionId: r.actionId, formChoice: r.formChoice, fromCloseRule: false })),
      ...implicit
        .filter((r) => r.target.kind === status)
        .map((r) => ({ actionId: r.actionId, formChoice: r.formChoice, fromCloseRule: true })),
    ],
  }));
}
