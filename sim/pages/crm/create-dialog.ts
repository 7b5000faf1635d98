// `crm/?module=deal&action=createDialog` and `crm/?module=deal&action=create`: the built-in
// "Create deal in CRM" dialog of the order page and its submit, with the real endpoint's
// non-checks (sim/README.md, "Oddities kept on purpose") kept by the state's createDealFromBackend.
import type { RequestContext } from '../../http/router';
import { phpString, type PhpForm } from '../../http/form';
import type { SimState } from '../../state/state';
import { html, type SafeHtml } from '../html';
import { formatMoney } from '../format';
import { contactName } from '../people';
import { replyHtml, replyJson, type BackendUser } from '../session';

interface CreateDialogModel {
  orderId: number;
  orderNumber: string;
  csrf: string;
  funnels: { id: number; name: string; archived: boolean; stages: { id: number; name: string }[] }[];
  users: { id: number; name: string }[];
  me: number;
  openDeals: { id: number; name: string; stage: string; amount: string | null }[];
}

function renderCreateDialog(m: CreateDialogModel): SafeHtml {
  const firstFunnel = m.funnels.find((f) => !f.archived) ?? m.funnels[0];
  const firstStage = firstFunnel?.stages[0];
  return html`<div class="crm-dialog-create-deal" id="crm-deal-create-dialog">
<form method="post" action="/webasyst/crm/?module=deal&amp;action=create" class="js-crm-deal-create-form" id="crm-deal-create-form">
  <header class="dialog-header"><h1>Create deal in CRM</h1><p class="hint">Order ${m.orderNumber}</p></header>
  <div class="dialog-content">
    <input type="hidden" name="_csrf" value="${m.csrf}">
    <input type="hidden" name="order_id" value="${m.orderId}">
    <input type="hidden" name="data[funnel_id]" value="${firstFunnel?.id ?? ''}">
    <input type="hidden" name="data[stage_id]" value="${firstStage?.id ?? ''}">
    <ul class="menu crm-deal-choices">
      <li class="crm-deal-choice-new">
        <label><input type="radio" name="data[deal_id]" value="new" id="crm-deal-create-new" checked> <strong>Create new deal</strong></label>
        <div class="crm-deal-new-fields">
          <div class="field"><div class="name">Funnel and stage</div><div class="value"><div class="wa-select"><select class="js-crm-stage-select" id="crm-deal-create-stage">
            ${m.funnels.map((f) => html`<optgroup label="${f.name}${f.archived ? ' (archived)' : ''}">${f.stages.map((s) => html`<option value="${s.id}" data-funnel-id="${f.id}"${s.id === firstStage?.id ? html` selected` : ''}>${s.name}</option>`)}</optgroup>`)}
          </select></div></div></div>
          <div class="field"><div class="name">Owner</div><div class="value"><div class="wa-select"><select name="data[user_contact_id]" id="crm-deal-create-owner">
            ${m.users.map((u) => html`<option value="${u.id}"${u.id === m.me ? html` selected` : ''}>${u.name}${u.id === m.me ? ' (me)' : ''}</option>`)}
          </select></div></div></div>
        </div>
      </li>
      ${m.openDeals.map(
        (d) => html`<li class="crm-deal-choice-bind">
        <label><input type="radio" name="data[deal_id]" value="${d.id}" id="crm-deal-bind-${d.id}"> Bind to deal <strong>${d.name}</strong></label>
        <span class="hint">${d.stage}${d.amount ? html`, ${d.amount}` : ''}</span>
      </li>`,
      )}
    </ul>
  </div>
  <footer class="dialog-footer">
    <button type="submit" class="button green js-crm-deal-create-submit" id="crm-deal-create-submit">Save</button>
    <button type="button" class="button light-gray js-close-dialog" id="crm-deal-create-cancel">Cancel</button>
  </footer>
</form>
</div>`;
}

function field(form: PhpForm, name: string): string | undefined {
  return phpString(form[name]);
}

function params(rc: RequestContext): PhpForm {
  return rc.method === 'POST' ? { ...rc.get, ...rc.post } : rc.get;
}

function orderNotFound(rc: RequestContext): void {
  replyHtml(
    rc,
    500,
    `<!DOCTYPE html>\n${html`<html><head><title>Error</title></head><body class="error-page"><h1>Error</h1><p>Order not found</p></body></html>`}`,
  );
}

function buildCreateDialogModel(
  state: SimState,
  orderId: number,
  contactId: number,
  user: BackendUser,
  csrf: string,
): CreateDialogModel {
  return {
    orderId,
    orderNumber: state.encodeOrderId(orderId),
    csrf,
    funnels: state.funnels.map((f) => ({
      id: f.id,
      name: f.name,
      archived: f.isArchived,
      stages: f.stages
        .slice()
        .sort((a, b) => a.number - b.number)
        .map((s) => ({ id: s.id, name: s.name })),
    })),
    users: state.users().map((u) => ({ id: u.id, name: contactName(u) })),
    me: user.contact.id,
    openDeals: state.openUnlinkedDealsOf(contactId).map((d) => ({
      id: d.id,
      name: d.name,
      stage: state.stage(d.stageId)?.name ?? '',
      amount: d.amount === null ? null : formatMoney(d.amount, d.currencyId),
    })),
  };
}

export function createDialog(rc: RequestContext, user: BackendUser): void {
  const p = params(rc);
  const orderId = Number.parseInt(field(p, 'order_id') ?? '', 10);
  const order = rc.state.getOrder(orderId);
  if (!order) return orderNotFound(rc);
  const contactId = Number.parseInt(field(p, 'contact_id') ?? '', 10) || order.contactId || 0;
  replyHtml(
    rc,
    200,
    renderCreateDialog(buildCreateDialogModel(rc.state, order.id, contactId, user, rc.cookies._csrf)).value,
  );
}

export function createDeal(rc: RequestContext, user: BackendUser): void {
  const orderId = Number.parseInt(field(rc.post, 'order_id') ?? '', 10);
  if (!rc.state.getOrder(orderId)) return orderNotFound(rc);
  const data = (typeof rc.post.data === 'object' ? rc.post.data : {}) as PhpForm;
  const num = (name: string) => {
    const n = Number.parseInt(field(data, name) ?? '', 10);
    return Number.isFinite(n) ? n : undefined;
  };
  const result = rc.state.createDealFromBackend(
    orderId,
    {
      dealId: field(data, 'deal_id') || 'new',
      funnelId: num('funnel_id'),
      stageId: num('stage_id'),
      userContactId: num('user_contact_id') ?? null,
    },
    user.contact.id,
  );
  replyJson(rc, 200, { status: 'ok', data: { id: result.id } });
}
