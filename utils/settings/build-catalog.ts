import type { Lang } from '../i18n';
import type { SettingsCatalog } from './catalog-view';
import {
  defaultActionHasForm,
  defaultActionName,
  defaultActionTarget,
  isMappableAction,
  workflowActionOrder,
} from './workflow';

/** Plain inputs, already validated by the API client's schemas. */
export interface CatalogInput {
  funnels: Array<{
    id: number;
    name: string;
    color: string | null;
    is_archived: boolean;
    stages: Array<{ id: number; name: string; color: string | null; number: number }>;
  }>;
  states: Array<{ id: string; name: string; options: { color: string | null }; available_actions: string[] }>;
  storefronts: Array<{ url: string; url_decoded: string | null }>;
  users: Array<{ id: number; name: string }>;
  me: { id: number; name: string } | null;
  /** Names the installation itself gave (from shop.order.actions / shop.order.log replies). */
  learnedNames: ReadonlyMap<string, string>;
  lang: Lang;
}

/**
 * The options page's view of the installation. Action names: the installation's own name
 * when an order showed it, else Shop-Script's default name in the page's language, else the id.
 */
export function buildSettingsCatalog(input: CatalogInput): SettingsCatalog {
  const states = input.states.map((s) => ({
    id: s.id,
    name: s.name,
    color: s.options.color,
    availableActions: [...s.available_actions],
  }));
  const actions = workflowActionOrder(states)
    .filter(isMappableAction)
    .map((id) => {
      const learned = input.learnedNames.get(id);
      const builtIn = defaultActionName(id, input.lang);
      const target = defaultActionTarget(id);
      // A default action keeps its localized name unless the installation renamed it.
      const renamed =
        learned !== undefined && learned !== defaultActionName(id, 'en') && learned !== defaultActionName(id, 'ru');
      const name = renamed ? learned : (builtIn ?? learned ?? id);
      const nameSource =
        renamed || (!builtIn && learned) ? ('order' as const) : builtIn ? ('default' as const) : ('id' as const);
      return {
        id,
        name,
        nameSource,
        targetStateId: target === 'previous' ? null : target,
        hasForm: defaultActionHasForm(id),
      };
    });
  return {
    funnels: input.funnels.map((f) => ({
      id: f.id,
      name: f.name,
      color: f.color,
      isArchived: f.is_archived,
      stages: [...f.stages]
        .sort((a, b) => a.number - b.number)
        .map((s) => ({ id: s.id, name: s.name, color: s.color, number: s.number })),
    })),
    states,
    actions,
    storefronts: input.storefronts.map((s) => ({ id: s.url, name: s.url_decoded ?? s.url })),
    users: input.users.map((u) => ({ id: u.id, name: u.name })),
    me: input.me,
  };
}

/**
 * Actions with no name yet (custom or plugin actions), each with one state that offers it:
 * an order in that state will tell the action's name through shop.order.actions.
 */
export function statesToAskForNames(input: Pick<CatalogInput, 'states' | 'learnedNames'>): string[] {
  const wanted: string[] = [];
  const covered = new Set<string>();
  for (const state of input.states) {
    for (const action of state.available_actions) {
      if (!isMappableAction(action) || covered.has(action)) continue;
      if (defaultActionName(action, 'en') !== null || input.learnedNames.has(action)) continue;
      covered.add(action);
      if (!wanted.includes(state.id)) wanted.push(state.id);
      // The rest of this state's actions come with the same reply.
      for (const other of state.available_actions) covered.add(other);
    }
  }
  return wanted;
}
