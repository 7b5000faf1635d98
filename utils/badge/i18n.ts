import { createI18n } from '../i18n';

export const t = createI18n({
  en: {
    notConnected: 'Dealbridge: not connected',
    authError: 'Dealbridge: the connection was refused, connect again in the options',
    unreachable: 'Dealbridge: cannot reach {host}',
    degraded: 'Dealbridge: {detail}',
    degradedDefault: 'Shop-Script or CRM is not fully available',
    problems: { one: 'Dealbridge: {count} problem needs you', other: 'Dealbridge: {count} problems need you' },
    pending: { one: 'Dealbridge: {count} item waiting to sync', other: 'Dealbridge: {count} items waiting to sync' },
    pendingTail: { one: '{count} item waiting', other: '{count} items waiting' },
    allWell: 'Dealbridge: all in step',
    paused: 'Dealbridge: sync paused',
    pausedTail: 'sync paused',
  },
  ru: {
    notConnected: 'Dealbridge: не подключено',
    authError: 'Dealbridge: доступ отклонён, подключитесь снова в настройках',
    unreachable: 'Dealbridge: нет связи с {host}',
    degraded: 'Dealbridge: {detail}',
    degradedDefault: 'Shop-Script или CRM доступны не полностью',
    problems: {
      one: 'Dealbridge: {count} проблема требует внимания',
      few: 'Dealbridge: {count} проблемы требуют внимания',
      many: 'Dealbridge: {count} проблем требуют внимания',
      other: 'Dealbridge: {count} проблемы требуют внимания',
    },
    pending: {
      one: 'Dealbridge: {count} задача ждёт синхронизации',
      few: 'Dealbridge: {count} задачи ждут синхронизации',
      many: 'Dealbridge: {count} задач ждут синхронизации',
      other: 'Dealbridge: {count} задачи ждут синхронизации',
    },
    pendingTail: {
      one: '{count} задача ждёт',
      few: '{count} задачи ждут',
      many: '{count} задач ждут',
      other: '{count} задачи ждут',
    },
    allWell: 'Dealbridge: всё синхронизировано',
    paused: 'Dealbridge: синхронизация на паузе',
    pausedTail: 'синхронизация на паузе',
  },
});
