import { ShopOrderPageDriver, type OrderPageSelectors } from './driver';
import type { BuiltinDealLink } from './types';

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

  protected linkedCrmLink(deal: BuiltinDealLink, words: { title: string; owner: string }, iconUrl: string): HTMLElement {
    const link = this.el('a', 'js-crm-link') as HTMLAnchorElement;
    link.href = deal.url;
    link.append(this.el('i', 'icon16 userpic20', undefined, { 'background-image': `url("${iconUrl}")`, 'border-radius': '0' }), ' ', this.el('span', 'bold', words.title));
    if (deal.ownerName) {
      link.append(
        ' ',
        this.el('span', 'hint', words.owner, { display: 'block', margin: '3px 0 0 1px' }),
        ' ',
        this.el('span', 'hint bold', deal.ownerName, { display: 'block', margin: '1px 0 0 1px' }),
      );
    }
    return link;
  }
}
