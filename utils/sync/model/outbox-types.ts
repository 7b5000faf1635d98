/**
 * Shapes of what the sync engine keeps in IndexedDB. Plain data only (structured-clonable),
 * so that every record survives the service worker being stopped between any two steps.
 */

/** What an observed change asks of the deal, decided by the rules. */
export type DealTarget = { kind: 'stage'; stageId: number } | { kind: 'won' } | { kind: 'lost' } | { kind: 'reopen' };

/** The observed change that caused an effect (shown to people as the "reason"). */
export type Trigger =
  | {
      kind: 'order_action';
      orderId: number;
      orderNumber: string | null;
      actionId: string;
      actionName: string | null;
      logId: number | null;
    }
  | {
      kind: 'order_new';
      orderId: number;
      orderNumber: string | null;
      storefront: string;
      actionId: 'create' | 'process';
    }
  | {
      kind: 'deal_change';
      dealId: number;
      dealName: string | null;
      stageName: string | null;
      status: 'OPEN' | 'WON' | 'LOST';
      historyId: number | null;
      /** When the change happened (the history entry's time, epoch ms): an order action logged since then answers it. */
      at?: number;
    };

/**
 * The effect an item stands for. The precise write is decided when it is applied, by
 * re-reading the other side (reconcile, not replay): a stale item can only do what the
 * rules ask for *now*, and "already there" is success.
 */
export type Effect =
  | {
      kind: 'deal_create';
      orderId: number;
      contactId: number;
      storefront: string;
      funnelId: number;
      stageId: number;
      ownerId: number | null;
      /** Order actions seen with the new order; their rules are applied to the new deal after. */
      followActionIds: string[];
    }
  /** Order actions seen since the last look, oldest first; the last one that means something wins. */
  | { kind: 'deal_follow'; orderId: number; dealId: number; actionIds: string[] }
  /** How the deal last changed: a backward move runs only rules that allow it; a reopen restores. */
  | { kind: 'order_follow'; orderId: number; dealId: number; backward: boolean; reopened: boolean };

type ProblemCode =
  | 'session_required'
  /** The rule asks a person to run an action with a form (Shop-Script's own form, one click away). */
  | 'data_required'
  /** Run without its form, the action was refused by the server (a plugin wants its fields): a person runs it. */
  | 'form_refused'
  | 'not_available'
  | 'no_candidate_action'
  | 'forbidden'
  | 'rejected'
  | 'retries_exhausted'
  | 'order_missing'
  | 'deal_missing'
  | 'builtin_form'
  | 'duplicate_deals'
  | 'create_unverified';

export interface Problem {
  code: ProblemCode;
  /** Names for the explanation, already human (action, state, stage names; last error text). */
  params: Record<string, string>;
}

/** Human description of what the last evaluation decided, kept for the UIs. */
export interface PlanNote {
  /** e.g. { kind: 'move', to: 'Invoice sent' } */
  kind: 'create' | 'move' | 'won' | 'lost' | 'reopen' | 'order_action' | 'check';
  to: string | null;
  /** The rule, e.g. "Paid → Invoice sent (Sales)". */
  rule: string | null;
}

type OutboxStatus = 'pending' | 'problem';

export interface OutboxRecord {
  /** One item per object and direction: 'create:<order>', 'deal:<deal>', 'order:<order>'. */
  id: string;
  status: OutboxStatus;
  effect: Effect;
  trigger: Trigger;
  /** Indexed; absent (undefined) when unknown, so the index skips the record. */
  orderId?: number;
  dealId?: number;
  orderNumber: string | null;
  dealName: string | null;
  plan: PlanNote | null;
  problem: Problem | null;
  createdAt: number;
  updatedAt: number;
  attempts: number;
  /** When the runner may next try it (problems: when they are retried on their own, or never). */
  dueAt: number;
  /**
   * Set just before a write and cleared after its outcome is known. Found set on a later
   * run, it means the reply was lost (or the worker died): the next attempt re-reads first.
   * `answered`: the server did answer (an error), so it is done with the request; without an
   * answer it may still be working on it, and the re-read waits until it must have finished.
   */
  inFlight: { op: string; startedAt: number; answered?: boolean; from?: string | null } | null;
  lastError: string | null;
  /** What the last failed try met (e.g. `rate` for a 429): tells people why the item waits. */
  lastFailure?: string;
  /** It was a problem and is being looked at again: finding it settled is worth telling. */
  wasProblem?: boolean;
  /** Order actions the server refused to run without their form (id → its message): from then on they ask a person. */
  formRefusals?: Record<string, string>;
}

export const NEVER = Number.MAX_SAFE_INTEGER;

export function outboxIdFor(effect: Effect): string {
  switch (effect.kind) {
    case 'deal_create':
      return `create:${effect.orderId}`;
    case 'deal_follow':
      return `deal:${effect.dealId}`;
    case 'order_follow':
      return `order:${effect.orderId}`;
  }
}
