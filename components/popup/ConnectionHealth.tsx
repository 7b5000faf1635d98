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
 * does not answer, where it is the one thing worth knowing. A refused token gets its own
 * "Connect again", which opens the options, where connecting happens.
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
    <section
      class={`db-connection db-connection--${connection.health}`}
      data-dealbridge="connection"
      data-health={connection.health}
    >
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
              <span title={absoluteTime(connection.lastContactAt)}>
                {t('lastAnswer', { ago: ago(connection.lastContactAt, now) })}
              </span>
            ) : (
              t('neverAnswered')
            )}
          </>
        ) : null}
      </div>
      {/* A refused token is explained above in the user's language; other troubles keep the background's detail. */}
      {connection.health !== 'ok' && connection.health !== 'auth_error' && connection.lastError ? (
        <div class="db-error" data-dealbridge="health-detail">
          {connection.lastError}
        </div>
      ) : null}
      {connection.health === 'auth_error' ? (
        <div class="db-actions">
          <OptionsLink label={t('connectAgain')} button hook="connect-again" />
        </div>
      ) : null}
    </section>
  );
}

/** Opens the options page (where connecting happens): a link, or a primary button when it is the way out. */
export function OptionsLink({
  label,
  button = false,
  hook = 'open-options',
}: {
  label: string;
  button?: boolean;
  hook?: string;
}) {
  const open = (event: Event) => {
    event.preventDefault();
    void browser.runtime.openOptionsPage();
  };
  if (button) {
    return (
      <button type="button" class="db-button db-button--primary" onClick={open} data-dealbridge={hook}>
        {label}
      </button>
    );
  }
  return (
    <a class="db-link" href={browser.runtime.getURL('/options.html')} onClick={open} data-dealbridge={hook}>
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
