import type { WebasystApi } from '../api';
import { isApiError } from '../api/errors';
import type { CrmDeal, CrmDealListItem } from '../api/schemas/crm';
import type { LinkStore } from '../links/types';
import { externalIdForOrder } from '../links/types';
import type { DealSummary } from '../messaging/models';
import type { LinkRefusal } from '../messaging/messages/order-page';
import { toDealSummary, type SummaryCatalog } from './summary';

/**
 * Finding and checking the deal of an order, as Webasyst itself links them
 * (deal.external_id = "shop:<order id>"). The API has no order → deal lookup, so the
 * candidates are: the deal the page's own "CRM deal" link names, the cached link, and the
 * customer's deals. Every candidate is confirmed by reading the deal; the cache learns and
 * forgets accordingly.
 */
export interface OrderLinkDeps {
  api: Pick<WebasystApi, 'baseUrl' | 'crmDealInfo' | 'crmDealList' | 'shopOrderGetInfo'>;
  links: LinkStore;
  catalog: () => Promise<SummaryCatalog>;
  now?: () => number;
}

type AnyDeal = CrmDeal | CrmDealListItem;

const PAGE = 500;
/** A customer with more deals than this is not paged further (a safety bound, not a real case). */
const MAX_PAGES = 20;

export async function findLinkedDeal(
  deps: OrderLinkDeps,
  query: { orderId: number; customerId?: number | null; hintDealId?: number | null },
): Promise<AnyDeal | null> {
  const externalId = externalIdForOrder(query.orderId);
  const cached = await deps.links.byOrder(query.orderId);
  const candidates = [...new Set([query.hintDealId, cached?.dealId].filter((id): id is number => !!id))];
  for (const dealId of candidates) {
    const deal = await readDeal(deps, dealId);
    if (deal?.external_id === externalId) {
      await remember(deps, query.orderId, deal.id);
      return deal;
    }
    if (dealId === cached?.dealId) await deps.links.remove(query.orderId);
  }
  const customerId = query.customerId ?? (await deps.api.shopOrderGetInfo({ id: query.orderId })).contact_id;
  if (!customerId) return null;
  const found = (await customerDeals(deps, customerId)).find((deal) => deal.external_id === externalId);
  if (found) await remember(deps, query.orderId, found.id);
  return found ?? null;
}

/** Every deal of the customer (main contact or client participant), all statuses, with owners. */
export async function customerDeals(deps: Pick<OrderLinkDeps, 'api'>, customerId: number): Promise<CrmDealListItem[]> {
  const deals: CrmDealListItem[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const reply = await deps.api.crmDealList({
      contact_id: customerId,
      fields: ['user'],
      limit: PAGE,
      offset: page * PAGE,
    });
    deals.push(...reply.data);
    if (reply.data.length < PAGE || deals.length >= reply.params.total_count) break;
  }
  return deals;
}

/** Open deals with no order: what may be bound to an order (the same rule as Webasyst's dialog). */
export function isBindable(deal: AnyDeal): boolean {
  return deal.status_id === 'OPEN' && !deal.external_id;
}

export type LinkVerdict = { ok: true } | { ok: false; reason: LinkRefusal; linkedDeal: AnyDeal | null };

/** Fresh checks right before the page links: the backend endpoint itself checks nothing. */
export async function checkLink(
  deps: OrderLinkDeps,
  request: { orderId: number; customerId: number | null; dealId: number | null },
): Promise<LinkVerdict> {
  if (!request.customerId) return { ok: false, reason: 'no_customer', linkedDeal: null };
  const linked = await findLinkedDeal(deps, { orderId: request.orderId, customerId: request.customerId });
  if (linked) return { ok: false, reason: 'order_already_linked', linkedDeal: linked };
  if (request.dealId === null) return { ok: true };
  const deal = await readDeal(deps, request.dealId);
  if (!deal) return { ok: false, reason: 'deal_not_found', linkedDeal: null };
  if (deal.external_id) return { ok: false, reason: 'deal_linked_elsewhere', linkedDeal: null };
  if (deal.status_id !== 'OPEN') return { ok: false, reason: 'deal_closed', linkedDeal: null };
  const isClient =
    deal.contact_id === request.customerId || deal.contacts.some((c) => c.contact.id === request.customerId);
  if (!isClient) return { ok: false, reason: 'deal_other_customer', linkedDeal: null };
  return { ok: true };
}

/**
 * After the page linked through the backend: re-read the deal and confirm it carries this
 * order. Null when it does not (the cache is then left alone).
 */
export async function confirmLink(deps: OrderLinkDeps, orderId: number, dealId: number): Promise<CrmDeal | null> {
  const deal = await readDeal(deps, dealId);
  if (!deal || deal.external_id !== externalIdForOrder(orderId)) return null;
  await remember(deps, orderId, dealId);
  return deal;
}

export async function summarize(deps: OrderLinkDeps, deal: AnyDeal): Promise<DealSummary> {
  return toDealSummary(deal, await deps.catalog(), deps.api.baseUrl);
}

/** crm.deal.info, with "not found" (deleted, or no access to its funnel) as null. */
async function readDeal(deps: OrderLinkDeps, dealId: number): Promise<CrmDeal | null> {
  try {
    return await deps.api.crmDealInfo({ id: dealId });
  } catch (error) {
    if (isApiError(error) && (error.kind === 'not_found' || error.kind === 'permission')) return null;
    throw error;
  }
}

async function remember(deps: OrderLinkDeps, orderId: number, dealId: number): Promise<void> {
  await deps.links.put({ orderId, dealId, confirmedAt: (deps.now ?? Date.now)() });
}
