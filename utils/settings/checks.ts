import type { SettingsCatalog } from './catalog-view';
import type { Rule, Settings } from './schema';
import { workflowActionOrder } from './workflow';
import { findChains } from './chains';
import { dealToOrderActions, runsDealToOrder, targetKey, type SettingsCheck, type StaleWhere } from './check-model';

export type { SettingsCheck, TargetKey } from './check-model';

/**
 * Checks of the settings against the installation, shown inline on the options page.
 * Pure functions of (settings, catalog): no browser APIs, table-tested.
 * Each check carries ids only; the page turns them into words.
 */

/** Every check, in a stable order: stale ids first (they make other checks meaningless), then per funnel. */
export function checkSettings(settings: Settings, catalog: SettingsCatalog): SettingsCheck[] {
  return [
    ...checkStaleIds(settings, catalog),
    ...settings.mappings.flatMap((m) => checkFunnelRules(m.funnelId, m.rules, settings, catalog)),
  ];
}

function checkStaleIds(settings: Settings, catalog: SettingsCatalog): SettingsCheck[] {
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
function checkFunnelRules(
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

/**
 * The order states a deal's position implies: a deal at stage S is where the rules put it
 * when its order ran an action mapped to S, so its order is in one of those actions'
 * target states (unknown targets imply nothing). Automatic creation adds the state an
 * order has when its deal is created (New for "order placed", Confirmed for "confirmed").
 */
function impliedStatesByStage(
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
