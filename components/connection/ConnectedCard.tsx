import type { ConnectionView } from '@/utils/messaging/models';
import { currentLanguage } from '@/utils/i18n';
import type { ConnectionModel } from './model';
import { useState } from 'preact/hooks';
import { t } from './i18n';

/** Who is connected, to which installation, which apps answer, and what is wrong if anything. */
export function ConnectedCard({ model, view }: { model: ConnectionModel; view: ConnectionView }) {
  const disabled = model.busy.value !== null;
  return (
    <div class="db-connected" data-dealbridge="connection-card" data-health={view.health}>
      <div class="db-connected-who">
        <Userpic url={view.userpicUrl} name={view.userName} />
        <div>
          <div class="db-muted">{t('connectedAs')}</div>
          <strong data-dealbridge="connection-status">{view.userName}</strong>
        </div>
      </div>
      <dl class="db-grid">
        <dt>{t('installation')}</dt>
        <dd>
          {view.installationName ? <>{view.installationName} · </> : null}
          <a href={view.baseUrl} target="_blank" rel="noopener noreferrer" data-dealbridge="connection-url">
            {view.baseUrl}
          </a>
        </dd>
        <dt>{t('apps')}</dt>
        <dd>
          <ul class="db-apps" data-dealbridge="connection-apps">
            {view.apps.map((app) => (
              <li key={app.id} data-app={app.id} data-ok={String(app.ok)}>
                <strong>
                  {app.id === 'shop' ? t('appNames_shop') : app.id === 'crm' ? t('appNames_crm') : app.id}
                </strong>{' '}
                {app.ok ? t('appOk') : <span class="db-warning-text">{t('appProblem')}</span>}
                {app.version ? <span class="db-muted"> · {t('version', { version: app.version })}</span> : null}
                {app.problem ? <div class="db-warning-text">{app.problem}</div> : null}
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      <Health view={view} />
      {view.lastContactAt ? <p class="db-muted">{t('lastContact', { time: formatTime(view.lastContactAt) })}</p> : null}
      {model.confirmingDisconnect.value ? (
        <div role="alertdialog" class="db-confirm">
          <p>{t('disconnectConfirm')}</p>
          <button
            type="button"
            class="db-button db-danger"
            data-dealbridge="disconnect-confirm"
            onClick={() => void model.disconnect()}
          >
            {t('disconnectYes')}
          </button>{' '}
          <button type="button" class="db-button" onClick={() => (model.confirmingDisconnect.value = false)}>
            {t('cancel')}
          </button>
        </div>
      ) : (
        <div class="db-actions">
          <button
            type="button"
            class="db-button"
            data-dealbridge="connection-check"
            disabled={disabled}
            onClick={() => void model.check()}
          >
            {t('check')}
          </button>{' '}
          <button
            type="button"
            class="db-button"
            data-dealbridge="disconnect"
            disabled={disabled}
            onClick={() => (model.confirmingDisconnect.value = true)}
          >
            {t('disconnect')}
          </button>
        </div>
      )}
    </div>
  );
}

function Health({ view }: { view: ConnectionView }) {
  if (view.health === 'ok') return null;
  const text =
    view.health === 'auth_error'
      ? t('healthAuth')
      : view.health === 'unreachable'
        ? t('healthUnreachable')
        : t('healthDegraded');
  return (
    <div role="alert" class="db-warning-text" data-dealbridge="connection-health">
      <p>{text}</p>
      {view.lastError && view.health !== 'auth_error' ? <p>{view.lastError}</p> : null}
    </div>
  );
}

function formatTime(at: number): string {
  return new Intl.DateTimeFormat(currentLanguage() === 'ru' ? 'ru-RU' : 'en-US', {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(at);
}

/** The user's photo, or their initials when there is none or it does not load (a broken image never shows). */
function Userpic({ url, name }: { url: string | null; name: string }) {
  const [failed, setFailed] = useState<string | null>(null);
  if (url && failed !== url) {
    return (
      <img
        src={url}
        alt={t('userpicAlt')}
        width={40}
        height={40}
        class="db-userpic"
        referrerpolicy="no-referrer"
        onError={() => setFailed(url)}
        data-dealbridge="userpic"
      />
    );
  }
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word[0]!.toUpperCase())
    .join('');
  return (
    <span class="db-userpic db-userpic-initials" aria-hidden="true" data-dealbridge="userpic-initials">
      {initials || '?'}
    </span>
  );
}
