// The order block (#s-order-block) of Shop-Script's UI 2.0, as `?module=order&id=N` returns it.
// Same ids, classes and texts as the real template; icons are simple glyphs.
import { html, join, type SafeHtml } from '../html';
import type { OrderActionView, OrderView } from './order-model';

const ACTION_GLYPHS: Record<string, string> = {
  process: '✔',
  pay: '▤',
  fulfilling: '▦',
  ship: '✈',
  complete: '⚑',
  delete: '✖',
  refund: '✕',
  restore: '↺',
  comment: '+',
};

function actionButton(action: OrderActionView): SafeHtml {
  return html`<li>
  <a href="#" ${action.id === 'refund' ? html`data-container="#workflow-content" ` : ''}class="wf-action button ${action.color} rounded white" style="--color: var(--${action.color})" data-action-id="${action.id}" title="${action.title}">
    <span class="js-icon custom-mr-4 small text-${action.color} s-glyph">${ACTION_GLYPHS[action.id] ?? '•'}</span>
    ${action.name}
    <span class="smaller">${action.notifies ? html`<span class="icon custom-ml-8 text-light-gray s-glyph">✉</span>` : ''}</span>
  </a>
</li>`;
}

function sidebarLink(action: OrderActionView): SafeHtml {
  return html`<li>
  <a data-container="#workflow-content" href="#" class="wf-action actions-link " data-action-id="${action.id}" title="">
    <span class="icon custom-mr-4 s-glyph">•</span>
    ${action.name}
  </a>
</li>`;
}

function crmLinkUi20(order: OrderView): SafeHtml {
  const crm = order.crm;
  if (crm.kind === 'linked') {
    return html`<li>
  <a href="/webasyst/crm/deal/${crm.dealId}/" class="wrap middle js-crm-link">
    <span style="flex: 0;"><i class="icon userpic crm-icon"></i></span>
    <span class="flexbox wrap middle">
      <span class="bold width-100">CRM deal</span>
      <span class="hint custom-mr-4">Owner:</span>
      <span class="hint bold">${crm.ownerName ?? 'not assigned'}</span>
    </span>
  </a>
</li>`;
  }
  if (crm.kind === 'create') {
    return html`<li>
  <a href="javascript:void(0);" class="crm-create-deal js-crm-link js-crm-create-deal" data-order="${crm.orderId}" data-contact="${crm.contactId}">
    <i class="icon userpic crm-icon"></i>
    <span>Create deal in CRM</span>
  </a>
</li>`;
  }
  return html``;
}

function title(order: OrderView, mode: 'order' | 'split'): SafeHtml {
  return html`<div class="s-order-title-wrapper flexbox middle">
  <div class="wide">
    <h1 class="custom-mb-16 flexbox wrap space-12" id="s-order-title">
      <a href="#/orders/" class="back order-list" style="${mode === 'split' ? 'display:none;' : ''}"><span class="s-back-circle">←</span></a>
      <a href="#/order/${order.id}/" class="back read-mode" style="display:none;"><span class="s-back-circle">←</span></a>
      <span class="nowrap">${order.total}</span>
      <span class="nowrap hint">${order.number}</span>
      <span class="loading" style="display: none;"></span>
      <span class="s-state-with-time smallest" data-state-id="${order.state.id}">
        <strong class="s-order-status-badge badge uppercase custom-mr-4" style="background-color:${order.state.color};" title="${order.state.name}">
          <span class="text-ellipsis">${order.state.name}</span>
        </strong>
        <em class="hint nowrap">${order.stateWhen}</em>
        <em class="hint nowrap s-print-only">${order.stateWhenPrint}</em>
      </span>
    </h1>
  </div>
  <div class="s-order-more-details-wrapper custom-mb-auto custom-mt-4">
    <button type="menu" class="button rounded light-gray js-more-details" title="More details">☰</button>
  </div>
</div>`;
}

function customer(order: OrderView): SafeHtml {
  const c = order.customer;
  if (!c) return html``;
  return html`<div class="s-order-customer custom-mb-24">
  <div class="flexbox space-16">
    <div class="image"><a href="?action=customers#/id/${c.id}"><span class="userpic userpic48"></span></a></div>
    <div class="details">
      <h5 class="custom-mb-4" style="height: 24px;">
        <a href="?action=customers#/id/${c.id}"> ${c.name} </a>
        <em class="hint">${c.orderCount} ${c.orderCount === 1 ? 'order' : 'orders'}</em>
      </h5>
      <div class="s-customer-fields-section small break-words" id="js-customer-fields-section">
        <ul class="unstyled s-customer-top-field-list custom-mb-0">
          ${c.email ? html`<li class="s-customer-top-field-default-value-item flexbox middle wrap"><span class="text-gray s-glyph">✉</span><span><a class="inline" href="mailto:${c.email}">${c.email}</a></span></li>` : ''}
          ${
            c.phone
              ? html`<li class="s-customer-top-field-default-value-item flexbox middle wrap"><span class="text-gray s-glyph">✆</span><span><a class="inline" href="tel:+${c.phone}">${c.phoneDisplay}</a></span>
            <div class="dropdown js-messengers nowrap width-100-mobile"><span class="dropdown-toggle badge button-light-gray small rounded">Message ▾</span></div></li>`
              : ''
          }
        </ul>
      </div>
    </div>
  </div>
</div>`;
}

function shippingAndPayment(order: OrderView): SafeHtml {
  const payment = order.paid
    ? html`<div class="s-block width-50 width-100-mobile s-order-payment highlighted green">
  <h6><span class="s-order-paid-checkmark s-glyph">✔</span> <span class="gray">Payment</span></h6>
  <p class="small">Order was paid on ${order.paid.on}</p>
</div>`
    : html`<div class="s-block width-50 width-100-mobile s-order-payment">
  <h6> <span class="gray">Payment</span> </h6>
  <p class="small"><em>Order was not paid yet</em></p>
  <h6 class="gray custom-mt-16">Payment link</h6>
  <button class="button smaller green nowrap js-copy-btn" data-url="${order.paymentLink}" data-title-copied="Copied" data-initial-title="Copy link">Copy link</button>
  <a href="${order.paymentLink}" target="_blank" class="button smaller light-gray">Open link ↗</a>
</div>`;
  return html`<div class="s-order-shipping-and-payment flexbox full-width wrap-mobile space-16 break-word">
  <div class="s-block width-50 width-100-mobile custom-mr-0-mobile s-order-shipping">
    <h6 class="custom-mb-8"> <span class="gray">Shipping</span> <span></span> </h6>
    <p class="s-order-address small custom-mt-4">${join(order.address.map((line) => html`${line}<br>`))}</p>
    <p class="small"></p>
    <a href="javascript:void(0)" class="wf-action button light-gray smaller" data-action-id="editshippingdetails" data-container="#workflow-content"><span class="opacity-30 custom-mr-4 s-glyph">✈</span> Shipping details</a>
  </div>
  ${payment}
</div>`;
}

function items(order: OrderView): SafeHtml {
  const rows = order.items.map((item) => {
    const product = html`<tr class="s-product-wrapper" data-id="${item.id}" data-type="product">
  <td class="js-product-fulfilment-td s-product-fulfilment min-width valign-top"><label class="large"><span class="wa-checkbox"><input type="checkbox" name="order_item" value="${item.id}"><span><span class="icon"></span></span></span></label></td>
  <td class="s-product-image min-width custom-mx-auto-mobile valign-top"><span class="s-ordered-product-image not-found"></span></td>
  <td><div class="s-product-basic-info align-left-mobile"><a href="products/${item.productId}/prices/" class="bold">${item.name}</a><br><span class="hint">${item.sku}</span></div></td>
  <td class="align-right nowrap" aria-label="Qty"><span class="gray large">×</span> <span class="semibold large">${item.quantity}</span><br><span class="gray small">${item.price}</span></td>
  <td aria-label="Total" class="align-right nowrap"><div>${item.total}</div></td>
</tr>`;
    const services = item.services.map(
      (s) => html`<tr class="s-service-wrapper" data-id="${s.id}" data-type="service">
  <td class="min-width"></td><td class="min-width"></td>
  <td><div class="s-service-info small"><span class="gray">+</span> ${s.name}</div></td>
  <td class="align-right nowrap" aria-label="Qty"><span class="gray">×</span> ${s.quantity}<br><span class="gray small">${s.price}</span></td>
  <td aria-label="Total" class="align-right nowrap"><div>${s.total}</div></td>
</tr>`,
    );
    return [product, ...services];
  });
  return html`<table id="s-order-items" class="s-order-items-table s-order-readable s-order-items-table--fulfilmented-mode">
  <thead><tr>
    <th colspan="3" class="custom-pl-0"><div class="flexbox middle"><button type="button" class="js-show-fulfilment-mode button nobutton rounded custom-m-0 custom-p-2 small">☑ Fulfillment mode</button></div></th>
    <th class="align-right valign-bottom nowrap">Qty</th>
    <th class="align-right valign-bottom nowrap">Total</th>
  </tr></thead>
  <tbody>${rows.flat()}</tbody>
  <tfoot>
    <tr><td colspan="3" class="width-100-mobile"></td><td class="align-right"><br>Subtotal</td><td class="align-right nowrap"><br>${order.subtotal}</td></tr>
    <tr class="no-border"><td colspan="3" class="width-100-mobile"></td><td class="align-right"> Discount </td><td class="align-right nowrap">− ${order.discount}</td></tr>
    ${order.shipping !== null ? html`<tr class="no-border"><td colspan="3" class="width-100-mobile"></td><td class="align-right"> Shipping </td><td class="align-right nowrap">${order.shipping}</td></tr>` : ''}
    ${order.tax !== null ? html`<tr class="no-border"><td colspan="3" class="width-100-mobile"></td><td class="align-right"> Tax </td><td class="align-right nowrap">${order.tax}</td></tr>` : ''}
    <tr class="bold larger"><td colspan="3" class="width-100-mobile custom-p-0-mobile"></td><td class="align-right custom-pl-0-mobile">Total</td><td class="align-right nowrap custom-pr-12"> <div>${order.total}</div> </td></tr>
  </tfoot>
</table>`;
}

function timeline(order: OrderView): SafeHtml {
  return html`<div class="s-order-readable s-order-timeline small">
  <h4>Order timeline</h4>
  <p class="workflow-actions">${order.canComment ? html`<a href="#" class="wf-action button light-gray rounded actions-link" data-action-id="comment"><span class="icon text-green s-glyph">⊕</span> Add comment</a>` : ''}</p>
  <div class="workflow-content"></div>
  <div class="fields">${order.timeline.map(
    (entry) => html`<div class="field">
    <div class="name">${entry.when}</div>
    <div class="value"><i class="icon userpic userpic20"></i> ${entry.actor} <strong>${entry.text}</strong>${entry.message !== null ? html`<p class="s-order-timeline-message">${entry.message}</p>` : ''}</div>
  </div>`,
  )}</div>
</div>`;
}

function aux(order: OrderView): SafeHtml {
  return html`<div class="sidebar right s-order-aux width-adaptive mobile-friendly">
  <div class="s-order-aux-header"><div class="align-right"><a href="javascript:void(0);" class="js-close-aux-sidebar text-light-gray large" title="Close">⊗</a></div></div>
  <div class="box s-printable-print-button align-center"><input type="button" class="button white" value="Print"></div>
  <ul class="menu workflow-actions">
    ${crmLinkUi20(order)}
    <li><a href="/webasyst/shop/?module=order&amp;id=${order.id}&amp;printable=true" class="js-show-print-page"><span class="icon s-glyph">⎙</span><span>Printable version</span></a></li>
    ${order.canEdit ? html`<li><a href="#/orders/edit/${order.id}/" class="s-edit-order show-alert actions-link"><span class="icon custom-mr-4 s-glyph">✎</span><span>Edit order</span></a></li>` : ''}
    ${order.links.map(sidebarLink)}
    <li><div class="s-block custom-mt-12">
      <h5 class="hint custom-mb-8 js-assign-contact-title">Manager</h5>
      <div class="wa-select"><select class="js-assign-contact" autocomplete="off"><option value="" selected=""></option>
        <optgroup label="All users">${order.managers.map((m) => html`<option value="${m.id}">${m.name}${m.me ? ' (me)' : ''}</option>`)}</optgroup>
      </select></div>
    </div></li>
  </ul>
  <div class="workflow-content"></div>
  ${order.mapQuery ? html`<div class="box"><a target="_blank" href="https://maps.google.com/maps?q=${encodeURIComponent(order.mapQuery).replace(/%20/g, '+')}&amp;z=13"><span><i class="icon16 marker"></i> Link to map</span></a></div>` : ''}
  <div class="box smaller"><p class="gray">
    Order created: <strong>${order.created}</strong><br>
    ${order.salesChannel ? html`Sales channel: <strong title="${order.salesChannel}">${order.salesChannel}</strong><br>` : ''}
    ${order.storefront ? html`Storefront: <strong>${order.storefront}</strong><br>` : ''}
  </p></div>
</div>`;
}

export function renderOrderBlockUi20(order: OrderView, mode: 'order' | 'split'): SafeHtml {
  return html`<div class="s-order not-blank width-100 height-100" id="s-order-block">
  <div class="article wider"><div class="article-body custom-py-20">
    <div class="s-split-order-wrapper block double-padded" id="s-split-order-wrapper">
      <div class="s-split-order-block flexbox">
        <div class="s-split-order-content custom-mr-16 custom-mr-0-mobile">
          ${title(order, mode)}
          <div class="s-order-readable">
            <ul class="flexbox wrap unstyled space-8 s-order-actions workflow-actions">${order.buttons.map(actionButton)}</ul>
            <div class="workflow-content" id="workflow-content" style="display: none;"></div>
          </div>
          ${customer(order)}
          ${order.comment ? html`<blockquote class="alert info s-order-comment break-words"><span class="custom-mr-8 opacity-30 s-glyph">❝</span> ${order.comment}</blockquote>` : ''}
          ${shippingAndPayment(order)}
          ${items(order)}
          <div id="s-order-items-edit" class="s-order-editable" style="display:none;"></div>
          ${timeline(order)}
        </div>
        ${aux(order)}
      </div>
    </div>
  </div></div>
</div>`;
}
