import { createI18n, type Entry } from '@/utils/i18n';

/**
 * The words the order page's button needs at once. Everything the panel says is in
 * ./panel-i18n.ts, which ships with the panel's script, injected on first open.
 * Webasyst's own terms: Сделка в CRM, Открыта/Выиграна/Проиграна.
 */
const en = {
  dealInCrm: 'Deal in CRM',
  loading: 'Loading…',
  status_OPEN: 'Open',
  status_WON: 'Won',
  status_LOST: 'Lost',
  err_extension_unavailable: 'Dealbridge was updated or restarted. Reload this page.',
  checking: 'Checking the deal in CRM…',
  unchecked: 'Could not check the deal: as last seen',
  connect: 'Connect Dealbridge',
  connectTitle: 'Open Dealbridge’s settings',
};

const ru: Record<keyof typeof en, Entry> = {
  dealInCrm: 'Сделка в CRM',
  loading: 'Загрузка…',
  status_OPEN: 'Открыта',
  status_WON: 'Выиграна',
  status_LOST: 'Проиграна',
  err_extension_unavailable: 'Dealbridge обновился или перезапустился. Обновите эту страницу.',
  checking: 'Проверяем сделку в CRM…',
  unchecked: 'Не удалось проверить сделку: как в последний раз',
  connect: 'Подключить Dealbridge',
  connectTitle: 'Открыть настройки Dealbridge',
};

export const t = createI18n({ en, ru });
export type MessageKey = keyof typeof en;
