import { createI18n } from '@/utils/i18n';

// The deal panel's second script's words (failures, the order picker); Webasyst's own terms in Russian.
export const tm = createI18n({
  en: {
    loadFailed: 'Could not load the order.',
    refreshFailed: 'Could not refresh: showing what was loaded before.',
    reload: 'Try again',
    orderGone: 'The order was deleted or is not found in Shop-Script.',
    noRights: 'You have no rights to Shop-Script orders.',
    notConnected: 'Dealbridge is not connected to this Webasyst. Connect it in Dealbridge’s settings.',
    pickTitle: 'Link an order',
    cancel: 'Cancel',
    ordersOf: 'Orders of {name} without a deal',
    searchOrders: 'Search by number, state or total',
    orderCount: { one: '{count} order', other: '{count} orders' },
    noMatches: 'No orders match “{query}”.',
    items: { one: '{count} item', other: '{count} items' },
    loadingOrders: 'Loading the client’s orders…',
    loadOrdersFailed: 'Could not load the client’s orders.',
    noOrders: '{name} has no orders without a deal.',
    newOrder: 'New order in Shop-Script',
    noCustomer:
      'This deal has no client. An order can be linked only to a deal of its customer: add the client to the deal first.',
    err_order_already_linked: 'Order {order} was linked to the deal “{deal}” in the meantime. Choose another order.',
    err_created_instead:
      'Webasyst could not link order {order} to this deal and created a new deal for it instead. Delete that deal in CRM if you do not need it.',
    err_deal_closed: 'This deal was closed in the meantime: only an open deal can get an order.',
    err_deal_other_customer: 'The customer of order {order} is not this deal’s client.',
    err_deal_not_found: 'This deal no longer exists, or you cannot see it.',
  },
  ru: {
    loadFailed: 'Не удалось загрузить заказ.',
    refreshFailed: 'Не удалось обновить: показаны прежние данные.',
    reload: 'Повторить',
    orderGone: 'Заказ удалён или не найден в Shop-Script.',
    noRights: 'У вас нет прав на заказы Shop-Script.',
    notConnected: 'Dealbridge не подключён к этому Webasyst. Подключите его в настройках Dealbridge.',
    pickTitle: 'Связать с заказом',
    cancel: 'Отмена',
    ordersOf: 'Заказы клиента {name} без сделки',
    searchOrders: 'Поиск по номеру, статусу или сумме',
    orderCount: { one: '{count} заказ', few: '{count} заказа', many: '{count} заказов', other: '{count} заказа' },
    noMatches: 'Нет заказов по запросу «{query}».',
    items: { one: '{count} товар', few: '{count} товара', many: '{count} товаров', other: '{count} товара' },
    loadingOrders: 'Загрузка заказов клиента…',
    loadOrdersFailed: 'Не удалось загрузить заказы клиента.',
    noOrders: 'У клиента {name} нет заказов без сделки.',
    newOrder: 'Новый заказ в Shop-Script',
    noCustomer:
      'У сделки нет клиента. Заказ можно привязать только к сделке его покупателя: сначала укажите клиента в сделке.',
    err_order_already_linked: 'Заказ {order} тем временем связали со сделкой «{deal}». Выберите другой заказ.',
    err_created_instead:
      'Webasyst не смог привязать заказ {order} к этой сделке и создал для него новую сделку. Удалите её в CRM, если она не нужна.',
    err_deal_closed: 'Сделка тем временем закрыта: заказ можно привязать только к открытой сделке.',
    err_deal_other_customer: 'Покупатель заказа {order} — не клиент этой сделки.',
    err_deal_not_found: 'Этой сделки больше нет или у вас нет к ней доступа.',
  },
});
