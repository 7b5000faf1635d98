import type { BuiltinDealLink, ShopUi } from './types';

/**
 * Webasyst's own "CRM deal" link, as its CRM renders it in the order's sidebar for a linked
 * order (templates/handlers/shop.backend_order.html, both UIs), built from the "Create deal in
 * CRM" link it replaces. It ships with the panel's script: it is needed only once Dealbridge
 * has linked the shown order.
 */
export function replaceCreateDealLink(create: Element, ui: ShopUi, deal: BuiltinDealLink): void {
  const doc = create.ownerDocument;
  // The page speaks the backend's language: Webasyst's Russian "Создать сделку в CRM" tells it.
  const ru = /[а-яё]/i.test(create.textContent ?? '');
  const words = ru ? { title: 'Сделка CRM', owner: 'Ответственный:' } : { title: 'CRM deal', owner: 'Owner:' };
  const root = doc.defaultView?.location.pathname.split('/webasyst/')[0] ?? '';
  const icon = { 'background-image': `url("${root}/wa-apps/crm/img/crm96.png")`, 'border-radius': '0' };
  // Elements with classes and text only: names from Webasyst are never parsed as markup.
  const el = (tag: string, className: string, text?: string, style: Record<string, string> = {}) => {
    const element = doc.createElement(tag);
    if (className) element.className = className;
    if (text !== undefined) element.textContent = text;
    for (const [name, value] of Object.entries(style)) element.style.setProperty(name, value);
    return element;
  };
  let link: HTMLAnchorElement;
  if (ui === '2.0') {
    link = el('a', 'wrap middle js-crm-link') as HTMLAnchorElement;
    const holder = el('span', '', undefined, { flex: '0' });
    holder.append(el('i', 'icon userpic crm-icon', undefined, icon));
    const text = el('span', 'flexbox wrap middle');
    text.append(el('span', 'bold width-100', words.title));
    // Spaces between the parts, as the template's line breaks give them (read aloud, copied).
    if (deal.ownerName)
      text.append(' ', el('span', 'hint custom-mr-4', words.owner), ' ', el('span', 'hint bold', deal.ownerName));
    link.append(holder, text);
  } else {
    link = el('a', 'js-crm-link') as HTMLAnchorElement;
    link.append(el('i', 'icon16 userpic20', undefined, icon), ' ', el('span', 'bold', words.title));
    if (deal.ownerName) {
      link.append(
        ' ',
        el('span', 'hint', words.owner, { display: 'block', margin: '3px 0 0 1px' }),
        ' ',
        el('span', 'hint bold', deal.ownerName, { display: 'block', margin: '1px 0 0 1px' }),
      );
    }
  }
  link.href = deal.url;
  create.replaceWith(link);
}
