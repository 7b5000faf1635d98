import { createI18n } from '@/utils/i18n';

// The last step before a link, the same on the order page and the deal page.
export const tc = createI18n({
  en: {
    title: 'Link this order and this deal?',
    order: 'Order',
    deal: 'Deal',
    permanent: 'A link cannot be undone in Webasyst.',
    link: 'Link',
    linking: 'Linking…',
    back: 'Back',
  },
  ru: {
    title: 'Связать этот заказ и эту сделку?',
    order: 'Заказ',
    deal: 'Сделка',
    permanent: 'В Webasyst связь нельзя отменить.',
    link: 'Связать',
    linking: 'Связываем…',
    back: 'Назад',
  },
});
