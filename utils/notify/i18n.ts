import { createI18n } from '../i18n';

export const t = createI18n({
  en: {
    oneTitle: 'Dealbridge: a problem needs you',
    manyTitle: { one: 'Dealbridge: {count} problem needs you', other: 'Dealbridge: {count} problems need you' },
    manyMessage: 'Open Dealbridge to see what went wrong and retry.',
    authTitle: 'Dealbridge: access refused',
    authMessage: 'Webasyst no longer accepts Dealbridge’s access. Connect again in Dealbridge’s options.',
    unreachableTitle: 'Dealbridge: Webasyst does not answer',
    unreachableMessage: 'Sync waits until {host} answers again.',
  },
  ru: {
    oneTitle: 'Dealbridge: проблема требует внимания',
    manyTitle: {
      one: 'Dealbridge: {count} проблема требует внимания',
      few: 'Dealbridge: {count} проблемы требуют внимания',
      many: 'Dealbridge: {count} проблем требуют внимания',
      other: 'Dealbridge: {count} проблемы требуют внимания',
    },
    manyMessage: 'Откройте Dealbridge, чтобы увидеть, что случилось, и повторить.',
    authTitle: 'Dealbridge: доступ отклонён',
    authMessage: 'Webasyst больше не принимает доступ Dealbridge. Подключитесь снова в настройках Dealbridge.',
    unreachableTitle: 'Dealbridge: Webasyst не отвечает',
    unreachableMessage: 'Синхронизация продолжится, когда {host} снова ответит.',
  },
});
