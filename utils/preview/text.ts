import type { Lang, Params } from '../i18n';

/**
 * The dry run's sentences. The background renders them in the language the options page
 * asked for, so they are picked by an explicit language rather than the global one.
 */
const en = {
  move: 'Move deal to “{stage}”',
  won: 'Close deal as won',
  lost: 'Close deal as lost',
  reopen: 'Reopen the deal',
  create: 'Create a deal in “{funnel}” at “{stage}”',
  createOwner: 'Create a deal in “{funnel}” at “{stage}”, owner {owner}',
  thenNew: 'Then, for the new deal: {what}',
  run: 'Run “{action}” on the order',
  runWithoutForm: 'Run “{action}” on the order without its form (Shop-Script’s defaults)',
  needsForm: 'Ask a person to run “{action}” on the order with Shop-Script’s form',
  unavailable: 'The order is in “{state}”, which offers none of the mapped actions ({actions})',
  reasonOrder: 'Order {order}: “{action}”; rule “{action}” → {target}',
  reasonRestore: 'Order {order}: “{action}”; a restored order reopens its deal',
  reasonAuto: 'New order {order} ({storefront}); automatic deal creation on “{trigger}”',
  reasonDeal: 'Deal {change}; rule {target} → {actions}',
  reasonReopened: 'Deal reopened; a reopened deal restores its deleted order',
  changeMoved: 'moved to “{stage}”',
  changeWon: 'won',
  changeLost: 'lost',
  stage: 'stage “{stage}”',
  targetWon: 'Won',
  targetLost: 'Lost',
  manual: 'manual order',
  triggerCreate: 'order was placed',
  triggerProcess: 'order was confirmed',
  ownerMe: 'the connected user',
  noteOrder: 'Order {order} could not be read: {message}',
  noteDeal: 'Deal {deal} could not be read: {message}',
  quoted: '“{text}”',
};
type Key = keyof typeof en;
const ru: Record<Key, string> = {
  move: 'Перевести сделку на этап «{stage}»',
  won: 'Закрыть сделку как выигранную',
  lost: 'Закрыть сделку как проигранную',
  reopen: 'Открыть сделку заново',
  create: 'Создать сделку в воронке «{funnel}» на этапе «{stage}»',
  createOwner: 'Создать сделку в воронке «{funnel}» на этапе «{stage}», ответственный {owner}',
  thenNew: 'Затем для новой сделки: {what}',
  run: 'Выполнить «{action}» для заказа',
  runWithoutForm: 'Выполнить «{action}» для заказа без формы (значения Shop-Script по умолчанию)',
  needsForm: 'Попросить сотрудника выполнить «{action}» для заказа через форму Shop-Script',
  unavailable: 'Заказ в статусе «{state}», где нет ни одного из сопоставленных действий ({actions})',
  reasonOrder: 'Заказ {order}: «{action}»; правило «{action}» → {target}',
  reasonRestore: 'Заказ {order}: «{action}»; восстановленный заказ открывает свою сделку заново',
  reasonAuto: 'Новый заказ {order} ({storefront}); автоматическое создание сделки, когда «{trigger}»',
  reasonDeal: 'Сделка {change}; правило {target} → {actions}',
  reasonReopened: 'Сделка открыта заново; это восстанавливает её удалённый заказ',
  changeMoved: 'переведена на этап «{stage}»',
  changeWon: 'выиграна',
  changeLost: 'проиграна',
  stage: 'этап «{stage}»',
  targetWon: 'Выиграна',
  targetLost: 'Проиграна',
  manual: 'добавлен вручную',
  triggerCreate: 'заказ создан',
  triggerProcess: 'заказ подтвержден',
  ownerMe: 'подключённый пользователь',
  noteOrder: 'Не удалось прочитать заказ {order}: {message}',
  noteDeal: 'Не удалось прочитать сделку {deal}: {message}',
  quoted: '«{text}»',
};

export type PreviewText = (key: Key, params?: Params) => string;

export function previewText(lang: Lang): PreviewText {
  const dictionary = lang === 'ru' ? ru : en;
  return (key, params = {}) =>
    dictionary[key].replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}
