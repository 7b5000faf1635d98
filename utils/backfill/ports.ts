import type { SyncPorts } from '../sync/engine/ports';
import type { BackfillDeal, BackfillOrder } from './model';

/**
 * What the backfill needs from Webasyst. The writes and the re-reads around them are the sync's
 * own ports (the same check-write-verify as automatic creation); the bulk reads are its own.
 */
export interface BackfillPorts
  extends Pick<SyncPorts, 'orderStates' | 'shopClock' | 'dealsOfContact' | 'createLinkedDeal' | 'deleteDeal'> {
  /** shop.order.search with this hash, sorted by id ascending; `count` is every match. */
  searchOrders(hash: string, limit: number): Promise<{ orders: BackfillOrder[]; count: number }>;
  /** crm.deal.list, every status, oldest first; `total` is the count of all deals. */
  listDeals(offset: number, limit: number): Promise<{ deals: BackfillDeal[]; total: number }>;
}
