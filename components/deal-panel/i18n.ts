import { createI18n } from '@/utils/i18n';

// What deal-page.js itself says; the second script's words are in ./more-i18n.ts.
// Russian uses Webasyst's own terms, as managers see them in Shop-Script and CRM.
export const t = createI18n({
  en: {
    title: 'Order',
    open: 'Open in Shop-Script',
    paid: 'Paid {date}',
    notPaid: 'Not paid',
    sku: 'SKU {sku}',
    quantityPrice: '{quantity} × {price}',
    subtotal: 'Subtotal',
    discount: 'Discount',
    shipping: 'Shipping',
    tax: 'Tax',
    total: 'Total',
    noItems: 'No items',
    showAll: { one: 'Show all {count} item', other: 'Show all {count} items' },
    showFewer: 'Show the first {count} only',
    loading: 'Loading the order…',
    reloadPage: 'Dealbridge was updated or restarted. Reload this page.',
    linkOrder: 'Link an order',
  },
  ru: {
    title: 'Заказ',
    open: 'Открыть в Shop-Script',
    paid: 'Оплачен {date}',
    notPaid: 'Не оплачен',
    sku: 'Артикул {sku}',
    quantityPrice: '{quantity} × {price}',
    subtotal: 'Подытог',
    discount: 'Скидка',
    shipping: 'Доставка',
    tax: 'Налог',
    total: 'Итого',
    noItems: 'Нет товаров',
    showAll: {
      one: 'Показать все {count} товар',
      few: 'Показать все {count} товара',
      many: 'Показать все {count} товаров',
      other: 'Показать все {count} товара',
    },
    showFewer: 'Показать только первые {count}',
    loading: 'Загрузка заказа…',
    reloadPage: 'Dealbridge обновился или перезапустился. Обновите эту страницу.',
    linkOrder: 'Связать с заказом',
  },
});
