import type { SettingsCatalog } from './catalog-view';
import type { Rule, RuleTarget, Settings } from './schema';
import { sortByWorkflow, workflowActionOrder } from './workflow';
import { closeRulesInForce } from './close-rules';

/**
 * Checks of the settings against the installation, shown inline on the options page.
 * Pure functions of (settings, catalog): no browser APIs, table-tested.
 * Each check carries ids only; the page turns them into words.
 */

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

/** Every check, in a stable order: stale ids first (they make other checks meaningless), then per funnel. */
export function checkSettings(settings: Settings, catalog: SettingsCatalog): SettingsCheck[] {
  return [
    ...checkStaleIds(settings, catalog),
    ...settings.mappings.flatMap((m) => checkFunnelRules(m.funnelId, m.rules, settings, catalog)),
  ];
}

export function checkStaleIds(settings: Settings, catalog: SettingsCatalog): SettingsCheck[] {
  const checks: SettingsCheck[] = [];
  const funnels = new Map(catalog.funnels.map((f) => [f.id, f]));
  const workflowActions = new Set(workflowActionOrder(catalog.states));
  const storefronts = new Set(catalog.storefronts.map((s) => s.id));
  const users = new Set(catalog.users.map((u) => u.id));

  const checkFunnelStage = (where: StaleWhere, funnelId: number, stageId: number | null) => {
    const funnel = funnels.get(funnelId);
    if (!funnel) {
      checks.push({ kind: 'stale_funnel', where, funnelId });
      return;
    }
    if (stageId !== null && !funnel.stages.some((s) => s.id === stageId)) {
      checks.push({ kind: 'stale_stage', where, funnelId, stageId });
    }
  };

  for (const mapping of settings.mappings) {
    const funnel = funnels.get(mapping.funnelId);
    if (!funnel) {
      if (mapping.rules.length > 0)
        checks.push({
          kind: 'stale_funnel',
          where: { section: 'mapping', funnelId: mapping.funnelId },
          funnelId: mapping.funnelId,
        });
      continue;
    }
    for (const rule of mapping.rules) {
      if (!workflowActions.has(rule.actionId))
        checks.push({ kind: 'stale_action', funnelId: mapping.funnelId, actionId: rule.actionId });
      if (rule.target.kind === 'stage') {
        checkFunnelStage(
          { section: 'mapping', funnelId: mapping.funnelId, actionId: rule.actionId },
          mapping.funnelId,
          rule.target.stageId,
        );
      }
    }
  }

  for (const auto of settings.autoCreate) {
    const where: StaleWhere = { section: 'autoCreate', storefront: auto.storefront };
    if (auto.storefront !== '' && !storefronts.has(auto.storefront))
      checks.push({ kind: 'stale_storefront', storefront: auto.storefront });
    if (!auto.enabled) continue;
    checkFunnelStage(where, auto.funnelId, auto.stageId);
    if (funnels.get(auto.funnelId)?.isArchived)
      checks.push({ kind: 'archived_funnel', where, funnelId: auto.funnelId });
    if (auto.ownerId !== null && !users.has(auto.ownerId))
      checks.push({ kind: 'stale_user', storefront: auto.storefront, userId: auto.ownerId });
  }

  if (settings.newDeal.funnelId !== null) {
    checkFunnelStage({ section: 'newDeal' }, settings.newDeal.funnelId, settings.newDeal.stageId);
  }
  return checks;
}

/** Checks of one funnel's rules: duplicates, several actions per target, never-available actions, chains. */
export function checkFunnelRules(
  funnelId: number,
  rules: readonly Rule[],
  settings: Settings,
  catalog: SettingsCatalog,
): SettingsCheck[] {
  const funnel = catalog.funnels.find((f) => f.id === funnelId);
  if (!funnel) return [];
  const order = workflowActionOrder(catalog.states);
  const checks: SettingsCheck[] = [];

  const seen = new Set<string>();
  for (const rule of rules) {
    if (seen.has(rule.actionId)) checks.push({ kind: 'duplicate_action', funnelId, actionId: rule.actionId });
    seen.add(rule.actionId);
  }

  const dealToOrder = dealToOrderActions(rules, order);
  for (const [target, actionIds] of dealToOrder) {
    if (actionIds.length > 1) checks.push({ kind: 'several_actions', funnelId, target, actionIds });
  }

  checks.push(...checkNeverAvailable(funnelId, rules, settings, catalog));
  checks.push(...findChains(funnelId, rules, order, settings.closeRules));
  return checks;
}

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

/**
 * The order states a deal's position implies: a deal at stage S is where the rules put it
 * when its order ran an action mapped to S, so its order is in one of those actions'
 * target states (unknown targets imply nothing). Automatic creation adds the state an
 * order has when its deal is created (New for "order placed", Confirmed for "confirmed").
 */
export function impliedStatesByStage(
  funnelId: number,
  rules: readonly Rule[],
  settings: Settings,
  catalog: SettingsCatalog,
): Map<number, Set<string>> {
  const targets = new Map(catalog.actions.map((a) => [a.id, a.targetStateId]));
  const implied = new Map<number, Set<string>>();
  const add = (stageId: number, stateId: string | null | undefined) => {
    if (!stateId) return;
    const set = implied.get(stageId) ?? new Set<string>();
    set.add(stateId);
    implied.set(stageId, set);
  };
  for (const rule of rules) {
    if (rule.target.kind === 'stage') add(rule.target.stageId, targets.get(rule.actionId));
  }
  for (const auto of settings.autoCreate) {
    if (auto.enabled && auto.funnelId === funnelId)
      add(auto.stageId, auto.trigger === 'order_create' ? 'new' : 'processing');
  }
  return implied;
}

function checkNeverAvailable(
  funnelId: number,
  rules: readonly Rule[],
  settings: Settings,
  catalog: SettingsCatalog,
): SettingsCheck[] {
  const funnel = catalog.funnels.find((f) => f.id === funnelId)!;
  const statesById = new Map(catalog.states.map((s) => [s.id, s]));
  const implied = impliedStatesByStage(funnelId, rules, settings, catalog);
  const stageNumber = new Map(funnel.stages.map((s) => [s.id, s.number]));
  const checks: SettingsCheck[] = [];

  for (const rule of rules) {
    const key = targetKey(rule.target);
    if (!key || !runsDealToOrder(rule)) continue;
    // The stages a deal comes from before the rule fires: earlier ones (any other one when moving back is allowed); for won/lost, any.
    const targetNumber = rule.target.kind === 'stage' ? stageNumber.get(rule.target.stageId) : undefined;
    if (rule.target.kind === 'stage' && targetNumber === undefined) continue; // stale stage: reported elsewhere
    const from = funnel.stages.filter((stage) => {
      if (rule.target.kind !== 'stage') return true;
      if (stage.id === rule.target.stageId) return false;
      return rule.allowBackward || stage.number < targetNumber!;
    });
    const states = new Set<string>();
    for (const stage of from) for (const state of implied.get(stage.id) ?? []) states.add(state);
    const known = [...states].filter((id) => statesById.has(id));
    if (known.length === 0) continue; // nothing implied: cannot tell
    const offered = known.some((id) => statesById.get(id)!.availableActions.includes(rule.actionId));
    if (!offered)
      checks.push({
        kind: 'never_available',
        funnelId,
        target: key,
        actionId: rule.actionId,
        impliedStateIds: orderStates(known, catalog),
      });
  }
  return checks;
}

function orderStates(ids: string[], catalog: SettingsCatalog): string[] {
  const rank = new Map(catalog.states.map((s, i) => [s.id, i]));
  return [...ids].sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
}

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
