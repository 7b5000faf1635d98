// The split view's orders list (#order-list with li.order[data-order-id]) in both UIs.
import { html, type SafeHtml } from '../html';
import type { OrderListItemView, UiVersion } from './order-model';

function itemUi20(o: OrderListItemView, selected: boolean): SafeHtml {
  return html`<li class="item order s-order-status-pending width-100-mobile ${selected ? 'selected' : ''}" data-order-id="${o.id}" data-state-id="${o.state.id}">
  <a class="image" href="#/orders/id=${o.id}/"><span class="userpic userpic-48"></span></a>
  <a class="details" href="#/orders/id=${o.id}/">
    <div class="flexbox middle nowrap space-8 full-width small">
      <span class="flexbox middle space-8"><strong class="s-order-status-badge badge uppercase small" style="background-color: ${o.state.color};" title="${o.state.name}"><span class="text-ellipsis">${o.state.name}</span></strong></span>
      <span class="count align-right">${o.paid ? html`<span class="text-green custom-ml-4 cursor-pointer" data-wa-tooltip-content="Paid ${o.paid}" data-wa-tooltip-placement="left">✔</span> ` : ''}<strong class="black semibold">${o.total}</strong></span>
    </div>
    <p class="small custom-mb-4"><span class="semibold custom-mr-4">${o.number}</span> <span class="opacity-80 break-words">${o.customerName}</span></p>
    <p class="hint"> <span class="gray">Created ${o.created}</span>${o.paid ? html` <br><span class="gray">Paid ${o.paid}</span>` : ''} </p>
  </a>
</li>`;
}

function itemUi13(o: OrderListItemView, selected: boolean): SafeHtml {
  const style = `color:${o.state.color};${o.state.bold ? 'font-weight:bold;' : ''}${o.state.italic ? 'font-style:italic;' : ''}`;
  return html`<li class="order s-order-status-pending${selected ? ' selected' : ''}" data-order-id="${o.id}">
  <a href="#/orders/id=${o.id}/">
    <div class="profile image50px">
      <div class="image"><span class="userpic"></span></div>
      <div class="details nowrap">
        <span class="float-right small" style="${style}">${o.total}</span>
        <i class="${o.state.icon}"></i>
        <span style="${style}">${o.number}</span>
        <p> <span class="small black">${o.customerName}</span><br> <span class="hint">${o.created}</span> </p>
      </div>
    </div>
  </a>
</li>`;
}

export function renderOrderListItems(ui: UiVersion, orders: OrderListItemView[], selectedId: number | null): SafeHtml {
  const item = ui === '2.0' ? itemUi20 : itemUi13;
  return html`${orders.map((o) => item(o, o.id === selectedId))}`;
}

function progress(shown: number, total: number): string {
  return `${shown} ${total === 1 ? 'order' : 'orders'}\u00a0of ${total}`;
}

/** The list sidebar (#s-orders) and the empty #s-order pane, as `?module=orders&view=split` returns them. */
export function renderSplitLayout(
  ui: UiVersion,
  orders: OrderListItemView[],
  total: number,
  selectedId: number | null,
): SafeHtml {
  const items = renderOrderListItems(ui, orders, selectedId);
  if (ui === '1.3') {
    return html`<div class="sidebar left300px bordered-left" id="s-orders">
  <div class="">
    <ul class="zebra s-orders" id="order-list">${items}</ul>
    <div class="lazyloading-wrapper"><div class="lazyloading-progress-string">${progress(orders.length, total)}</div></div>
    <div class="clear-left"></div>
  </div>
</div>
<div class="content left300px" id="s-order"></div>`;
  }
  return html`<div class="sidebar flexbox vertical blank width-adaptive-widest wide-mobile overflow-visible desktop-and-tablet-only" id="s-orders">
  <div class="sidebar-header">
    <div id="s-order-nav" class="flexbox wrap-mobile s-order-nav is-not-view-pos" data-view-mode="split">
      <div class="s-order-nav-block s-order-nav-block-split-filters hide-when-view-pos">
        <span class="button light-gray smaller rounded">Managers ▾</span> <span class="button light-gray smaller rounded">Shipping ▾</span> <span class="button light-gray smaller rounded">Status ▾</span>
      </div>
    </div>
  </div>
  <div class="s-orders-body wide" style="min-height: 0;">
    <ul class="list s-orders" id="order-list">${items}</ul>
    <div class="lazyloading-wrapper small custom-pb-20"><div class="lazyloading-progress-string custom-mb-16">${progress(orders.length, total)}</div></div>
  </div>
</div>
<div class="width-100" id="skeleton_split" style="display: none;">
  <div class="skeleton"><div class="flexbox not-blank"><div class="article wider" id="js-split-order-content"><div class="article-body custom-py-20"><div class="content flexbox">
    <div class="width-100"><span class="skeleton-header custom-mb-8" style="width: 14%;"></span></div>
    <div class="sidebar s-order-aux right width-adaptive mobile-friendly"><div class="box contentbox"><span class="skeleton-line" style="height: 10px; width: 90%;"></span></div></div>
  </div></div></div></div></div>
</div>
<div class="content hide-scrollbar" id="s-order" data-skeleton="#skeleton_split" style=""></div>`;
}
