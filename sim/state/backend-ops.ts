// The backend "Create deal in CRM" endpoint (crm/?module=deal&action=create)
// with its real non-checks (sim/README.md, "Oddities kept on purpose"): a bind that cannot bind silently
// creates a new deal; nothing stops two deals linking the same order.
import { DomainError } from './errors';
import { toSecond } from './format';
import { insertDeal, logDeal } from './deal-ops';
import type { SimState } from './state';

export interface BackendDealData {
  /** 'new' or a deal id to bind */
  dealId: 'new' | number | string;
  funnelId?: number;
  stageId?: number;
  userContactId?: number | null;
}

/** @returns the reply's id: a number for a new deal, a string for a bind (as the real endpoint). */
export function createDealFromBackend(
  state: SimState,
  orderId: number,
  data: BackendDealData,
  actorId: number,
): { id: number | string; created: boolean } {
  const order = state.getOrder(orderId);
  if (!order) throw new DomainError('order_not_found', 'Order not found');
  const bindId = data.dealId === 'new' ? null : Number(data.dealId);
  const target = bindId ? state.getDeal(bindId) : undefined;
  if (target && target.statusId === 'OPEN' && !target.externalId) {
    target.externalId = `shop:${order.id}`;
    state.deals.reindex(target);
    if (target.amount === null && state.currency(order.currency)) {
      target.amount = order.total;
      target.currencyId = order.currency;
      target.currencyRate = state.currency(order.currency)!.rate;
    }
    target.updatedAt = toSecond(state.clock.now());
    logDeal(state, target, 'deal_order_link', actorId);
    state.emit(`deal_link:${target.id}:order:${order.id}`);
    return { id: String(target.id), created: false };
  }
  const stage =
    (data.stageId && state.stage(data.stageId)) ||
    state.funnel(data.funnelId ?? 0)?.stages[0] ||
    state.funnels[0]?.stages[0];
  if (!stage) throw new DomainError('not_found', 'Stage not found');
  const known = state.currency(order.currency);
  const deal = insertDeal(
    state,
    {
      name: `Order ${state.encodeOrderId(order.id)}`,
      stageId: stage.id,
      contactId: order.contactId ?? 0,
      userContactId: data.userContactId ?? actorId,
      amount: known ? order.total : null,
      currencyId: known ? order.currency : null,
      externalId: `shop:${order.id}`,
    },
    actorId,
  );
  state.emit(`deal_create_backend:${deal.id}:order:${order.id}`);
  return { id: deal.id, created: true };
}
