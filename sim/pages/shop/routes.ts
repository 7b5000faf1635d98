// Shop-Script backend endpoints: the orders page, the order block and list fragments its script
// loads, and the workflow endpoints behind the action buttons. All go through the session gate.
import type { RequestContext, SimContext } from '../../http/router';
import { phpString } from '../../http/form';
import { DomainError } from '../../state/errors';
import type { SimState } from '../../state/state';
import { html } from '../html';
import { contactName } from '../people';
import { backendGate, replyHtml, replyJson, type BackendUser } from '../session';
import { shopUiVersion } from '../ui-version';
import { buildOrderListItem, buildOrderView, listOrders, orderStateView, shopNow } from './order-data';
import { renderOrderListItems, renderSplitLayout } from './order-list';
import { renderOrderBlock, renderOrdersPage } from './orders-page';
import { renderWorkflowForm } from './workflow-form';

/** The list shows one screenful, like the real lazy-loading list. */
const LIST_LIMIT = 30;

function crmInstalledFor(state: SimState, user: BackendUser): boolean {
  return (user.contact.rights?.crm ?? 'none') !== 'none' && state.funnels.length > 0;
}

function orderIdParam(rc: RequestContext): number {
  return Number.parseInt((phpString(rc.get.id) ?? phpString(rc.post.id) ?? '').trim(), 10);
}

function notFound(rc: RequestContext): void {
  replyHtml(
    rc,
    404,
    `<!DOCTYPE html>\n${html`<html><head><title>Error #404</title></head><body><h1>Error #404</h1><p>Order not found</p></body></html>`}`,
  );
}

function ordersPage(rc: RequestContext, user: BackendUser): void {
  const { state } = rc;
  const counts = new Map<string, number>();
  for (const o of state.orders.all()) counts.set(o.stateId, (counts.get(o.stateId) ?? 0) + 1);
  replyHtml(
    rc,
    200,
    renderOrdersPage({
      ui: shopUiVersion(rc),
      userName: contactName(user.contact),
      storeName: state.shop.name,
      now: shopNow(state),
      states: state.workflow.states.map((s) => ({ state: orderStateView(state, s.id), count: counts.get(s.id) ?? 0 })),
      totalOrders: state.orders.count,
      storefronts: state.shop.storefronts,
    }),
  );
}

function orderBlock(rc: RequestContext, user: BackendUser): void {
  const order = rc.state.getOrder(orderIdParam(rc));
  if (!order) return notFound(rc);
  const view = buildOrderView(rc.state, order, user.contact.id, crmInstalledFor(rc.state, user));
  // `view=…` is the full order view (#/order/N/); without it the block goes into the split pane.
  const mode = rc.query.has('view') ? 'order' : 'split';
  replyHtml(rc, 200, renderOrderBlock(shopUiVersion(rc), view, mode).value);
}

function splitLayout(rc: RequestContext, list: boolean): void {
  const { state } = rc;
  const selected = orderIdParam(rc);
  const { orders, total } = listOrders(state, LIST_LIMIT);
  const selectedOrder = Number.isFinite(selected) ? state.getOrder(selected) : undefined;
  if (selectedOrder && !orders.includes(selectedOrder)) orders.push(selectedOrder);
  const items = orders.map((o) => buildOrderListItem(state, o));
  const ui = shopUiVersion(rc);
  const selectedId = selectedOrder?.id ?? null;
  replyHtml(
    rc,
    200,
    (list ? renderOrderListItems(ui, items, selectedId) : renderSplitLayout(ui, items, total, selectedId)).value,
  );
}

function domainErrorText(err: unknown): string {
  return err instanceof DomainError || err instanceof Error ? err.message : String(err);
}

/** Runs an action through the state, so the API and the request log see the same change. */
function perform(rc: RequestContext, user: BackendUser, orderId: number, actionId: string): void {
  const text = phpString(rc.post.text);
  const params: Record<string, string> = {};
  const required = (rc.state.workflow.actions[actionId]?.requiredFields ?? []).map((field) => field.name);
  for (const key of ['tracking_number', 'return_stock', ...required]) {
    const value = phpString(rc.post[key]);
    if (value) params[key] = value;
  }
  try {
    const result = rc.state.runOrderAction(orderId, actionId, user.contact.id, { text: text || undefined, params });
    replyJson(rc, 200, {
      status: 'ok',
      data: { order_id: orderId, action_id: actionId, after_state_id: result.log.afterStateId },
    });
  } catch (err) {
    replyJson(rc, 200, { status: 'fail', errors: [domainErrorText(err)] });
  }
}

function workflowPrepare(rc: RequestContext, user: BackendUser): void {
  const orderId = orderIdParam(rc);
  const actionId = phpString(rc.post.action_id) ?? '';
  const order = rc.state.getOrder(orderId);
  if (!order) return notFound(rc);
  const action = rc.state.workflow.actions[actionId];
  if (!action) return replyJson(rc, 200, { status: 'fail', errors: ['Action not found'] });
  if (action.form) {
    const available = rc.state.availableOrderActions(orderId, user.contact.id).some((a) => a.id === actionId);
    if (!available) return replyJson(rc, 200, { status: 'fail', errors: ['Action is not available'] });
    return replyHtml(rc, 200, renderWorkflowForm(action, orderId, rc.cookies._csrf).value);
  }
  perform(rc, user, orderId, actionId);
}

function workflowPerform(rc: RequestContext, user: BackendUser): void {
  const orderId = orderIdParam(rc);
  if (!rc.state.getOrder(orderId)) return notFound(rc);
  perform(rc, user, orderId, phpString(rc.post.action_id) ?? '');
}

function shopBackend(rc: RequestContext): void {
  const module = phpString(rc.get.module) ?? '';
  const action = phpString(rc.get.action) ?? '';
  const isPageLoad = module === '' && (action === '' || action === 'orders');
  const user = backendGate(rc);
  if (!user) return;
  if (module === 'order' && rc.method === 'GET') return orderBlock(rc, user);
  if (module === 'orders' && action === 'loadList') return splitLayout(rc, true);
  if (module === 'orders') return splitLayout(rc, false);
  if (module === 'workflow' && action === 'prepare' && rc.method === 'POST') return workflowPrepare(rc, user);
  if (module === 'workflow' && action === 'perform' && rc.method === 'POST') return workflowPerform(rc, user);
  if (isPageLoad && rc.method === 'GET') return ordersPage(rc, user);
  replyHtml(
    rc,
    404,
    `<!DOCTYPE html>\n${html`<html><head><title>Error #404</title></head><body><h1>Error #404</h1><p>This page is not part of the simulated backend.</p></body></html>`}`,
  );
}

export function registerShopPages(ctx: SimContext): void {
  ctx.router.any('/webasyst/shop/', shopBackend);
}
