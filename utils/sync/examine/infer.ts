import type { Settings } from '../../settings/schema';
import { dealTargetForActions, orderActionMatters, rulesFor } from '../model/rules';

/**
 * Which order actions ran between two looks at an order, told from its state alone: the state
 * it was last seen in and the state it is in now. Where that leaves one answer, the order's
 * log (one request per changed order, the bulk of a busy cycle against a hosted shop) need not
 * be read; where it leaves several that the rules would treat differently, it must.
 *
 * The routes considered are the workflow's: from each state, the actions it offers (Shop's
 * `shop.settings.get` order_states), each leading where Shop-Script's default workflow says
 * (or where an order's log showed it lead here); plus what payment plugins run without it
 * being offered ("Authorize payment", then "Capture" or "Cancel") for an order that carries
 * an authorization date. An action whose target is not known may lead anywhere. A route
 * visits a state at most once: a round trip through "Deleted" and back by "Restore" between
 * two looks leaves the order where it was and no trace of itself in its state or time.
 */
export interface WorkflowState {
  id: string;
  availableActions: readonly string[];
}

/**
 * Where an action leads: a state id, null when it leaves the state as it is, 'previous' for
 * Restore (back to the state before deletion), undefined when nobody knows (a custom action
 * not yet seen in a log).
 */
export type ActionTarget = string | null | 'previous' | undefined;

export interface InferenceInput {
  states: readonly WorkflowState[];
  targetOf: (actionId: string) => ActionTarget;
  settings: Settings;
  /** The state the order was last seen in, and the state it is in now. */
  from: string;
  to: string;
  /** The order carries an authorization date: a payment plugin authorized it at some point. */
  authorized: boolean;
  /** Unlinked with automatic creation on this action ('create' or 'process'): whether it ran decides too. */
  createOn: string | null;
}

export type Inference =
  | {
      kind: 'inferred';
      /** The shortest route's actions, oldest first (empty: only actions that leave the state as it is ran). */
      actionIds: string[];
      /** How many routes fit (all with the same outcome). One route of one action is an exact explanation. */
      routes: number;
    }
  | { kind: 'ambiguous'; reason: InferenceDoubt };

type InferenceDoubt =
  /** Routes fit whose actions the rules treat differently (e.g. new → paid: "Paid", or "Process" then "Paid", with different stages). */
  | 'routes_differ'
  /** A rule maps an action that leaves the state as it is (any change may hide it), offered on the way. */
  | 'stateless_rule'
  /** No route of the known workflow leads there (a custom action, a changed workflow). */
  | 'no_route'
  /** Too many routes to weigh (a workflow of many custom actions): the log is cheaper. */
  | 'too_many_routes';

/** Payment plugins run these without the state offering them (shopPayment callbacks). */
const AUTH_ACTION = 'auth';
const AUTH_STATE = 'auth';
const AFTER_AUTH: ReadonlyArray<readonly [string, string]> = [
  ['capture', 'paid'],
  ['cancel', 'refunded'],
];
/** Longest route weighed (the default workflow's longest simple route is shorter). */
const MAX_STEPS = 8;
/** Routes weighed at most before giving up. */
const MAX_ROUTES = 5_000;

interface Edge {
  actionId: string;
  to: string;
}

export function inferActions(input: InferenceInput): Inference {
  const { settings } = input;
  const stateIds = new Set(input.states.map((s) => s.id));
  stateIds.add(input.from);
  stateIds.add(input.to);
  const offered = new Map(input.states.map((s) => [s.id, s.availableActions]));
  const deleteFrom = input.states.filter((s) => s.availableActions.includes('delete')).map((s) => s.id);

  /** Actions leaving `state` for another state, and those that may stay (state-less or unknown). */
  const edgesOf = (state: string, isStart: boolean): { moves: Edge[]; stays: string[] } => {
    const moves: Edge[] = [];
    const stays: string[] = [];
    const actions = [...(offered.get(state) ?? [])];
    if (input.authorized && actions.includes('pay') && !actions.includes(AUTH_ACTION)) actions.push(AUTH_ACTION);
    if (state === AUTH_STATE) for (const [id] of AFTER_AUTH) if (!actions.includes(id)) actions.push(id);
    for (const actionId of new Set(actions)) {
      const target =
        actionId === AUTH_ACTION
          ? AUTH_STATE
          : (AFTER_AUTH.find(([id]) => id === actionId)?.[1] ?? input.targetOf(actionId));
      if (target === null) stays.push(actionId);
      else if (target === 'previous') {
        // Back to the state before deletion: on a route, where it came from (a round trip);
        // from the state first seen, any state that offers Delete.
        if (isStart) for (const to of deleteFrom) if (to !== state) moves.push({ actionId, to });
      } else if (target === undefined) {
        stays.push(actionId);
        for (const to of stateIds) if (to !== state) moves.push({ actionId, to });
      } else if (target !== state) moves.push({ actionId, to: target });
      else stays.push(actionId);
    }
    return { moves, stays };
  };

  // A state the workflow does not list offers what nobody knows: only the log can tell.
  if (!offered.has(input.from) || !offered.has(input.to)) return { kind: 'ambiguous', reason: 'no_route' };

  const funnels = [...settings.mappings.map((m) => m.funnelId), -1];
  const rulesByFunnel = funnels.map((id) => rulesFor(settings, id));
  const signature = (route: readonly string[]): string => {
    const mattering = route.filter((id) => orderActionMatters(settings, id));
    return JSON.stringify({
      deal: rulesByFunnel.map((rules) => {
        const planned = dealTargetForActions(rules, mattering);
        return planned ? [planned.actionId, planned.target] : null;
      }),
      last: mattering.at(-1) ?? null,
      create: input.createOn !== null && route.includes(input.createOn),
    });
  };

  const outcomes = new Set<string>();
  let best: string[] | null = null;
  let routes = 0;
  let stateless = false;
  let overflow = false;
  const route: string[] = [];
  const passed: string[] = [input.from];
  const edges = new Map<string, ReturnType<typeof edgesOf>>();
  const edgesAt = (state: string, isStart: boolean) => {
    const key = `${state}:${isStart}`;
    if (!edges.has(key)) edges.set(key, edgesOf(state, isStart));
    return edges.get(key)!;
  };
  const settled = () => overflow || stateless || outcomes.size > 1;

  const walk = (state: string): void => {
    const isStart = passed.length === 1;
    if (state === input.to) {
      // Arrived. Anything that leaves the state as it is may have run in any state on the way.
      if (passed.some((s, i) => edgesAt(s, i === 0).stays.some((id) => orderActionMatters(settings, id)))) {
        stateless = true;
        return;
      }
      if (++routes > MAX_ROUTES) {
        overflow = true;
        return;
      }
      outcomes.add(signature(route));
      if (!best || route.length < best.length) best = [...route];
      return;
    }
    if (route.length >= MAX_STEPS) return;
    for (const edge of edgesAt(state, isStart).moves) {
      if (passed.includes(edge.to)) continue;
      passed.push(edge.to);
      route.push(edge.actionId);
      walk(edge.to);
      route.pop();
      passed.pop();
      if (settled()) return;
    }
  };
  walk(input.from);

  if (stateless) return { kind: 'ambiguous', reason: 'stateless_rule' };
  if (overflow) return { kind: 'ambiguous', reason: 'too_many_routes' };
  if (outcomes.size > 1) return { kind: 'ambiguous', reason: 'routes_differ' };
  if (!best) return { kind: 'ambiguous', reason: 'no_route' };
  return { kind: 'inferred', actionIds: best, routes };
}
