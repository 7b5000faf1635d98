import type { Lang } from '../i18n';

/**
 * Facts about Shop-Script's default order workflow that its API does not expose: the
 * action names (in Shop-Script's own English and Russian wording) and the state each
 * action moves an order to. There is no API that lists all actions with their names
 * and target states; only state → available action ids (shop.settings.get) and the
 * actions one order offers now (shop.order.actions). Custom actions are therefore
 * named from shop.order.actions of an order whose state offers them, and their target
 * state is unknown unless learned from an order's log.
 */
interface DefaultAction {
  en: string;
  ru: string;
  /** State the action moves the order to; null = no change; 'previous' = the state before deletion. */
  target: string | null | 'previous';
  /** Shop-Script shows a form for it (`data_required` in shop.order.actions). */
  form: boolean;
}

export const DEFAULT_ACTIONS: Readonly<Record<string, DefaultAction>> = {
  create: { en: 'Create', ru: 'Создать', target: 'new', form: false },
  process: { en: 'Process', ru: 'В обработку', target: 'processing', form: false },
  pay: { en: 'Paid', ru: 'Оплачен', target: 'paid', form: true },
  initpay: { en: 'Initiate POS payment', ru: 'Оплата на кассе', target: null, form: false },
  fulfilling: { en: 'Start fulfillment', ru: 'На сборку', target: 'fulfilling', form: true },
  ship: { en: 'Sent', ru: 'Отправлен', target: 'shipped', form: true },
  refund: { en: 'Refund', ru: 'Возврат', target: 'refunded', form: true },
  edit: { en: 'Edit order', ru: 'Редактировать заказ', target: null, form: true },
  editcode: { en: 'Edit product codes', ru: 'Изменить товарные коды', target: null, form: true },
  editshippingdetails: { en: 'Edit shipping details', ru: 'Изменить параметры доставки', target: null, form: true },
  delete: { en: 'Delete', ru: 'Удалить', target: 'deleted', form: true },
  restore: { en: 'Restore', ru: 'Восстановить', target: 'previous', form: false },
  complete: { en: 'Mark as Completed', ru: 'Выполнен', target: 'completed', form: false },
  message: { en: 'Contact customer', ru: 'Написать клиенту', target: null, form: true },
  comment: { en: 'Add comment', ru: 'Добавить комментарий', target: null, form: true },
  callback: { en: 'Callback', ru: 'Ответ платежной системы (callback)', target: null, form: false },
  auth: { en: 'Authorize payment', ru: 'Авторизовать платеж', target: 'auth', form: false },
  settle: { en: 'Merge', ru: 'Объединить', target: null, form: true },
  cancel: { en: 'Cancel payment', ru: 'Отменить платеж', target: 'refunded', form: false },
  capture: { en: 'Capture payment', ru: 'Списать средства', target: 'paid', form: true },
  pickup: { en: 'Pick up', ru: 'Выдать', target: 'completed', form: true },
  sendpin: { en: 'Resend PIN', ru: 'Отправить ПИН', target: null, form: true },
};

/**
 * What a rule does when its action has a form: run it without the form (the order gets
 * Shop-Script's defaults) or ask a person, who gets Shop-Script's own form in one click.
 */
export type FormChoice = 'run' | 'ask';

/**
 * Form actions whose defaults are what a merchant means by the rule: "Paid" pays today,
 * "Sent" and "Start fulfillment" only miss the tracking number and comment. Deleting,
 * refunding and every custom or plugin action ask a person unless a rule says otherwise.
 */
const RUN_WITHOUT_FORM: ReadonlySet<string> = new Set(['pay', 'ship', 'fulfilling']);

export function defaultFormChoice(actionId: string): FormChoice {
  if (RUN_WITHOUT_FORM.has(actionId)) return 'run';
  const known = Object.hasOwn(DEFAULT_ACTIONS, actionId) ? DEFAULT_ACTIONS[actionId] : undefined;
  return known && !known.form ? 'run' : 'ask';
}

/** Whether an action shows a form: known for Shop-Script's defaults, null for custom actions. */
export function defaultActionHasForm(actionId: string): boolean | null {
  return Object.hasOwn(DEFAULT_ACTIONS, actionId) ? DEFAULT_ACTIONS[actionId].form : null;
}

/** Actions Webasyst's own "Workflow-Funnel synchronization" table leaves out; so do we. */
const EXCLUDED_ACTIONS: ReadonlySet<string> = new Set(['create', 'edit', 'editcode', 'callback', 'settle']);

export function isMappableAction(actionId: string): boolean {
  return !EXCLUDED_ACTIONS.has(actionId);
}

export function defaultActionName(actionId: string, lang: Lang): string | null {
  const known = Object.hasOwn(DEFAULT_ACTIONS, actionId) ? DEFAULT_ACTIONS[actionId] : undefined;
  return known ? known[lang] : null;
}

/** The state a default action moves an order to (null: none or unknown; 'previous' for restore). */
export function defaultActionTarget(actionId: string): string | null | 'previous' {
  return Object.hasOwn(DEFAULT_ACTIONS, actionId) ? DEFAULT_ACTIONS[actionId].target : null;
}

/**
 * The installation's actions in workflow order. The API has no list of actions, so the
 * order is that of first appearance walking the states and their available actions in
 * the order shop.settings.get gives them (the workflow config's order).
 */
export function workflowActionOrder(states: ReadonlyArray<{ availableActions: readonly string[] }>): string[] {
  const seen = new Set<string>();
  for (const state of states) for (const action of state.availableActions) seen.add(action);
  return [...seen];
}

/** Sorts action ids by workflow order; ids missing from the workflow go last, in their given order. */
export function sortByWorkflow(actionIds: readonly string[], order: readonly string[]): string[] {
  const rank = new Map(order.map((id, index) => [id, index]));
  return [...actionIds].sort((a, b) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity));
}
