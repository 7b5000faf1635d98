import { createI18n } from '@/utils/i18n';

/** Words for a pair's sync items, shared by the order page's control and the deal page's panel. */
export const tSync = createI18n({
  en: {
    pending: { one: '{count} change waiting to sync', other: '{count} changes waiting to sync' },
    problems: { one: '{count} sync problem', other: '{count} sync problems' },
    retry: 'Retry',
    retrying: 'Retrying…',
    runInShop: 'Run “{action}” on order {order}',
    dismiss: 'Dismiss',
  },
  ru: {
    pending: {
      one: '{count} изменение ждёт синхронизации',
      few: '{count} изменения ждут синхронизации',
      many: '{count} изменений ждут синхронизации',
      other: '{count} изменения ждут синхронизации',
    },
    problems: {
      one: '{count} проблема синхронизации',
      few: '{count} проблемы синхронизации',
      many: '{count} проблем синхронизации',
      other: '{count} проблемы синхронизации',
    },
    retry: 'Повторить',
    retrying: 'Повторяем…',
    runInShop: 'Выполнить «{action}» для заказа {order}',
    dismiss: 'Скрыть',
  },
});
