import type { FunnelInfo } from '../model/rules';
import type { OrderSnapshot } from '../model/inbox-types';
import type { AvailableAction } from '../model/reconcile';

/**
 * Everything the sync engine needs from Webasyst, as plain data. The background implements
 * it over the API client and the backend session; tests implement it in memory. Calls throw
 * ApiError / BackendError (see ./failure) and never retry writes themselves.
 */
export interface OrderLogItem {
  id: number;
  actionId: string;
  actionName: string | null;
  contactId: number | null;
  /** Server-local "Y-m-d H:i:s". */
  datetime: string;
  beforeStateId: string | null;
  afterStateId: string | null;
}

export interface DealView {
  id: number;
  name: string;
  funnelId: number;
  stageId: number;
  status: 'OPEN' | 'WON' | 'LOST';
  /** From external_id "shop:<id>"; null when not linked. */
  orderId: number | null;
}

export interface HistoryItem {
  id: number;
  action: string;
  dealId: number | null;
  actorId: number | null;
  /** Epoch ms. */
  at: number;
  stageBefore: number | null;
  stageAfter: number | null;
  dealName: string | null;
}

export interface SyncPorts {
  /** The token user's contact id (crm.user.me). */
  me(): Promise<number>;
  /** Shop's clock: server-local time now and its shift from UTC (shop.settings.get). */
  shopClock(): Promise<{ serverTime: string | null; shiftSeconds: number }>;
  /** shop.order.search sort=updated DESC. */
  ordersByUpdated(offset: number, limit: number): Promise<OrderSnapshot[]>;
  getOrder(orderId: number): Promise<OrderSnapshot | null>;
  /** shop.order.search by ids (`id/1,2,3`), up to 500 at once; orders that do not exist are left out. */
  ordersByIds(orderIds: readonly number[]): Promise<OrderSnapshot[]>;
  /** shop.order.log, newest first. */
  orderLog(orderId: number): Promise<OrderLogItem[]>;
  orderActions(orderId: number): Promise<AvailableAction[]>;
  /** shop.order.action; resolves to the log record it wrote (with the states it moved the order between). */
  runOrderAction(
    orderId: number,
    actionId: string,
  ): Promise<{ logId: number; beforeStateId: string | null; afterStateId: string | null }>;
  /** The order's number as Shop-Script shows it ("#1003"), from the installation's order format (cached). */
  orderNumber(orderId: number): Promise<string>;
  /** Order states' names for messages (shop.settings.get, cached). */
  stateName(stateId: string): Promise<string>;
  /** The workflow's states with the actions each offers, in workflow order (shop.settings.get, cached). */
  orderStates(): Promise<Array<{ id: string; availableActions: string[] }>>;

  /** crm.history deals feed with id > minId (any order; the engine sorts). Up to `limit` entries. */
  history(params: { minId: number; maxId?: number; limit: number; dealId?: number }): Promise<HistoryItem[]>;
  /** Id of the newest history entry (0 when there is none). */
  latestHistoryId(): Promise<number>;
  getDeal(dealId: number): Promise<DealView | null>;
  /** Deals whose client is this contact (crm.deal.list?contact_id=), linked or not. */
  dealsOfContact(contactId: number): Promise<DealView[]>;
  /** Every deal, oldest first (crm.deal.list sort=create_datetime asc), one page; `total` is the count of all deals. */
  listDeals(offset: number, limit: number): Promise<{ deals: DealView[]; total: number }>;
  moveDeal(dealId: number, stageId: number): Promise<void>;
  /**
   * Two or more deals to one stage in one call (Webasyst's own Shop sync does not run for it).
   * Resolves to the ids it moved; deals already there, or not editable, are skipped silently.
   */
  moveDeals(dealIds: readonly number[], stageId: number): Promise<number[]>;
  closeDeal(dealId: number, status: 'WON' | 'LOST'): Promise<void>;
  reopenDeal(dealId: number): Promise<void>;
  deleteDeal(dealId: number): Promise<void>;
  /** Funnels with stages (cached by the catalog). */
  funnels(): Promise<FunnelInfo[]>;

  /**
   * The backend's crm/?module=deal&action=create with the browser's session: a new deal linked
   * to the order, or, with bindDealId, that existing deal linked to it. Resolves to the deal's id.
   */
  createLinkedDeal(params: {
    orderId: number;
    funnelId: number;
    stageId: number;
    ownerId: number | null;
    bindDealId?: number | null;
  }): Promise<number>;
}
