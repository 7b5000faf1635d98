import { browser } from 'wxt/browser';
import type { ConnectionView } from '@/utils/messaging/models';
import { t } from './i18n';
import { absoluteTime, ago } from './format';

const HEALTH_TEXT = {
  ok: () => t('healthOk'),
  auth_error: () => t('healthAuthError'),
  unreachable: () => t('healthUnreachable'),
  degraded: () => t('healthDegraded'),
} as const;

/**
 * Who Dealbridge is connected as, to which installation, and whether Webasyst answers.
 * When all is well it says "Connected" and nothing more: the sync line below tells when
 * Webasyst was last worked with. The time of the last answer is shown only while Webasyst
 * does not answer, where it is the one thing worth knowing.
 */
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
      <div class={connection.health === 'ok' ? 'db-muted' : 'db-warning'} data-dealbridge="health">
        {HEALTH_TEXT[connection.health]()}
        {connection.health === 'unreachable' ? (
          <>
            {' · '}
            {connection.lastContactAt ? (
              <span title={absoluteTime(connection.lastContactAt)}>{t('lastAnswer', { ago: ago(connection.lastContactAt, now) })}</span>
            ) : (
              t('neverAnswered')
            )}
          </>
        ) : null}
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
