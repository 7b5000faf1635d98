import { browser } from 'wxt/browser';
import type { ConnectionView } from '@/utils/messaging/models';
import { t } from './i18n';
import { absoluteTime, relativeTime } from './format';

const HEALTH_TEXT = {
  ok: () => t('healthOk'),
  auth_error: () => t('healthAuthError'),
  unreachable: () => t('healthUnreachable'),
  degraded: () => t('healthDegraded'),
} as const;

/** Who Dealbridge is connected as, to which installation, and whether Webasyst answers. */
export function ConnectionHealth({ connection, now }: { connection: ConnectionView | null; now: number }) {
  if (!connection) {
    return (
      <section class="db-connection db-connection--none" data-dealbridge="connection" data-health="none">
        <p>{t('notConnected')}</p>
        <OptionsLink label={t('connect')} />
      </section>
    );
  }
  const installation = connection.installationName ?? hostOf(connection.baseUrl);
  return (
    <section class={`db-connection db-connection--${connection.health}`} data-dealbridge="connection" data-health={connection.health}>
      <div class="db-connection__who">
        <span class="db-dot" aria-hidden="true" />
        <strong>{t('connectedAs', { user: connection.userName, installation })}</strong>
      </div>
      <div class="db-muted">
        {HEALTH_TEXT[connection.health]()}
        {' · '}
        {connection.lastContactAt ? (
          <span title={absoluteTime(connection.lastContactAt)}>{t('lastContact', { when: relativeTime(connection.lastContactAt, now) })}</span>
        ) : (
          t('neverContacted')
        )}
      </div>
      {connection.health !== 'ok' && connection.lastError ? <div class="db-error">{connection.lastError}</div> : null}
    </section>
  );
}

export function OptionsLink({ label }: { label: string }) {
  const open = (event: Event) => {
    event.preventDefault();
    void browser.runtime.openOptionsPage();
  };
  return (
    <a class="db-link" href={browser.runtime.getURL('/options.html')} onClick={open} data-dealbridge="open-options">
      {label}
    </a>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
