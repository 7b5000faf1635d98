import { ShopOrderPageDriver, type OrderPageSelectors } from './driver';

/** Shop-Script's order page in Webasyst UI 2.0 (templates/actions/order/Order.html). */
export class Ui20OrderPageDriver extends ShopOrderPageDriver {
  readonly ui = '2.0' as const;
  protected readonly selectors: OrderPageSelectors = {
    content: '#s-content',
    orderBlock: '#s-order-block',
    splitPane: '#s-order',
    orderIdLinks: [
      { selector: '#s-order-title a.back.read-mode[href^="#/order/"]', pattern: /^#\/order\/(\d+)\/?$/ },
      { selector: 'a.js-show-print-page[href*="module=order"]', pattern: /[?&]id=(\d+)(?:&|$)/ },
    ],
    customerLink: '.s-order-customer a[href^="?action=customers#/id/"]',
    stateHolder: '#s-order-title .s-state-with-time[data-state-id]',
    actionsRow: 'ul.s-order-actions.workflow-actions',
    actionButton: 'a.wf-action[data-action-id]',
    crmLink: 'a.js-crm-link',
    crmCreateClass: 'js-crm-create-deal',
  };

  protected createSlot(): HTMLElement {
    return this.doc.createElement('li');
  }
}
