import { currentLanguage, formatMoney } from '@/utils/i18n';
import type { LinkedOrder as Order } from '@/utils/messaging/messages/deal-page';
import { el } from '@/utils/dom/el';
import { t } from './i18n';
import { formatQuantity, formatShopDate } from './view';

/** Items shown before "Show all N items": enough to recognise the order, short enough for the sidebar. */
const ITEMS_SHOWN = 5;

/**
 * The linked order: number, state, paid, items, totals. A long order shows its first
 * ITEMS_SHOWN items and a button that expands the list in place (the same button, so the
 * focus stays on it), keeping CRM's own fields below the panel within reach; discount,
 * shipping and tax are shown only when the order has them (subtotal and total always are).
 * Every piece of data is a text node.
 */
export function orderBody(order: Order, expanded: { value: boolean }): HTMLElement[] {
  const locale = currentLanguage() === 'ru' ? 'ru-RU' : 'en-US';
  const money = (amount: number) => formatMoney(amount, order.currency);
  const collapsible = order.items.length > ITEMS_SHOWN;
  const line = (row: { name: string; sku?: string | null; quantity: number; price: number; total: number }) =>
    el(
      'div',
      { class: 'line' },
      el(
        'div',
        { class: 'what' },
        el('div', { class: 'name' }, row.name),
        el(
          'div',
          { class: 'muted small' },
          row.sku && el('span', { class: 'sku' }, `${t('sku', { sku: row.sku })} · `),
          t('quantityPrice', { quantity: formatQuantity(row.quantity, locale), price: money(row.price) }),
        ),
      ),
      el('div', { class: 'amount' }, money(row.total)),
    );
  const items = order.items.map((item) =>
    el(
      'li',
      { class: 'item', 'data-dealbridge': 'order-item' },
      line(item),
      item.services.length > 0 &&
        el(
          'ul',
          { class: 'services' },
          item.services.map((service) =>
            el('li', { class: 'service', 'data-dealbridge': 'order-service' }, line(service)),
          ),
        ),
    ),
  );
  const toggle = el('button', {
    type: 'button',
    class: 'link show-all',
    'aria-controls': 'dealbridge-order-items',
    'data-dealbridge': 'show-all-items',
  });
  const fold = () => {
    for (const [index, item] of items.entries()) item.hidden = collapsible && !expanded.value && index >= ITEMS_SHOWN;
    toggle.setAttribute('aria-expanded', String(expanded.value));
    toggle.textContent = expanded.value
      ? t('showFewer', { count: ITEMS_SHOWN })
      : t('showAll', { count: order.items.length });
  };
  toggle.addEventListener('click', () => {
    expanded.value = !expanded.value;
    fold();
  });
  fold();
  const total = (label: string, value: string, hook: string, strong = false) =>
    el(
      'div',
      { class: strong ? 'row strong' : 'row', 'data-dealbridge': hook },
      el('dt', null, label),
      el('dd', null, value),
    );
  const state = el('span', { class: 'state', 'data-dealbridge': 'order-state' }, order.state.name);
  // A property, not a style attribute: a colour is never parsed as more CSS.
  if (order.state.color) state.style.color = order.state.color;
  return [
    el(
      'div',
      { class: 'title' },
      el('a', { class: 'number', href: order.url, title: t('open'), 'data-dealbridge': 'order-number' }, order.number),
      state,
    ),
    el(
      'div',
      { class: order.paidAt ? 'paid' : 'muted', 'data-dealbridge': 'order-paid' },
      order.paidAt ? t('paid', { date: formatShopDate(order.paidAt, locale) }) : t('notPaid'),
    ),
    el(
      'ul',
      { class: 'items', id: 'dealbridge-order-items' },
      order.items.length === 0 && el('li', { class: 'muted' }, t('noItems')),
      items,
    ),
    ...(collapsible ? [toggle] : []),
    el(
      'dl',
      { class: 'totals' },
      total(t('subtotal'), money(order.subtotal), 'order-subtotal'),
      hasAmount(order.discount) && total(t('discount'), `−${money(order.discount)}`, 'order-discount'),
      hasAmount(order.shipping) && total(t('shipping'), money(order.shipping), 'order-shipping'),
      hasAmount(order.tax) && total(t('tax'), money(order.tax), 'order-tax'),
      total(t('total'), money(order.total), 'order-total', true),
    ),
  ];
}

/** An amount that would not print as zero. */
function hasAmount(amount: number): boolean {
  return Math.round(amount * 100) !== 0;
}
