import { useEffect, useMemo } from 'preact/hooks';
import { ConnectForm } from './ConnectForm';
import { ConnectedCard } from './ConnectedCard';
import { createConnectionModel, type ConnectionDeps, type ConnectionModel } from './model';
import { problemHeadline, t } from './i18n';
import './style.css';

/**
 * The options page's connection section: connect (consent page, pasted code, pasted
 * token), who is connected and what answers, disconnect. The options page mounts it.
 */
export function ConnectionSection({ deps, model: given }: { deps?: ConnectionDeps; model?: ConnectionModel } = {}) {
  const model = useMemo(() => given ?? createConnectionModel(deps), [given, deps]);
  useEffect(() => {
    void model.load();
    // Back from the consent tab or from Webasyst: show what the background knows now.
    const refresh = () => {
      if (model.busy.value === null && model.loaded.value) void model.load();
    };
    window.addEventListener('focus', refresh);
    return () => window.removeEventListener('focus', refresh);
  }, [model]);

  const view = model.view.value;
  const needsReconnect = view?.health === 'auth_error';
  return (
    <div class="db-connection" data-dealbridge="connection" aria-busy={model.busy.value !== null}>
      <h2>{t('title')}</h2>
      {!view ? <p class="db-intro">{t('intro')}</p> : null}
      <ProblemBox model={model} />
      {model.notice.value ? (
        <p role="status" data-dealbridge="connection-notice">
          {model.notice.value === 'revoked' ? t('disconnectedRevoked') : t('disconnectedNotRevoked')}
        </p>
      ) : null}
      {view ? <ConnectedCard model={model} view={view} /> : null}
      {model.loaded.value && (!view || needsReconnect) ? (
        <>
          {needsReconnect ? <h3>{t('reconnect')}</h3> : null}
          <ConnectForm model={model} />
        </>
      ) : null}
      {model.busy.value && model.busy.value !== 'connect' ? (
        <p class="db-muted" aria-live="polite">
          {t('working')}
        </p>
      ) : null}
    </div>
  );
}

function ProblemBox({ model }: { model: ConnectionModel }) {
  const problem = model.problem.value;
  if (!problem) return null;
  return (
    <div role="alert" class="db-error-text" data-dealbridge="connection-error" data-code={problem.code}>
      <strong>{problemHeadline(problem.code)}</strong>
      {problem.message ? <p>{t('details', { message: problem.message })}</p> : null}
    </div>
  );
}
