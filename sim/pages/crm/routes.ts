// CRM backend endpoints: the deal SPA document, its JSON data and commands (stage moves,
// won/lost, reopen, the Shop action form of a move), the built-in create-deal dialog and
// endpoint, the Order tab's iframe document and a plain deal list.
import type { RequestContext, SimContext } from '../../http/router';
import { phpString } from '../../http/form';
import { DialogError } from '../../state/deal-ops';
import { DomainError } from '../../state/errors';
import { orderIdOf } from '../../state/integration';
import { formatMoney } from '../format';
import { html } from '../html';
import { contactName } from '../people';
import { backendGate, replyHtml, replyJson, type BackendUser } from '../session';
import { buildOrderView, shopNow } from '../shop/order-data';
import { createDeal, createDialog } from './create-dialog';
import { buildCrmSidebar, buildDealView } from './deal-data';
import { isDealTab, type DealTabPath } from './deal-model';
import { renderDealList } from './deal-list';
import { renderDealNotFound, renderDealPage } from './deal-spa';
import { renderDealParts } from './deal-view';
import { renderOrderFrame } from './order-frame';

function pageContext(rc: RequestContext, user: BackendUser) {
  return { userName: contactName(user.contact), storeName: rc.state.shop.name, now: shopNow(rc.state) };
}

function dealPage(rc: RequestContext, user: BackendUser): void {
  const { id, tab } = rc.params;
  const deal = rc.state.getDeal(Number(id));
  const sidebar = buildCrmSidebar(rc.state);
  if (!deal) return replyHtml(rc, 404, renderDealNotFound({ ...pageContext(rc, user), sidebar }, id));
  const view = buildDealView(rc.state, deal);
  let active: DealTabPath = tab && isDealTab(tab) ? tab : 'history';
  if (active === 'order' && view.orderId === null) active = 'history';
  replyHtml(rc, 200, renderDealPage({ ...pageContext(rc, user), deal: view, tab: active, sidebar }));
}

function dealJson(rc: RequestContext): void {
  const deal = rc.state.getDeal(Number(phpString(rc.get.id)));
  if (!deal) return replyJson(rc, 404, { status: 'fail', error: 'not_found', error_description: 'Deal not found' });
  const view = buildDealView(rc.state, deal);
  const requested = phpString(rc.get.tab) ?? 'history';
  let tab: DealTabPath = isDealTab(requested) ? requested : 'history';
  if (tab === 'order' && view.orderId === null) tab = 'history';
  replyJson(rc, 200, renderDealParts(view, tab));
}

/** Runs a deal command through the state (crm.deal.move/close semantics incl. the built-in integration). */
function dealCommand(rc: RequestContext, user: BackendUser, action: string): void {
  const dealId = Number(phpString(rc.post.id));
  const force = phpString(rc.post.force) === '1';
  const actor = user.contact.id;
  try {
    if (action === 'move') rc.state.moveDeal(dealId, Number(phpString(rc.post.stage_id)), actor, { force });
    else if (action === 'close') {
      const status = phpString(rc.post.status_id) === 'LOST' ? 'LOST' : 'WON';
      rc.state.closeDeal(dealId, status, actor, { force, lostText: phpString(rc.post.lost_text) ?? null });
    } else if (action === 'reopen') rc.state.reopenDeal(dealId, actor);
    else if (action === 'shopaction') {
      const deal = rc.state.getDeal(dealId);
      const orderId = Number(phpString(rc.post.order_id)) || (deal ? orderIdOf(deal) : null);
      if (!orderId) throw new DomainError('not_found', 'Deal is not linked to an order');
      const params: Record<string, string> = {};
      for (const key of ['tracking_number', 'return_stock']) {
        const v = phpString(rc.post[key]);
        if (v) params[key] = v;
      }
      rc.state.dealShopAction(orderId, phpString(rc.post.action_id) ?? '', actor, {
        text: phpString(rc.post.text) || undefined,
        params,
      });
    } else throw new DomainError('invalid_request', `Unknown command ${action}`);
    replyJson(rc, 200, { status: 'ok' });
  } catch (err) {
    if (err instanceof DialogError) return replyJson(rc, 200, { status: 'dialog', ...err.dialog });
    const code = err instanceof DomainError ? err.code : 'server_error';
    replyJson(rc, 200, { status: 'fail', error: code, error_description: (err as Error).message });
  }
}

function orderFrame(rc: RequestContext, user: BackendUser): void {
  const order = rc.state.getOrder(Number.parseInt((phpString(rc.get.id) ?? '').trim(), 10));
  if (!order) {
    return replyHtml(
      rc,
      404,
      `<!DOCTYPE html>\n${html`<html><head><title>Error #404</title></head><body><h1>Error #404</h1><p>Order not found</p></body></html>`}`,
    );
  }
  const view = buildOrderView(rc.state, order, user.contact.id, true);
  replyHtml(rc, 200, renderOrderFrame(view, formatMoney(order.tax, order.currency)));
}

function dealList(rc: RequestContext, user: BackendUser): void {
  const { state } = rc;
  const rows = [...state.deals.values()]
    .slice(-200)
    .reverse()
    .map((d) => {
      const orderId = orderIdOf(d);
      return {
        id: d.id,
        name: d.name,
        funnel: state.funnel(d.funnelId)?.name ?? '',
        stage: state.stage(d.stageId)?.name ?? '',
        status: d.statusId,
        amount: d.amount === null ? null : formatMoney(d.amount, d.currencyId),
        linkedOrder: orderId ? state.encodeOrderId(orderId) : null,
      };
    });
  replyHtml(rc, 200, renderDealList(rows, pageContext(rc, user)));
}

function crmRoot(rc: RequestContext): void {
  const module = phpString(rc.get.module) ?? '';
  const action = phpString(rc.get.action) ?? '';
  const user = backendGate(rc);
  if (!user) return;
  if (module === 'order') return orderFrame(rc, user);
  if (module === 'deal' && action === 'createDialog') return createDialog(rc, user);
  if (module === 'deal' && action === 'create' && rc.method === 'POST') return createDeal(rc, user);
  if (module === 'simDeal' && rc.method === 'GET') return dealJson(rc);
  if (module === 'simDeal' && rc.method === 'POST') return dealCommand(rc, user, action);
  if (module === '' && rc.method === 'GET') return dealList(rc, user);
  replyHtml(
    rc,
    404,
    `<!DOCTYPE html>\n${html`<html><head><title>Error #404</title></head><body><h1>Error #404</h1><p>This page is not part of the simulated backend.</p></body></html>`}`,
  );
}

export function registerCrmPages(ctx: SimContext): void {
  // `any`: the login form posts back to whatever backend URL showed it.
  ctx.router.any(/^\/webasyst\/crm\/deal\/(?<id>\d+)\/?(?:(?<tab>[a-z]+)\/?)?$/, (rc) => {
    const user = backendGate(rc);
    if (user) dealPage(rc, user);
  });
  ctx.router.any(/^\/webasyst\/crm\/deal\/?$/, (rc) => {
    const user = backendGate(rc);
    if (user) dealList(rc, user);
  });
  ctx.router.any('/webasyst/crm/', crmRoot);
}
