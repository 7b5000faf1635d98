import { createI18n } from '../i18n';

/** The backfill's words stored in results and the activity log, in Webasyst's own terms. */
const en = {
  summary: '{linked} linked, {created} created, {skipped} skipped, {problems} problems',
  linkedMeanwhile: 'Deal #{deal} was linked to this order meanwhile',
  foundAfterLostReply: 'The reply was lost; the deal was found linked when read again',
  bindGone: 'The deal is no longer open and unlinked: nothing was written',
  unverified: 'Webasyst answered, but reading the deals again does not show the link',
  duplicates: 'Several deals are linked to this order: {deals}; #{keep} counts',
};
const ru: typeof en = {
  summary: 'привязано {linked}, создано {created}, пропущено {skipped}, проблем {problems}',
  linkedMeanwhile: 'Сделка #{deal} тем временем уже привязана к этому заказу',
  foundAfterLostReply: 'Ответ потерялся; при повторном чтении сделка оказалась привязанной',
  bindGone: 'Сделка больше не открыта или уже привязана: ничего не записано',
  unverified: 'Webasyst ответил, но при повторном чтении привязки нет',
  duplicates: 'К заказу привязано несколько сделок: {deals}; основная — #{keep}',
};

export const t = createI18n({ en, ru });
