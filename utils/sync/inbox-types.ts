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
