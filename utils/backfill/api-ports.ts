import type { WebasystApi } from '../api';
import { formatOrderNumber } from '../api/order-number';
import { orderIdFromExternalId } from '../links/types';
import type { SyncPorts } from '../sync/engine/ports';
import type { BackfillPorts } from './ports';

/**
 * The backfill's ports over the API client: its two bulk reads, and the sync's own ports for
 * everything around a write (so both write through the same code).
 */
export function createBackfillPorts(api: WebasystApi, sync: SyncPorts): BackfillPorts {
  return {
    orderStates: () => sync.orderStates(),
    shopClock: () => sync.shopClock(),
    dealsOfContact: (contactId) => sync.dealsOfContact(contactId),
    createLinkedDeal: (params) => sync.createLinkedDeal(params),
    deleteDeal: (dealId) => sync.deleteDeal(dealId),
    async searchOrders(hash, limit) {
      const reply = await api.shopOrderSearch({ hash, offset: 0, limit, sort: 'id ASC', fields: ['contact'] });
      const format = reply.orders.some((o) => !o.id_encoded)
        ? (await api.shopSettingsGet()).settings.orderFormat
        : null;
      return {
        count: reply.count,
        orders: reply.orders.map((o) => ({
          id: o.id,
          number: o.id_encoded ?? formatOrderNumber(o.id, format!),
          contactId: o.contact_id,
          customer: o.contact?.name ?? '',
          total: o.total,
          storefront: typeof o.params.storefront === 'string' ? o.params.storefront : '',
          stateId: o.state_id,
        })),
      };
    },
    async listDeals(offset, limit) {
      const reply = await api.crmDealList({ sort: 'create_datetime', asc: true, offset, limit });
      return {
        total: reply.params.total_count,
        deals: reply.data.map((d) => ({
          id: d.id,
          name: d.name,
          contactId: d.contact?.id ?? null,
          amount: d.amount,
          status: d.status_id,
          orderId: orderIdFromExternalId(d.external_id) ?? d.shop_order?.id ?? null,
        })),
      };
    },
  };
}
