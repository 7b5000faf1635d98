import { ShopOrderPageDriver, type OrderPageSelectors } from './driver';

/** Shop-Script's order page in the legacy UI 1.3 (templates/actions-legacy/order/Order.html). */
export class Ui13OrderPageDriver extends ShopOrderPageDriver {
  readonly ui = '1.3' as const;
  protected readonly selectors: OrderPageSelectors = {
    content: '#s-content',
    orderBlock: '#s-order-block',
    splitPane: '#s-order',
    orderIdLinks: [
      { selector: '#s-order-title a.back.read-mode[href^="#/order/"]', pattern: /^#\/order\/(\d+)\/?$/ },
      { selector: 'a.js-show-print-page[href*="module=order"]', pattern: /[?&]id=(\d+)(?:&|$)/ },
    ],
    // UI 1.3 has no .s-order-customer: the customer block is div.profile.
    customerLink: '.profile a[href^="?action=customers#/id/"]',
    // UI 1.3 shows the state as an icon and a name only.
    stateHolder: null,
    actionsRow: 'ul.s-order-actions.workflow-actions',
    actionButton: 'a.wf-action[data-action-id]',
    // The 1.3 variant of the built-in link is wrapped in #js-crm-backend-order; the link class is the same.
    crmLink: 'a.js-crm-link',
    crmCreateClass: 'js-crm-create-deal',
  };

  protected createSlot(): HTMLElement {
    return this.doc.createElement('li');
  }
}
