import { ShopOrderPageDriver, SHARED_SELECTORS, type OrderPageSelectors } from './driver';

/** Shop-Script's order page in Webasyst UI 2.0 (templates/actions/order/Order.html). */
export class Ui20OrderPageDriver extends ShopOrderPageDriver {
  readonly ui = '2.0' as const;
  protected readonly selectors: OrderPageSelectors = {
    ...SHARED_SELECTORS,
    customerLink: '.s-order-customer a[href^="?action=customers#/id/"]',
    stateHolder: '#s-order-title .s-state-with-time[data-state-id]',
  };
}
