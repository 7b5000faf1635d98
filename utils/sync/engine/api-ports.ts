import { formatOrderNumber } from '../../api/order-number';
import type { WebasystApi } from '../../api';
import { isApiError } from '../../api/errors';
import type { ShopOrderLogEntry, ShopSearchOrder } from '../../api/schemas/shop';
import type { CrmDeal, CrmDealListItem, CrmDealListLinks, CrmHistoryEntry } from '../../api/schemas/crm';
import { orderIdFromExternalId } from '../../links/types';
import type { OrderSnapshot } from '../model/inbox-types';
import type { DealView, HistoryItem, SyncPorts } from './ports';
import type { FunnelInfo } from '../model/rules';

/** One `shop.order.log` record as the sync core (and the preview) sees it. */
export function toOrderLogEntry(e: ShopOrderLogEntry) {
  return {
    id: e.id,
    actionId: e.action_id,
    actionName: e.action_name,
    contactId: e.contact_id,
    datetime: e.datetime,
    beforeStateId: e.before_state_id,
    afterStateId: e.after_state_id,
  };
}

/** What changes rarely is read once per few minutes, not per cycle (funnels, states, who we are). */
const CATALOG_TTL_MS = 5 * 60_000;

/**
 * The sync engine's ports over Dealbridge's API client (and, for linked-deal creation, the
 * browser's backend session). Only shapes are translated here; decisions stay in the core.
 */
export function createApiPorts(
  api: WebasystApi,
  createLinkedDeal: SyncPorts['createLinkedDeal'],
  now: () => number = Date.now,
): SyncPorts {
  const cached = <T>(load: () => Promise<T>) => {
    let value: { at: number; data: T } | null = null;
    return async (): Promise<T> => {
      if (!value || now() - value.at > CATALOG_TTL_MS) value = { at: now(), data: await load() };
      return value.data;
    };
  };
  const settings = cached(() => api.shopSettingsGet());
  const me = cached(async () => (await api.crmUserMe()).id);
  const funnels = cached(
    async (): Promise<FunnelInfo[]> =>
      (await api.crmFunnelList()).map((f) => ({
        id: f.id,
        name: f.name,
        stages: f.stages.map((s) => ({ id: s.id, name: s.name, number: s.number })),
      })),
  );
  const nullOn404 = async <T>(read: () => Promise<T>): Promise<T | null> => {
    try {
      return await read();
    } catch (error) {
      if (isApiError(error) && error.kind === 'not_found') return null;
      throw error;
    }
  };

  return {
    me,
    async shopClock() {
      const s = await settings();
      return { serverTime: s.server_time, shiftSeconds: s.server_timezone_shift };
    },
    async ordersByUpdated(offset, limit) {
      const reply = await api.shopOrderSearch({ hash: '', offset, limit, sort: 'updated DESC' });
      return reply.orders.map(toSnapshot);
    },
    async ordersByIds(orderIds) {
      if (!orderIds.length) return [];
      const reply = await api.shopOrderSearch({ hash: `id/${orderIds.join(',')}`, limit: orderIds.length });
      return reply.orders.map(toSnapshot);
    },
    async getOrder(orderId) {
      // Search by id gives the displayed number (getInfo does not).
      const reply = await api.shopOrderSearch({ hash: `id/${orderId}`, limit: 1 });
      const order = reply.orders.find((o) => o.id === orderId);
      return order ? toSnapshot(order) : null;
    },
    async orderLog(orderId) {
      return (await api.shopOrderLog({ id: orderId })).map(toOrderLogEntry);
    },
    async orderActions(orderId) {
      return (await api.shopOrderActions({ id: orderId })).map((a) => ({
        id: a.id,
        name: a.name,
        dataRequired: a.data_required,
      }));
    },
    async runOrderAction(orderId, actionId) {
      const result = await api.shopOrderAction({ id: orderId, action: actionId });
      return { logId: result.id, beforeStateId: result.before_state_id, afterStateId: result.after_state_id };
    },
    async orderNumber(orderId) {
      return formatOrderNumber(orderId, (await settings()).settings.orderFormat);
    },
    async stateName(stateId) {
      return (await settings()).order_states.find((s) => s.id === stateId)?.name ?? stateId;
    },
    async orderStates() {
      return (await settings()).order_states.map((s) => ({ id: s.id, availableActions: s.available_actions }));
    },
    async history({ minId, maxId, limit, dealId }) {
      const reply = await api.crmHistory({ filters: ['deals'], min_id: minId, max_id: maxId, limit, deal_id: dealId });
      return reply.log.filter((e) => e.id > 0).map(toHistoryItem);
    },
    async latestHistoryId() {
      const reply = await api.crmHistory({ filters: ['deals'], limit: 1 });
      return reply.log.reduce((max, e) => Math.max(max, e.id), 0);
    },
    async getDeal(dealId) {
      const deal = await nullOn404(() => api.crmDealInfo({ id: dealId }));
      return deal ? toDealView(deal) : null;
    },
    async dealsOfContact(contactId) {
      const reply = await api.crmDealList({ contact_id: contactId, limit: 500 });
      return reply.data.map(toDealView);
    },
    async listDeals(offset, limit) {
      const reply = await api.crmDealListLinks({ sort: 'create_datetime', asc: true, offset, limit });
      return { deals: reply.data.map(toDealView), total: reply.params.total_count };
    },
    async moveDeal(dealId, stageId) {
      // force: Dealbridge has already decided; Webasyst's confirmations are for people.
      await api.crmDealMove({ id: dealId, stage_id: stageId, force: true });
    },
    moveDeals(dealIds, stageId) {
      return api.crmDealMoveMany({ ids: dealIds, stage_id: stageId });
    },
    async closeDeal(dealId, status) {
      await api.crmDealClose({ id: dealId, status_id: status, force: true });
    },
    async reopenDeal(dealId) {
      await api.crmDealReopen({ id: dealId });
    },
    async deleteDeal(dealId) {
      await api.crmDealDelete({ id: dealId });
    },
    funnels,
    createLinkedDeal,
  };
}

function toSnapshot(order: ShopSearchOrder): OrderSnapshot {
  const storefront = order.params.storefront;
  return {
    id: order.id,
    number: order.id_encoded ?? null,
    contactId: order.contact_id,
    stateId: order.state_id,
    storefront: typeof storefront === 'string' ? storefront : '',
    updated: order.update_datetime ?? order.create_datetime,
    untouched: order.update_datetime === null,
    authorized: order.auth_date !== null,
  };
}

function toDealView(deal: CrmDeal | CrmDealListItem | CrmDealListLinks['data'][number]): DealView {
  return {
    id: deal.id,
    name: deal.name,
    funnelId: deal.funnel_id,
    stageId: deal.stage_id,
    status: deal.status_id,
    orderId: orderIdFromExternalId(deal.external_id),
  };
}

function toHistoryItem(entry: CrmHistoryEntry): HistoryItem {
  const at = Date.parse(entry.create_datetime);
  return {
    id: entry.id,
    action: entry.action,
    dealId: entry.deal?.id ?? (entry.object_type === 'DEAL' ? entry.object_id : null),
    actorId: entry.actor?.id ?? null,
    at: Number.isNaN(at) ? 0 : at,
    stageBefore: entry.stage_before?.id ?? null,
    stageAfter: entry.stage_after?.id ?? null,
    dealName: entry.deal?.name ?? null,
  };
}
