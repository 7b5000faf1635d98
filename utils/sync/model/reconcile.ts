import type { DealTarget } from './outbox-types';
import type { DealNow, FunnelInfo } from './rules';
import { findStage } from './rules';

/**
 * Reconciliation: given what the other side *is* (just re-read) and what the rules say it
 * should be, the smallest set of writes — or none. "Already there" is success, which makes
 * retries, repeated observations, several browsers and the built-in integration safe.
 */
export type DealOp = { op: 'move'; stageId: number } | { op: 'close'; status: 'WON' | 'LOST' } | { op: 'reopen' };

export type DealDecision =
  | { kind: 'already' }
  /** The rule would move the deal backward and does not allow it. */
  | { kind: 'not_forward' }
  | { kind: 'write'; ops: DealOp[] };

export function decideDealWrite(
  deal: DealNow & { funnelId: number },
  target: DealTarget,
  options: { allowBackward: boolean; funnels: readonly FunnelInfo[] },
): DealDecision {
  switch (target.kind) {
    case 'reopen':
      return deal.status === 'OPEN' ? { kind: 'already' } : { kind: 'write', ops: [{ op: 'reopen' }] };
    case 'won':
    case 'lost': {
      const status = target.kind === 'won' ? 'WON' : 'LOST';
      if (deal.status === status) return { kind: 'already' };
      // Webasyst closes only open deals: a deal closed the other way is reopened first.
      const ops: DealOp[] = deal.status === 'OPEN' ? [] : [{ op: 'reopen' }];
      return { kind: 'write', ops: [...ops, { op: 'close', status }] };
    }
    case 'stage': {
      if (deal.stageId === target.stageId) return { kind: 'already' };
      const current = findStage(options.funnels, deal.stageId);
      const wanted = findStage(options.funnels, target.stageId);
      const sameFunnel = !!current && !!wanted && current.funnel.id === wanted.funnel.id;
      const forward = !sameFunnel || wanted!.stage.number > current!.stage.number;
      if (!forward && !options.allowBackward) return { kind: 'not_forward' };
      // Like Webasyst's own handler: moving a closed deal to a stage opens it again.
      const ops: DealOp[] = deal.status === 'OPEN' ? [] : [{ op: 'reopen' }];
      return { kind: 'write', ops: [...ops, { op: 'move', stageId: target.stageId }] };
    }
  }
}

export interface AvailableAction {
  id: string;
  name: string;
  dataRequired: boolean;
}

export type OrderDecision =
  | { kind: 'none' }
  | { kind: 'already' }
  | { kind: 'run'; action: AvailableAction }
  | { kind: 'needs_form'; action: AvailableAction }
  /** No mapped action is available from the order's state and the order is not there yet. */
  | { kind: 'unavailable'; actionId: string };

/**
 * Deal → order. `available` is shop.order.actions right now, in the order Webasyst gives
 * them; like Webasyst, the first available action that is mapped wins. When none is
 * available, the order is "already there" if its state is where a mapped action leads,
 * or if the last action that changed its state was a mapped one.
 */
export function decideOrderWrite(input: {
  candidates: readonly string[];
  available: readonly AvailableAction[];
  orderStateId: string | null;
  /** State an action leads to, if known (defaults and what order logs taught). */
  targetOf: (actionId: string) => string | null;
  /** Action of the latest order log entry that changed the state, if read. */
  lastStateAction?: string | null;
}): OrderDecision {
  const { candidates, available } = input;
  if (candidates.length === 0) return { kind: 'none' };
  const wanted = new Set(candidates);
  const action = available.find((a) => wanted.has(a.id));
  if (action) return action.dataRequired ? { kind: 'needs_form', action } : { kind: 'run', action };
  if (isOrderThere(input)) return { kind: 'already' };
  return { kind: 'unavailable', actionId: candidates[0] };
}

function isOrderThere(input: {
  candidates: readonly string[];
  orderStateId: string | null;
  targetOf: (actionId: string) => string | null;
  lastStateAction?: string | null;
}): boolean {
  const { candidates, orderStateId } = input;
  if (orderStateId === null) return false;
  for (const actionId of candidates) {
    // Restore leads back to "the state before deletion": any state but deleted is there.
    if (actionId === 'restore') {
      if (orderStateId !== 'deleted') return true;
      continue;
    }
    if (input.targetOf(actionId) === orderStateId) return true;
  }
  return !!input.lastStateAction && candidates.includes(input.lastStateAction);
}
