// Backend pages of the simulated Webasyst (login, Shop-Script orders, CRM deal SPA, consent page).
// The server calls registerPages() at start; see sim/README.md for URLs, ids and behaviour.
import type { SimContext } from '../http/router';
import { registerAssets } from './assets';
import { registerConsentPage } from './auth/consent';
import { registerCrmPages } from './crm/routes';
import { registerDashboard } from './dashboard';
import { registerShopPages } from './shop/routes';

export function registerPages(ctx: SimContext): void {
  registerAssets(ctx);
  registerDashboard(ctx);
  registerShopPages(ctx);
  registerCrmPages(ctx);
  registerConsentPage(ctx);
}
