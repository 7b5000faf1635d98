import type { OrderPageDriver, ShopUi } from './types';
import { Ui20OrderPageDriver } from './ui20';
import { Ui13OrderPageDriver } from './ui13';

/**
 * Tells Shop-Script's backend UI version from the DOM: UI 2.0 marks <html> with `is-wa2`;
 * the layouts differ as well (1.3 has #mainmenu/#maincontent, 2.0 a .s-page-menu), which
 * decides when the class is missing. Null when the page is neither (e.g. not a Shop page).
 */
export function detectShopUi(doc: Document): ShopUi | null {
  if (doc.documentElement.classList.contains('is-wa2')) return '2.0';
  if (doc.getElementById('mainmenu') || doc.getElementById('maincontent')) return '1.3';
  if (doc.querySelector('.s-page-menu, main.js-main-content')) return '2.0';
  return null;
}

export function createOrderPageDriver(doc: Document): OrderPageDriver | null {
  const ui = detectShopUi(doc);
  if (ui === '2.0') return new Ui20OrderPageDriver(doc);
  if (ui === '1.3') return new Ui13OrderPageDriver(doc);
  return null;
}
