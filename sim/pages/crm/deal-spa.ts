// The CRM deal page document: the CRM layout with the SPA container (#c-spaContainer-block > #app)
// already holding the deal view, so the first paint matches the real page after Vue mounted.
import { html, jsonForScript, type SafeHtml } from '../html';
import { renderCrmPage } from './crm-page';
import type { CrmSidebarView, DealTabPath, DealView } from './deal-model';
import {
  renderDealTitle,
  renderHeaderBottom,
  renderHeaderRight,
  renderSidebar,
  renderTabContent,
  renderTabs,
  tabContentClass,
} from './deal-view';

function crmMenu(sidebar: CrmSidebarView, activeFunnel: number | null): SafeHtml {
  return html`<div class="sidebar-main-wrapper">
  <div class="sim-crm-funnels">${sidebar.funnels.map((f) => html`<a class="sim-crm-funnel${f.id === activeFunnel ? ' selected' : ''}" href="/webasyst/crm/deal/?funnel=${f.id}"><span class="sim-crm-funnel-icon" style="color:${f.color}">▰</span><span class="sim-crm-count">${f.count}</span><span class="sim-crm-funnel-name">${f.name}</span></a>`)}</div>
  <ul class="menu sim-crm-menu">
    <li><a href="/webasyst/crm/contact/"><span class="icon">☺</span> Contacts <span class="count">${sidebar.contacts}</span></a></li>
    <li><a href="/webasyst/crm/deal/"><span class="icon">▰</span> Funnels <span class="count">${sidebar.deals}</span></a></li>
    <li><a href="/webasyst/crm/reminder/"><span class="icon">⚑</span> Reminders</a></li>
    <li><a href="/webasyst/crm/invoice/"><span class="icon">▤</span> Invoices <span class="count">0</span></a></li>
    <li><a href="/webasyst/crm/call/"><span class="icon">✆</span> Calls <span class="count">0</span></a></li>
    <li><a href="/webasyst/crm/message/"><span class="icon">✉</span> Messages</a></li>
    <li><a href="/webasyst/crm/report/"><span class="icon">▥</span> Reports</a></li>
    <li><a href="/webasyst/crm/live/"><span class="icon">ϟ</span> Live</a></li>
  </ul>
</div>`;
}

function renderDealApp(deal: DealView, tab: DealTabPath): SafeHtml {
  return html`<div id="app">
<div class="deal-container"><div class="deal">
  <div class="deal-main${tab === 'order' ? '' : ' deal-main--hide-scroll'}">
    <div class="deal-header">
      <div class="deal-header__back"><a href="/webasyst/crm/deal/" class="js-sim-back" style="color: var(--deal-color-gray-secondary);"><span class="icon size-20">←</span></a></div>
      <div class="deal-header__inner">
        <div class="deal-header__top">
          <div class="deal-header__title"><span class="tw-inline-block tw-w-full">${renderDealTitle(deal)}</span></div>
          <div class="deal-header__right">${renderHeaderRight(deal)}</div>
        </div>
        <div class="deal-header__bottom">${renderHeaderBottom(deal)}</div>
      </div>
    </div>
    <div class="deal-content">
      <div class="tabs-wrapper bordered-bottom">
        <div class="tw-flex tw-items-center tw-gap-x-2">
          <button type="button" class="button nowrap rounded sim-add-invoice"><span class="mobile:tw-hidden">Add invoice</span></button>
          <div><button class="button circle light-gray sim-add-more"><span>+</span></button></div>
        </div>
        <div class="tabs-list tw-flex-auto tw-overflow-hidden tw-mx-2"><div class="tw-select-none md:tw-flex">${renderTabs(deal, tab)}<canvas id="tabs-canvas" class="hidden"></canvas></div></div>
      </div>
      <div></div>
      <div class="${tabContentClass(tab)}">${renderTabContent(deal, tab)}</div>
    </div>
  </div>
  <div class="deal-info-sidebar sidebar right flexbox width-adaptive-widest bordered-left wide-mobile !tw-overflow-y-scroll">${renderSidebar(deal)}</div>
</div></div>
</div>`;
}

export interface DealPageContext {
  deal: DealView;
  tab: DealTabPath;
  sidebar: CrmSidebarView;
  userName: string;
  storeName: string;
  now: Date;
}

export function renderDealPage(ctx: DealPageContext): string {
  const body = html`<div id="wa-app" class="flexbox wrap-mobile">
  ${crmMenu(ctx.sidebar, ctx.deal.funnel.id)}
  <div class="content blank c-shadowed-content">
    <div id="c-spaContainer-block">${renderDealApp(ctx.deal, ctx.tab)}</div>
    <div id="c-content-block"></div>
  </div>
</div>`;
  return renderCrmPage(ctx, ctx.deal.name, body, {
    scripts: ['/wa-content/sim/sim-common.js', '/wa-content/sim/crm-deal.js'],
    bootstrap: jsonForScript({ dealId: ctx.deal.id, tab: ctx.tab, crmBase: '/webasyst/crm/' }),
    htmlClass: 'is-wa2',
  });
}

/** A CRM page for a deal id that does not exist. */
export function renderDealNotFound(ctx: Omit<DealPageContext, 'deal' | 'tab'>, id: string): string {
  const body = html`<div id="wa-app" class="flexbox wrap-mobile">${crmMenu(ctx.sidebar, null)}
  <div class="content blank c-shadowed-content"><div id="c-spaContainer-block"><div id="app"><div class="sim-not-found"><h1>Deal not found</h1><p class="gray">There is no deal with id ${id}.</p></div></div></div></div></div>`;
  return renderCrmPage(ctx, 'Deal not found', body);
}
