// The Shop-Script orders page document (?action=orders): the app frame with an empty #s-content
// that the page script fills by hash route, in UI 2.0 or the legacy UI 1.3.
import { html, jsonForScript, type SafeHtml } from '../html';
import { renderBackendPage } from '../layout/backend-layout';
import type { OrderStateView, UiVersion } from './order-model';
import { renderOrderBlockUi13 } from './order-view-ui13';
import { renderOrderBlockUi20 } from './order-view-ui20';
import type { OrderView } from './order-model';

export function renderOrderBlock(ui: UiVersion, order: OrderView, mode: 'order' | 'split'): SafeHtml {
  return ui === '2.0' ? renderOrderBlockUi20(order, mode) : renderOrderBlockUi13(order, mode);
}

export interface OrdersPageContext {
  ui: UiVersion;
  userName: string;
  storeName: string;
  now: Date;
  states: { state: OrderStateView; count: number }[];
  totalOrders: number;
  storefronts: string[];
}

function menu20(ctx: OrdersPageContext): SafeHtml {
  const item = (label: string, glyph: string, href: string, selected = false) =>
    html`<li class="${selected ? 'selected' : ''}"><a href="${href}"><span class="icon">${glyph}</span><span>${label}</span></a></li>`;
  return html`<div class="s-page-menu">
  <ul class="menu s-main-menu">
    ${item('Orders', '✈', '/webasyst/shop/?action=orders#/orders/', true)}
    ${item('Customers', '☺', '/webasyst/shop/?action=customers')}
    ${item('Products', '▤', '/webasyst/shop/?action=products')}
    ${item('Stock', '⌂', '/webasyst/shop/?action=stock')}
    ${item('Marketing', '✆', '/webasyst/shop/marketing/')}
    ${item('Reports', '▥', '/webasyst/shop/?action=reports')}
    ${item('Plugins', '▦', '/webasyst/shop/?action=plugins')}
  </ul>
  <h6 class="heading">Sales channels</h6>
  <ul class="menu s-channels">${ctx.storefronts.map((s) => html`<li><a href="#"><span class="icon">▣</span><span>${s}</span></a></li>`)}</ul>
  <ul class="menu s-bottom-menu">
    ${item('Import / Export', '⇄', '/webasyst/shop/?action=importexport')}
    ${item('Settings', '⚙', '/webasyst/shop/?action=settings')}
  </ul>
</div>`;
}

function body20(ctx: OrdersPageContext): SafeHtml {
  return html`<div id="wa-app" class="flexbox wrap-mobile">
  ${menu20(ctx)}
  <main class="content s-hide-scrollbar blank s-shadowed-content js-main-content sidebar-pinned">
    <div class="flexbox" id="s-content"></div>
    <div id="js-media-mobile" class="mobile-only"></div>
  </main>
</div>`;
}

function stateStyle(s: OrderStateView): string {
  return `color:${s.color};${s.bold ? 'font-weight:bold;' : ''}${s.italic ? 'font-style:italic;' : ''}`;
}

function body13(ctx: OrdersPageContext): SafeHtml {
  const tab = (label: string, href: string, extra = '') =>
    html`<li class="no-tab ${extra}"><a href="${href}">${label}</a></li>`;
  return html`<div id="wa-app">
  <div id="mainmenu" class="is-elastic">
    <ul class="tabs">
      <li class="small float-right no-tab"><a href="/webasyst/shop/?action=plugins">Plugins</a></li>
      <li class="small float-right no-tab"><a href="/webasyst/shop/?action=settings">Settings</a></li>
      <li class="small float-right no-tab"><a href="/webasyst/shop/?action=importexport">Import / Export</a></li>
      <li class="small float-right no-tab"><a href="/webasyst/shop/?action=saleschannels">Channels</a></li>
      <li class="selected" id="mainmenu-orders-tab"><a href="/webasyst/shop/?action=orders#/orders/">Orders</a></li>
      ${tab('Customers', '/webasyst/shop/?action=customers')}
      ${tab('Products', '/webasyst/shop/?action=products')}
      ${tab('Marketing', '/webasyst/shop/marketing/')}
      ${tab('Reports', '/webasyst/shop/?action=reports')}
      ${tab('Storefront', '/webasyst/shop/?action=storefronts', 's-storefronts-tab')}
    </ul>
    <div class="s-level2"><div class="block bordered-bottom"><input type="search" class="s-search" placeholder="Search orders"></div></div>
  </div>
  <div id="maincontent">
    <div class="sidebar left200px s-inner-sidebar" id="s-sidebar" style="width: 200px;">
      <div class="block"><a href="#/orders/new/" class="bold"><i class="icon16 add"></i> New order</a></div>
      <ul class="menu-v with-icons stack"><li><a href="#/orders/all/">All orders <span class="count">${ctx.totalOrders}</span></a></li></ul>
      <h5 class="heading">Order states</h5>
      <ul class="menu-v with-icons stack s-order-states">${ctx.states.map(({ state, count }) => html`<li><a href="#/orders/state_id=${state.id}/" style="${stateStyle(state)}"><i class="${state.icon}"></i>${state.name}</a> <span class="count">${count}</span></li>`)}</ul>
      <h5 class="heading">Sales channels</h5>
      <ul class="menu-v stack">${ctx.storefronts.map((s) => html`<li><a href="#">${s}</a></li>`)}</ul>
    </div>
    <div class="content left200px blank" id="s-content" style="padding-left: 10px;"></div>
  </div>
</div>`;
}

export function renderOrdersPage(ctx: OrdersPageContext): string {
  const is20 = ctx.ui === '2.0';
  return renderBackendPage(
    {
      title: `Orders — ${ctx.storeName}`,
      ui: ctx.ui,
      app: 'shop',
      userName: ctx.userName,
      storeName: ctx.storeName,
      now: ctx.now,
      css: [
        is20 ? '/wa-content/sim/wa2.css' : '/wa-content/sim/wa13.css',
        is20 ? '/wa-content/sim/shop2.css' : '/wa-content/sim/shop13.css',
      ],
      scripts: ['/wa-content/sim/sim-common.js', '/wa-content/sim/shop-orders.js'],
      bootstrap: jsonForScript({ ui: ctx.ui, shopBase: '/webasyst/shop/' }),
    },
    is20 ? body20(ctx) : body13(ctx),
  );
}
