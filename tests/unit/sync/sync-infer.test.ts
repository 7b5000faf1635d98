import { describe, expect, it } from 'vitest';
import { settingsSchema, SETTINGS_VERSION, type Settings } from '../../../utils/settings/schema';
import { DEFAULT_ACTIONS } from '../../../utils/settings/workflow';
import { inferActions, type ActionTarget, type InferenceInput } from '../../../utils/sync/examine/infer';
import { dealTargetForActions, orderActionMatters, rulesFor } from '../../../utils/sync/model/rules';
import { availableActionIds, defaultWorkflow } from '../../../sim/state/workflow';
import type { Order } from '../../../sim/state/types';

/**
 * Telling from an order's state alone what ran since it was last seen: a table over every
 * pair of Shop-Script's default states, with the soak's rules, and a cross-check of every
 * answer against the routes the simulator's own workflow allows.
 */
const settings = (patch: Record<string, unknown> = {}): Settings =>
  settingsSchema.parse({ version: SETTINGS_VERSION, ...patch });
const SALES = (rules: unknown[]) => settings({ mappings: [{ funnelId: 1, rules }] });
/** tests/reliability/soak.ts soakSettings(): process → 2, pay → 3, ship → 4, complete → won. */
const SOAK = SALES([
  { actionId: 'process', target: { kind: 'stage', stageId: 2 } },
  { actionId: 'pay', target: { kind: 'stage', stageId: 3 } },
  { actionId: 'ship', target: { kind: 'stage', stageId: 4 } },
  { actionId: 'complete', target: { kind: 'won' } },
]);

const WORKFLOW = defaultWorkflow();
/** The states as shop.settings.get lists them (the simulator's workflow is Shop-Script's default). */
const STATES = WORKFLOW.states.map((s) => ({ id: s.id, availableActions: s.availableActions }));
const STATE_IDS = STATES.map((s) => s.id);
const defaultTarget = (actionId: string): ActionTarget =>
  Object.hasOwn(DEFAULT_ACTIONS, actionId) ? DEFAULT_ACTIONS[actionId].target : undefined;

const infer = (from: string, to: string, patch: Partial<InferenceInput> = {}) =>
  inferActions({
    states: STATES,
    targetOf: defaultTarget,
    settings: SOAK,
    from,
    to,
    authorized: false,
    createOn: null,
    ...patch,
  });

const shown = (from: string, to: string, patch: Partial<InferenceInput> = {}) => {
  const r = infer(from, to, patch);
  return r.kind === 'inferred' ? r.actionIds.join(',') || '(none)' : `log: ${r.reason}`;
};

/**
 * Every pair of default states that some route joins, with the soak's rules. The pairs not
 * listed have no route at all (e.g. completed → paid): the log is read for them.
 */
const TABLE: Record<string, string> = {
  'new → new': '(none)',
  'new → processing': 'process',
  // "Paid", or "Process" then "Paid": either way the deal ends where "Paid" puts it.
  'new → paid': 'pay',
  // "Start fulfillment" alone moves no deal; after "Process" or "Paid" it would.
  'new → fulfilling': 'log: routes_differ',
  'new → shipped': 'ship',
  'new → completed': 'complete',
  // Refunded after "Paid" (stage 3) or after "Mark as Completed" (won).
  'new → refunded': 'log: routes_differ',
  'new → deleted': 'log: routes_differ',
  'processing → processing': '(none)',
  'processing → paid': 'pay',
  'processing → fulfilling': 'log: routes_differ',
  'processing → shipped': 'ship',
  'processing → completed': 'complete',
  'processing → refunded': 'log: routes_differ',
  'processing → deleted': 'log: routes_differ',
  'auth → auth': '(none)',
  'auth → paid': 'capture',
  'auth → fulfilling': 'capture,fulfilling',
  'auth → shipped': 'capture,ship',
  'auth → completed': 'capture,complete',
  // "Cancel payment", or "Capture" then "Refund" (perhaps after "Mark as Completed").
  'auth → refunded': 'log: routes_differ',
  'auth → deleted': 'log: routes_differ',
  'paid → paid': '(none)',
  'paid → fulfilling': 'fulfilling',
  'paid → shipped': 'ship',
  'paid → completed': 'complete',
  'paid → refunded': 'log: routes_differ',
  'paid → deleted': 'log: routes_differ',
  'fulfilling → fulfilling': '(none)',
  'fulfilling → shipped': 'ship',
  'fulfilling → completed': 'complete',
  'fulfilling → refunded': 'complete,refund',
  'fulfilling → deleted': 'log: routes_differ',
  'shipped → shipped': '(none)',
  'shipped → completed': 'complete',
  'shipped → refunded': 'complete,refund',
  'shipped → deleted': 'delete',
  'completed → completed': '(none)',
  'completed → refunded': 'refund',
  'pos → pos': '(none)',
  'pos → completed': 'complete',
  'pos → refunded': 'complete,refund',
  'pos → deleted': 'delete',
  'pickup → pickup': '(none)',
  'pickup → completed': 'pickup',
  'pickup → refunded': 'pickup,refund',
  'pickup → deleted': 'delete',
  'refunded → refunded': '(none)',
  // Restore leads back to the state before deletion: from a deleted order first seen, any
  // state that offers Delete.
  'deleted → new': 'restore',
  'deleted → processing': 'log: routes_differ',
  'deleted → paid': 'restore,pay',
  'deleted → fulfilling': 'log: routes_differ',
  'deleted → shipped': 'log: routes_differ',
  'deleted → completed': 'log: routes_differ',
  'deleted → pos': 'restore',
  'deleted → pickup': 'restore',
  'deleted → refunded': 'log: routes_differ',
  'deleted → deleted': '(none)',
};

describe('what ran, told from the state an order was in and is in now (soak rules)', () => {
  it.each(STATE_IDS.flatMap((from) => STATE_IDS.map((to) => [from, to] as const)))('%s → %s', (from, to) => {
    expect(shown(from, to)).toBe(TABLE[`${from} → ${to}`] ?? 'log: no_route');
  });

  it('a single route of a single action is exact (an echo of ours can be recognised by it)', () => {
    expect(infer('processing', 'paid')).toEqual({ kind: 'inferred', actionIds: ['pay'], routes: 1 });
    expect(infer('new', 'processing')).toEqual({ kind: 'inferred', actionIds: ['process'], routes: 1 });
    // Several routes with one outcome: the shortest is reported, with how many fit.
    expect(infer('new', 'paid')).toEqual({ kind: 'inferred', actionIds: ['pay'], routes: 2 });
    expect(infer('processing', 'shipped')).toEqual({ kind: 'inferred', actionIds: ['ship'], routes: 4 });
  });
});

describe('where the rules tell routes apart, the log is read', () => {
  it('new → paid with only "Process" mapped: "Paid" alone moves nothing, after "Process" it would', () => {
    const onlyProcess = SALES([{ actionId: 'process', target: { kind: 'stage', stageId: 2 } }]);
    expect(shown('new', 'paid', { settings: onlyProcess })).toBe('log: routes_differ');
    expect(shown('processing', 'paid', { settings: onlyProcess })).toBe('pay');
    // "Paid" alone mapped: with or without "Process" before it, "Paid" decides.
    const onlyPay = SALES([{ actionId: 'pay', target: { kind: 'stage', stageId: 3 } }]);
    expect(shown('new', 'paid', { settings: onlyPay })).toBe('pay');
  });

  it('rules of another funnel count too (the deal may be in any funnel)', () => {
    const twoFunnels = settings({
      mappings: [
        { funnelId: 1, rules: [{ actionId: 'pay', target: { kind: 'stage', stageId: 3 } }] },
        { funnelId: 2, rules: [{ actionId: 'process', target: { kind: 'stage', stageId: 7 } }] },
      ],
    });
    expect(shown('new', 'paid', { settings: twoFunnels })).toBe('log: routes_differ');
  });

  it('a rule that only runs deal → order changes nothing here', () => {
    const dealToOrder = SALES([
      { actionId: 'fulfilling', target: { kind: 'stage', stageId: 4 }, direction: 'deal_to_order' },
    ]);
    expect(shown('processing', 'fulfilling', { settings: dealToOrder })).toBe('fulfilling');
  });

  it('without any order → deal rule every route is alike (Restore alone still reopens a deal)', () => {
    const none = settings();
    expect(shown('new', 'fulfilling', { settings: none })).toBe('fulfilling');
    expect(shown('deleted', 'processing', { settings: none })).toBe('restore');
    expect(orderActionMatters(none, 'restore')).toBe(true);
  });

  it('unlinked with automatic creation on "Process": whether it ran decides', () => {
    expect(shown('new', 'paid', { createOn: 'process' })).toBe('log: routes_differ');
    expect(shown('new', 'processing', { createOn: 'process' })).toBe('process');
    expect(shown('processing', 'paid', { createOn: 'process' })).toBe('pay');
  });

  it('an order a payment plugin authorized may have gone through "auth" and "Capture"', () => {
    expect(shown('processing', 'paid', { authorized: true })).toBe('log: routes_differ');
    expect(shown('processing', 'auth', { authorized: true })).toBe('auth');
    expect(shown('processing', 'shipped', { authorized: true })).toBe('ship');
    // Without an authorization date that route did not happen.
    expect(shown('processing', 'paid', { authorized: false })).toBe('pay');
  });

  it('a rule on an action that leaves the state as it is: any change may hide it', () => {
    const comment = SALES([
      { actionId: 'pay', target: { kind: 'stage', stageId: 3 } },
      { actionId: 'comment', target: { kind: 'stage', stageId: 2 } },
    ]);
    expect(shown('processing', 'paid', { settings: comment })).toBe('log: stateless_rule');
    expect(shown('processing', 'processing', { settings: comment })).toBe('log: stateless_rule');
    // Refunded offers no comment, and the only way there (from completed) passes none either…
    expect(shown('completed', 'refunded', { settings: comment })).toBe('log: stateless_rule');
    expect(shown('refunded', 'refunded', { settings: comment })).toBe('(none)');
  });

  it('a custom action nobody has seen may lead anywhere; once its target is learned, it is a route like any', () => {
    const states = STATES.map((s) =>
      s.id === 'paid' ? { ...s, availableActions: [...s.availableActions, 'courier_handover'] } : s,
    );
    expect(shown('paid', 'shipped', { states })).toBe('log: routes_differ');
    expect(shown('paid', 'paid', { states })).toBe('(none)');
    const learned = (id: string): ActionTarget => (id === 'courier_handover' ? 'shipped' : defaultTarget(id));
    expect(shown('paid', 'shipped', { states, targetOf: learned })).toBe('log: routes_differ');
    expect(shown('paid', 'completed', { states, targetOf: learned })).toBe('complete');
    // Mapped like "Sent": both routes move the deal alike, but the activity names the action
    // that did it, and only the log tells which.
    const both = SALES([
      { actionId: 'ship', target: { kind: 'stage', stageId: 4 } },
      { actionId: 'courier_handover', target: { kind: 'stage', stageId: 4 } },
    ]);
    expect(shown('paid', 'shipped', { states, targetOf: learned, settings: both })).toBe('log: routes_differ');
    // Seen to leave the state as it is, and mapped to nothing: no doubt left.
    const stays = (id: string): ActionTarget => (id === 'courier_handover' ? null : defaultTarget(id));
    expect(shown('paid', 'shipped', { states, targetOf: stays })).toBe('ship');
  });

  it('a state the workflow does not list has no route, not even to itself', () => {
    expect(shown('archived', 'paid')).toBe('log: no_route');
    expect(shown('paid', 'archived')).toBe('log: no_route');
    expect(shown('archived', 'archived')).toBe('log: no_route');
    expect(shown('paid', 'paid', { states: [] })).toBe('log: no_route');
  });
});

/**
 * Cross-check: the routes of the simulator's own workflow (its offered actions and targets,
 * not Dealbridge's table), each run through the rules as examination would run the log's
 * entries. An inferred answer must have the outcome of every route; "routes differ" must
 * have two routes that differ.
 */
function simRoutes(from: string, to: string): string[][] {
  const routes: string[][] = [];
  const order = (stateId: string) => ({ stateId, unsettled: false }) as Order;
  const deleteFrom = WORKFLOW.states
    .filter((s) => availableActionIds(WORKFLOW, order(s.id)).includes('delete'))
    .map((s) => s.id);
  const walk = (state: string, passed: string[], route: string[]) => {
    if (state === to) {
      routes.push([...route]);
      return;
    }
    for (const actionId of availableActionIds(WORKFLOW, order(state))) {
      const action = WORKFLOW.actions[actionId];
      const targets =
        actionId === 'restore'
          ? route.length === 0
            ? deleteFrom
            : []
          : action.state && action.state !== state
            ? [action.state]
            : [];
      for (const next of targets) {
        if (passed.includes(next)) continue;
        walk(next, [...passed, next], [...route, actionId]);
      }
    }
  };
  walk(from, [from], []);
  return routes;
}

const outcome = (s: Settings, route: readonly string[]) => {
  const mattering = route.filter((id) => orderActionMatters(s, id));
  return JSON.stringify({ deal: dealTargetForActions(rulesFor(s, 1), mattering), last: mattering.at(-1) ?? null });
};

describe('cross-check against the simulator’s workflow', () => {
  it.each(STATE_IDS.flatMap((from) => STATE_IDS.map((to) => [from, to] as const)))('%s → %s', (from, to) => {
    const routes = simRoutes(from, to);
    const outcomes = new Set(routes.map((r) => outcome(SOAK, r)));
    const result = infer(from, to);
    if (result.kind === 'inferred') {
      expect(routes.length).toBe(result.routes);
      expect(outcomes).toEqual(new Set([outcome(SOAK, result.actionIds)]));
    } else if (result.reason === 'routes_differ') expect(outcomes.size).toBeGreaterThan(1);
    else expect(routes).toEqual([]);
  });
});
