import type { HistoryNote } from './inbox-types';

/**
 * Echo recognition: Dealbridge records each write it makes; when that write comes back
 * through an observed feed (a CRM history entry, an order log entry) it is recognised
 * and not turned into a new action. Matching is exact (object, kind, target, actor) and
 * an echo is consumed once matched, so a person doing the same thing later still counts.
 */
export type DealEchoAction = 'deal_add' | 'deal_step' | 'deal_won' | 'deal_lost' | 'deal_reopen' | 'deal_order_link';

export type EchoRecord =
  | {
      key: string;
      kind: 'order_log';
      orderId: number;
      /** The log id shop.order.action answered with (null when only the action is known). */
      logId: number | null;
      actionId: string;
      /** The states the action moved the order between, when known (older records: absent). */
      beforeStateId?: string | null;
      afterStateId?: string | null;
      at: number;
      expiresAt: number;
    }
  | {
      key: string;
      kind: 'deal';
      dealId: number;
      action: DealEchoAction;
      stageId: number | null;
      at: number;
      expiresAt: number;
    };

const ECHO_TTL_MS = 24 * 60 * 60 * 1000;
/** Browser and server clocks differ; an echo may appear in the feed "before" we recorded it. */
const CLOCK_SLACK_MS = 10 * 60 * 1000;

export function dealEcho(dealId: number, action: DealEchoAction, stageId: number | null, now: number): EchoRecord {
  return {
    key: `deal:${dealId}:${action}:${stageId ?? ''}:${now}`,
    kind: 'deal',
    dealId,
    action,
    stageId,
    at: now,
    expiresAt: now + ECHO_TTL_MS,
  };
}

export function orderEcho(
  orderId: number,
  actionId: string,
  logId: number | null,
  now: number,
  states: { before: string | null; after: string | null } = { before: null, after: null },
): EchoRecord {
  return {
    key: `order:${orderId}:${actionId}:${logId ?? now}`,
    kind: 'order_log',
    orderId,
    logId,
    actionId,
    beforeStateId: states.before,
    afterStateId: states.after,
    at: now,
    expiresAt: now + ECHO_TTL_MS,
  };
}

/** History actions that a move of ours may produce (a stage step, or a move across funnels). */
function dealActionMatches(echo: Extract<EchoRecord, { kind: 'deal' }>, entry: HistoryNote): boolean {
  if (echo.action === 'deal_step') {
    return (entry.action === 'deal_step' || entry.action === 'deal_move') && entry.stageAfter === echo.stageId;
  }
  return entry.action === echo.action;
}

/** Finds the recorded echo a CRM history entry is, if any. */
export function findDealEcho(
  entry: HistoryNote,
  dealId: number,
  echoes: readonly EchoRecord[],
  meId: number | null,
): EchoRecord | null {
  if (meId === null || entry.actorId !== meId) return null;
  for (const echo of echoes) {
    if (echo.kind !== 'deal' || echo.dealId !== dealId) continue;
    if (entry.at < echo.at - CLOCK_SLACK_MS) continue;
    if (dealActionMatches(echo, entry)) return echo;
  }
  return null;
}

export interface OrderLogNote {
  id: number;
  actionId: string;
  contactId: number | null;
}

/** Finds the recorded echo an order log entry is, if any (by log id, else by action). */
export function findOrderEcho(
  entry: OrderLogNote,
  orderId: number,
  echoes: readonly EchoRecord[],
  meId: number | null,
): EchoRecord | null {
  if (meId === null || entry.contactId !== meId) return null;
  let byAction: EchoRecord | null = null;
  for (const echo of echoes) {
    if (echo.kind !== 'order_log' || echo.orderId !== orderId || echo.actionId !== entry.actionId) continue;
    if (echo.logId === entry.id) return echo;
    if (echo.logId === null && !byAction) byAction = echo;
  }
  return byAction;
}

/**
 * Echoes of our own actions on this order recorded after `since` (when the state the order
 * was last seen in was recorded): the writes that may be part of what changed it since.
 */
export function orderEchoesSince(
  orderId: number,
  echoes: readonly EchoRecord[],
  since: number,
): Array<Extract<EchoRecord, { kind: 'order_log' }>> {
  return echoes.filter(
    (e): e is Extract<EchoRecord, { kind: 'order_log' }> =>
      e.kind === 'order_log' && e.orderId === orderId && e.at >= since,
  );
}
