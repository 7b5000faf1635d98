// Webasyst's own Shop-Script <-> CRM integration, active
// only when state.integration.enabled is true.
import { actionUnavailableDialog, noRightsDialog, overJumpDialog, shopActionDialog } from './dialogs';
import { applyClose, applyReopen, applyStage, insertDeal, logDeal } from './deal-ops';
import { toSecond } from './format';
import { runOrderAction, type RunActionOptions } from './order-ops';
import { availableActionIds } from './workflow';
import type { SimState } from './state';
import type { Deal, Order, OrderLogEntry, Stage } from './types';

export interface CrmDialog {
  order_id?: number;
  action_id?: string;
  dialog_html: string;
}

const normalizeStorefront = (s: string) => s.replace(/\*$/, '').replace(/\/+$/, '');

export function orderIdOf(deal: Deal): number | null {
  const m = /^shop:(\d+)$/.exec(deal.externalId ?? '');
  return m ? Number(m[1]) : null;
}

function hasShopOrdersRight(state: SimState, actorId: number): boolean {
  const rights = state.contact(actorId)?.rights;
  return !!rights && rights.shop !== 'none';
}

/** Shop side: runs after every order action (event order_action.<id>). */
export function afterOrderAction(
  state: SimState,
  order: Order,
  actionId: string,
  log: OrderLogEntry,
  actorId: number,
  opts: RunActionOptions & { crmDealId?: number },
): void {
  let deal = state.dealForOrder(order.id);
  if (deal) {
    // The deal timeline shows every action of its order.
    state.history.add({
      createdAt: log.datetime,
      actorId,
      action: `order_${actionId}`,
      objectType: 'ORDER_LOG',
      objectId: log.id,
      dealId: deal.id,
      contactId: deal.contactId,
      before: log.beforeStateId,
      after: log.afterStateId,
      orderId: order.id,
      orderLogId: log.id,
    });
  }
  const settings = state.integration;
  if (!settings.enabled) return;

  if (actionId === 'create' && opts.crmDealId && !deal) {
    const target = state.getDeal(opts.crmDealId);
    if (target) {
      target.externalId = `shop:${order.id}`;
      state.deals.reindex(target);
      if (state.currency(order.currency)) {
        target.amount = order.total;
        target.currencyId = order.currency;
      }
      target.updatedAt = toSecond(state.clock.now());
      logDeal(state, target, 'deal_order_link', actorId);
      state.emit(`deal_link:${target.id}:order:${order.id}`);
      deal = target;
    }
  } else if (actionId === 'edit' && deal && state.currency(order.currency)) {
    deal.amount = order.total;
    deal.currencyId = order.currency;
  }

  if (!deal) {
    deal = autoCreateDeal(state, order, actionId, actorId);
    if (!deal) return;
  }

  if (actionId === 'restore' && deal.statusId !== 'OPEN') applyReopen(state, deal, actorId);

  const target = settings.mapping[`shop:${actionId}_${deal.funnelId}`];
  if (!target || state.history.hasDealEntry(deal.id, `deal_order_${actionId}`)) return;
  if (target === 'won' || target === 'lost') {
    applyClose(
      state,
      deal,
      target === 'won' ? 'WON' : 'LOST',
      actorId,
      opts.crmLost?.lostId ?? null,
      opts.crmLost?.lostText ?? null,
    );
    return;
  }
  const stage = state.stage(Number(target));
  const current = state.stage(deal.stageId);
  if (stage && stage.funnelId === deal.funnelId && (!current || current.number < stage.number)) {
    applyStage(state, deal, stage, actorId, true);
  }
}

function autoCreateDeal(state: SimState, order: Order, actionId: string, actorId: number): Deal | undefined {
  const storefront = normalizeStorefront(order.params.storefront ?? '');
  const source = state.integration.sources.find(
    (s) => !s.disabled && normalizeStorefront(s.storefront) === storefront && s.trigger === `order_${actionId}`,
  );
  const customer = state.contact(order.contactId);
  if (!source || !customer || customer.isUser === -1) return undefined;
  const known = state.currency(order.currency);
  const deal = insertDeal(
    state,
    {
      name: `Order ${state.encodeOrderId(order.id)}`,
      stageId: source.stageId,
      contactId: customer.id,
      creatorContactId: customer.id,
      userContactId: customer.crmUserId ?? source.responsibleContactId,
      amount: known ? order.total : null,
      currencyId: known ? order.currency : null,
      externalId: `shop:${order.id}`,
      sourceId: source.id,
    },
    actorId,
  );
  state.emit(`deal_auto_create:${deal.id}:order:${order.id}`);
  return deal;
}

/**
 * CRM side (crmShop::workflowPrepare): before a single deal moves or closes,
 * maybe run the mapped Shop action, or return a dialog that stops the move.
 */
export function prepareCrmSide(
  state: SimState,
  deal: Deal,
  target: Stage | 'WON' | 'LOST',
  before: Stage | null,
  force: boolean,
  actorId: number,
): CrmDialog | null {
  if (!state.integration.enabled) return null;
  const orderId = orderIdOf(deal);
  if (!orderId) return null;
  const isStage = typeof target !== 'string';
  const targetName = isStage ? target.name : target === 'WON' ? 'Won' : 'Lost';
  const orderNumber = state.encodeOrderId(orderId);
  let overJump: CrmDialog | null = null;
  if (!force && isStage && before && (target.number - before.number > 1 || target.number < before.number)) {
    overJump = { dialog_html: overJumpDialog(deal.name, targetName) };
  }
  const rights = hasShopOrdersRight(state, actorId);
  if (!force && !rights) return { dialog_html: noRightsDialog(orderNumber, targetName) };
  if (!(isStage || deal.statusId === 'OPEN') || !rights) return overJump;
  const order = state.getOrder(orderId);
  if (!order) return overJump;

  const value = isStage ? String(target.id) : target.toLowerCase();
  const mapping = state.integration.mapping;
  const mapped = (id: string) => mapping[`shop:${id}_${deal.funnelId}`] === value;
  const stateName = state.workflow.states.find((s) => s.id === order.stateId)?.name ?? order.stateId;
  const actionId = availableActionIds(state.workflow, order).find(mapped);
  if (actionId) {
    const action = state.workflow.actions[actionId];
    if (action.form) {
      return {
        order_id: orderId,
        action_id: actionId,
        dialog_html: shopActionDialog(orderNumber, stateName, action, orderId),
      };
    }
    if (overJump) return overJump;
    // The loop guard entry stops the Shop handler from moving the deal again.
    logDeal(state, deal, `deal_order_${actionId}`, actorId);
    runOrderAction(state, orderId, actionId, actorId, { skipChecks: true, viaCrm: true });
    return null;
  }
  if (!force) {
    const existing = Object.keys(state.workflow.actions).find(mapped);
    if (existing) {
      const name = state.workflow.actions[existing].name;
      return { dialog_html: actionUnavailableDialog(orderNumber, stateName, name, targetName) };
    }
  }
  return overJump;
}
