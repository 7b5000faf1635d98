/**
 * Observed changes waiting to be examined. Written in the same IndexedDB transaction as the
 * cursor that moves past them, so a change is never lost between "seen" and "acted on".
 */
export interface OrderSnapshot {
  id: number;
  number: string | null;
  contactId: number | null;
  stateId: string;
  storefront: string;
  /** IFNULL(update_datetime, create_datetime), server-local "Y-m-d H:i:s". */
  updated: string;
  /** update_datetime was NULL: nothing but "create" ran on it. */
  untouched: boolean;
  /**
   * auth_date is set: a payment plugin authorized a payment for it at some point. Absent in
   * records stored by an older version: then taken as set (the cautious answer).
   */
  authorized?: boolean;
}

/**
 * The state an order was last seen in. Every change that moved the order after `updated`
 * went through the inbox and was examined (or happened before Dealbridge started watching).
 */
export interface OrderStateRecord {
  orderId: number;
  stateId: string;
  /** The order's IFNULL(update_datetime, create_datetime) when seen, server-local. */
  updated: string;
  /** When it was recorded (this browser's clock): writes of ours recorded before it are in it. */
  at: number;
}

export interface HistoryNote {
  id: number;
  action: string;
  actorId: number | null;
  stageBefore: number | null;
  stageAfter: number | null;
  /** Epoch ms. */
  at: number;
}

export type InboxRecord =
  | {
      key: string; // 'order:<id>'
      kind: 'order';
      order: OrderSnapshot;
      /** Log entries at or after this server-local time are new (the cursor before this change). */
      since: string | null;
      dueAt: number;
      attempts: number;
    }
  | {
      key: string; // 'deal:<id>'
      kind: 'deal';
      dealId: number;
      entries: HistoryNote[];
      dueAt: number;
      attempts: number;
    };

export function orderInboxKey(orderId: number): string {
  return `order:${orderId}`;
}
export function dealInboxKey(dealId: number): string {
  return `deal:${dealId}`;
}
