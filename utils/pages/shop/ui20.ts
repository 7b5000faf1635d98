import { ShopOrderPageDriver, type OrderPageSelectors } from './driver';
import type { BuiltinDealLink } from './types';

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

  protected linkedCrmLink(deal: BuiltinDealLink, words: { title: string; owner: string }, iconUrl: string): HTMLElement {
    const link = this.el('a', 'wrap middle js-crm-link') as HTMLAnchorElement;
    link.href = deal.url;
    const icon = this.el('span', '', undefined, { flex: '0' });
    icon.append(this.el('i', 'icon userpic crm-icon', undefined, { 'background-image': `url("${iconUrl}")`, 'border-radius': '0' }));
    const text = this.el('span', 'flexbox wrap middle');
    text.append(this.el('span', 'bold width-100', words.title));
    // Spaces between the parts, as the template's line breaks give them (read aloud, copied).
    if (deal.ownerName) text.append(' ', this.el('span', 'hint custom-mr-4', words.owner), ' ', this.el('span', 'hint bold', deal.ownerName));
    link.append(icon, text);
    return link;
  }
}
