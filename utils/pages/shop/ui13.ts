import { ShopOrderPageDriver, SHARED_SELECTORS, type OrderPageSelectors } from './driver';

/** Shop-Script's order page in the legacy UI 1.3 (templates/actions-legacy/order/Order.html). */
export class Ui13OrderPageDriver extends ShopOrderPageDriver {
  readonly ui = '1.3' as const;
  protected readonly selectors: OrderPageSelectors = {
    ...SHARED_SELECTORS,
    // UI 1.3 has no .s-order-customer: the customer block is div.profile.
    customerLink: '.profile a[href^="?action=customers#/id/"]',
    // UI 1.3 shows the state as an icon and a name only.
    stateHolder: null,
    // The built-in CRM link is wrapped in #js-crm-backend-order here; the link's class is the same.
  };
}
