import type { WebasystApi } from '../api';
import { catalog, formatOrderNumber } from '../api/catalog';
import { isApiError } from '../api/errors';
import type { Lang } from '../i18n';
import { orderIdFromExternalId } from '../links/types';
import { rememberActionNames } from '../settings/catalog-source';
import { defaultActionName } from '../settings/workflow';
import { toOrderLogEntry } from '../sync/engine/api-ports';
import type { DealView, HistoryItem } from '../sync/engine/ports';
import type { PreviewOrder, PreviewSource } from './planner';

/** Deals read in one request to find the links of the latest orders; past this, per customer. */
const DEAL_PAGE = 500;

/**
 * The dry run's reads over the API client: only GET methods, nothing is written. Links
 * are found the way Webasyst keeps them (deal external_id "shop:<id>"): one page of deals
 * covers small installations; otherwise each customer's deals are read.
 */
export async function createPreviewSource(api: WebasystApi, lang: Lang): Promise<PreviewSource> {
  const [shop, users, funnels] = await Promise.all([
    catalog.shopSettings(),
    catalog.users().catch(() => []),
    catalog.funnels(),
  ]);
  const stateNames = new Map(shop.order_states.map((s) => [s.id, s.name]));
  const userNames = new Map(users.map((u) => [u.id, u.name]));
  const shiftMs = (shop.server_timezone_shift ?? 0) * 1000;

  let dealPage: { complete: boolean; byOrder: Map<number, DealView> } | null = null;
  const byContact = new Map<number, DealView[]>();

  const toOrder = (o: {
    id: number;
    contact_id: number | null;
    state_id: string;
    params: Record<string, string | null>;
    id_encoded?: string | null;
  }): PreviewOrder => ({
    id: o.id,
    number: o.id_encoded ?? formatOrderNumber(o.id, shop.settings.orderFormat),
    contactId: o.contact_id,
    stateId: o.state_id,
    storefront: o.params.storefront ?? '',
  });

  const toDeal = (d: {
    id: number;
    name: string;
    funnel_id: number;
    stage_id: number;
    status_id: DealView['status'];
    external_id: string | null;
  }): DealView => ({
    id: d.id,
    name: d.name,
    funnelId: d.funnel_id,
    stageId: d.stage_id,
    status: d.status_id,
    orderId: orderIdFromExternalId(d.external_id),
  });

  // The lowest deal id wins when several carry the same order, as in the sync engine.
  const firstByOrder = (deals: DealView[]) => {
    const map = new Map<number, DealView>();
    for (const deal of [...deals].sort((a, b) => a.id - b.id))
      if (deal.orderId !== null && !map.has(deal.orderId)) map.set(deal.orderId, deal);
    return map;
  };

  return {
    async recentOrders(limit) {
      const reply = await api.shopOrderSearch({ sort: 'updated DESC', limit });
      return reply.orders.map(toOrder);
    },
    async getOrder(orderId) {
      try {
        return toOrder(await api.shopOrderGetInfo({ id: orderId }));
      } catch (error) {
        if (isApiError(error) && error.kind === 'not_found') return null;
        throw error;
      }
    },
    async orderLog(orderId) {
      const log = await api.shopOrderLog({ id: orderId });
      rememberActionNames(log.map((e) => ({ id: e.action_id, name: e.action_name })));
      return log.map(toOrderLogEntry);
    },
    async orderActions(orderId) {
      const actions = await api.shopOrderActions({ id: orderId });
      rememberActionNames(actions.map((a) => ({ id: a.id, name: a.name })));
      return actions.map((a) => ({ id: a.id, name: a.name, dataRequired: a.data_required }));
    },
    async linkedDeal(order) {
      if (!dealPage) {
        const page = await api.crmDealList({ limit: DEAL_PAGE, sort: 'last_action', asc: false });
        dealPage = {
          complete: page.params.total_count <= page.data.length,
          byOrder: firstByOrder(page.data.map(toDeal)),
        };
      }
      const known = dealPage.byOrder.get(order.id);
      if (known || dealPage.complete || order.contactId === null) return known ?? null;
      let deals = byContact.get(order.contactId);
      if (!deals) {
        deals = (await api.crmDealList({ contact_id: order.contactId, limit: DEAL_PAGE })).data.map(toDeal);
        byContact.set(order.contactId, deals);
      }
      return firstByOrder(deals).get(order.id) ?? null;
    },
    async getDeal(dealId) {
      try {
        return toDeal(await api.crmDealInfo({ id: dealId }));
      } catch (error) {
        if (isApiError(error) && error.kind === 'not_found') return null;
        throw error;
      }
    },
    async recentDealChanges(limit) {
      const reply = await api.crmHistory({ filters: ['deals'], limit });
      return reply.log.map(
        (h): HistoryItem => ({
          id: h.id,
          action: h.action,
          dealId: h.deal?.id ?? (h.object_type === 'DEAL' ? h.object_id : null),
          actorId: h.actor?.id ?? null,
          at: Date.parse(h.create_datetime),
          stageBefore: h.stage_before?.id ?? null,
          stageAfter: h.stage_after?.id ?? null,
          dealName: h.deal?.name ?? null,
        }),
      );
    },
    async funnels() {
      return funnels.map((f) => ({
        id: f.id,
        name: f.name,
        stages: f.stages.map((s) => ({ id: s.id, name: s.name, number: s.number })),
      }));
    },
    actionName(actionId) {
      const known = catalog.actionName(actionId);
      const renamed = known !== actionId && known !== defaultActionName(actionId, 'en');
      return renamed ? known : (defaultActionName(actionId, lang) ?? known);
    },
    stateName: (stateId) => stateNames.get(stateId) ?? stateId,
    userName: (userId) => userNames.get(userId) ?? `#${userId}`,
    shopTime(datetime) {
      const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(datetime);
      if (!match) return null;
      const [, y, mo, d, h, mi, s] = match.map(Number);
      return Date.UTC(y, mo - 1, d, h, mi, s) - shiftMs;
    },
  };
}
