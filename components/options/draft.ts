import type { SettingsCatalog } from '@/utils/settings/catalog-view';
import type { AutoCreate, Rule, RuleTarget, Settings } from '@/utils/settings/schema';
import { defaultFormChoice } from '@/utils/settings/workflow';

/**
 * Pure edits of the settings being edited on the page. Each returns a new object, so the
 * page can compare the draft with the saved settings to know what is unsaved.
 */

export function ruleFor(settings: Settings, funnelId: number, actionId: string): Rule | null {
  return settings.mappings.find((m) => m.funnelId === funnelId)?.rules.find((r) => r.actionId === actionId) ?? null;
}

/** Sets one action's row in a funnel; "No action" removes the rule (and the funnel's table when it empties). */
export function setRule(
  settings: Settings,
  funnelId: number,
  actionId: string,
  patch: Partial<Omit<Rule, 'actionId'>>,
): Settings {
  const current = ruleFor(settings, funnelId, actionId);
  const next: Rule = {
    actionId,
    target: { kind: 'none' },
    direction: 'both',
    allowBackward: false,
    formChoice: defaultFormChoice(actionId),
    ...current,
    ...patch,
  };
  const others = settings.mappings.find((m) => m.funnelId === funnelId)?.rules ?? [];
  let rules: Rule[];
  if (next.target.kind === 'none') {
    rules = others.filter((r) => r.actionId !== actionId);
  } else if (current) {
    // Keep the row's place; drop any later duplicate of the same action (an import may carry one).
    let replaced = false;
    rules = others.flatMap((r) => {
      if (r.actionId !== actionId) return [r];
      if (replaced) return [];
      replaced = true;
      return [next];
    });
  } else {
    rules = [...others, next];
  }
  const mappings = settings.mappings.filter((m) => m.funnelId !== funnelId);
  if (rules.length > 0) {
    const index = settings.mappings.findIndex((m) => m.funnelId === funnelId);
    const entry = { funnelId, rules };
    if (index === -1) mappings.push(entry);
    else mappings.splice(index, 0, entry);
  }
  return { ...settings, mappings };
}

export function removeFunnelRules(settings: Settings, funnelId: number): Settings {
  return { ...settings, mappings: settings.mappings.filter((m) => m.funnelId !== funnelId) };
}

/** "none" | "stage:5" | "won" | "lost" ⇄ RuleTarget, for <select> values. */
export function targetValue(target: RuleTarget): string {
  return target.kind === 'stage' ? `stage:${target.stageId}` : target.kind;
}

export function parseTargetValue(value: string): RuleTarget {
  if (value === 'won' || value === 'lost') return { kind: value };
  const stage = /^stage:(\d+)$/.exec(value);
  if (stage) return { kind: 'stage', stageId: Number(stage[1]) };
  return { kind: 'none' };
}

export function autoCreateFor(settings: Settings, storefront: string): AutoCreate | null {
  return settings.autoCreate.find((a) => a.storefront === storefront) ?? null;
}

/** The first open funnel and its first stage: where a new automatic-creation entry starts. */
function defaultPlacement(catalog: SettingsCatalog): { funnelId: number; stageId: number } | null {
  const funnel =
    catalog.funnels.find((f) => !f.isArchived && f.stages.length > 0) ??
    catalog.funnels.find((f) => f.stages.length > 0);
  if (!funnel) return null;
  return { funnelId: funnel.id, stageId: firstStage(funnel.stages) };
}

function firstStage(stages: ReadonlyArray<{ id: number; number: number }>): number {
  return [...stages].sort((a, b) => a.number - b.number)[0].id;
}

/**
 * Changes one storefront's automatic creation. Choosing a funnel moves the stage to the
 * funnel's first one, so the pair always belongs together.
 */
export function setAutoCreate(
  settings: Settings,
  catalog: SettingsCatalog,
  storefront: string,
  patch: Partial<Omit<AutoCreate, 'storefront'>>,
): Settings {
  const current = autoCreateFor(settings, storefront);
  const placement = current ?? defaultPlacement(catalog);
  if (!placement) return settings;
  const base: AutoCreate = current ?? {
    storefront,
    enabled: false,
    trigger: 'order_create',
    ownerId: null,
    ...placement,
  };
  const next: AutoCreate = { ...base, ...patch };
  if (patch.funnelId !== undefined && patch.funnelId !== base.funnelId && patch.stageId === undefined) {
    const funnel = catalog.funnels.find((f) => f.id === patch.funnelId);
    if (funnel && funnel.stages.length > 0) next.stageId = firstStage(funnel.stages);
  }
  const autoCreate = current
    ? settings.autoCreate.map((a) => (a.storefront === storefront ? next : a))
    : [...settings.autoCreate, next];
  return { ...settings, autoCreate };
}

export function removeAutoCreate(settings: Settings, storefront: string): Settings {
  return { ...settings, autoCreate: settings.autoCreate.filter((a) => a.storefront !== storefront) };
}

export function setNewDealFunnel(settings: Settings, catalog: SettingsCatalog, funnelId: number | null): Settings {
  if (funnelId === null) return { ...settings, newDeal: { funnelId: null, stageId: null } };
  const funnel = catalog.funnels.find((f) => f.id === funnelId);
  const stageId = funnel && funnel.stages.length > 0 ? firstStage(funnel.stages) : null;
  return { ...settings, newDeal: { funnelId, stageId } };
}

/** Structural equality for plain JSON settings (key order does not matter). */
export function sameSettings(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => x.localeCompare(y)))
      : v,
  );
}

/**
 * Keeps each funnel's rules in workflow order. Deal → order runs the first mapped action
 * the order offers, taking the table's order; storing it in workflow order makes that
 * "the first available in workflow order", as the page says and as Webasyst does.
 */
export function sortRulesByWorkflow(settings: Settings, workflowOrder: readonly string[]): Settings {
  const rank = new Map(workflowOrder.map((id, index) => [id, index]));
  const sortRules = (rules: Rule[]) =>
    [...rules].sort((a, b) => (rank.get(a.actionId) ?? Infinity) - (rank.get(b.actionId) ?? Infinity));
  const mappings = settings.mappings.map((m) => ({ ...m, rules: sortRules(m.rules) }));
  return sameSettings(mappings, settings.mappings) ? settings : { ...settings, mappings };
}
