// The order block (#s-order-block) of Shop-Script's legacy UI 1.3: no `.s-order-customer`
// (the customer is `div.profile.image50px`), no `[data-state-id]` (the state is an icon),
// and the sidebar is itself a `.s-order-aux` holding another `.s-order-aux` (map link).
import { html, join, type SafeHtml } from '../html';
import type { OrderActionView, OrderView } from './order-model';

function actionButton(action: OrderActionView): SafeHtml {
  return html`<li>
  <a href="#" ${action.id === 'refund' ? html`data-container="#workflow-content" ` : ''}class="wf-action button ${action.color}" data-action-id="${action.id}" style="" title="${action.title}">
    ${action.name}
    ${action.notifies ? html`<i class="icon16 ss notification-bw"></i>` : ''}
  </a>
</li>`;
}

const LINK_ICONS: Record<string, string> = { editshippingdetails: 'clock', message: 'email', sendpin: 'fas fa-key' };

function sidebarLink(action: OrderActionView): SafeHtml {
  return html`<li>
  <a data-container="#workflow-content" href="#" class="wf-action " data-action-id="${action.id}" title="">
    <i class="icon16 ${LINK_ICONS[action.id] ?? 'status-gray'}"></i>
    ${action.name}
  </a>
</li>`;
}

function crmLinkUi13(order: OrderView): SafeHtml {
  const crm = order.crm;
  if (crm.kind === 'none') return html``;
  const link =
    crm.kind === 'linked'
      ? html`<a href="/webasyst/crm/deal/${crm.dealId}/" class="js-crm-link">
  <i class="icon16 userpic20 crm-icon"></i>
  <span class="bold">CRM deal</span>
  <span class="hint" style="display: block; margin: 3px 0 0 1px;">Owner:</span>
  <span class="hint bold" style="display: block; margin: 1px 0 0 1px;">${crm.ownerName ?? 'not assigned'}</span>
</a>`
      : html`<a href="javascript:void(0);" class="crm-create-deal js-crm-link js-crm-create-deal" data-order="${crm.orderId}" data-contact="${crm.contactId}">
  <i class="icon16 userpic20 crm-icon"></i>
  Create deal in CRM
</a>`;
  return html`<li><div class="crm-backend-order" id="js-crm-backend-order">${link}</div></li>`;
}

function items(order: OrderView): SafeHtml {
  const rows = order.items.map((item) => [
    html`<tr class="s-product-wrapper " data-id="${item.id}">
  <td class="min-width valign-top"><span class="not-found s-thumb48"></span></td>
  <td> <a href="?action=products#/product/${item.productId}/">${item.name}</a> <br> <span class="hint">${item.sku}</span> </td>
  <td class="align-right nowrap"> <span class="gray">${item.price} ×</span> ${item.quantity} </td>
  <td class="align-right nowrap">${item.total}</td>
</tr>`,
    ...item.services.map(
      (s) => html`<tr class="s-service-wrapper" data-id="${s.id}">
  <td class="min-width"></td>
  <td class="small"><span class="gray">+</span> ${s.name}</td>
  <td class="align-right nowrap"> <span class="gray">${s.price} ×</span> ${s.quantity} </td>
  <td class="align-right nowrap">${s.total}</td>
</tr>`,
    ),
  ]);
  return html`<table id="s-order-items" class="light s-order-items-table s-order-readable">
  <tbody>
    <tr>
      <th colspan="2" class="align-left"><a href="javascript:void(0);" class="hint" style="font-weight: normal;"><i class="icon16 checkboxes"></i> Fulfillment mode</a></th>
      <th class="align-right">Qty</th>
      <th class="align-right">Total</th>
    </tr>
    ${rows.flat()}
    <tr class="no-border"><td colspan="2"></td><td class="align-right"><br>Subtotal</td><td class="align-right nowrap"><br>${order.subtotal}</td></tr>
    <tr class="no-border"><td colspan="2"></td><td class="align-right"> Discount </td><td class="align-right nowrap">− ${order.discount}</td></tr>
    ${order.shipping !== null ? html`<tr class="no-border"><td colspan="2"></td><td class="align-right"> Shipping </td><td class="align-right nowrap">${order.shipping}</td></tr>` : ''}
    ${order.tax !== null ? html`<tr class="no-border"><td colspan="2"></td><td class="align-right"> Tax </td><td class="align-right nowrap">${order.tax}</td></tr>` : ''}
    <tr class="no-border bold large" style="font-size: 150%;"><td colspan="2"></td><td class="align-right">Total</td><td class="align-right nowrap">${order.total}</td></tr>
  </tbody>
</table>`;
}

function stateStyle(order: OrderView): string {
  return `color:${order.state.color};${order.state.bold ? 'font-weight:bold;' : ''}${order.state.italic ? 'font-style:italic;' : ''}`;
}

export function renderOrderBlockUi13(order: OrderView, mode: 'order' | 'split'): SafeHtml {
  const c = order.customer;
  return html`<div class="s-order" id="s-order-block">
  <div class="s-split-order-wrapper block double-padded" id="s-split-order-wrapper">
    <div class="s-split-order-block">
      <div class="s-split-order-content">
        <h1 id="s-order-title">
          <a href="#/orders/" class="back order-list" style="${mode === 'split' ? 'display:none;' : ''}">← Orders</a>
          <a href="#/order/${order.id}/" class="back read-mode" style="display:none;">← Back</a>
          ${order.number}
          <i class="icon16 loading" style="display:none"></i>
          <span class="small">
            <i class="${order.state.icon}" style="margin-top: 9px;"></i>
            <span style="margin-right: 10px;${stateStyle(order)}">${order.state.name}</span>
            <em class="hint nowrap">${order.stateWhen}</em>
            <em class="hint nowrap s-print-only">${order.stateWhenPrint}</em>
          </span>
        </h1>
        <div class="block not-padded s-order-readable">
          <ul class="menu-h s-order-actions workflow-actions">${order.buttons.map(actionButton)}</ul>
          <div class="workflow-content" id="workflow-content"></div>
        </div>
        ${
          c
            ? html`<div class="profile image50px">
          <div class="image"><a href="?action=customers#/id/${c.id}"><span class="userpic"></span></a></div>
          <div class="details">
            <h3> <a href="?action=customers#/id/${c.id}"> ${c.name} </a> <em class="hint">${c.orderCount} ${c.orderCount === 1 ? 'order' : 'orders'}</em> </h3>
            <div class="s-customer-fields-section" id="js-customer-fields-section">
              <ul class="menu-v with-icons compact s-customer-top-field-list">
                ${c.email ? html`<li class="s-customer-top-field-default-value-item"><i class="icon16 email"></i> <a class="inline" href="mailto:${c.email}">${c.email}</a></li>` : ''}
                ${c.phone ? html`<li class="s-customer-top-field-default-value-item"><i class="icon16 phone"></i> <a class="inline" href="tel:+${c.phone}">${c.phoneDisplay}</a></li>` : ''}
              </ul>
            </div>
          </div>
        </div>`
            : ''
        }
        <div class="clear-right"></div>
        <h3><span class="gray">Shipping</span> <strong></strong></h3>
        <p class="s-order-address">${join(order.address.map((line) => html`${line}<br>`))}</p>
        <p style="padding-left: 20px;"><a href="javascript:void(0)" class="wf-action hint" data-action-id="editshippingdetails" data-container="#workflow-content">Edit shipping details</a></p>
        <div class="clear-right"></div>
        ${order.comment ? html`<pre class="block double-padded s-order-comment">${order.comment}</pre>` : ''}
        ${items(order)}
        <div id="s-order-items-edit" class="s-order-editable" style="display:none;"></div>
        <div class="s-order-readable s-order-timeline">
          <h3>Order timeline</h3>
          <br>
          <p class="workflow-actions">${order.canComment ? html`<a href="#" class="wf-action inline-link actions-link" data-action-id="comment"><i class="icon16 comment"></i> Add comment</a>` : ''}</p>
          <div class="workflow-content"></div>
          <div class="fields">${order.timeline.map(
            (entry) => html`<div class="field">
            <div class="name">${entry.when}</div>
            <div class="value"><i class="icon16 userpic20"></i> ${entry.actor} <strong>${entry.text}</strong>${entry.message !== null ? html`<p class="s-order-timeline-message">${entry.message}</p>` : ''}</div>
          </div>`,
          )}</div>
        </div>
      </div>
      <div class="s-split-order-sidebar float-right s-order-aux ">
        ${order.paid ? html`<div class="s-paid-order-stamp" title="Order was paid on ${order.paid.on}"><div class="s-stamp-inner"></div><span>Paid</span></div>` : ''}
        <div class="block half-padded s-printable-print-button align-center"><input type="button" value="Print"></div>
        <ul class="menu-v with-icons compact workflow-actions">
          ${crmLinkUi13(order)}
          <li><a href="/webasyst/shop/?module=order&amp;id=${order.id}&amp;printable=true" class="js-show-print-page"><i class="icon16 print"></i> Printable version</a></li>
          ${order.canEdit ? html`<li><a href="#/orders/edit/${order.id}/" class="s-edit-order show-alert actions-link"><span class="icon custom-mr-4"><i class="icon16 edit"></i></span><span>Edit order</span></a></li>` : ''}
          ${order.links.map(sidebarLink)}
        </ul>
        <div class="workflow-content"></div>
        <div class="s-order-aux">${order.mapQuery ? html`<a target="_blank" href="https://maps.google.com/maps?q=${encodeURIComponent(order.mapQuery).replace(/%20/g, '+')}&amp;z=13"><span><i class="icon16 marker"></i> Link to map</span></a>` : ''}</div>
        <p class="gray">
          Order created: <strong>${order.created}</strong><br>
          ${order.salesChannel ? html`Sales channel: <strong title="${order.salesChannel}">${order.salesChannel}</strong><br>` : ''}
          ${order.storefront ? html`Storefront: <strong>${order.storefront}</strong><br>` : ''}
        </p>
      </div>
    </div>
  </div>
  <div class="clear-left"></div>
</div>`;
}
