import type { z } from 'zod';
import type { WebasystApi } from '../api';
import { isApiError } from '../api/errors';
import type { ShopOrderState } from '../api';
import type { CrmDeal } from '../api/schemas/crm';
import type { Link } from '../links/types';
import { orderIdFromExternalId } from '../links/types';
import type { dealPageMessages } from '../messaging/messages/deal-page';
import type { SyncItem } from '../messaging/models';
import { toLinkedOrder } from './linked-order';

export type DealOrderReply = z.input<(typeof dealPageMessages)['deal.order']['response']>;

export interface DealOrderDeps {
  api: Pick<WebasystApi, 'baseUrl' | 'crmDealInfo' | 'shopOrderGetInfo'>;
  links: { put(link: Link): Promise<void>; removeDeal(dealId: number): Promise<void> };
  catalog: { orderStates(): Promise<ShopOrderState[]>; orderNumber(orderId: number): Promise<string> };
  syncItems(filter: { orderId: number; dealId: number }): Promise<{ pending: SyncItem[]; problems: SyncItem[] }>;
  now(): number;
}

const NOT_LINKED: DealOrderReply = {
  linked: false,
  customer: null,
  order: null,
  orderError: null,
  pending: [],
  problems: [],
};

/** The deal's client: its main contact, named as the deal lists it (null when it has none). */
export function dealCustomer(deal: CrmDeal): { id: number; name: string } | null {
  if (!deal.contact_id) return null;
  const name = deal.contacts.find((c) => c.contact.id === deal.contact_id)?.contact.name;
  return { id: deal.contact_id, name: name || `#${deal.contact_id}` };
}

/**
 * The deal page's question: is this deal linked to an order (Webasyst's own link,
 * external_id "shop:<id>"), and what does that order look like now? Reads both sides
 * fresh, and keeps the link cache in step with what it read.
 */
export async function loadDealOrder(deps: DealOrderDeps, dealId: number): Promise<DealOrderReply> {
  let deal: CrmDeal;
  try {
    deal = await deps.api.crmDealInfo({ id: dealId });
  } catch (error) {
    // A deal that no longer exists has no order to show (CRM says so on its own page).
    if (isApiError(error) && error.kind === 'not_found') {
      await deps.links.removeDeal(dealId);
      return NOT_LINKED;
    }
    throw error;
  }
  const customer = dealCustomer(deal);
  const orderId = orderIdFromExternalId(deal.external_id);
  if (orderId === null) {
    await deps.links.removeDeal(dealId);
    return { ...NOT_LINKED, customer };
  }
  await deps.links.put({ orderId, dealId, confirmedAt: deps.now() });

  const syncItems = deps.syncItems({ orderId, dealId });
  try {
    const [order, states, number] = await Promise.all([
      deps.api.shopOrderGetInfo({ id: orderId }),
      deps.catalog.orderStates(),
      deps.catalog.orderNumber(orderId),
    ]);
    const panel = toLinkedOrder(order, { baseUrl: deps.api.baseUrl, states, number });
    return { linked: true, customer, order: panel, orderError: null, ...(await syncItems) };
  } catch (error) {
    const orderError = definitiveOrderError(error);
    // Anything else (network, server…) may pass: the page keeps what it showed and says so.
    if (!orderError) {
      syncItems.catch(() => undefined);
      throw error;
    }
    return { linked: true, customer, order: null, orderError, ...(await syncItems) };
  }
}

/** Failures that will not go away by asking again, which the panel states in its place. */
function definitiveOrderError(error: unknown): { code: string; message: string } | null {
  if (!isApiError(error) || !error.method.startsWith('shop.')) return null;
  if (error.kind === 'not_found') {
    return { code: 'order_not_found', message: 'The order was deleted or is not found in Shop-Script.' };
  }
  if (error.kind === 'permission') {
    return { code: 'no_rights', message: 'You have no rights to Shop-Script orders.' };
  }
  return null;
}
