// A plain deals list at /webasyst/crm/deal/ (document links into the deal SPA).
import { html } from '../html';
import { renderCrmPage } from './crm-page';

export interface DealListRow {
  id: number;
  name: string;
  funnel: string;
  stage: string;
  status: string;
  amount: string | null;
  linkedOrder: string | null;
}

export function renderDealList(rows: DealListRow[], ctx: { userName: string; storeName: string; now: Date }): string {
  const body = html`<div id="wa-app" class="flexbox wrap-mobile"><div class="content blank c-shadowed-content"><div class="sim-deal-list">
  <h1>Deals</h1>
  <table class="sim-deals-table" id="sim-deals-table"><thead><tr><th>Deal</th><th>Funnel</th><th>Stage</th><th>Amount</th><th>Order</th></tr></thead>
  <tbody>${rows.map((r) => html`<tr data-deal-id="${r.id}"><td><a href="/webasyst/crm/deal/${r.id}/">${r.name}</a></td><td>${r.funnel}</td><td>${r.status === 'OPEN' ? r.stage : r.status === 'WON' ? 'Won' : 'Lost'}</td><td>${r.amount ?? ''}</td><td>${r.linkedOrder ?? ''}</td></tr>`)}</tbody></table>
</div></div></div>`;
  return renderCrmPage(ctx, 'Deals', body);
}
