import { createI18n } from '../../i18n';

/** The sync engine's words, in Webasyst's own terms (заказ, сделка, этап, воронка, действие). */
const en = {
  effectCreate: 'Create a deal in {funnel}: {stage}',
  effectCreatePlain: 'Create a deal for order {order}',
  effectMove: 'Move the deal to “{stage}”',
  effectWon: 'Close the deal as won',
  effectLost: 'Close the deal as lost',
  effectReopen: 'Reopen the deal',
  effectOrderAction: 'Run “{action}” on order {order}',
  effectCheckDeal: 'Bring the deal in line with order {order}',
  effectCheckOrder: 'Bring order {order} in line with the deal',
  triggerOrderAction: 'Order {order}: {action}',
  triggerOrderNew: 'New order {order} ({storefront})',
  triggerOrderProcessed: 'Order {order} was confirmed ({storefront})',
  manualOrders: 'manual orders',
  triggerDealStage: 'Deal “{deal}” moved to “{stage}”',
  triggerDealWon: 'Deal “{deal}” was won',
  triggerDealLost: 'Deal “{deal}” was lost',
  triggerDealReopen: 'Deal “{deal}” was reopened',
  ruleLabel: 'rule {rule}',
  autoCreateRule: 'automatic deal creation',
  won: 'won',
  lost: 'lost',
  reopen: 'reopen',
  problem_session_required:
    'Sign in to Webasyst in this browser: creating a linked deal needs your backend session. Dealbridge will retry by itself once you are signed in.',
  problem_data_required:
    'The rule asks a person to run “{action}” on order {order} with Shop-Script’s form (comment, tracking number and the rest). Run it there: this problem then clears by itself.',
  problem_form_refused:
    'Shop-Script did not run “{action}” on order {order} without its form: {error}. Run it there with the form: this problem then clears by itself.',
  problem_not_available:
    'Order {order} is “{state}”: the action “{action}” is not available from there. Change the order by hand or move the deal back, then retry.',
  problem_no_candidate_action:
    'No order action is mapped to “{target}” in funnel “{funnel}” that order {order} could run. Check the sync rules or change the order by hand.',
  problem_forbidden: 'Webasyst refused: {error}. Check your access rights, then retry.',
  problem_rejected: 'Webasyst rejected the change: {error}. Check the order and the deal, then retry or dismiss.',
  problem_retries_exhausted: 'Gave up after {attempts} tries: {error}. Retry when Webasyst answers again.',
  problem_order_missing: 'Order {order} no longer exists or cannot be read. Dismiss this item.',
  problem_deal_missing: 'The linked deal no longer exists or cannot be read. Dismiss this item.',
  problem_builtin_form:
    'Webasyst’s built-in integration wants the “{action}” form before moving the deal. Move the deal in CRM by hand.',
  problem_duplicate_deals:
    'Order {order} has several deals ({deals}). Dealbridge keeps deal {keep}; delete the others in CRM if they are not needed.',
  problem_create_unverified: 'The new deal for order {order} could not be confirmed. Check CRM, then retry or dismiss.',
  unknownError: 'unknown error',
} as const;

type Key = keyof typeof en;

const ru: Record<Key, string> = {
  effectCreate: 'Создать сделку в воронке {funnel}: {stage}',
  effectCreatePlain: 'Создать сделку для заказа {order}',
  effectMove: 'Перевести сделку на этап «{stage}»',
  effectWon: 'Закрыть сделку как выигранную',
  effectLost: 'Закрыть сделку как проигранную',
  effectReopen: 'Открыть сделку заново',
  effectOrderAction: 'Выполнить «{action}» для заказа {order}',
  effectCheckDeal: 'Привести сделку в соответствие с заказом {order}',
  effectCheckOrder: 'Привести заказ {order} в соответствие со сделкой',
  triggerOrderAction: 'Заказ {order}: {action}',
  triggerOrderNew: 'Новый заказ {order} ({storefront})',
  triggerOrderProcessed: 'Заказ {order} подтверждён ({storefront})',
  manualOrders: 'заказы вручную',
  triggerDealStage: 'Сделка «{deal}» переведена на этап «{stage}»',
  triggerDealWon: 'Сделка «{deal}» выиграна',
  triggerDealLost: 'Сделка «{deal}» проиграна',
  triggerDealReopen: 'Сделка «{deal}» открыта заново',
  ruleLabel: 'правило {rule}',
  autoCreateRule: 'автоматическое создание сделок',
  won: 'выиграна',
  lost: 'проиграна',
  reopen: 'открыть заново',
  problem_session_required:
    'Войдите в Webasyst в этом браузере: для создания связанной сделки нужна ваша сессия бекенда. Dealbridge повторит сам, когда вы войдёте.',
  problem_data_required:
    'Правило просит сотрудника выполнить «{action}» для заказа {order} через форму Shop-Script (комментарий, трек-номер и другие поля). Выполните его там — проблема исчезнет сама.',
  problem_form_refused:
    'Shop-Script не выполнил «{action}» для заказа {order} без формы: {error}. Выполните действие там через форму — проблема исчезнет сама.',
  problem_not_available:
    'Заказ {order} в статусе «{state}»: действие «{action}» отсюда недоступно. Измените заказ вручную или верните сделку, затем повторите.',
  problem_no_candidate_action:
    'Для «{target}» в воронке «{funnel}» не настроено действие, которое заказ {order} может выполнить. Проверьте правила синхронизации или измените заказ вручную.',
  problem_forbidden: 'Webasyst отказал: {error}. Проверьте права доступа и повторите.',
  problem_rejected: 'Webasyst отклонил изменение: {error}. Проверьте заказ и сделку, затем повторите или скройте.',
  problem_retries_exhausted: 'Не удалось после {attempts} попыток: {error}. Повторите, когда Webasyst снова ответит.',
  problem_order_missing: 'Заказ {order} больше не существует или недоступен. Скройте этот пункт.',
  problem_deal_missing: 'Связанная сделка больше не существует или недоступна. Скройте этот пункт.',
  problem_builtin_form:
    'Встроенная интеграция Webasyst требует форму действия «{action}» перед переводом сделки. Переведите сделку в CRM вручную.',
  problem_duplicate_deals:
    'У заказа {order} несколько сделок ({deals}). Dealbridge оставляет сделку {keep}; удалите лишние в CRM, если они не нужны.',
  problem_create_unverified:
    'Новую сделку для заказа {order} не удалось подтвердить. Проверьте CRM, затем повторите или скройте.',
  unknownError: 'неизвестная ошибка',
};

export const t = createI18n<Key>({ en, ru });
export type SyncTextKey = Key;
