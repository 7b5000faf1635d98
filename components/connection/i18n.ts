import { createI18n } from '@/utils/i18n';

/** The connection section's strings; Webasyst's own words where it has them (Shop-Script, CRM, “API tokens”). */
export const t = createI18n({
  en: {
    title: 'Connection to Webasyst',
    intro:
      'Dealbridge works with your own Webasyst user: it asks your installation for access to Shop-Script and CRM, the way Webasyst’s mobile apps do. No plugin and no admin rights are needed.',
    addressLabel: 'Address of your Webasyst',
    addressHint: 'The address you open Webasyst at, e.g. https://shop.example.com/ or any page of its backend.',
    connect: 'Connect',
    connecting: 'Waiting for Webasyst… Sign in and allow access on the page that opened.',
    otherWays: 'Other ways to connect',
    codeIntro:
      'Open Webasyst’s access page without returning here, allow access and paste the code it shows (valid for 3 minutes).',
    getCode: 'Open the access page',
    codeLabel: 'Code from Webasyst',
    codeSubmit: 'Connect with the code',
    tokenIntro: 'Or paste an API token of your user (for example, one made in Webasyst’s API Explorer).',
    tokenLabel: 'API token',
    tokenSubmit: 'Connect with the token',
    working: 'Working…',
    connectedAs: 'Connected as',
    installation: 'Installation',
    apps: 'Apps',
    appOk: 'answers',
    appProblem: 'does not answer',
    version: 'version {version}',
    lastContact: 'Last contact: {time}',
    check: 'Check again',
    disconnect: 'Disconnect',
    disconnectConfirm:
      'Revoke Dealbridge’s token in Webasyst, stop its buttons on Webasyst pages and forget this connection’s data? Your mapping and other settings stay.',
    disconnectYes: 'Yes, disconnect',
    cancel: 'Cancel',
    disconnectedRevoked: 'Disconnected. The token was revoked in Webasyst.',
    disconnectedNotRevoked:
      'Disconnected here, but Webasyst could not be told. Remove the token “Dealbridge” in your Webasyst profile (Access tab) or in Team → API tokens.',
    reconnect: 'Connect again',
    healthAuth:
      'Webasyst no longer accepts Dealbridge’s token (it was revoked, or your user lost access). Connect again.',
    healthUnreachable: 'Webasyst did not answer the last request. Dealbridge keeps trying.',
    healthDegraded: 'Something needs your attention:',
    appNames_shop: 'Shop-Script',
    appNames_crm: 'CRM',
    userpicAlt: 'Userpic',
    // Problems, by code
    err_address_invalid: 'This is not an address Dealbridge can use.',
    err_permission_denied:
      'The browser did not allow Dealbridge to access this site, so it cannot connect. Click Connect again and allow access.',
    err_permission_missing: 'Dealbridge may not access this site yet.',
    err_not_webasyst: 'There is no Webasyst at this address.',
    err_unreachable: 'The address could not be reached.',
    err_redirect_loop: 'The address keeps redirecting.',
    err_redirected_elsewhere: 'The address redirects to another site.',
    err_api_disabled: 'This Webasyst has its API switched off.',
    err_consent_refused: 'Access was refused on Webasyst’s page.',
    err_consent_closed: 'Webasyst’s page was closed before access was given.',
    err_consent_failed: 'Webasyst’s access page did not give access.',
    err_code_invalid: 'Webasyst did not accept the code.',
    err_token_invalid: 'Webasyst does not accept this token.',
    err_no_apps: 'This user cannot use Shop-Script or CRM through the API.',
    err_busy: 'Dealbridge is already connecting.',
    err_other: 'Connecting did not work.',
    details: 'What was found: {message}',
  },
  ru: {
    title: 'Подключение к Webasyst',
    intro:
      'Dealbridge работает от имени вашего пользователя Webasyst: он запрашивает у вашей установки доступ к Shop-Script и CRM так же, как мобильные приложения Webasyst. Плагин и права администратора не нужны.',
    addressLabel: 'Адрес вашего Webasyst',
    addressHint:
      'Адрес, по которому вы открываете Webasyst, например https://shop.example.com/ или любая страница его бекенда.',
    connect: 'Подключить',
    connecting: 'Ждём Webasyst… Войдите и разрешите доступ на открывшейся странице.',
    otherWays: 'Другие способы подключения',
    codeIntro:
      'Откройте страницу доступа Webasyst без возврата сюда, разрешите доступ и вставьте показанный код (действует 3 минуты).',
    getCode: 'Открыть страницу доступа',
    codeLabel: 'Код из Webasyst',
    codeSubmit: 'Подключить по коду',
    tokenIntro: 'Или вставьте API-токен вашего пользователя (например, созданный в приложении API Explorer).',
    tokenLabel: 'API-токен',
    tokenSubmit: 'Подключить по токену',
    working: 'Выполняется…',
    connectedAs: 'Подключено как',
    installation: 'Установка',
    apps: 'Приложения',
    appOk: 'отвечает',
    appProblem: 'не отвечает',
    version: 'версия {version}',
    lastContact: 'Последний обмен: {time}',
    check: 'Проверить снова',
    disconnect: 'Отключить',
    disconnectConfirm:
      'Отозвать токен Dealbridge в Webasyst, убрать его кнопки со страниц Webasyst и забыть данные этого подключения? Сопоставление и другие настройки сохранятся.',
    disconnectYes: 'Да, отключить',
    cancel: 'Отмена',
    disconnectedRevoked: 'Отключено. Токен отозван в Webasyst.',
    disconnectedNotRevoked:
      'Отключено здесь, но сообщить Webasyst не удалось. Удалите токен «Dealbridge» в своём профиле Webasyst (вкладка «Доступ») или в приложении «Команда» → «API-токены».',
    reconnect: 'Подключить снова',
    healthAuth:
      'Webasyst больше не принимает токен Dealbridge (его отозвали, или у пользователя больше нет доступа). Подключите снова.',
    healthUnreachable: 'Webasyst не ответил на последний запрос. Dealbridge продолжает попытки.',
    healthDegraded: 'Требует внимания:',
    appNames_shop: 'Shop-Script',
    appNames_crm: 'CRM',
    userpicAlt: 'Фото пользователя',
    err_address_invalid: 'Этот адрес Dealbridge использовать не может.',
    err_permission_denied:
      'Браузер не разрешил Dealbridge доступ к этому сайту, поэтому подключиться нельзя. Нажмите «Подключить» ещё раз и разрешите доступ.',
    err_permission_missing: 'У Dealbridge пока нет доступа к этому сайту.',
    err_not_webasyst: 'По этому адресу нет Webasyst.',
    err_unreachable: 'Адрес недоступен.',
    err_redirect_loop: 'Адрес бесконечно перенаправляет.',
    err_redirected_elsewhere: 'Адрес перенаправляет на другой сайт.',
    err_api_disabled: 'В этом Webasyst API выключен.',
    err_consent_refused: 'На странице Webasyst в доступе отказано.',
    err_consent_closed: 'Страницу Webasyst закрыли, не разрешив доступ.',
    err_consent_failed: 'Страница доступа Webasyst не выдала доступ.',
    err_code_invalid: 'Webasyst не принял код.',
    err_token_invalid: 'Webasyst не принимает этот токен.',
    err_no_apps: 'Этот пользователь не может работать с Shop-Script и CRM через API.',
    err_busy: 'Dealbridge уже подключается.',
    err_other: 'Подключиться не удалось.',
    details: 'Что найдено: {message}',
  },
});

type ConnectionKey = Parameters<typeof t>[0];

const ERROR_KEYS: Record<string, ConnectionKey> = {
  address_invalid: 'err_address_invalid',
  permission_denied: 'err_permission_denied',
  permission_missing: 'err_permission_missing',
  not_webasyst: 'err_not_webasyst',
  unreachable: 'err_unreachable',
  redirect_loop: 'err_redirect_loop',
  redirected_elsewhere: 'err_redirected_elsewhere',
  api_disabled: 'err_api_disabled',
  consent_refused: 'err_consent_refused',
  consent_closed: 'err_consent_closed',
  consent_failed: 'err_consent_failed',
  code_invalid: 'err_code_invalid',
  token_invalid: 'err_token_invalid',
  no_apps: 'err_no_apps',
  busy: 'err_busy',
};

/** The headline for a problem code; the background's message follows it with the specifics. */
export function problemHeadline(code: string): string {
  return t(ERROR_KEYS[code] ?? 'err_other');
}
