// The pieces of the CRM deal view (CRM 3.x SPA markup). The SPA script swaps these pieces in
// place so that the persistent containers stay the same nodes, as the real Vue app does.
import { html, type SafeHtml } from '../html';
import { DEAL_TABS, type DealTabPath, type DealView } from './deal-model';

export function renderDealTitle(deal: DealView): SafeHtml {
  return html`<h1 class="deal-name mobile:tw-text-xl hover:tw-bg-waEditable mobile:tw-text-center">${deal.name}</h1>`;
}

export function renderHeaderRight(deal: DealView): SafeHtml {
  const open = deal.status === 'OPEN';
  const stageLabel = open ? deal.stage.name : deal.status === 'WON' ? 'Won' : 'Lost';
  return html`<div class="tw-flex tw-items-center tw-flex-wrap tw-gap-1.5 tw-justify-end tw-min-h-[32px]">
  <div use-mobile="">
    <div class="sim-stage-dropdown">
      <button class="button dropdown-button blank rounded tw-h-[32px] js-stage-toggle" style="width: 13.5rem;">
        <div class="dropdown-button-content">
          <span class="tw-mr-1.5"><span class="icon size-16 sim-funnel-icon" style="color:${deal.funnel.color}">▰</span></span>
          <span title="" class="tw-truncate tw-text-left tw-leading-tight"><span class="tw-flex tw-items-center"><span class="tw-truncate" title="${stageLabel}">${stageLabel}</span></span></span>
        </div>
        <div>▾</div>
      </button>
      <div class="dropdown-body sim-stage-menu" style="display: none;">
        <ul class="menu">${deal.stages.map((s) => html`<li class="${open && s.id === deal.stage.id ? 'selected' : ''}"><a href="javascript:void(0);" class="js-move-stage" data-stage-id="${s.id}"><span class="sim-stage-dot" style="background:${s.color}"></span>${s.name}</a></li>`)}</ul>
      </div>
    </div>
  </div>
  <div class="tw-flex tw-gap-1.5 sim-close-buttons">${
    open
      ? html`<button type="button" class="button green smaller rounded js-deal-won">Won</button><button type="button" class="button red smaller rounded js-deal-lost">Lost</button>`
      : html`<span class="badge ${deal.status === 'WON' ? 'green' : 'red'} uppercase">${deal.status === 'WON' ? 'Won' : 'Lost'}</span><button type="button" class="button light-gray smaller rounded js-deal-reopen">Reopen</button>`
  }</div>
  <div class="gray small tw-ml-1"> id: ${deal.id}</div>
</div>`;
}

export function renderHeaderBottom(deal: DealView): SafeHtml {
  return html`<div class="inline-expander-wrapper break-words deal-description">
  <div class="description-preview inline-expander inline-expander--editable"><div class="inline-expander__text" style="max-height: 3rem;">${deal.description ?? ''}</div></div>
</div>`;
}

export function renderTabs(deal: DealView, active: DealTabPath): SafeHtml {
  return html`<ul class="tabs tabs-main-list overflow-arrows tw-flex-none">${DEAL_TABS.map((tab) => {
    const hidden = tab.path === 'order' && deal.orderId === null;
    return html`<li class="${tab.path === active ? 'selected ' : ''}handle tab-item" data-id="${tab.id}"${hidden ? html` style="display: none;"` : ''}><a href="/webasyst/crm/deal/${deal.id}/${tab.path}" class="js-disable-router"><span>${tab.label} </span></a></li>`;
  })}</ul>`;
}

const KIND_ICONS: Record<string, { glyph: string; color: string }> = {
  deal: { glyph: '▣', color: 'rgb(107, 181, 50)' },
  note: { glyph: '✎', color: 'rgb(239, 198, 31)' },
  stage: { glyph: '➜', color: 'rgb(26, 154, 254)' },
  won: { glyph: '✔', color: 'rgb(34, 209, 61)' },
  lost: { glyph: '✕', color: 'rgb(237, 37, 9)' },
};

function historyTab(deal: DealView): SafeHtml {
  if (deal.history.length === 0)
    return html`<div class="tw-max-w-3xl tw-mx-auto"><div class="gray">No activity yet.</div></div>`;
  return html`<div class="tw-max-w-3xl tw-mx-auto"><div class="col space-4">${deal.history.map(
    (day) => html`<div>
  <div class="gray uppercase smaller">${day.day}</div>
  ${day.items.map((item) => {
    const icon =
      item.kind === 'order'
        ? html`<div class="icon size-32 sim-shop-icon">$</div>`
        : html`<div class="icon size-32 rounded" style="background-color: ${KIND_ICONS[item.kind].color};">${KIND_ICONS[item.kind].glyph}</div>`;
    return html`<div class="sim-log"><div class="col space-2">
    <div class="sim-log-row tw-items-center"><div>${icon}</div><div class="tw-flex-auto black bold">${item.title}</div></div>
    <div class="sim-log-row"><div></div><div class="tw-flex-auto tw-text-sm"><div class="col space-2">
      ${item.order ? html`<div class="col space-2"><div><span>Order</span> <a href="/webasyst/shop/?action=orders#/order/${item.order.id}/" class="js-disable-router tw-mx-1">${item.order.number}</a> <strong>${item.order.amount}</strong></div></div>` : ''}
      ${item.note !== null ? html`<div class="sim-note">${item.note}</div>` : ''}
      <div class="gray">${item.time} ${item.actor}</div>
    </div></div></div>
  </div></div>`;
  })}
</div>`,
  )}</div></div>`;
}

function emptyTab(label: string): SafeHtml {
  return html`<div class="tw-max-w-3xl tw-mx-auto"><div class="gray sim-empty-tab">${label}: nothing here yet.</div></div>`;
}

/** The children of `.tab-content` for a tab. */
export function renderTabContent(deal: DealView, tab: DealTabPath): SafeHtml {
  if (tab === 'order' && deal.orderId !== null) {
    return html`<div style="display: none;"></div><div style="display: none;"></div><div style="display: none;"></div>
<div style=""><iframe frameborder="0" src="/webasyst/crm/?module=order&amp;id=${deal.orderId}" class="" style="height: 760px;"></iframe></div>`;
  }
  const label = DEAL_TABS.find((t) => t.path === tab)?.label ?? 'History';
  const main = tab === 'history' || tab === 'order' ? historyTab(deal) : emptyTab(label);
  return html`${main}<div style="display: none;"></div><div style="display: none;"></div><div style="display: none;"></div><div style="display: none;"></div>`;
}

export function tabContentClass(tab: DealTabPath): string {
  return tab === 'order' ? 'tab-content' : 'tab-content tw-p-4 mobile:tw-px-3';
}

function contactItem(name: string, id: number, extra: SafeHtml): SafeHtml {
  return html`<div class="contactItem"><div class="contactView">
  <div class="tw-flex tw-justify-between tw-gap-x-1"><div class="tw-flex tw-gap-x-2">
    <div class="icon size-20 rounded"><i class="sim-userpic"></i></div>
    <div class="contactNameWrapper"><a class="contactName break-words js-disable-router" href="/webasyst/crm/contact/${id}">${name}</a>${extra}</div>
  </div></div>
</div></div>`;
}

/** The children of `.deal-info-sidebar`. */
export function renderSidebar(deal: DealView): SafeHtml {
  const c = deal.customer;
  return html`<div class="col space-4 tw-mb-4 !tw-flex-none">
  <div class="field"><div class="field__header tw-mb-1"><div class="field__heading">Estimated amount</div></div>
    <div class="value tw-min-h-[2rem]"><div class=""><div class="amount">${deal.amount ?? '—'}</div></div></div></div>
  <div class="field"><div class="field__header tw-mb-1"><div class="field__heading">Deal term</div></div>
    <div class="value tw-min-h-[2rem]"><div class="date-term"><span title="Created at">${deal.created}</span><span class="tw-mx-1">—</span><div class="tw-flex-auto tw-w-0"><div class="tw-w-fit">${deal.expected ? html`<div class="tw-truncate">${deal.expected}</div>` : html`<div class="tw-ml-1 tw-tracking-widest"> ..............? </div>`}</div></div></div></div></div>
</div>
<div class="col space-6 !tw-flex-none">
  <div class="field"><div class="field__header tw-mb-4"><div class="field__heading">Customers</div><button class="button transparent tw-px-0 field__edit-btn"><span class="gray">+ Add</span></button></div>
    <div class="value"><div class="col space-6">${c ? contactItem(c.name, c.id, html``) : ''}${
      c
        ? html`<div class="contactLabel"><span>${c.orderCount} orders. </span><span>${c.dealCount} deals</span></div>
      <div class="contactConnect">
        ${c.email ? html`<div class="tw-text-sm tw-mt-2"><span class="icon size-14">✉</span> <a href="mailto:${c.email}" class="tw-truncate">${c.email}</a></div>` : ''}
        ${c.phone ? html`<div class="tw-text-sm tw-mt-2"><span class="icon size-14">✆</span> <a href="tel:+${c.phone}" class="tw-truncate">${c.phoneDisplay}</a></div>` : ''}
        ${c.address ? html`<div class="tw-text-sm tw-mt-2"><span class="icon size-14">⌖</span> <span class="custom-mr-4">${c.address}</span></div>` : ''}
      </div>`
        : ''
    }</div></div></div>
  <div class="field"><div class="field__header tw-mb-4"><div class="field__heading">Performers</div><button class="button transparent tw-px-0 field__edit-btn"><span class="gray">+ Add</span></button></div>
    <div class="value"><div class="col space-4">${deal.owner ? contactItem(deal.owner.name, deal.owner.id, html`<span class="badge nowrap orange"><span class="tw-truncate">Responsible</span></span>`) : html`<div class="gray tw-text-sm">Not assigned</div>`}</div></div></div>
  <div class="col space-2 !tw-flex-none"><div><a class="gray small">+ Add tag</a></div></div>
  ${
    deal.otherDeals.length
      ? html`<div class="field sim-other-deals"><div class="field__header tw-mb-4"><div class="field__heading">Other deals of the customer</div></div>
    <div class="value"><ul class="menu">${deal.otherDeals.map((d) => html`<li><a href="/webasyst/crm/deal/${d.id}/" class="js-sim-deal-link" data-deal-id="${d.id}">${d.name}</a> <span class="hint">${d.status === 'OPEN' ? d.stage : d.status === 'WON' ? 'Won' : 'Lost'}</span></li>`)}</ul></div></div>`
      : ''
  }
  <div class="deal-info-fields"><div class="field"><div class="field__header tw-mb-4"><div class="field__heading">Additional information</div></div>
    <div class="value"><div class="col space-4"></div><div class="gray tw-text-sm">Fields not added.</div></div></div></div>
</div>`;
}

/** Everything the SPA swaps on a route change, as one JSON-able object. */
export function renderDealParts(deal: DealView, tab: DealTabPath) {
  return {
    id: deal.id,
    documentTitle: deal.name,
    title: renderDealTitle(deal).value,
    headerRight: renderHeaderRight(deal).value,
    headerBottom: renderHeaderBottom(deal).value,
    tabs: renderTabs(deal, tab).value,
    tab,
    tabContentClass: tabContentClass(tab),
    tabContent: renderTabContent(deal, tab).value,
    sidebar: renderSidebar(deal).value,
    linked: deal.orderId !== null,
  };
}
