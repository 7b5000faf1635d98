// /webasyst/: the backend's home (after login) and logout.
import type { RequestContext, SimContext } from '../http/router';
import { phpString } from '../http/form';
import { html } from './html';
import { renderBackendPage } from './layout/backend-layout';
import { contactName } from './people';
import { backendGate, logout, replyHtml } from './session';
import { shopNow } from './shop/order-data';

function dashboard(rc: RequestContext): void {
  if (phpString(rc.get.action) === 'logout') return logout(rc);
  const user = backendGate(rc);
  if (!user) return;
  const body = html`<div id="wa-app" class="flexbox wrap-mobile"><div class="content blank sim-dashboard">
  <h1>Welcome, ${contactName(user.contact)}</h1>
  <ul class="sim-dashboard-apps">
    <li><a href="/webasyst/shop/?action=orders#/orders/" id="sim-open-shop">Shop-Script: orders</a></li>
    <li><a href="/webasyst/crm/deal/" id="sim-open-crm">CRM: deals</a></li>
  </ul>
  <p><a href="/webasyst/?action=logout" id="sim-logout">Log out</a></p>
</div></div>`;
  replyHtml(
    rc,
    200,
    renderBackendPage(
      {
        title: `Dashboard — ${rc.state.shop.name}`,
        ui: '2.0',
        app: 'webasyst',
        userName: contactName(user.contact),
        storeName: rc.state.shop.name,
        now: shopNow(rc.state),
        css: ['/wa-content/sim/wa2.css'],
        scripts: [],
      },
      body,
    ),
  );
}

export function registerDashboard(ctx: SimContext): void {
  ctx.router.any('/webasyst/', dashboard);
  ctx.router.any('/webasyst', (rc) => rc.redirect('/webasyst/'));
}
